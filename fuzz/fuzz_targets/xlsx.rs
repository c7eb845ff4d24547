//! The spreadsheet reader on mutated workbooks: never panics, never runs away with memory;
//! it gives records or a clean error.
//!
//! An input that starts with `PK` (a zip: `.xlsx`, `.xlsm`, `.xlsb`, `.ods`) or with the
//! compound-file signature (`.xls`) is a whole workbook, mutated as bytes and given to the
//! same entry points that choose the reader by content. Since mutating deflated bytes rarely
//! reaches the XML parsers behind them, any other input is split at NUL bytes into the sheet
//! XML, the shared strings, the styles and the sheet's relationships (the targets of cell
//! hyperlinks), which the target packs (stored, with valid checksums) into a workbook around
//! them; formulas with and without a stored result are in the sheet XML.
#![no_main]

use std::io::{Cursor, Write};
use std::path::Path;

use briefing::load::headers::HeaderAliases;
use briefing::load::xlsx::{
    HiddenRows, SheetOptions, read_contacts_from_bytes, read_meetings_from_bytes,
};
use libfuzzer_sys::fuzz_target;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Termine" sheetId="1" r:id="rId1"/></sheets></workbook>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

/// The first bytes of an OLE compound file, as `.xls` workbooks are.
const COMPOUND_FILE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn workbook_around(data: &[u8]) -> Vec<u8> {
    let mut parts = data.splitn(4, |byte| *byte == 0);
    let sheet = parts.next().unwrap_or_default();
    let strings = parts.next().unwrap_or_default();
    let styles = parts.next().unwrap_or_default();
    let sheet_rels = parts.next().unwrap_or_default();
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", strings),
        ("xl/styles.xml", styles),
        ("xl/worksheets/_rels/sheet1.xml.rels", sheet_rels),
    ] {
        writer.start_file(name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// calamine 0.38 panics on some damaged `.xls`/`.xlsb` files; the reader catches those
/// panics and reports the file as damaged. libFuzzer's panic hook aborts on every panic,
/// so this hook lets calamine's own panics unwind to that catch, and aborts (through
/// libFuzzer's hook) on any other panic: ours stay findings.
fn tolerate_calamine_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let libfuzzer = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_calamine = info
                .location()
                .is_some_and(|location| location.file().contains("/calamine-"));
            if !in_calamine {
                libfuzzer(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    tolerate_calamine_panics();
    let packed;
    let bytes = if data.starts_with(b"PK") || data.starts_with(COMPOUND_FILE) {
        data
    } else {
        packed = workbook_around(data);
        &packed
    };
    // Both settings of `ausgeblendete_zeilen`, chosen by the input.
    let options = SheetOptions {
        aliases: HeaderAliases::default(),
        hidden_rows: if data.len() % 2 == 0 {
            HiddenRows::Read
        } else {
            HiddenRows::Skip
        },
    };
    let file = Path::new("inputs/2026-11/fuzz.xlsx");
    for result in [
        read_contacts_from_bytes(file, bytes, &options).map(|records| records.diagnostics),
        read_meetings_from_bytes(file, bytes, &options).map(|records| records.diagnostics),
    ] {
        if let Err(problems) = result {
            assert!(problems.has_errors());
        }
    }
});
