//! Stage 1: reading the inputs of one month.
//!
//! The only stage that reads the project's files: the roster and decisions (YAML), the month's
//! two MPK spreadsheets, the configuration ([`config`]), the templates' texts ([`templates`])
//! and the design files ([`design`]). It returns plain records with their source locations
//! and every problem it found; it does not join or judge the records (that is the model's
//! job), render or parse templates.

pub mod blocks;
pub mod config;
pub mod dates;
pub mod design;
pub mod fs;
pub mod headers;
pub mod templates;
pub mod xlsx;
pub mod yaml;

use std::path::{Path, PathBuf};

use self::config::Config;
use crate::diagnostics::{Diagnostics, Location};
use crate::messages;
use crate::month::Month;
pub use xlsx::{ContactRecord, MeetingDate, MeetingRecord, SkipReason, SkippedRow};
pub use yaml::{ConferenceEntry, DecisionEntry, Decisions, Relevance, Roster, SpokespersonEntry};

/// The roster file inside the inputs folder.
pub const ROSTER_FILE: &str = "sprecher.yaml";
/// The decisions file inside the inputs folder.
pub const DECISIONS_FILE: &str = "beschluesse.yaml";

/// Everything read for one month.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The month read.
    pub month: Month,
    /// `sprecher.yaml`.
    pub roster: Roster,
    /// `beschluesse.yaml`.
    pub decisions: Decisions,
    /// The contact list of the month.
    pub contacts_file: PathBuf,
    /// Its rows.
    pub contacts: Vec<ContactRecord>,
    /// The meeting list of the month.
    pub meetings_file: PathBuf,
    /// Its rows.
    pub meetings: Vec<MeetingRecord>,
    /// Spreadsheet rows that could not be used (already reported as warnings).
    pub skipped_rows: Vec<SkippedRow>,
    /// The lists of the newest month folder before `month`, for the changes since then.
    pub previous: Option<PreviousMonth>,
    /// Every file read, so a later step can tell whether its output is older than them.
    pub sources: Vec<PathBuf>,
}

/// The two MPK lists of an earlier month: only compared with the current ones.
#[derive(Debug, Clone)]
pub struct PreviousMonth {
    /// That month.
    pub month: Month,
    /// Its contact rows.
    pub contacts: Vec<ContactRecord>,
    /// Its meeting rows.
    pub meetings: Vec<MeetingRecord>,
}

/// Reads the inputs of `month`. On success the diagnostics hold only warnings; any error
/// fails the whole load, with every problem found in any file.
pub fn load(
    inputs_dir: &Path,
    month: Month,
    config: &Config,
) -> Result<(Inputs, Diagnostics), Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let roster = yaml::load_roster(&inputs_dir.join(ROSTER_FILE));
    let decisions = yaml::load_decisions(&inputs_dir.join(DECISIONS_FILE));

    let month_dir = inputs_dir.join(month.to_string());
    let options = config.sheet_options();
    let (mut contacts, mut meetings) = (None, None);
    if month_dir.is_dir() {
        let contacts_file = find_sheet_file(&month_dir, &config.contacts_prefix);
        let meetings_file = find_sheet_file(&month_dir, &config.meetings_prefix);
        contacts =
            Some(contacts_file.and_then(|path| {
                xlsx::read_contacts(&path, &options).map(|records| (path, records))
            }));
        meetings =
            Some(meetings_file.and_then(|path| {
                xlsx::read_meetings(&path, &options).map(|records| (path, records))
            }));
    } else {
        diagnostics.error(
            Location::file(&month_dir),
            messages::inputs::no_month_folder(month),
        );
    }

    let roster = collect(roster, &mut diagnostics);
    let decisions = collect(decisions, &mut diagnostics);
    let contacts = contacts.and_then(|result| collect(result, &mut diagnostics));
    let meetings = meetings.and_then(|result| collect(result, &mut diagnostics));
    let (Some(roster), Some(decisions), Some(contacts), Some(meetings)) =
        (roster, decisions, contacts, meetings)
    else {
        return Err(diagnostics);
    };
    let ((contacts_file, contacts), (meetings_file, meetings)) = (contacts, meetings);
    diagnostics.extend(contacts.diagnostics);
    diagnostics.extend(meetings.diagnostics);
    let skipped_rows = contacts
        .skipped
        .into_iter()
        .chain(meetings.skipped)
        .collect();
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let mut sources = vec![
        inputs_dir.join(ROSTER_FILE),
        inputs_dir.join(DECISIONS_FILE),
        contacts_file.clone(),
        meetings_file.clone(),
    ];
    let previous = load_previous(inputs_dir, month, config, &mut diagnostics, &mut sources);
    let inputs = Inputs {
        month,
        roster,
        decisions,
        contacts_file,
        contacts: contacts.records,
        meetings_file,
        meetings: meetings.records,
        skipped_rows,
        previous,
        sources,
    };
    Ok((inputs, diagnostics))
}

