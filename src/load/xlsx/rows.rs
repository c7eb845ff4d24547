//! Turning a table's data rows into records: the continuation of a conference from the rows
//! above (merged or blank cells), and a row's cells as text and meeting dates.
//!
//! Records are built by the callers in `mod.rs`; this file only walks rows and reads cells.

use calamine::Data;

use super::cells::{CellText, cell_text, clean_text, is_blank, is_xml_char};
use super::table::Table;
use super::{MeetingDate, SkipReason, SkippedRow};
use crate::diagnostics::{Diagnostics, Location, Place};
use crate::load::dates::{DateSpan, parse_date_text};
use crate::load::headers::Field;

/// One data row of a table, with the conference it belongs to.
pub(super) struct TableRow<'t, 'a> {
    table: &'t Table<'a>,
    cells: &'t [Data],
    row_number: u32,
    /// The conference as written in the row, or continued from the rows above.
    pub(super) conference: String,
}

impl<'a> Table<'a> {
    /// Calls `visit` for every data row that has a conference. Empty rows are skipped and end
    /// the continuation of a conference from the rows above; a row without a conference and
    /// nothing to continue is reported.
    pub(super) fn for_each_row(
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

    /// The cell of `field` as text; `None` when the column is missing or the cell is empty.
    pub(super) fn text(&self, field: Field, diagnostics: &mut Diagnostics) -> Option<String> {
        let (cell, header) = self.cell(field)?;
        let raw = match cell_text(cell) {
            CellText::Empty => return None,
            CellText::Text(text) => text,
            CellText::Error(error) => {
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
