//! Reading the YAML inputs: the roster (`sprecher.yaml`) and the decisions
//! (`beschluesse.yaml`).
//!
//! This module turns the files into plain records that remember where each value came from
//! (file, line, column), so that later checks (an unknown conference code, a duplicate id) can
//! still point at the spot. It checks only what YAML and the record shapes can tell (syntax,
//! unknown keys, wrong types, required fields, date syntax); relations between records are
//! checked by the model.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostics, Location};

/// Largest YAML input accepted; the real files are a few kilobytes.
pub const MAX_YAML_BYTES: u64 = 8 * 1024 * 1024;

/// Deepest nesting of lists and groups accepted; the files need four levels.
pub const MAX_DEPTH: usize = 16;

/// Most anchors (`&name`) and most aliases (`*name`) accepted; the files need none.
pub const MAX_ALIASES: usize = 1_000;

/// Most values (scalars, lists, groups) in one file, counting those copied by aliases, so a
/// "billion laughs" file (aliases of aliases) is stopped early. A roster of 100 people and
/// 1000 decisions stay far below it.
pub const MAX_NODES: usize = 200_000;

/// Most text in one file, counting text repeated by aliases, in MiB.
pub const MAX_TEXT_MIB: usize = 16;

/// The parser's limits for our small, hand-written files.
fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.flow_nesting_limit = MAX_DEPTH;
    budget.max_aliases = MAX_ALIASES;
    budget.max_anchors = MAX_ALIASES;
    budget.max_nodes = MAX_NODES;
    budget.max_recorded_anchor_events = MAX_NODES;
    budget.max_total_scalar_bytes = MAX_TEXT_MIB * 1024 * 1024;
    budget.max_inclusion_depth = 0;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

/// A YAML file that could not be read or does not have the expected shape.
#[derive(Debug, thiserror::Error)]
pub struct YamlError {
    file: PathBuf,
    line: Option<(u64, u64)>,
    message: String,
}

impl YamlError {
    pub fn location(&self) -> Location {
        match self.line {
            Some((line, column)) => Location::line(&self.file, line, column),
            None => Location::file(&self.file),
        }
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)
    }
}

