//! Turning a table's data rows into records: the continuation of a conference from the rows
//! above (merged or blank cells), and a row's cells as text and meeting dates.
//!
//! Records are built by the callers in `mod.rs`; this file only walks rows and reads cells.

use calamine::Data;
use chrono::Datelike;

use super::cells::{CellText, cell_text, clean_text, is_blank, is_xml_char};
use super::markup::{CellPosition, cell_name};
use super::table::Table;
use super::{HiddenRows, MeetingDate, SkipReason, SkippedRow};
use crate::diagnostics::{Diagnostics, Location, Place};
use crate::load::dates::{DateSpan, overlong_range, parse_date_text, parse_serial, reversed_range};
use crate::load::headers::Field;
use crate::messages::sheets as messages;
use crate::month::german_date;

/// Longest meeting believed; a longer span is a typo in the end (a year too far).
const MAX_MEETING_DAYS: i64 = 14;

/// Words in a meeting's remark that cancel it (compared in lower case, as whole words, with
/// the spellings without umlauts offices type on keyboards without them).
const CANCELLING_WORDS: &[&str] = &[
    "abgesagt",
    "entfällt",
    "entfaellt",
    "fällt aus",
    "faellt aus",
    "abgesetzt",
];

/// Whether `text` (lower case, single spaces) holds `word` as whole words.
fn contains_words(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// One data row of a table, with the conference it belongs to.
pub(super) struct TableRow<'t, 'a> {
    table: &'t Table<'a>,
    cells: &'t [Data],
    row_number: u32,
    /// The conference as written in the row, or continued from the rows above.
    pub(super) conference: String,
}

impl<'a> Table<'a> {
    /// The 0-based sheet position of the cell at `index` (within the range) in Excel row
    /// `row_number`.
    fn position(&self, row_number: u32, index: usize) -> CellPosition {
        (row_number - 1, self.first_column + index as u32)
    }

    /// Calls `visit` for every data row that has a conference. Empty rows are skipped and end
    /// the continuation of a conference from the rows above; a row without a conference and
    /// nothing to continue is reported. Hidden rows are read or left out as `hidden` says,
    /// and named once; columns that hold data without a header are named once.
    pub(super) fn for_each_row(
        &self,
        hidden: HiddenRows,
        diagnostics: &mut Diagnostics,
        skipped: &mut Vec<SkippedRow>,
        mut visit: impl FnMut(&TableRow<'_, 'a>, &mut Diagnostics),
    ) {
        let (conference_column, conference_header) = self
            .column(Field::Conference)
            .expect("tables are only made with a conference column");
        let mut current: Option<String> = None;
        let mut hidden_rows = Vec::new();
        let mut unnamed_columns = std::collections::BTreeSet::new();
        for (offset, cells) in self.range.rows().enumerate().skip(self.data_index) {
            let row_number = self.first_row + offset as u32 + 1;
            let pending = |index: usize| {
                self.markup
                    .formulas_without_result
                    .contains(&self.position(row_number, index))
            };
            if cells
                .iter()
                .enumerate()
                .all(|(index, cell)| is_blank(cell) && !pending(index))
            {
                current = None;
                continue;
            }
            if self.markup.hidden_rows.contains(&(row_number - 1)) {
                hidden_rows.push(row_number.to_string());
                if hidden == HiddenRows::Skip {
                    // The rows below it may still continue the conference it names.
                    if let Some(written) = cells
                        .get(conference_column)
                        .map(|cell| clean_text(&cell.to_string()))
                        .filter(|text| !text.is_empty())
                    {
                        current = Some(written);
                    }
                    continue;
                }
            }
            for (index, cell) in cells.iter().enumerate() {
                if !is_blank(cell) && !self.has_header(index) {
                    unnamed_columns.insert(index);
                }
            }
            if pending(conference_column) {
                let at = Location::row(self.file, &self.sheet, row_number);
                diagnostics.warning(
                    at.clone(),
                    messages::conference_formula_without_result(
                        &cell_name(self.position(row_number, conference_column)),
                        conference_header,
                    ),
                );
                skipped.push(SkippedRow {
                    at,
                    reason: SkipReason::FormulaWithoutResult,
                });
                // The rows below cannot know which conference they continue.
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
                        messages::row_without_conference(conference_header),
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
        let sheet_location = Location::row(
            self.file,
            &self.sheet,
            self.first_row + self.header_index as u32 + 1,
        );
        if !hidden_rows.is_empty() {
            let rows = hidden_rows.join(", ");
            diagnostics.warning(
                sheet_location.clone(),
                match hidden {
                    HiddenRows::Read => messages::hidden_rows_read(&rows),
                    HiddenRows::Skip => messages::hidden_rows_skipped(&rows),
                },
            );
        }
        for index in unnamed_columns {
            let (_, column) = self.position(1, index);
            let letters = cell_name((0, column));
            diagnostics.warning(
                sheet_location.clone(),
                messages::column_without_header(letters.trim_end_matches('1')),
            );
        }
    }
}

impl TableRow<'_, '_> {
    pub(super) fn location(&self) -> Location {
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

    /// The sheet position of the cell of `field`, if the table has the column.
    fn position(&self, field: Field) -> Option<CellPosition> {
        let (index, _) = self.table.column(field)?;
        Some(self.table.position(self.row_number, index))
    }

    /// Whether the table has a column for `field`.
    pub(super) fn has_column(&self, field: Field) -> bool {
        self.table.column(field).is_some()
    }

    /// The hyperlink target of the cell of `field`, if it has one.
    pub(super) fn link(&self, field: Field) -> Option<&str> {
        let position = self.position(field)?;
        self.table.markup.links.get(&position).map(String::as_str)
    }

    /// Whether the cell of `field` is struck through.
    pub(super) fn is_struck(&self, field: Field) -> bool {
        self.position(field)
            .is_some_and(|position| self.table.markup.struck.contains(&position))
    }

    /// Whether every filled cell of the row is struck through.
    pub(super) fn is_row_struck(&self) -> bool {
        let mut filled = self
            .cells
            .iter()
            .enumerate()
            .filter(|(_, cell)| !is_blank(cell))
            .peekable();
        filled.peek().is_some()
            && filled.all(|(index, _)| {
                let position = self.table.position(self.row_number, index);
                self.table.markup.struck.contains(&position)
            })
    }

    /// The name Excel shows for the cell of `field` (`F12`).
    pub(super) fn cell_name(&self, field: Field) -> String {
        self.position(field).map(cell_name).unwrap_or_default()
    }

    /// A warning about the cell of `field`.
    pub(super) fn warn_cell(&self, field: Field, message: String, diagnostics: &mut Diagnostics) {
        let header = self.table.column(field).map_or("", |(_, header)| header);
        diagnostics.warning(self.cell_location(header), message);
    }

    /// The cell of `field` as text; `None` when the column is missing or the cell is empty.
    /// A formula whose result was never stored is reported and counts as empty.
    pub(super) fn text(&self, field: Field, diagnostics: &mut Diagnostics) -> Option<String> {
        let (cell, header) = self.cell(field)?;
        if self.position(field).is_some_and(|position| {
            self.table
                .markup
                .formulas_without_result
                .contains(&position)
        }) {
            diagnostics.warning(
                self.cell_location(header),
                messages::formula_without_result(&self.cell_name(field)),
            );
            return None;
        }
        let raw = match cell_text(cell) {
            CellText::Empty => return None,
            CellText::Text(text) => text,
            CellText::Error(error) => {
                diagnostics.warning(self.cell_location(header), messages::excel_error(&error));
                return None;
            }
        };
        let cleaned = clean_text(&raw);
        if cleaned.chars().count() != raw.trim().chars().count()
            && raw.chars().any(|c| !is_xml_char(c))
        {
            diagnostics.warning(
                self.cell_location(header),
                messages::CONTROL_CHARACTERS_REMOVED,
            );
        }
        (!cleaned.is_empty()).then_some(cleaned)
    }

    /// The words of `remark` that cancel the meeting ("abgesagt", "entfällt", "fällt aus",
    /// "abgesetzt"), with a warning naming the cell, so a false hit ("nicht abgesagt") is seen.
    pub(super) fn cancelling_words(
        &self,
        remark: Option<&str>,
        diagnostics: &mut Diagnostics,
    ) -> Option<String> {
        let folded = crate::text::fold_whitespace(remark?).to_lowercase();
        let word = CANCELLING_WORDS
            .iter()
            .find(|word| contains_words(&folded, word))?;
        self.warn_cell(
            Field::Remark,
            messages::cancelled_in_remark(&self.cell_name(Field::Remark), remark?, word),
            diagnostics,
        );
        Some((*word).to_string())
    }

    pub(super) fn date_header(&self) -> &str {
        self.table
            .column(Field::Date)
            .or_else(|| self.table.column(Field::Begin))
            .map_or("Datum", |(_, header)| header)
    }

    /// The meeting's days from a date column or a begin/end pair; text that is not a date
    /// becomes an open date with a warning.
    pub(super) fn meeting_date(&self, diagnostics: &mut Diagnostics) -> Option<MeetingDate> {
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
                    // An error, not a guess: which of the two is wrong only the office knows.
                    let (_, header) = self.cell(Field::End).expect("end column read above");
                    diagnostics.error(
                        self.cell_location(header),
                        messages::end_before_begin(
                            german_date(end.end),
                            &self.cell_name(Field::End),
                            german_date(span.start),
                            &self.cell_name(Field::Begin),
                        ),
                    );
                }
                Some(MeetingDate::Open(text)) => {
                    let (_, header) = self.cell(Field::End).expect("end column read above");
                    diagnostics
                        .warning(self.cell_location(header), messages::end_not_a_date(&text));
                }
                Some(MeetingDate::Missing) | None => {}
            }
        }
        if (span.end - span.start).num_days() > MAX_MEETING_DAYS {
            // The end was read from the end column, or from the range in the date column.
            let end_field = if begin_field == Field::Begin && self.cell(Field::End).is_some() {
                Field::End
            } else {
                begin_field
            };
            let (_, header) = self.cell(end_field).unwrap_or((&Data::Empty, "Ende"));
            diagnostics.warning(
                self.cell_location(header),
                messages::meeting_too_long(
                    german_date(span.end),
                    MAX_MEETING_DAYS,
                    german_date(span.start),
                ),
            );
            span.end = span.start;
        }
        Some(MeetingDate::Days(span))
    }

    fn date_cell(&self, field: Field, diagnostics: &mut Diagnostics) -> Option<MeetingDate> {
        let (cell, header) = self.cell(field)?;
        match cell {
            Data::Empty => None,
            Data::DateTime(value) => match value.as_datetime() {
                // A stored 0 reads as 31.12.1899: no meeting date.
                Some(datetime) if !(2000..=2100).contains(&datetime.year()) => {
                    diagnostics.warning(
                        self.cell_location(header),
                        messages::implausible_date(german_date(datetime.date())),
                    );
                    Some(MeetingDate::Open(german_date(datetime.date())))
                }
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
                if let Some(span) = parse_date_text(&text) {
                    return Some(MeetingDate::Days(span));
                }
                if let Some((start, end)) = reversed_range(&text) {
                    diagnostics.error(
                        self.cell_location(header),
                        messages::range_end_before_begin(
                            &self.cell_name(field),
                            &text,
                            german_date(end),
                            german_date(start),
                        ),
                    );
                    return Some(MeetingDate::Open(text));
                }
                if let Some(span) = overlong_range(&text) {
                    // Longer than any meeting: `meeting_date` reports it and keeps the first day.
                    return Some(MeetingDate::Days(span));
                }
                if let Some(day) = parse_serial(&text) {
                    diagnostics.warning(
                        self.cell_location(header),
                        messages::serial_number_read_as_date(
                            &self.cell_name(field),
                            &text,
                            german_date(day),
                        ),
                    );
                    return Some(MeetingDate::Days(DateSpan {
                        start: day,
                        end: day,
                    }));
                }
                Some(self.open_date(text, header, diagnostics))
            }
        }
    }

    fn open_date(&self, text: String, header: &str, diagnostics: &mut Diagnostics) -> MeetingDate {
        diagnostics.warning(
            self.cell_location(header),
            messages::open_date(&text, &self.conference),
        );
        MeetingDate::Open(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancelling_words_are_found_as_whole_words() {
        let hit = |text: &str| {
            let folded = crate::text::fold_whitespace(text).to_lowercase();
            CANCELLING_WORDS
                .iter()
                .find(|word| contains_words(&folded, word))
                .copied()
        };
        assert_eq!(hit("Abgesagt."), Some("abgesagt"));
        assert_eq!(hit("Sitzung fällt\naus"), Some("fällt aus"));
        assert_eq!(hit("entfaellt wegen Wahl"), Some("entfaellt"));
        assert_eq!(hit("vom Plan abgesetzt"), Some("abgesetzt"));
        // A false hit stays possible; the warning names the cell.
        assert_eq!(hit("nicht abgesagt"), Some("abgesagt"));
        assert_eq!(hit("Ausfall möglich"), None);
        assert_eq!(hit("abgesagte Vorbesprechung am Vortag"), None);
        assert_eq!(hit("mit Presse"), None);
    }
}
