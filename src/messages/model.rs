//! Messages of building the model: joining, validation, matching, notes, changes.
//!
//! Holds the texts of `model/validate.rs` and `model/join.rs`. The overview's data-quality
//! notes (`model/notes.rs`, `model/types.rs`) are document content and stay there; the
//! descriptions of an entry below ("Der Termin … am …") are here because a warning prints
//! them too.

use std::fmt::Display;

// --- model/validate.rs: the roster

/// A conference whose `kuerzel` is empty.
pub const EMPTY_CODE: &str = "kuerzel darf nicht leer sein";

/// A conference whose `name` is empty.
pub fn conference_without_name(code: &str) -> String {
    format!("die Konferenz {code} hat keinen Namen (name ist leer)")
}

/// A conference code written twice; `first` is where it stands first.
pub fn duplicate_code(code: &str, first: impl Display) -> String {
    format!(
        "das Kürzel „{code}“ steht zweimal (zuerst bei {first}); jedes Kürzel darf nur einmal vorkommen"
    )
}

/// A name (code, name or alias) that two conferences claim.
pub fn name_of_two_conferences(name: &str, other: &str, code: &str) -> String {
    format!(
        "der Name „{name}“ gehört zu {other} und zu {code}; eine Tabellenzeile mit \
         diesem Namen ließe sich keiner Konferenz zuordnen"
    )
}

/// `uebertragen_an` naming the conference itself or no conference; `known` lists the others.
pub fn delegated_to_unknown(target: &str, known: &str) -> String {
    format!(
        "uebertragen_an: „{target}“ ist kein anderes Kürzel dieses Verzeichnisses; \
         bekannt sind: {known}"
    )
}

/// A spokesperson's id that cannot be part of a file name.
pub fn invalid_id(id: &str) -> String {
    format!(
        "id „{id}“ darf nur Kleinbuchstaben a–z, Ziffern und „-“ enthalten \
         (sie wird Teil eines Dateinamens)"
    )
}

/// A spokesperson's id written twice; `first` is where it stands first.
pub fn duplicate_id(id: &str, first: impl Display) -> String {
    format!("die id „{id}“ steht zweimal (zuerst bei {first}); jede id darf nur einmal vorkommen")
}

/// A spokesperson whose `name` is empty.
pub fn person_without_name(id: &str) -> String {
    format!("{id} hat keinen Namen (name ist leer)")
}

/// A spokesperson without conferences.
pub fn person_without_conference(id: &str) -> String {
    format!("{id} hat keine Konferenz unter konferenzen")
}

/// A spokesperson's conference code the roster does not have; `known` lists the codes.
pub fn unknown_code(id: &str, code: &str, known: &str) -> String {
    format!("{id}: unbekanntes Kürzel „{code}“; bekannt sind: {known}")
}

/// A spokesperson's `email` that is not an address.
pub fn not_an_email(id: &str, email: &str) -> String {
    format!("{id}: „{email}“ ist keine E-Mail-Adresse")
}

/// A spokesperson without `email` (a warning).
pub fn no_email(id: &str) -> String {
    format!("{id} hat keine E-Mail-Adresse; das Briefing kann nicht versandt werden")
}

// --- model/validate.rs: the decisions

/// A decision number not of the form `YYYY/N`.
pub fn invalid_decision_number(number: &str) -> String {
    format!("die Beschlussnummer „{number}“ hat nicht die Form JJJJ/N, z. B. „2023/07“")
}

/// A decision number written twice; `first` is where it stands first.
pub fn duplicate_decision(number: &str, first: impl Display) -> String {
    format!("Beschluss {number} steht zweimal (zuerst bei {first})")
}

/// A decision whose `titel` is empty.
pub fn decision_without_title(number: &str) -> String {
    format!("Beschluss {number} hat keinen Titel (titel ist leer)")
}

/// A decision whose `relevant_fuer` is an empty list.
pub fn empty_relevance(number: &str) -> String {
    format!(
        "Beschluss {number}: relevant_fuer ist leer; schreiben Sie „alle“ oder Kürzel von Konferenzen"
    )
}

/// A code in `relevant_fuer` the roster does not have.
pub fn unknown_relevance_code(number: &str, code: &str) -> String {
    format!("Beschluss {number}: unbekanntes Kürzel „{code}“ in relevant_fuer")
}

/// A decision's `link` with a scheme that is not allowed.
pub fn link_not_allowed(number: &str, link: &str) -> String {
    format!(
        "Beschluss {number}: der Link „{link}“ muss mit https://, http:// oder mailto: beginnen"
    )
}

