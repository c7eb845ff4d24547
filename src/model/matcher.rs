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

    /// The code of the conference `written` names, also when it ends in a footnote marker
    /// (`IMK*`, `VMK¹`, `Bauministerkonferenz 1)`); the marker is returned when one was cut.
    pub(super) fn code_ignoring_footnote<'w>(
        &self,
        written: &'w str,
    ) -> Option<(&str, Option<&'w str>)> {
        if let Some(code) = self.code_of(written) {
            return Some((code, None));
        }
        let stem = strip_footnote(written);
        let code = (stem.len() < written.trim_end().len())
            .then(|| self.code_of(stem))
            .flatten()?;
        Some((code, Some(written.trim_end()[stem.len()..].trim())))
    }

    /// The code of the conference `written` names, if any.
    pub(super) fn code_of(&self, written: &str) -> Option<&str> {
        self.by_key.get(&name_key(written)).map(String::as_str)
    }
}

/// `written` without a trailing footnote marker: `*`, superscript digits, `1)`, `(1)`, `[1]`.
fn strip_footnote(written: &str) -> &str {
    let text = written.trim_end();
    let superscripts = |c: char| {
        matches!(
            c,
            '*' | '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹' | '⁰' | '†'
        )
    };
    let stripped = text.trim_end_matches(superscripts);
    if stripped.len() < text.len() {
        return stripped.trim_end();
    }
    // `1)`, `(1)`, `[1]` after a space or directly after the name.
    let Some(body) = text.strip_suffix(')').or_else(|| text.strip_suffix(']')) else {
        return text;
    };
    let digits = body.trim_end_matches(|c: char| c.is_ascii_digit());
    if digits.len() == body.len() || body.len() - digits.len() > 2 {
        return text;
    }
    let rest = digits.strip_suffix(['(', '[']).unwrap_or(digits);
    if rest.ends_with(' ') || rest.len() < digits.len() {
        rest.trim_end()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnote_markers_are_cut() {
        assert_eq!(strip_footnote("IMK*"), "IMK");
        assert_eq!(strip_footnote("VMK¹"), "VMK");
        assert_eq!(
            strip_footnote("Bauministerkonferenz 1)"),
            "Bauministerkonferenz"
        );
        assert_eq!(
            strip_footnote("Bauministerkonferenz (2)"),
            "Bauministerkonferenz"
        );
        assert_eq!(strip_footnote("GMK [3]"), "GMK");
        assert_eq!(strip_footnote("Konferenz (Nord)"), "Konferenz (Nord)");
        assert_eq!(strip_footnote("K 2026"), "K 2026");
    }
}
