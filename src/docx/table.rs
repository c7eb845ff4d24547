//! A GFM table as a Word table: fixed layout with the widths from [`super::widths`], a
//! repeating, shaded header row, rows that do not split across pages; every table of a
//! document in one font size (the reference's table style's, smaller only when a table's
//! longest words do not fit side by side in it: see [`table_size`]).

use pulldown_cmark::Alignment;

use super::doc::Table;
use super::flow::WHOLE_LIST_ITEMS;
use super::ooxml::{Links, StyleMap};
use super::runs::{RunCtx, write_inlines};
use super::widths::{
    ColumnNeed, MEASURED_HALF_POINTS, SMALL_TABLE_HALF_POINTS, cell_line_count, column_widths,
    longest_words_fit,
};
use super::xml::{Xml, XmlResult};

/// Rows of up to this many lines (estimated) never break across pages.
const MAX_WHOLE_ROW_LINES: u32 = 6;

/// What the columns of `t` need at 11 pt (the size [`super::widths`] measures in).
fn column_needs(t: &Table) -> Vec<ColumnNeed> {
    (0..t.aligns.len())
        .map(|c| {
            t.rows
                .iter()
                .enumerate()
                .filter_map(|(r, row)| row.get(c).map(|cell| ColumnNeed::of(cell, r == 0)))
                .fold(ColumnNeed::default(), ColumnNeed::max)
        })
        .collect()
}

/// Whether the longest words of `t` fit side by side, `width` twips wide, at `size`
/// half-points.
fn fits(t: &Table, width: u32, size: u32) -> bool {
    let needs: Vec<ColumnNeed> = column_needs(t)
        .iter()
        .map(|n| n.scaled(size, MEASURED_HALF_POINTS))
        .collect();
    longest_words_fit(&needs, width)
}

/// The one font size (half-points) for all `tables` of a document, each with its text
/// width: `preferred` (the reference's table style), or the largest size down to
/// [`SMALL_TABLE_HALF_POINTS`] at which every table's longest words fit (smaller text is
/// better than words broken mid-word; a table that does not fit even then gets the smallest
/// and its words may break).
pub(super) fn table_size<'a>(
    tables: impl Iterator<Item = (&'a Table, u32)> + Clone,
    preferred: u32,
) -> u32 {
    let floor = SMALL_TABLE_HALF_POINTS.min(preferred);
    (floor..=preferred)
        .rev()
        .find(|size| tables.clone().all(|(t, width)| fits(t, width, *size)))
        .unwrap_or(floor)
}

/// The table `t`, `width` twips wide, its text in `size` half-points (written in every
/// run, so Word and LibreOffice agree whatever they make of the table style); hyperlink
/// relationships are collected into `links`.
pub(super) fn write_table(
    x: &mut Xml,
    links: &mut Links,
    styles: &StyleMap,
    width: u32,
    t: &Table,
    size: u32,
) -> XmlResult {
    let needs: Vec<ColumnNeed> = column_needs(t)
        .iter()
        .map(|n| n.scaled(size, MEASURED_HALF_POINTS))
        .collect();
    let widths = column_widths(&needs, width);
    x.start("w:tbl", &[])?;
    // tblPr order: tblStyle, tblW, ..., tblLayout, ..., tblLook
    x.start("w:tblPr", &[])?;
    x.empty("w:tblStyle", &[("w:val", styles.id("TableGrid"))])?;
    x.empty("w:tblW", &[("w:w", &width.to_string()), ("w:type", "dxa")])?;
    x.empty("w:tblLayout", &[("w:type", "fixed")])?;
    x.empty(
        "w:tblLook",
        // w:val only: the 2010 attributes (firstRow, ...) fail Office 2007 validation.
        &[("w:val", "04A0")],
    )?;
    x.end("w:tblPr")?;
    x.start("w:tblGrid", &[])?;
    for w in &widths {
        x.empty("w:gridCol", &[("w:w", &w.to_string())])?;
    }
    x.end("w:tblGrid")?;
    let rows = t.rows.len();
    let size_lines = |row: &Vec<Vec<super::doc::Inline>>, header: bool| {
        row.iter()
            .zip(&widths)
            .map(|(cell, w)| cell_line_count(cell, header, *w, size))
            .max()
            .unwrap_or(1)
    };
    for (r, row) in t.rows.iter().enumerate() {
        let header = r == 0;
        // The header stays with the first row; a short table stays whole, a long one keeps
        // its last two rows together (no lone row at the top of a page).
        // A short row stays whole; a tall one (two contacts of a conference) may break,
        // or it would leave the page before it partly blank, and keeps with nothing.
        let whole = header || size_lines(row, header) <= MAX_WHOLE_ROW_LINES;
        let keep_next =
            whole && r + 1 < rows && (header || rows - 1 <= WHOLE_LIST_ITEMS || r + 2 == rows);
        x.start("w:tr", &[])?;
        x.start("w:trPr", &[])?;
        if whole {
            x.empty("w:cantSplit", &[])?;
        }
        if header {
            x.empty("w:tblHeader", &[])?;
        }
        x.end("w:trPr")?;
        for (col, cell) in row.iter().enumerate() {
            x.start("w:tc", &[])?;
            // tcPr order: tcW, ..., shd, ..., vAlign
            x.start("w:tcPr", &[])?;
            x.empty(
                "w:tcW",
                &[("w:w", &widths[col].to_string()), ("w:type", "dxa")],
            )?;
            if header {
                x.empty(
                    "w:shd",
                    &[
                        ("w:val", "clear"),
                        ("w:color", "auto"),
                        ("w:fill", "D9E2F3"),
                    ],
                )?;
            }
            x.end("w:tcPr")?;
            // A cell always holds a paragraph, even when empty.
            x.start("w:p", &[])?;
            x.start("w:pPr", &[])?;
            if keep_next {
                x.empty("w:keepNext", &[])?;
            }
            x.empty("w:spacing", &[("w:before", "40"), ("w:after", "40")])?;
            let jc = match t.aligns[col] {
                Alignment::Center => Some("center"),
                Alignment::Right => Some("right"),
                Alignment::Left | Alignment::None => None,
            };
            if let Some(jc) = jc {
                x.empty("w:jc", &[("w:val", jc)])?;
            }
            x.end("w:pPr")?;
            let ctx = RunCtx {
                force_bold: header,
                hyperlink: false,
                size: Some(size),
            };
            write_inlines(x, links, styles, cell, ctx)?;
            x.end("w:p")?;
            x.end("w:tc")?;
        }
        x.end("w:tr")?;
    }
    x.end("w:tbl")
}
