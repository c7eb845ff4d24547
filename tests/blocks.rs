//! Word content blocks (`templates/bausteine/*.docx`, placed with `baustein(...)`): Word's own
//! files (mammoth's and python-docx's test documents) as blocks, tags split across runs, and
//! what must never vanish silently (tracked changes, comments, images, text boxes, `.doc`,
//! password-protected files, zip bombs).

use std::io::Write;
use std::path::Path;

use crate::support::{Project, docx_part, stderr};

const SAMPLES: &str = "tests/fixtures/word-samples";

/// A project whose briefing places the block `probe` under a heading "Probe" at its end.
fn project_with_block(bytes: &[u8]) -> Project {
    let project = Project::minimal();
    let briefing = project.path().join("templates/briefing.md.j2");
    let mut text = std::fs::read_to_string(&briefing).unwrap();
    text.push_str("\n## Probe\n\n{{ baustein(\"probe\") }}\n");
    std::fs::write(&briefing, text).unwrap();
    let block = project.path().join("templates/bausteine/probe.docx");
    std::fs::create_dir_all(block.parent().unwrap()).unwrap();
    std::fs::write(block, bytes).unwrap();
    project
}

fn build(project: &Project) -> std::process::Output {
    project.run(&["build", "--stand", "2026-11-28", "--only", "erika"])
}

fn briefing(project: &Project) -> std::path::PathBuf {
    let dir = project.out("2026-11");
    std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("briefing-"))
        })
        .unwrap()
}

/// The paragraphs of `word/document.xml` after the heading "Probe", as XML.
fn probe_paragraphs(project: &Project) -> Vec<String> {
    let xml = docx_part(&briefing(project), "word/document.xml");
    let body = &xml[xml.find("<w:body>").unwrap()..];
    let mut paragraphs: Vec<String> = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find("<w:p>").or_else(|| rest.find("<w:p ")) {
        let from = &rest[start..];
        let end = from.find("</w:p>").map_or(from.len(), |e| e + 6);
        paragraphs.push(from[..end].to_string());
        rest = &from[end..];
    }
    let at = paragraphs
        .iter()
        .position(|p| text_of(p) == "Probe")
        .expect("the heading Probe");
    paragraphs.split_off(at + 1)
}

/// The text of an XML fragment (the content of its `w:t`).
fn text_of(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<w:t") {
        let from = &rest[start..];
        let Some(open_end) = from.find('>') else {
            break;
        };
        if from[..open_end].ends_with('/')
            || !(from[4..].starts_with('>') || from[4..].starts_with(' '))
        {
            rest = &from[open_end + 1..];
            continue;
        }
        let content = &from[open_end + 1..];
        let close = content.find("</w:t>").unwrap_or(content.len());
        out.push_str(
            &content[..close]
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'"),
        );
        rest = &content[close..];
    }
    out
}

fn paragraph_with<'a>(paragraphs: &'a [String], text: &str) -> &'a str {
    paragraphs
        .iter()
        .find(|p| text_of(p).contains(text))
        .unwrap_or_else(|| panic!("no paragraph with {text:?} in {paragraphs:#?}"))
}

/// What one sample must give.
enum Outcome {
    /// Builds; these texts are in the block's part of the briefing, and stderr has these
    /// warnings.
    Text(&'static [&'static str], &'static [&'static str]),
    /// Does not build; stderr names the block file and says this.
    Error(&'static str),
}

