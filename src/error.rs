//! The error of a whole run, as the binary reports it.

use crate::deliver::DeliverError;
use crate::diagnostics::Diagnostics;
use crate::messages;
use crate::output::WriteError;

/// Why a command failed. Each kind maps to one exit code (see [`Error::exit_code`]).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in the inputs or templates, every one of them (warnings included).
    #[error("{}", summary(.0))]
    Problems(Diagnostics),
    /// The command line asks for something that cannot be done (e.g. an unknown id).
    #[error("{0}")]
    Usage(String),
    /// Writing the output failed; the previous output is untouched.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// Sending cannot start (documents missing or out of date, bad settings, ...).
    #[error(transparent)]
    Deliver(DeliverError),
}

/// A failed e-mail template is a template problem like any other (every problem listed).
impl From<DeliverError> for Error {
    fn from(error: DeliverError) -> Self {
        match error {
            DeliverError::Email(problems) => Error::Problems(problems),
            other => Error::Deliver(other),
        }
    }
}

impl Error {
    /// 1 for input, template and output problems, 2 for usage errors.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Problems(_) | Error::Write(_) | Error::Deliver(_) => 1,
            Error::Usage(_) => 2,
        }
    }
}

impl From<Diagnostics> for Error {
    fn from(diagnostics: Diagnostics) -> Self {
        Error::Problems(diagnostics)
    }
}

/// "2 Fehler und 1 Warnung; es wurde nichts geschrieben".
pub fn summary(diagnostics: &Diagnostics) -> String {
    messages::system::problems_summary(diagnostics.errors().count(), diagnostics.warnings().count())
}
