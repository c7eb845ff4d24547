//! Reading the MPK spreadsheets (contact persons and meeting dates) with calamine.
//!
//! Every sheet that carries the required headers within its first rows is read; each data row
//! becomes a record that remembers its file, sheet and row number as Excel shows it. Rows that
//! cannot be used are reported, never dropped silently. This module does not know the roster:
//! conference names stay as written and are matched by the model.

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Cell, Data, Range, Reader, Xlsx, XlsxError};

use super::dates::{DateSpan, parse_date_text};
use super::headers::{Field, HeaderAliases};
use crate::diagnostics::{Diagnostics, Location, Place};

/// The header row is looked for in this many rows from the top of a sheet.
pub const HEADER_SEARCH_ROWS: usize = 15;

/// Largest spreadsheet file accepted; the MPK's lists are well under a megabyte.
pub const MAX_XLSX_BYTES: u64 = 32 * 1024 * 1024;

/// Largest total of the workbook's unpacked parts (its XML); real lists unpack to a few MB.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

/// Highest compression ratio accepted for a part larger than [`RATIO_CHECK_BYTES`]: XML packs
/// 10 to 50 times; a zip bomb packs about 1000 times.
pub const MAX_COMPRESSION_RATIO: u64 = 200;

/// Parts smaller than this are not checked for their ratio (tiny parts pack very well).
const RATIO_CHECK_BYTES: u64 = 1024 * 1024;

/// Most texts a workbook may declare in its shared strings (`uniqueCount`).
pub const MAX_SHARED_STRINGS: u64 = 1_000_000;

/// Most rows read from a sheet (as Excel numbers them); the MPK lists have a few hundred.
pub const MAX_ROWS: u32 = 100_000;

/// Most columns read from a sheet (as Excel numbers them).
pub const MAX_COLUMNS: u32 = 1_000;

/// Most cells (rows times columns of the used area) kept in memory for one sheet.
pub const MAX_CELLS: u64 = 5_000_000;

/// One row of the contacts sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactRecord {
    pub at: Location,
    /// The conference as written in the sheet (or continued from the row above).
    pub conference: String,
    pub chair: Option<String>,
    pub office: Option<String>,
    pub name: Option<String>,
    pub role: Option<String>,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
}

/// When a meeting takes place: known days, the text the office wrote instead, or nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum MeetingDate {
    Days(DateSpan),
    Open(String),
    Missing,
}

/// A non-empty row that could not be used at all (it is reported, and listed in the overview).
#[derive(Debug, Clone, PartialEq)]
pub struct SkippedRow {
    pub at: Location,
    pub reason: SkipReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// No conference in the row and no row above to continue.
    NoConference,
}

/// One row of the dates sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingRecord {
    pub at: Location,
    pub conference: String,
    pub meeting: Option<String>,
    pub date: MeetingDate,
    pub place: Option<String>,
    pub remark: Option<String>,
}

/// Which of the two MPK lists a workbook is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetKind {
    Contacts,
    Meetings,
}

impl SheetKind {
    fn describe_required(self) -> &'static str {
        match self {
            SheetKind::Contacts => "\"Konferenz\" and \"Ansprechperson\"",
            SheetKind::Meetings => "\"Konferenz\" and \"Datum\" (or \"Beginn\")",
        }
    }

    fn has_required(self, fields: &[Field]) -> bool {
        let has = |field| fields.contains(&field);
        has(Field::Conference)
            && match self {
                SheetKind::Contacts => has(Field::ContactName),
                SheetKind::Meetings => has(Field::Date) || has(Field::Begin),
            }
    }
}

/// The records of one workbook, the rows that could not be used, and the problems found.
#[derive(Debug)]
pub struct SheetRecords<T> {
    pub records: Vec<T>,
    pub skipped: Vec<SkippedRow>,
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
    aliases: &HeaderAliases,
) -> Result<SheetRecords<ContactRecord>, Diagnostics> {
    read_contacts_from_bytes(path, &read_file(path)?, aliases)
}

