//! The Markdown -> DOCX writer on arbitrary text: either a clean `DocxError` or a package
//! whose every part is well-formed XML with only characters XML allows. Inputs of odd length
//! are written in the built-in design, the others in the shipped corporate design
//! (`templates/referenz.docx`) with the test logo, so both paths are explored.
#![no_main]

use std::sync::LazyLock;

use briefing::docx::{Design, DocumentMeta, markdown_to_docx};
use libfuzzer_sys::fuzz_target;

static CORPORATE: LazyLock<Design> = LazyLock::new(|| {
    Design::from_reference(include_bytes!("../../templates/referenz.docx"))
        .and_then(|design| design.with_logo(include_bytes!("../../tests/fixtures/logo.png")))
        .expect("the shipped design is usable")
});

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
    let design = if text.len() % 2 == 1 {
        &Design::default()
    } else {
        &*CORPORATE
    };
    match markdown_to_docx(text, &meta, design) {
        Ok(bytes) => briefing_fuzz::assert_well_formed_package(&bytes),
        Err(error) => assert!(!error.to_string().is_empty()),
    }
});
