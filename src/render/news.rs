//! News written from log entries: the facts of an entry, as a template
//! sees them, and the lead written from them by the kind's news template (`templates/news/`, one file per kind id).

use serde::Serialize;
use tera::{Context, Tera};

use crate::diag::Diagnostics;
use crate::figures;
use crate::model::{Activity, Details, People, Site};
use crate::render::templates;
use crate::vn;

#[derive(Serialize)]
struct AttendanceView {
    total: u32,
    exempt: u32,
    present: u32,
    excused: Option<u32>,
    /// total − exempt
    required: u32,
    percent: Option<f64>,
}

/// An entry's facts for templates. Names of people are here only as
/// `members` and `participants`; the built-in templates never print them.
///
/// Flat: the vocabulary of `templates/news/*.md` (`entry.topic`…), the
/// same for every kind so a site's own template may use any of it; what
/// each kind fills in is one exhaustive `match` in [`entry_view`].
#[derive(Serialize)]
pub struct EntryView {
    kind: &'static str,
    kind_label: &'static str,
    /// "2023-06-15"
    date: String,
    /// "15/6/2023"
    day: String,
    /// "ngày 15 tháng 6 năm 2023"
    long_date: String,
    time: Option<String>,
    month: i8,
    quarter: i8,
    year: i16,
    unit: String,
    title: Option<String>,
    place: Option<String>,
    chair: Option<String>,
    documents: Vec<String>,
    /// The citations joined: "Kết luận số …; Chỉ thị số …"
    document_list: String,
    /// People counted by the entry (participants, subjects, members).
    count: u32,
    attendance: Option<AttendanceView>,
    topic: Option<String>,
    topics: Vec<String>,
    rating: Option<String>,
    score: Option<f64>,
    coverage_percent: Option<f64>,
    result: Option<String>,
    /// The discipline form's id (`canh_cao`) and its name (`Cảnh cáo`).
    form: Option<String>,
    form_label: Option<&'static str>,
    audience: Option<String>,
    rating_year: Option<i32>,
    /// The cell's level id (`hoan_thanh_tot`) and its name.
    cell_level: Option<String>,
    cell_level_label: Option<&'static str>,
    decision: Option<String>,
    members: Vec<String>,
    participants: Vec<String>,
    note: Option<String>,
}

/// What templates see of `a`, as `entry`.
pub fn entry_view(a: &Activity, site: &Site) -> EntryView {
    let d = a.date.date();
    let citations: Vec<String> = a
        .documents
        .iter()
        .filter_map(|id| site.documents.get(id))
        .map(|doc| doc.citation(false))
        .collect();
    let mut view = EntryView {
        kind: a.kind().id(),
        kind_label: a.kind().label(),
        date: d.to_string(),
        day: vn::short_date(d),
        long_date: vn::long_date(d),
        time: a
            .has_time
            .then(|| format!("{:02}:{:02}", a.date.hour(), a.date.minute())),
        month: d.month(),
        quarter: (d.month() - 1) / 3 + 1,
        year: d.year(),
        unit: site.config.unit.name.clone(),
        title: a.title.clone(),
        place: a.place.clone(),
        chair: a.chair.clone(),
        document_list: citations.join("; "),
        documents: citations,
        count: a.people_count(),
        attendance: a.attendance().map(|at| AttendanceView {
            total: at.total,
            exempt: at.exempt,
            present: at.present,
            excused: at.excused,
            required: at.total - at.exempt,
            percent: figures::rate(at, site.config.attendance_denominator),
        }),
        topic: None,
        topics: Vec::new(),
        rating: None,
        score: None,
        coverage_percent: None,
        result: None,
        form: None,
        form_label: None,
        audience: None,
        rating_year: None,
        cell_level: None,
        cell_level_label: None,
        decision: None,
        members: a.members().to_vec(),
        participants: Vec::new(),
        note: a.note.clone(),
    };
    match &a.details {
        Details::SinhHoatThuongKy { topics, rating, .. } => {
            view.topics = topics.clone();
            view.rating = rating.map(|r| r.level.label().to_string());
            view.score = rating.and_then(|r| r.score);
        }
        Details::ChuyenDe { topic, .. } | Details::DanVan { topic } => {
            view.topic = Some(topic.clone())
        }
        Details::LopNhanThuc {
            participants: People::Names(names),
        } => view.participants = names.clone(),
        Details::KetNap { decision, .. } | Details::ChuyenChinhThuc { decision, .. } => {
            view.decision = decision.clone()
        }
        Details::GiamSatThuongXuyen { coverage_percent } => {
            view.coverage_percent = Some(*coverage_percent)
        }
        Details::KiemTra { subjects, result } => {
            view.result = result.clone();
            view.participants = names_of(subjects);
        }
        Details::KyLuat { subjects, form } => {
            view.form = form.map(|f| f.id().to_string());
            view.form_label = form.map(|f| f.label());
            view.participants = names_of(subjects);
        }
        Details::GiamSatChuyenDe { subjects } => view.participants = names_of(subjects),
        Details::HocTap { audience } => view.audience = audience.clone(),
        Details::XepLoai {
            year, cell_level, ..
        } => {
            view.rating_year = Some(*year);
            view.cell_level = Some(cell_level.id().to_string());
            view.cell_level_label = Some(cell_level.label());
        }
        // Every kind is named: a new one does not compile until it says
        // what its news shows. These show what every entry has.
        Details::CapUy { .. }
        | Details::LopNhanThuc {
            participants: People::Count(_),
        }
        | Details::Khac => {}
    }
    view
}

fn names_of(p: &People) -> Vec<String> {
    match p {
        People::Names(v) => v.clone(),
        People::Count(_) => Vec::new(),
    }
}
/// The lead of a news article written from `a`, by the template named by its kind's id under `news/` (or
/// `news/default.md`). Whitespace is collapsed to single spaces.
pub fn lead(tera: &Tera, a: &Activity, site: &Site, d: &mut Diagnostics) -> Option<String> {
    let specific = format!("news/{}.md", a.kind().id());
    let name = if tera.contains_template(&specific) {
        specific
    } else {
        "news/default.md".to_string()
    };
    let mut ctx = Context::new();
    ctx.insert("entry", &entry_view(a, site));
    match tera.render(&name, &ctx) {
        Ok(s) => Some(s.split_whitespace().collect::<Vec<_>>().join(" ")),
        Err(e) => {
            templates::report_error(&e, None, d);
            None
        }
    }
}