/// Reads the contact persons workbook from its bytes; `path` names it in messages.
pub fn read_contacts_from_bytes(
    path: &Path,
    bytes: &[u8],
    aliases: &HeaderAliases,
) -> Result<SheetRecords<ContactRecord>, Diagnostics> {
    read_records(
        path,
        bytes,
        SheetKind::Contacts,
        aliases,
        |row, diagnostics| {
            let record = ContactRecord {
                at: row.location(),
                conference: row.conference.clone(),
                chair: row.text(Field::Chair, diagnostics),
                office: row.text(Field::Office, diagnostics),
                name: row.text(Field::ContactName, diagnostics),
                role: row.text(Field::Role, diagnostics),
                phones: split_lines(row.text(Field::Phone, diagnostics), &['\n', ';']),
                emails: split_lines(row.text(Field::Email, diagnostics), &['\n', ';', ',', ' ']),
            };
            if record.name.is_none() && !record.emails.is_empty() {
                diagnostics.warning(
                    record.at.clone(),
                    "contact has an e-mail address but no name; it is listed without a name",
                );
            }
            record
        },
    )
}

/// Reads the meeting dates workbook.
pub fn read_meetings(
    path: &Path,
    aliases: &HeaderAliases,
) -> Result<SheetRecords<MeetingRecord>, Diagnostics> {
    read_meetings_from_bytes(path, &read_file(path)?, aliases)
}

/// Reads the meeting dates workbook from its bytes; `path` names it in messages.
pub fn read_meetings_from_bytes(
    path: &Path,
    bytes: &[u8],
    aliases: &HeaderAliases,
) -> Result<SheetRecords<MeetingRecord>, Diagnostics> {
    read_records(
        path,
        bytes,
        SheetKind::Meetings,
        aliases,
        |row, diagnostics| {
            let date = row.meeting_date(diagnostics).unwrap_or_else(|| {
                diagnostics.warning(
                    row.location(),
                    format!(
                        "meeting of \"{}\" has no date in column \"{}\"; it is listed \
                         without a date",
                        row.conference,
                        row.date_header()
                    ),
                );
                MeetingDate::Missing
            });
            MeetingRecord {
                at: row.location(),
                conference: row.conference.clone(),
                meeting: row.text(Field::Meeting, diagnostics),
                date,
                place: row.text(Field::Place, diagnostics),
                remark: row.text(Field::Remark, diagnostics),
            }
        },
    )
}

/// Every usable row of every qualifying sheet, turned into a record by `make`.
fn read_records<T>(
    path: &Path,
    bytes: &[u8],
    kind: SheetKind,
    aliases: &HeaderAliases,
    mut make: impl FnMut(&TableRow<'_, '_>, &mut Diagnostics) -> T,
) -> Result<SheetRecords<T>, Diagnostics> {
    let mut out = SheetRecords::default();
    for table in read_tables(path, bytes, kind, aliases, &mut out.diagnostics)? {
        table.for_each_row(
            &mut out.diagnostics,
            &mut out.skipped,
            |row, diagnostics| {
                out.records.push(make(row, diagnostics));
            },
        );
    }
    Ok(out)
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

// ---------------------------------------------------------------------------------------------
// Sheets as tables

/// A sheet with a recognised header row.
struct Table<'a> {
    file: &'a Path,
    sheet: String,
    range: Range<Data>,
    /// Excel row number of the first row of `range`.
    first_row: u32,
    /// Index (within `range`) of the header row.
    header_index: usize,
    /// Recognised columns: field, column index, header text as written.
    columns: Vec<(Field, usize, String)>,
}

/// One data row of a table, with the conference it belongs to.
struct TableRow<'t, 'a> {
    table: &'t Table<'a>,
    cells: &'t [Data],
    row_number: u32,
    conference: String,
}

fn file_error(path: &Path, message: String) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    diagnostics.error(Location::file(path), message);
    diagnostics
}

