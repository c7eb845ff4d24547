//! When two entries written in different lists or months mean the same thing.
//!
//! Names (of conferences, contact persons, meetings) are the same when they are equal up to
//! case and spacing. A meeting of a conference is the same meeting when its name is the same,
//! or, when it has no name, its days are. Only rules: nothing here looks anything up.

use chrono::NaiveDate;

use super::types::Termin;
use crate::text::fold_whitespace;

/// The form of a name that two spellings of the same name share: case, surrounding and
/// repeated spaces (also line breaks) do not matter.
pub(super) fn name_key(text: &str) -> String {
    fold_whitespace(text).to_lowercase()
}

/// What identifies a meeting within its conference, across lists and months.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MeetingIdentity {
    /// Its name, case and spacing folded.
    Named(String),
    /// A meeting without a name is known by its days.
    Unnamed(MeetingDays),
}

impl MeetingIdentity {
    /// The identity of `termin` within its conference.
    pub fn of(termin: &Termin) -> Self {
        match &termin.sitzung {
            Some(name) => MeetingIdentity::Named(name_key(name)),
            None => MeetingIdentity::Unnamed(MeetingDays::of(termin)),
        }
    }
}

/// When a meeting takes place, in the form two lists are compared in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MeetingDays {
    /// First and last day.
    Span(NaiveDate, NaiveDate),
    /// The text written instead of a date, case and spacing folded.
    Open(String),
    /// Neither days nor a text.
    Unknown,
}

impl MeetingDays {
    /// The days of `termin`.
    pub fn of(termin: &Termin) -> Self {
        match (termin.beginn, termin.ende, &termin.datum_offen) {
            (Some(start), Some(end), _) => MeetingDays::Span(start, end),
            (_, _, Some(text)) => MeetingDays::Open(name_key(text)),
            _ => MeetingDays::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_ignoring_case_and_spaces() {
        assert_eq!(
            name_key("  Ständige  Konferenz\nder INNENMINISTER "),
            "ständige konferenz der innenminister"
        );
    }
}