#[test]
fn every_word_sample_is_read_as_a_block() {
    use Outcome::*;
    let table: &[(&str, Outcome)] = &[
        ("mammoth-comments", Text(&["Ouch."], &["Kommentare"])),
        ("mammoth-endnotes", Text(&["Ouch"], &[])),
        ("mammoth-footnote-hyperlink", Text(&[], &[])),
        ("mammoth-footnotes", Text(&["Ouch"], &[])),
        ("mammoth-simple-list", Text(&["Apple", "Banana"], &[])),
        (
            "mammoth-single-paragraph",
            Text(&["Walking on imported air"], &[]),
        ),
        ("mammoth-strict-format", Text(&["Test"], &[])),
        (
            "mammoth-strikethrough",
            Text(&["Today's Special: Salmon Sold out"], &[]),
        ),
        (
            "mammoth-tables",
            Text(&["Above", "Top left", "Bottom right", "Below"], &[]),
        ),
        ("mammoth-text-box", Text(&["Datum plane"], &["Textfelds"])),
        ("mammoth-tiny-picture", Error("enthält ein Bild")),
        (
            "mammoth-underline",
            Text(&["The Sunset Tree"], &["Unterstreichungen"]),
        ),
        (
            "mammoth-utf8-bom",
            Text(&["This XML has a byte order mark."], &[]),
        ),
        (
            "python-docx-num-having-numbering-part",
            Text(&["Paragraph having List Number style."], &[]),
        ),
        (
            "python-docx-par-hyperlinks",
            Text(
                &[
                    "One awesome hyperlink.",
                    "Three hyperlinks: the first one here",
                ],
                &[],
            ),
        ),
        (
            "python-docx-par-known-styles",
            Text(&["no specified style", "Heading 1", "Body Text"], &[]),
        ),
        (
            "python-docx-run-enumerated-props",
            Text(
                &["Inherited underline,no underline"],
                &["Unterstreichungen"],
            ),
        ),
        ("python-docx-tbl-2x2-table", Text(&[], &[])),
    ];
    let mut files: Vec<String> = std::fs::read_dir(SAMPLES)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".docx"))
        .collect();
    files.sort();
    let listed: Vec<String> = table.iter().map(|(n, _)| format!("{n}.docx")).collect();
    assert_eq!(files, listed, "every sample has a row in the table");
    for (name, outcome) in table {
        let bytes = std::fs::read(Path::new(SAMPLES).join(format!("{name}.docx"))).unwrap();
        let project = project_with_block(&bytes);
        let output = build(&project);
        let err = stderr(&output);
        match outcome {
            Error(says) => {
                assert!(!output.status.success(), "{name}: {err}");
                assert!(err.contains("probe.docx"), "{name}: {err}");
                assert!(err.contains(says), "{name}: {err}");
                continue;
            }
            Text(texts, warnings) => {
                assert!(output.status.success(), "{name}: {err}");
                let paragraphs = probe_paragraphs(&project);
                for text in *texts {
                    paragraph_with(&paragraphs, text);
                }
                for warning in *warnings {
                    assert!(err.contains(warning), "{name}: no {warning:?} in {err}");
                    assert!(err.contains("probe.docx"), "{name}: {err}");
                }
                if warnings.is_empty() {
                    assert!(!err.contains("probe.docx"), "{name}: {err}");
                }
            }
        }
        let file = briefing(&project);
        let footnotes = docx_part(&file, "word/footnotes.xml");
        let paragraphs = probe_paragraphs(&project);
        match *name {
            "mammoth-footnotes" | "mammoth-endnotes" => {
                assert!(footnotes.contains("A tachyon walks into a bar."), "{name}");
                assert!(footnotes.contains("Fin."), "{name}");
                let ouch = paragraph_with(&paragraphs, "Ouch");
                assert_eq!(ouch.matches("<w:footnoteReference").count(), 2, "{name}");
            }
            "mammoth-footnote-hyperlink" => {
                assert!(footnotes.contains("Example"), "{name}");
                let rels = docx_part(&file, "word/_rels/footnotes.xml.rels");
                assert!(rels.contains("http://www.example.com"), "{rels}");
                assert!(
                    paragraphs
                        .iter()
                        .any(|p| p.contains("<w:footnoteReference")),
                    "{name}"
                );
            }
            "mammoth-simple-list" => {
                for fruit in ["Apple", "Banana"] {
                    let p = paragraph_with(&paragraphs, fruit);
                    assert!(p.contains("<w:numPr>"), "{fruit} is a list item: {p}");
                    assert!(p.contains("<w:ilvl w:val=\"0\"/>"), "{p}");
                }
            }
            "python-docx-num-having-numbering-part" => {
                let p = paragraph_with(&paragraphs, "List Number");
                assert!(p.contains("<w:numPr>"), "{p}");
                // Numbered lists get their own w:num (bullets share the first one).
                assert!(
                    !p.contains("<w:numId w:val=\"1\"/>"),
                    "numbered, not bulleted: {p}"
                );
            }
            "mammoth-strikethrough" => {
                let p = paragraph_with(&paragraphs, "Salmon");
                assert!(p.contains("<w:strike/>"), "{p}");
                assert_eq!(
                    p.matches("<w:strike/>").count(),
                    1,
                    "only the first run: {p}"
                );
            }
            "mammoth-underline" => {
                let p = paragraph_with(&paragraphs, "Sunset");
                assert!(p.contains("<w:b/>"), "{p}");
            }
            "mammoth-tables" | "python-docx-tbl-2x2-table" => {
                let xml = docx_part(&file, "word/document.xml");
                let after = &xml[xml.rfind(">Probe<").unwrap()..];
                let table = &after[after.find("<w:tbl>").expect("a table")..];
                let table = &table[..table.find("</w:tbl>").unwrap()];
                assert_eq!(
                    table.matches("<w:tr>").count() + table.matches("<w:tr ").count(),
                    2
                );
                assert_eq!(table.matches("<w:tc>").count(), 4, "{name}");
            }
            "python-docx-par-hyperlinks" => {
                let rels = docx_part(&file, "word/_rels/document.xml.rels");
                for target in [
                    "http://yahoo.com/",
                    "http://google.com/",
                    "http://python.org/",
                ] {
                    assert!(rels.contains(target), "{target}");
                }
                let p = paragraph_with(&paragraphs, "Three hyperlinks");
                assert_eq!(p.matches("<w:hyperlink ").count(), 3, "{p}");
            }
            "python-docx-par-known-styles" => {
                let heading = paragraph_with(&paragraphs, "Heading 1");
                assert!(
                    heading.contains("<w:pStyle w:val=\"Heading3\"/>"),
                    "Heading 1 below a ## heading is a level-3 heading: {heading}"
                );
                let body = paragraph_with(&paragraphs, "Body Text");
                assert!(!body.contains("Heading"), "{body}");
            }
            _ => {}
        }
    }
}

