//! Messages of the calendar memory: the file beside the send log that keeps each month's
//! calendar UIDs for the next month (`src/output/calendar_ids.rs`).

use std::fmt::Display;

/// Writing the memory file.
pub const WRITE_MEMORY: &str = "die Kalenderdatei der Termin-UIDs kann nicht geschrieben werden";
/// Renaming the written memory file into place.
pub const REPLACE_MEMORY: &str = "die Kalenderdatei der Termin-UIDs kann nicht ersetzt werden";

/// The memory file cannot be read at all.
pub fn memory_unreadable(reason: impl Display) -> String {
    format!(
        "die Kalenderdatei der Termin-UIDs lässt sich nicht lesen ({reason}); ohne sie \
         bekämen Termine in den Kalendern der Empfänger neue UIDs. Stellen Sie die Datei \
         wieder her oder löschen Sie sie bewusst (dann werden die UIDs wie beim ersten Lauf \
         gebildet)"
    )
}

/// A line of the memory file is damaged.
pub fn memory_line_damaged(what: &str) -> String {
    format!(
        "die Kalenderdatei der Termin-UIDs ist beschädigt: {what}. Stellen Sie die Datei \
         wieder her oder löschen Sie sie bewusst (dann werden die UIDs wie beim ersten Lauf \
         gebildet)"
    )
}

/// Why a line is damaged: too few or too many columns.
pub fn wrong_column_count(anzahl: usize, soll: usize) -> String {
    format!("{anzahl} statt {soll} Spalten")
}

/// Why a line is damaged: a value that is not what its column holds.
pub fn bad_value(column: &str, value: &str) -> String {
    format!("Spalte „{column}“: „{value}“ ist ungültig")
}

/// Why the file is damaged: its first line is not the expected header.
pub const WRONG_HEADER: &str = "die erste Zeile ist nicht die erwartete Kopfzeile";
