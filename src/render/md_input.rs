//! What a Markdown body is rendered with: the body and where it comes
//! from, and what the site lends it (its files, photos, base path, the
//! makers of chibo's own HTML and of links). Its own module so that the
//! renderer and its helpers (`photo_html`, `urls`) all read it from below.

use std::collections::{HashMap, HashSet};

use crate::model::PhotoSizes;

/// What a Markdown body is rendered with.
pub struct MdInput<'a> {
    /// The Markdown text.
    pub body: &'a str,
    /// Where problems are reported: the file and the line the body starts on.
    pub path: &'a str,
    /// The line of the file the body starts on.
    pub first_line: u32,
    /// Files under content/static, relative to content/ ("static/a.jpg").
    pub static_files: &'a HashSet<String>,
    /// The processed photos among them, by the same names.
    pub photos: &'a HashMap<String, PhotoSizes>,
    /// For paper (reports): photos at their largest size, one `<img>`.
    pub print: bool,
    /// The path part of base_url ("/chibo-stp" or "").
    pub base_path: &'a str,
    /// Keep raw HTML (trusted sites only).
    pub unsafe_html: bool,
    /// Mark the first paragraph as the lead (`<p class="lead">`).
    pub first_paragraph_is_lead: bool,
    /// Makes chibo's own HTML for a trusted request that a template
    /// function printed into the body (see [`crate::render::sanitize`]); `Err` is
    /// the message for a request it does not know.
    pub trusted: &'a dyn Fn(&str) -> Result<String, String>,
    /// Resolves a link to the site itself (a page, a `static/` file, an
    /// article by its source `@/…`): `None` for a link that leaves the
    /// site, `Err` with the message for one that would break. Without it,
    /// internal links are only put under the base path.
    pub links: Option<LinkResolver<'a>>,
}

/// Resolves a link written in a body: see [`MdInput::links`].
pub type LinkResolver<'a> = &'a dyn Fn(&str) -> Option<Result<String, String>>;

/// For a body that is not templated: a request cannot appear in it, and
/// one typed by hand is only dropped.
fn not_templated(_: &str) -> Result<String, String> {
    Ok(String::new())
}

impl<'a> MdInput<'a> {
    /// A body of `site`: its files and photos, its raw-HTML setting, for the
    /// screen, not templated, links only put under the base path, no lead
    /// paragraph. The builders below change one thing each.
    pub fn new(
        body: &'a str,
        path: &'a str,
        first_line: u32,
        site: &'a crate::model::Site,
        static_files: &'a HashSet<String>,
        base_path: &'a str,
    ) -> Self {
        MdInput {
            body,
            path,
            first_line,
            static_files,
            photos: &site.photos.by_source,
            print: false,
            base_path,
            unsafe_html: site.config.unsafe_html,
            first_paragraph_is_lead: false,
            trusted: &not_templated,
            links: None,
        }
    }

    /// For paper: photos at their largest size.
    pub fn printed(self) -> Self {
        MdInput {
            print: true,
            ..self
        }
    }

    /// The first paragraph marked as the lead when `lead`.
    pub fn lead(self, lead: bool) -> Self {
        MdInput {
            first_paragraph_is_lead: lead,
            ..self
        }
    }

    /// Raw HTML removed whatever the site says (a page shown beside the
    /// preview's forms, on their origin).
    pub fn sanitised(self) -> Self {
        MdInput {
            unsafe_html: false,
            ..self
        }
    }

    /// Templated: `trusted` makes chibo's HTML for the requests in it.
    pub fn templated(self, trusted: &'a dyn Fn(&str) -> Result<String, String>) -> Self {
        MdInput { trusted, ..self }
    }

    /// Links to the site checked and resolved by `links`.
    pub fn linked(self, links: Option<LinkResolver<'a>>) -> Self {
        MdInput { links, ..self }
    }
}
