//! How much calamine 0.38 will lay out in memory for the sheets of an `.xls` (its BIFF
//! records) or an `.ods` (its `content.xml`), worked out before calamine reads them and held
//! to the limits `sheet` applies to every format. calamine builds every sheet of these
//! formats whole when it opens the workbook: a sheet's range spans from its first to its last
//! cell, so two cells far apart in a few bytes (an `.xls` cell in column 65 536, an `.ods`
//! row repeated a million times) would make it fill gigabytes before any limit of ours runs.
//!
//! Only refuses, with the messages `sheet` uses for a sheet read cell by cell; reading the
//! cells is calamine's job, and records this pass does not understand are left to it.

use std::io::Read;

use super::biff::{Record, records, sheet_name, u16_in, u32_in};
use super::limits::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_TEXT_BYTES, MAX_TEXT_MIB};
use crate::messages::sheets as messages;

/// First and last (0-based) row and column of some cells, if there are any.
type Bounds = Option<((u64, u64), (u64, u64))>;

/// The cells of one sheet as calamine will hold them.
#[derive(Debug, Default)]
struct SheetExtent {
    /// First and last (0-based) row and column of the values.
    values: Bounds,
    /// The same for the formulas (calamine lays them out as a second range).
    formulas: Bounds,
    /// Cells calamine collects before laying them out (and the room it reserves for them).
    collected: u64,
}

impl SheetExtent {
    fn add(bounds: &mut Bounds, first: (u64, u64), last: (u64, u64)) {
        let (low, high) = bounds.get_or_insert((first, last));
        *low = (low.0.min(first.0), low.1.min(first.1));
        *high = (high.0.max(last.0), high.1.max(last.1));
    }

    fn area(bounds: Bounds) -> u64 {
        bounds.map_or(0, |(low, high)| {
            (high.0 - low.0 + 1).saturating_mul(high.1 - low.1 + 1)
        })
    }

    /// The cells of both ranges together.
    fn laid_out(&self) -> u64 {
        Self::area(self.values).saturating_add(Self::area(self.formulas))
    }

    /// Refuses the sheet `name` beyond the limits of rows, columns and cells.
    fn check(&self, name: &str) -> Result<(), String> {
        for (_, high) in [self.values, self.formulas].into_iter().flatten() {
            if high.0 >= u64::from(MAX_ROWS) {
                return Err(messages::too_many_rows(name, high.0 + 1, MAX_ROWS));
            }
            if high.1 >= u64::from(MAX_COLUMNS) {
                return Err(messages::too_many_columns(name, high.1 + 1, MAX_COLUMNS));
            }
        }
        if Self::area(self.values) > MAX_CELLS
            || Self::area(self.formulas) > MAX_CELLS
            || self.collected > MAX_CELLS
        {
            return Err(messages::too_many_cells(name, MAX_CELLS));
        }
        Ok(())
    }
}

/// Sums the sheets: calamine holds all of them at once.
#[derive(Default)]
struct Workbook {
    laid_out: u64,
}

impl Workbook {
    fn add(&mut self, name: &str, sheet: &SheetExtent) -> Result<(), String> {
        sheet.check(name)?;
        self.laid_out = self.laid_out.saturating_add(sheet.laid_out());
        if self.laid_out > MAX_CELLS {
            return Err(messages::workbook_too_many_cells(name, MAX_CELLS));
        }
        Ok(())
    }
}

/// Refuses an `.xls` workbook stream (`Workbook` or `Book`) with a sheet beyond the limits:
/// its cells' positions (each record names its row and column, up to 65 536 columns although
/// Excel writes 256), and the room its DIMENSIONS record makes calamine reserve.
pub(super) fn check_xls(stream: &[u8]) -> Result<(), String> {
    // The sheets: BoundSheet8 records of the globals, each naming where its sheet starts;
    // and the length of each shared string, which calamine copies into every cell using it.
    let mut sheets = Vec::new();
    let mut shared_strings = Vec::new();
    for record in records(stream) {
        match record.kind {
            0x00FC => shared_strings = shared_string_lengths(&record),
            0x000A => break,                                        // EOF
            0x002F if u16_in(record.data, 0) != 0 => return Ok(()), // encrypted: calamine says so
            0x0085 if record.data.len() >= 6 => {
                let name = sheet_name(&record.data[6..]);
                sheets.push((u32_in(record.data, 0) as usize, name));
            }
            _ => {}
        }
    }
    let mut workbook = Workbook::default();
    let mut text_bytes: u64 = 0;
    for (start, name) in sheets {
        // calamine fails on a sheet that starts beyond the stream; so does nothing here.
        let Some(sheet) = stream.get(start..) else {
            continue;
        };
        let (extent, shared_text) = xls_sheet_extent(sheet, &shared_strings);
        text_bytes = text_bytes.saturating_add(shared_text);
        close_sheet(&name, &extent, &mut workbook, text_bytes)?;
    }
    Ok(())
}

