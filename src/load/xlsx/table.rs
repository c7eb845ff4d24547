//! Finding the table in a sheet: the header row among the first rows, and which column holds
//! which field. When no sheet qualifies, the closest row tells the user what was found.
//!
//! Reads only header cells; the data rows below are `rows`' job.

use std::path::Path;

use calamine::{Data, Range, Reader};

use super::file_error;
use super::sheet::{self, sheet_range};
use crate::diagnostics::{Diagnostics, Location};
use crate::load::headers::{Field, HeaderAliases};
use crate::text::fold_whitespace;

/// The header row is looked for in this many rows from the top of a sheet.
const HEADER_SEARCH_ROWS: usize = 15;

/// Which of the two MPK lists a workbook is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SheetKind {
    /// The contact persons list.
    Contacts,
    /// The meeting dates list.
    Meetings,
}

impl SheetKind {
    /// The required headers, for messages.
    fn describe_required(self) -> &'static str {
        match self {
            SheetKind::Contacts => "\"Konferenz\" and \"Ansprechperson\"",
            SheetKind::Meetings => "\"Konferenz\" and \"Datum\" (or \"Beginn\")",
        }
    }

    /// Whether a header row with `fields` makes a table of this kind.
    fn has_required(self, fields: &[Field]) -> bool {
        let has = |field| fields.contains(&field);
        has(Field::Conference)
            && match self {
                SheetKind::Contacts => has(Field::ContactName),
                SheetKind::Meetings => has(Field::Date) || has(Field::Begin),
            }
    }
}

/// A sheet with a recognised header row.
pub(super) struct Table<'a> {
    /// The workbook's path, for locations.
    pub(super) file: &'a Path,
    /// The sheet's name.
    pub(super) sheet: String,
    /// The sheet's used cells.
    pub(super) range: Range<Data>,
    /// Excel row number of the first row of `range`.
    pub(super) first_row: u32,
    /// Index (within `range`) of the header row.
    pub(super) header_index: usize,
    columns: Vec<Column>,
}

/// A recognised column of the header row.
struct Column {
    field: Field,
    /// Index within the table's range.
    index: usize,
    /// The header as written, on one line (for messages).
    header: String,
}

/// The header row that comes closest to a table in a sheet that is none.
struct NearMiss {
    sheet: String,
    /// The recognised headers, quoted.
    headers: Vec<String>,
    /// Excel row number.
    row: u32,
}

/// Every table of `kind` in the workbook `bytes`; none at all is an error that names the
/// closest header row found.
pub(super) fn read_tables<'a>(
    path: &'a Path,
    bytes: &[u8],
    kind: SheetKind,
    aliases: &HeaderAliases,
    diagnostics: &mut Diagnostics,
) -> Result<Vec<Table<'a>>, Diagnostics> {
    let fail = |message: String| file_error(path, message);
    let mut workbook = sheet::open(path, bytes)?;
    let mut tables = Vec::new();
    let mut near_misses = Vec::new();
    for sheet in workbook.sheet_names() {
        let range = sheet_range(&mut workbook, &sheet).map_err(fail)?;
        if let Some(miss) = near_miss(&sheet, &range, aliases) {
            near_misses.push(miss);
        }
        if let Some(table) = find_table(path, sheet, range, kind, aliases, diagnostics) {
            tables.push(table);
        }
    }
    if tables.is_empty() {
        let mut message = format!(
            "no sheet has the required headers {} in its first {HEADER_SEARCH_ROWS} rows",
            kind.describe_required()
        );
        if let Some(best) = near_misses.iter().max_by_key(|miss| miss.headers.len()) {
            message.push_str(&format!(
                "; the closest is sheet \"{}\" row {} with {}. Add the missing column, or \
                 add its header to briefing.yaml under \"spalten\"",
                best.sheet,
                best.row,
                best.headers.join(", ")
            ));
        }
        return Err(fail(message));
    }
    Ok(tables)
}

/// The row among the first rows with the most recognised headers, to tell the user what was
/// found when no sheet qualifies.
fn near_miss(sheet: &str, range: &Range<Data>, aliases: &HeaderAliases) -> Option<NearMiss> {
    let (first_row, _) = range.start()?;
    range
        .rows()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .map(|(index, row)| {
            let known: Vec<String> = row
                .iter()
                .map(|cell| cell.to_string())
                .filter(|text| aliases.field_of(text).is_some())
                .map(|text| format!("\"{}\"", text.trim().replace('\n', " ")))
                .collect();
            (known, first_row + index as u32 + 1)
        })
        .filter(|(known, _)| !known.is_empty())
        .max_by_key(|(known, row)| (known.len(), std::cmp::Reverse(*row)))
        .map(|(headers, row)| NearMiss {
            sheet: sheet.to_string(),
            headers,
            row,
        })
}

fn find_table<'a>(
    file: &'a Path,
    sheet: String,
    range: Range<Data>,
    kind: SheetKind,
    aliases: &HeaderAliases,
    diagnostics: &mut Diagnostics,
) -> Option<Table<'a>> {
    // Column indices below are relative to the range, which is all the reader needs.
    let (first_row, _) = range.start()?;
    let header_index = range.rows().take(HEADER_SEARCH_ROWS).position(|row| {
        let fields: Vec<Field> = row
            .iter()
            .filter_map(|cell| aliases.field_of(&cell.to_string()))
            .collect();
        kind.has_required(&fields)
    })?;
    let header_cells = range.rows().nth(header_index)?;
    let header_row_number = first_row + header_index as u32 + 1;
    let mut columns: Vec<Column> = Vec::new();
    for (index, cell) in header_cells.iter().enumerate() {
        let header = cell.to_string();
        if header.trim().is_empty() {
            continue;
        }
        match aliases.field_of(&header) {
            Some(field) if columns.iter().any(|column| column.field == field) => {
                diagnostics.warning(
                    Location::row(file, &sheet, header_row_number),
                    format!(
                        "column \"{}\" is a second \"{field}\" column and is not read",
                        header.trim()
                    ),
                );
            }
            // Messages are one line: a header's line breaks become spaces.
            Some(field) => columns.push(Column {
                field,
                index,
                header: fold_whitespace(&header),
            }),
            None => diagnostics.warning(
                Location::row(file, &sheet, header_row_number),
                format!(
                    "column \"{}\" is not a known column and is not read",
                    header.trim()
                ),
            ),
        }
    }
    Some(Table {
        file,
        sheet,
        range,
        first_row,
        header_index,
        columns,
    })
}

impl Table<'_> {
    /// The index and header of the column of `field`, if the table has one.
    pub(super) fn column(&self, field: Field) -> Option<(usize, &str)> {
        self.columns
            .iter()
            .find(|column| column.field == field)
            .map(|column| (column.index, column.header.as_str()))
    }
}
