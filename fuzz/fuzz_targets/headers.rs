//! The header matcher on arbitrary text: never panics, normalising is idempotent, and a
//! header is matched the same way before and after normalising.
#![no_main]

use briefing::load::headers::{HeaderAliases, normalize_header};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let aliases = HeaderAliases::default();
    let normalized = normalize_header(text);
    assert_eq!(normalize_header(&normalized), normalized, "{text:?}");
    assert_eq!(
        aliases.field_of(text),
        aliases.field_of(&normalized),
        "{text:?}"
    );
    // An accepted header stays accepted with the decorations offices add.
    if let Some(field) = aliases.field_of(text) {
        assert_eq!(
            aliases.field_of(&format!(" {text}:* ")),
            Some(field),
            "{text:?}"
        );
    }
    // A configured alias matches itself.
    let mut extended = aliases.clone();
    extended.add(briefing::load::headers::Field::Remark, text);
    if !normalized.is_empty() {
        assert!(extended.field_of(text).is_some(), "{text:?}");
    }
});
