//! Markdown -> DOCX (Office Open XML WordprocessingML) writer.
//!
//! What it does: turns the Markdown that the templates render into a Word document with
//! native Word structure: headings use the built-in `Heading1`..`Heading4` styles (navigation
//! pane and table of contents work), lists are real Word numbering (nested, ordered lists
//! restart), GFM tables become Word tables with a repeating, shaded header row and column
//! widths from the content (see below), links become hyperlinks (http, https, mailto only),
//! `[^1]` becomes a real Word footnote, `<br>` becomes a line break. Every page carries a
//! header (title left, header text right) and a footer (footer text left, "Seite X von Y"
//! right). Document properties are set.
//!
//! Markdown forms of our own, each a paragraph of its own (blank lines around it):
//!
//! - `\newpage`: a page break.
//! - `\querformat`: the following content is a new section in A4 landscape, starting on a
//!   new page; its tables use the landscape text width (24.7 cm instead of 16 cm).
//! - `\hochformat`: back to portrait, on a new page.
//!
//! A marker that does not change the orientation is ignored; a marker before any content
//! sets the orientation of the first page. Inside lists, quotes and footnotes the markers
//! stay text. Every section has the header and footer; each orientation has its own header
//! and footer part (`header1`/`footer1` portrait, `header2`/`footer2` landscape) whose right
//! tab stop sits at that orientation's right margin.
//!
//! Column widths: each column first gets room for its longest word, and for short lines (up
//! to 20 characters: dates, phone numbers, names) the whole line, measured with the advance
//! widths of 11 pt Arial (bold in the header row); the rest of the text width goes to the
//! columns with longer lines. Only when those minima do not fit do all columns shrink in
//! proportion (then long words may break).
//!
//! Design ([`Design`]): built-in sober styles (Arial, dark blue headings), or the styles,
//! theme and font table of a reference document (`templates/referenz.docx`, like pandoc's
//! `--reference-doc`), plus optionally a PNG logo in every page header. The caller reads
//! the files; this module only parses bytes.
//!
//! Every element is written in ECMA-376 schema order by construction; the output validates
//! with `openxml-audit -f office2016`. The bytes are deterministic: the same input gives the
//! same file (fixed zip order and timestamps, ids assigned per document, no global state).
//! [`check_package`] verifies a package's structure (for tests).
//!
//! Also mapped: `> quotes` (style `Quote`), fenced/indented code (style `SourceCode`), `---`
//! (a paragraph with a bottom border), ~~strike~~, `code` (Courier New). Links with other
//! schemes (file:, javascript:, relative, #anchor) keep only their text; the package lists
//! them ([`Package::refused_links`]) so the caller can refuse the document instead. A `[^x]` without a
//! definition stays literal text; unreferenced definitions are dropped; footnote ids follow
//! the order of first reference.
//!
//! What it does not: images in the text (an error; the logo is the only picture), raw HTML
//! other than `<br>` (kept as literal, escaped text, comments included), a `#` heading is
//! always `Heading1` (never `Title`, so it shows in the navigation pane), headings deeper
//! than `####` use `Heading4`, lists deeper than 9 levels stay at level 9, list items inside
//! a block quote are list paragraphs (not `Quote`), no table of contents, no cell merging.

mod check;
mod design;
mod document;
mod markdown;
mod package;
mod parts;
mod xml;

pub use check::check_package;
pub use design::Design;

use design::HEADER_RELS;
use document::{Ctx, Links, PartIds};
use markdown::Orientation;
use package::{FixedParts, Part};

/// Document properties and header/footer texts.
#[derive(Debug, Clone)]
pub struct DocumentMeta {
    /// Core property dc:title; also shown left in the page header.
    pub title: String,
    /// dc:subject.
    pub subject: String,
    /// dc:creator and cp:lastModifiedBy.
    pub author: String,
    /// dcterms:created and dcterms:modified (as `YYYY-MM-DDT00:00:00Z`), for determinism.
    pub date: chrono::NaiveDate,
    /// Shown right in the page header (e.g. "Stand: 28.11.2026").
    pub header_text: String,
    /// Shown left in the footer; the right side is "Seite X von Y".
    pub footer_text: String,
}

/// Why a document could not be written, or a design could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// Markdown image syntax: the briefings carry no pictures.
    #[error(
        "images are not supported in Word briefings (found image \"{0}\"); remove the image from the template"
    )]
    ImageNotSupported(String),
    /// The reference document (`templates/referenz.docx`) cannot be used; the message says
    /// why, without the file name (the caller knows it).
    #[error("{0}")]
    Reference(String),
    /// The logo (`templates/logo.png`) cannot be used; message without the file name.
    #[error("{0}")]
    Logo(String),
    /// The zip container could not be written.
    #[error("could not write the .docx package: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// Writing XML into memory failed.
    #[error("could not write the document XML: {0}")]
    Io(#[from] std::io::Error),
}

/// Convert Markdown into the bytes of a .docx file in the given design
/// (`&Design::default()` for the built-in one). Links with schemes other than http, https and
/// mailto keep only their text; [`markdown_to_package`] lists them.
pub fn markdown_to_docx(
    markdown: &str,
    meta: &DocumentMeta,
    design: &Design,
) -> Result<Vec<u8>, DocxError> {
    markdown_to_package(markdown, meta, design)?.zip()
}

