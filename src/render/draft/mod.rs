//! Drafts written from the figures of a period: the body of a review
//! article (`chibo new article "…" --figures …`, [`article`]) and the
//! outline of a review report (`chibo new report KIND`, [`report`]).
//!
//! Every number is a `{{ … }}` expression over `figures`, so a draft stays
//! true when a log is corrected. The rules they keep (docs/rules.md):
//! a sentence that states an absence goes through `khong_co()`, which
//! prints it only when the logs can support it; counts under 10 take a
//! leading zero (`hai_so`); "Hằng năm" only for a count that is the same
//! in every whole year; every document the period's entries name is
//! cited in full, once, in date order.

pub mod article;
pub mod committee;
pub mod report;

use crate::figures::{Figures, YearRow};
use crate::model::Kind;
use crate::text::TO_COMPLETE;

/// What a draft is written from.
pub struct Input<'a> {
    /// The figures of the period.
    pub figures: &'a Figures,
    /// One row per calendar year of the period.
    pub years: &'a [YearRow],
    /// Ids of the documents on studying and following Hồ Chí Minh's
    /// thought, ethics and style (see [`HO_CHI_MINH_NUMBERS`]).
    pub ho_chi_minh: Vec<String>,
}

/// The numbers of the documents the "học tập và làm theo tư tưởng, đạo
/// đức, phong cách Hồ Chí Minh" work follows: Chỉ thị 05-CT/TW (15/5/2016)
/// and Kết luận 01-KL/TW (18/5/2021) of the Bộ Chính trị (docs/rules.md
/// §Reports).
pub const HO_CHI_MINH_NUMBERS: &[&str] = &["05-CT/TW", "01-KL/TW"];

/// How a draft speaks.
#[derive(Clone, Copy)]
pub struct Voice {
    /// A report has every part, with a mark where the logs say nothing;
    /// an article leaves out what was not logged.
    pub report: bool,
    /// "Trong kỳ", "Trong năm", "Trong 6 tháng".
    pub within: &'static str,
    /// "chi ủy" in a cell's own documents, "cấp ủy" in news.
    pub committee: &'static str,
}

/// `{% if COND %}YES{% else %}{{ khong_co(...) }}{% endif %}`: the count
/// when there is one, else the absence, said only if the logs support it.
fn either(cond: &str, yes: &str, kind: Kind, absent: &str) -> String {
    format!(
        "{{% if {cond} %}}{yes}{{% else %}}{}{{% endif %}}",
        absence(kind, absent)
    )
}

/// `{{ khong_co(loai="…", cau="…") }}`.
pub fn absence(kind: Kind, sentence: &str) -> String {
    format!(
        "{{{{ khong_co(loai=\"{}\", cau=\"{}\") }}}}",
        kind.id(),
        sentence.replace('"', "”")
    )
}

/// A paragraph for people to write: `[CẦN VIẾT TIẾP: what]`.
pub fn to_write(what: &str) -> String {
    format!("{TO_COMPLETE}: {what}]")
}