/// A `.docx` made of the given parts, with the relationships and content types Word writes.
fn docx(document_body: &str, footnotes: Option<&str>) -> Vec<u8> {
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, text: &str| {
        writer.start_file(name, options).unwrap();
        writer.write_all(text.as_bytes()).unwrap();
    };
    put(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
    );
    put(
        "_rels/.rels",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/></Relationships>"#
        ),
    );
    let mut rels = String::new();
    if footnotes.is_some() {
        rels.push_str(&format!(
            r#"<Relationship Id="rId2" Type="{R}/footnotes" Target="footnotes.xml"/>"#
        ));
    }
    put(
        "word/_rels/document.xml.rels",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
        ),
    );
    put(
        "word/document.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{document_body}</w:body></w:document>"#
        ),
    );
    if let Some(notes) = footnotes {
        put(
            "word/footnotes.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>{notes}</w:footnotes>"#
            ),
        );
    }
    writer.finish().unwrap().into_inner()
}

#[test]
fn a_tag_split_across_three_runs_renders_and_a_broken_tag_names_block_paragraph_and_words() {
    // `{{ sprecher.name }}` as Word stores it after formatting parts of it differently.
    let split = r#"<w:p><w:r><w:t xml:space="preserve">Gespräch mit </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{{ spre</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>cher.na</w:t></w:r><w:r><w:t xml:space="preserve">me }} am Montag.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>"#;
    let notes = r#"<w:footnote w:id="1"><w:p><w:r><w:t>Fußnote für {{ sprecher.land }}.</w:t></w:r></w:p></w:footnote>"#;
    let project = project_with_block(&docx(split, Some(notes)));
    let output = build(&project);
    assert!(output.status.success(), "{}", stderr(&output));
    let paragraphs = probe_paragraphs(&project);
    paragraph_with(&paragraphs, "Gespräch mit Erika Mustermann am Montag.");
    let footnotes = docx_part(&briefing(&project), "word/footnotes.xml");
    assert!(footnotes.contains("Fußnote für Hessen."), "{footnotes}");

    // The footnote continues the template's own numbering: ids 1..n without gaps.
    let document = docx_part(&briefing(&project), "word/document.xml");
    let mut ids: Vec<u32> = document
        .match_indices("<w:footnoteReference w:id=\"")
        .map(|(at, m)| {
            let rest = &document[at + m.len()..];
            rest[..rest.find('"').unwrap()].parse().unwrap()
        })
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids, (1..=count as u32).collect::<Vec<_>>());
    assert!(count >= 2, "the template's footnote and the block's");

    let broken = r#"<w:p><w:r><w:t>Einleitung.</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Mit dem OZG-Änderungsgesetz {{ sprecher.name </w:t></w:r><w:r><w:t>gilt das.</w:t></w:r></w:p>"#;
    let project = project_with_block(&docx(broken, None));
    let output = build(&project);
    let err = stderr(&output);
    assert!(!output.status.success(), "{err}");
    assert!(
        err.contains("probe.docx, Absatz 2 „Mit dem OZG-Änderungsgesetz"),
        "{err}"
    );
}

