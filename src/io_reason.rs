//! What an operating-system error means, in plain German, with the technical detail after it.
//!
//! Used wherever a file operation fails, so "No such file or directory (os error 2)" reaches
//! the user as "nicht gefunden". It only words errors; it never retries or decides anything.

use std::io;

/// "nicht gefunden (No such file or directory, os error 2)".
pub fn describe(error: &io::Error) -> String {
    let plain = match error.kind() {
        io::ErrorKind::NotFound => "nicht gefunden",
        io::ErrorKind::PermissionDenied => "keine Berechtigung",
        io::ErrorKind::AlreadyExists => "ist schon vorhanden",
        io::ErrorKind::StorageFull => "der Datenträger ist voll",
        io::ErrorKind::ReadOnlyFilesystem => "der Datenträger ist schreibgeschützt",
        io::ErrorKind::IsADirectory => "ist ein Ordner, keine Datei",
        io::ErrorKind::NotADirectory => "ist kein Ordner",
        io::ErrorKind::DirectoryNotEmpty => "der Ordner ist nicht leer",
        io::ErrorKind::InvalidData => "der Inhalt ist ungültig",
        io::ErrorKind::TimedOut => "Zeitüberschreitung",
        io::ErrorKind::Interrupted => "unterbrochen",
        _ => return format!("Betriebssystemfehler ({error})"),
    };
    format!("{plain} ({error})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_errors_read_as_plain_german_with_the_detail_after() {
        let missing = io::Error::from(io::ErrorKind::NotFound);
        assert!(describe(&missing).starts_with("nicht gefunden ("));
        let denied = io::Error::from_raw_os_error(13);
        assert!(
            describe(&denied).starts_with("keine Berechtigung ("),
            "{}",
            describe(&denied)
        );
    }
}
