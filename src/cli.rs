//! The command line (clap). Help, usage lines and command-line errors are
//! in Vietnamese, for the cell's staff: clap's own headings, flags and
//! defaults are replaced, and its errors are said again by [`error_message`].

use std::path::PathBuf;

use clap::ArgAction;
use clap::{Parser, Subcommand};

/// The layout of every help page, with Vietnamese headings.
const HELP: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// The command line of `chibo`.
#[derive(Parser, Debug)]
#[command(
    name = "chibo",
    version,
    about = "Dựng trang tin và báo cáo của chi bộ từ nhật ký hoạt động (YAML) và bài viết (Markdown)",
    help_template = HELP,
    override_usage = "chibo [TÙY CHỌN] <LỆNH>",
    subcommand_help_heading = "Lệnh",
    subcommand_value_name = "LỆNH",
    next_help_heading = "Tùy chọn",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    after_help = "Hướng dẫn của từng lệnh: chibo LỆNH --help (ví dụ chibo build --help)."
)]
pub struct Cli {
    /// Thư mục của trang (nơi có site.yaml); mặc định: thư mục hiện tại,
    /// hoặc biến môi trường CHIBO_ROOT
    #[arg(
        long,
        global = true,
        default_value = ".",
        env = "CHIBO_ROOT",
        hide_default_value = true,
        hide_env = true,
        value_name = "THƯ_MỤC"
    )]
    pub root: PathBuf,
    /// Không in tiến độ và tóm tắt, chỉ in lỗi và cảnh báo
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// In hướng dẫn này
    #[arg(short = 'h', long = "help", global = true, action = ArgAction::Help)]
    help: Option<bool>,
    /// In số phiên bản
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands (README.md §Commands).
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Tạo một trang mới có sẵn ví dụ trong thư mục THƯ_MỤC
    #[command(help_template = HELP, next_help_heading = "Tùy chọn", override_usage = "chibo init THƯ_MỤC")]
    Init {
        /// Thư mục sẽ tạo (phải chưa có hoặc đang trống); đường dẫn tương đối tính từ --root
        #[arg(value_name = "THƯ_MỤC", help_heading = "Tham số")]
        dir: PathBuf,
    },
    /// Tạo tệp mới: bài viết hoặc mục nhật ký hoạt động
    #[command(
        subcommand,
        help_template = HELP,
        override_usage = "chibo new article \"Tiêu đề\" | chibo new activity LOẠI",
        subcommand_help_heading = "Lệnh",
        subcommand_value_name = "LOẠI_TỆP"
    )]
    New(NewKind),
    /// Kiểm tra toàn bộ trang, báo mọi lỗi cùng lúc (mã thoát 1 nếu có lỗi)
    #[command(help_template = HELP, next_help_heading = "Tùy chọn", override_usage = "chibo check [TÙY CHỌN]")]
    Check {
        /// Hỏi cả các trang ngoài mà bài viết dẫn tới (cần mạng; kết quả được nhớ một ngày trong .chibo-cache/)
        #[arg(long)]
        external: bool,
    },
    /// Dựng trang vào thư mục output/
    #[command(help_template = HELP, next_help_heading = "Tùy chọn", override_usage = "chibo build [TÙY CHỌN]")]
    Build(BuildArgs),
    /// Xem trước trên máy này, kể cả bài nháp; trang tự tải lại khi lưu tệp
    #[command(help_template = HELP, next_help_heading = "Tùy chọn", override_usage = "chibo serve [TÙY CHỌN]")]
    Serve {
        /// Cổng (mặc định: 1111); nếu bận thì dùng cổng trống kế tiếp
        #[arg(
            short,
            long,
            default_value_t = 1111,
            hide_default_value = true,
            value_name = "CỔNG"
        )]
        port: u16,
        /// Địa chỉ lắng nghe (mặc định: 127.0.0.1, chỉ máy này); 0.0.0.0 mở cho cả mạng nội bộ (có cảnh báo)
        #[arg(
            short,
            long,
            default_value = "127.0.0.1",
            hide_default_value = true,
            value_name = "ĐỊA_CHỈ"
        )]
        interface: String,
        /// Mở trình duyệt sau khi dựng xong
        #[arg(short = 'O', long)]
        open: bool,
    },
    /// Số liệu của một khoảng thời gian, tính từ nhật ký hoạt động
    #[command(help_template = HELP, next_help_heading = "Tùy chọn", override_usage = "chibo figures [TÙY CHỌN]")]
    Figures {
        /// Từ ngày (YYYY-MM-DD, tính cả ngày này); mặc định: đầu nhiệm kỳ
        #[arg(long, value_name = "NGÀY")]
        from: Option<String>,
        /// Đến ngày (YYYY-MM-DD, tính cả ngày này); mặc định: cuối nhiệm kỳ
        #[arg(long, value_name = "NGÀY")]
        to: Option<String>,
        /// In dạng JSON (cho các công cụ khác đọc)
        #[arg(long)]
        json: bool,
        /// Ghi thêm bảng tính Excel (.xlsx) vào TỆP: số liệu từng năm và chỉ tiêu
        #[arg(long, value_name = "TỆP")]
        xlsx: Option<std::path::PathBuf>,
    },
    /// Tổng hợp số liệu các chi bộ cho cấp ủy cấp trên: chạy trong thư mục có rollup.yaml
    #[command(help_template = HELP, next_help_heading = "Tùy chọn", override_usage = "chibo rollup [TÙY CHỌN]")]
    Rollup {
        /// Từ ngày (YYYY-MM-DD, tính cả ngày này); mặc định: đầu nhiệm kỳ của cấp ủy
        #[arg(long, value_name = "NGÀY")]
        from: Option<String>,
        /// Đến ngày (YYYY-MM-DD, tính cả ngày này); mặc định: cuối tháng trước (hoặc cuối nhiệm kỳ)
        #[arg(long, value_name = "NGÀY")]
        to: Option<String>,
        /// In dạng JSON (cho các công cụ khác đọc)
        #[arg(long)]
        json: bool,
        /// Ghi thêm bảng tính Excel (.xlsx) vào TỆP: bảng tổng hợp, xếp loại, chi bộ lỗi
        #[arg(long, value_name = "TỆP")]
        xlsx: Option<std::path::PathBuf>,
    },
    /// Biên bản và nghị quyết (hoặc chương trình và dự thảo nghị quyết) của buổi họp ngày NGÀY (hoặc mọi buổi họp có ghi giấy tờ trong một khoảng thời gian, với --all), viết từ nhật ký, vào bao-cao/hop/NGÀY/ (nội bộ, không đăng lên trang)
    #[command(help_template = HELP, next_help_heading = "Tùy chọn", override_usage = "chibo meeting NGÀY [--before] [--pdf]\n       chibo meeting --all [--from NGÀY] [--to NGÀY] [--before] [--pdf]")]
    Meeting {
        /// Ngày họp (YYYY-MM-DD)
        #[arg(
            value_name = "NGÀY",
            help_heading = "Tham số",
            required_unless_present = "all",
            conflicts_with = "all"
        )]
        date: Option<String>,
        /// Mọi buổi họp có ghi giấy tờ (end, agenda, tasks, …) trong khoảng --from … --to; mặc định: nhiệm kỳ đến nay
        #[arg(long)]
        all: bool,
        /// Với --all: từ ngày (YYYY-MM-DD, tính cả ngày này)
        #[arg(long, value_name = "NGÀY", requires = "all")]
        from: Option<String>,
        /// Với --all: đến ngày (YYYY-MM-DD, tính cả ngày này)
        #[arg(long, value_name = "NGÀY", requires = "all")]
        to: Option<String>,
        /// Trước buổi họp: chương trình và dự thảo nghị quyết (thay cho biên bản, nghị quyết)
        #[arg(long)]
        before: bool,
        /// In thêm ra PDF bằng Chromium/Chrome có trên máy
        #[arg(long)]
        pdf: bool,
    },
    /// Sổ đảng viên (content/dang-vien.yaml, nội bộ) vào một ngày: số lượng và danh sách; với --due, các hạn sắp đến (chuyển chính thức, Huy hiệu Đảng)
    #[command(help_template = HELP, next_help_heading = "Tùy chọn", override_usage = "chibo members [--date NGÀY] [--due]")]
    Members {
        /// Ngày xem sổ (YYYY-MM-DD); mặc định: hôm nay
        #[arg(long, value_name = "NGÀY")]
        date: Option<String>,
        /// Các hạn trong 60 ngày tới và các hạn đã quá
        #[arg(long)]
        due: bool,
    },
    /// Giấy tờ xếp loại đảng viên năm NĂM (danh sách, biên bản hội nghị, báo cáo kết quả) vào bao-cao/xep-loai/NĂM/ (nội bộ)
    #[command(help_template = HELP, next_help_heading = "Tùy chọn", override_usage = "chibo rating NĂM [--pdf]")]
    Rating {
        /// Năm được xếp loại, ví dụ 2025
        #[arg(value_name = "NĂM", help_heading = "Tham số")]
        year: i16,
        /// In thêm ra PDF bằng Chromium/Chrome có trên máy
        #[arg(long)]
        pdf: bool,
    },
    /// Xóa bộ nhớ đệm .chibo-cache/ (ảnh đã xử lý, kết quả hỏi liên kết ngoài); lần dựng sau làm lại
    #[command(help_template = HELP, next_help_heading = "Tùy chọn", override_usage = "chibo clean")]
    Clean,
    /// Dựng các báo cáo (khổ A4 để in) vào output/bao-cao/TÊN/; trong thư mục có rollup.yaml: báo cáo của cấp ủy cấp trên, tổng hợp từ các chi bộ
    #[command(help_template = HELP, next_help_heading = "Tùy chọn", override_usage = "chibo report [TÊN…] [TÙY CHỌN]")]
    Report {
        /// Tên báo cáo (tên tệp trong content/reports/, bỏ .md); mặc định: tất cả
        #[arg(value_name = "TÊN", help_heading = "Tham số")]
        names: Vec<String>,
        /// In thêm ra PDF bằng Chromium/Chrome có trên máy
        #[arg(long)]
        pdf: bool,
        /// Tệp Word (.docx) luôn được ghi cạnh trang HTML; cờ này chỉ để
        /// lệnh viết theo thói quen (`--docx`) vẫn chạy
        #[arg(long, hide = true)]
        docx: bool,
        /// Thư mục ra (mặc định: output)
        #[arg(
            short = 'o',
            long = "output-dir",
            default_value = "output",
            hide_default_value = true,
            value_name = "THƯ_MỤC"
        )]
        output: PathBuf,
    },
}