/// Reads a workbook file, refusing files over [`MAX_XLSX_BYTES`] before reading them.
fn read_file(path: &Path) -> Result<Vec<u8>, Diagnostics> {
    let fail = |message: String| file_error(path, message);
    let size = std::fs::metadata(path)
        .map_err(|error| fail(format!("cannot read the file: {error}")))?
        .len();
    if size > MAX_XLSX_BYTES {
        return Err(fail(format!(
            "the file is {size} bytes; at most {MAX_XLSX_BYTES} bytes are accepted"
        )));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_XLSX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|error| fail(format!("cannot read the file: {error}")))?;
    if bytes.len() as u64 > MAX_XLSX_BYTES {
        return Err(fail(format!(
            "the file is larger than {MAX_XLSX_BYTES} bytes, the most accepted"
        )));
    }
    Ok(bytes)
}

/// Refuses archives that unpack to absurd sizes (zip bombs) before calamine reads them. The
/// parts are really unpacked (and thrown away), since the sizes in a zip's directory can lie.
fn check_archive(bytes: &[u8]) -> Result<(), String> {
    check_archive_within(bytes, MAX_UNPACKED_BYTES, RATIO_CHECK_BYTES)
}

fn check_archive_within(bytes: &[u8], max_unpacked: u64, ratio_from: u64) -> Result<(), String> {
    if bytes.len() as u64 > MAX_XLSX_BYTES {
        return Err(format!(
            "the file is {} bytes; at most {MAX_XLSX_BYTES} bytes are accepted",
            bytes.len()
        ));
    }
    // Not a zip at all: calamine's own error describes that.
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        // Unreadable or encrypted entries are left to calamine, which reports them.
        let Ok(entry) = archive.by_index(index) else {
            continue;
        };
        let name = entry
            .name()
            .map_or_else(|_| format!("#{index}"), |name| name.into_owned());
        let packed = entry.compressed_size();
        let budget = max_unpacked - total;
        // Count what really comes out, up to the budget; a damaged part counts until it fails.
        let mut counter = CountingReader {
            inner: entry.take(budget + 1),
            count: 0,
        };
        let problem = inspect_part(&mut counter);
        std::io::copy(&mut counter, &mut std::io::sink()).ok();
        let unpacked = counter.count;
        total += unpacked;
        match problem {
            Some(PartProblem::SharedStrings(count)) => {
                return Err(format!(
                    "part \"{name}\" declares {count} texts (uniqueCount); at most \
                     {MAX_SHARED_STRINGS} are accepted, so the file is refused as damaged or \
                     malicious"
                ));
            }
            Some(PartProblem::Reference(reference)) => {
                return Err(format!(
                    "part \"{name}\" holds the cell reference \"{reference}\", which no sheet \
                     has; the file is damaged. Open it in Excel and save it again"
                ));
            }
            None => {}
        }
        if total > max_unpacked {
            return Err(format!(
                "the workbook unpacks to more than {} MiB (at part \"{name}\"); a contact or \
                 date list is far smaller, so the file is refused as damaged or malicious",
                max_unpacked / (1024 * 1024)
            ));
        }
        if unpacked > ratio_from && unpacked > packed.saturating_mul(MAX_COMPRESSION_RATIO) {
            return Err(format!(
                "part \"{name}\" unpacks from {packed} to {unpacked} bytes, more than \
                 {MAX_COMPRESSION_RATIO} times its packed size; the file is refused as a zip bomb"
            ));
        }
    }
    Ok(())
}

/// Counts the bytes read through it; a read error ends the stream (the part is damaged, and
/// calamine will say so if it needs the part).
struct CountingReader<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buffer).unwrap_or(0);
        self.count += read as u64;
        Ok(read)
    }
}

/// What the XML pass finds wrong in a part, before calamine reads it.
enum PartProblem {
    /// `<sst uniqueCount>`: calamine reserves that many strings up front, so
    /// `uniqueCount="99999999999"` in a few bytes would make it ask for terabytes.
    SharedStrings(u64),
    /// A cell reference (`r`, `ref`) calamine would compute with overflowing arithmetic, or a
    /// reversed range such as `A12:G4`.
    Reference(String),
}

