//! The body of a term-review article drafted from the logs (`chibo new
//! article "…" --figures FROM:TO`), in the order and register of the seed
//! article: opening, political work, Party building, members, inspection,
//! mass mobilisation, quality rating, and a closing paragraph left to the
//! writer. Every number and citation is a `{{ … }}` expression over
//! `figures`, so the text stays true when the logs are corrected; a section
//! whose figures are all zero is left out.

use crate::figures::{Figures, YearRow};

use crate::text::TO_COMPLETE;

/// The Markdown body of the draft for the period of `f`, one row per
/// calendar year in `years`.
pub fn body(f: &Figures, years: &[YearRow]) -> String {
    let mut parts = vec![opening()];
    parts.extend(political(f));
    parts.extend(party_building(f, years));
    parts.extend(members(f));
    parts.extend(inspection(f));
    parts.extend(mass_mobilisation(f));
    parts.extend(quality(f));
    parts.push(format!(
        "{TO_COMPLETE}: đánh giá chung, những hạn chế và phương hướng, nhiệm vụ thời gian tới; viết xong thì xóa đoạn đánh dấu này.]"
    ));
    parts.join("\n\n") + "\n"
}

fn opening() -> String {
    "Thực hiện Nghị quyết Đại hội {{ site.unit.name }} nhiệm kỳ {{ site.term_label }}, từ ngày {{ figures.period.from | ngay_ngan }} đến ngày {{ figures.period.to | ngay_ngan }}, {{ site.unit.name }} đã tập trung lãnh đạo thực hiện công tác xây dựng Đảng và hệ thống chính trị, nâng cao năng lực lãnh đạo, sức chiến đấu của Chi bộ và đảng viên.".to_string()
}

fn political(f: &Figures) -> Option<String> {
    if f.counts.get(crate::model::Kind::HocTap) == 0 {
        return None;
    }
    let mut s = "Công tác giáo dục chính trị tư tưởng luôn được Chi bộ quan tâm. Trong kỳ, Chi bộ tổ chức {{ figures.counts.hoc_tap | hai_so }} đợt học tập, quán triệt nghị quyết, chỉ thị, văn bản của Đảng cho ".to_string();
    s.push_str(if f.study_audiences.is_empty() {
        "đảng viên"
    } else {
        "{{ figures.study_audiences | join(sep=\"; \") }}"
    });
    if !f.documents_studied.is_empty() {
        s.push_str(", trong đó có {{ figures.documents_studied | cite }}");
    }
    s.push_str(", giúp đảng viên nâng cao nhận thức, thực hiện có hiệu quả nhiệm vụ được giao.");
    Some(s)
}

/// "Hằng năm …" when every whole year of the period has the same counts of
/// committee and regular meetings; otherwise year by year.
fn party_building(f: &Figures, years: &[YearRow]) -> Option<String> {
    use crate::model::Kind::{CapUy, ChuyenDe, SinhHoatThuongKy};
    let (committee, regular, thematic) = (
        f.counts.get(CapUy),
        f.counts.get(SinhHoatThuongKy),
        f.counts.get(ChuyenDe),
    );
    if committee + regular + thematic == 0 {
        return None;
    }
    let mut s = String::from("Công tác xây dựng Đảng được Chi bộ chú trọng. ");
    let whole: Vec<&YearRow> = years.iter().filter(|r| r.whole_year()).collect();
    let same = whole.len() >= 2
        && whole.iter().all(|r| {
            r.counts.get(CapUy) == whole[0].counts.get(CapUy)
                && r.counts.get(SinhHoatThuongKy) == whole[0].counts.get(SinhHoatThuongKy)
        });
    let meetings = |key: &str| {
        let mut parts = Vec::new();
        if committee > 0 {
            parts.push(format!(
                "{{{{ figures.by_year[\"{key}\"].cap_uy }}}} kỳ sinh hoạt cấp ủy"
            ));
        }
        if regular > 0 {
            parts.push(format!(
                "{{{{ figures.by_year[\"{key}\"].sinh_hoat_thuong_ky }}}} kỳ sinh hoạt Chi bộ thường kỳ"
            ));
        }
        parts.join(", ")
    };
    if same {
        s.push_str(&format!(
            "Hằng năm, Chi bộ tổ chức {}",
            meetings(&whole[0].year.to_string())
        ));
    } else if years.len() > 1 {
        let per_year: Vec<String> = years
            .iter()
            .filter(|r| r.counts.get(CapUy) + r.counts.get(SinhHoatThuongKy) > 0)
            .map(|r| format!("năm {} tổ chức {}", r.year, meetings(&r.year.to_string())))
            .collect();
        s.push_str(&capitalise(&per_year.join("; ")));
    } else {
        let mut parts = Vec::new();
        if committee > 0 {
            parts.push("{{ figures.counts.cap_uy }} kỳ sinh hoạt cấp ủy");
        }
        if regular > 0 {
            parts.push("{{ figures.counts.sinh_hoat_thuong_ky }} kỳ sinh hoạt Chi bộ thường kỳ");
        }
        s.push_str(&format!("Chi bộ tổ chức {}", parts.join(", ")));
    }
    if years.len() > 1 && committee + regular > 0 {
        s.push_str(" (cả giai đoạn: {{ figures.counts.cap_uy }} kỳ sinh hoạt cấp ủy, {{ figures.counts.sinh_hoat_thuong_ky }} kỳ sinh hoạt thường kỳ)");
    }
    if thematic > 0 {
        s.push_str(", {{ figures.counts.chuyen_de | hai_so }} kỳ sinh hoạt chuyên đề");
    }
    s.push('.');
    if f.attendance.min_percent.is_some() {
        s.push_str(" Tỷ lệ đảng viên tham gia sinh hoạt đạt trên {{ figures.attendance.min_percent | round(method=\"floor\") | int }}% (bình quân {{ figures.attendance.average_percent | so }}%).");
    }
    let r = &f.meeting_ratings;
    let mut ratings = Vec::new();
    for (n, key, label) in [
        (r.tot, "tot", "tốt"),
        (r.kha, "kha", "khá"),
        (r.trung_binh, "trung_binh", "trung bình"),
        (r.kem, "kem", "kém"),
    ] {
        if n > 0 {
            ratings.push(format!(
                "{{{{ figures.meeting_ratings.{key} | hai_so }}}} kỳ xếp loại {label}"
            ));
        }
    }
    if !ratings.is_empty() {
        s.push_str(&format!(
            " Qua đánh giá chất lượng sinh hoạt, có {}.",
            ratings.join(", ")
        ));
    }
    Some(s)
}