/// What `chibo new` creates.
#[derive(Subcommand, Debug)]
pub enum NewKind {
    /// Bài viết mới: content/articles/NĂM/<đường-dẫn>.md, ở chế độ nháp
    #[command(
        help_template = HELP,
        next_help_heading = "Tùy chọn",
        override_usage = "chibo new article \"Tiêu đề\" [--category DANH_MỤC] [--figures KHOẢNG]"
    )]
    Article {
        /// Tiêu đề bài viết, có dấu, ví dụ "Chi bộ tổ chức sinh hoạt chuyên đề"
        #[arg(value_name = "TIÊU_ĐỀ", help_heading = "Tham số")]
        title: String,
        /// Danh mục (khóa trong site.yaml); mặc định là danh mục đầu tiên
        #[arg(long, value_name = "DANH_MỤC")]
        category: Option<String>,
        /// Viết sẵn bài tổng kết từ nhật ký của một khoảng thời gian: TỪ:ĐẾN (2022-01-01:2023-10-31), một năm (2022) hoặc nhiem-ky (nhiệm kỳ đến nay)
        #[arg(long, value_name = "KHOẢNG")]
        figures: Option<String>,
        /// Đường dẫn của bài (chữ thường không dấu, gạch nối), khi đường dẫn lấy từ tiêu đề đã có bài khác dùng
        #[arg(long, value_name = "ĐƯỜNG_DẪN")]
        slug: Option<String>,
    },
    /// Báo cáo mới theo dàn ý: so-ket-giua-nhiem-ky, tong-ket-nam, so-ket-6-thang (trong thư mục có rollup.yaml: báo cáo của cấp ủy cấp trên)
    #[command(
        help_template = HELP,
        next_help_heading = "Tùy chọn",
        override_usage = "chibo new report LOẠI [--year NĂM]"
    )]
    Report {
        /// Loại báo cáo: so-ket-giua-nhiem-ky, tong-ket-nam, so-ket-6-thang
        #[arg(value_name = "LOẠI", help_heading = "Tham số")]
        kind: String,
        /// Năm báo cáo (tong-ket-nam, so-ket-6-thang); mặc định: năm nay
        #[arg(long, value_name = "NĂM")]
        year: Option<i16>,
    },
    /// Thêm một đảng viên vào sổ đảng viên nội bộ (content/dang-vien.yaml)
    #[command(help_template = HELP, next_help_heading = "Tùy chọn", override_usage = "chibo new member \"Họ và tên\" [--admitted NGÀY] [--ceremony NGÀY] [--joined NGÀY]")]
    Member {
        /// Họ và tên, có dấu
        #[arg(value_name = "HỌ_TÊN", help_heading = "Tham số")]
        name: String,
        /// Ngày ghi trong quyết định kết nạp (YYYY-MM-DD)
        #[arg(long, value_name = "NGÀY")]
        admitted: Option<String>,
        /// Ngày lễ kết nạp (YYYY-MM-DD), bắt đầu 12 tháng dự bị
        #[arg(long, value_name = "NGÀY")]
        ceremony: Option<String>,
        /// Ngày chuyển sinh hoạt đến chi bộ (YYYY-MM-DD), khi kết nạp nơi khác
        #[arg(long, value_name = "NGÀY")]
        joined: Option<String>,
    },
    /// Danh sách xếp loại đảng viên của một năm (content/xep-loai/NĂM.yaml), điền sẵn những người cần xếp loại
    #[command(help_template = HELP, next_help_heading = "Tùy chọn", override_usage = "chibo new rating NĂM")]
    Rating {
        /// Năm được xếp loại, ví dụ 2025
        #[arg(value_name = "NĂM", help_heading = "Tham số")]
        year: i16,
    },
    /// Mục nhật ký mới có đủ các khóa của loại LOẠI, kèm chú thích
    #[command(help_template = HELP, next_help_heading = "Tùy chọn", override_usage = "chibo new activity LOẠI")]
    Activity {
        /// Loại hoạt động, ví dụ sinh_hoat_thuong_ky, ket_nap, kiem_tra
        #[arg(value_name = "LOẠI", help_heading = "Tham số")]
        kind: String,
    },
}

