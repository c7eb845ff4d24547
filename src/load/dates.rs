//! Reading meeting dates typed as text in the MPK spreadsheets.
//!
//! Offices write `12.06.2025`, `12.6.25`, `2025-06-12`, ranges such as `12./13.06.2025` or
//! `30.06.–01.07.2025`, and dates followed by a time. [`parse_date_text`] turns such text into
//! a first and last day; anything else (`Herbst 2026`, `tbd`) is `None`, and the caller keeps
//! the row as an open date. Real Excel date cells are handled by the spreadsheet reader.

use chrono::NaiveDate;

/// The days a meeting covers, both inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    /// The first day.
    pub start: NaiveDate,
    /// The last day (the first for a one-day meeting).
    pub end: NaiveDate,
}

/// Longest meeting we believe; a longer "range" is a typo rather than a conference.
const MAX_SPAN_DAYS: i64 = 31;

/// Reads a date or a date range written as text; `None` if it is not one.
pub fn parse_date_text(text: &str) -> Option<DateSpan> {
    let text = strip_time(text.trim());
    if text.is_empty() || text.len() > 64 {
        return None;
    }
    if let Some(date) = parse_iso(text) {
        return Some(DateSpan {
            start: date,
            end: date,
        });
    }
    let normalized = text.replace(['\u{2013}', '\u{2014}', '\u{2012}'], "-");
    let (first, second) = split_range(&normalized)?;
    let end = PartialDate::parse(second.unwrap_or(first))?.complete()?;
    let start = match second {
        None => end,
        Some(_) => PartialDate::parse(first)?.complete_from(end)?,
    };
    let days = (end - start).num_days();
    (0..=MAX_SPAN_DAYS)
        .contains(&days)
        .then_some(DateSpan { start, end })
}

/// Drops a trailing time such as `, 10:00 Uhr` or ` 10:00-12:00`.
fn strip_time(text: &str) -> &str {
    let Some(colon) = text.find(':') else {
        return text;
    };
    let before = &text[..colon];
    let cut = before
        .rfind(|c: char| c == ',' || c.is_whitespace())
        .unwrap_or(0);
    text[..cut].trim_end_matches([',', ' ']).trim()
}

fn parse_iso(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    } else {
        None
    }
}

/// Splits `a/b`, `a-b` or `a - b` into its two ends; a single date gives `(a, None)`.
fn split_range(text: &str) -> Option<(&str, Option<&str>)> {
    let separators = text.match_indices(['/', '-']).count();
    match separators {
        0 => Some((text.trim(), None)),
        1 => {
            let index = text.find(['/', '-'])?;
            let (first, second) = (text[..index].trim(), text[index + 1..].trim());
            let second = second.strip_prefix("bis").map_or(second, str::trim);
            Some((first, Some(second)))
        }
        _ => None,
    }
}

/// `d.`, `d.m.` or `d.m.y`: the first end of a range may leave out month and year.
struct PartialDate {
    day: u32,
    month: Option<u32>,
    year: Option<i32>,
}

impl PartialDate {
    fn parse(text: &str) -> Option<PartialDate> {
        let text = text.trim();
        let parts: Vec<&str> = text.strip_suffix('.').unwrap_or(text).split('.').collect();
        if parts.is_empty() || parts.len() > 3 {
            return None;
        }
        let number = |part: &str, max_len: usize| -> Option<u32> {
            let part = part.trim();
            if part.is_empty() || part.len() > max_len || !part.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            part.parse().ok()
        };
        let day = number(parts[0], 2)?;
        let month = match parts.get(1) {
            Some(part) => Some(number(part, 2)?),
            None => None,
        };
        let year = match parts.get(2) {
            Some(part) => {
                let digits = part.trim().len();
                let value = number(part, 4)? as i32;
                Some(match digits {
                    2 => 2000 + value,
                    4 => value,
                    _ => return None,
                })
            }
            None => None,
        };
        Some(PartialDate { day, month, year })
    }

    fn complete(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month?, self.day)
    }

    /// Fills in what the first end of a range leaves out from its last day. A first end in a
    /// later month than the last (`30.12.–02.01.2027`) lies in the year before.
    fn complete_from(&self, end: NaiveDate) -> Option<NaiveDate> {
        use chrono::Datelike;
        let month = self.month.unwrap_or(end.month());
        let year = match self.year {
            Some(year) => year,
            None if month > end.month() => end.year() - 1,
            None => end.year(),
        };
        NaiveDate::from_ymd_opt(year, month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn span(text: &str) -> Option<(NaiveDate, NaiveDate)> {
        parse_date_text(text).map(|span| (span.start, span.end))
    }

    #[test]
    fn single_dates_in_every_form_of_the_spec() {
        let day = Some((date(2025, 6, 12), date(2025, 6, 12)));
        assert_eq!(span("12.06.2025"), day);
        assert_eq!(span("12.6.2025"), day);
        assert_eq!(span("12.06.25"), day);
        assert_eq!(span("2025-06-12"), day);
        assert_eq!(span(" 12.06.2025 "), day);
        assert_eq!(span("12.06.2025, 10:00 Uhr"), day);
        assert_eq!(span("12.06.2025 10:00-12:00 Uhr"), day);
    }

    #[test]
    fn ranges_in_every_form_of_the_spec() {
        let two_days = Some((date(2025, 6, 12), date(2025, 6, 13)));
        assert_eq!(span("12./13.06.2025"), two_days);
        assert_eq!(span("12.-13.06.2025"), two_days);
        assert_eq!(span("12.–13.06.2025"), two_days);
        let across = Some((date(2025, 6, 30), date(2025, 7, 1)));
        assert_eq!(span("30.06.–01.07.2025"), across);
        assert_eq!(span("30.06.2025 - 01.07.2025"), across);
        assert_eq!(
            span("30.12.-02.01.2027"),
            Some((date(2026, 12, 30), date(2027, 1, 2)))
        );
    }

    #[test]
    fn text_that_is_not_a_date_gives_none() {
        for text in [
            "",
            "Herbst 2026",
            "tbd",
            "n.n.",
            "31.02.2026",
            "13.13.2026",
            "12.06.",
            "14./12.06.2025",
            "01.01.2025-01.03.2025",
            "12.06.202",
            "1.2.3.4",
            "12-13-14",
            "٣.٤.٢٠٢٥",
        ] {
            assert_eq!(span(text), None, "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_are_sane(text in "\\PC{0,40}") {
            if let Some(span) = parse_date_text(&text) {
                proptest::prop_assert!(span.start <= span.end);
                proptest::prop_assert!((span.end - span.start).num_days() <= MAX_SPAN_DAYS);
            }
        }

        #[test]
        fn never_panics_on_date_like_text(text in "[0-9./\\- –:,Uhr]{0,30}") {
            let _ = parse_date_text(&text);
        }

        #[test]
        fn every_written_date_reads_back(days in 0i64..40_000, style in 0usize..4) {
            let day = date(1990, 1, 1) + chrono::Duration::days(days);
            let text = match style {
                0 => day.format("%d.%m.%Y").to_string(),
                1 => day.format("%-d.%-m.%Y").to_string(),
                2 => day.format("%Y-%m-%d").to_string(),
                _ => day.format("%d.%m.%Y, 10:30 Uhr").to_string(),
            };
            proptest::prop_assert_eq!(parse_date_text(&text), Some(DateSpan { start: day, end: day }));
        }
    }
}
