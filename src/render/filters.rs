//! Filters for German documents, available in every template.
//!
//! Dates reach the templates as `YYYY-MM-DD` strings (serde's form of a date); the filters
//! parse them and print German forms. People are maps with `anrede`, `titel` and `name`.
//! Conferences are maps with `name` and, once the roster carries it, an optional `genus`
//! (`m`, `f`, `n`); without it the gender comes from the head noun of the name. The grammar
//! filters decline only what the documents need: the definite article in four cases, the
//! genitive ending of the head noun, and the role noun "Sprecher" by salutation and count.
//! They do not know irregular nouns beyond the endings listed in [`GENUS_BY_ENDING`].

use chrono::{Datelike, Locale, NaiveDate};
use minijinja::value::{Value, ValueKind};
use minijinja::{Environment, Error, ErrorKind, State};

use super::escape_markdown;
use crate::month::Month;

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
    "sprecherrolle",
    "sprecher_nomen",
    "artikel",
    "mit_artikel",
    "mit_artikeln",
    "nach_anzahl",
    "satzanfang",
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
        let month: Month = text
            .get(..7)
            .unwrap_or(&text)
            .parse()
            .map_err(|_| not_a(&value, "a month (YYYY-MM)"))?;
        Ok(month_name(month))
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
    env.add_filter(
        "sprecherrolle",
        |state: &State, value: Value| -> Result<String, Error> {
            Ok(role(group_of(&value), style_of(state)?))
        },
    );
    env.add_filter(
        "sprecher_nomen",
        |state: &State, value: Value, case: Option<String>| -> Result<String, Error> {
            Ok(role_noun(
                group_of(&value),
                Case::of(case.as_deref())?,
                style_of(state)?,
            ))
        },
    );
    env.add_filter(
        "artikel",
        |value: Value, case: Option<String>| -> Result<String, Error> {
            let noun = Noun::of(&value)?;
            Ok(definite_article(noun.genus, Case::of(case.as_deref())?).to_string())
        },
    );
    env.add_filter(
        "mit_artikel",
        |value: Value, case: Option<String>| -> Result<String, Error> {
            Ok(Noun::of(&value)?.with_article(Case::of(case.as_deref())?))
        },
    );
    env.add_filter(
        "mit_artikeln",
        |list: Value, case: Option<String>| -> Result<String, Error> {
            let case = Case::of(case.as_deref())?;
            let items = list
                .try_iter()?
                .map(|item| Ok(Noun::of(&item)?.with_article(case)))
                .collect::<Result<Vec<_>, Error>>()?;
            Ok(join_with_und(&items))
        },
    );
    env.add_filter(
        "nach_anzahl",
        |value: Value, singular: String, plural: String| -> Result<String, Error> {
            let count = match value.as_usize() {
                Some(count) => count,
                None => value
                    .len()
                    .ok_or_else(|| not_a(&value, "a list or a number"))?,
            };
            Ok(if count == 1 { singular } else { plural })
        },
    );
    env.add_filter("satzanfang", |text: String| -> String {
        capitalize_first(&text)
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

/// "November 2026": a month as every document, e-mail and attachment names it.
pub fn month_name(month: Month) -> String {
    month
        .first_day()
        .format_localized("%B %Y", Locale::de_DE)
        .to_string()
}

/// "Dr. Martin Hagen": a name with its academic title, as every document names a person.
pub fn name_with_title(title: Option<&str>, name: &str) -> String {
    match title.map(str::trim).filter(|title| !title.is_empty()) {
        Some(title) => format!("{title} {name}"),
        None => name.to_string(),
    }
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
        name_with_title(self.title.as_deref(), &self.name)
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

/// "für die …" → "Für die …": the first letter upper case, the rest as it is.
pub fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Grammatical gender of a noun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Genus {
    Masculine,
    Feminine,
    Neuter,
}

impl Genus {
    /// `m`, `f`, `n` as in the roster (also spelled out: `maskulin`, `feminin`, `neutrum`).
    pub fn parse(text: &str) -> Option<Genus> {
        match text.trim().to_lowercase().as_str() {
            "m" | "maskulin" | "männlich" => Some(Genus::Masculine),
            "f" | "w" | "feminin" | "weiblich" => Some(Genus::Feminine),
            "n" | "neutrum" | "sächlich" => Some(Genus::Neuter),
            _ => None,
        }
    }
}

/// Endings of German nouns that name a body, with their gender; the first match wins, so
/// longer endings stand before the shorter ones they contain.
pub const GENUS_BY_ENDING: &[(&str, Genus)] = &[
    ("ausschuss", Genus::Masculine),
    ("verband", Genus::Masculine),
    ("verbund", Genus::Masculine),
    ("kreis", Genus::Masculine),
    ("rat", Genus::Masculine),
    ("tag", Genus::Masculine),
    ("bund", Genus::Masculine),
    ("gremium", Genus::Neuter),
    ("netzwerk", Genus::Neuter),
    ("komitee", Genus::Neuter),
    ("kabinett", Genus::Neuter),
    ("forum", Genus::Neuter),
    ("amt", Genus::Neuter),
    ("ium", Genus::Neuter),
    ("konferenz", Genus::Feminine),
    ("kommission", Genus::Feminine),
    ("versammlung", Genus::Feminine),
    ("runde", Genus::Feminine),
    ("gruppe", Genus::Feminine),
    ("stelle", Genus::Feminine),
    ("schaft", Genus::Feminine),
    ("ung", Genus::Feminine),
    ("ion", Genus::Feminine),
    ("enz", Genus::Feminine),
];

/// Words that end the head noun of a name: "Ministerkonferenz | für Arbeit und Soziales",
/// "Ständige Konferenz | der Innenminister", "E-Justice-Rat | von Bund und Ländern".
const WORDS_AFTER_HEAD: &[&str] = &[
    "für", "der", "des", "von", "vom", "zur", "zum", "im", "in", "bei", "beim", "mit", "aus",
    "über", "auf", "am", "an",
];

/// The name up to and including its head noun, and the rest (with its leading space).
fn split_at_head(name: &str) -> (&str, &str) {
    let mut offset = 0;
    for word in name.split(' ') {
        if offset > 0 && WORDS_AFTER_HEAD.contains(&word) {
            return name.split_at(offset - 1);
        }
        offset += word.len() + 1;
    }
    (name, "")
}

/// The last part of the head noun, lower case: "E-Justice-Rat" → "rat".
fn head_word(name: &str) -> &str {
    let (head, _) = split_at_head(name.trim());
    head.rsplit([' ', '-']).next().unwrap_or(head)
}

/// The gender of a body's name from the ending of its head noun, `None` where the ending is
/// not known (e.g. an acronym such as "ARGEBAU").
pub fn genus_from_name(name: &str) -> Option<Genus> {
    let word = head_word(name).to_lowercase();
    GENUS_BY_ENDING
        .iter()
        .find(|(ending, _)| word.ends_with(ending))
        .map(|(_, genus)| *genus)
}

/// Grammatical case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    Nominative,
    Genitive,
    Dative,
    Accusative,
}

impl Case {
    /// The case a filter argument names; no argument means nominative.
    fn of(name: Option<&str>) -> Result<Case, Error> {
        match name.map(|n| n.trim().to_lowercase()).as_deref() {
            None | Some("nominativ") => Ok(Case::Nominative),
            Some("genitiv") => Ok(Case::Genitive),
            Some("dativ") => Ok(Case::Dative),
            Some("akkusativ") => Ok(Case::Accusative),
            Some(other) => Err(Error::new(
                ErrorKind::InvalidOperation,
                format!(
                    "\"{other}\" is not a case: use \"nominativ\", \"genitiv\", \"dativ\" or \"akkusativ\""
                ),
            )),
        }
    }
}

/// der/des/dem/den, die/der/der/die, das/des/dem/das.
pub fn definite_article(genus: Genus, case: Case) -> &'static str {
    match (genus, case) {
        (Genus::Masculine, Case::Nominative) => "der",
        (Genus::Masculine | Genus::Neuter, Case::Genitive) => "des",
        (Genus::Masculine | Genus::Neuter, Case::Dative) => "dem",
        (Genus::Masculine, Case::Accusative) => "den",
        (Genus::Feminine, Case::Nominative | Case::Accusative) => "die",
        (Genus::Feminine, Case::Genitive | Case::Dative) => "der",
        (Genus::Neuter, Case::Nominative | Case::Accusative) => "das",
    }
}

/// The genitive ending of a masculine or neuter head noun: "Rates", "Ausschusses",
/// "Netzwerks", "Gremiums"; none for acronyms, which keep their form.
fn genitive_ending(head: &str) -> &'static str {
    let lower = head.to_lowercase();
    let is_acronym = head
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if is_acronym {
        ""
    } else if ["s", "ß", "x", "z", "rat", "tag"]
        .iter()
        .any(|ending| lower.ends_with(ending))
    {
        "es"
    } else {
        "s"
    }
}

