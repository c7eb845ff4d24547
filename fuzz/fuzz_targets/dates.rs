//! The date parser on arbitrary text: never panics, and a date it accepts is a real span of
//! at most 32 days whose start is not after its end.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Some(span) = briefing::load::dates::parse_date_text(text) {
        assert!(span.start <= span.end, "{text:?} -> {span:?}");
        assert!(
            (span.end - span.start).num_days() <= 31,
            "{text:?} -> {span:?}"
        );
    }
});
