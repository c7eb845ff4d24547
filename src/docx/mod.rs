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
//! sets the orientation of the first page. So that no page but the last is left mostly
//! empty by a section change: a short opening (less than a third of a page, no table, no
//! page break, such as a title block) before the first change goes into that change's
//! section instead of onto a page of its own; and a short stretch of paragraphs (less than
//! half a page) between a section's last table and the next change moves into the next
//! section, where it flows on at the top of the new page.
//!
//! Pagination: headings keep with the next paragraph (in the paragraph itself, whatever a
//! reference document's heading styles say), and so does a paragraph entirely in emphasis
//! directly after a heading (a decision's italic session line under its title). Hyphens in
//! e-mail and web addresses and between digits (phone numbers) are non-breaking
//! (`w:noBreakHyphen`): "it-plr@fitko.de" never splits at its hyphen. Inside lists, quotes and footnotes the markers
//! stay text. Every section has the header and footer; each orientation has its own header
//! and footer part (`header1`/`footer1` portrait, `header2`/`footer2` landscape) whose right
//! tab stop sits at that orientation's right margin.
//!
//! Column widths: each column first gets room for its longest word, and for short lines (up
//! to 20 characters: dates, phone numbers, names) the whole line, measured with the advance
//! widths of 11 pt Arial or DejaVu Sans, whichever is wider (bold in the header row), so
//! words stay whole with Liberation Sans and with LibreOffice's DejaVu fallback; the rest of the text width goes to the
//! columns with longer lines. Only when those minima do not fit do all columns shrink in
//! proportion (then long words may break). A table whose longest words do not fit side
//! by side at 11 pt is set in 9 pt and measured again (a four-column portrait table of
//! names, functions, phone numbers and e-mail addresses with DejaVu's widths).
//! Tables with the same header row as a 9 pt table are set in 9 pt too, so a document's
//! tables of one kind look alike.
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
//!
//! Files, in the order a document passes them: `markdown/` reads the Markdown into the
//! model of `doc`; `body`, `runs`, `table` (with `widths`), `footnotes` and `header_footer`
//! write the story parts; `parts/` the supporting parts; `package` holds the [`Design`]
//! with its fixed parts (deflated once) and zips; `design` parses the reference document and
//! the logo. `ooxml` is the shared vocabulary (namespaces, part names, relationship ids from
//! one table, page geometry, styles), `xml` the writer's XML layer, `error` and `meta` the
//! types every file may use; none of these imports a writer.

mod body;
mod check;
mod design;
mod doc;
mod error;
mod flow;
mod footnotes;
mod header_footer;
mod markdown;
mod meta;
mod ooxml;
mod package;
mod parts;
mod runs;
mod table;
mod widths;
mod xml;

pub use check::check_package;
pub use error::DocxError;
pub use meta::DocumentMeta;
pub use package::Design;
pub use xml::is_xml_char;

// For the HTML writer of `serve` (crate::html), which renders the same model: the model, the
// parser that fills it, and the bullet list's numbering id.
pub(crate) use doc::{Block, Doc, Inline, ParaKind, RunStyle, Table};
pub(crate) use markdown::parse as parse_markdown;
pub(crate) use ooxml::BULLET_NUM_ID;
pub(crate) use ooxml::Orientation;

use body::Ctx;
use ooxml::{
    CONTENT_TYPES, CORE, DOCUMENT, DOCUMENT_RELS, FOOTNOTES, FOOTNOTES_RELS, Links, NUMBERING,
    PartIds,
};
use package::{FixedParts, HEADER_RELS, Part};
use parts::{numbering, properties, relationships};

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
/// [`markdown_to_docx`] so that writing the XML and compressing it can be measured one at
/// a time (and, in tests, inspected).
#[derive(Debug, Clone)]
pub struct Package<'design> {
    parts: Vec<Part>,
    fixed: &'design FixedParts,
    refused_links: Vec<String>,
}

impl Package<'_> {
    /// The part names and their uncompressed bytes, in the order they are zipped.
    #[cfg(test)]
    pub(crate) fn parts(&self) -> impl Iterator<Item = (&'static str, &[u8])> {
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
    ooxml::PACKAGE_RELS,
    ooxml::APP,
    ooxml::STYLES,
    ooxml::SETTINGS,
    ooxml::FONT_TABLE,
    ooxml::THEME,
    Orientation::Portrait.header_rels_part(),
    Orientation::Landscape.header_rels_part(),
    ooxml::LOGO,
];

/// Convert Markdown into the parts of a .docx file (XML, and the logo if the design has
/// one) in the given design.
pub fn markdown_to_package<'design>(
    markdown: &str,
    meta: &DocumentMeta,
    design: &'design Design,
) -> Result<Package<'design>, DocxError> {
    let doc = markdown::parse(markdown)?;
    let logo = design.logo();
    let ids = PartIds {
        landscape: doc.has_landscape(),
        logo: logo.is_some(),
    };
    let fixed = design.fixed_parts()?;
    let shared = |name: &'static str| {
        let index = fixed.index(name).expect("every design has this part");
        Part::Fixed(name, index)
    };
    let styles = design.styles();
    let mut links = Links::new(ids.first_link_rid());
    let table_size = body::table_size_of(&doc, design.table_half_points());
    let document = body::document_xml(
        &doc,
        ids,
        &mut Ctx::new(&mut links, &styles).with_table_size(table_size),
    )?;
    let mut footnote_links = Links::new(1);
    let footnotes = footnotes::footnotes_xml(
        &doc,
        &mut Ctx::new(&mut footnote_links, &styles).with_table_size(table_size),
    )?;
    let mut parts = vec![
        Part::Own(CONTENT_TYPES, relationships::content_types_xml(&ids)?),
        shared(ooxml::PACKAGE_RELS),
        Part::Own(CORE, properties::core_xml(meta)?),
        shared(ooxml::APP),
        Part::Own(DOCUMENT, document),
        Part::Own(
            DOCUMENT_RELS,
            relationships::document_rels_xml(&links, &ids)?,
        ),
        shared(ooxml::STYLES),
        shared(ooxml::SETTINGS),
        shared(ooxml::FONT_TABLE),
        shared(ooxml::THEME),
        Part::Own(NUMBERING, numbering::numbering_xml(&doc.ordered_lists)?),
        Part::Own(FOOTNOTES, footnotes),
    ];
    if !footnote_links.is_empty() {
        parts.push(Part::Own(
            FOOTNOTES_RELS,
            relationships::footnote_rels_xml(&footnote_links)?,
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
    for orientation in Orientation::ALL[..sections].iter().copied() {
        let header_xml = header_footer::header_xml(meta, &styles, orientation, logo)?;
        parts.push(Part::Own(orientation.header_part(), header_xml));
        if ids.logo {
            parts.push(header_rels(orientation.header_rels_part()));
        }
        let footer_xml = header_footer::footer_xml(meta, &styles, orientation)?;
        parts.push(Part::Own(orientation.footer_part(), footer_xml));
    }
    if ids.logo {
        parts.push(shared(ooxml::LOGO));
    }
    Ok(Package {
        parts,
        fixed,
        refused_links: doc.refused_links,
    })
}

#[cfg(test)]
mod tests;
