//! Filters for German documents, available in every template.
//!
//! Dates reach the templates as `YYYY-MM-DD` strings (serde's form of a date); the filters
//! parse them and print German forms. People are maps with `anrede`, `titel` and `name`.

use chrono::{Datelike, Locale, NaiveDate};
use minijinja::value::{Value, ValueKind};
use minijinja::{Environment, Error, ErrorKind};

use super::escape_markdown;

/// Every filter this module adds, for suggestions when an editor mistypes one.
pub const FILTER_NAMES: &[&str] = &[
    "datum",
    "datum_lang",
    "datum_wochentag",
    "monat_name",
    "zeitraum",
    "zeitraum_kurz",
    "name_mit_titel",
    "fuer_person",
    "briefanrede",
    "und_liste",
    "zeilen",
    "markdown",
];

pub fn register(env: &mut Environment<'static>) {
    env.add_filter("datum", |value: Value| -> Result<String, Error> {
        Ok(date_of(&value)?.format("%d.%m.%Y").to_string())
    });
    env.add_filter("datum_lang", |value: Value| -> Result<String, Error> {
        Ok(long_date(date_of(&value)?))
    });
    env.add_filter("datum_wochentag", |value: Value| -> Result<String, Error> {
        let date = date_of(&value)?;
        Ok(date
            .format_localized("%A, %-d. %B %Y", Locale::de_DE)
            .to_string())
    });
    env.add_filter("monat_name", |value: Value| -> Result<String, Error> {
        let text = value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_string);
        let first_day = format!("{}-01", text.get(..7).unwrap_or(&text));
        let date = NaiveDate::parse_from_str(&first_day, "%Y-%m-%d")
            .map_err(|_| not_a(&value, "a month (YYYY-MM)"))?;
        Ok(date.format_localized("%B %Y", Locale::de_DE).to_string())
    });
    env.add_filter("zeitraum", |value: Value| -> Result<String, Error> {
        meeting_days(&value, DateStyle::Long)
    });
    env.add_filter("zeitraum_kurz", |value: Value| -> Result<String, Error> {
        meeting_days(&value, DateStyle::Short)
    });
    env.add_filter("name_mit_titel", |person: Value| -> Result<String, Error> {
        Ok(Person::of(&person)?.with_title())
    });
    env.add_filter("fuer_person", |person: Value| -> Result<String, Error> {
        Ok(Person::of(&person)?.accusative())
    });
    env.add_filter("briefanrede", |person: Value| -> Result<String, Error> {
        Ok(Person::of(&person)?.salutation())
    });
    env.add_filter("und_liste", |list: Value| -> Result<String, Error> {
        let items: Vec<String> = list
            .try_iter()?
            .map(|item| {
                item.as_str()
                    .map_or_else(|| item.to_string(), str::to_string)
            })
            .collect();
        Ok(join_with_und(&items))
    });
    env.add_filter("zeilen", |value: Value| -> Result<Value, Error> {
        let lines: Vec<String> = value
            .try_iter()?
            .map(|item| escape_markdown(item.as_str().unwrap_or(&item.to_string())))
            .collect();
        Ok(Value::from_safe_string(lines.join("<br>")))
    });
    env.add_filter("markdown", |value: Value| -> Value {
        Value::from_safe_string(
            value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_string),
        )
    });
}

fn not_a(value: &Value, expected: &str) -> Error {
    Error::new(
        ErrorKind::InvalidOperation,
        format!("{value} is not {expected}"),
    )
}

fn date_of(value: &Value) -> Result<NaiveDate, Error> {
    value
        .as_str()
        .and_then(|text| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .ok_or_else(|| not_a(value, "a date"))
}

fn long_date(date: NaiveDate) -> String {
    date.format_localized("%-d. %B %Y", Locale::de_DE)
        .to_string()
}

/// "A", "A und B", "A, B und C".
pub fn join_with_und(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} und {last}", rest.join(", ")),
    }
}

/// The parts of a person the salutation filters need.
struct Person {
    salutation: Option<String>,
    title: Option<String>,
    name: String,
}

impl Person {
    fn of(value: &Value) -> Result<Person, Error> {
        let field = |name: &str| {
            value
                .get_attr(name)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .filter(|text| !text.trim().is_empty())
        };
        let name = field("name").ok_or_else(|| not_a(value, "a person (with name)"))?;
        Ok(Person {
            salutation: field("anrede"),
            title: field("titel"),
            name,
        })
    }

    /// "Dr. Martin Hagen"
    fn with_title(&self) -> String {
        match &self.title {
            Some(title) => format!("{title} {}", self.name),
            None => self.name.clone(),
        }
    }