/// Each id cited in full, in the order given, joined with "; ".
fn cite_each(ids: &[&String]) -> String {
    ids.iter()
        .map(|id| format!("{{{{ \"{id}\" | cite(full=true) }}}}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Studying and briefing: the study sessions, what they studied, and
/// every document the period's entries name (those on Hồ Chí Minh apart).
pub fn political(i: &Input, v: Voice) -> Option<String> {
    let f = i.figures;
    let studies = f.counts.get(Kind::HocTap);
    let others: Vec<&String> = f
        .documents_cited
        .iter()
        .filter(|id| !i.ho_chi_minh.contains(id))
        .collect();
    if !v.report && studies == 0 && others.is_empty() {
        return None;
    }
    let mut s = String::new();
    if !v.report {
        s.push_str("Công tác giáo dục chính trị tư tưởng luôn được Chi bộ quan tâm. ");
    }
    let mut studied = format!(
        "{}, Chi bộ tổ chức {{{{ figures.counts.hoc_tap | hai_so }}}} đợt học tập, quán triệt nghị quyết, chỉ thị, văn bản của Đảng cho ",
        v.within
    );
    studied.push_str(if f.study_audiences.is_empty() {
        "đảng viên"
    } else {
        "{{ figures.study_audiences | join(sep=\"; \") }}"
    });
    if !f.study_titles.is_empty() {
        studied.push_str(", gồm: {{ figures.study_titles | join(sep=\"; \") }}");
    }
    studied.push('.');
    if studies > 0 {
        s.push_str(&studied);
    } else if v.report {
        s.push_str(&either(
            "figures.counts.hoc_tap > 0",
            &studied,
            Kind::HocTap,
            &format!(
                "{}, Chi bộ không tổ chức đợt học tập, quán triệt riêng.",
                v.within
            ),
        ));
    }
    if !others.is_empty() {
        s.push_str(&format!(
            " Chi bộ đã quán triệt, triển khai thực hiện {}.",
            cite_each(&others)
        ));
    }
    Some(s.trim().to_string())
}

/// Studying and following Hồ Chí Minh: the entries that name Chỉ thị 05
/// or Kết luận 01, each document cited once; in a report, a mark when
/// none does.
pub fn ho_chi_minh(i: &Input, v: Voice) -> Option<String> {
    let cited: Vec<&String> = i
        .figures
        .documents_cited
        .iter()
        .filter(|id| i.ho_chi_minh.contains(id))
        .collect();
    if cited.is_empty() {
        return v.report.then(|| {
            to_write(
                "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh: nhật ký trong kỳ không có mục nào nêu Chỉ thị 05-CT/TW hay Kết luận 01-KL/TW",
            )
        });
    }
    let parts: Vec<String> = cited
        .iter()
        .map(|id| {
            format!(
                "thực hiện {{{{ \"{id}\" | cite(full=true) }}}}, Chi bộ có {{{{ figures.by_document[\"{id}\"] | hai_so }}}} hoạt động"
            )
        })
        .collect();
    Some(format!(
        "Việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh được đưa vào sinh hoạt của Chi bộ: {}.",
        parts.join("; ")
    ))
}

/// Every whole year of `years` has the same count of `kind`, and there
/// are at least two of them: only then "Hằng năm".
fn same_every_year(years: &[YearRow], kind: Kind) -> Option<i16> {
    let whole: Vec<&YearRow> = years.iter().filter(|r| r.whole_year()).collect();
    (whole.len() >= 2
        && whole[0].counts.get(kind) > 0
        && whole
            .iter()
            .all(|r| r.counts.get(kind) == whole[0].counts.get(kind)))
    .then(|| whole[0].year)
}

/// The meetings of the period: per year when they vary, "Hằng năm" when
/// every whole year has the same count, the whole period's totals; then
/// attendance and the meetings' ratings.
pub fn meetings(i: &Input, v: Voice) -> Option<String> {
    use Kind::{CapUy, ChuyenDe, SinhHoatThuongKy};
    let (f, years) = (i.figures, i.years);
    let kinds = [
        (CapUy, format!("kỳ sinh hoạt {}", v.committee)),
        (
            SinhHoatThuongKy,
            "kỳ sinh hoạt Chi bộ thường kỳ".to_string(),
        ),
        (ChuyenDe, "kỳ sinh hoạt chuyên đề".to_string()),
    ];
    let logged: Vec<&(Kind, String)> = kinds.iter().filter(|(k, _)| f.counts.get(*k) > 0).collect();
    if logged.is_empty() && !v.report {
        return None;
    }
    let mut s = String::new();
    if !v.report {
        s.push_str("Công tác xây dựng Đảng được Chi bộ chú trọng. ");
    }
    let count = |scope: &str, k: Kind, what: &str| {
        format!("{{{{ figures.{scope}.{} | hai_so }}}} {what}", k.id())
    };
    if years.len() <= 1 {
        let parts: Vec<String> = logged.iter().map(|(k, w)| count("counts", *k, w)).collect();
        if !parts.is_empty() {
            s.push_str(&format!(
                "{}, Chi bộ tổ chức {}.",
                v.within,
                parts.join(", ")
            ));
        }
    } else {
        type Kinds<'a> = Vec<&'a (Kind, String)>;
        let (steady, varying): (Kinds, Kinds) = logged
            .iter()
            .copied()
            .partition(|(k, _)| same_every_year(years, *k).is_some());
        if !steady.is_empty() {
            let parts: Vec<String> = steady
                .iter()
                .map(|(k, w)| {
                    let y = same_every_year(years, *k).unwrap_or_default();
                    count(&format!("by_year[\"{y}\"]"), *k, w)
                })
                .collect();
            s.push_str(&format!("Hằng năm, Chi bộ tổ chức {}. ", parts.join(", ")));
        }
        if !varying.is_empty() {
            let per_year: Vec<String> = years
                .iter()
                .filter(|r| varying.iter().any(|(k, _)| r.counts.get(*k) > 0))
                .map(|r| {
                    let parts: Vec<String> = varying
                        .iter()
                        .map(|(k, w)| count(&format!("by_year[\"{}\"]", r.year), *k, w))
                        .collect();
                    format!("năm {} tổ chức {}", r.year, parts.join(", "))
                })
                .collect();
            s.push_str(&capitalise(&per_year.join("; ")));
            s.push_str(". ");
        }
        let totals: Vec<String> = logged.iter().map(|(k, w)| count("counts", *k, w)).collect();
        s.push_str(&format!(
            "Cả giai đoạn, Chi bộ tổ chức {}.",
            totals.join(", ")
        ));
    }
    if v.report {
        for (k, w) in kinds.iter().filter(|(k, _)| f.counts.get(*k) == 0) {
            s.push(' ');
            s.push_str(&absence(
                *k,
                &format!(
                    "{}, Chi bộ không tổ chức {}.",
                    v.within,
                    w.trim_start_matches("kỳ ")
                ),
            ));
        }
    }
    if f.attendance.min_percent.is_some() {
        s.push_str(" Tỷ lệ đảng viên tham gia sinh hoạt đạt trên {{ figures.attendance.min_percent | round(method=\"floor\") | int }}% (bình quân {{ figures.attendance.average_percent | so }}%).");
    }
    s.push_str(&quality_of_meetings(f, v));
    Some(s.trim().to_string())
}

/// The meetings' ratings ("có 08 kỳ xếp loại tốt…"); in a report, a mark
/// when meetings were logged without a rating.
fn quality_of_meetings(f: &Figures, v: Voice) -> String {
    use Kind::SinhHoatThuongKy;
    let mut out = String::new();
    let r = &f.meeting_ratings;
    let ratings: Vec<String> = [
        (r.tot, "tot", "tốt"),
        (r.kha, "kha", "khá"),
        (r.trung_binh, "trung_binh", "trung bình"),
        (r.kem, "kem", "kém"),
    ]
    .iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(_, key, label)| {
        format!("{{{{ figures.meeting_ratings.{key} | hai_so }}}} kỳ xếp loại {label}")
    })
    .collect();
    if !ratings.is_empty() {
        out.push_str(&format!(
            " Qua đánh giá chất lượng sinh hoạt, có {}.",
            ratings.join(", ")
        ));
    } else if v.report && f.counts.get(SinhHoatThuongKy) > 0 {
        out.push(' ');
        out.push_str(&to_write(
            "chất lượng sinh hoạt chi bộ: nhật ký chưa ghi xếp loại (rating) của kỳ sinh hoạt nào",
        ));
    }
    out
}

/// Member development: classes, admissions, transfers.
pub fn members(i: &Input, v: Voice) -> Option<String> {
    let p = &i.figures.people;
    let items = [
        (
            p.awareness_class,
            Kind::LopNhanThuc,
            "figures.people.awareness_class",
            "cử {{ figures.people.awareness_class | hai_so }} lượt quần chúng ưu tú tham gia lớp bồi dưỡng nhận thức về Đảng",
            "không có quần chúng tham gia lớp bồi dưỡng nhận thức về Đảng",
        ),
        (
            p.admitted,
            Kind::KetNap,
            "figures.people.admitted",
            "trao Quyết định kết nạp Đảng đối với {{ figures.people.admitted | hai_so }} đảng viên",
            "chưa kết nạp đảng viên mới",
        ),
        (
            p.transferred,
            Kind::ChuyenChinhThuc,
            "figures.people.transferred",
            "công nhận đảng viên chính thức cho {{ figures.people.transferred | hai_so }} đồng chí",
            "không có đảng viên dự bị đến hạn chuyển chính thức",
        ),
    ];
    let parts: Vec<String> = items
        .iter()
        .filter(|(n, ..)| v.report || *n > 0)
        .map(|(n, kind, path, yes, no)| {
            if *n > 0 {
                yes.to_string()
            } else {
                either(&format!("{path} > 0"), yes, *kind, no)
            }
        })
        .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "Công tác phát triển đảng viên được quan tâm thực hiện: {}, Chi bộ {}.",
            v.within.to_lowercase(),
            parts.join("; ")
        )
    })
}

