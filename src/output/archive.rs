//! The versions sent: `out/versendet/YYYY-MM/` keeps every briefing, calendar file (and PDF)
//! that went out, named with the briefing's checksum, and beside each a record of what it
//! said about the person's conferences (for a later correction to name what changed).
//!
//! Written by `send` before a message goes to the server, never by `build`, so a rebuild
//! cannot destroy a version someone received. This module reads and writes those files and
//! summarises the send log for a month; it decides nothing about who gets what.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::layout::{MonthLayout, archived_file};
use super::log::{self, History};
use super::{FsError, fs_error};
use crate::messages::output as messages;
use crate::model::Received;

/// A month that was sent, as the send log tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentMonth {
    /// How many spokespersons got a briefing of the month.
    pub delivered: usize,
    /// When the last got it (UTC, RFC 3339, as in the log).
    pub last: String,
    /// Where the versions sent are kept.
    pub archive: PathBuf,
}

/// The month's deliveries, if any (an unreadable log counts as none here; `send` reports it).
pub fn sent_month(layout: &MonthLayout) -> Option<SentMonth> {
    let entries = log::read_month(layout).ok()?;
    let histories: BTreeMap<String, History> = log::histories(&entries);
    let delivered: Vec<_> = histories
        .values()
        .filter_map(History::last_delivery)
        .collect();
    let last = delivered.iter().map(|entry| entry.zeit.clone()).max()?;
    Some(SentMonth {
        delivered: delivered.len(),
        last,
        archive: layout.archive(),
    })
}

/// One file of a version to keep.
pub struct Kept<'a> {
    /// `briefing` or `termine`.
    pub kind: &'static str,
    /// The extension without the dot.
    pub extension: &'static str,
    /// The content.
    pub bytes: &'a [u8],
}

/// Keeps the files of the version of `id` whose briefing has `sha256`, and the record of
/// what it said; a file already kept (the same version sent again) stays as it is. Each
/// file is written beside its place and renamed in, so a kill leaves no half file.
pub fn keep(
    layout: &MonthLayout,
    id: &str,
    sha256: &str,
    files: &[Kept<'_>],
    received: &Received,
) -> Result<(), FsError> {
    let dir = layout.archive();
    fs::create_dir_all(&dir).map_err(fs_error(&dir, messages::CREATE_FOLDER))?;
    let record = serde_json::to_vec_pretty(received).expect("the record is plain data");
    let record = Kept {
        kind: "briefing",
        extension: "json",
        bytes: &record,
    };
    for file in files.iter().chain(std::iter::once(&record)) {
        let path = dir.join(archived_file(file.kind, id, sha256, file.extension));
        if !path.exists() {
            write_new(&path, file.bytes)?;
        }
    }
    Ok(())
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    let temporary = path.with_extension("neu");
    let mut file =
        fs::File::create(&temporary).map_err(fs_error(&temporary, messages::WRITE_FILE))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(fs_error(&temporary, messages::WRITE_FILE))?;
    fs::rename(&temporary, path).map_err(fs_error(path, messages::WRITE_FILE))
}

/// The record of what the version of `id` with checksum `sha256` said, if it was kept
/// (versions sent before the archive existed have none).
pub fn received(layout: &MonthLayout, id: &str, sha256: &str) -> Option<Received> {
    let path = layout
        .archive()
        .join(archived_file("briefing", id, sha256, "json"));
    let text = fs::read(path).ok()?;
    serde_json::from_slice(&text).ok()
}
