//! Stage 3: rendering the templates (minijinja) into Markdown and e-mail text.
//!
//! The templates live in the templates folder and are edited by non-programmers, so this
//! module is strict where it helps them: a value that is missing is an error when printed or
//! looped over (but `{% if x %}` on an optional field is fine), and every error names the
//! template file, line and column. Values printed into Markdown templates are escaped, so a `*`
//! or `|` in a spreadsheet cell never changes the document's structure; fields that hold
//! Markdown on purpose are printed with `| markdown`. No I/O besides loading the templates.

use std::path::{Path, PathBuf};

use chrono::{Datelike, Locale, NaiveDate};
use minijinja::value::{Value, ValueKind};
use minijinja::{
    AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, syntax::SyntaxConfig,
};
use serde::Serialize;

use crate::diagnostics::{Diagnostics, Location};
use crate::model::{BriefingContext, Model};

/// The template for each spokesperson's briefing.
pub const BRIEFING_TEMPLATE: &str = "briefing.md.j2";
/// The template for the consolidated overview.
pub const OVERVIEW_TEMPLATE: &str = "uebersicht.md.j2";
/// The template for the e-mail (subject line and body).
pub const EMAIL_TEMPLATE: &str = "email.txt.j2";

/// The auto-escape mode of Markdown templates.
const MARKDOWN_ESCAPE: &str = "markdown";

/// Upper bound on template work per document, so a runaway loop ends with an error.
const FUEL: u64 = 50_000_000;

/// Subject and body of a spokesperson's e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub subject: String,
    pub body: String,
}

/// The loaded template environment; cheap to share between threads.
pub struct Renderer {
    env: Environment<'static>,
    dir: PathBuf,
}

impl Renderer {
    /// Prepares the templates in `dir`.
    pub fn new(dir: &Path) -> Renderer {
        let mut env = Environment::new();
        env.set_loader(minijinja::path_loader(dir));
        env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
        // Release builds otherwise lose the variable names in errors.
        env.set_debug(true);
        env.set_fuel(Some(FUEL));
        env.set_syntax(
            SyntaxConfig::builder()
                .trim_blocks(true)
                .lstrip_blocks(true)
                .keep_trailing_newline(true)
                .build()
                .expect("the default delimiters are valid"),
        );
        // A custom auto-escape mode (rather than none) also makes minijinja mark the output
        // of macros as safe, so a macro's Markdown is not escaped a second time.
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".md.j2") {
                AutoEscape::Custom(MARKDOWN_ESCAPE.into())
            } else {
                AutoEscape::None
            }
        });
        env.set_formatter(|out, state, value| {
            let markdown =
                matches!(state.auto_escape(), AutoEscape::Custom(mode) if mode == MARKDOWN_ESCAPE);
            if markdown && !value.is_safe() {
                let text = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_string);
                out.write_str(&escape_markdown(&text))?;
                return Ok(());
            }
            minijinja::escape_formatter(out, state, value)
        });
        register_filters(&mut env);
        Renderer {
            env,
            dir: dir.to_path_buf(),
        }
    }

    /// The Markdown of one spokesperson's briefing.
    pub fn briefing(&self, context: &BriefingContext<'_>) -> Result<String, Diagnostics> {
        self.render(BRIEFING_TEMPLATE, context)
    }

    /// The Markdown of the overview.
    pub fn overview(&self, model: &Model) -> Result<String, Diagnostics> {
        self.render(OVERVIEW_TEMPLATE, model)
    }

    /// Subject and body of one spokesperson's e-mail. The template's first line is
    /// `Betreff: ...`, then an empty line, then the body.
    pub fn email(&self, context: &BriefingContext<'_>) -> Result<Email, Diagnostics> {
        let text = self.render(EMAIL_TEMPLATE, context)?;
        let (first, body) = text.split_once('\n').unwrap_or((&text, ""));
        let Some(subject) = first.strip_prefix("Betreff:") else {
            let mut diagnostics = Diagnostics::new();
            diagnostics.error(
                Location::line(&self.dir.join(EMAIL_TEMPLATE), 1, 1),
                "the first line of the e-mail must be \"Betreff: <subject>\"",
            );
            return Err(diagnostics);
        };
        Ok(Email {
            subject: subject.trim().to_string(),
            body: body.trim_start_matches('\n').to_string(),
        })
    }

    fn render<S: Serialize>(&self, name: &str, context: &S) -> Result<String, Diagnostics> {
        let template = self
            .env
            .get_template(name)
            .map_err(|error| self.diagnose(name, &error))?;
        template
            .render(minijinja::value::Serde(context))
            .map_err(|error| self.diagnose(name, &error))
    }

    fn diagnose(&self, name: &str, error: &Error) -> Diagnostics {
        let mut diagnostics = Diagnostics::new();
        let file = self.dir.join(error.name().unwrap_or(name));
        let location = match (error.line(), column_of(error)) {
            (Some(line), column) => Location::line(&file, line as u64, column.unwrap_or(1)),
            (None, _) => Location::file(&file),
        };
        diagnostics.error(location, describe(error));
        diagnostics
    }
}

