//! Stage 6: delivering a built month by e-mail.
//!
//! Works only on what `build` wrote into `out/YYYY-MM/` (read through [`crate::output`]: the
//! manifest, the briefings and calendar files) plus the e-mail text it renders from
//! `email.txt.j2`; it never renders documents. [`freshness`] reads the built month and refuses
//! documents older than their sources, [`plan`] decides who gets what (the one place),
//! [`run`] makes the letters, keeps each version sent and runs the batch, [`message`] builds
//! one RFC 5322 message per spokesperson (also written as `.eml` files in a dry run),
//! [`smtp`] sends them. TLS is verified against the system's store plus
//! `versand.ca_zertifikat` ([`trust`]); a rejected certificate is read once more ([`probe`])
//! and explained ([`certificate`]); [`connection`] is `send --verbindung-pruefen`. The
//! Message-ID comes from the month, the id and the number of the delivery; a dry run's messages are byte-deterministic (the date is the reference date), a
//! real delivery is dated when it is sent.

pub mod certificate;
pub mod connection;
pub mod freshness;
pub mod message;
pub mod plan;
pub mod probe;
pub mod run;
pub mod smtp;
pub mod trust;

use std::path::PathBuf;

use crate::messages::deliver as messages;
use crate::output::FsError;
use crate::output::log::LogError;
use crate::output::manifest::ManifestError;

pub use freshness::BuiltMonth;
pub use message::{
    AttachmentFile, Delivery, Letter, Prepared, attachment_name, attachments, dry_run_date,
    message, message_id, sender, write_eml,
};
pub use plan::{AlreadySent, Due, Plan, Reason, SendOptions, Unknown, WithoutAddress, plan};
pub use run::{
    Aborted, Failed, Outgoing, Recipient, Recorded, SendReport, SendUi, letters, record_arrived,
    send, write_dry_run,
};
pub use smtp::{FailureKind, Mailer, SendFailure};

/// Why a delivery cannot start, or a message cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum DeliverError {
    /// A file system operation failed.
    #[error(transparent)]
    Io(#[from] FsError),
    /// The send log cannot be read or written.
    #[error(transparent)]
    Log(#[from] LogError),
    /// The manifest cannot be read.
    #[error(transparent)]
    Manifest(#[from] ManifestError),
    /// A file of the built month is missing.
    #[error("{}", messages::not_built(.0.display()))]
    NotBuilt(PathBuf),
    /// A document is older than one of the files it is made from.
    #[error("{}", messages::stale(document.display(), source_file.display()))]
    Stale {
        /// The oldest document of the month.
        document: PathBuf,
        /// A file changed after it was built.
        source_file: PathBuf,
    },
    /// A document differs from its checksum in the manifest.
    #[error("{}", messages::checksum(.0.display()))]
    Checksum(PathBuf),
    /// The sender is not an address.
    #[error("{}", messages::bad_sender(.0))]
    Sender(String),
    /// The mail server cannot be used with these settings.
    #[error("{0}")]
    Smtp(String),
    /// The documents of the month were built with different reference dates.
    #[error("{}", messages::mixed_stand(path.display(), dates))]
    MixedStand {
        /// The manifest.
        path: PathBuf,
        /// The dates found.
        dates: String,
    },
    /// `versand.pdf_anhaengen` is on, but this briefing has no PDF (built without `--pdf`).
    #[error("{}", messages::pdf_not_built(.0.display()))]
    PdfNotBuilt(PathBuf),
    /// The manifest names someone the roster no longer has.
    #[error("{}", crate::messages::cli::no_longer_in_roster(.0))]
    NotInRoster(String),
    /// The e-mail template failed (every problem).
    #[error("{0}")]
    Email(crate::diagnostics::Diagnostics),
}
