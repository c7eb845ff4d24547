//! `briefing build`: the monthly batch. Load, model, render, convert, write.

use std::path::PathBuf;

use super::{CommonOptions, Prepared, prepare};
use crate::diagnostics::Diagnostics;
use crate::error::Error;
use crate::produce;
use crate::write::{self, DispatchRow, OutputFile, WriteMode};

/// What `build` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub common: CommonOptions,
    pub selection: Selection,
}

/// Which documents a run produces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Selection {
    /// Every briefing and the overview; the month folder is replaced as a whole.
    #[default]
    Everything,
    /// Briefings only: all of them (`None`) or these ids (`--only`); other files are kept.
    Briefings(Option<Vec<String>>),
    /// The overview only; other files are kept.
    Overview,
}

impl Selection {
    /// `--only ID...` on the command line: nothing given means everything.
    pub fn from_only(ids: Vec<String>) -> Selection {
        if ids.is_empty() {
            Selection::Everything
        } else {
            Selection::Briefings(Some(ids))
        }
    }

    fn wants_briefing(&self, id: &str) -> bool {
        match self {
            Selection::Everything | Selection::Briefings(None) => true,
            Selection::Briefings(Some(ids)) => ids.iter().any(|wanted| wanted == id),
            Selection::Overview => false,
        }
    }

    fn wants_overview(&self) -> bool {
        matches!(self, Selection::Everything | Selection::Overview)
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub folder: PathBuf,
    pub briefings: usize,
    pub overview: bool,
    pub warnings: Diagnostics,
}

/// Every document of a run, in memory.
#[derive(Debug)]
pub struct Batch {
    pub files: Vec<OutputFile>,
    pub rows: Vec<DispatchRow>,
    pub briefings: usize,
    pub overview: bool,
}

pub fn run(options: &BuildOptions) -> Result<BuildReport, Error> {
    let prepared = prepare(&options.common)?;
    let batch = produce_batch(&prepared, &options.common, &options.selection)?;
    let mode = match options.selection {
        Selection::Everything => WriteMode::ReplaceMonth,
        _ => WriteMode::UpdateFiles,
    };
    let folder = write::write_month(
        &options.common.paths.out,
        prepared.model.monat,
        &batch.files,
        batch.rows,
        mode,
    )?;
    Ok(BuildReport {
        folder,
        briefings: batch.briefings,
        overview: batch.overview,
        warnings: prepared.warnings,
    })
}

/// Renders and converts every document the run asks for, without writing anything. Fails
/// with all problems (warnings included) if any document fails.
pub fn produce_batch(
    prepared: &Prepared,
    options: &CommonOptions,
    selection: &Selection,
) -> Result<Batch, Error> {
    let model = &prepared.model;
    let requested = match selection {
        Selection::Briefings(Some(ids)) => ids.as_slice(),
        _ => &[],
    };
    for id in requested {
        if !model.sprecher.iter().any(|s| &s.id == id) {
            let known: Vec<&str> = model.sprecher.iter().map(|s| s.id.as_str()).collect();
            return Err(Error::Usage(format!(
                "--only {id}: no spokesperson has this id; known ids: {}",
                known.join(", ")
            )));
        }
    }
    let templates = &options.paths.templates;
    let mut problems = prepared.warnings.clone();
    problems.extend(prepared.renderer.check_all());
    let mut batch = Batch {
        files: Vec::new(),
        rows: Vec::new(),
        briefings: 0,
        overview: selection.wants_overview(),
    };
    for person in &model.sprecher {
        if !selection.wants_briefing(&person.id) {
            continue;
        }
        match produce::briefing(
            model,
            &prepared.renderer,
            &prepared.config,
            person,
            templates,
        ) {
            Ok(briefing) => {
                batch.files.push(briefing.file);
                batch.files.push(briefing.calendar);
                batch.rows.push(briefing.row);
                batch.briefings += 1;
            }
            Err(errors) => problems.extend(errors),
        }
    }
    if batch.overview {
        match produce::overview(model, &prepared.renderer, &prepared.config, templates) {
            Ok(file) => {
                batch.files.push(file);
                batch.files.push(produce::overview_calendar(model));
            }
            Err(errors) => problems.extend(errors),
        }
    }
    if problems.has_errors() {
        return Err(Error::Problems(dedupe(problems)));
    }
    Ok(batch)
}

/// A template error shows up once per document rendered from it; report it once.
fn dedupe(diagnostics: Diagnostics) -> Diagnostics {
    let mut seen = Vec::new();
    let mut out = Diagnostics::new();
    for item in diagnostics.iter() {
        if seen.contains(item) {
            continue;
        }
        seen.push(item.clone());
        out.push_diagnostic(item.clone());
    }
    out
}
