//! The send log `out/versand-YYYY-MM.log`: one CSV line per event of `briefing send`,
//! appended and synced before the next step, so a re-run knows what already went out.
//!
//! Events: `versand` (written right before DATA: the message is about to go to the server),
//! `gesendet` (the server accepted it), `fehlgeschlagen` (the server refused it after DATA, so
//! it did not go). A `versand` without one of the other two is "unknown": the run ended while the
//! message was with the server. Column `art` says which kind of message a line is about
//! (first delivery, correction, repeat, or an arrival recorded by hand); logs begun before it
//! keep seven columns. Times are UTC (RFC 3339); what users see of them is German local time
//! ([`crate::month::german_time_of`]). The log sits beside the month folder, never in it, so a
//! rebuild cannot replace or lose it; earlier versions kept it as `out/YYYY-MM/versand.log`
//! (every line a delivery), which is read as well. This module reads and appends lines;
//! deciding what to send is `send`'s job.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::layout::MonthLayout;
use super::{FsError, fs_error};
use crate::messages::output as messages;

/// What happened to a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Event {
    /// About to be handed to the server.
    Versand,
    /// Accepted by the server (it answered 250 to the message).
    Gesendet,
    /// Refused by the server or never reached it: it did not go out.
    Fehlgeschlagen,
}

/// Which kind of message a line is about (column `art`; logs written before it have
/// none, and their lines read as [`Art::Erstversand`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Art {
    /// The first delivery of the month's briefing (or a retry of it).
    #[default]
    Erstversand,
    /// A corrected version replacing one the person received.
    Korrektur,
    /// The same version sent again on request (`--resend`).
    Erneut,
    /// An unknown delivery the user confirmed as arrived (`--angekommen`); nothing was sent.
    Vermerkt,
}

impl Art {
    fn parse(text: &str) -> Art {
        match text {
            "korrektur" => Art::Korrektur,
            "erneut" => Art::Erneut,
            "vermerkt" => Art::Vermerkt,
            _ => Art::Erstversand,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Art::Erstversand => "erstversand",
            Art::Korrektur => "korrektur",
            Art::Erneut => "erneut",
            Art::Vermerkt => "vermerkt",
        }
    }
}

/// One line of the send log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LogEntry {
    /// When (UTC, RFC 3339).
    pub zeit: String,
    /// The month of the briefing.
    pub monat: String,
    /// What happened.
    pub ereignis: Event,
    /// The spokesperson's id.
    pub id: String,
    /// The recipient's address.
    pub an: String,
    /// The Message-ID of the message.
    pub message_id: String,
    /// SHA-256 of the briefing.
    pub sha256: String,
    /// Which kind of message.
    pub art: Art,
}

/// The columns of the log, in order (`art` last: logs without it stay readable).
const COLUMNS: [&str; 8] = [
    "zeit",
    "monat",
    "ereignis",
    "id",
    "an",
    "message_id",
    "sha256",
    "art",
];

/// The send log cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    /// A file system operation failed.
    #[error(transparent)]
    Io(#[from] FsError),
    /// The log's content is not what this program writes.
    #[error("{}", messages::send_log_unreadable(path.display(), message))]
    Format {
        /// The log file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

fn format_error(path: &Path, message: impl ToString) -> LogError {
    LogError::Format {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

/// Every entry of the month: the old log in the month folder first (if any), then the log.
pub fn read_month(layout: &MonthLayout) -> Result<Vec<LogEntry>, LogError> {
    let mut entries = read_file(&layout.legacy_send_log(), &layout.month().to_string())?;
    entries.extend(read_file(&layout.send_log(), &layout.month().to_string())?);
    Ok(entries)
}

/// The entries of one log file (none if it does not exist). A file in the old format (no
/// `ereignis` column) lists deliveries only.
fn read_file(path: &Path, month: &str) -> Result<Vec<LogEntry>, LogError> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let mut bytes = std::fs::read(path).map_err(fs_error(path, messages::READ_SEND_LOG))?;
    // A run killed while writing leaves at most a partial last line; it is not an event (the
    // `versand` before it still makes the message "unknown").
    let complete = bytes
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |at| at + 1);
    bytes.truncate(complete);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes.as_slice());
    let headers = reader.headers().map_err(|e| format_error(path, e))?.clone();
    let column = |name: &str| headers.iter().position(|header| header == name);
    let mut entries = Vec::new();
    for record in reader.records() {
        let Ok(record) = record else { continue };
        if record.len() != headers.len() {
            continue;
        }
        let field = |name: &str| {
            column(name)
                .and_then(|index| record.get(index))
                .unwrap_or_default()
                .to_string()
        };
        let ereignis = match column("ereignis").map(|_| field("ereignis")).as_deref() {
            None => Event::Gesendet,
            Some("versand") => Event::Versand,
            Some("gesendet") => Event::Gesendet,
            Some("fehlgeschlagen") => Event::Fehlgeschlagen,
            Some(_) => continue,
        };
        let id = field("id");
        if id.is_empty() {
            continue;
        }
        let monat = Some(field("monat"))
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| month.to_string());
        entries.push(LogEntry {
            zeit: field("zeit"),
            monat,
            ereignis,
            id,
            an: field("an"),
            message_id: field("message_id"),
            sha256: field("sha256"),
            art: Art::parse(&field("art")),
        });
    }
    Ok(entries)
}

