//! PDF/A alongside the Word documents (issue 16): every document of the shipped example,
//! converted in one LibreOffice run, opens, is PDF/A-2b and tagged, and holds the text of
//! its DOCX with no word broken mid-word. Needs LibreOffice and poppler-utils, so it is
//! ignored by `cargo test`; CI installs both and runs `cargo test -- --ignored`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use briefing::pdf::to_pdf_a;

use crate::support::*;

/// The words (maximal runs of letters and digits) of a text.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The visible text of the story parts of a package (body, footnotes, headers, footers),
/// a non-breaking hyphen as "-".
fn story_text(docx: &Path) -> String {
    let bytes = std::fs::read(docx).unwrap();
    let archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    let mut text = String::new();
    for name in names {
        let story = name == "word/document.xml"
            || name == "word/footnotes.xml"
            || (name.starts_with("word/header") || name.starts_with("word/footer"))
                && name.ends_with(".xml");
        if !story {
            continue;
        }
        let xml = footnote_numbers_shown(&docx_part_of(&bytes, &name))
            .replace("<w:noBreakHyphen/>", "-")
            .replace("</w:p>", "\n")
            .replace("<w:br/>", "\n")
            .replace("<w:tab/>", "\t");
        let mut in_tag = false;
        // Field instructions (PAGE, NUMPAGES) are not visible text.
        for part in xml.split("<w:instrText").enumerate().flat_map(|(i, p)| {
            if i == 0 {
                Some(p)
            } else {
                p.split_once("</w:instrText>").map(|(_, rest)| rest)
            }
        }) {
            for c in part.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
        }
        text.push('\n');
    }
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
}

/// Footnote references and marks as the numbers they show (ids are the numbers, from 1):
/// the PDF's text has "konkretisiert9" where the DOCX has a word and a reference.
fn footnote_numbers_shown(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(start) = rest.find("<w:footnoteReference w:id=\"") {
        out.push_str(&rest[..start]);
        let after = &rest[start + "<w:footnoteReference w:id=\"".len()..];
        let (id, tail) = after.split_once('"').unwrap();
        out.push_str(&format!("<w:t>{id}</w:t>"));
        rest = tail;
    }
    out.push_str(rest);
    // In footnotes.xml each footnote's own mark shows its id.
    let mut marked = String::with_capacity(out.len());
    for (i, footnote) in out.split("<w:footnote w:id=\"").enumerate() {
        if i == 0 {
            marked.push_str(footnote);
            continue;
        }
        let id = footnote.split('"').next().unwrap_or_default();
        marked.push_str(&footnote.replacen("<w:footnoteRef/>", &format!("<w:t>{id}</w:t>"), 1));
    }
    marked
}

fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} (poppler-utils) not found: {e}"));
    assert!(
        output.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
#[ignore = "needs LibreOffice (soffice) and poppler-utils; CI runs it with -- --ignored"]
fn every_document_of_the_example_becomes_a_tagged_pdf_a_with_its_text() {
    let project = Project::shipped_example();
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let month = project.out("2026-11");
    let mut docx: Vec<PathBuf> = std::fs::read_dir(&month)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    docx.sort();
    assert_eq!(docx.len(), 13);
    let pdf_dir = project.path().join("pdf");
    std::fs::create_dir_all(&pdf_dir).unwrap();

    let pdfs = to_pdf_a(&docx, &pdf_dir).unwrap();

    assert_eq!(pdfs.len(), docx.len());
    for (docx, pdf) in docx.iter().zip(&pdfs) {
        let name = pdf.display().to_string();
        assert_eq!(pdf.file_stem(), docx.file_stem());
        let info = run("pdfinfo", &[&name]);
        let pages: u32 = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or_else(|| panic!("{name} does not open: {info}"));
        assert!(pages >= 1, "{name}");
        assert!(
            info.lines()
                .any(|l| l.split_whitespace().eq(["Tagged:", "yes"])),
            "{name}: {info}"
        );
        let xmp = run("pdfinfo", &["-meta", &name]);
        let part_2 =
            xmp.contains("<pdfaid:part>2</pdfaid:part>") || xmp.contains("pdfaid:part=\"2\"");
        assert!(part_2, "{name}: no pdfaid:part 2 in {xmp}");

        // The text: every word of the DOCX is in the PDF, and the PDF has no word the
        // DOCX lacks (a word broken mid-word would show as two such fragments).
        let docx_words = words(&story_text(docx));
        // -raw: without it pdftotext joins "IT-" at a line end and "Planungsrates".
        let pdf_text =
            run("pdftotext", &["-raw", "-enc", "UTF-8", &name, "-"]).replace('\u{2011}', "-");
        let pdf_words = words(&pdf_text);
        let missing: Vec<&String> = docx_words.difference(&pdf_words).collect();
        // Page numbers are fields: the DOCX caches "1", the PDF shows every page's.
        let extra: Vec<&String> = pdf_words
            .difference(&docx_words)
            .filter(|w| !w.parse::<u32>().is_ok_and(|n| n <= pages))
            .collect();
        assert!(
            missing.is_empty(),
            "{name}: words of the DOCX missing in the PDF: {missing:?}"
        );
        assert!(
            extra.is_empty(),
            "{name}: words in the PDF that the DOCX lacks: {extra:?}"
        );
    }
}
