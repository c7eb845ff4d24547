//! Opening a workbook and laying out one sheet's used cells, within the limits of rows,
//! columns and cells a contact or date list can need.
//!
//! Knows nothing of headers or records; the guards in `guard` run before the workbook is
//! opened.

use std::io::Cursor;
use std::path::Path;

use calamine::{Cell, Data, Range, Reader, Xlsx, XlsxError};

use super::{file_error, guard};
use crate::diagnostics::Diagnostics;

/// Most rows read from a sheet (as Excel numbers them); the MPK lists have a few hundred.
pub(super) const MAX_ROWS: u32 = 100_000;

/// Most columns read from a sheet (as Excel numbers them).
pub(super) const MAX_COLUMNS: u32 = 1_000;

/// Most cells (rows times columns of the used area) kept in memory for one sheet.
pub(super) const MAX_CELLS: u64 = 5_000_000;

/// An opened workbook over its bytes.
pub(super) type Workbook<'b> = Xlsx<Cursor<&'b [u8]>>;

/// Opens the workbook in `bytes` after the guards have passed it; `path` names it in messages.
pub(super) fn open<'b>(path: &Path, bytes: &'b [u8]) -> Result<Workbook<'b>, Diagnostics> {
    let fail = |message: String| file_error(path, message);
    guard::check_archive(bytes).map_err(fail)?;
    Xlsx::new(Cursor::new(bytes)).map_err(|error| fail(describe_open_error(&error)))
}

/// A sheet's used cells, refusing sheets beyond [`MAX_ROWS`], [`MAX_COLUMNS`] or
/// [`MAX_CELLS`] before their cells are laid out in memory.
pub(super) fn sheet_range(workbook: &mut Workbook<'_>, sheet: &str) -> Result<Range<Data>, String> {
    let unreadable = |error: XlsxError| format!("sheet \"{sheet}\" cannot be read: {error}");
    let mut reader = match workbook.worksheet_cells_reader(sheet) {
        Ok(reader) => reader,
        // A chart sheet or a dialog sheet: no cells.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Range::default()),
        Err(error) => return Err(unreadable(error)),
    };
    let mut cells = Vec::new();
    let (mut first, mut last) = ((u32::MAX, u32::MAX), (0u32, 0u32));
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (row, column) = cell.get_position();
        if row >= MAX_ROWS {
            return Err(format!(
                "sheet \"{sheet}\" has data in row {}; at most {MAX_ROWS} rows are read",
                u64::from(row) + 1
            ));
        }
        if column >= MAX_COLUMNS {
            return Err(format!(
                "sheet \"{sheet}\" has data in column {}; at most {MAX_COLUMNS} columns are read",
                u64::from(column) + 1
            ));
        }
        let value: Data = cell.get_value().clone().into();
        if value == Data::Empty {
            continue;
        }
        first = (first.0.min(row), first.1.min(column));
        last = (last.0.max(row), last.1.max(column));
        let area = u64::from(last.0 - first.0 + 1) * u64::from(last.1 - first.1 + 1);
        if area > MAX_CELLS || cells.len() as u64 >= MAX_CELLS {
            return Err(format!(
                "sheet \"{sheet}\" spans more than {MAX_CELLS} cells; it is not a contact or \
                 date list"
            ));
        }
        cells.push(Cell::new((row, column), value));
    }
    Ok(Range::from_sparse(cells))
}

fn describe_open_error(error: &calamine::XlsxError) -> String {
    match error {
        calamine::XlsxError::Password => {
            "the workbook is password-protected; save it without a password".to_string()
        }
        calamine::XlsxError::Io(error) => format!("cannot read the file: {error}"),
        calamine::XlsxError::Zip(_) => {
            "not a readable .xlsx workbook (it is not a valid zip archive)".to_string()
        }
        other => format!("not a readable .xlsx workbook: {other}"),
    }
}
