//! What an `.xlsx` sheet's XML says beyond its values, which calamine does not report: hidden
//! rows, cell hyperlinks (with their targets from the sheet's relationships), formulas without
//! a stored result, and struck-through cells (cell style -> `cellXfs` -> font `<strike/>`).
//!
//! Reads the parts straight from the zip (the guards in `guard` have already passed it); a
//! part that is missing or not XML gives no markup, never an error. Of an `.ods` and an
//! `.xls`, only their hidden rows (`table:visibility` of a row in `content.xml`; the ROW
//! records of the BIFF stream); `.xlsb` has no markup here.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::biff;
use super::compound::Compound;

/// A cell position: 0-based row and column, as calamine counts them.
pub(super) type CellPosition = (u32, u32);

/// The markup of one sheet.
#[derive(Debug, Default)]
pub(super) struct SheetMarkup {
    /// 0-based rows marked hidden (by hand or by an autofilter).
    pub(super) hidden_rows: BTreeSet<u32>,
    /// Hyperlink targets by cell.
    pub(super) links: HashMap<CellPosition, String>,
    /// Cells holding a formula whose result was never stored.
    pub(super) formulas_without_result: HashSet<CellPosition>,
    /// Cells formatted as struck through.
    pub(super) struck: HashSet<CellPosition>,
}

/// Rows beyond this are never read (the reader's row limit), so no hidden row past it is kept.
const MAX_HIDDEN_ROW: u64 = 100_000;

/// Most hyperlink cells taken from one `ref` range; a link over a whole column stays bounded.
const MAX_LINK_CELLS: u64 = 10_000;

/// The markup of every sheet of the workbook `bytes`, by sheet name.
pub(super) fn read_markup(bytes: &[u8]) -> HashMap<String, SheetMarkup> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return HashMap::new();
    };
    let mut part = |name: &str| -> Option<String> {
        let mut entry = archive.by_name(name.trim_start_matches('/')).ok()?;
        let mut text = String::new();
        entry.read_to_string(&mut text).ok()?;
        Some(text)
    };
    let struck_styles = part("xl/styles.xml")
        .map(|xml| struck_styles(&xml))
        .unwrap_or_default();
    let workbook_rels = part("xl/_rels/workbook.xml.rels")
        .map(|xml| relationships(&xml))
        .unwrap_or_default();
    let sheets = part("xl/workbook.xml")
        .map(|xml| sheet_parts(&xml))
        .unwrap_or_default();
    let mut out = HashMap::new();
    for (name, relationship) in sheets {
        let Some(target) = workbook_rels.get(&relationship) else {
            continue;
        };
        let path = resolve("xl/", target);
        let Some(xml) = part(&path) else { continue };
        let (file_dir, file_name) = path.rsplit_once('/').unwrap_or(("", path.as_str()));
        let sheet_rels = part(&format!("{file_dir}/_rels/{file_name}.rels"))
            .map(|xml| relationships(&xml))
            .unwrap_or_default();
        out.insert(name, sheet_markup(&xml, &sheet_rels, &struck_styles));
    }
    out
}

/// A relationship target relative to the folder `base` (or absolute with a leading `/`).
fn resolve(base: &str, target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{base}{target}"),
    }
}

/// The hidden rows of every sheet of the `.ods` workbook `bytes`, by sheet name.
pub(super) fn read_ods_markup(bytes: &[u8]) -> HashMap<String, SheetMarkup> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return HashMap::new();
    };
    let mut xml = String::new();
    let read = archive
        .by_name("content.xml")
        .is_ok_and(|mut entry| entry.read_to_string(&mut xml).is_ok());
    if read {
        ods_markup(&xml)
    } else {
        HashMap::new()
    }
}

/// The hidden rows of every sheet of the `.xls` workbook `bytes`, by sheet name. A compound
/// file the guards let through but this cannot read gives no markup.
pub(super) fn read_xls_markup(bytes: &[u8]) -> HashMap<String, SheetMarkup> {
    let stream = match Compound::read(bytes) {
        Ok(Some(compound)) => compound.stream(&["Workbook", "Book"]).ok().flatten(),
        _ => None,
    };
    let Some(stream) = stream else {
        return HashMap::new();
    };
    biff::hidden_rows(&stream, MAX_HIDDEN_ROW as u32)
        .into_iter()
        .map(|(name, hidden_rows)| {
            let markup = SheetMarkup {
                hidden_rows,
                ..SheetMarkup::default()
            };
            (name, markup)
        })
        .collect()
}

