//! Reading the MPK spreadsheets (contact persons and meeting dates) with calamine.
//!
//! Every sheet that carries the required headers within its first rows is read; each data row
//! becomes a record that remembers its file, sheet and row number as Excel shows it. Rows that
//! cannot be used are reported, never dropped silently. This module does not know the roster:
//! conference names stay as written and are matched by the model.
//!
//! The steps, each in its file: `guard` refuses files too large or built to exhaust memory,
//! `sheet` opens the workbook and lays out a sheet's cells, `table` finds the header row and
//! its columns, `rows` turns data rows into records, `cells` turns one cell into text. This
//! file holds the records and the public entry points.

mod biff;
mod cells;
mod compound;
mod emails;
mod extent;
mod guard;
/// The zip-bomb pass, shared with the Word block reader ([`crate::load::blocks`]).
pub(crate) use guard::{MAX_COMPRESSION_RATIO, RATIO_CHECK_BYTES, ZipProblem, check_zip};
mod limits;
mod markup;
mod rows;
mod sheet;
mod table;

use std::path::Path;

use super::dates::DateSpan;
use super::headers::{Field, HeaderAliases};
use crate::diagnostics::{Diagnostics, Location};
use crate::messages::sheets as messages;
use rows::TableRow;
use table::{SheetKind, read_tables};

/// What to do with rows hidden in a sheet (by hand or by an autofilter), the setting
/// `ausgeblendete_zeilen` of `briefing.yaml`. Either way they are named once per sheet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum HiddenRows {
    /// Read them like every other row (`lesen`, the default).
    #[default]
    Read,
    /// Leave them out (`auslassen`).
    Skip,
}

impl HiddenRows {
    /// `lesen` or `auslassen`, in any case.
    pub fn parse(text: &str) -> Option<HiddenRows> {
        match text.trim().to_lowercase().as_str() {
            "lesen" => Some(HiddenRows::Read),
            "auslassen" => Some(HiddenRows::Skip),
            _ => None,
        }
    }
}

/// How the MPK spreadsheets are read: the accepted headers and what to do with hidden rows.
#[derive(Debug, Clone, Default)]
pub struct SheetOptions {
    /// The header names accepted per column.
    pub aliases: HeaderAliases,
    /// Hidden rows read or left out.
    pub hidden_rows: HiddenRows,
}

impl From<&HeaderAliases> for SheetOptions {
    fn from(aliases: &HeaderAliases) -> Self {
        SheetOptions {
            aliases: aliases.clone(),
            hidden_rows: HiddenRows::default(),
        }
    }
}

impl From<&SheetOptions> for SheetOptions {
    fn from(options: &SheetOptions) -> Self {
        options.clone()
    }
}

/// One row of the contacts sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactRecord {
    /// The file, sheet and row it was read from.
    pub at: Location,
    /// The conference as written in the sheet (or continued from the row above).
    pub conference: String,
    /// The chairing state.
    pub chair: Option<String>,
    /// The conference's office.
    pub office: Option<String>,
    /// The contact person's name.
    pub name: Option<String>,
    /// Their position.
    pub role: Option<String>,
    /// Phone numbers (the cell split at line breaks and `;`).
    pub phones: Vec<String>,
    /// E-mail addresses (the cell split at line breaks, `;`, `,` and spaces, or the target
    /// of its `mailto:` link); only text that is an address.
    pub emails: Vec<String>,
    /// The remark column, followed by e-mail cell text that is no address (`E-Mail: n.n.`).
    pub remark: Option<String>,
}

/// When a meeting takes place: known days, the text the office wrote instead, or nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum MeetingDate {
    /// First and last day.
    Days(DateSpan),
    /// Text that is not a date ("Herbst 2026").
    Open(String),
    /// No date at all.
    Missing,
}

/// A non-empty row that could not be used at all (it is reported, and listed in the overview).
#[derive(Debug, Clone, PartialEq)]
pub struct SkippedRow {
    /// The file, sheet and row.
    pub at: Location,
    /// Why it could not be used.
    pub reason: SkipReason,
}

/// Why a [`SkippedRow`] could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// No conference in the row and no row above to continue.
    NoConference,
    /// The conference cell holds a formula whose result was never stored.
    FormulaWithoutResult,
}

