//! Every name under the output folder: the month folder, its documents, the manifest, the
//! send log (beside the month folder, never in it), the versions sent (`versendet/YYYY-MM`),
//! the lock, the mail folder of a dry run, and the staging folders of a build.
//!
//! The one place that decides file names, so the writer, `send` and the tests cannot disagree.
//! It only computes paths; it never touches the file system.

use std::path::{Path, PathBuf};

use crate::month::Month;

/// The delivery manifest in a month folder.
pub const MANIFEST_FILE: &str = "versand.csv";
/// The send log of earlier versions, inside the month folder (read, never written).
pub const LEGACY_SEND_LOG_FILE: &str = "versand.log";
/// The lock file of the output folder (see [`crate::output::lock`]).
pub const LOCK_FILE: &str = ".briefing.lock";
/// The folder of a dry run's `.eml` files inside the month folder.
pub const MAIL_DIR: &str = "mail";
/// The overview document.
pub const OVERVIEW_FILE: &str = "uebersicht.docx";
/// The calendar file with every conference's meetings.
pub const OVERVIEW_CALENDAR_FILE: &str = "termine-uebersicht.ics";

/// A spokesperson's briefing (ids are checked to be `[a-z0-9-]+` by the model).
pub fn briefing_file(id: &str) -> String {
    format!("briefing-{id}.docx")
}

/// A spokesperson's calendar file.
pub fn calendar_file(id: &str) -> String {
    format!("termine-{id}.ics")
}

/// A spokesperson's message of a dry run, inside [`MAIL_DIR`].
pub fn eml_file(id: &str) -> String {
    format!("{id}.eml")
}

/// The folder below the output folder that keeps every version sent, per month.
pub const ARCHIVE_DIR: &str = "versendet";

/// A file of a sent version in the month's archive: `briefing-<id>-<first 12 hex digits of the
/// briefing's SHA-256>.<extension>` (the calendar file `termine-…`), so each version sent
/// keeps a name of its own and the full checksum stands in the send log.
pub fn archived_file(kind: &str, id: &str, sha256: &str, extension: &str) -> String {
    format!(
        "{kind}-{id}-{}.{extension}",
        &sha256[..sha256.len().min(12)]
    )
}

/// Names that the writer owns and a document may never take.
pub fn is_reserved(name: &str) -> bool {
    name == MANIFEST_FILE || name == LEGACY_SEND_LOG_FILE
}

/// The folders of one month below the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthLayout {
    out: PathBuf,
    month: Month,
}

impl MonthLayout {
    /// The layout of `month` below `out`.
    pub fn new(out: &Path, month: Month) -> MonthLayout {
        MonthLayout {
            out: out.to_path_buf(),
            month,
        }
    }

    /// The month this layout is for.
    pub fn month(&self) -> Month {
        self.month
    }

    /// The output folder that holds the month folders.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// `out/YYYY-MM`: the complete output of the month.
    pub fn folder(&self) -> PathBuf {
        self.out.join(self.month.to_string())
    }

    /// Where a build writes before it swaps the result in.
    pub fn staging(&self) -> PathBuf {
        self.out.join(format!(".{}.neu", self.month))
    }

    /// Where the previous output waits during the swap.
    pub fn previous(&self) -> PathBuf {
        self.out.join(format!(".{}.alt", self.month))
    }

    /// A file of the month folder.
    pub fn file(&self, name: &str) -> PathBuf {
        self.folder().join(name)
    }

    /// The manifest of the month.
    pub fn manifest(&self) -> PathBuf {
        self.file(MANIFEST_FILE)
    }

    /// The send log of the month: `out/versand-YYYY-MM.log`, outside the month folder, so
    /// no rebuild can replace or lose it.
    pub fn send_log(&self) -> PathBuf {
        self.out.join(format!("versand-{}.log", self.month))
    }

    /// Where earlier versions kept the send log (inside the month folder).
    pub fn legacy_send_log(&self) -> PathBuf {
        self.file(LEGACY_SEND_LOG_FILE)
    }

    /// `out/versendet/YYYY-MM`: the versions sent of the month, outside the month folder, so
    /// no build replaces them.
    pub fn archive(&self) -> PathBuf {
        self.out.join(ARCHIVE_DIR).join(self.month.to_string())
    }

    /// The folder of a dry run's messages.
    pub fn mail_dir(&self) -> PathBuf {
        self.file(MAIL_DIR)
    }
}
