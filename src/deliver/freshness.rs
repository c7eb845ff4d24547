//! The built month as `send` finds it: its manifest, its send log, and the refusal to send
//! documents that are missing or older than the files they are made from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::DeliverError;
use crate::messages;
use crate::output::layout::{MonthLayout, calendar_file};
use crate::output::log::{self, History};
use crate::output::{DispatchRow, fs_error, manifest};

/// A month `build` wrote, as `send` reads it.
pub struct BuiltMonth {
    /// The manifest's rows.
    pub rows: Vec<DispatchRow>,
    /// What the send log says about each id.
    pub histories: BTreeMap<String, History>,
    documents: Vec<PathBuf>,
}

impl BuiltMonth {
    /// Reads the manifest and the send log of the month; fails when it was not built.
    pub fn open(layout: &MonthLayout) -> Result<BuiltMonth, DeliverError> {
        let manifest_path = layout.manifest();
        if !manifest_path.is_file() {
            return Err(DeliverError::NotBuilt(manifest_path));
        }
        let rows = manifest::read(&manifest_path)?;
        let mut documents = vec![manifest_path];
        for row in &rows {
            documents.push(layout.file(&row.file));
            documents.push(layout.file(&calendar_file(&row.id)));
        }
        let histories = log::histories(&log::read_month(layout)?);
        Ok(BuiltMonth {
            rows,
            histories,
            documents,
        })
    }

    /// Refuses when a document is missing or older than any of `sources`.
    pub fn check_fresh(&self, sources: &[PathBuf]) -> Result<(), DeliverError> {
        check_fresh(&self.documents, sources)
    }
}

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
