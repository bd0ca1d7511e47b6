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
        self.preview_body(&body, &a.source, a.body_line, d)
    }

    fn preview_body(&self, body: &str, path: &str, first_line: u32, d: &mut Diagnostics) -> String {
        markdown::render(
            &MdInput {
                body,
                path,
                first_line,
                static_files: &self.static_set,
                photos: &self.site.photos.by_source,
                print: false,
                base_path: &self.base_path,
                unsafe_html: false,
                first_paragraph_is_lead: true,
                trusted: &|req: &str| crate::render::figures_html::trusted_html(&self.data, req),
                links: Some(&|dest: &str| self.link_targets().resolve(dest)),
            },
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
