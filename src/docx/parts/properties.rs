//! The document properties: docProps/core.xml (title, subject, author, dates) and
//! docProps/app.xml.

use crate::docx::error::DocxError;
use crate::docx::meta::DocumentMeta;
use crate::docx::xml::Xml;

/// docProps/core.xml
pub(crate) fn core_xml(meta: &DocumentMeta) -> Result<Vec<u8>, DocxError> {
    let stamp = format!("{}T00:00:00Z", meta.date.format("%Y-%m-%d"));
    let mut x = Xml::new()?;
    x.start(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    )?;
    x.leaf("dc:title", &[], &meta.title)?;
    x.leaf("dc:subject", &[], &meta.subject)?;
    x.leaf("dc:creator", &[], &meta.author)?;
    x.leaf("dc:language", &[], "de-DE")?;
    x.leaf("cp:lastModifiedBy", &[], &meta.author)?;
    x.leaf("dcterms:created", &[("xsi:type", "dcterms:W3CDTF")], &stamp)?;
    x.leaf(
        "dcterms:modified",
        &[("xsi:type", "dcterms:W3CDTF")],
        &stamp,
    )?;
    x.end("cp:coreProperties")?;
    Ok(x.finish())
}

/// docProps/app.xml
pub(crate) fn app_xml() -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    x.start(
        "Properties",
        &[
            (
                "xmlns",
                "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
            ),
            (
                "xmlns:vt",
                "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
            ),
        ],
    )?;
    x.leaf("Application", &[], "briefing")?;
    x.leaf("DocSecurity", &[], "0")?;
    x.end("Properties")?;
    Ok(x.finish())
}
