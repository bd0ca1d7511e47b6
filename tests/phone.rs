//! The published pages audited in Chromium, as a phone (375 px) and a
//! desktop (1280 px) show them: the checks behind Lighthouse's scores
//! that these pages could fail, done through the DevTools protocol and
//! the computed style (layout shift, text and link contrast, links told
//! apart without colour, an icon, every file found, no sideways scroll),
//! and at 375 px the menu, the site title, the article text and the
//! report's charts.

mod common;

use std::path::Path;

use serde_json::{Value, json};

/// What every page must pass, measured in the page: a list of problems.
const AUDIT: &str = r#"(async () => {
  const out = [];
  const rgb = s => { const m = s.match(/[\d.]+/g) || []; return m.map(Number); };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const bg = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return c; } return [255, 255, 255]; };
  const visible = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el); return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  // Text contrast: 4.5:1, or 3:1 for large text.
  for (const el of document.body.querySelectorAll('*')) {
    if (!visible(el) || el.closest('svg, noscript, mark')) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const s = getComputedStyle(el), size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const r = ratio(rgb(s.color), bg(el));
    if (r < need) out.push('contrast ' + r.toFixed(2) + ' < ' + need + ': ' + el.tagName + ' "' + el.textContent.trim().slice(0, 40) + '"');
  }
  // A link in running text is told apart without colour.
  for (const a of document.querySelectorAll('a')) {
    if (!visible(a) || getComputedStyle(a).display !== 'inline' || a.closest('nav, .pager')) continue;
    let block = a.parentElement;
    while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
    if (!block) continue;
    if (block.textContent.trim().length <= a.textContent.trim().length + 2) continue;
    const s = getComputedStyle(a);
    const around = ratio(rgb(s.color), rgb(getComputedStyle(block).color));
    if (!s.textDecorationLine.includes('underline') && around < 3) out.push('link by colour only: "' + a.textContent.trim().slice(0, 40) + '"');
  }
  const icon = document.querySelector('link[rel~=icon]');
  if (!icon) out.push('no icon link');
  else if (!(await fetch(icon.href)).ok) out.push('icon not found: ' + icon.href);
  for (const e of performance.getEntriesByType('resource')) if (e.responseStatus >= 400) out.push(e.responseStatus + ' ' + e.name);
  for (const img of document.images) if (!img.hasAttribute('alt') || !img.getAttribute('width') || !img.getAttribute('height')) out.push('img without alt or size: ' + img.src);
  if (document.documentElement.scrollWidth > innerWidth) out.push('scrolls sideways: ' + document.documentElement.scrollWidth);
  if (!document.documentElement.lang) out.push('no lang');
  if (!document.title.trim()) out.push('no title');
  if (document.querySelectorAll('h1').length !== 1) out.push(document.querySelectorAll('h1').length + ' h1');
  if (!document.querySelector('meta[name=viewport]')) out.push('no viewport');
  const shift = window.__shift || 0;
  if (shift >= 0.05) out.push('layout shift ' + shift.toFixed(3));
  return JSON.stringify(out);
})()"#;

/// Sums the page's layout shifts, from the start (script added before
/// any of the page's own runs).
const SHIFTS: &str = "window.__shift = 0; new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: 'layout-shift', buffered: true });";

