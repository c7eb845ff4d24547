//! Finds the roster conference a spreadsheet row means, by its code, name or an alias.
//!
//! Only the lookup; an unknown name is the caller's to report.

use std::collections::HashMap;

use super::identity::name_key;
use crate::load::Roster;

/// The roster's conferences by every name they are known by.
pub(super) struct ConferenceMatcher {
    by_key: HashMap<String, String>,
}

impl ConferenceMatcher {
    /// Indexes the codes, names and aliases of `roster`; the first conference claiming a name
    /// keeps it (validation reports the clash).
    pub(super) fn new(roster: &Roster) -> Self {
        let mut by_key = HashMap::new();
        for conference in &roster.conferences {
            let keys = [&conference.code, &conference.name]
                .into_iter()
                .chain(conference.aliases.iter());
            for key in keys {
                by_key
                    .entry(name_key(key))
                    .or_insert_with(|| conference.code.clone());
            }
        }
        ConferenceMatcher { by_key }
    }

    /// The code of the conference `written` names, if any.
    pub(super) fn code_of(&self, written: &str) -> Option<&str> {
        self.by_key.get(&name_key(written)).map(String::as_str)
    }
}
