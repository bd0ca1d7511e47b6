//! Activity log entries: the kinds, the closed sets of values the domain
//! has (meeting ratings, cell levels, discipline forms), the one table of
//! each kind's fields, and the typed entry itself.
//!
//! The table ([`Kind::fields`]) is what the loader checks keys against,
//! what `chibo new activity` writes as a skeleton and what labels a field in
//! messages and forms; [`Details`] holds the values, one variant per kind.
//! A test below proves the two agree field by field.

use jiff::civil::DateTime;

use crate::diag::Pos;

/// A closed set of values written as ASCII ids in the logs: each value has
/// its id and its Vietnamese label, and `ALL` lists them in the order
/// messages and forms show them.
macro_rules! closed_set {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $id:literal, $label:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* #[doc = $label] $variant,)*
        }

        impl $name {
            /// Every value, in the order of the domain.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            /// Every id, in the same order as `ALL`.
            pub const IDS: &'static [&'static str] = &[$($id,)*];
            /// How many values there are: the size of per-value tables.
            pub const COUNT: usize = $name::IDS.len();

            /// The ASCII id written in the logs.
            pub fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)*
                }
            }

            /// The Vietnamese name, as printed.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)*
                }
            }

            /// The value written `s` in the logs.
            pub fn from_id(s: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.id() == s)
            }
        }
    };
}
pub(crate) use closed_set;

closed_set! {
    /// The kinds of activity log entries (README.md §Activity logs).
    Kind {
        CapUy = "cap_uy", "Sinh hoạt cấp ủy";
        SinhHoatThuongKy = "sinh_hoat_thuong_ky", "Sinh hoạt chi bộ thường kỳ";
        ChuyenDe = "chuyen_de", "Sinh hoạt chuyên đề";
        LopNhanThuc = "lop_nhan_thuc", "Lớp bồi dưỡng nhận thức về Đảng";
        KetNap = "ket_nap", "Kết nạp đảng viên";
        ChuyenChinhThuc = "chuyen_chinh_thuc", "Chuyển đảng chính thức";
        GiamSatThuongXuyen = "giam_sat_thuong_xuyen", "Giám sát thường xuyên";
        GiamSatChuyenDe = "giam_sat_chuyen_de", "Giám sát chuyên đề";
        KiemTra = "kiem_tra", "Kiểm tra";
        KyLuat = "ky_luat", "Kỷ luật";
        HocTap = "hoc_tap", "Học tập, quán triệt nghị quyết";
        XepLoai = "xep_loai", "Đánh giá, xếp loại chất lượng";
        DanVan = "dan_van", "Công tác dân vận";
        Khac = "khac", "Hoạt động khác";
    }
}

impl Kind {
    /// The kinds whose entries may hold a meeting's papers.
    pub fn is_meeting(self) -> bool {
        matches!(self, Kind::CapUy | Kind::SinhHoatThuongKy | Kind::ChuyenDe)
    }

    /// The position of the kind in [`Kind::ALL`], for per-kind counters.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The kind-specific fields of this kind, in the order the skeleton and
    /// the forms show them.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::CapUy => &[ATTENDANCE_OPTIONAL],
            Kind::SinhHoatThuongKy => &[ATTENDANCE, TOPICS, RATING],
            Kind::ChuyenDe => &[ATTENDANCE_OPTIONAL, MEETING_TOPIC],
            Kind::LopNhanThuc => &[PARTICIPANTS],
            Kind::KetNap | Kind::ChuyenChinhThuc => &[MEMBERS, DECISION],
            Kind::GiamSatThuongXuyen => &[COVERAGE],
            Kind::GiamSatChuyenDe => &[SUBJECTS],
            Kind::KiemTra => &[SUBJECTS, RESULT],
            Kind::KyLuat => &[DISCIPLINED, FORM],
            Kind::HocTap => &[AUDIENCE],
            Kind::XepLoai => &[YEAR, CELL_LEVEL, LEVEL_COUNTS],
            Kind::DanVan => &[MASS_TOPIC],
            Kind::Khac => &[],
        }
    }
}

