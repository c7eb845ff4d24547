//! The design's Word styles as CSS: font, colour, size, bold and italic of the styles the
//! DOCX writer uses (body text, headings 1 to 4, page header and footer, footnote text,
//! hyperlinks), looked up by their built-in names as the writer does, following `basedOn`
//! and the document defaults. So the preview shows the reference document's corporate
//! design; what the styles do not say falls back to the built-in look.
//!
//! Not read: theme fonts (a style naming only `asciiTheme` keeps the fallback font),
//! spacing, borders, numbering.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// What a Word style says about its characters (each may be left open).
#[derive(Debug, Clone, Default, PartialEq)]
struct Chars {
    font: Option<String>,
    color: Option<String>,
    half_points: Option<u32>,
    bold: Option<bool>,
    italic: Option<bool>,
}

impl Chars {
    /// `self` with what it leaves open taken from `base`.
    fn over(&self, base: &Chars) -> Chars {
        Chars {
            font: self.font.clone().or_else(|| base.font.clone()),
            color: self.color.clone().or_else(|| base.color.clone()),
            half_points: self.half_points.or(base.half_points),
            bold: self.bold.or(base.bold),
            italic: self.italic.or(base.italic),
        }
    }
}

#[derive(Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    chars: Chars,
}

/// The styles of a `word/styles.xml`: by id, and the document defaults.
#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
    defaults: Chars,
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// `w:b`, `w:i`: on unless `w:val` says false.
fn toggle(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "w:val").as_deref(), Some("0" | "false" | "off"))
}

