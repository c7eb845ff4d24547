//! What an operating-system error means, in plain German, with the technical detail after it.
//!
//! Used wherever a file operation fails, so "No such file or directory (os error 2)" reaches
//! the user as "nicht gefunden". It only words errors; it never retries or decides anything.

use std::io;

use crate::messages::system as messages;

/// "nicht gefunden (No such file or directory, os error 2)".
pub fn describe(error: &io::Error) -> String {
    let plain = match error.kind() {
        io::ErrorKind::NotFound => messages::NOT_FOUND,
        io::ErrorKind::PermissionDenied => messages::PERMISSION_DENIED,
        io::ErrorKind::AlreadyExists => messages::ALREADY_EXISTS,
        io::ErrorKind::StorageFull => messages::STORAGE_FULL,
        io::ErrorKind::ReadOnlyFilesystem => messages::READ_ONLY_FILESYSTEM,
        io::ErrorKind::IsADirectory => messages::IS_A_DIRECTORY,
        io::ErrorKind::NotADirectory => messages::NOT_A_DIRECTORY,
        io::ErrorKind::DirectoryNotEmpty => messages::DIRECTORY_NOT_EMPTY,
        io::ErrorKind::InvalidData => messages::INVALID_DATA,
        io::ErrorKind::TimedOut => messages::TIMED_OUT,
        io::ErrorKind::Interrupted => messages::INTERRUPTED,
        _ => return messages::os_error(error),
    };
    messages::os_reason(plain, error)
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
