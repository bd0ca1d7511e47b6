//! What the preview's article form shows before anything is saved: an
//! article rendered as the build renders it.

use super::Prepared;
use crate::diag::Diagnostics;
use crate::model::Article;
use crate::render::markdown::{self, MdInput};

impl Prepared {
    /// An article not saved yet (the article form's preview), rendered as
    /// the build renders it: its body templated with the figures of its
    /// `figures:` period, then photos, links and the sanitiser. Problems go
    /// to `d` at the article's lines.
    pub fn preview_article(&self, a: &Article, d: &mut Diagnostics) -> String {
        let body = super::template_body(&self.tera, &self.site, a, d);
        markdown::render(
            &MdInput::new(
                &body,
                &a.source,
                a.body_line,
                &self.site,
                &self.static_set,
                &self.base_path,
            )
            // Shown in the forms page, on the origin that may write.
            .sanitised()
            // As the build: an article with a summary has no lead paragraph.
            .lead(a.summary.is_none())
            .templated(&|req: &str| crate::render::figures_html::trusted_html(&self.data, req))
            .linked(Some(&|dest: &str| self.link_targets().resolve(dest))),
            d,
        )
        .html
    }

    /// What links in bodies are checked against.
    pub(crate) fn link_targets(&self) -> super::links::LinkTargets<'_> {
        super::links::LinkTargets {
            routes: &self.routes,
            static_files: &self.static_set,
            photos: &self.site.photos.by_source,
            sources: &self.sources,
            base_url: &self.base_url,
            base_path: &self.base_path,
        }
    }
}
