//! The send log `versand.log`: one CSV line per message sent, appended and synced before the
//! next message goes out, so a re-run of `send` knows what already went out.
//!
//! This module reads and appends lines; deciding what to send is `deliver`'s job.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{FsError, fs_error};

/// One line of `versand.log`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LogEntry {
    /// When it was sent (UTC, RFC 3339).
    pub zeit: String,
    /// The spokesperson's id.
    pub id: String,
    /// The recipient's address.
    pub an: String,
    /// The Message-ID of the message.
    pub message_id: String,
    /// SHA-256 of the briefing sent.
    pub sha256: String,
}

/// The send log cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    /// A file system operation failed.
    #[error(transparent)]
    Io(#[from] FsError),
    /// The log's content is not what this program writes.
    #[error("{}: the send log cannot be read: {message}", path.display())]
    Format {
        /// The log file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

fn format_error(path: &Path) -> impl Fn(csv::Error) -> LogError + '_ {
    move |error| LogError::Format {
        path: path.to_path_buf(),
        message: error.to_string(),
    }
}

/// The entries of the send log at `path` (none if there is no log yet).
pub fn read(path: &Path) -> Result<Vec<LogEntry>, LogError> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let mut reader = csv::Reader::from_path(path).map_err(format_error(path))?;
    reader
        .deserialize()
        .collect::<Result<Vec<LogEntry>, _>>()
        .map_err(format_error(path))
}

/// Appends one entry and syncs it to disk before the next message goes out.
pub fn append(path: &Path, entry: &LogEntry) -> Result<(), LogError> {
    let new = !path.exists();
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(fs_error(path, "cannot open the send log"))?;
    let mut writer = csv::WriterBuilder::new().has_headers(new).from_writer(file);
    writer.serialize(entry).map_err(format_error(path))?;
    let mut file = writer.into_inner().map_err(|error| LogError::Format {
        path: path.to_path_buf(),
        message: error.to_string(),
    })?;
    file.flush()
        .map_err(fs_error(path, "cannot write the send log"))?;
    file.sync_all()
        .map_err(fs_error(path, "cannot write the send log"))?;
    Ok(())
}

/// Whether the log already records this briefing (same id, same checksum) as sent.
pub fn already_sent(log: &[LogEntry], id: &str, sha256: &str) -> bool {
    log.iter()
        .any(|entry| entry.id == id && entry.sha256 == sha256)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_records_what_was_sent() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("versand.log");
        let entry = |id: &str| LogEntry {
            zeit: "2026-11-28T10:00:00Z".into(),
            id: id.into(),
            an: format!("{id}@example.org"),
            message_id: format!("<{id}@fitko.de>"),
            sha256: "ab".into(),
        };
        append(&path, &entry("a")).unwrap();
        append(&path, &entry("b")).unwrap();
        let log = read(&path).unwrap();
        assert_eq!(log, vec![entry("a"), entry("b")]);
        assert!(already_sent(&log, "a", "ab"));
        assert!(!already_sent(&log, "a", "cd"));
        assert!(!already_sent(&log, "c", "ab"));
    }
}