/// Inspection and supervision, and discipline said as members.
pub fn inspection(i: &Input, v: Voice) -> Option<String> {
    use Kind::{GiamSatChuyenDe, GiamSatThuongXuyen, KiemTra, KyLuat};
    let f = i.figures;
    let logged = [GiamSatThuongXuyen, GiamSatChuyenDe, KiemTra, KyLuat]
        .iter()
        .any(|k| f.counts.get(*k) > 0);
    if !logged && !v.report {
        return None;
    }
    let mut parts = Vec::new();
    if f.supervision_coverage_percent.is_some() {
        parts.push(
            "giám sát thường xuyên {{ figures.supervision_coverage_percent | so }}% đảng viên"
                .to_string(),
        );
    }
    if f.people.supervised_thematic > 0 {
        parts.push(
            "giám sát chuyên đề {{ figures.people.supervised_thematic | hai_so }} đảng viên"
                .to_string(),
        );
    }
    if f.people.inspected > 0 {
        parts.push("kiểm tra {{ figures.people.inspected | hai_so }} đảng viên".to_string());
    }
    let mut s = String::from("Công tác kiểm tra, giám sát được thực hiện theo đúng quy định");
    if !parts.is_empty() {
        s.push_str(&format!(": Chi bộ {}", parts.join("; ")));
    }
    s.push_str(". ");
    if v.report && parts.is_empty() {
        s.push_str(&to_write(
            "kế hoạch kiểm tra, giám sát và kết quả: nhật ký trong kỳ chưa có mục giám sát, kiểm tra",
        ));
        s.push(' ');
    }
    s.push_str(&either(
        "figures.people.disciplined > 0",
        "Chi bộ đã xem xét, thi hành kỷ luật {{ figures.people.disciplined | hai_so }} đảng viên.",
        KyLuat,
        &format!(
            "{}, không có đảng viên nào vi phạm phải xử lý kỷ luật.",
            v.within
        ),
    ));
    Some(s)
}

