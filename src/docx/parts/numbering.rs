//! word/numbering.xml: one bullet and one decimal list definition, and a numbering
//! instance per ordered list so that each restarts.

use crate::docx::doc::OrderedList;
use crate::docx::error::DocxError;
use crate::docx::ooxml::{BULLET_NUM_ID, FONT, NS_R, NS_W, list_indent};
use crate::docx::xml::{El, Xml, el, parent, val};

/// word/numbering.xml: abstractNum 0 = bullets, 1 = decimal (9 levels each); num 1 = bullets;
/// every ordered list its own num with a startOverride at its level so numbering restarts.
pub(crate) fn numbering_xml(ordered: &[OrderedList]) -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    x.start("w:numbering", &[("xmlns:w", NS_W), ("xmlns:r", NS_R)])?;
    for (abs_id, nsid, bullets) in [("0", "4B1D0A01", true), ("1", "4B1D0A02", false)] {
        let mut children = vec![
            val("w:nsid", nsid),
            val("w:multiLevelType", "hybridMultilevel"),
        ];
        for level in 0u8..9 {
            // lvl order: start, numFmt, lvlText, lvlJc, pPr, rPr
            let (fmt, text) = if bullets {
                (
                    "bullet",
                    if level % 2 == 0 {
                        "\u{2022}"
                    } else {
                        "\u{2013}"
                    }
                    .to_string(),
                )
            } else {
                let n = level + 1;
                match level % 3 {
                    0 => ("decimal", format!("%{n}.")),
                    1 => ("lowerLetter", format!("%{n})")),
                    _ => ("lowerRoman", format!("%{n}.")),
                }
            };
            let mut lvl = vec![
                val("w:start", "1"),
                val("w:numFmt", fmt),
                val("w:lvlText", &text),
                val("w:lvlJc", "left"),
                parent(
                    "w:pPr",
                    vec![el(
                        "w:ind",
                        &[
                            ("w:left", &list_indent(level).to_string()),
                            ("w:hanging", "360"),
                        ],
                    )],
                ),
            ];
            if bullets {
                lvl.push(parent(
                    "w:rPr",
                    vec![el("w:rFonts", &[("w:ascii", FONT), ("w:hAnsi", FONT)])],
                ));
            }
            children.push(El {
                name: "w:lvl",
                attrs: vec![("w:ilvl", level.to_string())],
                children: lvl,
            });
        }
        x.write_el(&El {
            name: "w:abstractNum",
            attrs: vec![("w:abstractNumId", abs_id.to_string())],
            children,
        })?;
    }
    x.write_el(&El {
        name: "w:num",
        attrs: vec![("w:numId", BULLET_NUM_ID.to_string())],
        children: vec![val("w:abstractNumId", "0")],
    })?;
    for list in ordered {
        x.write_el(&El {
            name: "w:num",
            attrs: vec![("w:numId", list.num_id.to_string())],
            children: vec![
                val("w:abstractNumId", "1"),
                El {
                    name: "w:lvlOverride",
                    attrs: vec![("w:ilvl", list.level.to_string())],
                    children: vec![val("w:startOverride", &list.start.to_string())],
                },
            ],
        })?;
    }
    x.end("w:numbering")?;
    Ok(x.finish())
}
