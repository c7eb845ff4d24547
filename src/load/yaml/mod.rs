//! Reading the YAML inputs: the roster (`sprecher.yaml`) and the decisions
//! (`beschluesse.yaml`).
//!
//! This module turns the files into plain records that remember where each value came from
//! (file, line, column), so that later checks (an unknown conference code, a duplicate id) can
//! still point at the spot. It checks only what YAML and the record shapes can tell (syntax,
//! unknown keys, wrong types, required fields, date syntax); relations between records are
//! checked by the model.
//!
//! This file holds the parser; [`roster`] and [`decisions`] the two files' records. The
//! messages are in [`crate::messages::inputs`].

use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostics, Location};
use crate::messages;

mod decisions;
mod german;
mod roster;
#[cfg(test)]
mod tests;

pub use decisions::{DecisionEntry, Decisions, Relevance, SessionEntry, load_decisions};
pub use roster::{ConferenceEntry, Roster, SpokespersonEntry, load_roster};

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
    /// Where the problem is: the file, and its line and column when known.
    pub fn location(&self) -> Location {
        match self.line {
            Some((line, column)) => Location::line(&self.file, line, column),
            None => Location::file(&self.file),
        }
    }

    /// What is wrong, in words.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)
    }
}

/// Reads and deserializes a YAML file, naming the file in the error (the first problem).
pub fn parse_file<T: DeserializeOwned>(path: &Path) -> Result<T, YamlError> {
    parse_file_all(path).map_err(YamlErrors::into_first)
}

/// Deserializes YAML text (the first problem); `path` only names the source in errors.
pub fn parse_str<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, YamlError> {
    parse_str_all(text, path).map_err(YamlErrors::into_first)
}

/// Reads and deserializes a YAML file, with every unknown key reported.
pub fn parse_file_all<T: DeserializeOwned>(path: &Path) -> Result<T, YamlErrors> {
    let bytes = super::fs::read_bounded(path, MAX_YAML_BYTES).map_err(|error| {
        YamlErrors::from(YamlError {
            file: path.to_path_buf(),
            line: None,
            message: error.reason(),
        })
    })?;
    let text = super::templates::text_of(bytes).map_err(|line| {
        YamlErrors::from(YamlError {
            file: path.to_path_buf(),
            line: Some((line, 1)),
            message: messages::inputs::NOT_UTF8.to_string(),
        })
    })?;
    parse_str_all(&text, path)
}

/// Most unknown keys reported for one file.
const MAX_UNKNOWN_KEYS: usize = 50;

/// Deserializes YAML text; `path` is only used to name the source in errors. Every unknown
/// key of the file is reported, not only the first: after one, its lines are blanked (line
/// numbers stay) and the text is read again.
pub fn parse_str_all<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, YamlErrors> {
    let mut errors = Vec::new();
    // Decomposed umlauts (macOS, web forms) compare unequal to composed ones: NFC first.
    let mut current = crate::text::nfc(text);
    loop {
        match parse_once::<T>(&current, path) {
            Ok(value) if errors.is_empty() => return Ok(value),
            Ok(_) => return Err(YamlErrors(errors)),
            Err((error, unknown_key_line)) => {
                errors.push(error);
                match unknown_key_line {
                    Some(line) if errors.len() < MAX_UNKNOWN_KEYS => {
                        current = blank_entry(&current, line);
                    }
                    _ => return Err(YamlErrors(errors)),
                }
            }
        }
    }
}

/// Every problem found in one YAML file.
#[derive(Debug)]
pub struct YamlErrors(pub Vec<YamlError>);

impl YamlErrors {
    fn into_first(self) -> YamlError {
        self.0.into_iter().next().expect("at least one error")
    }
}

impl From<YamlError> for YamlErrors {
    fn from(error: YamlError) -> Self {
        YamlErrors(vec![error])
    }
}

impl From<YamlErrors> for Diagnostics {
    fn from(errors: YamlErrors) -> Self {
        let mut diagnostics = Diagnostics::new();
        for error in errors.0 {
            diagnostics.error(error.location(), error.message);
        }
        diagnostics
    }
}