// --- model/join.rs: the spreadsheets' rows (warnings)

/// A conference written with a footnote marker, read without it.
pub fn footnote_ignored(written: &str, code: &str, marker: &str) -> String {
    format!(
        "„{written}“ wird als {code} gelesen; das Fußnotenzeichen „{marker}“ am \
         Ende wird übergangen"
    )
}

/// A contact or meeting (`what`, one of the descriptions below) listed twice.
pub fn listed_twice(what: &str, first: impl Display) -> String {
    format!(
        "{what} steht zweimal in der Liste, zuerst {first}; dieser Eintrag wird nicht übernommen"
    )
}

/// A row naming a conference the roster does not know.
pub fn unknown_conference(written: &str) -> String {
    format!(
        "unbekannte Konferenz „{written}“; die Zeile wird nicht übernommen. Ist es eine \
         Konferenz des Verzeichnisses, tragen Sie den Namen in sprecher.yaml unter \
         „aliases“ ein"
    )
}

/// A contact person without an address in the list.
pub fn contact_without_email(who: &str, code: &str) -> String {
    format!("die Ansprechperson {who} der {code} hat keine E-Mail-Adresse")
}

/// A conference for which this month's list has no contact person.
pub fn no_contact(code: &str, name: &str) -> String {
    format!(
        "für die Konferenz {code} ({name}) enthält die Liste dieses Monats keine Ansprechperson"
    )
}

/// A row naming another chair than the conference's first row; the first one is used.
pub fn other_chair(code: &str, chair: &str, at: impl Display, first: &str) -> String {
    format!(
        "{code}: hier steht der Vorsitz „{chair}“, bei {at} aber „{first}“; verwendet wird „{first}“"
    )
}

/// A struck-through meeting (`what`), not listed.
pub fn cancelled_meeting(what: &str, code: &str) -> String {
    format!(
        "{what} ({code}) ist durchgestrichen und gilt als abgesagt; er wird \
         nicht aufgeführt"
    )
}

/// A meeting more than `years` years from the reference date `stand`.
pub fn far_away(what: &str, code: &str, years: u32, stand: impl Display) -> String {
    format!(
        "{what} ({code}) liegt mehr als {years} Jahre vom Stand {stand} \
         entfernt. Prüfen Sie die Jahreszahl"
    )
}

// --- model/join.rs: an entry as the warnings (and the overview's notes) describe it

/// A contact person.
pub fn contact(name: &str, code: &str) -> String {
    format!("Die Ansprechperson {name} ({code})")
}

/// A contact person without a name.
pub const WITHOUT_NAME: &str = "(ohne Namen)";

/// A meeting with a name and a day.
pub fn meeting_named_on(name: &str, day: impl Display) -> String {
    format!("Der Termin „{name}“ am {day}")
}

/// A meeting with a day only.
pub fn meeting_on(day: impl Display) -> String {
    format!("Der Termin am {day}")
}

/// A meeting with a name only.
pub fn meeting_named(name: &str) -> String {
    format!("Der Termin „{name}“")
}

/// A meeting with neither.
pub const A_MEETING: &str = "Ein Termin";

// --- model/validate.rs: the salutation and title of a spokesperson (issue 21)

/// `anrede` other than `Herr`, `Frau` or empty.
pub fn salutation(id: &str, value: &str, fix: Option<&str>) -> String {
    match fix {
        Some(fix) => format!(
            "{id}: anrede „{value}“ ist keine der erlaubten Angaben; schreiben Sie „{fix}“ \
             (erlaubt sind Herr, Frau oder nichts)"
        ),
        None => format!(
            "{id}: anrede „{value}“ ist keine der erlaubten Angaben; erlaubt sind Herr, Frau \
             oder nichts (dann schreiben die Dokumente neutrale Formen)"
        ),
    }
}

/// No `anrede`: the documents use neutral forms.
pub fn no_salutation(id: &str, name: &str) -> String {
    format!(
        "{id}: keine anrede angegeben; die Dokumente schreiben darum neutral „Guten Tag \
         {name}“, „Briefing für {name}“ und „fachpolitische Sprecherin oder fachpolitischer \
         Sprecher“; ergänzen Sie „anrede: Herr“ oder „anrede: Frau“, wenn sie bekannt ist"
    )
}

/// A title in both `titel` and `name`.
pub fn title_twice(id: &str, title: &str) -> String {
    format!(
        "{id}: „{title}“ steht in titel und in name; die Dokumente schrieben es doppelt \
         („{title} {title} …“): entfernen Sie es aus name"
    )
}
