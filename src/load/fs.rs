//! File reads of the loading stage: bounded, and with errors that name the path.
//!
//! Every input file (YAML, spreadsheets, templates, the reference document) is read through
//! [`read_bounded`], so an oversized file or a device that never ends gives an error instead
//! of exhausting memory. This module does not parse anything.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::io_reason::describe;
use crate::messages;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file is larger than the limit for its kind.
    #[error("{}: {}", path.display(), too_large(*.size, *.limit))]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size on disk; `None` when the reading itself went past the limit.
        size: Option<u64>,
        /// The most accepted.
        limit: u64,
    },
    /// Any other I/O problem.
    #[error("{}: {}", path.display(), messages::inputs::file_unreadable(describe(source)))]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
}

impl ReadError {
    /// Whether the file is simply not there (optional files are then skipped).
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io { source, .. } if source.kind() == io::ErrorKind::NotFound)
    }

    /// The text after the file name, for reports that name the file themselves.
    pub fn reason(&self) -> String {
        match self {
            ReadError::TooLarge { size, limit, .. } => too_large(*size, *limit),
            ReadError::Io { source, .. } => messages::inputs::file_unreadable(describe(source)),
        }
    }
}

fn too_large(size: Option<u64>, limit: u64) -> String {
    match size {
        Some(size) => messages::inputs::file_too_large(size, limit),
        None => messages::inputs::file_larger_than(limit),
    }
}

/// Reads at most `limit` bytes of `path`; a larger file is [`ReadError::TooLarge`]. The size on
/// disk can lie (a device, a file still growing), so the read itself is bounded too.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let io = |source: io::Error| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > limit {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size: Some(size),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    std::fs::File::open(path)
        .and_then(|file| file.take(limit + 1).read_to_end(&mut bytes))
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size: None,
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_within_the_limit_and_refuses_beyond_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read_bounded(&path, 5).unwrap(), b"12345");
        assert!(matches!(
            read_bounded(&path, 4),
            Err(ReadError::TooLarge {
                size: Some(5),
                limit: 4,
                ..
            })
        ));
        assert!(
            read_bounded(&dir.path().join("missing"), 4)
                .unwrap_err()
                .is_not_found()
        );
    }
}
