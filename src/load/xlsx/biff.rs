//! The BIFF8 record stream of an `.xls` workbook (its `Workbook` stream, taken from the
//! compound file by `compound`), read the way calamine 0.38 reads it: records, the sheets the
//! globals name, and the rows a sheet marks hidden. `extent` uses the records to hold sheets
//! to the limits; `markup` takes the hidden rows. Reading cell values is calamine's job.

use std::collections::{BTreeSet, HashMap};

/// One BIFF record: its type, data and the data of the CONTINUE records after it (calamine
/// appends those to the record).
pub(super) struct Record<'s> {
    pub(super) kind: u16,
    pub(super) data: &'s [u8],
    pub(super) continues: Vec<&'s [u8]>,
}

/// The records from the start of `stream`, as calamine 0.38 iterates them; a truncated
/// record ends the iteration (calamine stops with an error there).
pub(super) fn records(mut stream: &[u8]) -> impl Iterator<Item = Record<'_>> {
    std::iter::from_fn(move || {
        let header = stream.get(..4)?;
        let kind = u16::from_le_bytes([header[0], header[1]]);
        let len = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let data = stream.get(4..4 + len)?;
        stream = &stream[4 + len..];
        let mut continues = Vec::new();
        while stream.len() > 4 && stream[..2] == [0x3C, 0x00] {
            let len = usize::from(u16::from_le_bytes([stream[2], stream[3]]));
            continues.push(stream.get(4..4 + len)?);
            stream = &stream[4 + len..];
        }
        Some(Record {
            kind,
            data,
            continues,
        })
    })
}

pub(super) fn u16_in(data: &[u8], at: usize) -> u64 {
    data.get(at..at + 2)
        .map_or(0, |b| u64::from(u16::from_le_bytes([b[0], b[1]])))
}

pub(super) fn u32_in(data: &[u8], at: usize) -> u64 {
    data.get(at..at + 4).map_or(0, |b| {
        u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    })
}

/// A BoundSheet8 record's sheet name (an 8-bit length, a flags byte, then Latin-1 or
/// UTF-16 characters), for messages.
pub(super) fn sheet_name(data: &[u8]) -> String {
    let len = usize::from(data.first().copied().unwrap_or(0));
    let wide = data.get(1).is_some_and(|flags| flags & 1 == 1);
    let chars = data.get(2..).unwrap_or_default();
    if wide {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(len)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(len).map(|b| char::from(*b)).collect()
    }
}

/// The 0-based rows each sheet marks hidden (ROW records with fDyZero), by sheet name, up to
/// row `max_row`.
pub(super) fn hidden_rows(stream: &[u8], max_row: u32) -> HashMap<String, BTreeSet<u32>> {
    let mut sheets = Vec::new();
    for record in records(stream) {
        match record.kind {
            0x000A => break, // EOF of the globals
            0x0085 if record.data.len() >= 6 => {
                sheets.push((
                    u32_in(record.data, 0) as usize,
                    sheet_name(&record.data[6..]),
                ));
            }
            _ => {}
        }
    }
    let mut out = HashMap::new();
    for (start, name) in sheets {
        let Some(sheet) = stream.get(start..) else {
            continue;
        };
        let mut hidden = BTreeSet::new();
        for record in records(sheet) {
            match record.kind {
                0x000A => break,
                // ROW: rw at 0, grbit at 12; bit 5 (fDyZero) hides the row.
                0x0208 if record.data.len() >= 14 && u16_in(record.data, 12) & 0x20 != 0 => {
                    let row = u16_in(record.data, 0) as u32;
                    if row < max_row {
                        hidden.insert(row);
                    }
                }
                _ => {}
            }
        }
        out.insert(name, hidden);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::extent::tests::{record, workbook_stream};
    use super::*;

    /// A ROW record for 0-based `row` with the option flags `grbit`.
    fn row(row: u16, grbit: u16) -> Vec<u8> {
        let mut data = row.to_le_bytes().to_vec();
        data.extend([0; 10]);
        data.extend(grbit.to_le_bytes());
        data.extend([0; 2]);
        record(0x0208, &data)
    }

    #[test]
    fn the_rows_a_sheet_hides_are_read_by_sheet() {
        let termine = [row(3, 0x0100), row(6, 0x0120), row(9, 0x0020)].concat();
        let stream = workbook_stream(&[("Termine", termine), ("Leer", Vec::new())]);
        let hidden = hidden_rows(&stream, 8);
        assert_eq!(
            hidden["Termine"],
            BTreeSet::from([6]),
            "row 9 is past the limit"
        );
        assert!(hidden["Leer"].is_empty());
    }
}
