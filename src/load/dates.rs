//! Reading meeting dates typed as text in the MPK spreadsheets.
//!
//! Offices write `12.06.2025`, `12.6.25`, `2025-06-12`, `2026-12-10T10:00`, ranges such as
//! `12./13.06.2025`, `30.06.–01.07.2025` or `10.12.2026 bis 11.12.2026`, month names
//! (`10. Dezember 2026`, `10. Dez. 2026`), a weekday in front (`Do., 10.12.2026`) and times
//! anywhere (`10.12.2026 10:00 - 11.12.2026 12:00`). [`parse_date_text`] turns such text into a
//! first and last day; anything else (`Herbst 2026`, `tbd`) is `None`, and the caller keeps the
//! row as an open date. [`open_month`] finds the month of an open date such as `Dezember 2026`
//! so it can be sorted, and [`parse_serial`] reads an Excel day number typed into a date
//! column. Real Excel date cells are handled by the spreadsheet reader.

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
    parse_span(text).filter(|span| (span.end - span.start).num_days() <= MAX_SPAN_DAYS)
}

/// A range written as text that is longer than any meeting (`13.10.2027 - 14.10.2028`):
/// both days, so the caller can report it (most likely the year of the end is wrong) rather
/// than take the text for no date at all.
pub fn overlong_range(text: &str) -> Option<DateSpan> {
    parse_span(text).filter(|span| (span.end - span.start).num_days() > MAX_SPAN_DAYS)
}

/// A date or a range of any length, its end not before its start.
fn parse_span(text: &str) -> Option<DateSpan> {
    if text.len() > 64 {
        return None;
    }
    let normalized = normalize(text);
    let text = normalized.as_str();
    if text.is_empty() {
        return None;
    }
    if let Some(date) = parse_iso(text) {
        return Some(DateSpan {
            start: date,
            end: date,
        });
    }
    let (first, second) = split_range(text)?;
    let end = PartialDate::parse(second.unwrap_or(first))?.complete()?;
    let start = match second {
        None => end,
        Some(_) => PartialDate::parse(first)?.complete_from(end)?,
    };
    (end >= start).then_some(DateSpan { start, end })
}

/// A range written with its end before its start (`11.12.2026 - 10.12.2026`,
/// `14./12.06.2025`): both days, so the caller can report it rather than guess which is wrong.
pub fn reversed_range(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    if text.len() > 64 {
        return None;
    }
    let normalized = normalize(text);
    let (first, second) = split_range(&normalized)?;
    let end = PartialDate::parse(second?)?.complete()?;
    let start = PartialDate::parse(first)?.complete_from(end)?;
    (start > end).then_some((start, end))
}

/// The first day of the month an open date names (`Dezember 2026`, `Dez. 2026`), so that it
/// sorts into that month; `None` for anything else.
pub fn open_month(text: &str) -> Option<NaiveDate> {
    let mut words = text.split_whitespace();
    let month = month_number(words.next()?)?;
    let year = words.next()?;
    if words.next().is_some() || year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month, 1)
}

/// The first Excel day number read as a date: 1 January 2000.
const FIRST_SERIAL: u32 = 36_526;
/// The last: 31 December 2100.
const LAST_SERIAL: u32 = 73_415;

/// An Excel day number (`46366`, days since 30.12.1899) typed as text or stored as a plain
/// number in a date column; only numbers of days between 2000 and 2100 are taken.
pub fn parse_serial(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let whole = text
        .strip_suffix(".0")
        .or_else(|| text.strip_suffix(",0"))
        .unwrap_or(text);
    if whole.len() != 5 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let serial: u32 = whole.parse().ok()?;
    if !(FIRST_SERIAL..=LAST_SERIAL).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(serial.into()))
}

/// Rewrites the forms offices use into the numeric `d.m.y` / `d.m.y-d.m.y` this parser reads:
/// weekdays and times are dropped, month names become numbers, `bis` and dashes become `-`.
fn normalize(text: &str) -> String {
    let text = text.replace(['\u{2013}', '\u{2014}', '\u{2012}'], "-");
    let mut parts: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let word = word.trim_matches(',');
        // `2026-12-10T10:00`: the day before the time.
        let word = match word.split_once('T') {
            Some((day, _)) if parse_iso(day).is_some() => day,
            _ => word,
        };
        if word.is_empty() || is_weekday(word) || is_time(word) {
            continue;
        }
        if word.eq_ignore_ascii_case("uhr") {
            if parts.last().is_some_and(|last| is_dotted_time(last)) {
                parts.pop();
            }
            continue;
        }
        if word.eq_ignore_ascii_case("bis") {
            parts.push("-".to_string());
        } else if let Some(month) = month_number(word) {
            parts.push(format!("{month}."));
        } else {
            parts.push(word.to_string());
        }
    }
    parts.concat().trim_end_matches(['-', ',', '/']).to_string()
}

/// `10:00`, `10:00-12:00`: a time or a time range.
fn is_time(word: &str) -> bool {
    word.contains(':')
        && word
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b':' || b == b'-')
}