    /// "Herrn Dr. Martin Hagen", "Frau Martina Klement" (as in "Briefing für ...").
    fn accusative(&self) -> String {
        match self.salutation.as_deref() {
            Some("Herr") => format!("Herrn {}", self.with_title()),
            Some(other) => format!("{other} {}", self.with_title()),
            None => self.with_title(),
        }
    }

    /// "Sehr geehrter Herr Dr. Hagen", "Sehr geehrte Frau Klement", "Guten Tag Kim Muster".
    fn salutation(&self) -> String {
        let surname = self.name.split_whitespace().last().unwrap_or(&self.name);
        let title = self
            .title
            .as_ref()
            .map(|t| format!("{t} "))
            .unwrap_or_default();
        match self.salutation.as_deref() {
            Some("Herr") => format!("Sehr geehrter Herr {title}{surname}"),
            Some("Frau") => format!("Sehr geehrte Frau {title}{surname}"),
            _ => format!("Guten Tag {title}{}", self.name),
        }
    }
}

#[derive(Clone, Copy)]
enum DateStyle {
    Long,
    Short,
}

/// "12./13. Juni 2025", "30. Juni – 1. Juli 2025" (long) or "12./13.06.2025" (short) for a
/// meeting (a value with `beginn`/`ende`, or `datum_offen` for an open date).
fn meeting_days(value: &Value, style: DateStyle) -> Result<String, Error> {
    if value.kind() != ValueKind::Map {
        return Err(not_a(value, "a meeting (with beginn and ende)"));
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
    let start = date_of(&field("beginn").ok_or_else(|| not_a(value, "a meeting"))?)?;
    let end = match field("ende") {
        Some(end) => date_of(&end)?,
        None => start,
    };
    Ok(format_days(start, end, style))
}

fn format_days(start: NaiveDate, end: NaiveDate, style: DateStyle) -> String {
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
        DateStyle::Short if start == end => start.format("%d.%m.%Y").to_string(),
        DateStyle::Short if same_month => {
            format!("{:02}.{separator}{}", start.day(), end.format("%d.%m.%Y"))
        }
        DateStyle::Short if start.year() == end.year() => {
            format!("{}–{}", start.format("%d.%m."), end.format("%d.%m.%Y"))
        }
        DateStyle::Short => format!("{}–{}", start.format("%d.%m.%Y"), end.format("%d.%m.%Y")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn meeting_ranges_in_german() {
        let cases = [
            ((2025, 6, 12), (2025, 6, 12), "12. Juni 2025", "12.06.2025"),
            (
                (2025, 6, 12),
                (2025, 6, 13),
                "12./13. Juni 2025",
                "12./13.06.2025",
            ),
            (
                (2025, 6, 10),
                (2025, 6, 13),
                "10.–13. Juni 2025",
                "10.–13.06.2025",
            ),
            (
                (2025, 6, 30),
                (2025, 7, 1),
                "30. Juni – 1. Juli 2025",
                "30.06.–01.07.2025",
            ),
            (
                (2026, 12, 30),
                (2027, 1, 2),
                "30. Dezember 2026 – 2. Januar 2027",
                "30.12.2026–02.01.2027",
            ),
        ];
        for ((ys, ms, ds), (ye, me, de), long, short) in cases {
            let (start, end) = (date(ys, ms, ds), date(ye, me, de));
            assert_eq!(format_days(start, end, DateStyle::Long), long);
            assert_eq!(format_days(start, end, DateStyle::Short), short);
        }
    }

    #[test]
    fn salutations() {
        let person = |anrede: Option<&str>, titel: Option<&str>, name: &str| Person {
            salutation: anrede.map(str::to_string),
            title: titel.map(str::to_string),
            name: name.to_string(),
        };
        let hagen = person(Some("Herr"), Some("Dr."), "Martin Hagen");
        assert_eq!(hagen.salutation(), "Sehr geehrter Herr Dr. Hagen");
        assert_eq!(hagen.accusative(), "Herrn Dr. Martin Hagen");
        assert_eq!(hagen.with_title(), "Dr. Martin Hagen");
        let ulbrich = person(Some("Frau"), None, "Ina-Maria Ulbrich");
        assert_eq!(ulbrich.salutation(), "Sehr geehrte Frau Ulbrich");
        assert_eq!(ulbrich.accusative(), "Frau Ina-Maria Ulbrich");
        let kim = person(None, None, "Kim Muster");
        assert_eq!(kim.salutation(), "Guten Tag Kim Muster");
        assert_eq!(kim.accusative(), "Kim Muster");
    }

    #[test]
    fn lists_are_joined_with_und() {
        let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_with_und(&list(&[])), "");
        assert_eq!(join_with_und(&list(&["IMK"])), "IMK");
        assert_eq!(join_with_und(&list(&["IMK", "GMK"])), "IMK und GMK");
        assert_eq!(join_with_und(&list(&["A", "B", "C"])), "A, B und C");
    }
}
