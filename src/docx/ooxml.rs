//! The words every part of a package needs, written once: namespaces, part names, content
//! types, relationship ids (assigned from one table), page geometry, fonts, the built-in
//! styles and the map from their ids to a reference document's.
//!
//! What it is not: a writer. A leaf of `docx`: it imports nothing of the writer, so every
//! part writer can use it without the parts knowing one another.

use std::collections::BTreeMap;

/// WordprocessingML main namespace (prefix `w`).
pub(crate) const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Office document relationships namespace (prefix `r`); also the base of the
/// relationship types.
pub(crate) const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// Namespaces of an inline picture.
pub(crate) const NS_WP: &str =
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
pub(crate) const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
pub(crate) const NS_PIC: &str = "http://schemas.openxmlformats.org/drawingml/2006/picture";
/// Namespace of a relationships part.
pub(crate) const NS_PACKAGE_RELS: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships";

/// The namespaces on the root of every story part (body, footnotes, header, footer).
pub(crate) const STORY_NAMESPACES: [(&str, &str); 2] = [("xmlns:w", NS_W), ("xmlns:r", NS_R)];

/// Content type prefix of the WordprocessingML parts.
pub(crate) const CT_WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// Part names, as zipped.
pub(crate) const CONTENT_TYPES: &str = "[Content_Types].xml";
pub(crate) const PACKAGE_RELS: &str = "_rels/.rels";
pub(crate) const CORE: &str = "docProps/core.xml";
pub(crate) const APP: &str = "docProps/app.xml";
pub(crate) const DOCUMENT: &str = "word/document.xml";
pub(crate) const DOCUMENT_RELS: &str = "word/_rels/document.xml.rels";
pub(crate) const STYLES: &str = "word/styles.xml";
pub(crate) const SETTINGS: &str = "word/settings.xml";
pub(crate) const FONT_TABLE: &str = "word/fontTable.xml";
pub(crate) const THEME: &str = "word/theme/theme1.xml";
pub(crate) const NUMBERING: &str = "word/numbering.xml";
pub(crate) const FOOTNOTES: &str = "word/footnotes.xml";
pub(crate) const FOOTNOTES_RELS: &str = "word/_rels/footnotes.xml.rels";
pub(crate) const LOGO: &str = "word/media/logo.png";

/// Relationship id of the logo picture in the header parts' relationships.
pub(crate) const LOGO_RID: &str = "rId1";

/// The text font of the built-in design, and the font of code.
pub(crate) const FONT: &str = "Arial";
pub(crate) const MONO_FONT: &str = "Courier New";

/// The `w:num` id shared by all bullet lists; ordered lists get the ids after it.
pub(crate) const BULLET_NUM_ID: u32 = 1;

/// Left text indent of list level `level` (0-based), in twips: the list paragraphs and
/// numbering.xml share it.
/// Font size of every table (half-points) unless the reference's table style sets one: 10 pt,
/// one size for contacts and meetings alike (issue 24).
pub(crate) const TABLE_HALF_POINTS: u32 = 20;

pub(crate) fn list_indent(level: u8) -> u32 {
    360 * (u32::from(level) + 1)
}

/// A4 portrait, 2.5 cm margins, in twips.
pub(crate) const PAGE_W: u32 = 11906;
pub(crate) const PAGE_H: u32 = 16838;
pub(crate) const MARGIN: u32 = 1417;
/// Text width of an A4 portrait page.
pub(crate) const TEXT_WIDTH: u32 = PAGE_W - 2 * MARGIN;
/// Text width of an A4 landscape page.
pub(crate) const LANDSCAPE_TEXT_WIDTH: u32 = PAGE_H - 2 * MARGIN;

/// Page orientation of a section. Each orientation has its own header and footer part
/// (their right tab stop sits at that orientation's right margin).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

impl Orientation {
    /// Portrait first: the order of the header and footer parts in a package.
    pub(crate) const ALL: [Orientation; 2] = [Orientation::Portrait, Orientation::Landscape];

    /// The number in the names of its header and footer parts; also the id of the logo's
    /// drawing in its header (unique in the document).
    pub(crate) const fn number(self) -> u32 {
        match self {
            Orientation::Portrait => 1,
            Orientation::Landscape => 2,
        }
    }