closed_set! {
    /// How a regular meeting was rated.
    MeetingRating {
        Tot = "tot", "Tốt";
        Kha = "kha", "Khá";
        TrungBinh = "trung_binh", "Trung bình";
        Kem = "kem", "Kém";
    }
}

closed_set! {
    /// The four levels of the annual quality rating (QĐ 366-QĐ/TW).
    CellLevel {
        HoanThanhXuatSac = "hoan_thanh_xuat_sac", "Hoàn thành xuất sắc nhiệm vụ";
        HoanThanhTot = "hoan_thanh_tot", "Hoàn thành tốt nhiệm vụ";
        HoanThanh = "hoan_thanh", "Hoàn thành nhiệm vụ";
        KhongHoanThanh = "khong_hoan_thanh", "Không hoàn thành nhiệm vụ";
    }
}

closed_set! {
    /// The forms of Party discipline for a member (docs/rules.md §Discipline).
    DisciplineForm {
        KhienTrach = "khien_trach", "Khiển trách";
        CanhCao = "canh_cao", "Cảnh cáo";
        CachChuc = "cach_chuc", "Cách chức";
        KhaiTru = "khai_tru", "Khai trừ";
        XoaTen = "xoa_ten", "Xóa tên";
    }
}

/// What a kind-specific field holds, and so how it is read and entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// `{ total, exempt, present, excused }`
    Attendance,
    /// One line of text.
    Text,
    /// A list of lines of text.
    TextList,
    /// A list of at least one name.
    Names,
    /// A count, or a list of names counted.
    People,
    /// A number from 0 to 100.
    Percent,
    /// A calendar year.
    Year,
    /// A [`MeetingRating`] id, or `{ level, score }`.
    Rating,
    /// A [`DisciplineForm`] id.
    Discipline,
    /// A [`CellLevel`] id.
    CellLevel,
    /// A count per [`CellLevel`] id.
    LevelCounts,
}

/// One kind-specific field of a log entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The YAML key.
    pub key: &'static str,
    /// Whether an entry of the kind must have it.
    pub required: bool,
    /// What it holds.
    pub ty: FieldType,
    /// The Vietnamese name, for messages and forms.
    pub label: &'static str,
    /// What `chibo new activity` writes for it: YAML lines with comments.
    /// An optional field is written commented out.
    pub skeleton: &'static str,
}