/// Reads a part as calamine would and reports the first [`PartProblem`]; a part that is not
/// XML is left to calamine.
fn inspect_part(part: &mut impl Read) -> Option<PartProblem> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    // The same leniency as calamine's reader, so no trick gets past one and not the other.
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut buffer = Vec::new();
    let mut shared_strings_seen = false;
    loop {
        buffer.clear();
        let element = match reader.read_event_into(&mut buffer).ok()? {
            Event::Start(element) => element,
            Event::Eof => return None,
            _ => continue,
        };
        if element.local_name().as_ref() == "sst" && !shared_strings_seen {
            shared_strings_seen = true;
            if let Some(value) = element.try_get_attribute("uniqueCount").ok().flatten() {
                let digits: &str = &value.value;
                // calamine ignores a count that is not a plain number; so does this check
                // (a number too large for u64 is refused as the largest one).
                if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                    let count = digits.parse().unwrap_or(u64::MAX);
                    if count > MAX_SHARED_STRINGS {
                        return Some(PartProblem::SharedStrings(count));
                    }
                }
            }
        }
        for attribute in element.attributes().flatten() {
            if matches!(attribute.key.as_ref(), "r" | "ref") {
                let value: &str = &attribute.value;
                if !is_sane_reference(value) {
                    return Some(PartProblem::Reference(value.to_string()));
                }
            }
        }
    }
}

/// Whether a cell reference or range (`B7`, `7`, `A3:F52`) is one calamine can compute with.
/// calamine adds up a reference's leading letters (base 26) and the digits after them (base
/// 10) in `u32` before it looks at the rest, so more than 6 letters or 9 digits overflow, as
/// does a range running backwards. Other text passes (calamine reports it itself).
fn is_sane_reference(text: &str) -> bool {
    const OVERFLOWS: (u64, u64) = (u64::MAX, u64::MAX);
    fn position(part: &str) -> Option<(u64, u64)> {
        let letters = part.bytes().take_while(u8::is_ascii_alphabetic).count();
        let digits = part[letters..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        if letters > 6 || digits > 9 {
            return Some(OVERFLOWS);
        }
        if letters + digits != part.len() {
            return None;
        }
        let column = part[..letters].bytes().fold(0u64, |column, letter| {
            column * 26 + u64::from(letter.to_ascii_uppercase() - b'A') + 1
        });
        Some((part[letters..].parse().unwrap_or(0), column))
    }
    let ends: Vec<Option<(u64, u64)>> = text.split(':').map(position).collect();
    if ends.contains(&Some(OVERFLOWS)) {
        return false;
    }
    match ends.as_slice() {
        [Some(start), Some(end)] => end.0 >= start.0 && end.1 >= start.1,
        _ => true,
    }
}

/// A sheet's used cells, refusing sheets beyond [`MAX_ROWS`], [`MAX_COLUMNS`] or
/// [`MAX_CELLS`] before their cells are laid out in memory.
fn sheet_range(workbook: &mut Xlsx<Cursor<&[u8]>>, sheet: &str) -> Result<Range<Data>, String> {
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

fn read_tables<'a>(
    path: &'a Path,
    bytes: &[u8],
    kind: SheetKind,
    aliases: &HeaderAliases,
    diagnostics: &mut Diagnostics,
) -> Result<Vec<Table<'a>>, Diagnostics> {
    let fail = |message: String| file_error(path, message);
    check_archive(bytes).map_err(fail)?;
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|error| fail(describe_open_error(&error)))?;
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
        if let Some(best) = near_misses.iter().max_by_key(|miss| miss.1.len()) {
            message.push_str(&format!(
                "; the closest is sheet \"{}\" row {} with {}. Add the missing column, or \
                 add its header to briefing.yaml under \"spalten\"",
                best.0,
                best.2,
                best.1.join(", ")
            ));
        }
        return Err(fail(message));
    }
    Ok(tables)
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