    /// Its header part.
    pub(crate) const fn header_part(self) -> &'static str {
        match self {
            Orientation::Portrait => "word/header1.xml",
            Orientation::Landscape => "word/header2.xml",
        }
    }

    /// The relationships of its header part (the logo).
    pub(crate) const fn header_rels_part(self) -> &'static str {
        match self {
            Orientation::Portrait => "word/_rels/header1.xml.rels",
            Orientation::Landscape => "word/_rels/header2.xml.rels",
        }
    }

    /// Its footer part.
    pub(crate) const fn footer_part(self) -> &'static str {
        match self {
            Orientation::Portrait => "word/footer1.xml",
            Orientation::Landscape => "word/footer2.xml",
        }
    }

    /// Text width of a section in this orientation, in twips.
    pub(crate) const fn text_width(self) -> u32 {
        match self {
            Orientation::Portrait => TEXT_WIDTH,
            Orientation::Landscape => LANDSCAPE_TEXT_WIDTH,
        }
    }

    /// Text height of a page in this orientation (page less top and bottom margin), in
    /// twips.
    pub(crate) const fn text_height(self) -> u32 {
        match self {
            Orientation::Portrait => PAGE_H - 2 * MARGIN,
            Orientation::Landscape => PAGE_W - 2 * MARGIN,
        }
    }
}

/// A part that word/document.xml refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DocumentRel {
    Styles,
    Settings,
    FontTable,
    Theme,
    Numbering,
    Footnotes,
    Header(Orientation),
    Footer(Orientation),
}

/// The relationships of word/document.xml in id order: the n-th one a document has is
/// `rId{n}`, its hyperlinks follow. The one place that decides these ids; everything that
/// names one asks [`PartIds`].
const DOCUMENT_RELS_ORDER: [DocumentRel; 10] = [
    DocumentRel::Styles,
    DocumentRel::Settings,
    DocumentRel::FontTable,
    DocumentRel::Theme,
    DocumentRel::Numbering,
    DocumentRel::Footnotes,
    DocumentRel::Header(Orientation::Portrait),
    DocumentRel::Footer(Orientation::Portrait),
    DocumentRel::Header(Orientation::Landscape),
    DocumentRel::Footer(Orientation::Landscape),
];

impl DocumentRel {
    /// The relationship type (after the office relationships namespace).
    pub(crate) fn kind(self) -> &'static str {
        match self {
            DocumentRel::Styles => "styles",
            DocumentRel::Settings => "settings",
            DocumentRel::FontTable => "fontTable",
            DocumentRel::Theme => "theme",
            DocumentRel::Numbering => "numbering",
            DocumentRel::Footnotes => "footnotes",
            DocumentRel::Header(_) => "header",
            DocumentRel::Footer(_) => "footer",
        }
    }

    /// The part it points at.
    pub(crate) fn part(self) -> &'static str {
        match self {
            DocumentRel::Styles => STYLES,
            DocumentRel::Settings => SETTINGS,
            DocumentRel::FontTable => FONT_TABLE,
            DocumentRel::Theme => THEME,
            DocumentRel::Numbering => NUMBERING,
            DocumentRel::Footnotes => FOOTNOTES,
            DocumentRel::Header(o) => o.header_part(),
            DocumentRel::Footer(o) => o.footer_part(),
        }
    }

    /// The target as written in word/_rels/document.xml.rels (relative to `word/`).
    pub(crate) fn target(self) -> &'static str {
        let part = self.part();
        part.strip_prefix("word/").unwrap_or(part)
    }
}

/// Which optional parts a document has; fixes the relationship ids.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PartIds {
    /// header2.xml / footer2.xml for landscape sections.
    pub landscape: bool,
    /// media/logo.png, referenced from the header parts.
    pub logo: bool,
}

impl PartIds {
    fn has(&self, rel: DocumentRel) -> bool {
        match rel {
            DocumentRel::Header(Orientation::Landscape)
            | DocumentRel::Footer(Orientation::Landscape) => self.landscape,
            _ => true,
        }
    }

    /// The parts word/document.xml refers to, with their relationship ids, in id order.
    pub(crate) fn document_rels(self) -> impl Iterator<Item = (String, DocumentRel)> {
        DOCUMENT_RELS_ORDER
            .into_iter()
            .filter(move |rel| self.has(*rel))
            .enumerate()
            .map(|(i, rel)| (format!("rId{}", i + 1), rel))
    }

    /// The relationship id of `rel` in word/_rels/document.xml.rels.
    pub(crate) fn rid(self, rel: DocumentRel) -> String {
        self.document_rels()
            .find(|(_, r)| *r == rel)
            .map(|(id, _)| id)
            // Only asked for parts the document has; `check_package` would report a
            // dangling id.
            .unwrap_or_default()
    }

    /// First relationship id used for hyperlinks in document.xml.rels (after the parts).
    pub(crate) fn first_link_rid(self) -> u32 {
        self.document_rels().count() as u32 + 1
    }
}

/// External hyperlink relationships of one part, ids in order of first appearance.
#[derive(Debug)]
pub(crate) struct Links {
    first: u32,
    urls: Vec<String>,
}

impl Links {
    /// No links yet; the first one gets id `rId{first}`.
    pub(crate) fn new(first: u32) -> Self {
        Self {
            first,
            urls: Vec::new(),
        }
    }

