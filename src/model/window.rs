//! The date windows of a month's documents: which meetings are upcoming and which decisions
//! are recent, seen from the reference date.
//!
//! A plain value the caller builds from its settings, so the model does not depend on the
//! configuration.

use chrono::{Months, NaiveDate};

use crate::load::dates::DateSpan;

/// The reference date and how far the documents look ahead and back from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The reference date ("Stand") of all documents.
    pub stand: NaiveDate,
    /// Meetings are listed up to this many months after `stand`.
    pub meeting_months: u32,
    /// Decisions are listed from this many months before `stand`.
    pub decision_months: u32,
}

impl Window {
    /// Whether a meeting on `span` is upcoming: not over before `stand` and not beginning
    /// after the horizon.
    pub fn is_upcoming(&self, span: &DateSpan) -> bool {
        span.end >= self.stand && span.start <= self.horizon()
    }

    /// Whether a decision of `day` is recent: within the window up to and including `stand`.
    pub fn is_recent(&self, day: NaiveDate) -> bool {
        let from = self
            .stand
            .checked_sub_months(Months::new(self.decision_months))
            .unwrap_or(NaiveDate::MIN);
        day >= from && day <= self.stand
    }

    fn horizon(&self) -> NaiveDate {
        self.stand
            .checked_add_months(Months::new(self.meeting_months))
            .unwrap_or(NaiveDate::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn windows_include_both_ends() {
        let window = Window {
            stand: day("2026-11-28"),
            meeting_months: 12,
            decision_months: 12,
        };
        let span = |start, end| DateSpan {
            start: day(start),
            end: day(end),
        };
        assert!(window.is_upcoming(&span("2026-11-27", "2026-11-28")));
        assert!(window.is_upcoming(&span("2027-11-28", "2027-11-29")));
        assert!(!window.is_upcoming(&span("2026-11-26", "2026-11-27")));
        assert!(!window.is_upcoming(&span("2027-11-29", "2027-11-29")));
        assert!(window.is_recent(day("2025-11-28")));
        assert!(window.is_recent(day("2026-11-28")));
        assert!(!window.is_recent(day("2025-11-27")));
        assert!(!window.is_recent(day("2026-11-29")));
    }
}