/// The parts of a document, in package order, before they are zipped. Kept apart from
/// [`markdown_to_docx`] so that writing the XML and compressing it can be measured (and
/// inspected) one at a time.
#[derive(Debug, Clone)]
pub struct Package<'design> {
    parts: Vec<Part>,
    fixed: &'design FixedParts,
    refused_links: Vec<String>,
}

impl Package<'_> {
    /// The part names and their uncompressed bytes, in the order they are zipped.
    pub fn parts(&self) -> impl Iterator<Item = (&'static str, &[u8])> {
        self.parts.iter().map(|part| match part {
            Part::Own(name, bytes) => (*name, bytes.as_slice()),
            Part::Fixed(name, index) => (*name, self.fixed.bytes(*index)),
        })
    }

    /// Link targets in the Markdown that are not http, https or mailto, in order of
    /// appearance: the document keeps only their text.
    pub fn refused_links(&self) -> &[String] {
        &self.refused_links
    }

    /// The .docx file: the parts deflated into a zip with fixed order and timestamps.
    pub fn zip(&self) -> Result<Vec<u8>, DocxError> {
        package::zip_parts(&self.parts, self.fixed)
    }
}

/// The parts that are the same in every document of a design (deflated once per design);
/// the logo's relationships appear under both header names.
pub const SHARED_PARTS: [&str; 9] = [
    "_rels/.rels",
    "docProps/app.xml",
    "word/styles.xml",
    "word/settings.xml",
    "word/fontTable.xml",
    "word/theme/theme1.xml",
    "word/_rels/header1.xml.rels",
    "word/_rels/header2.xml.rels",
    "word/media/logo.png",
];

/// Per orientation: its number, header part, the header's relationships, footer part.
const SECTION_PARTS: [(Orientation, u32, &str, &str, &str); 2] = [
    (
        Orientation::Portrait,
        1,
        "word/header1.xml",
        "word/_rels/header1.xml.rels",
        "word/footer1.xml",
    ),
    (
        Orientation::Landscape,
        2,
        "word/header2.xml",
        "word/_rels/header2.xml.rels",
        "word/footer2.xml",
    ),
];

/// Convert Markdown into the parts of a .docx file (XML, and the logo if the design has
/// one) in the given design.
pub fn markdown_to_package<'design>(
    markdown: &str,
    meta: &DocumentMeta,
    design: &'design Design,
) -> Result<Package<'design>, DocxError> {
    let doc = markdown::parse(markdown)?;
    let ids = PartIds {
        landscape: doc.has_landscape(),
        logo: design.logo.is_some(),
    };
    let fixed = design.fixed_parts()?;
    let shared = |name: &'static str| {
        let index = fixed.index(name).expect("every design has this part");
        Part::Fixed(name, index)
    };
    let styles = design.styles();
    let mut links = Links::new(ids.first_link_rid());
    let document = document::document_xml(&doc, &mut Ctx::new(&mut links, &styles))?;
    let mut footnote_links = Links::new(1);
    let footnotes = document::footnotes_xml(&doc, &mut Ctx::new(&mut footnote_links, &styles))?;
    let logo = design.logo.as_ref();
    let mut parts = vec![
        Part::Own("[Content_Types].xml", parts::content_types_xml(&ids)?),
        shared("_rels/.rels"),
        Part::Own("docProps/core.xml", parts::core_xml(meta)?),
        shared("docProps/app.xml"),
        Part::Own("word/document.xml", document),
        Part::Own(
            "word/_rels/document.xml.rels",
            parts::document_rels_xml(&links, &ids)?,
        ),
        shared("word/styles.xml"),
        shared("word/settings.xml"),
        shared("word/fontTable.xml"),
        shared("word/theme/theme1.xml"),
        Part::Own(
            "word/numbering.xml",
            parts::numbering_xml(&doc.ordered_lists)?,
        ),
        Part::Own("word/footnotes.xml", footnotes),
    ];
    if !footnote_links.is_empty() {
        parts.push(Part::Own(
            "word/_rels/footnotes.xml.rels",
            parts::footnote_rels_xml(&footnote_links)?,
        ));
    }
    let header_rels = |name: &'static str| {
        let index = fixed
            .index(HEADER_RELS)
            .expect("a design with a logo has them");
        Part::Fixed(name, index)
    };
    // Each orientation has its own header and footer (their right tab stop differs).
    let sections = if ids.landscape { 2 } else { 1 };
    for (orientation, number, header, rels, footer) in &SECTION_PARTS[..sections] {
        let header_xml = document::header_xml(meta, &styles, *orientation, logo, *number)?;
        parts.push(Part::Own(header, header_xml));
        if ids.logo {
            parts.push(header_rels(rels));
        }
        let footer_xml = document::footer_xml(meta, &styles, *orientation)?;
        parts.push(Part::Own(footer, footer_xml));
    }
    if ids.logo {
        parts.push(shared("word/media/logo.png"));
    }
    Ok(Package {
        parts,
        fixed,
        refused_links: doc.refused_links,
    })
}

#[cfg(test)]
mod tests;
