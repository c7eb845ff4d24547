//! `briefing preview ID`: the rendered Markdown of one briefing (or `uebersicht`), for
//! editors checking a template change without opening Word.

use super::{CommonOptions, prepare};
use crate::diagnostics::Diagnostics;
use crate::error::Error;

/// The id that previews the overview instead of a briefing.
pub const OVERVIEW_ID: &str = "uebersicht";

/// The Markdown and the warnings found on the way.
pub fn run(options: &CommonOptions, id: &str) -> Result<(String, Diagnostics), Error> {
    let prepared = prepare(options)?;
    let model = &prepared.model;
    let markdown = if id == OVERVIEW_ID {
        prepared.renderer.overview(model)?
    } else {
        let context = model.briefing(id).ok_or_else(|| {
            let known: Vec<&str> = model.sprecher.iter().map(|s| s.id.as_str()).collect();
            Error::Usage(format!(
                "no spokesperson has the id \"{id}\"; known ids: {}, or {OVERVIEW_ID}",
                known.join(", ")
            ))
        })?;
        prepared.renderer.briefing(&context)?
    };
    Ok((markdown, prepared.warnings))
}
