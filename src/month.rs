//! A calendar month as used for the input and output folders (`YYYY-MM`).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

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

    /// The month a date lies in.
    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }
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