#[test]
fn tracked_changes_comments_images_text_boxes_doc_and_protected_files_are_never_silent() {
    // Tracked changes: the accepted version, with a warning.
    let tracked = r#"<w:p><w:r><w:t xml:space="preserve">Die Frist endet </w:t></w:r><w:del w:id="1" w:author="A" w:date="2026-12-01T00:00:00Z"><w:r><w:delText>2025</w:delText></w:r></w:del><w:ins w:id="2" w:author="A" w:date="2026-12-01T00:00:00Z"><w:r><w:t>2027</w:t></w:r></w:ins><w:r><w:t>.</w:t></w:r></w:p>"#;
    let project = project_with_block(&docx(tracked, None));
    let output = build(&project);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(err.contains("probe.docx"), "{err}");
    assert!(err.contains("nachverfolgte Änderungen"), "{err}");
    assert!(err.contains("Absatz 1 „Die Frist endet 2027.“"), "{err}");
    let paragraphs = probe_paragraphs(&project);
    paragraph_with(&paragraphs, "Die Frist endet 2027.");
    assert!(!paragraphs.iter().any(|p| text_of(p).contains("2025")));

    // A Word 97-2003 file renamed to .docx, and a password-protected one (Office stores
    // those as a compound file holding the stream "EncryptedPackage").
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend(vec![0; 504]);
    let mut protected = doc.clone();
    protected.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let odt = {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        writer
            .start_file("mimetype", zip::write::SimpleFileOptions::default())
            .unwrap();
        writer
            .write_all(b"application/vnd.oasis.opendocument.text")
            .unwrap();
        writer.finish().unwrap().into_inner()
    };
    let bomb = {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        writer.start_file("word/document.xml", options).unwrap();
        writer.write_all(&vec![b' '; 4 * 1024 * 1024]).unwrap();
        writer.finish().unwrap().into_inner()
    };
    for (bytes, says) in [
        (doc, "Word-97–2003-Dokument (.doc)"),
        (protected, "mit einem Kennwort geschützt"),
        (odt, "OpenDocument-Text"),
        (bomb, "Zip-Bombe"),
        (b"Hallo".to_vec(), "kein Word-Dokument"),
    ] {
        let project = project_with_block(&bytes);
        let output = build(&project);
        let err = stderr(&output);
        assert!(!output.status.success(), "{says}: {err}");
        assert!(err.contains("probe.docx"), "{err}");
        assert!(err.contains(says), "{says}: {err}");
        assert!(!project.out("2026-11").exists(), "nothing half-written");
    }
}

#[test]
fn a_missing_block_takes_the_fallback_and_without_one_is_an_error() {
    let project = project_with_block(&docx(
        r#"<w:p><w:r><w:t>Allgemeiner Text.</w:t></w:r></w:p>"#,
        None,
    ));
    let briefing_file = project.path().join("templates/briefing.md.j2");
    let text = std::fs::read_to_string(&briefing_file).unwrap();
    std::fs::write(
        &briefing_file,
        text.replace(
            "{{ baustein(\"probe\") }}",
            "{{ baustein(\"konferenzen/XYZ\", ersatz=\"probe\") }}",
        ),
    )
    .unwrap();
    let output = build(&project);
    assert!(output.status.success(), "{}", stderr(&output));
    paragraph_with(&probe_paragraphs(&project), "Allgemeiner Text.");

    std::fs::write(
        &briefing_file,
        text.replace("{{ baustein(\"probe\") }}", "{{ baustein(\"fehlt\") }}"),
    )
    .unwrap();
    let output = build(&project);
    let err = stderr(&output);
    assert!(!output.status.success());
    assert!(err.contains("den Baustein „fehlt“ gibt es nicht"), "{err}");
    assert!(err.contains("vorhanden: probe"), "{err}");
}

/// The shipped example with its central messages, hints, guiding questions and talking points
/// as Word blocks (`docs/bausteine/`, made by LibreOffice from `docs/bausteine/quellen/` with
/// `scripts/bausteine.sh`) instead of the Markdown partials gives byte-identical documents.
#[test]
fn the_example_from_word_blocks_equals_the_example_from_markdown_partials() {
    let markdown = Project::shipped_example();
    let output = markdown.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));

    let word = Project::shipped_example();
    let templates = word.path().join("templates");
    for partial in [
        "hinweise",
        "zentrale_botschaften",
        "leitfragen",
        "konferenzen/IMK",
        "konferenzen/standard",
    ] {
        std::fs::remove_file(templates.join(format!("partials/{partial}.md.j2"))).unwrap();
        let block = format!("{partial}.docx");
        let target = templates.join("bausteine").join(&block);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(Path::new("docs/bausteine/bausteine").join(&block), target).unwrap();
    }
    std::fs::copy(
        "docs/bausteine/briefing.md.j2",
        templates.join("briefing.md.j2"),
    )
    .unwrap();
    let output = word.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        !stderr(&output).contains("bausteine"),
        "{}",
        stderr(&output)
    );

    let mut compared = 0;
    for entry in std::fs::read_dir(markdown.out("2026-11"))
        .unwrap()
        .flatten()
    {
        let name = entry.file_name();
        if !name.to_string_lossy().ends_with(".docx") {
            continue;
        }
        let before = std::fs::read(entry.path()).unwrap();
        let after = std::fs::read(word.out("2026-11").join(&name)).unwrap();
        assert!(before == after, "{name:?} differs");
        compared += 1;
    }
    assert_eq!(compared, 13);
}
