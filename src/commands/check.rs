//! `briefing check`: `build` stopped before writing. Everything is loaded, rendered and
//! converted in memory, so `check` and `build` can never disagree about what is valid.

use super::build::{Selection, produce_batch};
use super::{CommonOptions, prepare};
use crate::diagnostics::Diagnostics;
use crate::error::Error;

/// What a successful check saw.
#[derive(Debug)]
pub struct CheckReport {
    pub month: String,
    pub briefings: usize,
    pub warnings: Diagnostics,
}

pub fn run(options: &CommonOptions) -> Result<CheckReport, Error> {
    let prepared = prepare(options)?;
    let batch = produce_batch(&prepared, options, &Selection::Everything, &|_| Ok(()), &())?;
    Ok(CheckReport {
        month: prepared.model.monat.to_string(),
        briefings: batch.briefings,
        warnings: prepared.warnings,
    })
}
