//! YAML speed: the raw events of granit-parser against chibo's located tree.
//! cargo run --release --example yamlspeed -- DIR_OF_YAML_FILES
use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut texts = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let t = Instant::now();
    let mut n = 0usize;
    for text in &texts {
        for ev in granit_parser::Parser::new_from_str(text) {
            let (_e, span) = ev.unwrap();
            n += span.start.line();
        }
    }
    println!(
        "granit events: {:.3} s for {} MB ({n})",
        t.elapsed().as_secs_f64(),
        bytes / 1_000_000
    );
    let t = Instant::now();
    for text in &texts {
        let mut d = chibo::diag::Diagnostics::default();
        let _ = chibo::yaml::parse(text, "x", 0, &mut d);
    }
    println!(
        "chibo::yaml::parse (events → located tree): {:.3} s",
        t.elapsed().as_secs_f64()
    );
}