fn parse(xml: &[u8]) -> Styles {
    let mut reader = Reader::from_reader(xml);
    let mut styles = Styles::default();
    let mut current: Option<(String, Style)> = None;
    let mut in_defaults = false;
    let mut in_rpr = false;
    let mut buf = Vec::new();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let target = match current.as_mut() {
                    Some((_, style)) => Some(&mut style.chars),
                    None if in_defaults => Some(&mut styles.defaults),
                    None => None,
                };
                match e.name().as_ref() {
                    "w:rPrDefault" => in_defaults = true,
                    "w:style" => {
                        let id = attr(&e, "w:styleId").unwrap_or_default();
                        current = Some((id, Style::default()));
                    }
                    "w:rPr" => in_rpr = true,
                    "w:name" => {
                        if let Some((_, style)) = current.as_mut() {
                            style.name = attr(&e, "w:val").unwrap_or_default();
                        }
                    }
                    "w:basedOn" => {
                        if let Some((_, style)) = current.as_mut() {
                            style.based_on = attr(&e, "w:val");
                        }
                    }
                    name if in_rpr => {
                        if let Some(chars) = target {
                            match name {
                                "w:rFonts" => {
                                    if let Some(font) = attr(&e, "w:ascii") {
                                        chars.font = Some(font);
                                    }
                                }
                                "w:color" => {
                                    chars.color = attr(&e, "w:val").filter(|v| {
                                        v.len() == 6 && v.chars().all(|c| c.is_ascii_hexdigit())
                                    });
                                }
                                "w:sz" => {
                                    chars.half_points =
                                        attr(&e, "w:val").and_then(|v| v.parse().ok());
                                }
                                "w:b" => chars.bold = Some(toggle(&e)),
                                "w:i" => chars.italic = Some(toggle(&e)),
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:rPrDefault" => in_defaults = false,
                "w:rPr" => in_rpr = false,
                "w:style" => {
                    if let Some((id, style)) = current.take() {
                        styles.by_id.insert(id, style);
                    }
                }
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    styles
}

impl Styles {
    /// The characters of the style named `name` (built-in name, case ignored), with its
    /// `basedOn` chain and the defaults resolved.
    fn resolved(&self, name: &str) -> Chars {
        let Some((id, _)) = self
            .by_id
            .iter()
            .find(|(_, style)| style.name.eq_ignore_ascii_case(name))
        else {
            return self.defaults.clone();
        };
        let mut chars = Chars::default();
        let mut next = Some(id.clone());
        let mut seen = 0;
        while let Some(id) = next.take() {
            let Some(style) = self.by_id.get(&id) else {
                break;
            };
            chars = chars.over(&style.chars);
            seen += 1;
            if seen < 16 {
                next = style.based_on.clone();
            }
        }
        chars.over(&self.defaults)
    }
}

/// CSS font names are quoted; a name with a quote or a backslash is not used.
fn css_font(font: &str) -> Option<String> {
    (!font.contains(['"', '\\', '<', '>', ';', '{', '}'])).then(|| format!("\"{font}\""))
}

fn declarations(chars: &Chars) -> String {
    let mut css = String::new();
    if let Some(font) = chars.font.as_deref().and_then(css_font) {
        css.push_str(&format!("font-family:{font},Arial,sans-serif;"));
    }
    if let Some(color) = &chars.color {
        css.push_str(&format!("color:#{color};"));
    }
    if let Some(half) = chars.half_points {
        css.push_str(&format!("font-size:{}pt;", f64::from(half) / 2.0));
    }
    if let Some(bold) = chars.bold {
        css.push_str(if bold {
            "font-weight:bold;"
        } else {
            "font-weight:normal;"
        });
    }
    if let Some(italic) = chars.italic {
        css.push_str(if italic {
            "font-style:italic;"
        } else {
            "font-style:normal;"
        });
    }
    css
}

/// CSS rules for a document's elements from the design's `word/styles.xml`.
pub fn document_css(styles_xml: &[u8]) -> String {
    let styles = parse(styles_xml);
    let rules = [
        (".dokument", "Normal"),
        (".dokument h1", "heading 1"),
        (".dokument h2", "heading 2"),
        (".dokument h3", "heading 3"),
        (".dokument h4", "heading 4"),
        (".dokument .kopfzeile", "header"),
        (".dokument .fusszeile", "footer"),
        (".dokument .fussnoten", "footnote text"),
        (".dokument a", "Hyperlink"),
    ];
    let mut css = String::new();
    for (selector, name) in rules {
        let chars = if name == "Hyperlink" {
            // A character style: only what it sets itself.
            styles
                .by_id
                .values()
                .find(|s| s.name.eq_ignore_ascii_case(name))
                .map(|s| Chars {
                    font: None,
                    ..s.chars.clone()
                })
                .unwrap_or_default()
        } else {
            styles.resolved(name)
        };
        let declarations = declarations(&chars);
        if !declarations.is_empty() {
            css.push_str(&format!("{selector}{{{declarations}}}\n"));
        }
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:styles xmlns:w="w"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial"/><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:styleId="Standard"><w:name w:val="Normal"/><w:rPr><w:color w:val="1A1A1A"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Standard"/><w:rPr><w:b/><w:color w:val="004B5A"/><w:sz w:val="30"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Link"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/></w:rPr></w:style>
</w:styles>"#;

    #[test]
    fn styles_are_found_by_name_and_resolved() {
        let css = document_css(XML.as_bytes());
        assert!(
            css.contains(
                ".dokument{font-family:\"Arial\",Arial,sans-serif;color:#1A1A1A;font-size:11pt;}"
            ),
            "{css}"
        );
        assert!(css.contains(".dokument h1{font-family:\"Arial\",Arial,sans-serif;color:#004B5A;font-size:15pt;font-weight:bold;}"), "{css}");
        assert!(css.contains(".dokument a{color:#0563C1;}"), "{css}");
    }

    #[test]
    fn hostile_values_do_not_reach_the_css() {
        let xml = r#"<w:styles xmlns:w="w"><w:style w:styleId="x"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="a;}body{display:none"/><w:color w:val="red;x"/></w:rPr></w:style></w:styles>"#;
        assert_eq!(document_css(xml.as_bytes()), "");
    }
}
