//! A report file of content/reports/ → [`Report`].

use crate::diag::{Diagnostics, Pos};
use crate::load::article::{parse_period, split_front_matter};
use crate::model::{Report, Signer};
use crate::vn;
use crate::yaml::{self, Map};

/// Reads one report; every problem goes to `diags`.
pub fn parse_report(text: &str, path: &str, diags: &mut Diagnostics) -> Option<Report> {
    let Some((fm, body, body_line)) = split_front_matter(text) else {
        diags.error(
            path,
            Pos::new(1, 1),
            "báo cáo phải bắt đầu bằng phần đầu đặt giữa hai dòng `---` (type, subject, number, date, period, signer, recipients)",
        );
        return None;
    };
    // Every mark `new report` left, front matter included (the signer).
    for (at, _) in text.match_indices(crate::text::TO_COMPLETE) {
        let pos = crate::text::Lines::new(text, 1).pos(at);
        diags.warning(
            path,
            pos,
            "báo cáo còn đoạn đánh dấu [CẦN VIẾT TIẾP…]: hãy viết xong đoạn đó rồi xóa dấu đánh dấu",
        );
    }
    let root = yaml::parse(fm, path, 1, diags)?;
    let mut m = Map::new(&root, path, "phần đầu báo cáo", diags)?;
    let before = diags.error_count();
    let doc_type = m.str("type", diags).unwrap_or_else(|| "BÁO CÁO".into());
    let subject = m.req_str("subject", diags);
    let number_pos = m.get("number").map_or(Pos::new(1, 1), |n| n.pos);
    let number = m.str("number", diags);
    let date_pos = m.get("date").map_or(Pos::new(1, 1), |n| n.pos);
    let date = m.req_date("date", diags);
    let period_pos = m.get("period").map_or(Pos::new(1, 1), |n| n.pos);
    let period = m
        .required("period", diags)
        .and_then(|n| parse_period(n, path, "period", diags));
    let signer = m.required("signer", diags).and_then(|n| {
        let mut s = Map::new(n, path, "khối `signer`", diags)?;
        let on_behalf = s
            .str("on_behalf", diags)
            .unwrap_or_else(|| "T/M CHI BỘ".into());
        let title = s.str("title", diags).unwrap_or_else(|| "BÍ THƯ".into());
        let name = s.req_str("name", diags);
        s.finish(diags);
        Some(Signer {
            on_behalf,
            title,
            name: name?,
        })
    });
    let recipients = m
        .str_list("recipients", diags)
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    let draft = m.bool("draft", diags).unwrap_or(false);
    let publish = m.bool("publish", diags).unwrap_or(false);
    m.finish(diags);
    if diags.error_count() > before {
        return None;
    }
    let stem = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".md");
    let name = if vn::is_slug(stem) {
        stem.to_string()
    } else {
        vn::slugify(stem)
    };
    if name.is_empty() {
        diags.error(
            path,
            Pos::new(1, 1),
            "tên tệp báo cáo phải có chữ hoặc số, ví dụ `so-ket-giua-nhiem-ky.md`",
        );
        return None;
    }
    Some(Report {
        source: path.to_string(),
        name,
        doc_type,
        subject: subject?,
        number,
        number_pos,
        date: date?,
        date_pos,
        period: period?,
        period_pos,
        signer: signer?,
        countersigner: None,
        unnumbered: false,
        recipients,
        draft,
        publish,
        body: body.to_string(),
        body_line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_report() {
        let mut d = Diagnostics::default();
        let r = parse_report(
            "---\nsubject: sơ kết giữa nhiệm kỳ\nnumber: 15-BC/CB\ndate: 2023-11-02\nperiod: { from: 2020-07-01, to: 2023-10-31 }\nsigner: { name: Nguyễn Văn A }\nrecipients: [Lưu Chi bộ]\n---\nNội dung\n",
            "content/reports/So kết.md",
            &mut d,
        )
        .unwrap();
        assert!(!d.has_errors(), "{}", d.render());
        assert_eq!(r.name, "so-ket");
        assert_eq!(r.doc_type, "BÁO CÁO");
        assert_eq!(r.signer.on_behalf, "T/M CHI BỘ");
        assert_eq!(r.body_line, 9);
    }
}
