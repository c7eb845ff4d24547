//! Opening a workbook and laying out one sheet's used cells, within the limits of rows,
//! columns and cells a contact or date list can need.
//!
//! The format is chosen by the file's content, not its name: `.xlsx`/`.xlsm`
//! and `.xlsb` (read cell by cell, so a huge sheet is refused before it is laid out), `.xls`
//! and `.ods` (read whole by calamine when it opens them, after `extent` has held their
//! sheets to the same limits). Knows nothing of headers or records; the guards in `guard`
//! run before the workbook is opened.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{Cell, Data, Ods, Range, Reader, Xls, Xlsb, Xlsx, XlsxError};

use super::limits::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_SHEETS, MAX_TEXT_MIB};
use super::markup::{SheetMarkup, read_markup, read_ods_markup, read_xls_markup};
use super::{file_error, guard};
use crate::diagnostics::Diagnostics;
use crate::messages::sheets as messages;

type Bytes<'b> = Cursor<&'b [u8]>;

/// An opened workbook over its bytes, in the format its content has.
pub(super) enum Workbook<'b> {
    /// Office Open XML (`.xlsx`, `.xlsm`): its XML also yields the sheets' markup.
    Xlsx(Xlsx<Bytes<'b>>),
    /// Excel 97-2003 (`.xls`).
    Xls(Xls<Bytes<'b>>),
    /// Excel binary workbook (`.xlsb`).
    Xlsb(Xlsb<Bytes<'b>>),
    /// OpenDocument (`.ods`).
    Ods(Ods<Bytes<'b>>),
}

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Content {
    /// A zip archive: `.xlsx`, `.xlsm`, `.xlsb` or `.ods`.
    Zip,
    /// An OLE compound file: `.xls`, or an `.xlsx` encrypted with a password.
    Compound,
    /// Anything else (text such as `.csv`, or no spreadsheet at all).
    Other,
}

/// Sniffs the format from the first bytes.
pub(super) fn content_of(bytes: &[u8]) -> Content {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Content::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Content::Compound
    } else {
        Content::Other
    }
}

/// Opens the workbook in `bytes` after the guards have passed it; `path` names it in messages.
pub(super) fn open<'b>(path: &Path, bytes: &'b [u8]) -> Result<Workbook<'b>, Diagnostics> {
    let fail = |message: String| file_error(path, message);
    guard::check_archive(bytes).map_err(fail)?;
    if content_of(bytes) == Content::Compound {
        guard::check_compound(bytes).map_err(fail)?;
    }
    let cursor = || Cursor::new(bytes);
    let workbook = match content_of(bytes) {
        Content::Zip if has_part(bytes, "xl/workbook.bin") => Xlsb::new(cursor())
            .map(Workbook::Xlsb)
            .map_err(|error| fail(messages::unreadable_xlsb(&error)))?,
        Content::Zip if has_part(bytes, "content.xml") => Ods::new(cursor())
            .map(Workbook::Ods)
            .map_err(|error| fail(messages::unreadable_ods(&error)))?,
        // An encrypted .xlsx is a compound file too: calamine's .xlsx reader names that.
        Content::Compound => match Xls::new(cursor()) {
            Ok(workbook) => Workbook::Xls(workbook),
            Err(_) => Xlsx::new(cursor())
                .map(Workbook::Xlsx)
                .map_err(|error| fail(describe_open_error(&error)))?,
        },
        Content::Zip | Content::Other => Xlsx::new(cursor())
            .map(Workbook::Xlsx)
            .map_err(|error| fail(describe_open_error(&error)))?,
    };
    let sheets = workbook.sheets().len();
    if sheets > MAX_SHEETS {
        return Err(fail(messages::too_many_sheets(sheets, MAX_SHEETS)));
    }
    Ok(workbook)
}

fn has_part(bytes: &[u8], name: &str) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes))
        .is_ok_and(|archive| archive.index_for_name(name).is_some())
}

impl Workbook<'_> {
    /// Every sheet's name, kind and visibility, in workbook order.
    pub(super) fn sheets(&self) -> Vec<calamine::Sheet> {
        match self {
            Workbook::Xlsx(w) => w.sheets_metadata().to_vec(),
            Workbook::Xls(w) => w.sheets_metadata().to_vec(),
            Workbook::Xlsb(w) => w.sheets_metadata().to_vec(),
            Workbook::Ods(w) => w.sheets_metadata().to_vec(),
        }
    }

    /// Whether the sheets' XML can be read for markup (hidden rows, links, formulas, strike).
    /// What the workbook `bytes` (this workbook's file) says beyond its values, by sheet.
    pub(super) fn markup(&self, bytes: &[u8]) -> HashMap<String, SheetMarkup> {
        match self {
            Workbook::Xlsx(_) => read_markup(bytes),
            Workbook::Ods(_) => read_ods_markup(bytes),
            Workbook::Xls(_) => read_xls_markup(bytes),
            Workbook::Xlsb(_) => HashMap::new(),
        }
    }
}

