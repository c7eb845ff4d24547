//! `briefing build`: the monthly batch. Load, model, render, convert, write.

use std::path::PathBuf;

use rayon::prelude::*;

use super::{CommonOptions, Prepared, prepare};
use crate::diagnostics::Diagnostics;
use crate::error::Error;
use crate::model::{BriefingContexts, Sprecher};
use crate::produce;
use crate::write::{DispatchRow, MonthWriter, OutputFile, WriteError, WriteMode};

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

/// What a run produced (the documents themselves went to the sink as they were made).
#[derive(Debug)]
pub struct Batch {
    pub rows: Vec<DispatchRow>,
    pub briefings: usize,
    pub overview: bool,
}

/// Where produced documents go: the staging folder of a build, or nowhere for `check`.
pub type Sink<'a> = &'a (dyn Fn(OutputFile) -> Result<(), WriteError> + Sync);

/// Told how many documents a run makes and when each is done (for a progress display).
pub trait Progress: Sync {
    fn start(&self, _documents: usize) {}
    fn advance(&self) {}
}

/// No progress display.
impl Progress for () {}

pub fn run(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport, Error> {
    let prepared = prepare(&options.common)?;
    check_selection(&prepared, &options.selection)?;
    let mode = match options.selection {
        Selection::Everything => WriteMode::ReplaceMonth,
        _ => WriteMode::UpdateFiles,
    };
    let writer = MonthWriter::begin(&options.common.paths.out, prepared.model.monat, mode)?;
    let sink = |file: OutputFile| writer.add(&file);
    let batch = produce_batch(
        &prepared,
        &options.common,
        &options.selection,
        &sink,
        progress,
    )?;
    let folder = writer.commit(batch.rows)?;
    Ok(BuildReport {
        folder,
        briefings: batch.briefings,
        overview: batch.overview,
        warnings: prepared.warnings,
    })
}

fn check_selection(prepared: &Prepared, selection: &Selection) -> Result<(), Error> {
    let model = &prepared.model;
    let Selection::Briefings(Some(ids)) = selection else {
        return Ok(());
    };
    for id in ids {
        if !model.sprecher.iter().any(|s| &s.id == id) {
            let known: Vec<&str> = model.sprecher.iter().map(|s| s.id.as_str()).collect();
            return Err(Error::Usage(format!(
                "--only {id}: no spokesperson has this id; known ids: {}",
                known.join(", ")
            )));
        }
    }
    Ok(())
}

/// Why one document could not be produced.
enum Failure {
    Problems(Diagnostics),
    Write(WriteError),
}

/// Renders and converts every document the selection asks for, in parallel, handing each to
/// `sink` as soon as it is done (so memory does not grow with the batch). Fails with all
/// problems (warnings included) if any document fails. The manifest rows come back in roster
/// order, so the result does not depend on the number of threads.
pub fn produce_batch(
    prepared: &Prepared,
    options: &CommonOptions,
    selection: &Selection,
    sink: Sink<'_>,
    progress: &dyn Progress,
) -> Result<Batch, Error> {
    check_selection(prepared, selection)?;
    let model = &prepared.model;
    let templates = &options.paths.templates;
    let mut problems = prepared.warnings.clone();
    problems.extend(prepared.renderer.check_all());

    let people: Vec<&Sprecher> = model
        .sprecher
        .iter()
        .filter(|person| selection.wants_briefing(&person.id))
        .collect();
    progress.start(people.len() + usize::from(selection.wants_overview()));
    let contexts = BriefingContexts::new(model);
    let briefing = |person: &Sprecher| -> Result<DispatchRow, Failure> {
        let made = produce::briefing(
            &contexts.of(person),
            &prepared.renderer,
            &prepared.config,
            &prepared.design,
            templates,
        )
        .map_err(Failure::Problems)?;
        sink(made.file).map_err(Failure::Write)?;
        sink(made.calendar).map_err(Failure::Write)?;
        progress.advance();
        Ok(made.row)
    };
    let overview = || -> Option<Result<(), Failure>> {
        selection.wants_overview().then(|| {
            let file = produce::overview(
                model,
                &prepared.renderer,
                &prepared.config,
                &prepared.design,
                templates,
            )
            .map_err(Failure::Problems)?;
            sink(file).map_err(Failure::Write)?;
            sink(produce::overview_calendar(model)).map_err(Failure::Write)?;
            progress.advance();
            Ok(())
        })
    };
    let (briefings, overview) = rayon::join(
        || {
            people
                .par_iter()
                .map(|person| briefing(person))
                .collect::<Vec<_>>()
        },
        overview,
    );

    let mut rows = Vec::with_capacity(briefings.len());
    let outcomes = briefings
        .into_iter()
        .map(|result| result.map(|row| rows.push(row)))
        .chain(overview);
    for outcome in outcomes {
        match outcome {
            Ok(()) => {}
            Err(Failure::Problems(errors)) => problems.extend(errors),
            Err(Failure::Write(error)) => return Err(Error::Write(error)),
        }
    }
    if problems.has_errors() {
        return Err(Error::Problems(dedupe(problems)));
    }
    Ok(Batch {
        briefings: rows.len(),
        rows,
        overview: selection.wants_overview(),
    })
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