/// `10.00` as in `10.00 Uhr`.
fn is_dotted_time(word: &str) -> bool {
    word.split_once('.').is_some_and(|(hours, minutes)| {
        (1..=2).contains(&hours.len())
            && minutes.len() == 2
            && hours
                .bytes()
                .chain(minutes.bytes())
                .all(|b| b.is_ascii_digit())
    })
}

/// `Do.`, `Donnerstag`: a weekday in front of a date.
fn is_weekday(word: &str) -> bool {
    const WEEKDAYS: [&str; 8] = [
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonnabend",
        "sonntag",
    ];
    let word = word.trim_end_matches('.').to_lowercase();
    WEEKDAYS
        .iter()
        .any(|day| *day == word || (word.chars().count() == 2 && day.starts_with(&word)))
}

/// `Dezember`, `Dez.`, `Dez`, `Sept.`, `Jänner`: the month's number.
fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&[&str]; 12] = [
        &["januar", "jänner", "jan"],
        &["februar", "feber", "feb"],
        &["märz", "maerz", "mär", "mrz"],
        &["april", "apr"],
        &["mai"],
        &["juni", "jun"],
        &["juli", "jul"],
        &["august", "aug"],
        &["september", "sept", "sep"],
        &["oktober", "okt"],
        &["november", "nov"],
        &["dezember", "dez"],
    ];
    let word = word.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&word.as_str()))
        .map(|index| index as u32 + 1)
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

    #[test]
    fn a_range_longer_than_any_meeting_is_told_apart_from_no_date() {
        assert_eq!(parse_date_text("13.10.2027 - 14.10.2028"), None);
        assert_eq!(
            overlong_range("13.10.2027 - 14.10.2028"),
            Some(DateSpan {
                start: date(2027, 10, 13),
                end: date(2028, 10, 14)
            })
        );
        assert_eq!(overlong_range("13./14.10.2027"), None);
        assert_eq!(overlong_range("Herbst 2027"), None);
    }

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
    fn weekdays_month_names_and_times_anywhere() {
        let day = Some((date(2026, 12, 10), date(2026, 12, 10)));
        assert_eq!(span("Do., 10.12.2026"), day);
        assert_eq!(span("Donnerstag, 10. Dezember 2026"), day);
        assert_eq!(span("10. Dezember 2026"), day);
        assert_eq!(span("10. Dez. 2026"), day);
        assert_eq!(span("10. dez 2026, 10:00 Uhr"), day);
        assert_eq!(span("2026-12-10T10:00"), day);
        assert_eq!(span("2026-12-10T10:00:00"), day);
        assert_eq!(span("10.12.2026 10.00 Uhr"), day);
        let two_days = Some((date(2026, 12, 10), date(2026, 12, 11)));
        assert_eq!(span("10.12.2026 bis 11.12.2026"), two_days);
        assert_eq!(span("10. bis 11. Dezember 2026"), two_days);
        assert_eq!(span("10.12.2026 10:00 - 11.12.2026 12:00"), two_days);
        assert_eq!(span("Do., 10.12. - Fr., 11.12.2026"), two_days);
        assert_eq!(span("Dezember 2026"), None);
    }

    #[test]
    fn ranges_ending_before_they_start_are_found() {
        assert_eq!(
            reversed_range("11.12.2026 - 10.12.2026"),
            Some((date(2026, 12, 11), date(2026, 12, 10)))
        );
        assert_eq!(
            reversed_range("14./12.06.2025"),
            Some((date(2025, 6, 14), date(2025, 6, 12)))
        );
        assert_eq!(
            reversed_range("10.12.2026 10:00 - 11.12.2025 12:00"),
            Some((date(2026, 12, 10), date(2025, 12, 11)))
        );
        for text in [
            "10.12.2026 - 11.12.2026",
            "30.12.-02.01.2027",
            "10.12.2026",
            "tbd",
        ] {
            assert_eq!(reversed_range(text), None, "{text:?}");
        }
    }

    #[test]
    fn open_dates_naming_a_month_sort_into_it() {
        assert_eq!(open_month("Dezember 2026"), Some(date(2026, 12, 1)));
        assert_eq!(open_month("Sept. 2027"), Some(date(2027, 9, 1)));
        assert_eq!(open_month(" märz  2027 "), Some(date(2027, 3, 1)));
        for text in [
            "Herbst 2026",
            "Dezember",
            "Dezember 26",
            "Anfang Dezember 2026",
            "tbd",
        ] {
            assert_eq!(open_month(text), None, "{text:?}");
        }
    }

    #[test]
    fn excel_day_numbers_between_2000_and_2100() {
        assert_eq!(parse_serial("46366"), Some(date(2026, 12, 10)));
        assert_eq!(parse_serial("46366.0"), Some(date(2026, 12, 10)));
        assert_eq!(parse_serial("36526"), Some(date(2000, 1, 1)));
        assert_eq!(parse_serial("73415"), Some(date(2100, 12, 31)));
        for text in [
            "0", "36525", "73416", "4636", "46366.5", "12345", "abcde", "-46366",
        ] {
            assert_eq!(parse_serial(text), None, "{text:?}");
        }
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
