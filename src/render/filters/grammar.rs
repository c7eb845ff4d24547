//! Grammar of a body's name: its gender (from the roster or the head noun), the definite
//! article in four cases, the genitive ending; lists joined with "und".

use minijinja::value::{Value, ValueKind};
use minijinja::{Error, ErrorKind};

use super::not_a;
use crate::messages;

/// "A", "A und B", "A, B und C".
pub fn join_with_und(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} und {last}", rest.join(", ")),
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
    /// der
    Masculine,
    /// die
    Feminine,
    /// das
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
pub(super) fn split_at_head(name: &str) -> (&str, &str) {
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
pub(super) fn head_word(name: &str) -> &str {
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
    /// wer oder was
    Nominative,
    /// wessen
    Genitive,
    /// wem
    Dative,
    /// wen oder was
    Accusative,
}

impl Case {
    /// The case a filter argument names; no argument means nominative.
    pub(super) fn of(name: Option<&str>) -> Result<Case, Error> {
        match name.map(|n| n.trim().to_lowercase()).as_deref() {
            None | Some("nominativ") => Ok(Case::Nominative),
            Some("genitiv") => Ok(Case::Genitive),
            Some("dativ") => Ok(Case::Dative),
            Some("akkusativ") => Ok(Case::Accusative),
            Some(other) => Err(Error::new(
                ErrorKind::InvalidOperation,
                messages::render::unknown_case(other),
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
pub(super) fn genitive_ending(head: &str) -> &'static str {
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
pub(super) struct Noun {
    name: String,
    pub(super) genus: Genus,
}

impl Noun {
    /// A conference (map with `name`, optional `genus`) or a plain name. Without a known
    /// gender the noun counts as feminine, the gender of "-konferenz", the common case.
    pub(super) fn of(value: &Value) -> Result<Noun, Error> {
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
                .ok_or_else(|| not_a(value, messages::render::A_CONFERENCE))?;
            let genus = value.get_attr("genus").ok().and_then(|v| text(&v));
            (name, genus)
        } else {
            (
                text(value).ok_or_else(|| not_a(value, messages::render::A_NAME))?,
                None,
            )
        };
        let genus = explicit
            .as_deref()
            .and_then(Genus::parse)
            .or_else(|| genus_from_name(&name))
            .unwrap_or(Genus::Feminine);
        Ok(Noun { name, genus })
    }

    /// "dem E-Justice-Rat", "des E-Justice-Rates von Bund und Ländern".
    pub(super) fn with_article(&self, case: Case) -> String {
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