/// Reads and deserializes a YAML file, naming the file in every error.
pub fn parse_file<T: DeserializeOwned>(path: &Path) -> Result<T, YamlError> {
    let bytes = super::fs::read_bounded(path, MAX_YAML_BYTES).map_err(|error| YamlError {
        file: path.to_path_buf(),
        line: None,
        message: error.reason(),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| YamlError {
        file: path.to_path_buf(),
        line: None,
        message: "cannot read the file: stream did not contain valid UTF-8".to_string(),
    })?;
    parse_str(&text, path)
}

/// Deserializes YAML text; `path` is only used to name the source in errors.
pub fn parse_str<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, YamlError> {
    let text = &crate::text::nfc(text);
    serde_saphyr::from_str_with_options(text, options()).map_err(|error| {
        let line = error
            .location()
            .filter(|location| location.line() > 0)
            .map(|location| (location.line(), location.column()));
        let key = line.and_then(|(line, _)| key_on_line(text, line));
        let mut message = plain_message(&error);
        if let Some(key) = key
            && !message.contains(&format!("\"{key}\""))
        {
            message = format!("{key}: {message}");
        }
        YamlError {
            file: path.to_path_buf(),
            line,
            message,
        }
    })
}

/// The key written on a line (`    konferenzen: AMK` -> `konferenzen`), to name the field
/// in an error.
fn key_on_line(text: &str, line: u64) -> Option<&str> {
    let content = text
        .lines()
        .nth(usize::try_from(line).ok()?.checked_sub(1)?)?;
    let content = content.trim_start().trim_start_matches("- ").trim_start();
    let (key, _) = content.split_once(':')?;
    (!key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_')).then_some(key)
}

/// The error text without serde-saphyr's own location prefix and source excerpt, since the
/// caller prints the location in the project's uniform `file:line:column` format.
fn plain_message(error: &serde_saphyr::Error) -> String {
    let mut original = error;
    while let serde_saphyr::Error::AliasError { error, .. }
    | serde_saphyr::Error::WithSnippet { error, .. } = original
    {
        original = error;
    }
    if let serde_saphyr::Error::Budget { breach, .. } = original {
        return budget_message(breach);
    }
    let rendered = error.without_snippet().to_string();
    let first_line = rendered.lines().next().unwrap_or_default().trim();
    // serde-saphyr appends " at line L, column C"; the location is printed separately.
    let message = match first_line.rfind(" at line ") {
        Some(index) => &first_line[..index],
        None => first_line,
    };
    let message = message.trim_end_matches('.');
    reword(message).unwrap_or_else(|| message.to_string())
}

/// A breached parser limit in plain words.
fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach;
    match breach {
        BudgetBreach::Depth { .. } => format!(
            "the lists and groups are nested more than {MAX_DEPTH} levels deep; this file \
             needs only a few levels"
        ),
        BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => format!(
            "more than {MAX_ALIASES} anchors (&name) or aliases (*name); write the values out \
             instead"
        ),
        BudgetBreach::Nodes { .. }
        | BudgetBreach::Events { .. }
        | BudgetBreach::ScalarBytes { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. }
        | BudgetBreach::AliasAnchorRatio { .. } => format!(
            "the file holds more than {MAX_NODES} values or {MAX_TEXT_MIB} MiB of text \
             (aliases counted as often as they are used); it is refused as damaged or malicious"
        ),
        BudgetBreach::InclusionDepth { .. } => "includes (!include) are not allowed".to_string(),
        other => format!(
            "the file exceeds a size limit of the YAML reader ({other:?}); it is refused as \
             damaged or malicious"
        ),
    }
}

/// serde's wording in the words an editor uses.
fn reword(message: &str) -> Option<String> {
    let quoted = |text: &str| text.replace('`', "\"");
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let allowed = expected.trim_start_matches("one of ");
        return Some(match allowed.is_empty() {
            true => format!("unknown field {}", quoted(field)),
            false => format!("unknown field {}; allowed here: {allowed}", quoted(field)),
        });
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return Some(format!("the required field {} is missing", quoted(field)));
    }
    let plain = match message {
        "recursion limit exceeded" => {
            return Some(format!(
                "the lists and groups are nested more than {MAX_DEPTH} levels deep; this file \
                 needs only a few levels"
            ));
        }
        "expected sequence start" => {
            "a list is expected here, e.g. [IMK, GMK], or one \"- \" item per line"
        }
        "expected mapping start" => "a group of fields (\"name: value\" lines) is expected here",
        "expected string scalar" => "a single text value is expected here, not a list or group",
        _ => return None,
    };
    Some(plain.to_string())
}

fn location_of<T>(file: &Path, spanned: &Spanned<T>) -> Location {
    Location::line(file, spanned.referenced.line(), spanned.referenced.column())
}

/// Empty or blank optional text counts as absent, so templates can test it with `if`.
fn non_empty(value: Option<String>) -> Option<String> {
    value
        .map(|text| text.trim().to_string())
        .filter(|text| !text.is_empty())
}

// ---------------------------------------------------------------------------------------------
// sprecher.yaml

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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpokesperson {
    id: Spanned<String>,
    #[serde(default)]
    anrede: Option<String>,
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
    pub file: PathBuf,
    pub conferences: Vec<ConferenceEntry>,
    pub spokespersons: Vec<SpokespersonEntry>,
}

