//! The OPC zip container: fixed entry order, fixed timestamps (1980-01-01 00:00), deflate;
//! and the [`Design`] a package is written in, which keeps the parts its documents share.
//!
//! The parts that are the same in every document of a design (styles, theme, font table,
//! settings, ...) are deflated once per [`Design`], on first use ([`FixedParts`]), and copied
//! into each package as they are: a profile showed that setting up a fresh deflate stream
//! for each of a document's small parts cost more than compressing its text. Threads that
//! race to build them build the same bytes; the first one kept wins, so the output stays
//! deterministic.

use std::io::{Cursor, Write};
use std::sync::OnceLock;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::design::{Logo, Reference};
use super::error::DocxError;
use super::ooxml::{
    APP, FONT_TABLE, LOGO, Orientation, PACKAGE_RELS, SETTINGS, STYLES, StyleMap,
    TABLE_HALF_POINTS, THEME,
};
use super::parts::{properties, relationships, settings, styles};

/// The logo's relationships, the same for the portrait and landscape header: kept once,
/// under the portrait header's name.
pub(crate) const HEADER_RELS: &str = Orientation::Portrait.header_rels_part();

/// How the documents look: built-in styles, or those of a reference document; with or
/// without a logo in the page header. `Design::default()` is the built-in sober design.
#[derive(Debug, Clone, Default)]
pub struct Design {
    reference: Option<Reference>,
    logo: Option<Logo>,
    /// The parts every document of this design shares, deflated once (on first use).
    fixed: OnceLock<FixedParts>,
}

impl Design {
    /// The design of a reference document (`templates/referenz.docx`): its styles, theme and
    /// font table. Fails with a plain message when the bytes are not a Word document with a
    /// readable `word/styles.xml`.
    pub fn from_reference(docx: &[u8]) -> Result<Design, DocxError> {
        Ok(Design {
            reference: Some(Reference::parse(docx)?),
            logo: None,
            fixed: OnceLock::new(),
        })
    }

    /// This design with a logo in the page header (`templates/logo.png`). Fails with a plain
    /// message when the bytes are not a PNG image.
    pub fn with_logo(mut self, png: &[u8]) -> Result<Design, DocxError> {
        self.logo = Some(Logo::parse(png)?);
        self.fixed = OnceLock::new();
        Ok(self)
    }

    /// The documents' `word/styles.xml`: the reference document's styles with the built-in
    /// ones it lacks (for the HTML preview, which takes its fonts and colours from it).
    pub fn styles_xml(&self) -> Result<Vec<u8>, DocxError> {
        styles::styles_xml(self.reference.as_ref())
    }

    /// The logo for the page header, if any.
    pub(crate) fn logo(&self) -> Option<&Logo> {
        self.logo.as_ref()
    }

    /// The style id map (empty for the built-in design).
    /// The font size of every table, in half-points: the reference's table style's, or the
    /// built-in one's ([`TABLE_HALF_POINTS`]).
    pub(crate) fn table_half_points(&self) -> u32 {
        self.reference
            .as_ref()
            .and_then(|r| r.table_half_points)
            .unwrap_or(TABLE_HALF_POINTS)
    }

    pub(crate) fn styles(&self) -> StyleMap {
        self.reference
            .as_ref()
            .map(|r| r.map.clone())
            .unwrap_or_default()
    }

    /// The parts every document of this design shares: package relationships, app
    /// properties, styles, settings, font table, theme, and the logo with its relationships.
    pub(crate) fn fixed_parts(&self) -> Result<&FixedParts, DocxError> {
        if let Some(fixed) = self.fixed.get() {
            return Ok(fixed);
        }
        let reference = self.reference.as_ref();
        let fonts = match reference.and_then(|r| r.font_table.clone()) {
            Some(bytes) => bytes,
            None => settings::font_table_xml()?,
        };
        let theme = reference.and_then(|r| r.theme.clone());
        let theme = theme.unwrap_or_else(|| settings::THEME_XML.as_bytes().to_vec());
        let mut fixed = vec![
            (PACKAGE_RELS, relationships::package_rels_xml()?),
            (APP, properties::app_xml()?),
            (STYLES, styles::styles_xml(reference)?),
            (SETTINGS, settings::settings_xml()?),
            (FONT_TABLE, fonts),
            (THEME, theme),
        ];
        if let Some(logo) = &self.logo {
            fixed.push((HEADER_RELS, relationships::header_rels_xml()?));
            fixed.push((LOGO, logo.png.clone()));
        }
        // Threads racing here build the same bytes; the first one kept wins.
        let _ = self.fixed.set(FixedParts::new(fixed)?);
        Ok(self.fixed.get().expect("set just now"))
    }
}

/// The part of a package: written by this document, or one of its design's fixed parts
/// (by index into [`FixedParts`]).
#[derive(Debug, Clone)]
pub(crate) enum Part {
    /// A part written for this document: its name and bytes.
    Own(&'static str, Vec<u8>),
    /// A part of the design: the name it has in this package, its index in [`FixedParts`].
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
    /// The parts, deflated into one archive to copy entries from.
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
    #[cfg(test)]
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