/// Appends one entry and syncs it to disk before the caller goes on. A log begun before the
/// `art` column existed gets lines without it, so every line matches its header.
pub fn append(path: &Path, entry: &LogEntry) -> Result<(), LogError> {
    let existing = std::fs::read(path).unwrap_or_default();
    let new = existing.is_empty();
    let header = existing.split(|&b| b == b'\n').next().unwrap_or_default();
    let with_art = new || String::from_utf8_lossy(header).trim_end().ends_with(",art");
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(fs_error(path, messages::OPEN_SEND_LOG))?;
    if !new && !existing.ends_with(b"\n") {
        // End a line torn by a killed run, so this entry starts a line of its own.
        file.write_all(b"\n")
            .map_err(fs_error(path, messages::WRITE_SEND_LOG))?;
    }
    let ereignis = match entry.ereignis {
        Event::Versand => "versand",
        Event::Gesendet => "gesendet",
        Event::Fehlgeschlagen => "fehlgeschlagen",
    };
    let fields = [
        entry.zeit.as_str(),
        entry.monat.as_str(),
        ereignis,
        entry.id.as_str(),
        entry.an.as_str(),
        entry.message_id.as_str(),
        entry.sha256.as_str(),
        entry.art.as_str(),
    ];
    let width = if with_art { 8 } else { 7 };
    let mut line = csv::Writer::from_writer(Vec::new());
    if new {
        line.write_record(COLUMNS)
            .map_err(|e| format_error(path, e))?;
    }
    line.write_record(&fields[..width])
        .map_err(|e| format_error(path, e))?;
    let line = line
        .into_inner()
        .map_err(|e| format_error(path, e.to_string()))?;
    // One write per event, so a kill leaves at most one torn line (which `read_file` skips).
    file.write_all(&line)
        .and_then(|()| file.sync_all())
        .map_err(fs_error(path, messages::WRITE_SEND_LOG))?;
    Ok(())
}

/// What the log says about one spokesperson's briefing of the month.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Every accepted delivery, oldest first.
    pub delivered: Vec<LogEntry>,
    /// The last attempt, if it has no outcome (the run ended while the server had it).
    pub unknown: Option<LogEntry>,
}

impl History {
    /// The last delivery, if any.
    pub fn last_delivery(&self) -> Option<&LogEntry> {
        self.delivered.last()
    }
}

/// The history of each id, from the entries in log order.
pub fn histories(entries: &[LogEntry]) -> BTreeMap<String, History> {
    let mut map: BTreeMap<String, History> = BTreeMap::new();
    for entry in entries {
        let history = map.entry(entry.id.clone()).or_default();
        match entry.ereignis {
            Event::Versand => history.unknown = Some(entry.clone()),
            Event::Gesendet => {
                history.unknown = None;
                history.delivered.push(entry.clone());
            }
            Event::Fehlgeschlagen => history.unknown = None,
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, ereignis: Event) -> LogEntry {
        LogEntry {
            zeit: "2026-11-28T10:00:00Z".into(),
            monat: "2026-11".into(),
            ereignis,
            id: id.into(),
            an: format!("{id}@example.org"),
            message_id: format!("<2026-11.{id}.1@fitko.de>"),
            sha256: "ab".into(),
            art: Art::Erstversand,
        }
    }

    #[test]
    fn the_log_tells_delivered_unknown_and_failed_apart() {
        let dir = tempfile::tempdir().unwrap();
        let layout = MonthLayout::new(dir.path(), "2026-11".parse().unwrap());
        let path = layout.send_log();
        for (id, event) in [
            ("a", Event::Versand),
            ("a", Event::Gesendet),
            ("b", Event::Versand),
            ("c", Event::Versand),
            ("c", Event::Fehlgeschlagen),
        ] {
            append(&path, &entry(id, event)).unwrap();
        }
        let entries = read_month(&layout).unwrap();
        assert_eq!(entries.len(), 5);
        let map = histories(&entries);
        assert_eq!(map["a"].delivered, vec![entry("a", Event::Gesendet)]);
        assert_eq!(map["a"].unknown, None);
        assert_eq!(map["b"].unknown, Some(entry("b", Event::Versand)));
        assert!(map["b"].delivered.is_empty());
        assert_eq!(map["c"], History::default());
    }

    #[test]
    fn an_old_log_in_the_month_folder_counts_as_delivered() {
        let dir = tempfile::tempdir().unwrap();
        let layout = MonthLayout::new(dir.path(), "2026-11".parse().unwrap());
        std::fs::create_dir_all(layout.folder()).unwrap();
        std::fs::write(
            layout.legacy_send_log(),
            "zeit,id,an,message_id,sha256\n2026-11-20T09:00:00Z,a,a@example.org,<x>,ab\n",
        )
        .unwrap();
        let map = histories(&read_month(&layout).unwrap());
        let last = map["a"].last_delivery().unwrap();
        assert_eq!(last.monat, "2026-11");
        assert_eq!(last.sha256, "ab");
        assert_eq!(last.ereignis, Event::Gesendet);
    }

    #[test]
    fn a_torn_last_line_is_not_an_event() {
        let dir = tempfile::tempdir().unwrap();
        let layout = MonthLayout::new(dir.path(), "2026-11".parse().unwrap());
        append(&layout.send_log(), &entry("a", Event::Versand)).unwrap();
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(layout.send_log())
            .unwrap();
        file.write_all(b"2026-11-28T10:00:01Z,2026-11,gesen")
            .unwrap();
        let map = histories(&read_month(&layout).unwrap());
        assert!(map["a"].unknown.is_some());
    }
}