/// One row of the dates sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingRecord {
    /// The file, sheet and row it was read from.
    pub at: Location,
    /// The conference as written in the sheet (or continued from the row above).
    pub conference: String,
    /// The meeting's name.
    pub meeting: Option<String>,
    /// When it takes place.
    pub date: MeetingDate,
    /// Where it takes place.
    pub place: Option<String>,
    /// The remark column.
    pub remark: Option<String>,
    /// The date or the whole row is struck through, or the remark says it is cancelled: the
    /// office cancelled the meeting.
    pub cancelled: bool,
    /// The words of the remark that cancel it ("abgesagt"), when that is why it is cancelled.
    pub cancelled_in_remark: Option<String>,
}

/// The records of one workbook, the rows that could not be used, and the problems found.
#[derive(Debug)]
pub struct SheetRecords<T> {
    /// One record per usable row, in sheet and row order.
    pub records: Vec<T>,
    /// The non-empty rows that could not be used.
    pub skipped: Vec<SkippedRow>,
    /// Warnings about the workbook (its errors fail the read instead).
    pub diagnostics: Diagnostics,
}

impl<T> Default for SheetRecords<T> {
    fn default() -> Self {
        SheetRecords {
            records: Vec::new(),
            skipped: Vec::new(),
            diagnostics: Diagnostics::new(),
        }
    }
}

/// Reads the contact persons workbook.
pub fn read_contacts(
    path: &Path,
    options: impl Into<SheetOptions>,
) -> Result<SheetRecords<ContactRecord>, Diagnostics> {
    read_contacts_from_bytes(path, &guard::read_file(path)?, options)
}

/// Reads the contact persons workbook from its bytes; `path` names it in messages.
pub fn read_contacts_from_bytes(
    path: &Path,
    bytes: &[u8],
    options: impl Into<SheetOptions>,
) -> Result<SheetRecords<ContactRecord>, Diagnostics> {
    read_records(
        path,
        bytes,
        SheetKind::Contacts,
        &options.into(),
        |row, diagnostics| {
            let email_cell = emails::read_cell(
                row.text(Field::Email, diagnostics).as_deref(),
                row.link(Field::Email),
            );
            for text in &email_cell.not_addresses {
                row.warn_cell(
                    Field::Email,
                    messages::not_an_email_address(text, &row.cell_name(Field::Email)),
                    diagnostics,
                );
            }
            let remark = [
                row.text(Field::Remark, diagnostics),
                (!email_cell.not_addresses.is_empty())
                    .then(|| messages::email_remark(&email_cell.not_addresses.join(", "))),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>();
            let record = ContactRecord {
                at: row.location(),
                conference: row.conference.clone(),
                chair: row.text(Field::Chair, diagnostics),
                office: row.text(Field::Office, diagnostics),
                name: row.text(Field::ContactName, diagnostics),
                role: row.text(Field::Role, diagnostics),
                phones: split_lines(row.text(Field::Phone, diagnostics), &['\n', ';']),
                emails: email_cell.addresses,
                remark: (!remark.is_empty()).then(|| remark.join("; ")),
            };
            if record.name.is_none() && !record.emails.is_empty() {
                diagnostics.warning(record.at.clone(), messages::CONTACT_WITHOUT_NAME);
            }
            record
        },
    )
}

/// Reads the meeting dates workbook.
pub fn read_meetings(
    path: &Path,
    options: impl Into<SheetOptions>,
) -> Result<SheetRecords<MeetingRecord>, Diagnostics> {
    read_meetings_from_bytes(path, &guard::read_file(path)?, options)
}

/// Reads the meeting dates workbook from its bytes; `path` names it in messages.
pub fn read_meetings_from_bytes(
    path: &Path,
    bytes: &[u8],
    options: impl Into<SheetOptions>,
) -> Result<SheetRecords<MeetingRecord>, Diagnostics> {
    read_records(
        path,
        bytes,
        SheetKind::Meetings,
        &options.into(),
        |row, diagnostics| {
            let date = row.meeting_date(diagnostics).unwrap_or_else(|| {
                diagnostics.warning(
                    row.location(),
                    messages::meeting_without_date(&row.conference, row.date_header()),
                );
                MeetingDate::Missing
            });
            let remark = row.text(Field::Remark, diagnostics);
            let struck = row.is_row_struck() || row.is_struck(date_field(row));
            let cancelled_in_remark =
                (!struck).then(|| row.cancelling_words(remark.as_deref(), diagnostics));
            let cancelled_in_remark = cancelled_in_remark.flatten();
            MeetingRecord {
                at: row.location(),
                conference: row.conference.clone(),
                meeting: row.text(Field::Meeting, diagnostics),
                date,
                place: row.text(Field::Place, diagnostics),
                remark,
                cancelled: struck || cancelled_in_remark.is_some(),
                cancelled_in_remark,
            }
        },
    )
}

/// Every usable row of every qualifying sheet, turned into a record by `make`.
fn read_records<T>(
    path: &Path,
    bytes: &[u8],
    kind: SheetKind,
    options: &SheetOptions,
    mut make: impl FnMut(&TableRow<'_, '_>, &mut Diagnostics) -> T,
) -> Result<SheetRecords<T>, Diagnostics> {
    // calamine 0.38 panics on some damaged .xls files (a slice index in its compound-file
    // reader; fuzz finding): a damaged file is an error naming it, never a crash.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut out = SheetRecords::default();
        for table in read_tables(path, bytes, kind, &options.aliases, &mut out.diagnostics)? {
            table.for_each_row(
                options.hidden_rows,
                &mut out.diagnostics,
                &mut out.skipped,
                |row, diagnostics| {
                    out.records.push(make(row, diagnostics));
                },
            );
        }
        Ok(out)
    }));
    read.unwrap_or_else(|_| Err(file_error(path, messages::FORMAT_UNREADABLE.to_string())))
}

