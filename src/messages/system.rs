//! Messages of shared leaves: operating-system reasons, the crate error, diagnostics prefixes, months.
//!
//! Holds the texts of `src/io_reason.rs`, `src/error.rs`, `src/diagnostics.rs` and
//! `src/month.rs`.

use std::fmt::Display;

// --- io_reason.rs: what an operating-system error means

/// The file or folder does not exist.
pub const NOT_FOUND: &str = "nicht gefunden";
/// The operating system refused access.
pub const PERMISSION_DENIED: &str = "keine Berechtigung";
/// Something of that name exists already.
pub const ALREADY_EXISTS: &str = "ist schon vorhanden";
/// No space left.
pub const STORAGE_FULL: &str = "der Datenträger ist voll";
/// The file system is read-only.
pub const READ_ONLY_FILESYSTEM: &str = "der Datenträger ist schreibgeschützt";
/// A folder where a file was expected.
pub const IS_A_DIRECTORY: &str = "ist ein Ordner, keine Datei";
/// A file where a folder was expected.
pub const NOT_A_DIRECTORY: &str = "ist kein Ordner";
/// A folder that should be empty is not.
pub const DIRECTORY_NOT_EMPTY: &str = "der Ordner ist nicht leer";
/// The content is not what the operation expects.
pub const INVALID_DATA: &str = "der Inhalt ist ungültig";
/// The operation took too long.
pub const TIMED_OUT: &str = "Zeitüberschreitung";
/// The operation was interrupted.
pub const INTERRUPTED: &str = "unterbrochen";

/// A known reason in plain words, with the operating system's text after it.
pub fn os_reason(plain: &str, error: impl Display) -> String {
    format!("{plain} ({error})")
}

/// Any other operating-system error.
pub fn os_error(error: impl Display) -> String {
    format!("Betriebssystemfehler ({error})")
}

// --- error.rs: the summary of a failed run

/// "1 Warnung", "3 Warnungen".
pub fn warnings(n: usize) -> String {
    if n == 1 {
        "1 Warnung".to_string()
    } else {
        format!("{n} Warnungen")
    }
}

/// The last line of a run that found errors: "2 Fehler und 1 Warnung; es wurde nichts geschrieben".
pub fn problems_summary(errors: usize, warning_count: usize) -> String {
    format!(
        "{errors} Fehler und {}; es wurde nichts geschrieben",
        warnings(warning_count)
    )
}

// --- diagnostics.rs: the prefixes and the cell location

/// The prefix of an error.
pub const ERROR_LABEL: &str = "Fehler";
/// The prefix of a warning.
pub const WARNING_LABEL: &str = "Warnung";

/// The column part of a cell's location, after sheet and row.
pub fn column(column: &str) -> String {
    format!("Spalte „{column}“")
}

// --- month.rs

/// Text that is not a month `YYYY-MM`.
pub fn not_a_month(text: &str) -> String {
    format!("„{text}“ ist kein Monat; bitte als JJJJ-MM schreiben, z. B. 2026-11")
}
