//! content/documents.yaml → the documents that articles and reports cite.

use std::collections::HashMap;

use crate::diag::Diagnostics;
use crate::model::Document;
use crate::yaml::{self, Map, Value};

/// Reads content/documents.yaml; every problem goes to `diags`.
pub fn parse_documents(
    text: &str,
    path: &str,
    diags: &mut Diagnostics,
) -> HashMap<String, Document> {
    let mut out: HashMap<String, Document> = HashMap::new();
    let Some(root) = yaml::parse(text, path, 0, diags) else {
        return out;
    };
    let items = match &root.value {
        Value::Seq(items) => items.as_slice(),
        Value::Null => &[],
        _ => {
            diags.error(
                path,
                root.pos,
                "documents.yaml phải là một danh sách văn bản, mỗi văn bản bắt đầu bằng `- id: …`",
            );
            return out;
        }
    };
    for item in items {
        let Some(mut m) = Map::new(item, path, "một văn bản", diags) else {
            continue;
        };
        let id_node = m.required("id", diags);
        let id = m.req_str("id", diags);
        let kind = m.req_str("type", diags);
        let number = m.req_str("number", diags);
        let date = m.req_date("date", diags);
        let issuer = m.req_str("issuer", diags);
        let subject = m.str("subject", diags);
        m.finish(diags);
        let (Some(id), Some(kind), Some(number), Some(date), Some(issuer)) =
            (id, kind, number, date, issuer)
        else {
            continue;
        };
        let pos = id_node.map_or(item.pos, |n| n.pos);
        if let Some(prev) = out.get(&id) {
            diags.error(
                path,
                pos,
                format!(
                    "mã văn bản `{id}` đã dùng ở dòng {}; mỗi văn bản cần một mã riêng",
                    prev.pos.line
                ),
            );
            continue;
        }
        out.insert(
            id.clone(),
            Document {
                id,
                kind,
                number,
                date,
                issuer,
                subject,
                pos,
            },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_documents_and_rejects_duplicate_ids() {
        let text = "- id: kl-01\n  type: Kết luận\n  number: 01-KL/TW\n  date: 2021-05-18\n  issuer: Bộ Chính trị\n- id: kl-01\n  type: Chỉ thị\n  number: 05-CT/TW\n  date: 2016-05-15\n  issuer: Bộ Chính trị\n";
        let mut d = Diagnostics::default();
        let docs = parse_documents(text, "content/documents.yaml", &mut d);
        assert_eq!(docs.len(), 1);
        assert_eq!(
            d.render(),
            "content/documents.yaml:6:7: mã văn bản `kl-01` đã dùng ở dòng 1; mỗi văn bản cần một mã riêng\n"
        );
    }
}