/// The column a meeting's first day is read from.
fn date_field(row: &TableRow<'_, '_>) -> Field {
    if row.has_column(Field::Date) {
        Field::Date
    } else {
        Field::Begin
    }
}

fn split_lines(text: Option<String>, separators: &[char]) -> Vec<String> {
    text.map(|text| {
        text.split(separators)
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(str::to_string)
            .collect()
    })
    .unwrap_or_default()
}

/// A failure of the whole file `path`.
fn file_error(path: &Path, message: String) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    diagnostics.error(Location::file(path), message);
    diagnostics
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read, Write};

    use super::*;

    /// The example's contacts workbook with its shared strings declaring `count` texts.
    fn workbook_declaring(count: &str, empty: bool) -> Vec<u8> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/inputs/2026-11/ansprechpartner.xlsx"
        );
        let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for index in 0..archive.len() {
            let mut entry = archive.by_index(index).unwrap();
            let name = entry.name().unwrap().into_owned();
            let mut text = Vec::new();
            entry.read_to_end(&mut text).unwrap();
            if name == "xl/sharedStrings.xml" {
                let xml = String::from_utf8(text).unwrap();
                let start = xml.find("<sst").unwrap();
                let end = start + xml[start..].find('>').unwrap();
                let tag = format!(
                    "<x/><!-- > --><sst xmlns=\"http://schemas.openxmlformats.org/                     spreadsheetml/2006/main\" uniqueCount=\"{count}\"{}>",
                    if empty { "/" } else { "" }
                );
                let rest = if empty { "" } else { &xml[end + 1..] };
                text = format!("{}{tag}{rest}", &xml[..start]).into_bytes();
            }
            writer.start_file(name, options).unwrap();
            writer.write_all(&text).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn an_absurd_count_of_shared_strings_is_refused_before_calamine_reserves_it() {
        let file = Path::new("inputs/2026-11/ansprechpartner.xlsx");
        let aliases = HeaderAliases::default();
        for (count, empty) in [
            ("999999999999", false),
            ("1000001", true),
            ("99999999999999999999999", false),
        ] {
            let bytes = workbook_declaring(count, empty);
            let message = read_contacts_from_bytes(file, &bytes, &aliases)
                .unwrap_err()
                .iter()
                .map(ToString::to_string)
                .collect::<String>();
            assert!(
                message.contains("(uniqueCount), höchstens 1000000"),
                "{message}"
            );
        }
        // A plausible count is fine.
        read_contacts_from_bytes(file, &workbook_declaring("40", false), &aliases).unwrap();
    }

    /// Found by the xlsx fuzz target on the final code: a damaged `.xls` makes calamine 0.38's
    /// compound-file reader index a slice backwards (a panic in release builds too).
    #[test]
    fn a_damaged_xls_that_panics_calamine_is_an_error_naming_the_file() {
        let findings: [&[u8]; 2] = [
            include_bytes!("../../../fuzz/regressions/xlsx-calamine-cfb-slice.xls"),
            include_bytes!("../../../fuzz/regressions/xlsx-calamine-utils-assert.xls"),
        ];
        let path = Path::new("inputs/2026-11/termine.xls");
        for bytes in findings {
            let result = std::panic::catch_unwind(|| {
                read_meetings_from_bytes(path, bytes, &HeaderAliases::default())
            });
            let message = result
                .expect("no panic reaches the caller")
                .unwrap_err()
                .to_string();
            assert!(message.contains("inputs/2026-11/termine.xls"), "{message}");
        }
    }

    /// Every problem of reading `bytes` as the meetings list `file`, which must fail.
    fn meetings_error(file: &str, bytes: &[u8]) -> String {
        read_meetings_from_bytes(Path::new(file), bytes, &HeaderAliases::default())
            .unwrap_err()
            .to_string()
    }

    /// Found by the xlsx fuzz target: a 13 KB `.xls` whose directory chain runs in a circle
    /// made calamine allocate gigabytes; the guard refuses it first. (Its header also lists
    /// one FAT sector twice, which the guard sees before it walks the chains.)
    #[test]
    fn an_xls_with_a_looping_sector_chain_is_refused_before_calamine_reads_it() {
        let bytes = include_bytes!("../../../fuzz/regressions/xlsx-cfb-looping-chain.xls");
        let message = meetings_error("inputs/2026-11/termine.xls", bytes);
        assert!(
            message.contains("Sektorkette läuft im Kreis")
                || message.contains("Belegungstabelle mehrfach"),
            "{message}"
        );
    }

    /// Found by the xlsx fuzz target: `<dimension ref="A12:G4"/>` made calamine subtract with
    /// overflow (a panic in debug builds).
    #[test]
    fn a_reversed_sheet_dimension_is_a_clean_error() {
        let bytes = include_bytes!("../../../fuzz/regressions/xlsx-reversed-dimension.xlsx");
        let message = meetings_error("inputs/2026-11/termine.xlsx", bytes);
        assert!(message.contains("Zellbezug „A12:G4“"), "{message}");
        // The second finding: a cell's r attribute starting with 9 letters.
        let bytes = include_bytes!("../../../fuzz/regressions/xlsx-letters-in-cell-reference.xlsx");
        let message = meetings_error("inputs/2026-11/termine.xlsx", bytes);
        assert!(message.contains("Zellbezug „Etsstelle"), "{message}");
    }

    /// A crafted `.xls` (one sheet, header and one meeting, plus `extra` records), its FAT
    /// listed in the header or in a DIFAT sector.
    fn crafted_xls(extra: &[u8], difat: bool) -> Vec<u8> {
        use extent::tests::{label, workbook_stream};
        let records = [
            label(0, 0, "Konferenz"),
            label(0, 1, "Datum"),
            label(1, 0, "IMK"),
            label(1, 1, "10.12.2026"),
            extra.to_vec(),
        ]
        .concat();
        compound::tests::compound_file("Workbook", &workbook_stream(&[("Termine", records)]), difat)
    }

    #[test]
    fn an_xls_whose_fat_is_listed_in_a_difat_sector_is_read() {
        for difat in [false, true] {
            let bytes = crafted_xls(&[], difat);
            let path = Path::new("inputs/2026-11/termine.xls");
            let read = read_meetings_from_bytes(path, &bytes, &HeaderAliases::default()).unwrap();
            assert_eq!(read.records.len(), 1, "difat {difat}");
            assert_eq!(read.records[0].conference, "IMK");
        }
    }

    /// calamine lays out an `.xls` sheet from its first to its last cell when it opens the
    /// file: a cell in row 65 536, column 65 536 made it ask for 137 GB (and abort).
    #[test]
    fn an_xls_sheet_calamine_would_lay_out_huge_is_refused_naming_file_and_sheet() {
        use extent::tests::{dimensions, number};
        for (extra, expected) in [
            (
                number(65_535, 65_535, 1.0),
                "„Termine“ hat Daten in Spalte 65536",
            ),
            (
                number(65_535, 255, 1.0),
                "„Termine“ umfasst mehr als 5000000 Zellen",
            ),
            (
                dimensions((0, u32::MAX), (0, 256)),
                "„Termine“ umfasst mehr als",
            ),
        ] {
            for difat in [false, true] {
                let message =
                    meetings_error("inputs/2026-11/termine.xls", &crafted_xls(&extra, difat));
                assert!(message.contains("inputs/2026-11/termine.xls"), "{message}");
                assert!(message.contains(expected), "{message}");
            }
        }
    }

    /// An `.ods` made of `content` (a `content.xml`).
    fn crafted_ods(content: &str) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        writer.start_file("mimetype", options).unwrap();
        writer
            .write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        writer.start_file("META-INF/manifest.xml", options).unwrap();
        writer
            .write_all(b"<manifest:manifest><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/></manifest:manifest>")
            .unwrap();
        writer.start_file("content.xml", options).unwrap();
        writer.write_all(content.as_bytes()).unwrap();
        writer.finish().unwrap().into_inner()
    }

    /// calamine expands `.ods` repeats up to 100 million cells when it opens the file.
    #[test]
    fn an_ods_whose_repeats_calamine_would_lay_out_huge_is_refused() {
        let cell = |text: &str| {
            format!(
                "<table:table-cell office:value-type=\"string\"><text:p>{text}</text:p></table:table-cell>"
            )
        };
        let list = format!(
            "<table:table-row>{}{}</table:table-row><table:table-row>{}{}</table:table-row>",
            cell("Konferenz"),
            cell("Datum"),
            cell("IMK"),
            cell("10.12.2026")
        );
        let path = Path::new("inputs/2026-11/termine.ods");
        let read = read_meetings_from_bytes(
            path,
            &crafted_ods(&extent::tests::ods_content("Termine", &list)),
            &HeaderAliases::default(),
        )
        .unwrap();
        assert_eq!(read.records.len(), 1);
        let huge = format!(
            "{list}<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell/>\
             </table:table-row><table:table-row>{}</table:table-row>",
            cell("x")
        );
        let message = meetings_error(
            "inputs/2026-11/termine.ods",
            &crafted_ods(&extent::tests::ods_content("Termine", &huge)),
        );
        assert!(message.contains("inputs/2026-11/termine.ods"), "{message}");
        assert!(
            message.contains("„Termine“ hat Daten in Zeile 1048003"),
            "{message}"
        );
    }

    /// A long text referenced by many cells is one shared string in the file, but a copy per
    /// cell once read: a 23 KB `.xlsx` with 4000 references to a 1 MB text made the program
    /// ask for 4 GB and abort.
    #[test]
    fn a_shared_text_copied_into_thousands_of_cells_is_refused() {
        let long = "x".repeat(32_000);
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet().set_name("Termine").unwrap();
        sheet.write_string(0, 0, "Konferenz").unwrap();
        sheet.write_string(0, 1, "Datum").unwrap();
        sheet.write_string(1, 0, "IMK").unwrap();
        sheet.write_string(1, 1, "10.12.2026").unwrap();
        for row in 2..2200 {
            sheet.write_string(row, 3, &long).unwrap();
        }
        let bytes = workbook.save_to_buffer().unwrap();
        assert!(
            bytes.len() < 200_000,
            "one shared string: {} bytes",
            bytes.len()
        );
        let message = meetings_error("inputs/2026-11/termine.xlsx", &bytes);
        assert!(message.contains("inputs/2026-11/termine.xlsx"), "{message}");
        assert!(
            message.contains("mehr als 64 MiB Text (bis zum Blatt „Termine“)"),
            "{message}"
        );
    }

    /// Found by the xlsx fuzz target: an `.ods` whose `content.xml` fails its checksum after
    /// 3000 rows of 16 384 repeated values. calamine collects the rows before the damage shows
    /// and asked for 2 GB; the guard, which stopped at the damage, now counts them too.
    #[test]
    fn a_damaged_ods_is_counted_up_to_its_damage() {
        let bytes = include_bytes!("../../../fuzz/regressions/xlsx-ods-damaged-repeats.ods");
        let message = meetings_error("inputs/2026-11/termine.ods", bytes);
        assert!(message.contains("inputs/2026-11/termine.ods"), "{message}");
        assert!(
            message.contains("„Termine“ hat Daten in Spalte"),
            "{message}"
        );
    }

    #[test]
    fn not_a_zip_is_left_to_calamine() {
        guard::check_archive(b"not a zip").unwrap();
        let error =
            read_contacts_from_bytes(Path::new("x.xlsx"), b"not a zip", &HeaderAliases::default())
                .unwrap_err();
        assert!(error.has_errors());
    }
}