/// A body's name with its gender, as the article filters need it.
struct Noun {
    name: String,
    genus: Genus,
}

impl Noun {
    /// A conference (map with `name`, optional `genus`) or a plain name. Without a known
    /// gender the noun counts as feminine, the gender of "-konferenz", the common case.
    fn of(value: &Value) -> Result<Noun, Error> {
        let text = |v: &Value| {
            v.as_str()
                .map(str::to_string)
                .filter(|t| !t.trim().is_empty())
        };
        let (name, explicit) = if value.kind() == ValueKind::Map {
            let name = value
                .get_attr("name")
                .ok()
                .and_then(|v| text(&v))
                .ok_or_else(|| not_a(value, "a conference (with name)"))?;
            let genus = value.get_attr("genus").ok().and_then(|v| text(&v));
            (name, genus)
        } else {
            (text(value).ok_or_else(|| not_a(value, "a name"))?, None)
        };
        let genus = explicit
            .as_deref()
            .and_then(Genus::parse)
            .or_else(|| genus_from_name(&name))
            .unwrap_or(Genus::Feminine);
        Ok(Noun { name, genus })
    }

    /// "dem E-Justice-Rat", "des E-Justice-Rates von Bund und Ländern".
    fn with_article(&self, case: Case) -> String {
        let article = definite_article(self.genus, case);
        let name = self.name.trim();
        if case == Case::Genitive && self.genus != Genus::Feminine {
            let (head, rest) = split_at_head(name);
            let last = head.rsplit([' ', '-']).next().unwrap_or(head);
            return format!("{article} {head}{}{rest}", genitive_ending(last));
        }
        format!("{article} {name}")
    }
}