/// The most bytes each string of an SST record can take once decoded (3 per character), as
/// calamine 0.38 walks the record and its CONTINUE records; a string cut short ends the list.
fn shared_string_lengths<'s>(record: &Record<'s>) -> Vec<u64> {
    let mut chunks = std::iter::once(record.data.get(8..).unwrap_or_default())
        .chain(record.continues.iter().copied());
    let mut data: &'s [u8] = chunks.next().unwrap_or_default();
    let mut lengths = Vec::new();
    // Moves on to the next CONTINUE record, as calamine does when a chunk runs out.
    let mut next_chunk = |data: &mut &'s [u8]| match chunks.next() {
        Some(chunk) => {
            *data = chunk;
            true
        }
        None => false,
    };
    while !data.is_empty() || next_chunk(&mut data) {
        if data.is_empty() {
            lengths.push(0);
            continue;
        }
        let Some(&[low, high, flags]) = data.get(..3) else {
            break;
        };
        let characters = u64::from(u16::from_le_bytes([low, high]));
        data = &data[3..];
        let mut skip = 0u64;
        if flags & 0x8 != 0 {
            skip += 4 * u16_in(data, 0);
            data = data.get(2..).unwrap_or_default();
        }
        if flags & 0x4 != 0 {
            skip += u32_in(data, 0);
            data = data.get(4..).unwrap_or_default();
        }
        let (mut left, mut wide) = (characters, flags & 1 != 0);
        while left > 0 {
            let width = if wide { 2 } else { 1 };
            let here = left.min(data.len() as u64 / width);
            data = &data[(here * width) as usize..];
            left -= here;
            if left > 0 {
                if !next_chunk(&mut data) || data.is_empty() {
                    return lengths;
                }
                wide = data[0] & 1 != 0;
                data = &data[1..];
            }
        }
        lengths.push(3 * characters);
        while skip > 0 {
            if data.is_empty() && !next_chunk(&mut data) {
                return lengths;
            }
            let here = skip.min(data.len() as u64);
            data = &data[here as usize..];
            skip -= here;
        }
    }
    lengths
}

