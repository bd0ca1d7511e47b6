//! Writing YAML: a scalar quoted only when it must be, and whole entries as
//! block mappings, the way a person writes them (`chibo new`, the preview's
//! forms). Everything written here reads back through [`super::parse`] as
//! the same values; the tests prove it for the awkward cases.

/// A value to write. Maps keep the order they are given in.
#[derive(Debug, Clone, PartialEq)]
pub enum Yaml {
    /// Left out of a mapping.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction.
    Float(f64),
    /// Text; several lines become a literal block.
    Str(String),
    /// A list.
    Seq(Vec<Yaml>),
    /// A mapping, in this order.
    Map(Vec<(String, Yaml)>),
}

/// A YAML scalar for `s`: plain when it can be read as nothing but this
/// text, double-quoted otherwise.
pub fn scalar(s: &str) -> String {
    // Plain only when it can be nothing but this text: starts with a
    // letter, holds only letters, digits, spaces and quiet punctuation, and
    // is not a word YAML reads as null, a boolean or a number.
    let special = matches!(
        s.to_ascii_lowercase().as_str(),
        "null" | "~" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    );
    let plain = !special
        && s.chars().next().is_some_and(char::is_alphabetic)
        && !s.ends_with(' ')
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || ".,;()/–-…“”'!?".contains(c));
    if plain {
        return s.to_string();
    }
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '\\' => q.push_str("\\\\"),
            '"' => q.push_str("\\\""),
            '\n' => q.push_str("\\n"),
            '\t' => q.push_str("\\t"),
            c if c.is_control() => q.push_str(&format!("\\u{:04X}", c as u32)),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// A scalar in block context (a `key: value` line or a `- item` line),
/// where more can stay plain than in [`scalar`]: ids with `_`, dates and
/// times, text with commas, brackets or quotes inside.
pub fn block_scalar(s: &str) -> String {
    if plain_in_block(s) {
        s.to_string()
    } else {
        scalar(s)
    }
}

fn plain_in_block(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let legacy = matches!(
        s.to_ascii_lowercase().as_str(),
        "yes" | "no" | "on" | "off" | "y" | "n"
    );
    !legacy
        && !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && !first.is_whitespace()
        && !s.ends_with(char::is_whitespace)
        && !s.ends_with(':')
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.contains('\t')
        && s.chars().all(|c| {
            !c.is_control() && !matches!(c, '\u{feff}' | '\u{85}' | '\u{2028}' | '\u{2029}')
        })
        && super::resolve_plain(s) == super::Value::Str(s.to_string())
}

/// A block mapping at indent 0, one `key: value` per line.
pub fn mapping(entries: &[(String, Yaml)]) -> String {
    let mut out = String::new();
    write_map(entries, 0, &mut out);
    out
}

