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