/// The text with the entry starting at `line` (1-based) and the lines indented below it
/// replaced by empty lines (a list item's dash stays, so the item stays in place).
fn blank_entry(text: &str, line: u64) -> String {
    let index = usize::try_from(line)
        .unwrap_or(usize::MAX)
        .saturating_sub(1);
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut out = Vec::new();
    let mut key_column = None;
    for (number, content) in text.split('\n').enumerate() {
        if number == index {
            let key_at = content.len() - content.trim_start_matches([' ', '-']).len();
            key_column = Some(key_at);
            let dash = content[..key_at].rfind('-').map_or(0, |at| at + 1);
            out.push(content[..dash].to_string());
            continue;
        }
        if let Some(column) = key_column {
            if content.trim().is_empty() || indent(content) > column {
                out.push(String::new());
                continue;
            }
            key_column = None;
        }
        out.push(content.to_string());
    }
    out.join("\n")
}

fn parse_once<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, (YamlError, Option<u64>)> {
    serde_saphyr::from_str_with_options(text, options()).map_err(|error| {
        let line = error
            .location()
            .filter(|location| location.line() > 0)
            .map(|location| (location.line(), location.column()));
        let raw = error.without_snippet().to_string();
        if raw.contains("found a tab") || raw.contains("tabs disallowed") {
            // The parser reports a spot near the tab (the end of the value before, or just
            // after it); the first tab from the start of that line is the one.
            let at = line.map_or(Some((1, 1)), |(l, _)| first_tab_from(text, l, 1));
            return (
                YamlError {
                    file: path.to_path_buf(),
                    line: at.or(line),
                    message: messages::inputs::TAB.to_string(),
                },
                None,
            );
        }
        // The parser's first line without its " at line L, column C".
        let first = raw.lines().next().unwrap_or_default().trim();
        let first = first
            .rfind(" at line ")
            .map_or(first, |index| &first[..index]);
        if let Some((at, message)) = german::explain(text, first.trim_end_matches('.'), line) {
            return (
                YamlError {
                    file: path.to_path_buf(),
                    line: Some(at),
                    message,
                },
                None,
            );
        }
        if let Some(rest) = raw.split("duplicate mapping key: ").nth(1) {
            let key = rest.split(',').next().unwrap_or(rest).trim();
            return (
                YamlError {
                    file: path.to_path_buf(),
                    line,
                    message: messages::inputs::duplicate_key(key),
                },
                None,
            );
        }
        let key = line.and_then(|(line, _)| key_on_line(text, line));
        let mut message = plain_message(&error);
        let unknown_key = raw.contains("unknown field").then_some(line).flatten();
        if let Some(key) = key
            && !message.contains(&format!("„{key}“"))
        {
            message = format!("{key}: {message}");
        }
        (
            YamlError {
                file: path.to_path_buf(),
                line,
                message,
            },
            unknown_key.map(|(line, _)| line),
        )
    })
}

/// Line and column (1-based) of the first tab at or after a position.
fn first_tab_from(text: &str, line: u64, column: u64) -> Option<(u64, u64)> {
    for (number, content) in text
        .split('\n')
        .enumerate()
        .skip(usize::try_from(line).ok()?.saturating_sub(1))
    {
        let number = number as u64 + 1;
        let skip = if number == line {
            column.saturating_sub(1) as usize
        } else {
            0
        };
        if let Some((at, _)) = content
            .chars()
            .enumerate()
            .skip(skip)
            .find(|(_, c)| *c == '\t')
        {
            return Some((number, at as u64 + 1));
        }
    }
    None
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
        BudgetBreach::Depth { .. } => messages::inputs::too_deep(MAX_DEPTH),
        BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => {
            messages::inputs::too_many_aliases(MAX_ALIASES)
        }
        BudgetBreach::Nodes { .. }
        | BudgetBreach::Events { .. }
        | BudgetBreach::ScalarBytes { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. }
        | BudgetBreach::AliasAnchorRatio { .. } => {
            messages::inputs::too_large(MAX_NODES, MAX_TEXT_MIB)
        }
        BudgetBreach::InclusionDepth { .. } => messages::inputs::NO_INCLUDES.to_string(),
        other => messages::inputs::other_limit(&format!("{other:?}")),
    }
}

/// serde's wording in the words an editor uses.
fn reword(message: &str) -> Option<String> {
    let quoted = |text: &str| format!("„{}“", text.trim_matches('`'));
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let allowed = expected.trim_start_matches("one of ").replace('`', "");
        return Some(messages::inputs::unknown_field(&quoted(field), &allowed));
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return Some(messages::inputs::missing_field(&quoted(field)));
    }
    let plain = match message {
        "recursion limit exceeded" => {
            return Some(messages::inputs::too_deep(MAX_DEPTH));
        }
        "expected sequence start" => messages::inputs::EXPECTED_LIST,
        "expected mapping start" => messages::inputs::EXPECTED_GROUP,
        "expected string scalar" => messages::inputs::EXPECTED_TEXT,
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