/// Rows are counted as calamine counts them: every `table:table-row` of a sheet, repeats
/// included, wherever it is grouped, but not the rows of a table inside a cell.
fn ods_markup(xml: &str) -> HashMap<String, SheetMarkup> {
    let mut reader = reader(xml);
    reader.config_mut().expand_empty_elements = true;
    let mut out = HashMap::new();
    // The open elements below the sheet's table: a row counts only outside any cell.
    let mut sheet: Option<(String, SheetMarkup, u64)> = None;
    let mut open: Vec<String> = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = String::from_utf8_lossy(e.name().as_ref().as_bytes()).into_owned();
                match (&mut sheet, name.as_str()) {
                    (None, "table:table") => {
                        let title = attribute(&e, "name").unwrap_or_default();
                        sheet = Some((title, SheetMarkup::default(), 0));
                        continue;
                    }
                    (Some((_, markup, next_row)), "table:table-row")
                        if !open
                            .iter()
                            .any(|o| o.contains("table-cell") || o == "table:table") =>
                    {
                        let repeats = attribute(&e, "number-rows-repeated")
                            .and_then(|v| v.trim().parse::<u64>().ok())
                            .unwrap_or(1);
                        let hidden = attribute(&e, "visibility")
                            .is_some_and(|v| v == "collapse" || v == "filter");
                        let end = next_row.saturating_add(repeats);
                        if hidden {
                            for row in *next_row..end.min(MAX_HIDDEN_ROW) {
                                markup.hidden_rows.insert(row as u32);
                            }
                        }
                        *next_row = end;
                    }
                    _ => {}
                }
                if sheet.is_some() {
                    open.push(name);
                }
            }
            Ok(Event::End(_)) if sheet.is_some() => {
                // Nothing left open below the sheet's table: this ends the table itself.
                let sheet_ends = open.pop().is_none();
                if sheet_ends && let Some((title, markup, _)) = sheet.take() {
                    out.insert(title, markup);
                }
            }
            Ok(Event::Eof) | Err(_) => return out,
            _ => {}
        }
    }
}

fn reader(xml: &str) -> quick_xml::Reader<&[u8]> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    reader
}

fn attribute(element: &BytesStart<'_>, local: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Each sheet's name and relationship id from `xl/workbook.xml`.
fn sheet_parts(xml: &str) -> Vec<(String, String)> {
    let mut reader = reader(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sheet" => {
                if let (Some(name), Some(id)) = (attribute(&e, "name"), attribute(&e, "id")) {
                    out.push((name, id));
                }
            }
            Ok(Event::Eof) | Err(_) => return out,
            _ => {}
        }
    }
}

/// Relationship targets by id from a `.rels` part.
fn relationships(xml: &str) -> HashMap<String, String> {
    let mut reader = reader(xml);
    let mut out = HashMap::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(target)) = (attribute(&e, "Id"), attribute(&e, "Target")) {
                    out.insert(id, target);
                }
            }
            Ok(Event::Eof) | Err(_) => return out,
            _ => {}
        }
    }
}

/// The indexes into `cellXfs` whose font is struck through.
fn struck_styles(xml: &str) -> HashSet<usize> {
    let mut reader = reader(xml);
    let (mut struck_fonts, mut styles) = (HashSet::new(), HashSet::new());
    let (mut in_fonts, mut in_cell_xfs) = (false, false);
    let (mut font_index, mut xf_index) = (0usize, 0usize);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                "fonts" => in_fonts = true,
                "cellXfs" => in_cell_xfs = true,
                "font" if in_fonts => font_index += 1,
                "xf" if in_cell_xfs => {
                    xf_index += 1;
                    struck_xf(&e, &struck_fonts, xf_index - 1, &mut styles);
                }
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "font" if in_fonts => font_index += 1,
                "strike" if in_fonts && font_index > 0 => {
                    let off = attribute(&e, "val").is_some_and(|v| v == "0" || v == "false");
                    if !off {
                        struck_fonts.insert(font_index - 1);
                    }
                }
                "xf" if in_cell_xfs => {
                    xf_index += 1;
                    struck_xf(&e, &struck_fonts, xf_index - 1, &mut styles);
                }
                _ => {}
            },
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "fonts" => in_fonts = false,
                "cellXfs" => in_cell_xfs = false,
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => return styles,
            _ => {}
        }
    }
}