    /// Relationship id for `url` (the same URL shares one relationship).
    pub(crate) fn id(&mut self, url: &str) -> String {
        let idx = match self.urls.iter().position(|u| u == url) {
            Some(i) => i,
            None => {
                self.urls.push(url.to_string());
                self.urls.len() - 1
            }
        };
        format!("rId{}", self.first + idx as u32)
    }

    /// `(id, url)` in id order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (String, &str)> {
        self.urls
            .iter()
            .enumerate()
            .map(|(i, u)| (format!("rId{}", self.first + i as u32), u.as_str()))
    }

    /// Whether the part has no hyperlinks.
    pub(crate) fn is_empty(&self) -> bool {
        self.urls.is_empty()
    }
}

/// A style the writer uses: its type (`paragraph`, `character`, `table`, `numbering`), its
/// built-in id and its built-in name (Word keeps these names in every UI language).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BuiltinStyle {
    pub kind: &'static str,
    pub id: &'static str,
    pub name: &'static str,
}

const fn style(kind: &'static str, id: &'static str, name: &'static str) -> BuiltinStyle {
    BuiltinStyle { kind, id, name }
}

/// Every style the writer uses, in the order of the built-in styles part.
pub(crate) const BUILTIN_STYLES: [BuiltinStyle; 19] = [
    style("paragraph", "Normal", "Normal"),
    style(
        "character",
        "DefaultParagraphFont",
        "Default Paragraph Font",
    ),
    style("table", "TableNormal", "Normal Table"),
    style("numbering", "NoList", "No List"),
    style("paragraph", "Title", "Title"),
    style("paragraph", "Subtitle", "Subtitle"),
    style("paragraph", "Heading1", "heading 1"),
    style("paragraph", "Heading2", "heading 2"),
    style("paragraph", "Heading3", "heading 3"),
    style("paragraph", "Heading4", "heading 4"),
    style("paragraph", "Quote", "Quote"),
    style("paragraph", "ListParagraph", "List Paragraph"),
    style("paragraph", "SourceCode", "Source Code"),
    style("paragraph", "Header", "header"),
    style("paragraph", "Footer", "footer"),
    style("character", "Hyperlink", "Hyperlink"),
    style("paragraph", "FootnoteText", "footnote text"),
    style("character", "FootnoteReference", "footnote reference"),
    style("table", "TableGrid", "Table Grid"),
];

/// Built-in style id -> the id the document must use (the reference's id for that style).
#[derive(Debug, Clone, Default)]
pub(crate) struct StyleMap(BTreeMap<&'static str, String>);

impl StyleMap {
    /// The id to write for the built-in style `builtin`.
    pub(crate) fn id<'a>(&'a self, builtin: &'a str) -> &'a str {
        self.0.get(builtin).map_or(builtin, String::as_str)
    }

    /// Use `id` for the built-in style `builtin`.
    pub(crate) fn insert(&mut self, builtin: &'static str, id: String) {
        self.0.insert(builtin, id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_share_ids_per_url_in_order() {
        let mut l = Links::new(PartIds::default().first_link_rid());
        assert_eq!(l.id("https://b.de"), "rId9");
        assert_eq!(l.id("https://a.de"), "rId10");
        assert_eq!(l.id("https://b.de"), "rId9");
        let e: Vec<_> = l.entries().collect();
        assert_eq!(
            e,
            vec![
                ("rId9".to_string(), "https://b.de"),
                ("rId10".to_string(), "https://a.de")
            ]
        );
    }

    #[test]
    fn relationship_ids_come_from_the_one_table() {
        let portrait = PartIds::default();
        let landscape = PartIds {
            landscape: true,
            logo: false,
        };
        assert_eq!(portrait.rid(DocumentRel::Styles), "rId1");
        assert_eq!(
            portrait.rid(DocumentRel::Header(Orientation::Portrait)),
            "rId7"
        );
        assert_eq!(
            portrait.rid(DocumentRel::Footer(Orientation::Portrait)),
            "rId8"
        );
        assert_eq!(
            portrait.rid(DocumentRel::Header(Orientation::Landscape)),
            ""
        );
        assert_eq!(
            landscape.rid(DocumentRel::Header(Orientation::Portrait)),
            "rId7"
        );
        assert_eq!(
            landscape.rid(DocumentRel::Header(Orientation::Landscape)),
            "rId9"
        );
        assert_eq!(
            landscape.rid(DocumentRel::Footer(Orientation::Landscape)),
            "rId10"
        );
        assert_eq!(portrait.first_link_rid(), 9);
        assert_eq!(landscape.first_link_rid(), 11);
        let targets: Vec<&str> = landscape.document_rels().map(|(_, r)| r.target()).collect();
        assert_eq!(
            targets,
            [
                "styles.xml",
                "settings.xml",
                "fontTable.xml",
                "theme/theme1.xml",
                "numbering.xml",
                "footnotes.xml",
                "header1.xml",
                "footer1.xml",
                "header2.xml",
                "footer2.xml"
            ]
        );
    }
}
