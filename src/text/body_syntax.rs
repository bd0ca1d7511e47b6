//! What template syntax a Markdown body may use: expressions
//! (`{{ figures.x | so }}`) with the documented filters and functions,
//! conditionals (`{% if %}…{% elif %}…{% else %}…{% endif %}`) and
//! `{% raw %}…{% endraw %}`. Loops, `set`, `include`, macros and the rest
//! belong in templates/, where the site's designer works; in a body they
//! would turn text written by anyone into a program. Checked before Tera
//! sees the body, so every refusal points at the body's own line.

use crate::diag::Pos;

/// Filters a body may use: chibo's own and Tera's that cannot multiply the
/// size of what they are given (no `replace`, `split`, `indent`, `safe`).
pub const BODY_FILTERS: &[&str] = &[
    // chibo
    "ngay_thang_nam",
    "timestamp",
    "ngay_ngan",
    "thu",
    "so",
    "hai_so",
    "la_ma",
    "slug",
    "cite",
    // Tera
    "default",
    "upper",
    "lower",
    "capitalize",
    "title",
    "trim",
    "trim_start",
    "trim_end",
    "truncate",
    "wordcount",
    "length",
    "round",
    "abs",
    "int",
    "float",
    "str",
    "first",
    "last",
    "nth",
    "get",
    "pluralize",
    "reverse",
    "join",
];

/// Functions a body may call.
pub const BODY_FUNCTIONS: &[&str] = &[
    "bang_so_lieu",
    "bieu_do",
    "bang_chi_tieu",
    "bang_tong_hop",
    "khong_co",
];

/// Statements a body may use.
const BODY_STATEMENTS: &[&str] = &["if", "elif", "else", "endif", "raw"];

/// Longest expression accepted (characters between `{{` and `}}`).
pub const MAX_EXPRESSION: usize = 500;
/// Most expressions and statements in one body.
pub const MAX_TAGS: usize = 5_000;

/// True when a body uses template syntax and must be checked and rendered.
/// (`{#` alone is not: it is also Markdown's heading id, `## Mục {#muc}`.)
pub fn needs_templating(body: &str) -> bool {
    body.contains("{{") || body.contains("{%")
}

/// A refused piece of template syntax: byte offset in the body and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Byte offset in the body.
    pub offset: usize,
    /// What is refused and why, in Vietnamese.
    pub message: String,
}

/// The position of byte `offset` of a body whose first line is line
/// `first_line` of its file (columns count characters).
pub fn pos_at(body: &str, offset: usize, first_line: u32) -> Pos {
    super::Lines::new(body, first_line).pos(offset.min(body.len()))
}

/// Every refusal in a body, in order.
pub fn check(body: &str) -> Vec<Refusal> {
    let mut out = Vec::new();
    let b = body.as_bytes();
    let mut i = 0;
    let mut tags = 0usize;
    let refuse = |out: &mut Vec<Refusal>, offset: usize, message: String| {
        out.push(Refusal { offset, message })
    };
    while let Some(off) = body[i..].find('{') {
        let at = i + off;
        let next = b.get(at + 1).copied();
        match next {
            Some(b'#') => match body[at + 2..].find("#}") {
                Some(end) => i = at + 2 + end + 2,
                None => {
                    refuse(
                        &mut out,
                        at,
                        "`{#` mở một chú thích mẫu nhưng không có `#}` đóng lại; muốn viết `{#` như chữ thường (cả mã đề mục `{#muc}` trong bài có `{{ … }}`), đặt nó giữa {% raw %} và {% endraw %}".into(),
                    );
                    break;
                }
            },
            Some(b'{') | Some(b'%') => {
                let stmt = next == Some(b'%');
                let close = if stmt { "%}" } else { "}}" };
                let Some(end) = find_close(body, at + 2, close) else {
                    let open = if stmt { "{%" } else { "{{" };
                    refuse(
                        &mut out,
                        at,
                        format!(
                            "`{open}` chưa được đóng bằng `{close}`; muốn viết `{open}` như chữ thường, đặt nó giữa {{% raw %}} và {{% endraw %}}"
                        ),
                    );
                    break;
                };
                tags += 1;
                if tags > MAX_TAGS {
                    refuse(
                        &mut out,
                        at,
                        format!("bài có quá {MAX_TAGS} biểu thức và câu lệnh mẫu"),
                    );
                    break;
                }
                let inner = body[at + 2..end].trim_matches(['-', '+']);
                i = end + 2;
                if !stmt {
                    check_expression(inner, at, &mut out);
                    continue;
                }
                let trimmed = inner.trim_start();
                let keyword: String = trimmed
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !BODY_STATEMENTS.contains(&keyword.as_str()) {
                    refuse(
                        &mut out,
                        at,
                        format!(
                            "câu lệnh `{{% {keyword} %}}` không dùng được trong bài; trong bài chỉ dùng biểu thức `{{{{ … }}}}`, điều kiện `{{% if %}}…{{% elif %}}…{{% else %}}…{{% endif %}}` và `{{% raw %}}…{{% endraw %}}` (vòng lặp, `set`, `include`, `macro`… thuộc về mẫu trang trong templates/)"
                        ),
                    );
                    continue;
                }
                match keyword.as_str() {
                    "if" | "elif" => check_expression(&trimmed[keyword.len()..], at, &mut out),
                    "raw" => match find_endraw(body, i) {
                        Some(after) => i = after,
                        None => {
                            refuse(
                                &mut out,
                                at,
                                "`{% raw %}` không có `{% endraw %}` đóng lại".into(),
                            );
                            break;
                        }
                    },
                    _ => {}
                }
            }
            _ => i = at + 1,
        }
    }
    out
}

