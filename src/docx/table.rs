//! A GFM table as a Word table: fixed layout with the widths from [`super::widths`], a
//! repeating, shaded header row, rows that do not split across pages; set in 9 pt when the
//! longest words of its columns do not fit side by side at 11 pt.

use pulldown_cmark::Alignment;

use super::doc::{Inline, Table};
use super::flow::WHOLE_LIST_ITEMS;
use super::ooxml::{Links, StyleMap};
use super::runs::{RunCtx, write_inlines};
use super::widths::{ColumnNeed, SMALL_TABLE_HALF_POINTS, column_widths, longest_words_fit};
use super::xml::{Xml, XmlResult};

/// What the columns of `t` need at 11 pt.
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

/// Whether `t`, `width` twips wide, must be set in 9 pt: where the longest words do not fit
/// side by side at 11 pt (four columns of names, functions, phone numbers and e-mail
/// addresses in portrait), smaller text is better than words broken mid-word.
pub(super) fn needs_small_text(t: &Table, width: u32) -> bool {
    !longest_words_fit(&column_needs(t), width)
}

/// The text of a table's header row: tables with the same header are set alike.
pub(super) fn header_key(t: &Table) -> Vec<Vec<Inline>> {
    t.rows.first().cloned().unwrap_or_default()
}

/// The table `t`, `width` twips wide, in 9 pt if `small` (see [`needs_small_text`]);
/// hyperlink relationships are collected into `links`.
pub(super) fn write_table(
    x: &mut Xml,
    links: &mut Links,
    styles: &StyleMap,
    width: u32,
    t: &Table,
    small: bool,
) -> XmlResult {
    let needs = column_needs(t);
    let needs: Vec<ColumnNeed> = if small {
        needs
            .iter()
            .map(|n| n.scaled(SMALL_TABLE_HALF_POINTS, 22))
            .collect()
    } else {
        needs
    };
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
    for (r, row) in t.rows.iter().enumerate() {
        let header = r == 0;
        // The header stays with the first row; a short table stays whole, a long one keeps
        // its last two rows together (no lone row at the top of a page).
        let keep_next = r + 1 < rows && (header || rows - 1 <= WHOLE_LIST_ITEMS || r + 2 == rows);
        x.start("w:tr", &[])?;
        x.start("w:trPr", &[])?;
        x.empty("w:cantSplit", &[])?;
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
                size: small.then_some(SMALL_TABLE_HALF_POINTS),
            };
            write_inlines(x, links, styles, cell, ctx)?;
            x.end("w:p")?;
            x.end("w:tc")?;
        }
        x.end("w:tr")?;
    }
    x.end("w:tbl")
}