#[derive(Debug, Clone)]
pub struct ConferenceEntry {
    pub code: String,
    pub code_at: Location,
    pub name: String,
    pub aliases: Vec<String>,
    pub topics: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct SpokespersonEntry {
    pub id: String,
    pub id_at: Location,
    pub salutation: Option<String>,
    pub title: Option<String>,
    pub name: String,
    pub function: Option<String>,
    pub state: Option<String>,
    pub email: Option<String>,
    pub email_at: Option<Location>,
    /// Conference codes with the place each was written.
    pub conferences: Vec<(String, Location)>,
}

/// Reads `sprecher.yaml`.
pub fn load_roster(path: &Path) -> Result<Roster, Diagnostics> {
    let raw: RawRoster = parse_file(path)?;
    let conferences = raw
        .konferenzen
        .into_iter()
        .map(|conference| ConferenceEntry {
            code_at: location_of(path, &conference.kuerzel),
            code: conference.kuerzel.value.trim().to_string(),
            name: conference.name.trim().to_string(),
            aliases: conference.aliases,
            topics: conference.themen,
        })
        .collect();
    let spokespersons = raw
        .sprecher
        .into_iter()
        .map(|person| SpokespersonEntry {
            id_at: location_of(path, &person.id),
            id: person.id.value.trim().to_string(),
            salutation: non_empty(person.anrede),
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

// ---------------------------------------------------------------------------------------------
// beschluesse.yaml

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDecisions {
    beschluesse: Vec<RawDecision>,
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
    pub number: String,
    pub number_at: Location,
    pub title: String,
    pub date: NaiveDate,
    pub session: Option<String>,
    pub summary: Option<String>,
    pub points: Vec<String>,
    pub relevance: Relevance,
    pub relevance_at: Location,
    pub link: Option<String>,
    pub link_at: Option<Location>,
    pub submitted_by: Option<String>,
}

/// The decisions file, as read.
#[derive(Debug, Clone)]
pub struct Decisions {
    pub file: PathBuf,
    pub entries: Vec<DecisionEntry>,
}

/// Reads `beschluesse.yaml`; a date that is not `YYYY-MM-DD` is reported with its line.
pub fn load_decisions(path: &Path) -> Result<Decisions, Diagnostics> {
    let raw: RawDecisions = parse_file(path)?;
    let mut diagnostics = Diagnostics::new();
    let mut entries = Vec::with_capacity(raw.beschluesse.len());
    for decision in raw.beschluesse {
        let date_at = location_of(path, &decision.datum);
        let Ok(date) = NaiveDate::parse_from_str(decision.datum.value.trim(), "%Y-%m-%d") else {
            diagnostics.error(
                date_at,
                format!(
                    "decision {}: datum \"{}\" is not a date; write it as YYYY-MM-DD, e.g. 2023-03-29",
                    decision.nummer.value, decision.datum.value
                ),
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
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(Decisions {
        file: path.to_path_buf(),
        entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("input.yaml");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn roster_keeps_the_line_of_every_conference_code() {
        let (_dir, path) = write(
            "konferenzen:\n  - kuerzel: IMK\n    name: Innenministerkonferenz\n\
             sprecher:\n  - id: manke\n    name: Stephan Manke\n    konferenzen: [IMK, GMK]\n",
        );
        let roster = load_roster(&path).unwrap();
        assert_eq!(roster.conferences[0].code, "IMK");
        let (code, at) = &roster.spokespersons[0].conferences[1];
        assert_eq!(code, "GMK");
        assert_eq!(
            at.place,
            crate::diagnostics::Place::Line {
                line: 7,
                column: 24
            }
        );
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let (_dir, path) = write(
            "konferenzen: []\nsprecher:\n  - id: manke\n    name: X\n    konferenzen: []\n    telefon: 1\n",
        );
        let error = load_roster(&path).unwrap_err().to_string();
        assert!(error.starts_with("error: "), "{error}");
        assert!(error.contains("input.yaml:6:"), "{error}");
        assert!(
            error.contains("unknown field \"telefon\"; allowed here: id, anrede"),
            "{error}"
        );
    }

    #[test]
    fn decisions_accept_alle_and_lists_and_reject_bad_dates() {
        let (_dir, path) = write(
            "beschluesse:\n\
             - nummer: \"2023/07\"\n  titel: A\n  datum: 2023-03-29\n  relevant_fuer: alle\n\
             - nummer: \"2023/12\"\n  titel: B\n  datum: 2023-03-29\n  relevant_fuer: [UMK, WMK]\n",
        );
        let decisions = load_decisions(&path).unwrap();
        assert_eq!(decisions.entries[0].relevance, Relevance::All);
        assert_eq!(
            decisions.entries[1].relevance,
            Relevance::Codes(vec!["UMK".into(), "WMK".into()])
        );

        let (_dir, path) = write(
            "beschluesse:\n- nummer: \"2023/07\"\n  titel: A\n  datum: 29.03.2023\n  relevant_fuer: alle\n",
        );
        let error = load_decisions(&path).unwrap_err().to_string();
        assert!(error.contains("input.yaml:4:"), "{error}");
        assert!(error.contains("YYYY-MM-DD"), "{error}");
    }
}