/// The offset of `close` after `from`, skipping quoted strings.
fn find_close(body: &str, from: usize, close: &str) -> Option<usize> {
    let b = body.as_bytes();
    let c = close.as_bytes();
    let mut i = from;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        match quote {
            Some(q) if b[i] == q => quote = None,
            Some(_) => {}
            None if matches!(b[i], b'"' | b'\'' | b'`') => quote = Some(b[i]),
            None if b[i..].starts_with(c) => return Some(i),
            None if b[i] == b'\n' && b.get(i + 1) == Some(&b'\n') => return None,
            None => {}
        }
        i += 1;
    }
    None
}

/// The offset after the `{% endraw %}` that closes a raw block.
fn find_endraw(body: &str, from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(off) = body[i..].find("{%") {
        let at = i + off;
        let end = body[at..].find("%}")? + at;
        let inner = body[at + 2..end].trim_matches(['-', '+']).trim();
        if inner == "endraw" {
            return Some(end + 2);
        }
        i = at + 2;
    }
    None
}

/// Refuses filters and functions a body may not use, and overlong
/// expressions.
fn check_expression(expr: &str, at: usize, out: &mut Vec<Refusal>) {
    if expr.chars().count() > MAX_EXPRESSION {
        out.push(Refusal {
            offset: at,
            message: format!("biểu thức dài quá {MAX_EXPRESSION} ký tự"),
        });
        return;
    }
    let b = expr.as_bytes();
    let mut i = 0;
    let mut prev: &str = "";
    while i < b.len() {
        let c = b[i];
        if matches!(c, b'"' | b'\'' | b'`') {
            let end = expr[i + 1..].find(c as char).map_or(b.len(), |e| i + 1 + e);
            i = end + 1;
            prev = "\"";
            continue;
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            let word = &expr[start..i];
            let called = expr[i..].trim_start().starts_with('(');
            if prev == "|" && !BODY_FILTERS.contains(&word) {
                out.push(Refusal {
                    offset: at,
                    message: format!(
                        "bộ lọc `{word}` không dùng được trong bài; các bộ lọc dùng được: {}",
                        BODY_FILTERS.join(", ")
                    ),
                });
            } else if called
                && prev != "|"
                && prev != "is"
                && prev != "."
                && !BODY_FUNCTIONS.contains(&word)
            {
                out.push(Refusal {
                    offset: at,
                    message: format!(
                        "hàm `{word}()` không dùng được trong bài; các hàm dùng được: {}",
                        BODY_FUNCTIONS
                            .iter()
                            .map(|f| format!("{f}()"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            }
            prev = if word == "not" && prev == "is" {
                "is"
            } else {
                word
            };
            continue;
        }
        if !c.is_ascii_whitespace() {
            prev = match c {
                b'|' => "|",
                b'.' => ".",
                _ => "?",
            };
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(body: &str) -> Vec<String> {
        check(body).into_iter().map(|r| r.message).collect()
    }

    #[test]
    fn expressions_conditionals_and_raw_are_accepted() {
        let body = "Có {{ figures.counts.ket_nap | hai_so }} đảng viên.\n{% if figures.discipline.subjects == 0 %}Không ai bị kỷ luật.{% elif x is not defined %}?{%- else -%}Có.{% endif %}\n{% raw %}{{ x }} {% for %}{% endraw %}\n{{ \"kl-01\" | cite(full=true) }} {{ bieu_do() }} {{ \"a}}b\" | upper }}";
        assert_eq!(messages(body), Vec::<String>::new());
    }

    #[test]
    fn statements_other_than_if_and_raw_are_refused_where_they_stand() {
        let body = "Một.\n{% set n = bieu_do() | split(pat=\"-->\") | first %}\n{% for x in y %}{% endfor %}";
        let r = check(body);
        assert_eq!(r.len(), 3, "{r:?}");
        assert_eq!(r[0].offset, "Một.\n".len());
        assert!(
            r[0].message
                .starts_with("câu lệnh `{% set %}` không dùng được trong bài")
        );
        assert!(r[1].message.starts_with("câu lệnh `{% for %}`"));
        assert!(r[2].message.starts_with("câu lệnh `{% endfor %}`"));
        assert_eq!(pos_at(body, r[1].offset, 10), Pos::new(12, 1));
    }

    #[test]
    fn amplifying_filters_and_unknown_functions_are_refused() {
        let m = messages(
            "{{ range(end=100000) | join(sep=\"x\") }} {{ x | replace(from=\"a\", to=\"b\") }} {{ y | safe }}",
        );
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(m[0].starts_with("hàm `range()` không dùng được trong bài"));
        assert!(m[1].starts_with("bộ lọc `replace` không dùng được trong bài"));
        assert!(m[2].starts_with("bộ lọc `safe`"));
    }

    #[test]
    fn an_unclosed_comment_says_so() {
        let m = messages("Chữ {# ghi chú\n\nhết.");
        assert_eq!(m.len(), 1);
        assert!(
            m[0].starts_with("`{#` mở một chú thích mẫu nhưng không có `#}`"),
            "{m:?}"
        );
        let m = messages("Mã {{ x\n\nhết.");
        assert!(m[0].starts_with("`{{` chưa được đóng bằng `}}`"), "{m:?}");
    }

    #[test]
    fn positions_count_characters_from_the_body_line() {
        let body = "ảnh\nđảng {{";
        assert_eq!(pos_at(body, body.find("{{").unwrap(), 7), Pos::new(8, 6));
    }
}
