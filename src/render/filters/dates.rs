//! German dates: `20.04.2023`, `20. April 2023`, month names, meeting spans.

use chrono::{Datelike, Locale, NaiveDate};
use minijinja::Error;
use minijinja::value::{Value, ValueKind};

use super::not_a;
use crate::messages;
use crate::month::Month;
use crate::month::german_date;

pub(super) fn date_of(value: &Value) -> Result<NaiveDate, Error> {
    value
        .as_str()
        .and_then(|text| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .ok_or_else(|| not_a(value, messages::render::A_DATE))
}

/// "November 2026": a month as every document, e-mail and attachment names it.
pub fn month_name(month: Month) -> String {
    month
        .first_day()
        .format_localized("%B %Y", Locale::de_DE)
        .to_string()
}

pub(crate) fn long_date(date: NaiveDate) -> String {
    date.format_localized("%-d. %B %Y", Locale::de_DE)
        .to_string()
}
pub(super) enum DateStyle {
    Long,
    Short,
}

/// "12./13. Juni 2025", "30. Juni – 1. Juli 2025" (long) or "12./13.06.2025" (short) for a
/// meeting (a value with `beginn`/`ende`, or `datum_offen` for an open date).
pub(super) fn meeting_days(value: &Value, style: DateStyle) -> Result<String, Error> {
    if value.kind() != ValueKind::Map {
        return Err(not_a(value, messages::render::A_MEETING_WITH_DAYS));
    }
    let field = |name: &str| {
        value
            .get_attr(name)
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_none())
    };
    if let Some(open) = field("datum_offen") {
        return Ok(open.to_string());
    }
    let start =
        date_of(&field("beginn").ok_or_else(|| not_a(value, messages::render::A_MEETING))?)?;
    let end = match field("ende") {
        Some(end) => date_of(&end)?,
        None => start,
    };
    Ok(format_days(start, end, style))
}

pub(super) fn format_days(start: NaiveDate, end: NaiveDate, style: DateStyle) -> String {
    let long_month = |date: NaiveDate| date.format_localized("%B", Locale::de_DE).to_string();
    let same_month = (start.year(), start.month()) == (end.year(), end.month());
    let separator = if end.day() == start.day() + 1 {
        "/"
    } else {
        "–"
    };
    match style {
        DateStyle::Long if start == end => long_date(start),
        DateStyle::Long if same_month => format!(
            "{}.{separator}{}. {} {}",
            start.day(),
            end.day(),
            long_month(end),
            end.year()
        ),
        DateStyle::Long if start.year() == end.year() => {
            format!(
                "{}. {} – {}",
                start.day(),
                long_month(start),
                long_date(end)
            )
        }
        DateStyle::Long => format!("{} – {}", long_date(start), long_date(end)),
        DateStyle::Short if start == end => german_date(start),
        DateStyle::Short if same_month => {
            format!("{:02}.{separator}{}", start.day(), german_date(end))
        }
        DateStyle::Short if start.year() == end.year() => {
            format!("{}–{}", start.format("%d.%m."), german_date(end))
        }
        DateStyle::Short => format!("{}–{}", german_date(start), german_date(end)),
    }
}
