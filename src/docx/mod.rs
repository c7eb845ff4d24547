//! Markdown -> DOCX (Office Open XML WordprocessingML) writer.
//!
//! What it does: turns the Markdown that the templates render into a Word document with
//! native Word structure: headings use the built-in `Heading1`..`Heading4` styles (navigation
//! pane and table of contents work), lists are real Word numbering (nested, ordered lists
//! restart), GFM tables become Word tables with a repeating, shaded header row and column
//! widths proportional to their content, links become hyperlinks (http, https, mailto only),
//! `[^1]` becomes a real Word footnote, `\newpage` alone in a paragraph becomes a page break,
//! `<br>` becomes a line break. Every page carries a header (title left, header text right)
//! and a footer (footer text left, "Seite X von Y" right). Document properties are set.
//!
//! Every element is written in ECMA-376 schema order by construction; the output validates
//! with `openxml-audit -f office2016`. The bytes are deterministic: the same input gives the
//! same file (fixed zip order and timestamps, ids assigned per document, no global state).
//!
//! Also mapped: `> quotes` (style `Quote`), fenced/indented code (style `SourceCode`), `---`
//! (a paragraph with a bottom border), ~~strike~~, `code` (Courier New). Links with other
//! schemes (file:, javascript:, relative, #anchor) keep only their text. A `[^x]` without a
//! definition stays literal text; unreferenced definitions are dropped; footnote ids follow
//! the order of first reference.
//!
//! What it does not: images (an error), raw HTML other than `<br>` (kept as literal, escaped
//! text, comments included), a `#` heading is always `Heading1` (never `Title`, so it shows in
//! the navigation pane), headings deeper than `####` use `Heading4`, lists deeper than 9 levels
//! stay at level 9, list items inside a block quote are list paragraphs (not `Quote`), no
//! landscape sections, no reference-document styles, no table of contents, no cell merging.

mod document;
mod markdown;
mod package;
mod parts;
mod xml;

use document::{FIRST_LINK_RID, Links};

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

/// Why a document could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// Markdown image syntax: the briefings carry no pictures.
    #[error(
        "images are not supported in Word briefings (found image \"{0}\"); remove the image from the template"
    )]
    ImageNotSupported(String),
    /// The zip container could not be written.
    #[error("could not write the .docx package: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// Writing XML into memory failed.
    #[error("could not write the document XML: {0}")]
    Io(#[from] std::io::Error),
}

/// Convert Markdown into the bytes of a .docx file.
pub fn markdown_to_docx(markdown: &str, meta: &DocumentMeta) -> Result<Vec<u8>, DocxError> {
    let doc = markdown::parse(markdown)?;
    let mut links = Links::new(FIRST_LINK_RID);
    let document = document::document_xml(&doc, &mut links)?;
    let mut footnote_links = Links::new(1);
    let footnotes = document::footnotes_xml(&doc, &mut footnote_links)?;
    let content_types = parts::content_types_xml()?;
    let package_rels = parts::package_rels_xml()?;
    let core = parts::core_xml(meta)?;
    let app = parts::app_xml()?;
    let document_rels = parts::document_rels_xml(&links)?;
    let styles = parts::styles_xml()?;
    let settings = parts::settings_xml()?;
    let fonts = parts::font_table_xml()?;
    let numbering = parts::numbering_xml(&doc.ordered_lists)?;
    let header = document::header_xml(meta)?;
    let footer = document::footer_xml(meta)?;
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
        ("word/styles.xml", &styles),
        ("word/settings.xml", &settings),
        ("word/fontTable.xml", &fonts),
        ("word/theme/theme1.xml", parts::THEME_XML.as_bytes()),
        ("word/numbering.xml", &numbering),
        ("word/footnotes.xml", &footnotes),
    ];
    if let Some(rels) = &footnote_rels {
        entries.push(("word/_rels/footnotes.xml.rels", rels));
    }
    entries.push(("word/header1.xml", &header));
    entries.push(("word/footer1.xml", &footer));
    package::zip_parts(&entries)
}

#[cfg(test)]
mod tests;
