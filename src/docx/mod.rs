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
//! schemes (file:, javascript:, relative, #anchor) keep only their text. A `[^x]` without a
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

use document::{Ctx, Links, PartIds};
use markdown::Orientation;

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
/// (`&Design::default()` for the built-in one).
pub fn markdown_to_docx(
    markdown: &str,
    meta: &DocumentMeta,
    design: &Design,
) -> Result<Vec<u8>, DocxError> {
    let doc = markdown::parse(markdown)?;
    let ids = PartIds {
        landscape: doc.has_landscape(),
        logo: design.logo.is_some(),
    };
    let styles = design.styles();
    let mut links = Links::new(ids.first_link_rid());
    let document = document::document_xml(&doc, &mut Ctx::new(&mut links, &styles))?;
    let mut footnote_links = Links::new(1);
    let footnotes = document::footnotes_xml(&doc, &mut Ctx::new(&mut footnote_links, &styles))?;
    let content_types = parts::content_types_xml(&ids)?;
    let package_rels = parts::package_rels_xml()?;
    let core = parts::core_xml(meta)?;
    let app = parts::app_xml()?;
    let document_rels = parts::document_rels_xml(&links, &ids)?;
    let styles_xml = parts::styles_xml(design)?;
    let settings = parts::settings_xml()?;
    let reference = design.reference.as_ref();
    let fonts = match reference.and_then(|r| r.font_table.clone()) {
        Some(bytes) => bytes,
        None => parts::font_table_xml()?,
    };
    let theme = reference.and_then(|r| r.theme.as_deref());
    let theme = theme.unwrap_or(parts::THEME_XML.as_bytes());
    let numbering = parts::numbering_xml(&doc.ordered_lists)?;
    let logo = design.logo.as_ref();
    let header = document::header_xml(meta, &styles, Orientation::Portrait, logo, 1)?;
    let footer = document::footer_xml(meta, &styles, Orientation::Portrait)?;
    let landscape = if ids.landscape {
        Some((
            document::header_xml(meta, &styles, Orientation::Landscape, logo, 2)?,
            document::footer_xml(meta, &styles, Orientation::Landscape)?,
        ))
    } else {
        None
    };
    let header_rels = if ids.logo {
        Some(parts::header_rels_xml()?)
    } else {
        None
    };
    let footnote_rels = if footnote_links.is_empty() {
        None
    } else {
        Some(parts::footnote_rels_xml(&footnote_links)?)
    };
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", &content_types),
        ("_rels/.rels", &package_rels),
        ("docProps/core.xml", &core),
        ("docProps/app.xml", &app),
        ("word/document.xml", &document),
        ("word/_rels/document.xml.rels", &document_rels),
        ("word/styles.xml", &styles_xml),
        ("word/settings.xml", &settings),
        ("word/fontTable.xml", &fonts),
        ("word/theme/theme1.xml", theme),
        ("word/numbering.xml", &numbering),
        ("word/footnotes.xml", &footnotes),
    ];
    if let Some(rels) = &footnote_rels {
        entries.push(("word/_rels/footnotes.xml.rels", rels));
    }
    entries.push(("word/header1.xml", &header));
    if let Some(rels) = &header_rels {
        entries.push(("word/_rels/header1.xml.rels", rels));
    }
    entries.push(("word/footer1.xml", &footer));
    if let Some((header2, footer2)) = &landscape {
        entries.push(("word/header2.xml", header2));
        if let Some(rels) = &header_rels {
            entries.push(("word/_rels/header2.xml.rels", rels));
        }
        entries.push(("word/footer2.xml", footer2));
    }
    if let Some(logo) = logo {
        entries.push(("word/media/logo.png", &logo.png));
    }
    package::zip_parts(&entries)
}

#[cfg(test)]
mod tests;
