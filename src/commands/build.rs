//! `briefing build`: the monthly batch. Under the output lock: load, produce every document
//! into the month writer, with `--pdf` convert this run's documents to PDF/A beside them,
//! swap the month in.
//!
//! The send log and the versions sent (`out/versendet/`) are never touched: a rebuild of a
//! sent month keeps its Stand (resolved in `Settings`), and the warning that it replaces a
//! sent month is shown before it starts (by the command line; `watch` gets it as a notice).

use std::path::PathBuf;

use crate::diagnostics::Diagnostics;
use crate::error::Error;
use crate::output::{MonthWriter, OutputLock, WriteMode, calendar_ids, layout};
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
    if matches!(locking, Locking::Wait) {
        notices.extend(settings.late_month_warning());
        notices.extend(settings.replaces_sent_month());
    }
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
    // After the month is in place: the next month's calendar UIDs continue this one's.
    let model = &project.model;
    let memory: Vec<_> = model
        .kalender
        .iter()
        .chain(&model.kalender_vorbei)
        .cloned()
        .collect();
    calendar_ids::write(layout.out(), layout.month(), &memory)?;
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