/// The options of `chibo build`.
#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Tùy chọn")]
pub struct BuildArgs {
    /// Đăng cả bài nháp và bài có ngày trong tương lai
    #[arg(long)]
    pub drafts: bool,
    /// Thư mục ra (mặc định: output)
    #[arg(
        short = 'o',
        long = "output-dir",
        default_value = "output",
        hide_default_value = true,
        value_name = "THƯ_MỤC"
    )]
    pub output: PathBuf,
    /// Thay base_url của site.yaml (ví dụ khi đưa lên máy chủ thử)
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Cho phép thay thế một thư mục ra không do chibo tạo
    #[arg(long)]
    pub force: bool,
    /// In thời gian của từng bước dựng trang
    #[arg(long)]
    pub timings: bool,
}

/// A command-line error said in Vietnamese, with the usage line of the
/// command and where to read more. clap's English never reaches the user.
pub fn error_message(e: &clap::Error) -> String {
    use clap::error::{ContextKind as C, ErrorKind as K};
    let ctx = |k: C| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let mut tip = ctx(C::SuggestedSubcommand);
    if tip.is_empty() {
        tip = ctx(C::SuggestedArg);
    }
    let tip = if tip.is_empty() {
        String::new()
    } else {
        format!(" (có phải ý bạn là `{tip}`?)")
    };
    let arg = ctx(C::InvalidArg);
    let value = ctx(C::InvalidValue);
    let msg = match e.kind() {
        K::InvalidSubcommand => format!(
            "lệnh `{}` không có{tip}; các lệnh: init, new, check, build, serve, figures, report",
            ctx(C::InvalidSubcommand)
        ),
        K::UnknownArgument => format!("tùy chọn `{arg}` không có ở đây{tip}"),
        K::MissingRequiredArgument => format!("thiếu {arg}"),
        K::MissingSubcommand | K::DisplayHelpOnMissingArgumentOrSubcommand => {
            "thiếu lệnh (ví dụ chibo build)".to_string()
        }
        K::InvalidValue => {
            let valid = ctx(C::ValidValue);
            if valid.is_empty() {
                format!("`{arg}` không nhận giá trị `{value}`")
            } else {
                format!("`{arg}` không nhận giá trị `{value}`; các giá trị hợp lệ: {valid}")
            }
        }
        K::ValueValidation => format!("giá trị `{value}` của `{arg}` không hợp lệ"),
        K::TooManyValues | K::WrongNumberOfValues => {
            format!("`{arg}` được cho quá nhiều giá trị hoặc quá nhiều lần")
        }
        K::NoEquals => format!("`{arg}` cần giá trị viết liền sau dấu `=`"),
        K::ArgumentConflict => format!("`{arg}` không dùng cùng được với tùy chọn đã cho"),
        K::InvalidUtf8 => "dòng lệnh có ký tự không đọc được (không phải UTF-8)".to_string(),
        _ => "dòng lệnh không đúng".to_string(),
    };
    let usage = ctx(C::Usage);
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let mut out = format!("lỗi: {msg}.\n");
    if !usage.is_empty() {
        out.push_str(&format!("\nCách dùng: {usage}\n"));
    }
    out.push_str("\nXem hướng dẫn: chibo --help, hoặc chibo LỆNH --help.\n");
    out
}
