//! A calendar month as used for the input and output folders (`YYYY-MM`), and days and
//! times as German readers see them: `28.11.2026`, and a moment of the send log (UTC) as
//! time in Berlin. It does not name months in words (that is the template filters' job).

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::messages::system as messages;

/// A month such as `2026-11`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    month: u32,
}

impl Month {
    /// The month, if `month` is 1 to 12 and the year has four digits.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        (1..=12)
            .contains(&month)
            .then_some(Month { year, month })
            .filter(|_| (1900..=9999).contains(&year))
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month of the year, 1 to 12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a valid month has a first day")
    }

    /// Its last day.
    pub fn last_day(self) -> NaiveDate {
        let next = if self.month == 12 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, self.month + 1, 1)
        };
        next.and_then(|day| day.pred_opt())
            .expect("a valid month has a last day")
    }

    /// The month a date lies in.
    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }
}

/// `28.11.2026`: the one German way a day is written in messages and documents.
pub fn german_date(day: NaiveDate) -> String {
    day.format("%d.%m.%Y").to_string()
}

/// A moment as German local time (Europe/Berlin): `28.11.2026, 11:00 Uhr (MEZ)`. The zone is
/// named because the moment may be read elsewhere or in the other half of the year.
pub fn german_time(moment: DateTime<Utc>) -> String {
    let (offset, zone) = if berlin_summer_time(moment) {
        (2, "MESZ")
    } else {
        (1, "MEZ")
    };
    let local = moment.naive_utc() + chrono::TimeDelta::hours(offset);
    format!(
        "{}, {} Uhr ({zone})",
        german_date(local.date()),
        local.format("%H:%M")
    )
}

/// A moment of the send log (UTC, RFC 3339) as [`german_time`]; a text that is no such
/// moment (a hand-edited log) is shown as written.
pub fn german_time_of(rfc3339: &str) -> String {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|moment| german_time(moment.with_timezone(&Utc)))
        .unwrap_or_else(|_| rfc3339.to_string())
}

/// Whether Berlin keeps summer time at `moment`: the EU rule in force since 1996, from the
/// last Sunday of March to the last Sunday of October, 01:00 UTC each. Written out rather
/// than taking a time zone database: one zone with one rule is all the program shows.
fn berlin_summer_time(moment: DateTime<Utc>) -> bool {
    let year = moment.year();
    let last_sunday = |month: u32| {
        let last = Month { year, month }.last_day();
        let back = i64::from(last.weekday().num_days_from_sunday());
        (last - chrono::TimeDelta::days(back))
            .and_hms_opt(1, 0, 0)
            .expect("01:00 exists")
            .and_utc()
    };
    moment >= last_sunday(3) && moment < last_sunday(10)
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The error for text that is not `YYYY-MM`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", messages::not_a_month(.0))]
pub struct MonthError(String);

impl FromStr for Month {
    type Err = MonthError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || MonthError(text.to_string());
        let (year, month) = text.split_once('-').ok_or_else(error)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(error());
        }
        let year = year.parse().map_err(|_| error())?;
        let month = month.parse().map_err(|_| error())?;
        Month::new(year, month).ok_or_else(error)
    }
}

impl serde::Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Month {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn berlin_time_follows_summer_and_winter_time() {
        let at = |text: &str| super::german_time_of(text);
        assert_eq!(at("2026-12-07T17:00:24Z"), "07.12.2026, 18:00 Uhr (MEZ)");
        assert_eq!(at("2026-07-01T10:00:00Z"), "01.07.2026, 12:00 Uhr (MESZ)");
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(at("2026-03-29T00:59:00Z"), "29.03.2026, 01:59 Uhr (MEZ)");
        assert_eq!(at("2026-03-29T01:00:00Z"), "29.03.2026, 03:00 Uhr (MESZ)");
        assert_eq!(at("2026-10-25T00:59:00Z"), "25.10.2026, 02:59 Uhr (MESZ)");
        assert_eq!(at("2026-10-25T01:00:00Z"), "25.10.2026, 02:00 Uhr (MEZ)");
        assert_eq!(at("gestern"), "gestern");
        let november: super::Month = "2026-11".parse().unwrap();
        assert_eq!(super::german_date(november.last_day()), "30.11.2026");
        let december: super::Month = "2026-12".parse().unwrap();
        assert_eq!(super::german_date(december.last_day()), "31.12.2026");
    }

    use super::*;

    #[test]
    fn parses_and_prints_folder_names() {
        let month: Month = "2026-11".parse().unwrap();
        assert_eq!(month.to_string(), "2026-11");
        assert_eq!(
            month.first_day(),
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
        );
        for bad in [
            "2026-13", "2026-1", "26-11", "2026/11", "2026-00", "abcd-ef", "",
        ] {
            assert!(bad.parse::<Month>().is_err(), "{bad}");
        }
    }
}
