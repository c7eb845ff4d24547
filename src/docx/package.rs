//! The OPC zip container: fixed entry order, fixed timestamps (1980-01-01 00:00), deflate.
//!
//! The parts that are the same in every document of a design (styles, theme, font table,
//! settings, ...) are deflated once per [`super::Design`], on first use ([`FixedParts`]),
//! and copied into each package as they are: a profile showed that setting up a fresh
//! deflate stream for each of a document's small parts cost more than compressing its text.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::DocxError;

/// The part of a package: written by this document, or one of its design's fixed parts
/// (by index into [`FixedParts`]).
#[derive(Debug, Clone)]
pub(crate) enum Part {
    Own(&'static str, Vec<u8>),
    Fixed(&'static str, usize),
}

/// Parts that do not depend on the document, uncompressed and deflated.
#[derive(Debug, Clone)]
pub(crate) struct FixedParts {
    parts: Vec<(&'static str, Vec<u8>)>,
    /// The same parts, in the same order, as a zip archive to copy entries from.
    zip: Vec<u8>,
}

impl FixedParts {
    pub(crate) fn new(parts: Vec<(&'static str, Vec<u8>)>) -> Result<FixedParts, DocxError> {
        let files: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (*n, b.as_slice())).collect();
        let zip = zip_files(&files)?;
        Ok(FixedParts { parts, zip })
    }

    /// The index of the fixed part `name`, if the design has it.
    pub(crate) fn index(&self, name: &str) -> Option<usize> {
        self.parts.iter().position(|(n, _)| *n == name)
    }

    /// The uncompressed bytes of fixed part `index`.
    pub(crate) fn bytes(&self, index: usize) -> &[u8] {
        &self.parts[index].1
    }
}

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
}

fn writer() -> ZipWriter<Cursor<Vec<u8>>> {
    ZipWriter::new(Cursor::new(Vec::new()))
}

/// Zip files given by name and bytes, in the given order.
pub(crate) fn zip_files(files: &[(&str, &[u8])]) -> Result<Vec<u8>, DocxError> {
    let mut zip = writer();
    for (name, bytes) in files {
        zip.start_file(*name, options())?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Zip the parts in the given order; fixed parts are copied already deflated.
pub(crate) fn zip_parts(parts: &[Part], fixed: &FixedParts) -> Result<Vec<u8>, DocxError> {
    let mut archive = None;
    let mut zip = writer();
    for part in parts {
        match part {
            Part::Own(name, bytes) => {
                zip.start_file(*name, options())?;
                zip.write_all(bytes)?;
            }
            Part::Fixed(name, index) => {
                let archive = match &mut archive {
                    Some(archive) => archive,
                    None => archive.insert(ZipArchive::new(Cursor::new(fixed.zip.as_slice()))?),
                };
                let entry = archive.by_index_raw(*index)?;
                zip.raw_copy_file_rename(entry, *name)?;
            }
        }
    }
    Ok(zip.finish()?.into_inner())
}
