//! One cell as text: calamine's values written as Excel shows them, characters XML cannot
//! carry removed.
//!
//! Pure functions of one cell; where the text goes and what is reported is `rows`' job.

use crate::month::german_date;
use calamine::Data;

/// Whether a cell holds nothing but spaces.
pub(super) fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(text) => text.trim().is_empty(),
        _ => false,
    }
}

/// Removes characters XML cannot carry and trims; keeps line breaks inside the text. The
/// result is NFC: a decomposed `Ko\u{308}hler` (macOS, web forms) becomes `Köhler`.
pub(super) fn clean_text(text: &str) -> String {
    crate::text::nfc(text)
        .chars()
        .filter(|c| is_xml_char(*c))
        .collect::<String>()
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim()
        .to_string()
}

/// Whether XML 1.0 can carry `c`.
pub(super) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
}

/// A cell's value as text, before cleaning.
pub(super) enum CellText {
    /// Nothing in the cell.
    Empty,
    /// The value as Excel shows it (whole numbers without a fraction, dates as `dd.mm.yyyy`,
    /// truth values as `WAHR`/`FALSCH`).
    Text(String),
    /// An Excel error value such as `#DIV/0!`.
    Error(String),
}

/// The value of `cell` as text.
pub(super) fn cell_text(cell: &Data) -> CellText {
    CellText::Text(match cell {
        Data::Empty => return CellText::Empty,
        Data::String(text) => text.clone(),
        Data::Float(value) if value.fract() == 0.0 && value.abs() < 1e15 => {
            format!("{}", *value as i64)
        }
        Data::Float(value) => value.to_string(),
        Data::Int(value) => value.to_string(),
        Data::Bool(value) => if *value { "WAHR" } else { "FALSCH" }.to_string(),
        Data::DateTime(value) => match value.as_datetime() {
            Some(datetime) => german_date(datetime.date()),
            None => value.to_string(),
        },
        Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Error(error) => return CellText::Error(error.to_string()),
    })
}