/// How group nouns and persons of unknown gender are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// "Sprecherinnen und Sprecher", "Sprecherin oder Sprecher" (the default).
    PairForm,
    /// "Sprecher:innen", "Sprecher:in".
    Colon,
}

impl Style {
    pub fn parse(text: &str) -> Option<Style> {
        match text.trim().to_lowercase().as_str() {
            "paarform" => Some(Style::PairForm),
            "doppelpunkt" => Some(Style::Colon),
            _ => None,
        }
    }
}

/// The style a template (or, later, the configuration) sets in the variable `schreibweise`.
fn style_of(state: &State) -> Result<Style, Error> {
    match state.lookup("schreibweise") {
        Some(value) if !value.is_undefined() && !value.is_none() => {
            let text = value.as_str().unwrap_or_default();
            Style::parse(text).ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    format!(
                        "schreibweise \"{value}\" is unknown: use \"paarform\" or \"doppelpunkt\""
                    ),
                )
            })
        }
        _ => Ok(Style::PairForm),
    }
}

/// Whom a role noun names: one person or several, by what their salutations say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    One(Sex),
    Many(Sex),
}

/// What the salutations tell: all "Herr", all "Frau", or unknown/mixed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
    Unknown,
}

fn sex_of(person: &Value) -> Sex {
    let salutation = person.get_attr("anrede").ok();
    match salutation.as_ref().and_then(Value::as_str).map(str::trim) {
        Some("Herr") => Sex::Male,
        Some("Frau") => Sex::Female,
        _ => Sex::Unknown,
    }
}