/// The pages audited: home, an article with a photo, the tag index, a tag
/// page, the search page with a query, the report list, a report, 404.
const PAGES: [&str; 8] = [
    "",
    "to-chuc-dang/chi-bo-so-tu-phap-to-chuc-sinh-hoat-chuyen-de-quy-i-nam-2021/",
    "the/",
    "the/giam-sat/",
    "tim-kiem/?q=%C4%91%E1%BA%A3ng%20vi%C3%AAn",
    "bao-cao/",
    "bao-cao/so-ket-giua-nhiem-ky/",
    "404.html",
];

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let run = common::Site::example().run(&["build", "-q", "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (tmp, out)
}

/// A browser `width` × `height` whose every page counts its layout
/// shifts from before its own scripts run.
fn browser(width: u32, height: u32) -> common::cdp::Browser {
    let mut b = common::cdp::Browser::start(width, height);
    b.call(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": SHIFTS }),
    );
    b
}

/// Opens `page` and waits until it has settled (the search page: until
/// its results' excerpts are in).
fn open(b: &mut common::cdp::Browser, base: &str, page: &str) {
    b.goto(&format!("{base}{page}"));
    assert!(
        b.wait_for("document.readyState === 'complete'", 20),
        "{page}"
    );
    if page.starts_with("tim-kiem/") {
        assert!(
            b.wait_for(
                "document.querySelectorAll('#search-results li').length > 0 && [...document.querySelectorAll('#search-results .card-summary')].every(p => p.textContent.length > 0)",
                20
            ),
            "{page}: no results"
        );
    }
    std::thread::sleep(std::time::Duration::from_millis(400));
}

fn audit(out: &Path, width: u32, height: u32) -> Vec<String> {
    let server = chibo::print::FolderServer::start(out, "/chibo-stp").unwrap();
    let base = server.url("");
    let mut b = browser(width, height);
    let mut problems = Vec::new();
    for page in PAGES {
        open(&mut b, &base, page);
        let v = b.eval(AUDIT);
        let shift = b.eval("window.__shift || 0");
        eprintln!("{width}px /{page}: layout shift {shift}");
        let said: Vec<String> =
            serde_json::from_str(v.as_str().unwrap_or("[\"no answer\"]")).unwrap();
        problems.extend(said.into_iter().map(|p| format!("{width}px /{page}: {p}")));
    }
    problems
}

#[test]
fn every_kind_of_page_passes_the_audits_on_a_phone_and_a_desktop() {
    if !common::require_tools(&["chromium"]) {
        return;
    }
    let (_tmp, out) = built();
    let mut problems = audit(&out, 375, 800);
    problems.extend(audit(&out, 1280, 900));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn at_375_px_the_menu_title_text_charts_and_pictures_fit() {
    if !common::require_tools(&["chromium"]) {
        return;
    }
    let (_tmp, out) = built();
    let server = chibo::print::FolderServer::start(&out, "/chibo-stp").unwrap();
    let base = server.url("");
    let mut b = browser(375, 800);
    open(&mut b, &base, PAGES[1]);
    // "Tìm kiếm" and the menu's button on the screen without a tap; the
    // button (no script) opens the menu, every item whole on the screen.
    let on_screen = "(function(){ return JSON.stringify([...document.querySelectorAll(SEL)].filter(a => a.getClientRects().length > 0).map(a => { const r = a.getBoundingClientRect(); return [a.textContent.trim(), r.width > 0 && r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight]; })); })()";
    let seen = |b: &mut common::cdp::Browser, sel: &str| -> Vec<(String, bool)> {
        let v = b.eval(&on_screen.replace("SEL", &format!("{sel:?}")));
        serde_json::from_str(v.as_str().unwrap()).unwrap()
    };
    let bar = seen(&mut b, ".menu-bar label, .menu-bar a");
    assert_eq!(
        bar,
        [
            ("Danh mục".to_string(), true),
            ("Tìm kiếm".to_string(), true)
        ],
        "{bar:?}"
    );
    assert!(seen(&mut b, ".menu a").is_empty(), "the menu starts closed");
    b.eval("document.querySelector('.menu-button').click()");
    let menu = seen(&mut b, ".menu a");
    assert!(menu.len() >= 6, "{menu:?}");
    assert!(menu.iter().all(|(_, ok)| *ok), "{menu:?}");
    b.eval("document.querySelector('.menu-button').click()");
    // No line of the site title holds one word alone.
    let lines = b.eval(
        "(function(){const t=document.querySelector('.site-title'), r=document.createRange(), text=t.firstChild.textContent, tops={}; let i=0; for (const w of text.split(/[ \\u00a0]/)) { r.setStart(t.firstChild, i); r.setEnd(t.firstChild, i + w.length); const top=Math.round(r.getClientRects()[0].top); tops[top]=(tops[top]||0)+1; i += w.length + 1; } return JSON.stringify(Object.values(tops)); })()",
    );
    let words: Vec<u32> = serde_json::from_str(lines.as_str().unwrap()).unwrap();
    assert!(
        words.len() >= 2,
        "the title fits one line at 375 px? {words:?}"
    );
    assert!(
        words.iter().all(|n| *n >= 2),
        "a line of one word: {words:?}"
    );
    // Article text left-aligned, no indent.
    let align = b.eval(
        "(function(){const p=document.querySelector('.body p'); const s=getComputedStyle(p); return s.textAlign + ' ' + s.textIndent; })()",
    );
    assert_eq!(align, json!("left 0px"));
    // The report's charts one above the other, full width, labels ≥ 11 px.
    open(&mut b, &base, PAGES[6]);
    let chart = b.eval(
        "(function(){const s=[...document.querySelectorAll('figure.chart svg')]; if (s.length !== 2) return 'svgs: ' + s.length; const a=s[0].getBoundingClientRect(), c=s[1].getBoundingClientRect(); let small=99; for (const svg of s) { const k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; for (const t of svg.querySelectorAll('text')) small = Math.min(small, parseFloat(t.getAttribute('font-size')) * k); } return JSON.stringify({stacked: c.top >= a.bottom - 1, width: Math.min(a.width, c.width), small: small}); })()",
    );
    let chart: Value =
        serde_json::from_str(chart.as_str().unwrap()).unwrap_or_else(|_| panic!("{chart}"));
    assert_eq!(chart["stacked"], json!(true), "{chart}");
    assert!(chart["width"].as_f64().unwrap() >= 300.0, "{chart}");
    assert!(chart["small"].as_f64().unwrap() >= 11.0, "{chart}");
    // A search result's picture: the small size, WebP, in a held box; on
    // a slow line (150 ms each way, 1.6 Mbit/s, as Lighthouse's phone)
    // nothing moves as the results, pictures and excerpts come in.
    b.call("Network.enable", json!({}));
    b.call(
        "Network.emulateNetworkConditions",
        json!({"offline": false, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 90_000}),
    );
    open(&mut b, &base, PAGES[4]);
    let shift = b.eval("window.__shift").as_f64().unwrap();
    assert!(
        shift < 0.05,
        "the search page shifted {shift} on a slow line"
    );
    let pic = b.eval(
        "(function(){const i=document.querySelector('#search-results img'); if (!i) return 'no picture'; return i.currentSrc.split('/').pop() + ' ' + Math.round(i.getBoundingClientRect().width); })()",
    );
    let pic = pic.as_str().unwrap().to_string();
    assert!(pic.contains("-240.webp ") && pic.ends_with(" 112"), "{pic}");
}