/// What calamine collects from the records of one sheet substream, and the bytes of shared
/// strings (their lengths in `shared_strings`) it copies into the sheet's cells.
fn xls_sheet_extent(sheet: &[u8], shared_strings: &[u64]) -> (SheetExtent, u64) {
    fn cell(extent: &mut SheetExtent, row: u64, first: u64, last: u64) {
        SheetExtent::add(&mut extent.values, (row, first), (row, last));
        extent.collected += last - first + 1;
    }
    let mut extent = SheetExtent::default();
    let mut formula_at = (0, 0);
    let mut shared_text: u64 = 0;
    let (mut seen_bof, mut depth) = (false, 0usize);
    for Record { kind, data, .. } in records(sheet) {
        // Embedded charts are substreams of their own; calamine skips their records.
        if depth > 0 {
            match kind {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let (row, column) = (u16_in(data, 0), u16_in(data, 2));
        match kind {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            0x0200 => {
                let reserved = xls_dimensions(data);
                extent.collected = extent.collected.max(reserved);
            }
            // Number, Label, RString, BoolErr, RK, LabelSst: one cell each.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD if data.len() >= 4 => {
                cell(&mut extent, row, column, column);
                if kind == 0x00FD {
                    let index = u32_in(data, 6) as usize;
                    let bytes = shared_strings.get(index).copied().unwrap_or(0);
                    shared_text = shared_text.saturating_add(bytes);
                }
            }
            // The text result of the formula before it.
            0x0207 => {
                let (row, column) = formula_at;
                cell(&mut extent, row, column, column);
            }
            // MulRk: a run of numbers in one row.
            0x00BD if data.len() >= 12 => {
                let count = (data.len() as u64 - 6) / 6;
                cell(&mut extent, row, column, column + count - 1);
            }
            0x0006 if data.len() >= 20 => {
                formula_at = (row, column);
                cell(&mut extent, row, column, column);
                SheetExtent::add(&mut extent.formulas, (row, column), (row, column));
                extent.collected += 1;
            }
            _ => {}
        }
    }
    (extent, shared_text)
}

/// The cells calamine reserves room for on a DIMENSIONS record (its arithmetic, which wraps
/// in a release build for a last row before the first).
fn xls_dimensions(data: &[u8]) -> u64 {
    let (first_row, last_row, mut first_column, last_column) = match data.len() {
        10 => (
            u16_in(data, 0),
            u16_in(data, 2),
            u16_in(data, 4),
            u16_in(data, 6),
        ),
        14 | 16 => (
            u32_in(data, 0),
            u32_in(data, 4),
            u16_in(data, 8),
            u16_in(data, 10),
        ),
        _ => return 0,
    };
    if first_column > 0xFF || last_column < first_column {
        first_column = 0;
    }
    if last_row == 0 || last_column == 0 {
        return 1;
    }
    let span =
        |first: u64, last: u64| u64::from(((last - 1) as u32).wrapping_sub(first as u32)) + 1;
    span(first_row, last_row).saturating_mul(span(first_column, last_column))
}

/// calamine's own caps for an `.ods` sheet: repeats beyond them are cut off.
const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLUMNS: u64 = 16_384;

/// An XML reader as lenient as calamine's (no end-name or comment checks, text untrimmed,
/// empty elements as start and end), so no trick gets past one reader and not the other.
pub(super) fn calamine_xml_reader<R: Read>(source: R) -> quick_xml::Reader<std::io::BufReader<R>> {
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(source));
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    reader
}