/// A sheet's used cells within [`MAX_ROWS`], [`MAX_COLUMNS`] and [`MAX_CELLS`]; its text
/// counts against `text_left`, the bytes of
/// [`MAX_TEXT_BYTES`](super::limits::MAX_TEXT_BYTES) the workbook's sheets before it left.
pub(super) fn sheet_range(
    workbook: &mut Workbook<'_>,
    sheet: &str,
    text_left: &mut u64,
) -> Result<Range<Data>, String> {
    let unreadable = |error: String| messages::unreadable_sheet(sheet, &error);
    let range = match workbook {
        Workbook::Xlsx(xlsx) => return xlsx_range(xlsx, sheet, text_left),
        Workbook::Xls(w) => w
            .worksheet_range(sheet)
            .map_err(|e| unreadable(e.to_string()))?,
        Workbook::Xlsb(xlsb) => return xlsb_range(xlsb, sheet, text_left),
        Workbook::Ods(w) => w
            .worksheet_range(sheet)
            .map_err(|e| unreadable(e.to_string()))?,
    };
    let (Some(start), Some(end)) = (range.start(), range.end()) else {
        return Ok(range);
    };
    if end.0 >= MAX_ROWS {
        return Err(too_many_rows(sheet, end.0));
    }
    if end.1 >= MAX_COLUMNS {
        return Err(too_many_columns(sheet, end.1));
    }
    if u64::from(end.0 - start.0 + 1) * u64::from(end.1 - start.1 + 1) > MAX_CELLS {
        return Err(too_many_cells(sheet));
    }
    for cell in range.used_cells() {
        spend_text(sheet, cell.2, text_left)?;
    }
    Ok(range)
}

fn too_many_rows(sheet: &str, row: u32) -> String {
    messages::too_many_rows(sheet, u64::from(row) + 1, MAX_ROWS)
}

fn too_many_columns(sheet: &str, column: u32) -> String {
    messages::too_many_columns(sheet, u64::from(column) + 1, MAX_COLUMNS)
}

fn too_many_cells(sheet: &str) -> String {
    messages::too_many_cells(sheet, MAX_CELLS)
}

/// An `.xlsx` sheet's used cells, refusing sheets beyond [`MAX_ROWS`], [`MAX_COLUMNS`] or
/// [`MAX_CELLS`] before their cells are laid out in memory.
fn xlsx_range(
    workbook: &mut Xlsx<Bytes<'_>>,
    sheet: &str,
    text_left: &mut u64,
) -> Result<Range<Data>, String> {
    let unreadable = |error: XlsxError| messages::unreadable_sheet(sheet, &error);
    let mut reader = match workbook.worksheet_cells_reader(sheet) {
        Ok(reader) => reader,
        // A chart sheet or a dialog sheet: no cells.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Range::default()),
        Err(error) => return Err(unreadable(error)),
    };
    collect_cells(sheet, text_left, || {
        Ok(reader
            .next_cell()
            .map_err(unreadable)?
            .map(|cell| (cell.get_position(), cell.get_value().clone().into())))
    })
}

/// An `.xlsb` sheet's used cells, read cell by cell like [`xlsx_range`]: calamine's own
/// range spans from the first to the last cell, and an `.xlsb` cell may name any row and
/// column up to 2³².
fn xlsb_range(
    workbook: &mut Xlsb<Bytes<'_>>,
    sheet: &str,
    text_left: &mut u64,
) -> Result<Range<Data>, String> {
    let unreadable = |error: calamine::XlsbError| messages::unreadable_sheet(sheet, &error);
    let mut reader = workbook.worksheet_cells_reader(sheet).map_err(unreadable)?;
    collect_cells(sheet, text_left, || {
        Ok(reader
            .next_cell()
            .map_err(unreadable)?
            .map(|cell| (cell.get_position(), cell.get_value().clone().into())))
    })
}

/// The non-empty cells `next` yields, refusing a sheet beyond [`MAX_ROWS`], [`MAX_COLUMNS`]
/// or [`MAX_CELLS`] as soon as a cell shows it.
fn collect_cells(
    sheet: &str,
    text_left: &mut u64,
    mut next: impl FnMut() -> Result<Option<((u32, u32), Data)>, String>,
) -> Result<Range<Data>, String> {
    let mut cells = Vec::new();
    let (mut first, mut last) = ((u32::MAX, u32::MAX), (0u32, 0u32));
    while let Some(((row, column), value)) = next()? {
        // Formatting carried to the sheet's end (LibreOffice writes a styled empty cell up to
        // column XFD in every row) is not data: only cells with a value count against the
        // limits. Empty cells cost nothing here, they are streamed and dropped.
        if value == Data::Empty {
            continue;
        }
        if row >= MAX_ROWS {
            return Err(too_many_rows(sheet, row));
        }
        if column >= MAX_COLUMNS {
            return Err(too_many_columns(sheet, column));
        }
        first = (first.0.min(row), first.1.min(column));
        last = (last.0.max(row), last.1.max(column));
        let area = u64::from(last.0 - first.0 + 1) * u64::from(last.1 - first.1 + 1);
        if area > MAX_CELLS || cells.len() as u64 >= MAX_CELLS {
            return Err(too_many_cells(sheet));
        }
        spend_text(sheet, &value, text_left)?;
        cells.push(Cell::new((row, column), value));
    }
    Ok(Range::from_sparse(cells))
}

/// Counts the text of `value` against `text_left`, refusing the workbook when it runs out.
fn spend_text(sheet: &str, value: &Data, text_left: &mut u64) -> Result<(), String> {
    let bytes = match value {
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.len(),
        _ => 0,
    };
    *text_left = text_left
        .checked_sub(bytes as u64)
        .ok_or_else(|| messages::too_much_text(sheet, MAX_TEXT_MIB))?;
    Ok(())
}

fn describe_open_error(error: &calamine::XlsxError) -> String {
    match error {
        calamine::XlsxError::Password => messages::PASSWORD_PROTECTED.to_string(),
        calamine::XlsxError::Io(error) => messages::unreadable_file(error),
        calamine::XlsxError::Zip(_) => messages::NOT_A_ZIP.to_string(),
        other => messages::unreadable_xlsx(other),
    }
}
