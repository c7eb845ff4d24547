//! A thin layer over quick-xml: escaping and removal of characters XML 1.0 forbids happen here,
//! once, for every text node and attribute value. [`is_xml_char`] is the crate's one rule of
//! which characters XML 1.0 allows.

use std::borrow::Cow;

use quick_xml::Writer;
use quick_xml::escape::escape;
use quick_xml::events::{BytesDecl, Event};

use super::error::DocxError;

/// What writing one element or text into a part returns.
pub(crate) type XmlResult = Result<(), DocxError>;

/// Whether XML 1.0 allows the character `c` in a document (its production `Char`): tab, LF,
/// CR, U+0020..U+D7FF, U+E000..U+FFFD and U+10000 and above. So C0 controls other than tab,
/// LF and CR, and U+FFFE and U+FFFF are forbidden; surrogates cannot occur in a Rust `char`.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Remove the characters that XML 1.0 does not allow (see [`is_xml_char`]).
pub(crate) fn clean(s: &str) -> Cow<'_, str> {
    // Fast path on bytes: forbidden characters are C0 controls or start with 0xEF (U+FFFE and
    // U+FFFF are EF BF BE/BF in UTF-8); most texts hold neither.
    let suspicious = |b: &u8| (*b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || *b == 0xEF;
    if !s.as_bytes().iter().any(suspicious) || s.chars().all(is_xml_char) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(|c| is_xml_char(*c)).collect())
    }
}

/// Property element tree used for the static-ish parts (styles, numbering, settings).
#[derive(Debug, Clone)]
pub(crate) struct El {
    pub name: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    pub children: Vec<El>,
}

/// An element with attributes and no children.
pub(crate) fn el(name: &'static str, attrs: &[(&'static str, &str)]) -> El {
    El {
        name,
        attrs: attrs.iter().map(|(k, v)| (*k, (*v).to_string())).collect(),
        children: Vec::new(),
    }
}

/// An element with children and no attributes.
pub(crate) fn parent(name: &'static str, children: Vec<El>) -> El {
    El {
        name,
        attrs: Vec::new(),
        children,
    }
}

/// A `w:xxx w:val="..."` element.
pub(crate) fn val(name: &'static str, v: &str) -> El {
    el(name, &[("w:val", v)])
}

/// One part (or fragment) being written.
pub(crate) struct Xml {
    w: Writer<Vec<u8>>,
}

impl Xml {
    /// New part with the standard declaration.
    pub(crate) fn new() -> Result<Self, DocxError> {
        let mut w = Writer::new(Vec::with_capacity(16 * 1024));
        w.write_event(Event::Decl(BytesDecl::new(
            "1.0",
            Some("UTF-8"),
            Some("yes"),
        )))?;
        w.get_mut().extend_from_slice(b"\r\n");
        Ok(Self { w })
    }

    /// A fragment without XML declaration (elements to splice into another part).
    pub(crate) fn fragment() -> Self {
        Self {
            w: Writer::new(Vec::with_capacity(4 * 1024)),
        }
    }

    /// Writes `<name k="v" ...` (without the closing bracket) straight into the buffer:
    /// building a quick-xml event for each element cost a tenth of a build (callgrind).
    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let out = self.w.get_mut();
        out.push(b'<');
        out.extend_from_slice(name.as_bytes());
        for (key, value) in attrs {
            out.push(b' ');
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(b"=\"");
            out.extend_from_slice(escape(clean(value).as_ref()).as_bytes());
            out.push(b'"');
        }
    }

    /// `<name attrs>`.
    pub(crate) fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> XmlResult {
        self.open(name, attrs);
        self.w.get_mut().push(b'>');
        Ok(())
    }

    /// `<name attrs/>`.
    pub(crate) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> XmlResult {
        self.open(name, attrs);
        self.w.get_mut().extend_from_slice(b"/>");
        Ok(())
    }

    /// `</name>`.
    pub(crate) fn end(&mut self, name: &str) -> XmlResult {
        let out = self.w.get_mut();
        out.extend_from_slice(b"</");
        out.extend_from_slice(name.as_bytes());
        out.push(b'>');
        Ok(())
    }

    /// Escaped, cleaned character data.
    pub(crate) fn text(&mut self, s: &str) -> XmlResult {
        let s = clean(s);
        self.w
            .get_mut()
            .extend_from_slice(escape(s.as_ref()).as_bytes());
        Ok(())
    }

    /// `<name attrs>text</name>`.
    pub(crate) fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> XmlResult {
        self.start(name, attrs)?;
        self.text(text)?;
        self.end(name)
    }

    /// `w:t` with `xml:space="preserve"` where spaces at the ends would otherwise be lost.
    pub(crate) fn w_t(&mut self, text: &str) -> XmlResult {
        let text = clean(text);
        let preserve = text.starts_with(char::is_whitespace)
            || text.ends_with(char::is_whitespace)
            || text.contains("  ");
        if preserve {
            self.leaf("w:t", &[("xml:space", "preserve")], &text)
        } else {
            self.leaf("w:t", &[], &text)
        }
    }

    /// The element tree `e`.
    pub(crate) fn write_el(&mut self, e: &El) -> XmlResult {
        let attrs: Vec<(&str, &str)> = e.attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        if e.children.is_empty() {
            self.empty(e.name, &attrs)
        } else {
            self.start(e.name, &attrs)?;
            for c in &e.children {
                self.write_el(c)?;
            }
            self.end(e.name)
        }
    }

    /// The bytes written.
    pub(crate) fn finish(self) -> Vec<u8> {
        self.w.into_inner()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_forbidden_characters_only() {
        assert_eq!(
            clean("a\u{0}b\u{1}c\td\ne\u{FFFE}f\u{FFFF}ä😀"),
            "abc\td\nefä😀"
        );
        assert!(matches!(clean("ganz normal"), Cow::Borrowed(_)));
    }

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut x = Xml::new().unwrap();
        x.start("a", &[("v", "\"<&>'\u{7}")]).unwrap();
        x.w_t(" <b> & \"c\" ").unwrap();
        x.end("a").unwrap();
        let s = String::from_utf8(x.finish()).unwrap();
        assert!(s.contains(r#"<a v="&quot;&lt;&amp;&gt;&apos;">"#), "{s}");
        assert!(
            s.contains(r#"<w:t xml:space="preserve"> &lt;b&gt; &amp; &quot;c&quot; </w:t>"#),
            "{s}"
        );
        let mut x = Xml::new().unwrap();
        x.w_t("kein Leerraum").unwrap();
        let s = String::from_utf8(x.finish()).unwrap();
        assert!(s.contains("<w:t>kein Leerraum</w:t>"), "{s}");
    }
}
