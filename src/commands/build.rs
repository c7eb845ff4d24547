//! `briefing build`: the monthly batch. Under the output lock: load, produce every document
//! into the month writer, with `--pdf` convert this run's documents to PDF/A beside them,
//! swap the month in.
//!
//! The send log is never read for the build itself, nor copied or moved; it is only read
//! (read-only) to warn that a month that was already e-mailed is being replaced.

use std::path::PathBuf;

use super::send;
use crate::diagnostics::Diagnostics;
use crate::error::Error;
use crate::messages::cli as messages;
use crate::output::{MonthWriter, OutputLock, WriteMode, layout};
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
    /// How many PDF/A files were made (0 without `--pdf`).
    pub pdfs: usize,
    /// The warnings of the inputs and templates.
    pub warnings: Diagnostics,
    /// Further warnings of this run (German): misnamed month folders, a month already sent.
    pub notices: Vec<String>,
    /// The outline guard's warnings (also in `warnings`), repeated in the summary.
    pub outline: Diagnostics,
}

/// How a build gets the output lock.
pub enum Locking {
    /// Fail at once, naming the run that holds it (`build`).
    FailIfBusy,
    /// Wait until it is free (`watch`).
    Wait,
}

/// Builds the selected documents of the month. The output lock is taken once the inputs are
/// loaded (loading never touches the output), so a run with broken inputs leaves `out/` alone.
pub fn run(
    settings: Settings,
    selection: &Selection,
    progress: &dyn Progress,
) -> Result<BuildReport, Error> {
    run_with(settings, selection, progress, Locking::FailIfBusy)
}

/// [`run`] with the given way of taking the output lock.
pub fn run_with(
    settings: Settings,
    selection: &Selection,
    progress: &dyn Progress,
    locking: Locking,
) -> Result<BuildReport, Error> {
    let mut notices = settings.misnamed_month_folders();
    let project = Project::load(settings)?;
    project.check_selection(selection)?;
    let out = &project.settings.paths.out;
    let _lock = match locking {
        Locking::FailIfBusy => OutputLock::acquire(out, "build")?,
        Locking::Wait => OutputLock::wait(out, "watch")?,
    };
    let mode = match selection {
        Selection::Everything => WriteMode::ReplaceMonth,
        _ => WriteMode::UpdateFiles,
    };
    let layout = project.layout();
    let writer = MonthWriter::begin(layout.out(), layout.month(), mode)?;
    let batch = project.documents(selection, &writer, progress)?;
    let briefings = batch.rows.len();
    let mut rows = batch.rows;
    // Only the documents of this run: in an update the staging folder also holds the
    // month's other files, whose PDFs (if any) stay as they are.
    let documents: Vec<String> = rows
        .iter()
        .map(|row| row.file.clone())
        .chain(batch.overview.then(|| layout::OVERVIEW_FILE.to_string()))
        .collect();
    let pdfs = if project.settings.pdf {
        let made = writer.add_pdfs(&documents)?;
        for (row, (pdf, sha256)) in rows.iter_mut().zip(&made) {
            row.pdf = pdf.clone();
            row.pdf_sha256 = sha256.clone();
        }
        made.len()
    } else {
        writer.remove_pdfs(&documents)?;
        0
    };
    let (outlines, outline) =
        crate::output::outline::guard(out, project.model.monat, &project.renderer);
    let folder = writer.commit(rows)?;
    let mut warnings = project.warnings;
    warnings.extend(outline.clone());
    // The month is in place: its outline is the standard for the next comparison.
    if let Err(problem) = crate::output::outline::save(
        out,
        project.model.monat,
        outlines,
        *selection == Selection::Everything,
    ) {
        warnings.extend(problem);
    }
    if let Some((count, last)) = send::delivered_summary(&layout) {
        notices.push(messages::already_delivered(layout.month(), count, &last));
    }
    Ok(BuildReport {
        folder,
        briefings,
        overview: batch.overview,
        pdfs,
        warnings,
        notices,
        outline,
    })
}
