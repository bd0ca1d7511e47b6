//! A scan of built pages for active content: any `<script>` other than the
//! theme's own search script, inline event handlers (`on…=`), script URLs
//! (`javascript:`, `vbscript:`, `data:`) in links and sources, and elements
//! that load other documents or code. Used by the integration tests on every
//! page they build, and by the fuzzer (examples/fuzz.rs) on every run.

use std::path::Path;

/// The one script the built-in theme loads (the search page).
fn theme_script(attrs: &[(String, String)]) -> bool {
    attrs
        .iter()
        .any(|(k, v)| k == "src" && v.ends_with("/assets/search.js"))
}

/// Problems found in one HTML text, each described in a line.
pub fn scan_html(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let at = i + off;
        i = at + 1;
        if html[at..].starts_with("<!--") {
            i = html[at..].find("-->").map_or(b.len(), |e| at + e + 3);
            continue;
        }
        let start = at + 1;
        let name_len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
            .count();
        if name_len == 0 || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..start + name_len].to_ascii_lowercase();
        let (attrs, end) = attributes(html, start + name_len);
        i = end;
        let tag = &html[at..end.min(html.len()).max(at)];
        let short: String = tag.chars().take(120).collect();
        match name.as_str() {
            "script" if !theme_script(&attrs) => found.push(format!("<script>: {short}")),
            "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "base" | "portal" => {
                found.push(format!("<{name}>: {short}"))
            }
            "meta" if attrs.iter().any(|(k, _)| k == "http-equiv") => {
                found.push(format!("<meta http-equiv>: {short}"))
            }
            _ => {}
        }
        for (k, v) in &attrs {
            if k.len() > 2 && k.starts_with("on") && k[2..].bytes().all(|c| c.is_ascii_alphabetic())
            {
                found.push(format!("event handler `{k}`: {short}"));
            }
            if matches!(
                k.as_str(),
                "href"
                    | "src"
                    | "action"
                    | "formaction"
                    | "xlink:href"
                    | "data"
                    | "poster"
                    | "srcset"
                    | "background"
                    | "cite"
                    | "lowsrc"
            ) {
                let folded: String = v
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| folded.starts_with(s) || folded.contains(&format!(",{s}")))
                {
                    found.push(format!("script URL in `{k}`: {short}"));
                }
            }
            if k == "style" && {
                let l = v.to_ascii_lowercase();
                l.contains("expression(") || l.contains("javascript:") || l.contains("url(")
            } {
                found.push(format!("active style: {short}"));
            }
        }
    }
    found
}

/// Reads the attributes of a tag from `from` (after its name) to its `>`;
/// returns them (names lower-cased, entities in values left as written
/// except `&colon;`/`&#58;`-style colons, decoded for the URL check) and the
/// offset after the tag.
fn attributes(html: &str, from: usize) -> (Vec<(String, String)>, usize) {
    let b = html.as_bytes();
    let mut i = from;
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return (attrs, b.len());
        }
        if b[i] == b'>' {
            return (attrs, i + 1);
        }
        let ns = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = html[ns..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let ve = b[vs..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(b.len(), |p| vs + p);
                value = html[vs..ve].to_string();
                i = (ve + 1).min(b.len());
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = html[vs..i].to_string();
            }
        }
        let value = decode_colons(&value);
        attrs.push((name, value));
    }
}

/// Decodes the entity spellings of `:` and letters that a browser would
/// decode in an attribute (`&#58;`, `&#x3a;`, `&colon;`, `&#106;` …).
fn decode_colons(v: &str) -> String {
    if !v.contains('&') {
        return v.to_string();
    }
    let mut out = String::new();
    let mut rest = v;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest.find(';').filter(|&e| e < 12);
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let code = if let Some(h) = ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X")) {
                u32::from_str_radix(h, 16).ok()
            } else if let Some(d) = ent.strip_prefix('#') {
                d.parse().ok()
            } else if ent == "colon" {
                Some(58)
            } else {
                None
            };
            code.and_then(char::from_u32).map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Scans every `.html` and `.xml` file under `dir`; returns "path: problem"
/// lines.
pub fn scan_dir(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
        let p = e.path();
        let is_page = p
            .extension()
            .is_some_and(|x| x == "html" || x == "xml" || x == "svg");
        if !e.file_type().is_file() || !is_page {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        // The feed carries article HTML escaped inside `<content
        // type="html">`: that part is scanned as a reader will see it. Its
        // text constructs (title, summary) are text, escaped, and stay so.
        let text = if p.extension().is_some_and(|x| x == "xml") {
            let mut t = text.clone();
            for part in text.split("<content type=\"html\">").skip(1) {
                let html = part.split("</content>").next().unwrap_or("");
                t.push_str(
                    &html
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"")
                        .replace("&amp;", "&"),
                );
            }
            t
        } else {
            text
        };
        for f in scan_html(&text) {
            found.push(format!("{}: {f}", p.display()));
        }
    }
    found
}
