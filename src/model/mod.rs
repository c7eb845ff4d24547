//! Stage 2: the model. Joins the loaded records into the plain data the templates see.
//!
//! Pure: no I/O and no formatting. It validates the roster and decisions (unknown codes,
//! duplicate ids, bad links), matches the spreadsheet's conference names against the roster,
//! applies the windows (decisions of the last months, meetings of the coming months), sorts,
//! and compares with the previous month's lists. It takes the windows as a plain [`Window`],
//! not the configuration they come from.
//!
//! The files, in the order the data passes them: `validate` checks, `matcher` and
//! `join` build, `window` decides what is upcoming, `changes` compares months, `notes` words
//! the data-quality notes, `identity` says when two entries are the same, `uids` carries the
//! calendar UIDs over from the months before; `types` holds the data and `context` selects
//! one briefing's share of it.

mod changes;
mod context;
mod correction;
mod identity;
mod join;
mod matcher;
mod notes;
mod types;
mod uids;
mod validate;
mod window;

use crate::diagnostics::Diagnostics;
use crate::load::Inputs;
pub use context::{BriefingContext, BriefingContexts};
pub use correction::{
    EmailContext, Korrektur, KorrekturKonferenz, Received, ReceivedConference, correction,
};
pub use identity::{MeetingDays, MeetingIdentity};
pub use types::{
    Aenderung, Aenderungen, Ansprechperson, Beschluss, Hinweis, HinweisArt, KalenderEintrag,
    Konferenz, Model, Sitzung, Sprecher, SprecherKurz, Termin, TerminAenderung, Uebertragung,
};
pub use window::Window;

/// Builds the model; fails with every problem of the roster and decisions if any is an error.
/// The returned diagnostics hold the warnings.
pub fn build(inputs: &Inputs, window: Window) -> Result<(Model, Diagnostics), Diagnostics> {
    build_with_memory(inputs, window, None)
}

/// [`build`], continuing the calendar UIDs of `memory`: the calendar entries the newest
/// earlier month's build kept (`None` when there is none, see `model::uids`).
pub fn build_with_memory(
    inputs: &Inputs,
    window: Window,
    memory: Option<&[KalenderEintrag]>,
) -> Result<(Model, Diagnostics), Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    validate::check_roster(&inputs.roster, &mut diagnostics);
    validate::check_decisions(&inputs.roster, &inputs.decisions, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(join::join(inputs, window, memory, diagnostics))
}