/// A person (map) is one; a list of one person is that person; a longer list is a group of
/// the sex all share; anything else (e.g. the word "alle") is a group of unknown sex.
fn group_of(value: &Value) -> Group {
    match value.kind() {
        ValueKind::Map => Group::One(sex_of(value)),
        ValueKind::Seq | ValueKind::Iterable => {
            let sexes: Vec<Sex> = value
                .try_iter()
                .map(|items| items.map(|item| sex_of(&item)).collect())
                .unwrap_or_default();
            match sexes.as_slice() {
                [one] => Group::One(*one),
                [first, rest @ ..] if rest.iter().all(|s| s == first) => Group::Many(*first),
                _ => Group::Many(Sex::Unknown),
            }
        }
        _ => Group::Many(Sex::Unknown),
    }
}

/// "Sprecher", "Sprecherin", "Sprecherinnen und Sprecher", dative plural "Sprechern".
pub fn role_noun(group: Group, case: Case, style: Style) -> String {
    let plural_male = if case == Case::Dative {
        "Sprechern"
    } else {
        "Sprecher"
    };
    let singular_male = if case == Case::Genitive {
        "Sprechers"
    } else {
        "Sprecher"
    };
    match (group, style) {
        (Group::One(Sex::Male), _) => singular_male.to_string(),
        (Group::One(Sex::Female), _) => "Sprecherin".to_string(),
        (Group::One(Sex::Unknown), Style::PairForm) => format!("Sprecherin oder {singular_male}"),
        (Group::One(Sex::Unknown), Style::Colon) => "Sprecher:in".to_string(),
        (Group::Many(Sex::Male), _) => plural_male.to_string(),
        (Group::Many(Sex::Female), _) => "Sprecherinnen".to_string(),
        (Group::Many(Sex::Unknown), Style::PairForm) => format!("Sprecherinnen und {plural_male}"),
        (Group::Many(Sex::Unknown), Style::Colon) => "Sprecher:innen".to_string(),
    }
}

