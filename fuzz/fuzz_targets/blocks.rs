//! The Word block reader on mutated input: whole `.docx` files (the seeds are Word's own, from
//! mammoth and python-docx), or, for input that is not a zip, NUL-separated XML for
//! `word/document.xml`, `word/footnotes.xml`, `word/styles.xml` and `word/numbering.xml`
//! packed into a `.docx`. Each block read is turned into Markdown as `baustein(...)` does.
//! Must hold: no panic, no runaway memory; every line of the Markdown has its entry in the
//! line-to-paragraph map that error messages use.
#![no_main]

use std::io::Write;
use std::path::Path;

use libfuzzer_sys::fuzz_target;

const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn pack(parts: &[&[u8]]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, bytes: &[u8]| {
        writer.start_file(name, options).unwrap();
        writer.write_all(bytes).unwrap();
    };
    put(
        "_rels/.rels",
        format!(r#"<Relationships><Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/></Relationships>"#).as_bytes(),
    );
    put(
        "word/_rels/document.xml.rels",
        format!(r#"<Relationships><Relationship Id="rId2" Type="{R}/footnotes" Target="footnotes.xml"/><Relationship Id="rId3" Type="{R}/styles" Target="styles.xml"/><Relationship Id="rId4" Type="{R}/numbering" Target="numbering.xml"/><Relationship Id="rId5" Type="{R}/hyperlink" Target="https://example.org/" TargetMode="External"/></Relationships>"#).as_bytes(),
    );
    for (name, part) in ["word/document.xml", "word/footnotes.xml", "word/styles.xml", "word/numbering.xml"]
        .iter()
        .zip(parts)
    {
        put(name, part);
    }
    writer.finish().unwrap().into_inner()
}

fuzz_target!(|data: &[u8]| {
    let bytes = if data.starts_with(b"PK") || data.starts_with(&[0xD0, 0xCF]) {
        data.to_vec()
    } else {
        let parts: Vec<&[u8]> = data.split(|&b| b == 0).collect();
        pack(&parts)
    };
    if let Ok(block) = briefing::load::blocks::read_bytes("fuzz", Path::new("fuzz.docx"), &bytes) {
        let generated = briefing::render::blocks::to_markdown(&block, 1, 2);
        assert!(generated.lines.len() >= generated.text.lines().count());
    }
});
