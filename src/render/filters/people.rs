//! People: names with titles, salutations, and the role noun "Sprecher" by salutation, count
//! and the house style for groups.

use minijinja::value::{Value, ValueKind};
use minijinja::{Error, ErrorKind, State};

use super::grammar::Case;
use super::not_a;
use crate::messages;

/// "Dr. Martin Hagen": a name with its academic title, as every document names a person.
pub fn name_with_title(title: Option<&str>, name: &str) -> String {
    match title.map(str::trim).filter(|title| !title.is_empty()) {
        Some(title) => format!("{title} {name}"),
        None => name.to_string(),
    }
}

/// The parts of a person the salutation filters need.
pub(super) struct Person {
    pub(super) salutation: Option<String>,
    pub(super) title: Option<String>,
    pub(super) name: String,
}

impl Person {
    pub(super) fn of(value: &Value) -> Result<Person, Error> {
        let field = |name: &str| {
            value
                .get_attr(name)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .filter(|text| !text.trim().is_empty())
        };
        let name = field("name").ok_or_else(|| not_a(value, messages::render::A_PERSON))?;
        Ok(Person {
            salutation: field("anrede"),
            title: field("titel"),
            name,
        })
    }

    /// "Dr. Martin Hagen"
    pub(super) fn with_title(&self) -> String {
        name_with_title(self.title.as_deref(), &self.name)
    }

    /// "Herrn Dr. Martin Hagen", "Frau Martina Klement" (as in "Briefing für ...").
    pub(super) fn accusative(&self) -> String {
        match self.salutation.as_deref() {
            Some("Herr") => format!("Herrn {}", self.with_title()),
            Some(other) => format!("{other} {}", self.with_title()),
            None => self.with_title(),
        }
    }

    /// "Sehr geehrter Herr Dr. Hagen", "Sehr geehrte Frau Klement", "Guten Tag Kim Muster".
    pub(super) fn salutation(&self) -> String {
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

/// How group nouns and persons of unknown gender are written: one type with the
/// configuration's `schreibweise`, so the setting and the filters cannot disagree.
pub use crate::load::config::GroupStyle as Style;

/// The style a template (or, later, the configuration) sets in the variable `schreibweise`.
pub(super) fn style_of(state: &State) -> Result<Style, Error> {
    match state.lookup("schreibweise") {
        Some(value) if !value.is_undefined() && !value.is_none() => {
            let text = value.as_str().unwrap_or_default();
            Style::parse(text).ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    messages::render::unknown_group_style(&value),
                )
            })
        }
        _ => Ok(Style::PairForm),
    }
}

/// Whom a role noun names: one person or several, by what their salutations say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// One person.
    One(Sex),
    /// Several persons.
    Many(Sex),
}

/// What the salutations tell: all "Herr", all "Frau", or unknown/mixed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sex {
    /// "Herr" (all of them).
    Male,
    /// "Frau" (all of them).
    Female,
    /// No salutation, or mixed.
    Unknown,
}

pub(super) fn sex_of(person: &Value) -> Sex {
    let salutation = person.get_attr("anrede").ok();
    match salutation.as_ref().and_then(Value::as_str).map(str::trim) {
        Some("Herr") => Sex::Male,
        Some("Frau") => Sex::Female,
        _ => Sex::Unknown,
    }
}

/// A person (map) is one; a list of one person is that person; a longer list is a group of
/// the sex all share; anything else (e.g. the word "alle") is a group of unknown sex.
pub(super) fn group_of(value: &Value) -> Group {
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
