//! word/footnotes.xml: the separators Word expects, then each footnote's blocks, the first
//! paragraph starting with the footnote's number.

use super::body::{Ctx, write_blocks, write_para};
use super::doc::{Block, Doc, Para, ParaKind};
use super::error::DocxError;
use super::flow::Flow;
use super::ooxml::STORY_NAMESPACES;
use super::xml::Xml;

/// word/footnotes.xml with the separator (-1) and continuation separator (0) Word expects.
pub(crate) fn footnotes_xml(doc: &Doc, ctx: &mut Ctx<'_>) -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    x.start("w:footnotes", &STORY_NAMESPACES)?;
    for (id, kind, mark) in [
        ("-1", "separator", "w:separator"),
        ("0", "continuationSeparator", "w:continuationSeparator"),
    ] {
        x.start("w:footnote", &[("w:type", kind), ("w:id", id)])?;
        x.start("w:p", &[])?;
        x.start("w:pPr", &[])?;
        x.empty(
            "w:spacing",
            &[("w:after", "0"), ("w:line", "240"), ("w:lineRule", "auto")],
        )?;
        x.end("w:pPr")?;
        x.start("w:r", &[])?;
        x.empty(mark, &[])?;
        x.end("w:r")?;
        x.end("w:p")?;
        x.end("w:footnote")?;
    }
    for (i, blocks) in doc.footnotes.iter().enumerate() {
        let id = (i + 1).to_string();
        x.start("w:footnote", &[("w:id", &id)])?;
        match blocks.split_first() {
            Some((Block::Para(first), rest)) => {
                write_para(&mut x, ctx, first, true, true, Flow::default())?;
                write_blocks(&mut x, ctx, rest, true)?;
            }
            _ => {
                let empty = Para {
                    kind: ParaKind::Normal,
                    inlines: Vec::new(),
                };
                write_para(&mut x, ctx, &empty, true, true, Flow::default())?;
                write_blocks(&mut x, ctx, blocks, true)?;
            }
        }
        x.end("w:footnote")?;
    }
    x.end("w:footnotes")?;
    Ok(x.finish())
}