/// 1-based column of the error's start within its line, if minijinja knows the range.
fn column_of(error: &Error) -> Option<u64> {
    let range = error.range()?;
    let source = error.template_source()?;
    let before = source.get(..range.start)?;
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    Some(before[line_start..].chars().count() as u64 + 1)
}

/// The error in words an editor understands.
fn describe(error: &Error) -> String {
    let detail = error.detail().map(str::to_string);
    let what = match error.kind() {
        ErrorKind::TemplateNotFound => "template file not found".to_string(),
        ErrorKind::UndefinedError => "a variable or field used here does not exist".to_string(),
        ErrorKind::UnknownFilter => "unknown filter".to_string(),
        ErrorKind::UnknownFunction => "unknown function".to_string(),
        ErrorKind::SyntaxError => "template syntax error".to_string(),
        ErrorKind::InvalidOperation => "invalid operation".to_string(),
        ErrorKind::OutOfFuel => "the template does too much work (endless loop?)".to_string(),
        other => other.to_string(),
    };
    match detail {
        Some(detail) => format!("{what}: {detail}"),
        None => what,
    }
}

/// Escapes text so Markdown shows it literally; line breaks become `<br>`, which the DOCX
/// writer turns into line breaks (they also keep a table row on one line).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push_str("<br>");
        }
        let line = line.trim_end_matches('\r');
        let mut at_line_start = true;
        for (position, c) in line.char_indices() {
            let needs_escape = matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!'
            ) || (at_line_start && matches!(c, '-' | '+' | '='))
                || (matches!(c, '.' | ')') && ends_list_number(line, position));
            if needs_escape {
                out.push('\\');
            }
            out.push(c);
            if !c.is_whitespace() {
                at_line_start = false;
            }
        }
    }
    out
}

/// Whether the `.` or `)` at `position` would make the line an ordered list item ("2025. ").
fn ends_list_number(line: &str, position: usize) -> bool {
    let digits = &line[..position];
    let next = line[position + 1..].chars().next();
    !digits.trim_start().is_empty()
        && digits.trim_start().bytes().all(|b| b.is_ascii_digit())
        && next.is_none_or(char::is_whitespace)
}

// ---------------------------------------------------------------------------------------------
// Filters for German documents

fn register_filters(env: &mut Environment<'static>) {
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
            .map(str::to_string)
            .unwrap_or_else(|| value.to_string());
        let first_day = format!("{}-01", text.get(..7).unwrap_or(&text));
        let date = NaiveDate::parse_from_str(&first_day, "%Y-%m-%d")
            .map_err(|_| not_a_date(&value, "a month (YYYY-MM)"))?;
        Ok(date.format_localized("%B %Y", Locale::de_DE).to_string())
    });
    env.add_filter("zeitraum", |value: Value| -> Result<String, Error> {
        meeting_days(&value, DateStyle::Long)
    });
    env.add_filter("zeitraum_kurz", |value: Value| -> Result<String, Error> {
        meeting_days(&value, DateStyle::Short)
    });
    env.add_filter("zeilen", |value: Value| -> Result<Value, Error> {
        let lines: Vec<String> = value
            .try_iter()?
            .map(|item| escape_markdown(item.as_str().map_or(&item.to_string(), |s| s)))
            .collect();
        Ok(Value::from_safe_string(lines.join("<br>")))
    });
    env.add_filter("markdown", |value: Value| -> Value {
        Value::from_safe_string(
            value
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| value.to_string()),
        )
    });
}