const ATTENDANCE: Field = Field {
    key: "attendance",
    required: true,
    ty: FieldType::Attendance,
    label: "số đảng viên dự họp",
    skeleton: "attendance:\n  total: 0          # tổng số đảng viên của chi bộ\n  exempt: 0         # số được miễn sinh hoạt\n  present: 0        # số có mặt (không quá total − exempt)\n  excused: 0        # số vắng có lý do\n",
};
const ATTENDANCE_OPTIONAL: Field = Field {
    required: false,
    ..ATTENDANCE
};
const TOPICS: Field = Field {
    key: "topics",
    required: false,
    ty: FieldType::TextList,
    label: "nội dung sinh hoạt",
    skeleton: "topics:                          # các nội dung sinh hoạt\n  - Đánh giá kết quả tháng trước, triển khai nhiệm vụ tháng này\n",
};
const RATING: Field = Field {
    key: "rating",
    required: false,
    ty: FieldType::Rating,
    label: "xếp loại buổi sinh hoạt",
    skeleton: "rating: { level: tot, score: 90 }  # xếp loại buổi sinh hoạt: tot, kha, trung_binh, kem; điểm 0–100\n",
};
const MEETING_TOPIC: Field = Field {
    key: "topic",
    required: true,
    ty: FieldType::Text,
    label: "chủ đề",
    skeleton: "topic: Chủ đề buổi sinh hoạt chuyên đề\n",
};
const MASS_TOPIC: Field = Field {
    skeleton: "topic: Nội dung công tác dân vận\n",
    label: "nội dung",
    ..MEETING_TOPIC
};
const PARTICIPANTS: Field = Field {
    key: "participants",
    required: true,
    ty: FieldType::People,
    label: "số quần chúng dự lớp",
    skeleton: "participants: 0                  # số quần chúng được cử đi học, hoặc danh sách họ tên [A, B]\n",
};
const MEMBERS: Field = Field {
    key: "members",
    required: true,
    ty: FieldType::Names,
    label: "họ tên đảng viên",
    skeleton: "members: [Họ và tên]              # danh sách họ tên (không được đăng lên trang)\n",
};
const DECISION: Field = Field {
    key: "decision",
    required: false,
    ty: FieldType::Text,
    label: "quyết định",
    skeleton: "decision: Quyết định số …-QĐ/ĐUK   # (không bắt buộc)\n",
};
const COVERAGE: Field = Field {
    key: "coverage_percent",
    required: true,
    ty: FieldType::Percent,
    label: "tỷ lệ đảng viên được giám sát (%)",
    skeleton: "coverage_percent: 100            # phần trăm đảng viên được giám sát thường xuyên\n",
};
const SUBJECTS: Field = Field {
    key: "subjects",
    required: true,
    ty: FieldType::People,
    label: "số đảng viên",
    skeleton: "subjects: 0                      # số đảng viên, hoặc danh sách họ tên [A, B]\n",
};
const DISCIPLINED: Field = Field {
    label: "số đảng viên bị kỷ luật",
    skeleton: "subjects: 0                      # số đảng viên bị kỷ luật; 0 = không có trường hợp nào\n",
    ..SUBJECTS
};
const RESULT: Field = Field {
    key: "result",
    required: false,
    ty: FieldType::Text,
    label: "kết quả",
    skeleton: "result: Chấp hành tốt            # kết quả (không bắt buộc)\n",
};
const FORM: Field = Field {
    key: "form",
    required: false,
    ty: FieldType::Discipline,
    label: "hình thức kỷ luật",
    skeleton: "# form: khien_trach              # hình thức: khien_trach, canh_cao, cach_chuc, khai_tru, xoa_ten\n",
};
const AUDIENCE: Field = Field {
    key: "audience",
    required: false,
    ty: FieldType::Text,
    label: "đối tượng",
    skeleton: "audience: toàn thể đảng viên     # đối tượng (không bắt buộc)\n",
};
const YEAR: Field = Field {
    key: "year",
    required: true,
    ty: FieldType::Year,
    label: "năm được đánh giá",
    skeleton: "year: 2025                       # năm được đánh giá\n",
};
const CELL_LEVEL: Field = Field {
    key: "cell_level",
    required: true,
    ty: FieldType::CellLevel,
    label: "mức xếp loại chi bộ",
    skeleton: "cell_level: hoan_thanh_tot        # hoan_thanh_xuat_sac, hoan_thanh_tot, hoan_thanh, khong_hoan_thanh\n",
};
const LEVEL_COUNTS: Field = Field {
    key: "members",
    required: false,
    ty: FieldType::LevelCounts,
    label: "số đảng viên theo mức xếp loại",
    skeleton: "members:                         # số đảng viên theo từng mức xếp loại\n  hoan_thanh_xuat_sac: 0\n  hoan_thanh_tot: 0\n  hoan_thanh: 0\n  khong_hoan_thanh: 0\n",
};

/// People counted either by number or by name (names stay private).
#[derive(Debug, Clone, PartialEq)]
pub enum People {
    /// A number of people.
    Count(u32),
    /// People named; counted by their number.
    Names(Vec<String>),
}

impl People {
    /// How many people: the number given, or the names counted.
    pub fn count(&self) -> u32 {
        match self {
            People::Count(n) => *n,
            People::Names(v) => v.len() as u32,
        }
    }
}