/// Mass mobilisation: what the entries were about.
pub fn mass_mobilisation(i: &Input, v: Voice) -> Option<String> {
    if i.figures.dan_van_topics.is_empty() {
        return v.report.then(|| {
            to_write("công tác dân vận, lãnh đạo đoàn thể: nhật ký trong kỳ chưa có mục dan_van")
        });
    }
    Some("Công tác dân vận được Chi bộ chú trọng, với các nội dung: {{ figures.dan_van_topics | join(sep=\"; \") }}.".to_string())
}

/// The annual ratings of the cell and of its members.
pub fn quality(i: &Input, v: Voice) -> Option<String> {
    let ratings = &i.figures.annual_ratings;
    if ratings.is_empty() {
        return v.report.then(|| {
            to_write("đánh giá, xếp loại chất lượng Chi bộ và đảng viên: nhật ký trong kỳ chưa có mục xep_loai")
        });
    }
    let years: Vec<String> = ratings
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let levels: Vec<String> = r
                .members
                .iter()
                .filter(|(_, count)| *count > 0)
                .map(|(id, _)| {
                    let label = crate::model::CellLevel::from_id(id)
                        .map_or(*id, |l| l.label())
                        .to_lowercase();
                    format!("{{{{ figures.annual_ratings[{n}].members.{id} | hai_so }}}} đảng viên {label}")
                })
                .collect();
            let mut s = format!(
                "năm {{{{ figures.annual_ratings[{n}].year }}}}, Chi bộ được xếp loại “{{{{ figures.annual_ratings[{n}].label }}}}”"
            );
            if !levels.is_empty() {
                s.push_str(&format!(" ({})", levels.join(", ")));
            }
            s
        })
        .collect();
    Some(format!(
        "Về đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên, {}.",
        years.join("; ")
    ))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}
