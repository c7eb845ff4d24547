//! Filters for German documents, available in every template.
//!
//! Dates reach the templates as `YYYY-MM-DD` strings (serde's form of a date); the filters
//! parse them and print German forms. People are maps with `anrede`, `titel` and `name`.
//! Conferences are maps with `name` and, once the roster carries it, an optional `genus`
//! (`m`, `f`, `n`); without it the gender comes from the head noun of the name. The grammar
//! filters decline only what the documents need: the definite article in four cases, the
//! genitive ending of the head noun, and the role noun "Sprecher" by salutation and count.
//! They do not know irregular nouns beyond the endings listed in [`GENUS_BY_ENDING`].
//!
//! The filters are grouped by what they know: [`dates`] (German dates and meeting spans),
//! [`people`] (names, salutations, role nouns by salutation and count), [`grammar`] (gender,
//! articles and case of a body's name, lists with "und").

mod dates;
mod grammar;
mod people;
mod protocol;
#[cfg(test)]
mod tests;

use chrono::Locale;
use minijinja::value::Value;
use minijinja::{Environment, Error, ErrorKind, State};

use super::escape_markdown;
use crate::messages;
use crate::month::Month;
pub(crate) use dates::long_date;
pub use dates::month_name;
use dates::{DateStyle, date_of, meeting_days};
use grammar::Noun;
pub use grammar::{
    Case, GENUS_BY_ENDING, Genus, capitalize_first, definite_article, genus_from_name,
    join_with_und,
};
pub use people::{Group, Sex, Style, name_with_title, role, role_noun};
use people::{Person, group_of, style_of};

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
    "protokollanrede",
];

/// Adds every filter of this module to a template environment.
pub fn register(env: &mut Environment<'static>) {
    env.add_filter("datum", |value: Value| -> Result<String, Error> {
        Ok(crate::month::german_date(date_of(&value)?))
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
            .map_err(|_| not_a(&value, messages::render::A_MONTH))?;
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
    env.add_filter("protokollanrede", |state: &State, person: Value| {
        protocol::protocol_salutation(state, &person)
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
                    .ok_or_else(|| not_a(&value, messages::render::A_LIST_OR_NUMBER))?,
            };
            Ok(if count == 1 { singular } else { plural })
        },
    );
    env.add_filter("satzanfang", |text: String| -> String {
        capitalize_first(&text)
    });
}

pub(crate) fn not_a(value: &Value, expected: &str) -> Error {
    // Never the value itself: a whole list of conferences would print thousands of characters.
    Error::new(
        ErrorKind::InvalidOperation,
        messages::render::expected(expected, kind_of(value)),
    )
}

/// What kind of value a template handed over, in a few words ("eine Liste mit 11 Einträgen",
/// "der Text „Herbst“"), for messages that must not print the whole value.
pub(crate) fn kind_of(value: &Value) -> String {
    use minijinja::value::ValueKind;
    const SHOWN: usize = 30;
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => messages::render::KIND_NOTHING.to_string(),
        ValueKind::Bool => messages::render::kind_bool(value.is_true()),
        ValueKind::Number => messages::render::kind_number(&value.to_string()),
        ValueKind::String => {
            let text = value.as_str().unwrap_or_default();
            let short: String = text.chars().take(SHOWN).collect();
            let cut = text.chars().count() > SHOWN;
            messages::render::kind_text(&short, cut)
        }
        // Without the count, so the message is the same in every document and shown once.
        ValueKind::Seq | ValueKind::Iterable => messages::render::KIND_LIST.to_string(),
        ValueKind::Map => {
            let name = value
                .get_attr("name")
                .ok()
                .and_then(|name| name.as_str().map(str::to_string));
            messages::render::kind_map(name.as_deref())
        }
        _ => messages::render::KIND_OTHER.to_string(),
    }
}