/// Who attended a meeting. The loader guarantees
/// `present + excused ≤ total − exempt`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Attendance {
    /// Members of the cell.
    pub total: u32,
    /// Members exempt from attending.
    pub exempt: u32,
    /// Members present.
    pub present: u32,
    /// Members absent with leave, when logged.
    pub excused: Option<u32>,
}

/// A regular meeting's rating, with its score out of 100 when given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rating {
    /// The rating.
    pub level: MeetingRating,
    /// The score out of 100, when given.
    pub score: Option<f64>,
}

/// A value of one kind-specific field, as [`Details::get`] gives it and
/// [`Details::from_fields`] takes it.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// A meeting's attendance.
    Attendance(Attendance),
    /// One line of text.
    Text(String),
    /// A list of lines (or of names).
    TextList(Vec<String>),
    /// A count or names.
    People(People),
    /// A percentage.
    Percent(f64),
    /// A calendar year.
    Year(i32),
    /// A meeting's rating.
    Rating(Rating),
    /// A form of discipline.
    Discipline(DisciplineForm),
    /// A level of the annual rating.
    CellLevel(CellLevel),
    /// Members per level of the annual rating.
    LevelCounts(Vec<(CellLevel, u32)>),
}

/// The kind of an entry and the fields of that kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Details {
    /// `cap_uy`: a committee meeting.
    CapUy {
        /// Who attended, when logged.
        attendance: Option<Attendance>,
    },
    /// `sinh_hoat_thuong_ky`: the monthly cell meeting.
    SinhHoatThuongKy {
        /// Who attended.
        attendance: Attendance,
        /// What was discussed.
        topics: Vec<String>,
        /// How the meeting was rated, when it was.
        rating: Option<Rating>,
    },
    /// `chuyen_de`: a thematic meeting.
    ChuyenDe {
        /// Who attended, when logged.
        attendance: Option<Attendance>,
        /// The theme.
        topic: String,
    },
    /// `lop_nhan_thuc`: a Party-awareness class.
    LopNhanThuc {
        /// The people sent to it.
        participants: People,
    },
    /// `ket_nap`: admission of new members.
    KetNap {
        /// The members admitted (private).
        members: Vec<String>,
        /// The admission decision, when given.
        decision: Option<String>,
    },
    /// `chuyen_chinh_thuc`: transfer to full membership.
    ChuyenChinhThuc {
        /// The members transferred (private).
        members: Vec<String>,
        /// The transfer decision, when given.
        decision: Option<String>,
    },
    /// `giam_sat_thuong_xuyen`: regular supervision.
    GiamSatThuongXuyen {
        /// The share of members supervised, in percent.
        coverage_percent: f64,
    },
    /// `giam_sat_chuyen_de`: thematic supervision.
    GiamSatChuyenDe {
        /// The members supervised.
        subjects: People,
    },
    /// `kiem_tra`: an inspection.
    KiemTra {
        /// The members inspected.
        subjects: People,
        /// The conclusion, when given.
        result: Option<String>,
    },
    /// `ky_luat`: discipline.
    KyLuat {
        /// `People::Count(0)` says explicitly that nobody was disciplined.
        subjects: People,
        /// The form of discipline, when there was a case.
        form: Option<DisciplineForm>,
    },
    /// `hoc_tap`: studying or briefing documents.
    HocTap {
        /// Who studied them, when given.
        audience: Option<String>,
    },
    /// `xep_loai`: the annual quality rating.
    XepLoai {
        /// The year rated.
        year: i32,
        /// The cell's own level.
        cell_level: CellLevel,
        /// Members per level, in the order of [`CellLevel::ALL`].
        members: Vec<(CellLevel, u32)>,
    },
    /// `dan_van`: mass-mobilisation work.
    DanVan {
        /// What was done.
        topic: String,
    },
    /// `khac`: anything else.
    Khac,
}

mod fields;

