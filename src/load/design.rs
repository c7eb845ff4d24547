//! Reading the optional design files of the templates folder: the reference document whose
//! styles the documents take over, and the logo of the page header.
//!
//! Only the bytes are read here; the Word writer parses them (`docx::Design`).

use std::path::{Path, PathBuf};

use super::fs::read_bounded;
use crate::diagnostics::{Diagnostics, Location};

/// The reference document with the corporate styles, optional.
pub const REFERENCE_DOCX: &str = "referenz.docx";
/// The logo for the page header, optional.
pub const LOGO_PNG: &str = "logo.png";

/// The largest reference document or logo accepted.
pub const MAX_DESIGN_BYTES: u64 = 32 * 1024 * 1024;

/// A design file that is present, with its path for messages.
#[derive(Debug, Clone)]
pub struct DesignFile {
    /// Where it was read.
    pub path: PathBuf,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// The design files found in the templates folder.
#[derive(Debug, Clone, Default)]
pub struct DesignFiles {
    /// `referenz.docx`, if present.
    pub reference: Option<DesignFile>,
    /// `logo.png`, if present.
    pub logo: Option<DesignFile>,
}

/// Reads `referenz.docx` and `logo.png` from `templates`; a file that is present but cannot be
/// read is an error naming it.
pub fn read(templates: &Path) -> Result<DesignFiles, Diagnostics> {
    let mut problems = Diagnostics::new();
    let mut read_one = |name: &str| {
        let path = templates.join(name);
        match read_bounded(&path, MAX_DESIGN_BYTES) {
            Ok(bytes) => Some(DesignFile { path, bytes }),
            Err(error) if error.is_not_found() => None,
            Err(error) => {
                problems.error(Location::file(&path), error.reason());
                None
            }
        }
    };
    let files = DesignFiles {
        reference: read_one(REFERENCE_DOCX),
        logo: read_one(LOGO_PNG),
    };
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(files)
    }
}
