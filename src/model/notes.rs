//! The data-quality notes of the overview: every [`Hinweis`] and its German text, written here
//! and nowhere else.
//!
//! The join finds the matters; this module only words them for readers and says where they
//! were found. These texts are document content (the overview); the warnings printed for the
//! same matters are command-line messages and live in [`crate::messages::model`].

use super::types::{Hinweis, HinweisArt};
use crate::diagnostics::{Location, Place};
use crate::load::SkipReason;

/// The notes collected while the model is built.
#[derive(Debug, Default)]
pub(super) struct Notes {
    notes: Vec<Hinweis>,
}

impl Notes {
    /// A spreadsheet row names `written`, which no roster conference is known by.
    pub(super) fn unknown_conference(&mut self, written: &str, at: &Location) {
        self.add(
            HinweisArt::UnbekannteKonferenz,
            format!("„{written}“ ist keiner Konferenz des Verzeichnisses zugeordnet; die Zeile wurde nicht übernommen."),
            Some(at),
        );
    }

    /// Contact `who` of the conference `conference` (its name) has no e-mail address.
    pub(super) fn contact_without_email(&mut self, who: &str, conference: &str, at: &Location) {
        self.add(
            HinweisArt::AnsprechpersonOhneEmail,
            format!("{who} ({conference}) hat keine E-Mail-Adresse."),
            Some(at),
        );
    }

    /// This month's list has no contact person for the conference `conference` (its name).
    pub(super) fn no_contact(&mut self, conference: &str) {
        self.add(
            HinweisArt::KeineAnsprechperson,
            format!("Für die {conference} enthält die Liste dieses Monats keine Ansprechperson."),
            None,
        );
    }

    /// The conference `conference` (its name) has no spokesperson.
    pub(super) fn vacant(&mut self, conference: &str) {
        self.add(
            HinweisArt::Vakant,
            format!("Für die {conference} ist keine Sprecherin und kein Sprecher benannt."),
            None,
        );
    }

    /// A meeting of `conference` (its name) has no date at all.
    pub(super) fn meeting_without_date(
        &mut self,
        conference: &str,
        meeting: Option<&str>,
        at: &Location,
    ) {
        self.add(
            HinweisArt::TerminOhneDatum,
            format!(
                "{conference}: Für „{}“ ist kein Datum angegeben; der Termin steht am Ende der Liste.",
                meeting.unwrap_or("die Sitzung")
            ),
            Some(at),
        );
    }

    /// A meeting of `conference` (its name) has `text` instead of a date.
    /// `in_month`: it names a month and is listed at that month's end.
    pub(super) fn open_date(
        &mut self,
        conference: &str,
        text: &str,
        in_month: bool,
        at: &Location,
    ) {
        let place = if in_month {
            "der Termin steht am Ende seines Monats"
        } else {
            "der Termin steht ohne Datum am Ende der Liste"
        };
        self.add(
            HinweisArt::OffenerTermin,
            format!("{conference}: „{text}“ ist kein Datum; {place}."),
            Some(at),
        );
    }

    /// A spreadsheet row was not used, for `reason`.
    pub(super) fn skipped_row(&mut self, reason: SkipReason, at: &Location) {
        let text = match reason {
            SkipReason::NoConference => {
                "Die Zeile nennt keine Konferenz und folgt auf eine Leerzeile; sie wurde nicht übernommen."
            }
            SkipReason::FormulaWithoutResult => {
                "Die Konferenz ist eine Formel ohne gespeichertes Ergebnis; die Zeile wurde nicht übernommen."
            }
        };
        self.add(
            HinweisArt::ZeileNichtUebernommen,
            text.to_string(),
            Some(at),
        );
    }

    /// A meeting of `conference` (its name) is struck through in the list.
    pub(super) fn cancelled_meeting(&mut self, conference: &str, what: &str, at: &Location) {
        self.add(
            HinweisArt::AbgesagterTermin,
            format!(
                "{conference}: {what} ist in der Liste durchgestrichen und wird als abgesagt nicht aufgeführt."
            ),
            Some(at),
        );
    }

    /// A meeting of `conference` (its name) is cancelled by `word` in its remark.
    pub(super) fn cancelled_in_remark(
        &mut self,
        conference: &str,
        what: &str,
        word: &str,
        at: &Location,
    ) {
        self.add(
            HinweisArt::AbgesagterTermin,
            format!(
                "{conference}: {what} ist laut Bemerkung („{word}“) abgesagt und wird nicht aufgeführt."
            ),
            Some(at),
        );
    }

    /// `what` is listed twice, at `first` and `at`; the second entry is not used.
    pub(super) fn duplicate(&mut self, what: &str, first: &Location, at: &Location) {
        self.add(
            HinweisArt::DoppelterEintrag,
            format!(
                "{what} steht zweimal in der Liste (auch {}); der zweite Eintrag wurde nicht übernommen.",
                place_for_readers(first)
            ),
            Some(at),
        );
    }

    /// The notes in the overview's order: by category, text and place.
    pub(super) fn into_sorted(mut self) -> Vec<Hinweis> {
        self.notes.sort();
        self.notes
    }

    fn add(&mut self, art: HinweisArt, text: String, at: Option<&Location>) {
        self.notes.push(Hinweis {
            art,
            text,
            fundstelle: at.map(place_for_readers),
        });
    }
}

/// "ansprechpartner.xlsx, Blatt „Ansprechpersonen“, Zeile 12" for the overview's notes.
fn place_for_readers(location: &Location) -> String {
    let file = location.file.file_name().map_or_else(
        || location.file.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    match &location.place {
        Place::Row { sheet, row } | Place::Cell { sheet, row, .. } => {
            format!("{file}, Blatt „{sheet}“, Zeile {row}")
        }
        Place::Line { line, .. } => format!("{file}, Zeile {line}"),
        Place::File => file,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_see_the_label_and_notes_sort_by_it() {
        for art in [
            HinweisArt::UnbekannteKonferenz,
            HinweisArt::ZeileNichtUebernommen,
        ] {
            let seen = minijinja::Value::from(minijinja::value::Serde(art));
            assert_eq!(seen.as_str(), Some(art.label()));
        }
        let mut notes = Notes::default();
        notes.vacant("IMK");
        notes.no_contact("IMK");
        notes.unknown_conference("XMK", &Location::file(std::path::Path::new("termine.xlsx")));
        let order: Vec<&str> = notes.into_sorted().iter().map(|n| n.art.label()).collect();
        assert_eq!(
            order,
            ["Keine Ansprechperson", "Unbekannte Konferenz", "Vakant"]
        );
    }
}
