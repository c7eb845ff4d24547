//! `briefing build`: the monthly batch. Load, model, render, convert, write.

use std::path::PathBuf;

use super::{CommonOptions, prepare};
use crate::diagnostics::Diagnostics;
use crate::error::Error;
use crate::produce;
use crate::write::{self, WriteMode};

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

pub fn run(options: &BuildOptions) -> Result<BuildReport, Error> {
    let prepared = prepare(&options.common)?;
    let model = &prepared.model;
    for id in &options.only {
        if !model.sprecher.iter().any(|s| &s.id == id) {
            let known: Vec<&str> = model.sprecher.iter().map(|s| s.id.as_str()).collect();
            return Err(Error::Usage(format!(
                "--only {id}: no spokesperson has this id; known ids: {}",
                known.join(", ")
            )));
        }
    }
    let templates = &options.common.paths.templates;
    let mut problems = prepared.warnings.clone();
    let mut files = Vec::new();
    let mut rows = Vec::new();
    for person in &model.sprecher {
        if !options.only.is_empty() && !options.only.contains(&person.id) {
            continue;
        }
        match produce::briefing(
            model,
            &prepared.renderer,
            &prepared.config,
            &prepared.design,
            person,
            templates,
        ) {
            Ok(briefing) => {
                files.push(briefing.file);
                rows.push(briefing.row);
            }
            Err(errors) => problems.extend(errors),
        }
    }
    let overview = options.only.is_empty();
    if overview {
        match produce::overview(
            model,
            &prepared.renderer,
            &prepared.config,
            &prepared.design,
            templates,
        ) {
            Ok(file) => files.push(file),
            Err(errors) => problems.extend(errors),
        }
    }
    if problems.has_errors() {
        return Err(Error::Problems(dedupe(problems)));
    }
    let mode = if options.only.is_empty() {
        WriteMode::ReplaceMonth
    } else {
        WriteMode::UpdateFiles
    };
    let folder = write::write_month(&options.common.paths.out, model.monat, &files, rows, mode)?;
    Ok(BuildReport {
        folder,
        briefings: files.len() - usize::from(overview),
        overview,
        warnings: prepared.warnings,
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
        match item.severity {
            crate::diagnostics::Severity::Error => {
                out.error(item.location.clone(), item.message.clone())
            }
            crate::diagnostics::Severity::Warning => {
                out.warning(item.location.clone(), item.message.clone())
            }
        }
    }
    out
}