fn members(f: &Figures) -> Option<String> {
    let p = &f.people;
    let mut parts = Vec::new();
    if p.awareness_class > 0 {
        parts.push("cử {{ figures.people.awareness_class }} lượt quần chúng ưu tú tham gia lớp bồi dưỡng nhận thức về Đảng");
    }
    if p.admitted > 0 {
        parts.push(
            "trao Quyết định kết nạp Đảng đối với {{ figures.people.admitted | hai_so }} đảng viên",
        );
    }
    if p.transferred > 0 {
        parts.push(
            "công nhận đảng viên chính thức cho {{ figures.people.transferred | hai_so }} đồng chí",
        );
    }
    (!parts.is_empty()).then(|| {
        format!(
            "Công tác phát triển đảng viên được quan tâm thực hiện: Chi bộ {}.",
            parts.join("; ")
        )
    })
}

fn inspection(f: &Figures) -> Option<String> {
    use crate::model::Kind::{GiamSatChuyenDe, GiamSatThuongXuyen, KiemTra, KyLuat};
    let logged = [GiamSatThuongXuyen, GiamSatChuyenDe, KiemTra, KyLuat]
        .iter()
        .any(|k| f.counts.get(*k) > 0);
    if !logged {
        return None;
    }
    let mut parts = Vec::new();
    if f.supervision_coverage_percent.is_some() {
        parts.push("giám sát thường xuyên {{ figures.supervision_coverage_percent }}% đảng viên");
    }
    if f.people.supervised_thematic > 0 {
        parts
            .push("giám sát chuyên đề {{ figures.people.supervised_thematic | hai_so }} đảng viên");
    }
    if f.people.inspected > 0 {
        parts.push("kiểm tra {{ figures.people.inspected | hai_so }} đảng viên");
    }
    let mut s = String::from("Công tác kiểm tra, giám sát được thực hiện theo đúng quy định");
    if !parts.is_empty() {
        s.push_str(&format!(": Chi bộ {}", parts.join("; ")));
    }
    s.push_str(". {% if figures.people.disciplined == 0 %}Trong kỳ, không có đảng viên nào vi phạm phải xử lý kỷ luật.{% else %}Chi bộ đã xem xét, thi hành kỷ luật {{ figures.people.disciplined | hai_so }} đảng viên.{% endif %}");
    Some(s)
}

fn mass_mobilisation(f: &Figures) -> Option<String> {
    (!f.dan_van_topics.is_empty()).then(|| {
        "Công tác dân vận được Chi bộ chú trọng, với các nội dung: {{ figures.dan_van_topics | join(sep=\"; \") }}.".to_string()
    })
}

fn quality(f: &Figures) -> Option<String> {
    if f.annual_ratings.is_empty() {
        return None;
    }
    let years: Vec<String> = (0..f.annual_ratings.len())
        .map(|i| {
            format!(
                "năm {{{{ figures.annual_ratings[{i}].year }}}} Chi bộ được xếp loại “{{{{ figures.annual_ratings[{i}].label }}}}”"
            )
        })
        .collect();
    Some(format!(
        "Về đánh giá, xếp loại chất lượng tổ chức đảng, {}.",
        years.join("; ")
    ))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}