/// The row among the first rows with the most recognised headers, as (sheet, row, headers),
/// to tell the user what was found when no sheet qualifies.
fn near_miss(
    sheet: &str,
    range: &Range<Data>,
    aliases: &HeaderAliases,
) -> Option<(String, Vec<String>, u32)> {
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
        .map(|(known, row)| (sheet.to_string(), known, row))
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
    let mut columns: Vec<(Field, usize, String)> = Vec::new();
    for (index, cell) in header_cells.iter().enumerate() {
        let header = cell.to_string();
        if header.trim().is_empty() {
            continue;
        }
        match aliases.field_of(&header) {
            Some(field) if columns.iter().any(|(known, _, _)| *known == field) => {
                diagnostics.warning(
                    Location::row(file, &sheet, header_row_number),
                    format!(
                        "column \"{}\" is a second \"{field}\" column and is not read",
                        header.trim()
                    ),
                );
            }
            // Messages are one line: a header's line breaks become spaces.
            Some(field) => columns.push((field, index, one_line(&header))),
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

impl<'a> Table<'a> {
    fn column(&self, field: Field) -> Option<(usize, &str)> {
        self.columns
            .iter()
            .find(|(known, _, _)| *known == field)
            .map(|(_, index, header)| (*index, header.as_str()))
    }

    /// Calls `visit` for every data row that has a conference. Empty rows are skipped and end
    /// the continuation of a conference from the rows above; a row without a conference and
    /// nothing to continue is reported.
    fn for_each_row(
        &self,
        diagnostics: &mut Diagnostics,
        skipped: &mut Vec<SkippedRow>,
        mut visit: impl FnMut(&TableRow<'_, 'a>, &mut Diagnostics),
    ) {
        let (conference_column, conference_header) = self
            .column(Field::Conference)
            .expect("tables are only made with a conference column");
        let mut current: Option<String> = None;
        for (offset, cells) in self.range.rows().enumerate().skip(self.header_index + 1) {
            let row_number = self.first_row + offset as u32 + 1;
            if cells.iter().all(is_blank) {
                current = None;
                continue;
            }
            let written = cells
                .get(conference_column)
                .map(|cell| clean_text(&cell.to_string()))
                .filter(|text| !text.is_empty());
            let conference = match (written, &current) {
                (Some(conference), _) => conference,
                (None, Some(above)) => above.clone(),
                (None, None) => {
                    let at = Location::row(self.file, &self.sheet, row_number);
                    diagnostics.warning(
                        at.clone(),
                        format!(
                            "the row has no conference in column \"{conference_header}\" \
                             and follows an empty row or the header; it is not used. Enter \
                             the conference"
                        ),
                    );
                    skipped.push(SkippedRow {
                        at,
                        reason: SkipReason::NoConference,
                    });
                    continue;
                }
            };
            current = Some(conference.clone());
            let row = TableRow {
                table: self,
                cells,
                row_number,
                conference,
            };
            visit(&row, diagnostics);
        }
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(text) => text.trim().is_empty(),
        _ => false,
    }
}

/// Removes characters XML cannot carry and trims; keeps line breaks inside the text.
fn clean_text(text: &str) -> String {
    text.chars()
        .filter(|c| is_xml_char(*c))
        .collect::<String>()
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim()
        .to_string()
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
}

impl TableRow<'_, '_> {
    fn location(&self) -> Location {
        Location::row(self.table.file, &self.table.sheet, self.row_number)
    }

    fn cell_location(&self, header: &str) -> Location {
        Location {
            file: self.table.file.to_path_buf(),
            place: Place::Cell {
                sheet: self.table.sheet.clone(),
                row: self.row_number,
                column: header.to_string(),
            },
        }
    }

    fn cell(&self, field: Field) -> Option<(&Data, &str)> {
        let (index, header) = self.table.column(field)?;
        Some((self.cells.get(index)?, header))
    }

    /// The cell of `field` as text; `None` when the column is missing or the cell is empty.
    fn text(&self, field: Field, diagnostics: &mut Diagnostics) -> Option<String> {
        let (cell, header) = self.cell(field)?;
        let raw = match cell {
            Data::Empty => return None,
            Data::String(text) => text.clone(),
            Data::Float(value) if value.fract() == 0.0 && value.abs() < 1e15 => {
                format!("{}", *value as i64)
            }
            Data::Float(value) => value.to_string(),
            Data::Int(value) => value.to_string(),
            Data::Bool(value) => if *value { "WAHR" } else { "FALSCH" }.to_string(),
            Data::DateTime(value) => match value.as_datetime() {
                Some(datetime) => datetime.format("%d.%m.%Y").to_string(),
                None => value.to_string(),
            },
            Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
            Data::Error(error) => {
                diagnostics.warning(
                    self.cell_location(header),
                    format!("the cell holds the Excel error {error}; it is left empty"),
                );
                return None;
            }
        };
        let cleaned = clean_text(&raw);
        if cleaned.chars().count() != raw.trim().chars().count()
            && raw.chars().any(|c| !is_xml_char(c))
        {
            diagnostics.warning(
                self.cell_location(header),
                "the cell contains control characters; they were removed",
            );
        }
        (!cleaned.is_empty()).then_some(cleaned)
    }

    fn date_header(&self) -> &str {
        self.table
            .column(Field::Date)
            .or_else(|| self.table.column(Field::Begin))
            .map_or("Datum", |(_, header)| header)
    }

    /// The meeting's days from a date column or a begin/end pair; text that is not a date
    /// becomes an open date with a warning.
    fn meeting_date(&self, diagnostics: &mut Diagnostics) -> Option<MeetingDate> {
        let begin_field = if self.cell(Field::Date).is_some_and(|(c, _)| !is_blank(c)) {
            Field::Date
        } else {
            Field::Begin
        };
        let begin = self.date_cell(begin_field, diagnostics)?;
        let MeetingDate::Days(mut span) = begin else {
            return Some(begin);
        };
        if begin_field == Field::Begin {
            match self.date_cell(Field::End, diagnostics) {
                Some(MeetingDate::Days(end)) if end.end >= span.start => span.end = end.end,
                Some(MeetingDate::Days(end)) => {
                    let (_, header) = self.cell(Field::End).expect("end column read above");
                    diagnostics.warning(
                        self.cell_location(header),
                        format!(
                            "the end {} lies before the beginning {}; the meeting is listed \
                             as one day",
                            end.end.format("%d.%m.%Y"),
                            span.start.format("%d.%m.%Y")
                        ),
                    );
                }
                Some(MeetingDate::Open(text)) => {
                    let (_, header) = self.cell(Field::End).expect("end column read above");
                    diagnostics.warning(
                        self.cell_location(header),
                        format!("\"{text}\" is not a date; the meeting is listed as one day"),
                    );
                }
                Some(MeetingDate::Missing) | None => {}
            }
        }
        Some(MeetingDate::Days(span))
    }

    fn date_cell(&self, field: Field, diagnostics: &mut Diagnostics) -> Option<MeetingDate> {
        let (cell, header) = self.cell(field)?;
        match cell {
            Data::Empty => None,
            Data::DateTime(value) => match value.as_datetime() {
                Some(datetime) => {
                    let day = datetime.date();
                    Some(MeetingDate::Days(DateSpan {
                        start: day,
                        end: day,
                    }))
                }
                None => Some(self.open_date(value.to_string(), header, diagnostics)),
            },
            _ => {
                let text = self.text(field, diagnostics)?;
                match parse_date_text(&text) {
                    Some(span) => Some(MeetingDate::Days(span)),
                    None => Some(self.open_date(text, header, diagnostics)),
                }
            }
        }
    }

    fn open_date(&self, text: String, header: &str, diagnostics: &mut Diagnostics) -> MeetingDate {
        diagnostics.warning(
            self.cell_location(header),
            format!(
                "\"{text}\" is not a date; the meeting of \"{}\" is listed as an open date",
                self.conference
            ),
        );
        MeetingDate::Open(text)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// A zip with one part of `size` bytes of `byte`, packed as well as deflate can.
    fn zip_with(size: usize, byte: u8) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        writer
            .start_file("xl/worksheets/sheet1.xml", options)
            .unwrap();
        writer.write_all(&vec![byte; size]).unwrap();
        writer.finish().unwrap().into_inner()
    }

    /// Like [`zip_with`], but with bytes that do not pack well.
    fn zip_with_noise(size: usize) -> Vec<u8> {
        let mut state: u32 = 1;
        let noise: Vec<u8> = (0..size)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (state >> 16) as u8
            })
            .collect();
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        writer.start_file("xl/sharedStrings.xml", options).unwrap();
        writer.write_all(&noise).unwrap();
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn a_part_that_packs_too_well_is_a_zip_bomb() {
        let bomb = zip_with(2 * 1024 * 1024, b' ');
        let message = check_archive(&bomb).unwrap_err();
        assert!(message.contains("xl/worksheets/sheet1.xml"), "{message}");
        assert!(message.contains("zip bomb"), "{message}");
        // Small parts may pack as well as they like.
        check_archive(&zip_with(512 * 1024, b' ')).unwrap();
    }

    #[test]
    fn the_unpacked_total_is_limited() {
        let archive = zip_with_noise(300 * 1024);
        let message = check_archive_within(&archive, 256 * 1024, u64::MAX).unwrap_err();
        assert!(message.contains("unpacks to more than"), "{message}");
        check_archive_within(&archive, 400 * 1024, u64::MAX).unwrap();
    }

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
                message.contains("(uniqueCount); at most 1000000"),
                "{message}"
            );
        }
        // A plausible count is fine.
        read_contacts_from_bytes(file, &workbook_declaring("40", false), &aliases).unwrap();
    }

    #[test]
    fn references_calamine_cannot_compute_with_are_refused() {
        for sane in [
            "A1",
            "B7",
            "7",
            "A3:F52",
            "XFD1048576",
            "a1:b2",
            "A:A",
            "",
            "R1C1",
        ] {
            assert!(is_sane_reference(sane), "{sane}");
        }
        for absurd in [
            "A12:G4",
            "G4:A12",
            "B1:A1",
            "AAAAAAAAAAAAAAAA1",
            "A99999999999",
            "AAAA1:B2",
        ] {
            assert!(!is_sane_reference(absurd), "{absurd}");
        }
    }

    /// Found by the xlsx fuzz target: `<dimension ref="A12:G4"/>` made calamine subtract with
    /// overflow (a panic in debug builds).
    #[test]
    fn a_reversed_sheet_dimension_is_a_clean_error() {
        let bytes = include_bytes!("../../fuzz/regressions/xlsx-reversed-dimension.xlsx");
        let message = read_meetings_from_bytes(
            Path::new("inputs/2026-11/termine.xlsx"),
            bytes,
            &HeaderAliases::default(),
        )
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect::<String>();
        assert!(message.contains("cell reference \"A12:G4\""), "{message}");
        // The second finding: a cell's r attribute starting with 9 letters.
        let bytes = include_bytes!("../../fuzz/regressions/xlsx-letters-in-cell-reference.xlsx");
        let message = read_meetings_from_bytes(
            Path::new("inputs/2026-11/termine.xlsx"),
            bytes,
            &HeaderAliases::default(),
        )
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect::<String>();
        assert!(message.contains("cell reference \"Etsstelle"), "{message}");
    }

    #[test]
    fn not_a_zip_is_left_to_calamine() {
        check_archive(b"not a zip").unwrap();
        let error =
            read_contacts_from_bytes(Path::new("x.xlsx"), b"not a zip", &HeaderAliases::default())
                .unwrap_err();
        assert!(error.has_errors());
    }
}
