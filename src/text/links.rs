//! The web addresses a Markdown body links to, with where each is written.

use pulldown_cmark::{Event, Parser, Tag};

use super::markdown_options;

/// Every `http://` and `https://` address linked or shown as an image in
/// `body`, with the byte offset of its link, in order.
pub fn external_links(body: &str) -> Vec<(usize, String)> {
    Parser::new_ext(body, markdown_options())
        .into_offset_iter()
        .filter_map(|(ev, range)| match ev {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. })
                if is_web(&dest_url) =>
            {
                Some((range.start, dest_url.trim().to_string()))
            }
            _ => None,
        })
        .collect()
}

fn is_web(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::external_links;

    #[test]
    fn web_links_and_images_are_found_with_their_place() {
        let body = "Xem [Báo Nhân Dân](https://nhandan.vn/) và [trang](/tin-tuc/).\n\n![Ảnh](http://x.vn/a.png)\n\n<https://dangcongsan.vn>";
        let links = external_links(body);
        let urls: Vec<&str> = links.iter().map(|(_, u)| u.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://nhandan.vn/",
                "http://x.vn/a.png",
                "https://dangcongsan.vn"
            ]
        );
        assert_eq!(&body[links[0].0..links[0].0 + 1], "[");
    }
}
