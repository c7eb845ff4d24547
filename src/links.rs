//! The link rule: only `http://`, `https://` and `mailto:` targets may reach a document.
//!
//! Shared by the model (a decision's `link` field) and the DOCX writer (links in the
//! rendered Markdown), so the two can never disagree. It only judges a target; what to do
//! with a refused one (an error naming the field, or plain text) is up to the caller.

/// The schemes a link may have.
pub const ALLOWED_SCHEMES: [&str; 3] = ["http://", "https://", "mailto:"];

/// Whether a link target has one of the allowed schemes (any case) and something after it.
pub fn is_allowed(target: &str) -> bool {
    let lower = target.trim().to_ascii_lowercase();
    ALLOWED_SCHEMES
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_are_allowed() {
        for good in [
            "https://www.it-planungsrat.de/x",
            "HTTP://example.org/x",
            " http://x.de ",
            "mailto:it-plr@fitko.de",
        ] {
            assert!(is_allowed(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://",
            "mailto:",
            "ftp://x",
            "#anker",
            "relativ.docx",
            "x",
            "",
        ] {
            assert!(!is_allowed(bad), "{bad}");
        }
    }
}
