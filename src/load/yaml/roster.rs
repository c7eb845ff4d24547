//! `sprecher.yaml`: the conferences and the spokespersons, each value with its location.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{location_of, non_empty, parse_file_all};
use crate::diagnostics::{Diagnostics, Location};
use crate::messages;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoster {
    konferenzen: Vec<RawConference>,
    sprecher: Vec<RawSpokesperson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConference {
    kuerzel: Spanned<String>,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    themen: Vec<String>,
    /// Grammatical gender for the articles: m, f or n.
    #[serde(default)]
    genus: Option<Spanned<String>>,
    /// The code of the conference this one delegated the cooperation to.
    #[serde(default)]
    uebertragen_an: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpokesperson {
    id: Spanned<String>,
    #[serde(default)]
    anrede: Option<Spanned<String>>,
    #[serde(default)]
    titel: Option<String>,
    name: String,
    #[serde(default)]
    funktion: Option<String>,
    #[serde(default)]
    land: Option<String>,
    #[serde(default)]
    email: Option<Spanned<String>>,
    konferenzen: Vec<Spanned<String>>,
}

/// The roster of conferences and spokespersons, as written in `sprecher.yaml`.
#[derive(Debug, Clone)]
pub struct Roster {
    /// The file.
    pub file: PathBuf,
    /// `konferenzen`, in file order.
    pub conferences: Vec<ConferenceEntry>,
    /// `sprecher`, in file order.
    pub spokespersons: Vec<SpokespersonEntry>,
}

#[derive(Debug, Clone)]
/// One entry of `konferenzen`.
pub struct ConferenceEntry {
    /// `kuerzel`.
    pub code: String,
    /// Where the code is written.
    pub code_at: Location,
    /// `name`.
    pub name: String,
    /// `aliases`.
    pub aliases: Vec<String>,
    /// `themen`.
    pub topics: Vec<String>,
    /// `genus`: "m", "f" or "n" (checked).
    pub gender: Option<String>,
    /// `uebertragen_an`: the code it delegated the cooperation to, and where it is written.
    pub delegated_to: Option<(String, Location)>,
}

#[derive(Debug, Clone)]
/// One entry of `sprecher`.
pub struct SpokespersonEntry {
    /// `id`.
    pub id: String,
    /// Where the id is written.
    pub id_at: Location,
    /// Where `anrede` is written (the entry's id when it is not).
    pub salutation_at: Location,
    /// `anrede`.
    pub salutation: Option<String>,
    /// `titel`.
    pub title: Option<String>,
    /// `name`.
    pub name: String,
    /// `funktion`.
    pub function: Option<String>,
    /// `land`.
    pub state: Option<String>,
    /// `email`.
    pub email: Option<String>,
    /// Where the address is written.
    pub email_at: Option<Location>,
    /// Conference codes with the place each was written.
    pub conferences: Vec<(String, Location)>,
}

/// Reads `sprecher.yaml`.
pub fn load_roster(path: &Path) -> Result<Roster, Diagnostics> {
    let raw: RawRoster = parse_file_all(path)?;
    let mut problems = Diagnostics::new();
    let conferences = raw
        .konferenzen
        .into_iter()
        .map(|conference| {
            let gender = conference.genus.as_ref().and_then(|genus| {
                let value = genus.value.trim().to_lowercase();
                if matches!(value.as_str(), "m" | "f" | "n") {
                    Some(value)
                } else {
                    problems.error(
                        location_of(path, genus),
                        messages::inputs::gender(&genus.value),
                    );
                    None
                }
            });
            ConferenceEntry {
                code_at: location_of(path, &conference.kuerzel),
                code: conference.kuerzel.value.trim().to_string(),
                name: conference.name.trim().to_string(),
                aliases: conference.aliases,
                topics: conference.themen,
                gender,
                delegated_to: conference
                    .uebertragen_an
                    .as_ref()
                    .map(|code| (code.value.trim().to_string(), location_of(path, code))),
            }
        })
        .collect();
    if problems.has_errors() {
        return Err(problems);
    }
    let spokespersons = raw
        .sprecher
        .into_iter()
        .map(|person| SpokespersonEntry {
            id_at: location_of(path, &person.id),
            id: person.id.value.trim().to_string(),
            salutation_at: person
                .anrede
                .as_ref()
                .map_or_else(|| location_of(path, &person.id), |a| location_of(path, a)),
            salutation: non_empty(person.anrede.map(|a| a.value)),
            title: non_empty(person.titel),
            name: person.name.trim().to_string(),
            function: non_empty(person.funktion),
            state: non_empty(person.land),
            email_at: person.email.as_ref().map(|email| location_of(path, email)),
            email: non_empty(person.email.map(|email| email.value)),
            conferences: person
                .konferenzen
                .iter()
                .map(|code| (code.value.trim().to_string(), location_of(path, code)))
                .collect(),
        })
        .collect();
    Ok(Roster {
        file: path.to_path_buf(),
        conferences,
        spokespersons,
    })
}
