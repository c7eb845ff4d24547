//! The page header and footer parts, one pair per orientation: title left and header text
//! right (the logo above them, if the design has one); footer text left, "Seite X von Y"
//! right. Their right tab stop sits at that orientation's right margin.

use super::design::Logo;
use super::error::DocxError;
use super::meta::DocumentMeta;
use super::ooxml::{LOGO_RID, NS_A, NS_PIC, NS_WP, Orientation, STORY_NAMESPACES, StyleMap};
use super::runs::{field, plain_run, tab_run};
use super::xml::{Xml, XmlResult};

/// Right tab stops of Word's and LibreOffice's stock Header/Footer styles (A4 and Letter);
/// cleared in the header and footer paragraphs so a reference document's style cannot push
/// the right-aligned text to a centre tab.
const STOCK_TABS: [u32; 6] = [4513, 4536, 4680, 9026, 9072, 9360];

/// pPr of a header/footer paragraph: the style and one right tab at the text width of the
/// orientation (other stock tabs cleared).
fn header_footer_ppr(x: &mut Xml, style: &str, o: Orientation, spacing_after: bool) -> XmlResult {
    let width = o.text_width();
    x.start("w:pPr", &[])?;
    x.empty("w:pStyle", &[("w:val", style)])?;
    x.start("w:tabs", &[])?;
    let mut stops: Vec<(u32, &str)> = STOCK_TABS
        .iter()
        .filter(|p| **p != width)
        .map(|p| (*p, "clear"))
        .collect();
    stops.push((width, "right"));
    stops.sort();
    for (pos, kind) in stops {
        x.empty("w:tab", &[("w:val", kind), ("w:pos", &pos.to_string())])?;
    }
    x.end("w:tabs")?;
    if spacing_after {
        x.empty("w:spacing", &[("w:after", "80")])?;
    }
    x.end("w:pPr")
}

/// word/header1.xml (portrait) or header2.xml (landscape): the logo, if any, in its own
/// paragraph; then title left, header text right.
pub(crate) fn header_xml(
    meta: &DocumentMeta,
    styles: &StyleMap,
    o: Orientation,
    logo: Option<&Logo>,
) -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    let mut attrs = STORY_NAMESPACES.to_vec();
    if logo.is_some() {
        attrs.extend([
            ("xmlns:wp", NS_WP),
            ("xmlns:a", NS_A),
            ("xmlns:pic", NS_PIC),
        ]);
    }
    x.start("w:hdr", &attrs)?;
    let style = styles.id("Header");
    if let Some(logo) = logo {
        x.start("w:p", &[])?;
        header_footer_ppr(&mut x, style, o, true)?;
        x.start("w:r", &[])?;
        // The orientation's number is unique in the document, as a drawing id must be.
        write_picture(&mut x, logo, o.number())?;
        x.end("w:r")?;
        x.end("w:p")?;
    }
    x.start("w:p", &[])?;
    header_footer_ppr(&mut x, style, o, false)?;
    plain_run(&mut x, &single_line(&meta.title))?;
    tab_run(&mut x)?;
    plain_run(&mut x, &single_line(&meta.header_text))?;
    x.end("w:p")?;
    x.end("w:hdr")?;
    Ok(x.finish())
}

/// An inline picture (`w:drawing` / `wp:inline`) of the logo, relationship [`LOGO_RID`].
fn write_picture(x: &mut Xml, logo: &Logo, id: u32) -> XmlResult {
    let (cx, cy) = logo.extent_emu();
    let (cx, cy, id) = (cx.to_string(), cy.to_string(), id.to_string());
    x.start("w:drawing", &[])?;
    x.start(
        "wp:inline",
        &[
            ("distT", "0"),
            ("distB", "0"),
            ("distL", "0"),
            ("distR", "0"),
        ],
    )?;
    x.empty("wp:extent", &[("cx", &cx), ("cy", &cy)])?;
    x.empty(
        "wp:effectExtent",
        &[("l", "0"), ("t", "0"), ("r", "0"), ("b", "0")],
    )?;
    x.empty("wp:docPr", &[("id", &id), ("name", "Logo")])?;
    x.start("wp:cNvGraphicFramePr", &[])?;
    x.empty("a:graphicFrameLocks", &[("noChangeAspect", "1")])?;
    x.end("wp:cNvGraphicFramePr")?;
    x.start("a:graphic", &[])?;
    x.start("a:graphicData", &[("uri", NS_PIC)])?;
    x.start("pic:pic", &[])?;
    x.start("pic:nvPicPr", &[])?;
    x.empty("pic:cNvPr", &[("id", "0"), ("name", "logo.png")])?;
    x.empty("pic:cNvPicPr", &[])?;
    x.end("pic:nvPicPr")?;
    x.start("pic:blipFill", &[])?;
    x.empty("a:blip", &[("r:embed", LOGO_RID)])?;
    x.start("a:stretch", &[])?;
    x.empty("a:fillRect", &[])?;
    x.end("a:stretch")?;
    x.end("pic:blipFill")?;
    x.start("pic:spPr", &[])?;
    x.start("a:xfrm", &[])?;
    x.empty("a:off", &[("x", "0"), ("y", "0")])?;
    x.empty("a:ext", &[("cx", &cx), ("cy", &cy)])?;
    x.end("a:xfrm")?;
    x.start("a:prstGeom", &[("prst", "rect")])?;
    x.empty("a:avLst", &[])?;
    x.end("a:prstGeom")?;
    x.end("pic:spPr")?;
    x.end("pic:pic")?;
    x.end("a:graphicData")?;
    x.end("a:graphic")?;
    x.end("wp:inline")?;
    x.end("w:drawing")
}

/// word/footer1.xml (portrait) or footer2.xml (landscape): footer text left, "Seite X von Y"
/// right with PAGE / NUMPAGES fields.
pub(crate) fn footer_xml(
    meta: &DocumentMeta,
    styles: &StyleMap,
    o: Orientation,
) -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    x.start("w:ftr", &STORY_NAMESPACES)?;
    x.start("w:p", &[])?;
    header_footer_ppr(&mut x, styles.id("Footer"), o, false)?;
    plain_run(&mut x, &single_line(&meta.footer_text))?;
    tab_run(&mut x)?;
    plain_run(&mut x, "Seite ")?;
    field(&mut x, "PAGE", "1")?;
    plain_run(&mut x, " von ")?;
    field(&mut x, "NUMPAGES", "1")?;
    x.end("w:p")?;
    x.end("w:ftr")?;
    Ok(x.finish())
}

fn single_line(s: &str) -> String {
    s.replace(['\r', '\n', '\t'], " ")
}
