//! `briefing build`: the monthly batch. Load, produce every document into the month writer,
//! swap the month in.

use std::path::PathBuf;

use crate::diagnostics::Diagnostics;
use crate::error::Error;
use crate::output::{MonthWriter, WriteMode};
use crate::project::{Progress, Project, Selection};
use crate::settings::Settings;

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// The month folder written.
    pub folder: PathBuf,
    /// How many briefings were made.
    pub briefings: usize,
    /// Whether the overview was made.
    pub overview: bool,
    /// The warnings of the inputs and templates.
    pub warnings: Diagnostics,
}

/// Builds the selected documents of the month into its output folder.
pub fn run(
    settings: Settings,
    selection: &Selection,
    progress: &dyn Progress,
) -> Result<BuildReport, Error> {
    let project = Project::load(settings)?;
    project.check_selection(selection)?;
    let mode = match selection {
        Selection::Everything => WriteMode::ReplaceMonth,
        _ => WriteMode::UpdateFiles,
    };
    let layout = project.layout();
    let writer = MonthWriter::begin(layout.out(), layout.month(), mode)?;
    let batch = project.documents(selection, &writer, progress)?;
    let briefings = batch.rows.len();
    let folder = writer.commit(batch.rows)?;
    Ok(BuildReport {
        folder,
        briefings,
        overview: batch.overview,
        warnings: project.warnings,
    })
}