fn pad(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn write_map(entries: &[(String, Yaml)], indent: usize, out: &mut String) {
    for (k, v) in entries {
        if *v == Yaml::Null {
            continue;
        }
        pad(out, indent);
        out.push_str(&block_scalar(k));
        out.push(':');
        write_value(v, indent, out);
    }
}

/// The value of a key whose `key:` is written: on the same line for
/// scalars and empty collections, on the lines below otherwise.
fn write_value(v: &Yaml, indent: usize, out: &mut String) {
    match v {
        Yaml::Str(s) if literal_block(s) => {
            let body = s.trim_end_matches('\n');
            let chomp = match s.len() - body.len() {
                0 => "-",
                1 => "",
                _ => "+",
            };
            out.push_str(&format!(" |{chomp}\n"));
            for line in s.strip_suffix('\n').unwrap_or(s).split('\n') {
                if !line.is_empty() {
                    pad(out, indent + 2);
                    out.push_str(line);
                }
                out.push('\n');
            }
        }
        Yaml::Seq(items) if !items.is_empty() => {
            out.push('\n');
            write_seq(items, indent + 2, out);
        }
        Yaml::Map(entries) if entries.iter().any(|(_, v)| *v != Yaml::Null) => {
            match flow_map(entries) {
                Some(flow) if indent + flow.len() <= 90 => {
                    out.push(' ');
                    out.push_str(&flow);
                    out.push('\n');
                }
                _ => {
                    out.push('\n');
                    write_map(entries, indent + 2, out);
                }
            }
        }
        other => {
            out.push(' ');
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
}

fn write_seq(items: &[Yaml], indent: usize, out: &mut String) {
    for item in items {
        match item {
            Yaml::Map(entries) if entries.iter().any(|(_, v)| *v != Yaml::Null) => {
                // The first key sits on the dash's line.
                let mut block = String::new();
                write_map(entries, indent + 2, &mut block);
                pad(out, indent);
                out.push_str("- ");
                out.push_str(&block[indent + 2..]);
            }
            Yaml::Seq(inner) if !inner.is_empty() => {
                pad(out, indent);
                out.push_str("-\n");
                write_seq(inner, indent + 2, out);
            }
            Yaml::Str(s) if literal_block(s) => {
                pad(out, indent);
                out.push('-');
                write_value(item, indent, out);
            }
            other => {
                pad(out, indent);
                out.push_str("- ");
                out.push_str(&inline(other));
                out.push('\n');
            }
        }
    }
}

/// A small mapping of numbers and ids on one line, as people
/// write counts: `{ total: 26, exempt: 1, present: 23 }`.
fn flow_map(entries: &[(String, Yaml)]) -> Option<String> {
    let mut parts = Vec::new();
    for (k, v) in entries {
        let value = match v {
            Yaml::Null => continue,
            Yaml::Int(_) | Yaml::Float(_) | Yaml::Bool(_) => inline(v),
            // Ids of closed sets (`tot`, `hoan_thanh`) and days
            // (`2025-05-01`), not text.
            Yaml::Str(s) if is_id(s) || is_day(s) => block_scalar(s),
            _ => return None,
        };
        // An id key (`chuan_bi`) is plain in a flow mapping too.
        let key = if is_id(k) { block_scalar(k) } else { scalar(k) };
        parts.push(format!("{key}: {value}"));
    }
    Some(format!("{{ {} }}", parts.join(", ")))
}

/// A day as `YYYY-MM-DD`.
fn is_day(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// An id of a closed set or a criterion (`tot`, `chuan_bi`): lower-case
/// ASCII letters, digits and `_`.
fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A value on one line.
fn inline(v: &Yaml) -> String {
    match v {
        Yaml::Null => "null".into(),
        Yaml::Bool(b) => b.to_string(),
        Yaml::Int(i) => i.to_string(),
        Yaml::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 => {
            format!("{f:.1}")
        }
        Yaml::Float(f) if f.is_finite() => f.to_string(),
        Yaml::Float(_) => "null".into(),
        Yaml::Str(s) => block_scalar(s),
        Yaml::Seq(_) => "[]".into(),
        Yaml::Map(_) => "{}".into(),
    }
}

/// Whether text of several lines can be written as a literal block (`|`)
/// and read back the same: no carriage returns or other control
/// characters, no line of blanks only, no leading blank on the first line.
fn literal_block(s: &str) -> bool {
    s.contains('\n')
        && !s.starts_with([' ', '\t', '\n'])
        && s.chars().all(|c| c == '\n' || c == '\t' || !c.is_control())
        && s.chars()
            .all(|c| c != '\u{feff}' && c != '\u{85}' && c != '\u{2028}' && c != '\u{2029}')
        && s.split('\n')
            .all(|l| l.is_empty() || !l.trim_matches([' ', '\t']).is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{self, Value};

    fn yaml_str(s: &str) -> String {
        scalar(s)
    }

    #[test]
    fn quotes_only_when_yaml_needs_it() {
        assert_eq!(
            yaml_str("Chi bộ tổ chức Lễ kết nạp"),
            "Chi bộ tổ chức Lễ kết nạp"
        );
        assert_eq!(yaml_str("Nghị quyết: kết quả"), "\"Nghị quyết: kết quả\"");
        assert_eq!(yaml_str("\"Dân vận khéo\""), "\"\\\"Dân vận khéo\\\"\"");
    }

    #[test]
    fn every_written_value_reads_back_as_the_same_text() {
        for v in [
            "null",
            "Null",
            "~",
            "true",
            "no",
            "123",
            "1.5",
            "0x1F",
            "2023-11-02",
            "#x",
            "- a",
            "a: b",
            "a #b",
            "[x]",
            "{x}",
            "*x",
            "&x",
            "!x",
            "|",
            ">",
            "'a'",
            "%x",
            "@x",
            "`x",
            "a\tb",
            "a\\b",
            "dòng một\ndòng hai",
            "\u{7}",
            "Đảng ủy: 09 đảng viên",
            "x:",
            "yes",
            "a_b: c",
            "2023-10-12 14:00",
            "1e5",
            "Đồng chí \"A\", [B]",
            " a",
            "a ",
            "\u{feff}x",
        ] {
            let text = format!("title: {}\n", yaml_str(v));
            let mut d = crate::diag::Diagnostics::default();
            let root = yaml::parse(&text, "a.md", 1, &mut d)
                .unwrap_or_else(|| panic!("{text}: {}", d.render()));
            let Value::Map(entries) = root.value else {
                panic!("{text}")
            };
            assert_eq!(entries[0].1.value, Value::Str(v.to_string()), "{text}");
            let text = format!("title: {}\n", block_scalar(v));
            let root = yaml::parse(&text, "a.md", 1, &mut d)
                .unwrap_or_else(|| panic!("{text}: {}", d.render()));
            let Value::Map(entries) = root.value else {
                panic!("{text}")
            };
            assert_eq!(entries[0].1.value, Value::Str(v.to_string()), "{text}");
        }
    }

    fn to_value(y: &Yaml) -> Value {
        match y {
            Yaml::Null => Value::Null,
            Yaml::Bool(b) => Value::Bool(*b),
            Yaml::Int(i) => Value::Int(*i),
            Yaml::Float(f) => Value::Float(*f),
            Yaml::Str(s) => Value::Str(s.clone()),
            Yaml::Seq(v) => Value::Seq(
                v.iter()
                    .map(|y| yaml::Node {
                        value: to_value(y),
                        pos: Default::default(),
                    })
                    .collect(),
            ),
            Yaml::Map(m) => Value::Map(
                m.iter()
                    .filter(|(_, v)| *v != Yaml::Null)
                    .map(|(k, v)| {
                        (
                            yaml::Key {
                                name: k.clone(),
                                pos: Default::default(),
                            },
                            yaml::Node {
                                value: to_value(v),
                                pos: Default::default(),
                            },
                        )
                    })
                    .collect(),
            ),
        }
    }

    fn strip_pos(n: &yaml::Node) -> Value {
        match &n.value {
            Value::Seq(v) => Value::Seq(
                v.iter()
                    .map(|i| yaml::Node {
                        value: strip_pos(i),
                        pos: Default::default(),
                    })
                    .collect(),
            ),
            Value::Map(m) => Value::Map(
                m.iter()
                    .map(|(k, v)| {
                        (
                            yaml::Key {
                                name: k.name.clone(),
                                pos: Default::default(),
                            },
                            yaml::Node {
                                value: strip_pos(v),
                                pos: Default::default(),
                            },
                        )
                    })
                    .collect(),
            ),
            v => v.clone(),
        }
    }

    #[test]
    fn an_entry_is_written_as_a_block_and_reads_back_the_same() {
        let s = |t: &str| Yaml::Str(t.to_string());
        let entry = vec![
            ("kind".to_string(), s("sinh_hoat_thuong_ky")),
            ("date".to_string(), s("2023-10-12 14:00")),
            ("title".to_string(), s("Sinh hoạt: tháng 10")),
            ("place".to_string(), Yaml::Null),
            (
                "attendance".to_string(),
                Yaml::Map(vec![
                    ("total".to_string(), Yaml::Int(26)),
                    ("exempt".to_string(), Yaml::Int(1)),
                ]),
            ),
            (
                "topics".to_string(),
                Yaml::Seq(vec![s("Quán triệt # nghị quyết"), s("123"), s("- gạch")]),
            ),
            ("score".to_string(), Yaml::Float(90.0)),
            ("draft".to_string(), Yaml::Bool(false)),
            ("tags".to_string(), Yaml::Seq(vec![])),
            (
                "photos".to_string(),
                Yaml::Seq(vec![Yaml::Map(vec![
                    ("src".to_string(), s("static/anh/2023/a.jpg")),
                    ("caption".to_string(), s("Lễ kết nạp: đồng chí \"A\"")),
                ])]),
            ),
            (
                "news".to_string(),
                Yaml::Map(vec![
                    ("title".to_string(), s("Tin")),
                    (
                        "body".to_string(),
                        s("Đoạn một.\n\n# Tiêu đề\n  thụt vào\n\tnot a tab start"),
                    ),
                ]),
            ),
            ("note".to_string(), s("dòng một\n")),
            ("note2".to_string(), s("dòng một\n\n\n")),
            ("note3".to_string(), s(" đầu có dấu cách\nhai")),
            ("note4".to_string(), s("có \r\n CRLF")),
            ("note5".to_string(), s("dòng\n   \nchỉ có dấu cách")),
        ];
        let text = mapping(&entry);
        assert!(
            text.starts_with("kind: sinh_hoat_thuong_ky\ndate: 2023-10-12 14:00\n"),
            "{text}"
        );
        assert!(
            text.contains("attendance: { total: 26, exempt: 1 }\n"),
            "{text}"
        );
        assert!(
            text.contains("photos:\n  - src: static/anh/2023/a.jpg\n    caption: "),
            "{text}"
        );
        assert!(
            text.contains("  body: |-\n    Đoạn một.\n\n    # Tiêu đề\n"),
            "{text}"
        );
        assert!(!text.contains("place"), "{text}");
        let mut d = crate::diag::Diagnostics::default();
        let root = yaml::parse(&text, "a.yaml", 0, &mut d)
            .unwrap_or_else(|| panic!("{text}: {}", d.render()));
        assert_eq!(strip_pos(&root), to_value(&Yaml::Map(entry)), "{text}");
    }
}
