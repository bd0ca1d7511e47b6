//! The command line (clap). Help is in Vietnamese, for the cell's staff.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "chibo",
    version,
    about = "Dựng trang tin và báo cáo của chi bộ từ nhật ký hoạt động (YAML) và bài viết (Markdown)",
    propagate_version = true
)]
/// The command line of `chibo`.
pub struct Cli {
    /// Thư mục của trang (nơi có site.yaml); mặc định là thư mục hiện tại
    #[arg(long, global = true, default_value = ".", env = "CHIBO_ROOT")]
    pub root: PathBuf,
    /// Không in tiến độ và tóm tắt, chỉ in lỗi và cảnh báo
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands of DESIGN.md §Commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Tạo một trang mới có sẵn ví dụ trong thư mục DIR
    Init {
        /// Thư mục sẽ tạo (phải chưa có hoặc đang trống)
        dir: PathBuf,
    },
    /// Tạo tệp mới: bài viết hoặc mục nhật ký hoạt động
    #[command(subcommand)]
    New(NewKind),
    /// Kiểm tra toàn bộ trang, báo mọi lỗi cùng lúc (mã thoát 1 nếu có lỗi)
    Check,
    /// Dựng trang vào thư mục output/
    Build(BuildArgs),
    /// Xem trước trên máy này, kể cả bài nháp; trang tự tải lại khi lưu tệp
    Serve {
        /// Cổng; nếu bận thì dùng cổng trống kế tiếp
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
        /// Địa chỉ lắng nghe; mặc định chỉ máy này. 0.0.0.0 mở cho cả mạng nội bộ (có cảnh báo)
        #[arg(short, long, default_value = "127.0.0.1")]
        interface: String,
        /// Mở trình duyệt sau khi dựng xong
        #[arg(short = 'O', long)]
        open: bool,
    },
    /// Số liệu của một khoảng thời gian, tính từ nhật ký hoạt động
    Figures {
        /// Từ ngày (YYYY-MM-DD, tính cả ngày này); mặc định: đầu nhiệm kỳ
        #[arg(long)]
        from: Option<String>,
        /// Đến ngày (YYYY-MM-DD, tính cả ngày này); mặc định: cuối nhiệm kỳ
        #[arg(long)]
        to: Option<String>,
        /// In dạng JSON (cho các công cụ khác đọc)
        #[arg(long)]
        json: bool,
    },
    /// Dựng các báo cáo (khổ A4 để in) vào output/bao-cao/TÊN/
    Report {
        /// Tên báo cáo (tên tệp trong content/reports/, bỏ .md); mặc định: tất cả
        names: Vec<String>,
        /// In thêm ra PDF bằng Chromium/Chrome có trên máy
        #[arg(long)]
        pdf: bool,
        /// Thư mục ra (mặc định: output)
        #[arg(short = 'o', long = "output-dir", default_value = "output")]
        output: PathBuf,
    },
}

/// What `chibo new` creates.
#[derive(Subcommand, Debug)]
pub enum NewKind {
    /// Bài viết mới: content/articles/NĂM/<đường-dẫn>.md, ở chế độ nháp
    Article {
        /// Tiêu đề bài viết, có dấu, ví dụ "Chi bộ tổ chức sinh hoạt chuyên đề"
        title: String,
        /// Danh mục (khóa trong site.yaml); mặc định là danh mục đầu tiên
        #[arg(long)]
        category: Option<String>,
    },
    /// Mục nhật ký mới có đủ các khóa của loại KIND, kèm chú thích
    Activity {
        /// Loại hoạt động, ví dụ sinh_hoat_thuong_ky, ket_nap, kiem_tra
        kind: String,
    },
}

/// The options of `chibo build`.
#[derive(clap::Args, Debug, Clone)]
pub struct BuildArgs {
    /// Đăng cả bài nháp và bài có ngày trong tương lai
    #[arg(long)]
    pub drafts: bool,
    /// Thư mục ra (mặc định: output)
    #[arg(short = 'o', long = "output-dir", default_value = "output")]
    pub output: PathBuf,
    /// Thay base_url của site.yaml (ví dụ khi đưa lên máy chủ thử)
    #[arg(long)]
    pub base_url: Option<String>,
    /// Cho phép thay thế một thư mục ra không do chibo tạo
    #[arg(long)]
    pub force: bool,
    /// In thời gian của từng bước dựng trang
    #[arg(long)]
    pub timings: bool,
}
