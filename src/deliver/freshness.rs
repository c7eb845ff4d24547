//! Refusing to send documents older than the files they are made from.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::DeliverError;
use crate::messages;
use crate::output::fs_error;

/// Refuses when a document is missing or older than any source file (input, template,
/// configuration). `documents` are paths in the month folder.
pub fn check_fresh(documents: &[PathBuf], sources: &[PathBuf]) -> Result<(), DeliverError> {
    let modified = |path: &Path| {
        std::fs::metadata(path)
            .and_then(|meta| meta.modified())
            .map_err(|e| DeliverError::Io(fs_error(path, messages::deliver::READ_MODIFIED)(e)))
    };
    let mut oldest: Option<(SystemTime, &PathBuf)> = None;
    for document in documents {
        if !document.is_file() {
            return Err(DeliverError::NotBuilt(document.clone()));
        }
        let time = modified(document)?;
        if oldest.is_none_or(|(t, _)| time < t) {
            oldest = Some((time, document));
        }
    }
    let Some((oldest_time, oldest_document)) = oldest else {
        return Ok(());
    };
    for source in sources {
        if modified(source)? > oldest_time {
            return Err(DeliverError::Stale {
                document: oldest_document.clone(),
                source_file: source.clone(),
            });
        }
    }
    Ok(())
}
