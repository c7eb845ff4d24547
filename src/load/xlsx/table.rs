//! Finding the table in a sheet: the header row among the first rows, and which column holds
//! which field. When no sheet qualifies, the closest row tells the user what was found.
//!
//! Reads only header cells; the data rows below are `rows`' job.

use std::path::Path;

use calamine::{Data, Range};

use super::file_error;
use super::limits::MAX_TEXT_BYTES;
use super::markup::SheetMarkup;
use super::sheet::{self, sheet_range};
use crate::diagnostics::{Diagnostics, Location};
use crate::load::headers::{Field, HeaderAliases};
use crate::messages::sheets as messages;
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
            SheetKind::Contacts => messages::CONTACTS_REQUIRED_HEADERS,
            SheetKind::Meetings => messages::MEETINGS_REQUIRED_HEADERS,
        }
    }

    /// Whether records of this kind read `field`.
    fn uses(self, field: Field) -> bool {
        match self {
            SheetKind::Contacts => !matches!(
                field,
                Field::Meeting | Field::Date | Field::Begin | Field::End | Field::Place
            ),
            SheetKind::Meetings => !matches!(
                field,
                Field::Chair
                    | Field::Office
                    | Field::ContactName
                    | Field::Role
                    | Field::Phone
                    | Field::Email
            ),
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
    /// 0-based column of the first column of `range`.
    pub(super) first_column: u32,
    /// Index (within `range`) of the header row.
    pub(super) header_index: usize,
    /// Index (within `range`) of the first data row: below the header, or below its
    /// sub-headers when the header is two rows high.
    pub(super) data_index: usize,
    columns: Vec<Column>,
    /// Indexes (within `range`) of the columns with any header text, known or not.
    headed: std::collections::BTreeSet<usize>,
    /// What the sheet's XML says beyond the values (empty for formats without it).
    pub(super) markup: SheetMarkup,
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
    /// Whether the row has every required header (it lies below the rows searched).
    complete: bool,
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
    let mut markup = workbook.markup(bytes);
    let mut tables = Vec::new();
    let mut near_misses = Vec::new();
    let mut text_left = MAX_TEXT_BYTES;
    for meta in workbook.sheets() {
        let sheet = meta.name;
        if meta.visible != calamine::SheetVisible::Visible {
            diagnostics.warning(Location::file(path), messages::hidden_sheet(&sheet));
            continue;
        }
        let range = sheet_range(&mut workbook, &sheet, &mut text_left).map_err(fail)?;
        // Only needed (and only paid for) while no sheet qualifies.
        let miss = tables
            .is_empty()
            .then(|| near_miss(&sheet, &range, kind, aliases))
            .flatten();
        let sheet_markup = markup.remove(&sheet).unwrap_or_default();
        match find_table(path, sheet, range, sheet_markup, kind, aliases, diagnostics) {
            Some(table) => tables.push(table),
            None => near_misses.extend(miss),
        }
    }
    if tables.is_empty() {
        let mut message = messages::no_header_row(kind.describe_required(), HEADER_SEARCH_ROWS);
        let best = near_misses.iter().max_by_key(|miss| {
            (
                miss.complete,
                miss.headers.len(),
                std::cmp::Reverse(miss.row),
            )
        });
        match best {
            Some(best) if best.complete => message.push_str(&messages::header_row_too_low(
                &best.sheet,
                best.row,
                &best.headers.join(", "),
                HEADER_SEARCH_ROWS,
            )),
            Some(best) => message.push_str(&messages::nearest_header_row(
                &best.sheet,
                best.row,
                &best.headers.join(", "),
            )),
            None => {}
        }
        return Err(fail(message));
    }
    Ok(tables)
}

/// How deep the search for the closest header row goes: far below where headers are read,
/// bounded so a sheet of a million rows costs no more than reading it.
const NEAR_MISS_SEARCH_ROWS: usize = 10_000;

/// The row with the most recognised headers (the first of equals), to tell the user what was
/// found when no sheet qualifies; a row with all required headers (too deep to be read) wins.
fn near_miss(
    sheet: &str,
    range: &Range<Data>,
    kind: SheetKind,
    aliases: &HeaderAliases,
) -> Option<NearMiss> {
    let (first_row, _) = range.start()?;
    range
        .rows()
        .take(NEAR_MISS_SEARCH_ROWS)
        .enumerate()
        .filter_map(|(index, row)| {
            let known: Vec<(Field, String)> = row
                .iter()
                .map(|cell| cell.to_string())
                .filter_map(|text| Some((aliases.field_of(&text)?, text)))
                .collect();
            if known.is_empty() {
                return None;
            }
            let fields: Vec<Field> = known.iter().map(|(field, _)| *field).collect();
            let headers = known
                .iter()
                .map(|(_, text)| format!("„{}“", fold_whitespace(text)))
                .collect();
            Some(NearMiss {
                sheet: sheet.to_string(),
                headers,
                row: first_row + index as u32 + 1,
                complete: kind.has_required(&fields),
            })
        })
        .max_by_key(|miss| {
            (
                miss.complete,
                miss.headers.len(),
                std::cmp::Reverse(miss.row),
            )
        })
}

/// Whether `row` holds sub-headers under a grouped header: at least two cells, every one of
/// them a known header (`Beginn | Ende` under a merged `Termin`).
fn is_sub_header_row(row: &[Data], aliases: &HeaderAliases) -> bool {
    let texts: Vec<String> = row
        .iter()
        .map(ToString::to_string)
        .filter(|text| !text.trim().is_empty())
        .collect();
    texts.len() >= 2 && texts.iter().all(|text| aliases.field_of(text).is_some())
}

fn find_table<'a>(
    file: &'a Path,
    sheet: String,
    range: Range<Data>,
    markup: SheetMarkup,
    kind: SheetKind,
    aliases: &HeaderAliases,
    diagnostics: &mut Diagnostics,
) -> Option<Table<'a>> {
    // Column indices below are relative to the range, which is all the reader needs.
    let (first_row, first_column) = range.start()?;
    let rows: Vec<&[Data]> = range.rows().take(HEADER_SEARCH_ROWS + 1).collect();
    let fields_of = |row: &[Data]| -> Vec<Field> {
        row.iter()
            .filter_map(|cell| aliases.field_of(&cell.to_string()))
            .collect()
    };
    // A header row, possibly with a row of sub-headers below it.
    let (header_index, two_rows) = (0..rows.len().min(HEADER_SEARCH_ROWS)).find_map(|index| {
        let below = rows
            .get(index + 1)
            .filter(|row| is_sub_header_row(row, aliases));
        let mut fields = fields_of(rows[index]);
        fields.extend(below.map(|row| fields_of(row)).unwrap_or_default());
        kind.has_required(&fields)
            .then_some((index, below.is_some()))
    })?;
    let header_row_number = first_row + header_index as u32 + 1;
    let width = range.width();
    let mut columns: Vec<Column> = Vec::new();
    let mut headed = std::collections::BTreeSet::new();
    for index in 0..width {
        let top = rows[header_index].get(index).map(ToString::to_string);
        let sub = two_rows
            .then(|| rows[header_index + 1].get(index).map(ToString::to_string))
            .flatten()
            .filter(|text| !text.trim().is_empty());
        // A sub-header names the column; the grouped header above it only groups.
        let (header, row_number) = match sub {
            Some(sub) => (sub, header_row_number + 1),
            None => (top.unwrap_or_default(), header_row_number),
        };
        if header.trim().is_empty() {
            continue;
        }
        headed.insert(index);
        match aliases.field_of(&header) {
            Some(field) if !kind.uses(field) => diagnostics.warning(
                Location::row(file, &sheet, row_number),
                messages::column_not_used(&fold_whitespace(&header)),
            ),
            Some(field) if columns.iter().any(|column| column.field == field) => {
                diagnostics.warning(
                    Location::row(file, &sheet, row_number),
                    messages::second_column(header.trim(), field),
                );
            }
            // Messages are one line: a header's line breaks become spaces.
            Some(field) => columns.push(Column {
                field,
                index,
                header: fold_whitespace(&header),
            }),
            // A grouped header over sub-headers is no column of its own.
            None if two_rows && groups_sub_headers(&rows, header_index, index) => {}
            None => diagnostics.warning(
                Location::row(file, &sheet, row_number),
                messages::unknown_column(header.trim()),
            ),
        }
    }
    Some(Table {
        file,
        sheet,
        range,
        first_row,
        first_column,
        header_index,
        data_index: header_index + 1 + usize::from(two_rows),
        columns,
        headed,
        markup,
    })
}

/// Whether the header at `index` stands over a sub-header: in its own column or, merged,
/// in the columns up to the next header.
fn groups_sub_headers(rows: &[&[Data]], header_index: usize, index: usize) -> bool {
    let (top, sub) = (rows[header_index], rows[header_index + 1]);
    let filled = |row: &[Data], at: usize| {
        row.get(at)
            .is_some_and(|cell| !cell.to_string().trim().is_empty())
    };
    (index..top.len().max(sub.len()))
        .take_while(|&at| at == index || !filled(top, at))
        .any(|at| filled(sub, at))
}

impl Table<'_> {
    /// Whether the column at `index` has a header (known or not, reported either way).
    pub(super) fn has_header(&self, index: usize) -> bool {
        self.headed.contains(&index)
    }

    /// The index and header of the column of `field`, if the table has one.
    pub(super) fn column(&self, field: Field) -> Option<(usize, &str)> {
        self.columns
            .iter()
            .find(|column| column.field == field)
            .map(|column| (column.index, column.header.as_str()))
    }
}