/// The role without an article, nominative: "fachpolitischer Sprecher", "fachpolitische
/// Sprecherin", "fachpolitische Sprecherinnen und Sprecher".
pub fn role(group: Group, style: Style) -> String {
    match (group, style) {
        (Group::One(Sex::Male), _) => "fachpolitischer Sprecher".to_string(),
        (Group::One(Sex::Female), _) => "fachpolitische Sprecherin".to_string(),
        (Group::One(Sex::Unknown), Style::PairForm) => {
            "fachpolitische Sprecherin oder fachpolitischer Sprecher".to_string()
        }
        (Group::One(Sex::Unknown), Style::Colon) => "fachpolitische:r Sprecher:in".to_string(),
        (Group::Many(_), _) => {
            format!(
                "fachpolitische {}",
                role_noun(group, Case::Nominative, style)
            )
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

    fn conference(name: &str, genus: Option<&str>) -> Value {
        let mut map = std::collections::BTreeMap::new();
        map.insert("name", Value::from(name));
        if let Some(genus) = genus {
            map.insert("genus", Value::from(genus));
        }
        Value::from(map)
    }

    fn with_article(name: &str, genus: Option<&str>, case: Case) -> String {
        Noun::of(&conference(name, genus))
            .unwrap()
            .with_article(case)
    }

    #[test]
    fn the_gender_of_a_body_comes_from_its_head_noun() {
        let cases = [
            ("E-Justice-Rat", Some(Genus::Masculine)),
            ("IT-Planungsrat", Some(Genus::Masculine)),
            ("Innenministerkonferenz", Some(Genus::Feminine)),
            (
                "Jugend- und Familienministerkonferenz",
                Some(Genus::Feminine),
            ),
            (
                "Ministerkonferenz für Arbeit und Soziales",
                Some(Genus::Feminine),
            ),
            (
                "Ständige Konferenz der Innenminister",
                Some(Genus::Feminine),
            ),
            ("E-Justice-Rat von Bund und Ländern", Some(Genus::Masculine)),
            ("Haushaltsausschuss", Some(Genus::Masculine)),
            ("Steuerungsgremium", Some(Genus::Neuter)),
            ("Deutscher Landkreistag", Some(Genus::Masculine)),
            ("Kommission für Jugendmedienschutz", Some(Genus::Feminine)),
            ("ARGEBAU", None),
            ("", None),
        ];
        for (name, genus) in cases {
            assert_eq!(genus_from_name(name), genus, "{name}");
        }
    }

    #[test]
    fn articles_in_four_cases() {
        let all = [
            Case::Nominative,
            Case::Genitive,
            Case::Dative,
            Case::Accusative,
        ];
        let articles = |genus| all.map(|case| definite_article(genus, case));
        assert_eq!(articles(Genus::Masculine), ["der", "des", "dem", "den"]);
        assert_eq!(articles(Genus::Feminine), ["die", "der", "der", "die"]);
        assert_eq!(articles(Genus::Neuter), ["das", "des", "dem", "das"]);
    }

    #[test]
    fn names_with_articles_decline_the_head_noun() {
        assert_eq!(
            with_article("E-Justice-Rat", None, Case::Dative),
            "dem E-Justice-Rat"
        );
        assert_eq!(
            with_article("E-Justice-Rat", None, Case::Accusative),
            "den E-Justice-Rat"
        );
        assert_eq!(
            with_article("E-Justice-Rat", None, Case::Genitive),
            "des E-Justice-Rates"
        );
        assert_eq!(
            with_article("E-Justice-Rat von Bund und Ländern", None, Case::Genitive),
            "des E-Justice-Rates von Bund und Ländern"
        );
        assert_eq!(
            with_article("Innenministerkonferenz", None, Case::Genitive),
            "der Innenministerkonferenz"
        );
        assert_eq!(
            with_article("Haushaltsausschuss", None, Case::Genitive),
            "des Haushaltsausschusses"
        );
        assert_eq!(
            with_article("Steuerungsgremium", None, Case::Genitive),
            "des Steuerungsgremiums"
        );
        assert_eq!(
            with_article("Netzwerk Süd", Some("n"), Case::Nominative),
            "das Netzwerk Süd"
        );
        assert_eq!(
            with_article("ARGEBAU", Some("f"), Case::Dative),
            "der ARGEBAU"
        );
        // An explicit gender wins over the name; an unknown one falls back to the name.
        assert_eq!(
            with_article("Lenkungskreis", Some("f"), Case::Nominative),
            "die Lenkungskreis"
        );
        assert_eq!(
            with_article("Lenkungskreis", Some("x"), Case::Nominative),
            "der Lenkungskreis"
        );
        // Nothing to tell from: feminine, as most conferences are.
        assert_eq!(
            with_article("ARGEBAU", None, Case::Nominative),
            "die ARGEBAU"
        );
        assert!(Noun::of(&Value::from(3)).is_err());
        assert!(Noun::of(&conference("  ", None)).is_err());
    }

    #[test]
    fn role_nouns_follow_salutation_count_and_style() {
        use Group::*;
        use Sex::*;
        let p = Style::PairForm;
        assert_eq!(role(One(Male), p), "fachpolitischer Sprecher");
        assert_eq!(role(One(Female), p), "fachpolitische Sprecherin");
        assert_eq!(
            role(One(Unknown), p),
            "fachpolitische Sprecherin oder fachpolitischer Sprecher"
        );
        assert_eq!(
            role(One(Unknown), Style::Colon),
            "fachpolitische:r Sprecher:in"
        );
        assert_eq!(role(Many(Male), p), "fachpolitische Sprecher");
        assert_eq!(role(Many(Female), p), "fachpolitische Sprecherinnen");
        assert_eq!(
            role(Many(Unknown), p),
            "fachpolitische Sprecherinnen und Sprecher"
        );
        assert_eq!(
            role(Many(Unknown), Style::Colon),
            "fachpolitische Sprecher:innen"
        );
        assert_eq!(role_noun(One(Male), Case::Genitive, p), "Sprechers");
        assert_eq!(
            role_noun(Many(Unknown), Case::Dative, p),
            "Sprecherinnen und Sprechern"
        );
        assert_eq!(role_noun(Many(Male), Case::Dative, p), "Sprechern");
        assert_eq!(role_noun(Many(Female), Case::Dative, p), "Sprecherinnen");
        assert_eq!(
            role_noun(One(Unknown), Case::Nominative, p),
            "Sprecherin oder Sprecher"
        );
    }

    #[test]
    fn groups_are_counted_from_persons_and_lists() {
        let person = |anrede: Option<&str>| {
            let mut map = std::collections::BTreeMap::new();
            map.insert("name", Value::from("X"));
            if let Some(anrede) = anrede {
                map.insert("anrede", Value::from(anrede));
            }
            Value::from(map)
        };
        let list = |items: Vec<Value>| Value::from(items);
        assert_eq!(group_of(&person(Some("Herr"))), Group::One(Sex::Male));
        assert_eq!(group_of(&person(None)), Group::One(Sex::Unknown));
        assert_eq!(
            group_of(&list(vec![person(Some("Frau"))])),
            Group::One(Sex::Female)
        );
        assert_eq!(
            group_of(&list(vec![person(Some("Herr")), person(Some("Herr"))])),
            Group::Many(Sex::Male)
        );
        assert_eq!(
            group_of(&list(vec![person(Some("Herr")), person(Some("Frau"))])),
            Group::Many(Sex::Unknown)
        );
        assert_eq!(group_of(&Value::from("alle")), Group::Many(Sex::Unknown));
    }

    /// The filters as a template calls them, including the style a template sets.
    #[test]
    fn the_filters_in_a_template() {
        let mut env = Environment::new();
        register(&mut env);
        let render = |source: &str| {
            env.render_str(
                source,
                minijinja::context! {
                    manke => minijinja::context! { anrede => "Herr", name => "Stephan Manke" },
                    konferenzen => vec![
                        conference("E-Justice-Rat", None),
                        conference("Wirtschaftsministerkonferenz", None),
                    ],
                    eine => vec![conference("Innenministerkonferenz", None)],
                },
            )
            .unwrap()
        };
        assert_eq!(
            render(
                "{{ manke | sprecherrolle | satzanfang }} für {{ konferenzen | mit_artikeln(\"akkusativ\") }}"
            ),
            "Fachpolitischer Sprecher für den E-Justice-Rat und die Wirtschaftsministerkonferenz"
        );
        assert_eq!(
            render("{{ konferenzen[0] | mit_artikel | satzanfang }}"),
            "Der E-Justice-Rat"
        );
        assert_eq!(render("{{ konferenzen[0] | artikel(\"dativ\") }}"), "dem");
        assert_eq!(
            render("{{ \"alle\" | sprecher_nomen(\"dativ\") }}"),
            "Sprecherinnen und Sprechern"
        );
        assert_eq!(
            render("{% set schreibweise = \"doppelpunkt\" %}{{ \"alle\" | sprecher_nomen }}"),
            "Sprecher:innen"
        );
        assert_eq!(
            render(
                "{{ eine | nach_anzahl(\"Ihre Fachministerkonferenz\", \"Ihre Fachministerkonferenzen\") }}"
            ),
            "Ihre Fachministerkonferenz"
        );
        assert_eq!(
            render("{{ konferenzen | nach_anzahl(\"eine\", \"mehrere\") }}"),
            "mehrere"
        );
        assert_eq!(
            render("{{ 1 | nach_anzahl(\"eine\", \"mehrere\") }}"),
            "eine"
        );
        assert!(
            env.render_str("{{ \"IMK\" | mit_artikel(\"lokativ\") }}", ())
                .is_err()
        );
        assert!(
            env.render_str(
                "{% set schreibweise = \"stern\" %}{{ \"alle\" | sprecher_nomen }}",
                ()
            )
            .is_err()
        );
    }
}
