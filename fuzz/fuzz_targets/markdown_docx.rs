//! The Markdown -> DOCX writer on arbitrary text: either a clean `DocxError` or a package
//! whose every part is well-formed XML with only characters XML allows.
#![no_main]

use briefing::docx::{DocumentMeta, markdown_to_docx};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    // The first line also goes into the document properties, header and footer.
    let first_line = text.lines().next().unwrap_or_default().to_string();
    let meta = DocumentMeta {
        title: first_line.clone(),
        subject: first_line.clone(),
        author: first_line.clone(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        header_text: first_line.clone(),
        footer_text: first_line,
    };
    match markdown_to_docx(text, &meta) {
        Ok(bytes) => briefing_fuzz::assert_well_formed_package(&bytes),
        Err(error) => assert!(!error.to_string().is_empty()),
    }
});
