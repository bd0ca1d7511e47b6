//! The body of a term-review article drafted from the logs, in the order
//! and register of the seed article: opening, political work, following
//! Hồ Chí Minh, Party building, members, inspection, mass mobilisation,
//! quality rating, the period's photos, and a closing paragraph left to
//! the writer. A section with nothing logged is left out.

use super::{Input, Voice, to_write};

/// How a news article speaks: "Trong kỳ", "cấp ủy", sections left out
/// when nothing was logged.
const NEWS: Voice = Voice {
    report: false,
    within: "Trong kỳ",
    committee: "cấp ủy",
};

/// A photo of an entry of the period: its file (relative to content/) and
/// caption.
pub struct Photo {
    /// `static/anh/a.jpg`
    pub src: String,
    /// Its caption.
    pub caption: String,
}

/// The most photos a drafted article shows: one picture per part of a
/// long review, as the seed article does.
pub const MAX_PHOTOS: usize = 4;

/// The Markdown body of the draft. `photos` are the period's logged
/// photos in date order; up to [`MAX_PHOTOS`] of them, spread over the
/// period, go between the sections.
pub fn body(i: &Input, photos: &[Photo]) -> String {
    let sections: Vec<String> = [
        super::political(i, NEWS),
        super::ho_chi_minh(i, NEWS),
        super::meetings(i, NEWS),
        super::members(i, NEWS),
        super::inspection(i, NEWS),
        super::mass_mobilisation(i, NEWS),
        super::quality(i, NEWS),
    ]
    .into_iter()
    .flatten()
    .collect();
    let chosen = spread(photos, MAX_PHOTOS);
    let mut parts = vec![opening()];
    // A photo after every other section, in order.
    let mut next = chosen.iter();
    for (n, s) in sections.into_iter().enumerate() {
        parts.push(s);
        if n % 2 == 1
            && let Some(p) = next.next()
        {
            parts.push(figure(p));
        }
    }
    parts.extend(next.map(|p| figure(p)));
    parts.push(to_write(
        "đánh giá chung, những hạn chế và phương hướng, nhiệm vụ thời gian tới; viết xong thì xóa đoạn đánh dấu này",
    ));
    parts.join("\n\n") + "\n"
}

fn opening() -> String {
    "Thực hiện Nghị quyết Đại hội {{ site.unit.name }} nhiệm kỳ {{ site.term_label }}, từ ngày {{ figures.period.from | ngay_ngan }} đến ngày {{ figures.period.to | ngay_ngan }}, {{ site.unit.name }} đã tập trung lãnh đạo thực hiện công tác xây dựng Đảng và hệ thống chính trị, nâng cao năng lực lãnh đạo, sức chiến đấu của Chi bộ và đảng viên.".to_string()
}

/// A photo alone in its paragraph: a captioned figure.
fn figure(p: &Photo) -> String {
    let caption = p.caption.replace(['"', '[', ']'], "");
    let src = if p.src.contains(' ') {
        format!("<{}>", p.src)
    } else {
        p.src.clone()
    };
    format!("![{caption}]({src} \"{caption}\")")
}

/// Up to `n` items spread evenly from first to last.
fn spread<T>(items: &[T], n: usize) -> Vec<&T> {
    if items.len() <= n {
        return items.iter().collect();
    }
    (0..n)
        .map(|k| &items[k * (items.len() - 1) / (n - 1).max(1)])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_are_spread_from_first_to_last() {
        let v: Vec<u32> = (0..10).collect();
        assert_eq!(spread(&v, 4), [&0, &3, &6, &9]);
        assert_eq!(spread(&v[..3], 4), [&0, &1, &2]);
        assert_eq!(spread(&v, 1), [&0]);
    }
}
