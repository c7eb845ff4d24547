//! What the caller says about a document besides its Markdown: the document properties and
//! the texts of the page header and footer. A leaf: plain data, no writing.

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