fn struck_xf(
    element: &BytesStart<'_>,
    struck_fonts: &HashSet<usize>,
    index: usize,
    styles: &mut HashSet<usize>,
) {
    let font = attribute(element, "fontId").and_then(|id| id.parse::<usize>().ok());
    if font.is_some_and(|font| struck_fonts.contains(&font)) {
        styles.insert(index);
    }
}

/// `B7` as (row, column), 0-based; `None` for anything else.
pub(super) fn parse_reference(text: &str) -> Option<CellPosition> {
    let letters = text.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 || letters == text.len() {
        return None;
    }
    let column = text[..letters].bytes().fold(0u32, |column, letter| {
        column * 26 + u32::from(letter.to_ascii_uppercase() - b'A') + 1
    });
    let row: u32 = text[letters..].parse().ok()?;
    (row >= 1).then(|| (row - 1, column - 1))
}

/// The cell name Excel shows (`F12`) for a 0-based position.
pub(super) fn cell_name((row, column): CellPosition) -> String {
    let mut letters = Vec::new();
    let mut rest = column + 1;
    while rest > 0 {
        letters.push(b'A' + ((rest - 1) % 26) as u8);
        rest = (rest - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

fn sheet_markup(
    xml: &str,
    rels: &HashMap<String, String>,
    struck_styles: &HashSet<usize>,
) -> SheetMarkup {
    let mut reader = reader(xml);
    let mut markup = SheetMarkup::default();
    // The open cell: its position, whether it has a formula and whether a value was stored.
    let mut cell: Option<(CellPosition, bool, bool)> = None;
    let mut in_value = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                "row" => hidden_row(&e, &mut markup),
                "c" => {
                    cell = open_cell(&e, struck_styles, &mut markup).map(|at| (at, false, false));
                }
                "f" => {
                    if let Some(cell) = &mut cell {
                        cell.1 = true;
                    }
                }
                "v" => in_value = true,
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "row" => hidden_row(&e, &mut markup),
                "c" => {
                    open_cell(&e, struck_styles, &mut markup);
                }
                "f" => {
                    if let Some(cell) = &mut cell {
                        cell.1 = true;
                    }
                }
                "hyperlink" => hyperlink(&e, rels, &mut markup),
                _ => {}
            },
            Ok(Event::Text(text)) if in_value => {
                if let Some(cell) = &mut cell {
                    cell.2 |= !text.as_ref().trim().is_empty();
                }
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "v" => in_value = false,
                "c" => {
                    if let Some((at, true, false)) = cell.take() {
                        markup.formulas_without_result.insert(at);
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => return markup,
            _ => {}
        }
    }
}

fn hidden_row(element: &BytesStart<'_>, markup: &mut SheetMarkup) {
    let hidden = attribute(element, "hidden").is_some_and(|v| v == "1" || v == "true");
    let row = attribute(element, "r").and_then(|r| r.parse::<u32>().ok());
    match row {
        Some(row) if hidden && row >= 1 => {
            markup.hidden_rows.insert(row - 1);
        }
        _ => {}
    }
}

fn open_cell(
    element: &BytesStart<'_>,
    struck_styles: &HashSet<usize>,
    markup: &mut SheetMarkup,
) -> Option<CellPosition> {
    let at = parse_reference(&attribute(element, "r")?)?;
    let style = attribute(element, "s").and_then(|s| s.parse::<usize>().ok());
    if style.is_some_and(|style| struck_styles.contains(&style)) {
        markup.struck.insert(at);
    }
    Some(at)
}

fn hyperlink(element: &BytesStart<'_>, rels: &HashMap<String, String>, markup: &mut SheetMarkup) {
    let Some(reference) = attribute(element, "ref") else {
        return;
    };
    // A link inside the workbook (`location`) has no relationship and no address.
    let Some(target) = attribute(element, "id").and_then(|id| rels.get(&id).cloned()) else {
        return;
    };
    let (first, last) = reference
        .split_once(':')
        .unwrap_or((&reference, &reference));
    let (Some(first), Some(last)) = (parse_reference(first), parse_reference(last)) else {
        return;
    };
    if last.0 < first.0 || last.1 < first.1 {
        return;
    }
    let cells = u64::from(last.0 - first.0 + 1) * u64::from(last.1 - first.1 + 1);
    if cells > MAX_LINK_CELLS {
        return;
    }
    for row in first.0..=last.0 {
        for column in first.1..=last.1 {
            markup.links.insert((row, column), target.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_names_round_trip() {
        assert_eq!(parse_reference("B7"), Some((6, 1)));
        assert_eq!(parse_reference("AA1"), Some((0, 26)));
        assert_eq!(parse_reference("A0"), None);
        assert_eq!(parse_reference("7"), None);
        assert_eq!(parse_reference("ABCD1"), None);
        for position in [(0, 0), (11, 5), (99, 26), (3, 701)] {
            assert_eq!(parse_reference(&cell_name(position)), Some(position));
        }
    }

    #[test]
    fn a_sheet_s_markup_is_read() {
        let rels = HashMap::from([("rId1".to_string(), "mailto:a@example.org".to_string())]);
        let xml = r#"<worksheet><sheetData>
            <row r="2" hidden="1"><c r="A2" s="1"><v>1</v></c></row>
            <row r="3"><c r="B3" t="str"><f>A7</f><v></v></c><c r="C3"><f>1+1</f><v>2</v></c>
            <c r="D3" t="str"><f>A1</f></c></row>
            </sheetData><hyperlinks><hyperlink ref="E3" r:id="rId1"/>
            <hyperlink ref="F3" location="Blatt!A1"/></hyperlinks></worksheet>"#;
        let markup = sheet_markup(xml, &rels, &HashSet::from([1]));
        assert_eq!(markup.hidden_rows, BTreeSet::from([1]));
        assert!(markup.struck.contains(&(1, 0)));
        assert_eq!(
            markup.formulas_without_result,
            HashSet::from([(2, 1), (2, 3)])
        );
        assert_eq!(markup.links.len(), 1);
        assert_eq!(markup.links[&(2, 4)], "mailto:a@example.org");
    }

    #[test]
    fn an_ods_sheet_s_hidden_rows_are_read_with_their_repeats() {
        let xml = r#"<office:document-content><office:body><office:spreadsheet>
            <table:table table:name="Termine">
            <table:table-row><table:table-cell/></table:table-row>
            <table:table-row table:visibility="collapse"><table:table-cell>
              <table:table><table:table-row table:number-rows-repeated="50"/></table:table>
            </table:table-cell></table:table-row>
            <table:table-row-group>
              <table:table-row table:number-rows-repeated="2"/>
              <table:table-row table:visibility="filter" table:number-rows-repeated="&#50;"/>
            </table:table-row-group>
            <table:table-row table:visibility="collapse" table:number-rows-repeated="1048570"/>
            </table:table>
            <table:table table:name="Leer"/>
            </office:spreadsheet></office:body></office:document-content>"#;
        let markup = ods_markup(xml);
        let rows = &markup["Termine"].hidden_rows;
        assert_eq!(rows.iter().take(3).copied().collect::<Vec<_>>(), [1, 4, 5]);
        assert_eq!(rows.len() as u64, 3 + MAX_HIDDEN_ROW - 6);
        assert!(markup["Leer"].hidden_rows.is_empty());
    }

    #[test]
    fn struck_fonts_lead_to_their_cell_styles() {
        let xml = r#"<styleSheet><fonts count="2"><font><sz val="11"/></font>
            <font><strike/><sz val="11"/></font></fonts>
            <cellXfs count="3"><xf fontId="0"/><xf fontId="1" applyFont="1"/><xf fontId="0"/></cellXfs>
            </styleSheet>"#;
        assert_eq!(struck_styles(xml), HashSet::from([1]));
    }
}
