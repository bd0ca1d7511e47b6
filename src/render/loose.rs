//! Bodies of articles whose front matter has errors are never published,
//! but their photos, links, nesting and template syntax are checked in the
//! same run, so that every problem of a file is reported at once.

use std::collections::HashSet;

use crate::diag::Diagnostics;
use crate::model::Site;
use crate::render::markdown::{self, MdInput};

/// Reports the problems of every loose body of `site` into `diags`.
pub fn check(site: &Site, base_path: &str, diags: &mut Diagnostics) {
    if site.broken.bodies.is_empty() {
        return;
    }
    let static_set: HashSet<String> = site.static_files.iter().cloned().collect();
    for b in &site.broken.bodies {
        let lines = crate::text::Lines::new(&b.body, b.body_line);
        for r in crate::text::body_syntax::check(&b.body) {
            let pos = lines.pos(r.offset);
            diags.error(&b.source, pos, r.message);
        }
        markdown::render(
            &MdInput::new(
                &b.body,
                &b.source,
                b.body_line,
                site,
                &static_set,
                base_path,
            ),
            diags,
        );
    }
}