/// Reads the lists of the newest month folder before `month`, if there is one. Its own
/// warnings were reported in its month and are not repeated; if it cannot be read, that is a
/// warning (the changes are then not shown), never an error of this month.
fn load_previous(
    inputs_dir: &Path,
    month: Month,
    config: &Config,
    diagnostics: &mut Diagnostics,
    sources: &mut Vec<PathBuf>,
) -> Option<PreviousMonth> {
    let previous = months(inputs_dir)
        .ok()?
        .into_iter()
        .rfind(|candidate| *candidate < month)?;
    let dir = inputs_dir.join(previous.to_string());
    let options = config.sheet_options();
    let contacts = find_sheet_file(&dir, &config.contacts_prefix).and_then(|path| {
        sources.push(path.clone());
        xlsx::read_contacts(&path, &options)
    });
    let meetings = find_sheet_file(&dir, &config.meetings_prefix).and_then(|path| {
        sources.push(path.clone());
        xlsx::read_meetings(&path, &options)
    });
    match (contacts, meetings) {
        (Ok(contacts), Ok(meetings))
            if !contacts.diagnostics.has_errors() && !meetings.diagnostics.has_errors() =>
        {
            Some(PreviousMonth {
                month: previous,
                contacts: contacts.records,
                meetings: meetings.records,
            })
        }
        _ => {
            diagnostics.warning(
                Location::file(&dir),
                messages::inputs::previous_month_unreadable(previous),
            );
            None
        }
    }
}

fn collect<T>(result: Result<T, Diagnostics>, diagnostics: &mut Diagnostics) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    }
}

/// The month folders in `inputs_dir` (named `YYYY-MM`), oldest first.
pub fn months(inputs_dir: &Path) -> Result<Vec<Month>, Diagnostics> {
    let entries = std::fs::read_dir(inputs_dir).map_err(|error| {
        let mut diagnostics = Diagnostics::new();
        diagnostics.error(
            Location::file(inputs_dir),
            messages::inputs::inputs_folder_unreadable(error),
        );
        diagnostics
    })?;
    let mut months: Vec<Month> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .filter_map(|entry| entry.file_name().to_str()?.parse().ok())
        .collect();
    months.sort();
    Ok(months)
}

/// The endings of the spreadsheet formats read (the format itself is taken from the content).
const SPREADSHEET_ENDINGS: &[&str] = &[".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"];

/// The single spreadsheet in `dir` whose name starts with `prefix` (ignoring case). Other
/// files with that name (a `.csv`) are named in the error; with none at all, the error lists
/// the folder's files.
fn find_sheet_file(dir: &Path, prefix: &str) -> Result<PathBuf, Diagnostics> {
    let fail = |message: String| {
        let mut diagnostics = Diagnostics::new();
        diagnostics.error(Location::file(dir), message);
        diagnostics
    };
    let entries =
        std::fs::read_dir(dir).map_err(|error| fail(messages::inputs::folder_unreadable(error)))?;
    let mut files: Vec<(PathBuf, String)> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| !path.is_dir())
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_string();
            Some((path, name))
        })
        // Excel's lock files (~$name.xlsx) sit beside an open workbook.
        .filter(|(_, name)| !name.starts_with("~$"))
        .collect();
    files.sort();
    let named: Vec<&(PathBuf, String)> = files
        .iter()
        .filter(|(_, name)| name.to_lowercase().starts_with(prefix))
        .collect();
    let mut matches: Vec<PathBuf> = named
        .iter()
        .filter(|(_, name)| {
            let name = name.to_lowercase();
            SPREADSHEET_ENDINGS
                .iter()
                .any(|ending| name.ends_with(ending))
        })
        .map(|(path, _)| path.clone())
        .collect();
    match matches.len() {
        1 => Ok(matches.remove(0)),
        0 if !named.is_empty() => Err(fail(messages::inputs::no_readable_spreadsheet(
            prefix,
            &named
                .iter()
                .map(|(_, name)| name.as_str())
                .collect::<Vec<_>>(),
        ))),
        0 => Err(fail(messages::inputs::no_spreadsheet(
            prefix,
            &files
                .iter()
                .map(|(_, name)| name.as_str())
                .collect::<Vec<_>>(),
        ))),
        _ => Err(fail(messages::inputs::several_spreadsheets(
            prefix,
            &matches
                .iter()
                .filter_map(|path| path.file_name()?.to_str())
                .collect::<Vec<_>>(),
        ))),
    }
}