fn not_a_date(value: &Value, expected: &str) -> Error {
    Error::new(
        ErrorKind::InvalidOperation,
        format!("{value:?} is not {expected}"),
    )
}

/// Dates reach templates as `YYYY-MM-DD` strings.
fn date_of(value: &Value) -> Result<NaiveDate, Error> {
    value
        .as_str()
        .and_then(|text| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .ok_or_else(|| not_a_date(value, "a date"))
}

fn long_date(date: NaiveDate) -> String {
    date.format_localized("%-d. %B %Y", Locale::de_DE)
        .to_string()
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
        return Err(not_a_date(value, "a meeting (with beginn and ende)"));
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
    let start = date_of(&field("beginn").ok_or_else(|| not_a_date(value, "a meeting"))?)?;
    let end = match field("ende") {
        Some(end) => date_of(&end)?,
        None => start,
    };
    Ok(format_days(start, end, style))
}

fn format_days(start: NaiveDate, end: NaiveDate, style: DateStyle) -> String {
    let long_month = |date: NaiveDate| date.format_localized("%B", Locale::de_DE).to_string();
    match style {
        DateStyle::Long if start == end => long_date(start),
        DateStyle::Long if (start.year(), start.month()) == (end.year(), end.month()) => {
            let separator = if end.day() == start.day() + 1 {
                "/"
            } else {
                "–"
            };
            format!(
                "{}.{separator}{}. {} {}",
                start.day(),
                end.day(),
                long_month(end),
                end.year()
            )
        }
        DateStyle::Long if start.year() == end.year() => format!(
            "{}. {} – {}",
            start.day(),
            long_month(start),
            long_date(end)
        ),
        DateStyle::Long => format!("{} – {}", long_date(start), long_date(end)),
        DateStyle::Short if start == end => start.format("%d.%m.%Y").to_string(),
        DateStyle::Short if (start.year(), start.month()) == (end.year(), end.month()) => {
            let separator = if end.day() == start.day() + 1 {
                "/"
            } else {
                "–"
            };
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

    fn render(template: &str, context: Value) -> String {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("t.md.j2"), template).unwrap();
        Renderer::new(dir.path())
            .render("t.md.j2", &context)
            .unwrap()
    }

    #[test]
    fn german_date_filters() {
        let context = minijinja::context! { d => "2023-04-20", m => "2026-11" };
        assert_eq!(
            render(
                "{{ d | datum }}|{{ d | datum_lang }}|{{ d | datum_wochentag }}|{{ m | monat_name }}",
                context
            ),
            "20.04.2023|20\\. April 2023|Donnerstag, 20. April 2023|November 2026"
        );
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
    fn printed_values_cannot_change_the_markdown_structure() {
        assert_eq!(escape_markdown("a|b *c* _d_"), "a\\|b \\*c\\* \\_d\\_");
        assert_eq!(escape_markdown("# Titel"), "\\# Titel");
        assert_eq!(escape_markdown("- x"), "\\- x");
        assert_eq!(escape_markdown("2025. Jahr"), "2025\\. Jahr");
        assert_eq!(escape_markdown("a\nb"), "a<br>b");
        assert_eq!(
            escape_markdown("Müller-Lüdenscheidt"),
            "Müller-Lüdenscheidt"
        );
        let context = minijinja::context! { v => "*x*", m => "**y**" };
        assert_eq!(
            render("{{ v }} {{ m | markdown }}", context),
            "\\*x\\* **y**"
        );
    }

    #[test]
    fn missing_values_are_errors_but_if_tests_are_allowed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("t.md.j2"),
            "a\n{% if x.y %}y{% endif %}{{ x.z }}",
        )
        .unwrap();
        let error = Renderer::new(dir.path())
            .render(
                "t.md.j2",
                &minijinja::context! { x => minijinja::context! {} },
            )
            .unwrap_err()
            .to_string();
        assert!(error.contains("t.md.j2:2:"), "{error}");
        assert!(error.contains("does not exist"), "{error}");
    }
}
