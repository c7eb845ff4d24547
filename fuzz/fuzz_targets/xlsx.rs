//! The spreadsheet reader on mutated workbooks: never panics, never runs away with memory;
//! it gives records or a clean error that names the file.
#![no_main]

use std::path::Path;

use briefing::load::headers::HeaderAliases;
use briefing::load::xlsx::{read_contacts_from_bytes, read_meetings_from_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let aliases = HeaderAliases::default();
    let file = Path::new("inputs/2026-11/fuzz.xlsx");
    for result in [
        read_contacts_from_bytes(file, bytes, &aliases).map(|records| records.diagnostics),
        read_meetings_from_bytes(file, bytes, &aliases).map(|records| records.diagnostics),
    ] {
        if let Err(problems) = result {
            assert!(problems.has_errors());
        }
    }
});
