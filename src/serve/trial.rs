//! A save tried before it is written: the site is loaded, rendered and
//! checked as `check` does, once as it is and once with the changed file as the form
//! would leave it; a problem the second has and the first has not is the
//! save's, and the save is refused with it. So a form can never write what
//! makes the next build fail (a missing photo in a news body, a link to
//! nowhere, an alias left without its anchor).

use std::path::Path;

use crate::check::{now_at, warn_future};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::edit::Plan;
use crate::load::{self, Overlay};
use crate::output::NullSink;
use crate::render::site::{BuildOptions, render_site};

/// The errors of a check of the site, with `overlay` applied when given.
fn errors_of(root: &Path, overlay: Option<&Overlay>) -> Vec<Diagnostic> {
    let mut d = Diagnostics::default();
    let site = match overlay {
        Some(o) => load::load_site_over(root, o, &mut d),
        None => load::load_site(root, &mut d),
    };
    if let Some(site) = &site {
        let now = now_at(site.config.offset_minutes);
        let opts = BuildOptions::check(now, load::bodies(site));
        render_site(site, &opts, &NullSink, &mut d);
        // What the whole-site checks refuse (a report's number, a year's
        // rating over its cap) fails a build too.
        warn_future(site, now, &mut d);
    }
    d.items()
        .iter()
        .filter(|m| m.severity == Severity::Error)
        .cloned()
        .collect()
}

/// The problems the site would have with `plan` written that it does not
/// have now, each as `file:line: message` (lines as they would be).
pub(super) fn new_errors(root: &Path, plan: &Plan) -> Vec<Diagnostic> {
    let overlay = Overlay {
        rel: plan.rel.clone(),
        bytes: plan.bytes.clone(),
    };
    let (before, after) = rayon::join(|| errors_of(root, None), || errors_of(root, Some(&overlay)));
    // Lines move with an edit: a problem is the same when its file and
    // words are.
    let mut known: Vec<(&str, &str)> = before
        .iter()
        .map(|m| (m.path.as_str(), m.message.as_str()))
        .collect();
    known.sort_unstable();
    after
        .into_iter()
        .filter(|m| {
            known
                .binary_search(&(m.path.as_str(), m.message.as_str()))
                .is_err()
        })
        .collect()
}
