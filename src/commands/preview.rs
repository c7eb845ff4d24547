//! `briefing preview ID`: the rendered Markdown of one briefing (or `uebersicht`), for
//! editors checking a template change without opening Word.

use crate::diagnostics::Diagnostics;
use crate::error::Error;
use crate::messages::cli as messages;
use crate::project::Project;
use crate::settings::Settings;

/// The id that previews the overview instead of a briefing.
pub const OVERVIEW_ID: &str = "uebersicht";

/// The rendered Markdown and the warnings found on the way.
#[derive(Debug)]
pub struct PreviewReport {
    /// The Markdown.
    pub markdown: String,
    /// The warnings of the inputs and templates.
    pub warnings: Diagnostics,
}

/// Renders the briefing of `id`, or the overview.
pub fn run(settings: Settings, id: &str) -> Result<PreviewReport, Error> {
    let project = Project::load(settings)?;
    let model = &project.model;
    let markdown = if id == OVERVIEW_ID {
        project.renderer.overview(model)?
    } else {
        let context = model.briefing(id).ok_or_else(|| {
            Error::Usage(messages::preview_unknown_id(
                id,
                &project.known_ids(),
                OVERVIEW_ID,
            ))
        })?;
        project.renderer.briefing(&context)?
    };
    Ok(PreviewReport {
        markdown,
        warnings: project.warnings,
    })
}