/// One activity log entry: the fields every kind has, and its [`Details`].
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    /// The log file, relative to the site.
    pub source: String,
    /// Where the entry starts in it.
    pub pos: Pos,
    /// When it took place, in the site's offset.
    pub date: DateTime,
    /// Whether the log gave a time of day, not only a date.
    pub has_time: bool,
    /// A title of the entry's own.
    pub title: Option<String>,
    /// Where it took place.
    pub place: Option<String>,
    /// Who chaired it.
    pub chair: Option<String>,
    /// Ids of the documents it concerns.
    pub documents: Vec<String>,
    /// A free note.
    pub note: Option<String>,
    /// Photos of it.
    pub photos: Vec<Photo>,
    /// Its `news:` block: the entry is also an article.
    pub news: Option<Box<News>>,
    /// A meeting's papers (minutes, resolution), when the entry holds them.
    pub meeting: Option<Box<super::meeting::MeetingRecord>>,
    /// The kind and its fields.
    pub details: Details,
}

impl Activity {
    /// An entry with only its details and date; the loader fills in the rest.
    pub fn new(source: &str, pos: Pos, details: Details, date: DateTime) -> Self {
        Activity {
            source: source.to_string(),
            pos,
            date,
            has_time: false,
            title: None,
            place: None,
            chair: None,
            documents: Vec::new(),
            note: None,
            photos: Vec::new(),
            news: None,
            meeting: None,
            details,
        }
    }

    /// The kind of the entry.
    pub fn kind(&self) -> Kind {
        self.details.kind()
    }

    /// Members absent without a reason, when the entry says: from the
    /// counts when `excused` is given, else from the `unexcused` names
    /// when the absent are named.
    pub fn unexcused(&self) -> Option<u32> {
        let at = self.attendance()?;
        let absent = at.total - at.exempt - at.present;
        if let Some(e) = at.excused {
            return Some(absent.saturating_sub(e));
        }
        let m = self.meeting.as_deref()?;
        m.absent_pos.map(|_| m.unexcused.len() as u32)
    }

    /// The attendance of a meeting, when the kind has one and it was logged.
    pub fn attendance(&self) -> Option<&Attendance> {
        match &self.details {
            Details::SinhHoatThuongKy { attendance, .. } => Some(attendance),
            Details::CapUy { attendance } | Details::ChuyenDe { attendance, .. } => {
                attendance.as_ref()
            }
            _ => None,
        }
    }

    /// The members named by an admission or a transfer; empty otherwise.
    pub fn members(&self) -> &[String] {
        match &self.details {
            Details::KetNap { members, .. } | Details::ChuyenChinhThuc { members, .. } => members,
            _ => &[],
        }
    }

    /// How many people the entry is about: the members named for
    /// admissions and transfers, the participants or subjects otherwise.
    pub fn people_count(&self) -> u32 {
        match &self.details {
            Details::KetNap { members, .. } | Details::ChuyenChinhThuc { members, .. } => {
                members.len() as u32
            }
            Details::LopNhanThuc { participants: p }
            | Details::GiamSatChuyenDe { subjects: p }
            | Details::KiemTra { subjects: p, .. }
            | Details::KyLuat { subjects: p, .. } => p.count(),
            _ => 0,
        }
    }
}

/// A photo of a log entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    /// Relative to content/: "static/anh/a.png".
    pub src: String,
    /// Its caption.
    pub caption: String,
}

/// An entry's `news:` block: the entry is also published as an article.
#[derive(Debug, Clone, PartialEq)]
pub struct News {
    /// The article's title.
    pub title: String,
    /// The Markdown after the written lead.
    pub body: String,
    /// The line of the log file the body starts on.
    pub body_line: u32,
    /// The byline's name.
    pub author: Option<String>,
    /// The category; the first one when not given.
    pub category: Option<String>,
    /// Tags as written.
    pub tags: Vec<String>,
    /// The last part of its address, when not made from the title.
    pub slug: Option<String>,
}
