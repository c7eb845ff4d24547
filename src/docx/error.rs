//! The one error type of the writer: why a document could not be written, or a design
//! could not be read. A leaf: every other file of `docx` may use it.

use crate::messages::documents as messages;

/// Why a document could not be written, or a design could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// Markdown image syntax: the briefings carry no pictures.
    #[error("{}", messages::image_not_supported(.0))]
    ImageNotSupported(String),
    /// The reference document (`templates/referenz.docx`) cannot be used; the message says
    /// why, without the file name (the caller knows it).
    #[error("{0}")]
    Reference(String),
    /// The logo (`templates/logo.png`) cannot be used; message without the file name.
    #[error("{0}")]
    Logo(String),
    /// The zip container could not be written.
    #[error("{}", messages::zip_failed(.0))]
    Zip(#[from] zip::result::ZipError),
    /// Writing XML into memory failed.
    #[error("{}", messages::xml_failed(.0))]
    Io(#[from] std::io::Error),
}
