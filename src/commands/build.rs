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
    /// Only these spokespersons' briefings (and no overview); empty = everything.
    pub only: Vec<String>,
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
    let batch = produce_batch(&prepared, &options.common, &options.only)?;
    let mode = if options.only.is_empty() {
        WriteMode::ReplaceMonth
    } else {
        WriteMode::UpdateFiles
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
    only: &[String],
) -> Result<Batch, Error> {
    let model = &prepared.model;
    for id in only {
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
        overview: only.is_empty(),
    };
    for person in &model.sprecher {
        if !only.is_empty() && !only.contains(&person.id) {
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
                batch.rows.push(briefing.row);
                batch.briefings += 1;
            }
            Err(errors) => problems.extend(errors),
        }
    }
    if batch.overview {
        match produce::overview(model, &prepared.renderer, &prepared.config, templates) {
            Ok(file) => batch.files.push(file),
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
