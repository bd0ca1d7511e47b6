//! An edited entry written back key by key: a key whose value the form did
//! not change keeps its lines exactly as they were (its comments, its
//! quoting, a `|` block with its chomping, a flow list, the file's line
//! ends and normalisation); only changed keys are written anew, in the
//! file's line end. A block mapping inside an entry (`news:`) is merged the
//! same way, so editing a news title keeps its body's block as written.

use crate::yaml::{Key, Node, Value, Yaml};

/// One key of a block mapping and the lines it owns.
struct Piece<'a> {
    key: &'a Key,
    value: &'a Node,
    /// First line it owns (comments above the key at its column or less
    /// belong to it) and the key's own line, 1-based.
    begin: u32,
    key_line: u32,
    /// Last line of its value, and the blank lines after it.
    end: u32,
    blank_after: u32,
}

/// What the merge writes with: the file's raw lines (each with its own
/// line end), the line end for new lines, and how form values become YAML.
pub(super) struct Ctx<'a> {
    /// Raw lines of the file, each with its terminator.
    pub raw: &'a [&'a str],
    /// The line end new lines are written with.
    pub eol: &'a str,
    /// A form value as YAML for a key (NFC, trimmed, empties `Null`).
    pub to_yaml: &'a dyn Fn(&serde_json::Value, &str) -> Yaml,
    /// The order keys of a nested block take, by the block's key.
    pub order: &'a dyn Fn(&str) -> Vec<&'static str>,
}

impl Ctx<'_> {
    fn line(&self, n: u32) -> &str {
        self.raw.get(n as usize - 1).copied().unwrap_or("")
    }

    fn push_raw(&self, out: &mut String, first: u32, last: u32) {
        for n in first..=last {
            out.push_str(self.line(n));
        }
    }

    /// `key: value` as YAML at `col`, in the file's line end.
    fn push_new(&self, out: &mut String, key: &str, v: &Yaml, col: usize) {
        let text = crate::yaml::mapping(&[(key.to_string(), v.clone())]);
        for l in text.split_inclusive('\n') {
            let body = l.trim_end_matches('\n');
            if !body.is_empty() {
                out.extend(std::iter::repeat_n(' ', col));
                out.push_str(body);
            }
            out.push_str(self.eol);
        }
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// The keys of a block mapping spanning lines `start..=end`, each with its
/// lines; `None` when two keys share a line (a flow mapping).
fn pieces<'a>(
    cx: &Ctx<'_>,
    map: &'a [(Key, Node)],
    start: u32,
    end: u32,
) -> Option<Vec<Piece<'a>>> {
    let mut out: Vec<Piece<'a>> = Vec::with_capacity(map.len());
    for (i, (key, value)) in map.iter().enumerate() {
        let line = key.pos.line;
        if line < start || line > end || out.last().is_some_and(|p| p.key_line >= line) {
            return None;
        }
        let col = (key.pos.col as usize).saturating_sub(1);
        let mut begin = line;
        if i == 0 {
            begin = start;
        } else {
            let floor = out.last().map_or(start, |p| p.key_line) + 1;
            while begin > floor {
                let above = cx.line(begin - 1);
                let t = above.trim_start();
                if t.starts_with('#') && indent(above) <= col {
                    begin -= 1;
                } else {
                    break;
                }
            }
        }
        if let Some(prev) = out.last_mut() {
            prev.end = begin - 1;
        }
        out.push(Piece {
            key,
            value,
            begin,
            key_line: line,
            end,
            blank_after: 0,
        });
    }
    for p in &mut out {
        while p.end > p.key_line && is_blank(cx.line(p.end)) {
            p.end -= 1;
            p.blank_after += 1;
        }
    }
    Some(out)
}

/// Whether the value of a key starts on the lines below it (a block).
fn is_block_map(p: &Piece<'_>) -> bool {
    matches!(&p.value.value, Value::Map(m) if !m.is_empty() && m[0].0.pos.line > p.key_line)
}

/// The entry as it should now read, from the old one's `node` (a block
/// mapping on lines `start..=end`) and the form's `new` keys in their
/// canonical order; `None` when the entry must be written whole (it is not
/// a block mapping, or, for a list item (`first_fixed`), the first key that
/// sits on the dash's line changed or went).
pub(super) fn merge(
    cx: &Ctx<'_>,
    node: &Node,
    (start, end): (u32, u32),
    new: &serde_json::Map<String, serde_json::Value>,
    order: &[&str],
    first_fixed: bool,
) -> Option<String> {
    let Value::Map(map) = &node.value else {
        return None;
    };
    let pieces = pieces(cx, map, start, end)?;
    let first = pieces.first()?;
    let col = (first.key.pos.col as usize).saturating_sub(1);
    let rank = |k: &str| order.iter().position(|o| *o == k).unwrap_or(usize::MAX);
    let value_of = |k: &str| new.get(k).map(|v| (cx.to_yaml)(v, k)).unwrap_or(Yaml::Null);
    // The first key keeps the dash or the item's first line: it must stay.
    let old_first = (cx.to_yaml)(&super::entries::to_json(first.value), &first.key.name);
    if first_fixed && (value_of(&first.key.name) != old_first || old_first == Yaml::Null) {
        return None;
    }
    // Keys the form has and the entry had not, each put before the first
    // old key that comes after it in the canonical order.
    let mut added: Vec<&str> = new
        .keys()
        .map(String::as_str)
        .filter(|k| !map.iter().any(|(o, _)| o.name == *k))
        .filter(|k| value_of(k) != Yaml::Null)
        .collect();
    added.sort_by_key(|k| rank(k));
    let mut out = String::new();
    for (i, p) in pieces.iter().enumerate() {
        if i > 0 {
            while let Some(k) = added
                .first()
                .copied()
                .filter(|k| rank(k) < rank(&p.key.name))
            {
                cx.push_new(&mut out, k, &value_of(k), col);
                added.remove(0);
            }
        }
        let name = p.key.name.as_str();
        let now = value_of(name);
        let was = (cx.to_yaml)(&super::entries::to_json(p.value), name);
        if now == was {
            cx.push_raw(&mut out, p.begin, p.end + p.blank_after);
            continue;
        }
        if now == Yaml::Null {
            continue;
        }
        // Comments written above the key stay with it.
        cx.push_raw(&mut out, p.begin, p.key_line - 1);
        let nested = match (&now, new.get(name)) {
            (Yaml::Map(_), Some(serde_json::Value::Object(inner))) if is_block_map(p) => {
                let order = (cx.order)(name);
                merge(cx, p.value, (p.key_line + 1, p.end), inner, &order, false).map(|body| {
                    let mut s = cx.line(p.key_line).to_string();
                    s.push_str(&body);
                    s
                })
            }
            _ => None,
        };
        match nested {
            Some(s) => out.push_str(&s),
            None => cx.push_new(&mut out, name, &now, col),
        }
        cx.push_raw(&mut out, p.end + 1, p.end + p.blank_after);
    }
    for k in added {
        cx.push_new(&mut out, k, &value_of(k), col);
    }
    Some(out)
}
