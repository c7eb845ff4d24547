//! `beschluesse.yaml`: the council's decisions and its session dates.

use chrono::NaiveDate;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{location_of, non_empty, parse_file_all};
use crate::diagnostics::{Diagnostics, Location};
use crate::messages;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDecisions {
    beschluesse: Vec<RawDecision>,
    /// The council's own session dates.
    #[serde(default)]
    sitzungen: Vec<RawSession>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSession {
    datum: Spanned<String>,
    nummer: String,
}

/// A session of the IT-Planungsrat (`sitzungen:` in `beschluesse.yaml`).
#[derive(Debug, Clone)]
pub struct SessionEntry {
    /// Its date.
    pub date: NaiveDate,
    /// "52. Sitzung".
    pub number: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDecision {
    nummer: Spanned<String>,
    titel: String,
    datum: Spanned<String>,
    #[serde(default)]
    sitzung: Option<String>,
    #[serde(default)]
    kurz: Option<String>,
    #[serde(default)]
    punkte: Vec<String>,
    relevant_fuer: Spanned<RawRelevance>,
    #[serde(default)]
    link: Option<Spanned<String>>,
    #[serde(default)]
    einreichend: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawRelevance {
    Word(String),
    Codes(Vec<String>),
}

/// For which conferences a decision matters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Relevance {
    /// `relevant_fuer: alle`
    All,
    /// A list of conference codes.
    Codes(Vec<String>),
}

/// One decision of the council, as written in `beschluesse.yaml`.
#[derive(Debug, Clone)]
pub struct DecisionEntry {
    /// `nummer`.
    pub number: String,
    /// Where the number is written.
    pub number_at: Location,
    /// `titel`.
    pub title: String,
    /// `datum`.
    pub date: NaiveDate,
    /// `sitzung`.
    pub session: Option<String>,
    /// `kurz` (Markdown).
    pub summary: Option<String>,
    /// `punkte` (Markdown).
    pub points: Vec<String>,
    /// `relevant_fuer`.
    pub relevance: Relevance,
    /// Where `relevant_fuer` is written.
    pub relevance_at: Location,
    /// `link`.
    pub link: Option<String>,
    /// Where the link is written.
    pub link_at: Option<Location>,
    /// `einreichend`.
    pub submitted_by: Option<String>,
}

/// The decisions file, as read.
#[derive(Debug, Clone)]
pub struct Decisions {
    /// The file.
    pub file: PathBuf,
    /// The decisions, in file order.
    pub entries: Vec<DecisionEntry>,
    /// The council's sessions, by date.
    pub sessions: Vec<SessionEntry>,
}

/// Reads `beschluesse.yaml`; a date that is not `YYYY-MM-DD` is reported with its line.
pub fn load_decisions(path: &Path) -> Result<Decisions, Diagnostics> {
    let raw: RawDecisions = parse_file_all(path)?;
    let mut diagnostics = Diagnostics::new();
    let mut entries = Vec::with_capacity(raw.beschluesse.len());
    for decision in raw.beschluesse {
        let date_at = location_of(path, &decision.datum);
        let Ok(date) = NaiveDate::parse_from_str(decision.datum.value.trim(), "%Y-%m-%d") else {
            diagnostics.error(
                date_at,
                messages::inputs::decision_date(&decision.nummer.value, &decision.datum.value),
            );
            continue;
        };
        let relevance_at = location_of(path, &decision.relevant_fuer);
        let relevance = match decision.relevant_fuer.value {
            RawRelevance::Word(word) if word.trim().eq_ignore_ascii_case("alle") => Relevance::All,
            RawRelevance::Word(word) => {
                // A single code written without brackets is a common shorthand.
                Relevance::Codes(vec![word.trim().to_string()])
            }
            RawRelevance::Codes(codes) => {
                Relevance::Codes(codes.into_iter().map(|c| c.trim().to_string()).collect())
            }
        };
        entries.push(DecisionEntry {
            number_at: location_of(path, &decision.nummer),
            number: decision.nummer.value.trim().to_string(),
            title: decision.titel.trim().to_string(),
            date,
            session: non_empty(decision.sitzung),
            summary: non_empty(decision.kurz),
            points: decision.punkte,
            relevance,
            relevance_at,
            link_at: decision.link.as_ref().map(|link| location_of(path, link)),
            link: non_empty(decision.link.map(|link| link.value)),
            submitted_by: non_empty(decision.einreichend),
        });
    }
    let mut sessions = Vec::with_capacity(raw.sitzungen.len());
    for session in raw.sitzungen {
        match NaiveDate::parse_from_str(session.datum.value.trim(), "%Y-%m-%d") {
            Ok(date) => sessions.push(SessionEntry {
                date,
                number: session.nummer.trim().to_string(),
            }),
            Err(_) => diagnostics.error(
                location_of(path, &session.datum),
                messages::inputs::session_date(&session.datum.value),
            ),
        }
    }
    sessions.sort_by_key(|session| session.date);
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(Decisions {
        file: path.to_path_buf(),
        entries,
        sessions,
    })
}
