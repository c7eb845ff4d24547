//! One run at a time per output folder: `build`, `send` and `watch` hold an exclusive lock on
//! `out/.briefing.lock` while they touch the output.
//!
//! The lock is the operating system's file lock (`File::try_lock`), so it ends with the
//! process that holds it: a killed run never blocks the next one. The file's content (command,
//! process id, start time) only tells a second run who is busy; it is never trusted for the
//! locking itself. This module does not decide which commands lock; the commands do.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::layout::LOCK_FILE;
use super::{WriteError, fs_error};
use crate::messages::output as messages;

/// The held lock; released when dropped (or when the process ends, however it ends).
#[derive(Debug)]
pub struct OutputLock {
    file: File,
    path: PathBuf,
}

fn open(out: &Path) -> Result<(File, PathBuf), WriteError> {
    fs::create_dir_all(out)
        .map_err(|e| WriteError::Io(fs_error(out, messages::CREATE_OUTPUT_FOLDER)(e)))?;
    let path = out.join(LOCK_FILE);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| WriteError::Io(fs_error(&path, messages::OPEN_LOCK)(e)))?;
    Ok((file, path))
}

impl OutputLock {
    /// Takes the lock of `out` for `command`, or fails at once naming the run that holds it.
    pub fn acquire(out: &Path, command: &str) -> Result<OutputLock, WriteError> {
        let (mut file, path) = open(out)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                return Err(WriteError::Busy {
                    lock: path,
                    holder: describe(&holder),
                });
            }
            Err(fs::TryLockError::Error(error)) => {
                return Err(WriteError::Io(fs_error(
                    &path,
                    messages::LOCK_OUTPUT_FOLDER,
                )(error)));
            }
        }
        OutputLock { file, path }.stamp(command)
    }

    /// Waits until the lock of `out` is free, then takes it (for `watch`, where waiting for
    /// a `send` or `build` in another window is the natural thing).
    pub fn wait(out: &Path, command: &str) -> Result<OutputLock, WriteError> {
        let (file, path) = open(out)?;
        file.lock()
            .map_err(|e| WriteError::Io(fs_error(&path, messages::LOCK_OUTPUT_FOLDER)(e)))?;
        OutputLock { file, path }.stamp(command)
    }

    fn stamp(mut self, command: &str) -> Result<OutputLock, WriteError> {
        let since = crate::month::german_time(chrono::Utc::now());
        let text = format!("{command}\t{}\t{since}\n", std::process::id());
        let written = self
            .file
            .set_len(0)
            .and_then(|()| self.file.rewind())
            .and_then(|()| self.file.write_all(text.as_bytes()))
            .and_then(|()| self.file.flush());
        written.map_err(|e| WriteError::Io(fs_error(&self.path, messages::WRITE_LOCK)(e)))?;
        Ok(self)
    }
}

/// "`briefing send` (Prozess 4711, seit 28.11.2026, 10:00 Uhr (MEZ))" from the lock file's content.
fn describe(content: &str) -> String {
    let fields: Vec<&str> = content.trim().split('\t').collect();
    match fields.as_slice() {
        [command, pid, since] => messages::lock_holder(command, pid, since),
        _ => messages::UNKNOWN_LOCK_HOLDER.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_names_the_first_and_a_released_lock_is_free() {
        let dir = tempfile::tempdir().unwrap();
        let first = OutputLock::acquire(dir.path(), "build").unwrap();
        let error = OutputLock::acquire(dir.path(), "send").unwrap_err();
        let message = error.to_string();
        assert!(message.contains("`briefing build`"), "{message}");
        assert!(
            message.contains(&format!("Prozess {}", std::process::id())),
            "{message}"
        );
        drop(first);
        let again = OutputLock::acquire(dir.path(), "send").unwrap();
        drop(again);
    }
}