/// Refuses an `.ods` `content.xml` with a sheet beyond the limits, counting its cells with
/// their repeats (`table:number-rows-repeated`, `table:number-columns-repeated`) as calamine
/// will lay them out, and the text those repeats copy. XML that is not well-formed is left to
/// calamine.
pub(super) fn check_ods(content: impl Read) -> Result<(), String> {
    use quick_xml::events::Event;
    let mut reader = calamine_xml_reader(content);
    let mut buffer = Vec::new();
    let mut workbook = Workbook::default();
    let mut text_bytes: u64 = 0;
    // The sheet being read: its name, extent and next row.
    let mut sheet: Option<(String, SheetExtent, u64)> = None;
    // The row being read: its repeats, columns so far, first and end of its data, its text.
    let mut row: Option<OdsRow> = None;
    // The cell being read, and how deep inside it the reader is: a cell may hold elements,
    // even a whole `table:table`, whose end tags must not end the cell's row or sheet
    // (calamine skips a cell's content whole).
    let mut cell: Option<OdsCell> = None;
    let mut depth_in_cell = 0usize;
    loop {
        buffer.clear();
        let Ok(event) = reader.read_event_into(&mut buffer) else {
            break;
        };
        match event {
            Event::Eof => break,
            Event::Start(element) => match element.name().as_ref() {
                "table:table" if sheet.is_none() => {
                    let name = attribute(&element, "table:name").unwrap_or_default();
                    sheet = Some((name, SheetExtent::default(), 0));
                }
                "table:table-row" if sheet.is_some() && row.is_none() => {
                    let repeats = count(&element, "table:number-rows-repeated")?;
                    row = Some(OdsRow {
                        repeats,
                        ..OdsRow::default()
                    });
                }
                "table:table-cell" | "table:covered-table-cell"
                    if row.is_some() && cell.is_none() =>
                {
                    let repeats = count(&element, "table:number-columns-repeated")?;
                    let mut next = OdsCell {
                        repeats,
                        ..OdsCell::default()
                    };
                    for attribute in element.attributes().flatten() {
                        next.text += attribute.value.len() as u64;
                        match attribute.key.as_ref() {
                            "office:value-type" => next.valued = true,
                            "table:formula" => (next.valued, next.formula) = (true, true),
                            _ => {}
                        }
                    }
                    cell = Some(next);
                }
                // Anything inside a cell (a paragraph, a link) may make it a value; `text:s`
                // stands for `text:c` spaces, which calamine writes out.
                name => {
                    if let Some(cell) = cell.as_mut() {
                        cell.valued = true;
                        depth_in_cell += 1;
                        let characters = match name {
                            "text:s" => count(&element, "text:c")?,
                            "text:tab" | "text:line-break" => 1,
                            _ => 0,
                        };
                        cell.text = cell.text.saturating_add(characters);
                    }
                }
            },
            Event::Text(text) => {
                if let Some(cell) = cell.as_mut() {
                    cell.valued = true;
                    cell.text += text.len() as u64;
                }
            }
            Event::CData(text) => {
                if let Some(cell) = cell.as_mut() {
                    cell.valued = true;
                    cell.text += text.len() as u64;
                }
            }
            Event::End(_) if cell.is_some() && depth_in_cell > 0 => depth_in_cell -= 1,
            Event::End(element) => match element.name().as_ref() {
                "table:table-cell" | "table:covered-table-cell" => {
                    if let (Some(done), Some(row)) = (cell.take(), row.as_mut()) {
                        let repeats = done.repeats.min(ODS_MAX_COLUMNS - row.columns);
                        let columns = (row.columns, row.columns + repeats);
                        if done.valued && repeats > 0 {
                            row.first.get_or_insert(columns.0);
                            row.end = columns.1;
                            row.text = row.text.saturating_add(done.text.saturating_mul(repeats));
                        }
                        if done.formula && repeats > 0 {
                            let (first, _) = row.formulas.get_or_insert(columns);
                            row.formulas = Some((*first, columns.1));
                        }
                        row.columns = columns.1;
                    }
                }
                "table:table-row" => {
                    if let (Some(done), Some((_, extent, next_row))) = (row.take(), sheet.as_mut())
                    {
                        close_ods_row(done, extent, next_row, &mut text_bytes);
                    }
                }
                "table:table" => {
                    if let Some((name, extent, _)) = sheet.take() {
                        close_sheet(&name, &extent, &mut workbook, text_bytes)?;
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    // The XML ends, turns unreadable (a damaged part) or holds what calamine fails on inside
    // a sheet: calamine has collected that sheet's rows so far before it stops.
    if let Some((name, mut extent, mut next_row)) = sheet.take() {
        if let Some(done) = row.take() {
            close_ods_row(done, &mut extent, &mut next_row, &mut text_bytes);
        }
        close_sheet(&name, &extent, &mut workbook, text_bytes)?;
    }
    Ok(())
}

/// Adds a finished (or cut-off) row to its sheet's extent; `next_row` is the sheet's next
/// row number, `text_bytes` the workbook's text so far.
fn close_ods_row(done: OdsRow, extent: &mut SheetExtent, next_row: &mut u64, text_bytes: &mut u64) {
    let repeats = done.repeats.min(ODS_MAX_ROWS - *next_row);
    if let Some(first) = done.first {
        let rows = (*next_row, *next_row + repeats.max(1) - 1);
        SheetExtent::add(&mut extent.values, (rows.0, first), (rows.1, done.end - 1));
        if let Some((first, end)) = done.formulas {
            SheetExtent::add(&mut extent.formulas, (rows.0, first), (rows.1, end - 1));
        }
        *text_bytes = text_bytes.saturating_add(done.text.saturating_mul(1 + repeats));
    }
    // calamine collects a row's cells up to its last value, once, and a value and a formula
    // text for each.
    extent.collected += 2 * done.end;
    *next_row += repeats;
}

/// Checks a sheet (of an `.xls` or an `.ods`) and the workbook's text so far.
fn close_sheet(
    name: &str,
    extent: &SheetExtent,
    workbook: &mut Workbook,
    text_bytes: u64,
) -> Result<(), String> {
    workbook.add(name, extent)?;
    if text_bytes > MAX_TEXT_BYTES {
        return Err(messages::too_much_text(name, MAX_TEXT_MIB));
    }
    Ok(())
}

/// One `table:table-row` of an `.ods` as [`check_ods`] counts it.
#[derive(Default)]
struct OdsRow {
    repeats: u64,
    /// Columns so far, repeats included.
    columns: u64,
    /// First column with a value.
    first: Option<u64>,
    /// One past the last column with a value.
    end: u64,
    /// Bytes of text of the row's cells, column repeats included.
    text: u64,
    /// First column and one past the last with a formula.
    formulas: Option<(u64, u64)>,
}

/// One `table:table-cell` of an `.ods` as [`check_ods`] counts it.
#[derive(Default)]
struct OdsCell {
    repeats: u64,
    /// Whether it holds a value (a type, a formula, or any content).
    valued: bool,
    formula: bool,
    /// Bytes of its attributes and text.
    text: u64,
}

/// An attribute's value with character references resolved, as calamine reads it.
fn attribute(element: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    let value = element.try_get_attribute(name).ok().flatten()?;
    let raw = value.value.to_string();
    Some(match quick_xml::escape::unescape(&raw) {
        Ok(text) => text.into_owned(),
        Err(_) => raw,
    })
}

/// A repeat or space count (1 when absent). One that is no number is refused: calamine fails
/// on it or reads it otherwise, and a count the guard cannot read is a count it cannot hold
/// to the limits.
fn count(element: &quick_xml::events::BytesStart<'_>, name: &str) -> Result<u64, String> {
    match attribute(element, name) {
        None => Ok(1),
        Some(value) => value
            .trim()
            .parse()
            .map_err(|_| messages::ods_count_unreadable(name, &value)),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// One BIFF8 record.
    pub(crate) fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut out = kind.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    /// A Number record (0x0203) at 0-based `row` and `column`.
    pub(crate) fn number(row: u16, column: u16, value: f64) -> Vec<u8> {
        let mut data = row.to_le_bytes().to_vec();
        data.extend(column.to_le_bytes());
        data.extend(15u16.to_le_bytes()); // the default cell format
        data.extend(value.to_le_bytes());
        record(0x0203, &data)
    }

    /// A Label record (0x0204) with Latin-1 `text`.
    pub(crate) fn label(row: u16, column: u16, text: &str) -> Vec<u8> {
        let mut data = row.to_le_bytes().to_vec();
        data.extend(column.to_le_bytes());
        data.extend(15u16.to_le_bytes());
        data.extend((text.len() as u16).to_le_bytes());
        data.push(0);
        data.extend(text.bytes());
        record(0x0204, &data)
    }

    /// A DIMENSIONS record (BIFF8) for rows `first..last` and columns `first..last` (ends
    /// exclusive, as the record stores them).
    pub(crate) fn dimensions(rows: (u32, u32), columns: (u16, u16)) -> Vec<u8> {
        let mut data = rows.0.to_le_bytes().to_vec();
        data.extend(rows.1.to_le_bytes());
        data.extend(columns.0.to_le_bytes());
        data.extend(columns.1.to_le_bytes());
        data.extend([0, 0]);
        record(0x0200, &data)
    }

    /// A BIFF8 workbook stream with one sheet per entry of `sheets`, each made of the given
    /// records (between its BOF and EOF).
    pub(crate) fn workbook_stream(sheets: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let bof = |kind: u16| {
            let mut data = 0x0600u16.to_le_bytes().to_vec();
            data.extend(kind.to_le_bytes());
            data.extend([0; 12]);
            record(0x0809, &data)
        };
        let bound_sheet = |position: u32, name: &str| {
            let mut data = position.to_le_bytes().to_vec();
            data.extend([0, 0, name.len() as u8, 0]);
            data.extend(name.bytes());
            record(0x0085, &data)
        };
        let globals_len = |positions: &[u32]| {
            let mut globals = bof(0x0005);
            for (position, (name, _)) in positions.iter().zip(sheets) {
                globals.extend(bound_sheet(*position, name));
            }
            globals.extend(record(0x000A, &[]));
            globals
        };
        // The positions depend on the globals' length, which does not depend on them.
        let length = globals_len(&vec![0; sheets.len()]).len() as u32;
        let mut bodies = Vec::new();
        let mut positions = Vec::new();
        for (_, records) in sheets {
            positions.push(length + bodies.len() as u32);
            bodies.extend(bof(0x0010));
            bodies.extend(records);
            bodies.extend(record(0x000A, &[]));
        }
        let mut stream = globals_len(&positions);
        stream.extend(bodies);
        stream
    }

    #[test]
    fn an_xls_sheet_within_the_limits_passes() {
        let cells = [label(0, 0, "Konferenz"), number(300, 20, 1.0)].concat();
        let stream = workbook_stream(&[("Termine", cells)]);
        check_xls(&stream).unwrap();
    }

    #[test]
    fn an_xls_cell_far_out_is_refused_naming_the_sheet() {
        let cells = [number(0, 0, 1.0), number(10, 65_000, 1.0)].concat();
        let stream = workbook_stream(&[("Termine", vec![]), ("Weit", cells)]);
        let error = check_xls(&stream).unwrap_err();
        assert!(
            error.contains("„Weit“ hat Daten in Spalte 65001"),
            "{error}"
        );
        // 65 536 rows of 256 columns: within the column limit, but 16 million cells.
        let cells = [number(0, 0, 1.0), number(65_535, 255, 1.0)].concat();
        let error = check_xls(&workbook_stream(&[("Termine", cells)])).unwrap_err();
        assert!(error.contains("mehr als 5000000 Zellen"), "{error}");
    }

    #[test]
    fn an_absurd_xls_dimensions_record_is_refused() {
        let stream = workbook_stream(&[("Termine", dimensions((0, u32::MAX), (0, 200)))]);
        let error = check_xls(&stream).unwrap_err();
        assert!(error.contains("„Termine“ umfasst mehr als"), "{error}");
        // A last row before the first wraps around in calamine's arithmetic.
        let stream = workbook_stream(&[("Termine", dimensions((10, 5), (0, 3)))]);
        assert!(check_xls(&stream).is_err());
        // The dimensions of a real list pass.
        let stream = workbook_stream(&[("Termine", dimensions((0, 400), (0, 12)))]);
        check_xls(&stream).unwrap();
    }

    #[test]
    fn the_sheets_of_an_xls_together_are_limited() {
        // Each sheet alone is within the limits; calamine holds all of them at once.
        let cells = [number(0, 0, 1.0), number(9_999, 199, 1.0)].concat();
        let sheets: Vec<(&str, Vec<u8>)> = ["A", "B", "C"]
            .into_iter()
            .map(|name| (name, cells.clone()))
            .collect();
        check_xls(&workbook_stream(&sheets[..2])).unwrap();
        let error = check_xls(&workbook_stream(&sheets)).unwrap_err();
        assert!(error.contains("Blatt „C“"), "{error}");
    }

    #[test]
    fn an_xls_sheet_starting_beyond_the_stream_is_left_to_calamine() {
        let mut stream = workbook_stream(&[("Termine", vec![])]);
        stream.truncate(40);
        check_xls(&stream).unwrap();
    }

    /// A LabelSst record (0x00FD): the shared string `index` at `row`, `column`.
    pub(crate) fn label_sst(row: u16, column: u16, index: u32) -> Vec<u8> {
        let mut data = row.to_le_bytes().to_vec();
        data.extend(column.to_le_bytes());
        data.extend(15u16.to_le_bytes());
        data.extend(index.to_le_bytes());
        record(0x00FD, &data)
    }

    /// An SST record with `texts` (8-bit characters); with `split`, the first text breaks
    /// off in its middle and the rest follows in a CONTINUE record (which starts with the
    /// text's flags byte again).
    pub(crate) fn shared_strings(texts: &[&str], split: bool) -> Vec<u8> {
        let mut data = (texts.len() as u32).to_le_bytes().to_vec();
        data.extend((texts.len() as u32).to_le_bytes());
        let mut rest = Vec::new();
        for (index, text) in texts.iter().enumerate() {
            let part = if index == 0 || !split {
                &mut data
            } else {
                &mut rest
            };
            part.extend((text.len() as u16).to_le_bytes());
            part.push(0);
            if index == 0 && split {
                let (first, second) = text.split_at(text.len() / 2);
                data.extend(first.bytes());
                rest.push(0);
                rest.extend(second.bytes());
            } else {
                part.extend(text.bytes());
            }
        }
        let mut out = record(0x00FC, &data);
        if split {
            out.extend(record(0x003C, &rest));
        }
        out
    }

    #[test]
    fn shared_string_lengths_follow_continue_records() {
        for split in [false, true] {
            let sst = shared_strings(&["Konferenz", "", "IMK"], split);
            let record = records(&sst).next().unwrap();
            assert_eq!(shared_string_lengths(&record), [27, 0, 9], "split {split}");
        }
    }

    #[test]
    fn a_shared_string_copied_into_many_xls_cells_is_refused() {
        let long = "x".repeat(60_000);
        let cells: Vec<u8> = (0..400).flat_map(|row| label_sst(row, 3, 0)).collect();
        let mut stream = workbook_stream(&[("Termine", cells)]);
        // The SST belongs to the globals: after their BOF (20 bytes), moving the sheet.
        let sst = shared_strings(&[&long], true);
        let position = u32::from_le_bytes(stream[24..28].try_into().unwrap());
        stream[24..28].copy_from_slice(&(position + sst.len() as u32).to_le_bytes());
        stream.splice(20..20, sst);
        let error = check_xls(&stream).unwrap_err();
        assert!(
            error.contains("MiB Text (bis zum Blatt „Termine“)"),
            "{error}"
        );
    }

    /// A `content.xml` with one table `name` made of `rows`.
    pub(crate) fn ods_content(name: &str, rows: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?><office:document-content><office:body><office:spreadsheet>\
             <table:table table:name=\"{name}\">{rows}</table:table>\
             </office:spreadsheet></office:body></office:document-content>"
        )
    }

    #[test]
    fn an_ods_within_the_limits_passes_with_its_empty_repeats() {
        // How LibreOffice writes the empty rest of a sheet.
        let rows = "<table:table-row><table:table-cell office:value-type=\"string\">\
            <text:p>Konferenz</text:p></table:table-cell>\
            <table:table-cell table:number-columns-repeated=\"16383\"/></table:table-row>\
            <table:table-row table:number-rows-repeated=\"1048575\">\
            <table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>";
        check_ods(ods_content("Termine", rows).as_bytes()).unwrap();
    }

    #[test]
    fn ods_repeats_beyond_the_limits_are_refused() {
        let value = "<table:table-cell office:value-type=\"float\" office:value=\"1\"";
        let cases = [
            (
                format!(
                    "<table:table-row table:number-rows-repeated=\"200000\">{value}/></table:table-row>"
                ),
                "hat Daten in Zeile 200000",
            ),
            (
                format!(
                    "<table:table-row><table:table-cell table:number-columns-repeated=\"2000\"/>{value}/></table:table-row>"
                ),
                "hat Daten in Spalte 2001",
            ),
            (
                format!(
                    "<table:table-row table:number-rows-repeated=\"90000\">{value} table:number-columns-repeated=\"900\"/></table:table-row>"
                ),
                "mehr als 5000000 Zellen",
            ),
        ];
        for (rows, expected) in cases {
            let error = check_ods(ods_content("Termine", &rows).as_bytes()).unwrap_err();
            assert!(error.contains("„Termine“"), "{error}");
            assert!(error.contains(expected), "{error}");
        }
    }

    #[test]
    fn ods_tricks_that_hid_repeats_from_the_guard_are_refused() {
        let wide = "<table:table-cell office:value-type=\"float\" office:value=\"1\" \
                    table:number-columns-repeated=\"16000\"/>";
        let cases = [
            // A table inside a cell: its end tags are the cell's content, not the sheet's end.
            (
                format!(
                    "<table:table-row><table:table-cell office:value-type=\"float\"><table:table/>\
                     </table:table-cell></table:table-row><table:table-row>{wide}</table:table-row>"
                ),
                "hat Daten in Spalte 16000",
            ),
            // A character reference in a count: calamine resolves it.
            (
                "<table:table-row table:number-rows-repeated=\"&#50;00000\">\
                 <table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>"
                    .to_string(),
                "hat Daten in Zeile 200000",
            ),
            // A count that is no number.
            (
                "<table:table-row table:number-rows-repeated=\"viele\"/>".to_string(),
                "keine Zahl",
            ),
            // text:s stands for text:c spaces, which calamine writes into the cell.
            (
                "<table:table-row><table:table-cell office:value-type=\"string\">\
                 <text:p><text:s text:c=\"200000000\"/></text:p></table:table-cell></table:table-row>"
                    .to_string(),
                "mehr als 64 MiB Text",
            ),
        ];
        for (rows, expected) in cases {
            let error = check_ods(ods_content("Termine", &rows).as_bytes()).unwrap_err();
            assert!(error.contains(expected), "{expected}: {error}");
        }
    }

    #[test]
    fn ods_text_copied_by_repeats_is_limited() {
        let text = "x".repeat(100_000);
        let rows = format!(
            "<table:table-row table:number-rows-repeated=\"900\">\
             <table:table-cell office:value-type=\"string\" table:number-columns-repeated=\"900\">\
             <text:p>{text}</text:p></table:table-cell></table:table-row>"
        );
        let error = check_ods(ods_content("Termine", &rows).as_bytes()).unwrap_err();
        assert!(error.contains("MiB Text"), "{error}");
    }
}
