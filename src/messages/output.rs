//! Messages of the month's output folder: writer, lock, manifest, send log.
//!
//! Holds the texts of `src/output/*` and the file operations `src/commands/init.rs` names.
//! A file operation's text is what was being done; [`crate::output::FsError`] puts the path
//! before it and the operating system's reason after it.

use std::fmt::Display;

// --- file operations shared by the writer, init and delivery

/// Creating a folder.
pub const CREATE_FOLDER: &str = "der Ordner kann nicht angelegt werden";
/// Reading a folder's entries.
pub const READ_FOLDER: &str = "der Ordner kann nicht gelesen werden";
/// Reading a file.
pub const READ_FILE: &str = "die Datei kann nicht gelesen werden";
/// Writing a file.
pub const WRITE_FILE: &str = "die Datei kann nicht geschrieben werden";
/// Creating the output folder.
pub const CREATE_OUTPUT_FOLDER: &str = "der Ausgabeordner kann nicht angelegt werden";

// --- output/lock.rs

/// Opening the lock file.
pub const OPEN_LOCK: &str = "die Sperrdatei kann nicht geöffnet werden";
/// Taking the lock.
pub const LOCK_OUTPUT_FOLDER: &str = "der Ausgabeordner kann nicht gesperrt werden";
/// Writing who holds the lock.
pub const WRITE_LOCK: &str = "die Sperrdatei kann nicht geschrieben werden";

/// Who holds the lock, from the lock file.
pub fn lock_holder(command: &str, pid: &str, since: &str) -> String {
    format!("`briefing {command}` (Prozess {pid}, seit {since})")
}

/// Who holds the lock when the lock file does not say.
pub const UNKNOWN_LOCK_HOLDER: &str = "ein anderer Lauf von briefing";

// --- output/log.rs

/// Reading the send log.
pub const READ_SEND_LOG: &str = "das Versandprotokoll kann nicht gelesen werden";
/// Opening the send log to append.
pub const OPEN_SEND_LOG: &str = "das Versandprotokoll kann nicht geöffnet werden";
/// Appending to the send log.
pub const WRITE_SEND_LOG: &str = "das Versandprotokoll kann nicht geschrieben werden";

/// The send log's content is not what the program writes.
pub fn send_log_unreadable(path: impl Display, message: &str) -> String {
    format!("{path}: das Versandprotokoll ist nicht lesbar: {message}")
}

// --- output/manifest.rs

/// `versand.csv` cannot be read.
pub fn manifest_unreadable(path: impl Display, message: &str) -> String {
    format!(
        "{path}: die Versandliste lässt sich nicht lesen ({message}); bitte den Monat mit \
         „briefing build“ neu erstellen"
    )
}

// --- output/writer.rs

/// Creating the staging folder.
pub const CREATE_STAGING: &str = "der Zwischenordner kann nicht angelegt werden";
/// Moving the previous month folder aside.
pub const MOVE_PREVIOUS_ASIDE: &str = "die bisherige Ausgabe kann nicht beiseitegelegt werden";
/// Moving the new month folder in.
pub const MOVE_NEW_IN: &str = "die neue Ausgabe kann nicht an ihren Platz gebracht werden";
/// Putting the previous month folder back after a killed run.
pub const RESTORE_PREVIOUS: &str = "die bisherige Ausgabe kann nicht wiederhergestellt werden";
/// Syncing a folder's entries.
pub const SYNC_FOLDER: &str = "der Ordner kann nicht auf den Datenträger geschrieben werden";
/// Telling a file from a folder.
pub const CHECK_FILE: &str = "die Datei kann nicht geprüft werden";
/// Copying a file of the month into an update.
pub const COPY_PREVIOUS_FILE: &str = "die bisherige Datei kann nicht kopiert werden";
/// Removing an old folder.
pub const REMOVE_OLD_FOLDER: &str = "der alte Ordner kann nicht entfernt werden";
/// Removing an old file.
pub const REMOVE_OLD_FILE: &str = "die alte Datei kann nicht entfernt werden";

/// A file name that would leave the month folder or take a reserved name.
pub fn unsafe_name(name: &str) -> String {
    format!(
        "„{name}“ ist kein einfacher Dateiname; außerhalb des Monatsordners wird nichts \
         geschrieben"
    )
}

/// The month folder is a symbolic link.
pub fn symlinked_month(folder: impl Display) -> String {
    format!(
        "{folder}: der Monatsordner ist eine Verknüpfung (symbolischer Link); durch sie wird \
         nicht geschrieben. Bitte die Verknüpfung entfernen: der Monatsordner muss ein echter \
         Ordner im Ausgabeordner sein"
    )
}

/// Another run holds the output folder's lock; `holder` from [`lock_holder`].
pub fn busy(holder: &str, lock: impl Display) -> String {
    format!(
        "{holder} arbeitet gerade mit diesem Ausgabeordner ({lock}); warten Sie, bis dieser \
         Lauf fertig ist, und starten Sie dann erneut"
    )
}

// Issue 25: the staged month reaches the disk once per batch.

/// Putting every staged file on disk with one flush of the file system (Linux `syncfs`).
pub const SYNC_OUTPUT: &str = "die neue Ausgabe kann nicht auf den Datenträger geschrieben werden";
/// Putting one staged file on disk (the per-file flush).
pub const SYNC_FILE: &str = "die Datei kann nicht auf den Datenträger geschrieben werden";
