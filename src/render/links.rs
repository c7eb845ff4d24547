//! The link rule for rendered Markdown: only `http:`, `https:` and `mailto:` links may reach
//! a document. The DOCX writer would quietly keep only the text of any other link; an editor
//! who wrote `[x](file:///...)` or `[x](#anker)` should rather hear about it.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

/// The first link in `markdown` whose target is not `http://`, `https://` or `mailto:`.
pub fn first_disallowed_link(markdown: &str) -> Option<String> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    Parser::new_ext(markdown, options).find_map(|event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            ..
        }) if link_type != LinkType::Email && !is_allowed(&dest_url) => {
            Some(dest_url.into_string())
        }
        _ => None,
    })
}

/// Whether a link target has one of the allowed schemes (and something after it).
pub fn is_allowed(target: &str) -> bool {
    let lower = target.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_links_pass_and_others_are_found() {
        let fine = "[a](https://example.org) [b](http://x.de) [c](mailto:a@b.de) <d@e.de> \
                    <https://example.org/x> [^1]\n\n[^1]: Fußnote";
        assert_eq!(first_disallowed_link(fine), None);
        for (markdown, link) in [
            ("[x](javascript:alert(1))", "javascript:alert(1)"),
            ("[x](file:///etc/passwd)", "file:///etc/passwd"),
            ("[x](#anker)", "#anker"),
            ("[x](relativ.docx)", "relativ.docx"),
            ("<ftp://example.org>", "ftp://example.org"),
            ("[x][r]\n\n[r]: vbscript:x", "vbscript:x"),
            (
                "| a |\n| - |\n| [x](data:text/html,y) |",
                "data:text/html,y",
            ),
        ] {
            assert_eq!(
                first_disallowed_link(markdown).as_deref(),
                Some(link),
                "{markdown}"
            );
        }
    }
}
