//! `briefing check`: `build` stopped before writing. Everything is loaded, rendered and
//! converted in memory, so `check` and `build` can never disagree about what is valid.

use crate::diagnostics::Diagnostics;
use crate::error::Error;
use crate::month::Month;
use crate::project::{Discard, Project, Selection};
use crate::settings::Settings;

/// What a successful check saw.
#[derive(Debug)]
pub struct CheckReport {
    /// The month checked.
    pub month: Month,
    /// How many briefings would be made.
    pub briefings: usize,
    /// The warnings of the inputs and templates.
    pub warnings: Diagnostics,
}

/// Produces every document of the month and keeps none.
pub fn run(settings: Settings) -> Result<CheckReport, Error> {
    let project = Project::load(settings)?;
    let batch = project.documents(&Selection::Everything, &Discard, &())?;
    // The outline guard: headings or sections that vanished since the last build.
    let (_, outline) = crate::output::outline::guard(
        &project.settings.paths.out,
        project.model.monat,
        &project.renderer,
    );
    let mut warnings = project.warnings;
    warnings.extend(outline);
    Ok(CheckReport {
        month: project.model.monat,
        briefings: batch.rows.len(),
        warnings,
    })
}
