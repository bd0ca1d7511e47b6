//! Photos after the pipeline (`load::photos`): the sizes published for
//! each photo of `content/static`. The originals are never published.

use std::collections::HashMap;
use std::path::PathBuf;

/// One published size of a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendition {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The JPEG, site-relative ("static/anh/ket-nap.3fa9c2d1-960.jpg").
    pub jpeg: String,
    /// The WebP of the same size, when one is made.
    pub webp: Option<String>,
}

/// A photo of `content/static`, turned upright, in the sizes published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoSizes {
    /// Upright width of the original.
    pub width: u32,
    /// Upright height of the original.
    pub height: u32,
    /// Sizes for pages, narrowest first (each with a WebP).
    pub sizes: Vec<Rendition>,
    /// The 1200-px JPEG for link previews (Zalo, Facebook), or the largest.
    pub share: Rendition,
}

impl PhotoSizes {
    /// The largest size made for pages.
    pub fn largest(&self) -> &Rendition {
        self.sizes.last().unwrap_or(&self.share)
    }

    /// The size a page shows by default: the first at least `width` wide,
    /// else the largest.
    pub fn at_least(&self, width: u32) -> &Rendition {
        self.sizes
            .iter()
            .find(|r| r.width >= width)
            .unwrap_or_else(|| self.largest())
    }
}

/// Every processed photo, and the files to publish.
#[derive(Debug, Clone, Default)]
pub struct Photos {
    /// By source, relative to content/ ("static/anh/ket-nap.jpg").
    pub by_source: HashMap<String, PhotoSizes>,
    /// Published path → the processed file in the cache.
    pub files: HashMap<String, PathBuf>,
}

/// Files under this folder of `content/static` are published exactly as
/// they are, photos too (an original offered for download).
pub const AS_IS: &str = "static/tai-ve/";

/// Whether a file of `content/static` is a photo the pipeline takes
/// (JPEG, PNG, WebP, by extension; not under [`AS_IS`]).
pub fn is_photo(rel: &str) -> bool {
    if rel.starts_with(AS_IS) {
        return false;
    }
    let lower = rel.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".webp"]
        .iter()
        .any(|e| lower.ends_with(e))
}
