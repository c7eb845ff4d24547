//! The relationships parts (_rels/.rels, word/_rels/document.xml.rels, the headers' and the
//! footnotes' relationships) and [Content_Types].xml. The ids of the parts come from
//! [`PartIds`]; hyperlinks follow them in order of first appearance.

use crate::docx::error::DocxError;
use crate::docx::ooxml::{
    APP, CORE, CT_WML, DOCUMENT, FONT_TABLE, FOOTNOTES, LOGO_RID, Links, NS_PACKAGE_RELS, NS_R,
    NUMBERING, Orientation, PartIds, SETTINGS, STYLES, THEME,
};
use crate::docx::xml::Xml;

/// [Content_Types].xml
pub(crate) fn content_types_xml(ids: &PartIds) -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    x.start(
        "Types",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        )],
    )?;
    x.empty(
        "Default",
        &[
            ("Extension", "rels"),
            (
                "ContentType",
                "application/vnd.openxmlformats-package.relationships+xml",
            ),
        ],
    )?;
    if ids.logo {
        x.empty(
            "Default",
            &[("Extension", "png"), ("ContentType", "image/png")],
        )?;
    }
    x.empty(
        "Default",
        &[("Extension", "xml"), ("ContentType", "application/xml")],
    )?;
    let mut overrides = vec![
        (
            APP,
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".to_string(),
        ),
        (
            CORE,
            "application/vnd.openxmlformats-package.core-properties+xml".to_string(),
        ),
        (DOCUMENT, format!("{CT_WML}.document.main+xml")),
        (FONT_TABLE, format!("{CT_WML}.fontTable+xml")),
        (FOOTNOTES, format!("{CT_WML}.footnotes+xml")),
        (NUMBERING, format!("{CT_WML}.numbering+xml")),
        (SETTINGS, format!("{CT_WML}.settings+xml")),
        (STYLES, format!("{CT_WML}.styles+xml")),
        (
            THEME,
            "application/vnd.openxmlformats-officedocument.theme+xml".to_string(),
        ),
    ];
    let sections = if ids.landscape { 2 } else { 1 };
    for orientation in &Orientation::ALL[..sections] {
        overrides.push((orientation.header_part(), format!("{CT_WML}.header+xml")));
        overrides.push((orientation.footer_part(), format!("{CT_WML}.footer+xml")));
    }
    overrides.sort();
    for (part, ct) in &overrides {
        let part_name = format!("/{part}");
        x.empty("Override", &[("PartName", &part_name), ("ContentType", ct)])?;
    }
    x.end("Types")?;
    Ok(x.finish())
}

/// A relationships part: `(id, type suffix, target, external)` rows, in the given order.
fn rels_xml(rows: &[(String, String, String, bool)]) -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    x.start("Relationships", &[("xmlns", NS_PACKAGE_RELS)])?;
    for (id, ty, target, external) in rows {
        let mut attrs = vec![
            ("Id", id.as_str()),
            ("Type", ty.as_str()),
            ("Target", target.as_str()),
        ];
        if *external {
            attrs.push(("TargetMode", "External"));
        }
        x.empty("Relationship", &attrs)?;
    }
    x.end("Relationships")?;
    Ok(x.finish())
}

/// _rels/.rels
pub(crate) fn package_rels_xml() -> Result<Vec<u8>, DocxError> {
    rels_xml(&[
        (
            "rId1".into(),
            format!("{NS_R}/officeDocument"),
            DOCUMENT.into(),
            false,
        ),
        (
            "rId2".into(),
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
                .into(),
            CORE.into(),
            false,
        ),
        (
            "rId3".into(),
            format!("{NS_R}/extended-properties"),
            APP.into(),
            false,
        ),
    ])
}

/// word/_rels/document.xml.rels: the parts in the order and with the ids [`PartIds`]
/// assigns, then the hyperlinks in order of first appearance.
pub(crate) fn document_rels_xml(links: &Links, ids: &PartIds) -> Result<Vec<u8>, DocxError> {
    let mut rows: Vec<(String, String, String, bool)> = ids
        .document_rels()
        .map(|(id, rel)| {
            (
                id,
                format!("{NS_R}/{}", rel.kind()),
                rel.target().to_string(),
                false,
            )
        })
        .collect();
    rows.extend(hyperlink_rows(links));
    rels_xml(&rows)
}

/// word/_rels/headerN.xml.rels: the logo picture.
pub(crate) fn header_rels_xml() -> Result<Vec<u8>, DocxError> {
    rels_xml(&[(
        LOGO_RID.into(),
        format!("{NS_R}/image"),
        "media/logo.png".into(),
        false,
    )])
}

/// word/_rels/footnotes.xml.rels (hyperlinks inside footnotes).
pub(crate) fn footnote_rels_xml(links: &Links) -> Result<Vec<u8>, DocxError> {
    rels_xml(&hyperlink_rows(links))
}

fn hyperlink_rows(links: &Links) -> Vec<(String, String, String, bool)> {
    links
        .entries()
        .map(|(id, url)| (id, format!("{NS_R}/hyperlink"), url.to_string(), true))
        .collect()
}
