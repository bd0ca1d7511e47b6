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
pub struct Cli {
    /// Thư mục của trang (nơi có site.yaml); mặc định là thư mục hiện tại
    #[arg(long, global = true, default_value = ".", env = "CHIBO_ROOT")]
    pub root: PathBuf,
    /// Không in tiến độ và tóm tắt, chỉ in lỗi và cảnh báo
    #[arg(short, long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Tạo một trang mới có sẵn ví dụ trong thư mục DIR
    Init {
        /// Thư mục sẽ tạo (phải chưa có hoặc đang trống)
        dir: PathBuf,
    },
    /// Tạo tệp mới: bài viết
    #[command(subcommand)]
    New(NewKind),
    /// Kiểm tra toàn bộ trang, báo mọi lỗi cùng lúc (mã thoát 1 nếu có lỗi)
    Check,
    /// Dựng trang vào thư mục output/
    Build(BuildArgs),
}

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
}

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
