//! Stage 5: the output folder of a month, and everything kept in it.
//!
//! [`layout`] names every file, [`archive`] keeps each version sent, [`writer`] writes a month
//! all or nothing, [`manifest`] is the delivery manifest `versand.csv`, [`log`] the send log,
//! [`lock`] keeps a second run out, [`calendar_ids`] keeps each month's calendar UIDs for the
//! next. Nothing here reads the inputs or renders; `send` reads what it needs of a built month
//! only through this module.

pub mod archive;
pub mod calendar_ids;
pub mod layout;
pub mod lock;
pub mod log;
pub mod manifest;
pub mod outline;
pub mod writer;

use std::io;
use std::path::{Path, PathBuf};

pub use lock::OutputLock;
pub use manifest::{DispatchRow, sha256_hex};
pub use writer::{MonthWriter, OutputFile, WriteError, WriteMode, recover};

/// A file system operation on the output failed.
#[derive(Debug, thiserror::Error)]
#[error("{}: {action}: {}", path.display(), crate::io_reason::describe(source))]
pub struct FsError {
    /// The file or folder.
    pub path: PathBuf,
    /// What was being done, in words.
    pub action: &'static str,
    /// What the operating system said.
    pub source: io::Error,
}

/// Wraps an I/O error with its path and what was being done (for `map_err`).
pub fn fs_error<'p>(
    path: &'p Path,
    action: &'static str,
) -> impl FnOnce(io::Error) -> FsError + 'p {
    move |source| FsError {
        path: path.to_path_buf(),
        action,
        source,
    }
}
