//! The package's structure: the checker, the zip container, openxml-audit, refused links.

use super::*;

#[test]
fn checker_finds_broken_packages() {
    let bytes = markdown_to_docx(&fixture(), &meta(), &Design::default()).unwrap();
    assert_eq!(check_package(&bytes), Vec::<String>::new());
    let (names, parts) = unzip(&bytes);
    // Drop the footnotes part and break the header's XML.
    let mut entries: Vec<(&str, Vec<u8>)> = Vec::new();
    for name in &names {
        match name.as_str() {
            "word/footnotes.xml" => {}
            "word/header1.xml" => entries.push((name, b"<w:hdr>".to_vec())),
            _ => entries.push((name, parts[name].clone().into_bytes())),
        }
    }
    let refs: Vec<(&str, &[u8])> = entries.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let problems = check_package(&package::zip_files(&refs).unwrap());
    let all = problems.join("\n");
    assert!(
        all.contains("word/header1.xml: is not well-formed XML"),
        "{all}"
    );
    assert!(
        all.contains("points at footnotes.xml, which does not exist"),
        "{all}"
    );
    assert!(
        all.contains("footnote reference 1 has no footnote"),
        "{all}"
    );
    assert!(
        all.contains("Override for /word/footnotes.xml, which does not exist"),
        "{all}"
    );
    assert_eq!(check_package(b"no zip").len(), 1);
}

/// Schema validation with the external validator (`pip install openxml-audit`).
/// Not part of the default run because it needs the tool: `cargo test -- --ignored`.
#[test]
#[ignore = "needs openxml-audit on PATH"]
fn fixture_validates_with_openxml_audit() {
    let dir = tempfile::tempdir().unwrap();
    for (name, md) in [
        ("fixture", fixture()),
        ("edge", include_str!("../testdata/edge.md").to_string()),
    ] {
        let path = dir.path().join(format!("{name}.docx"));
        std::fs::write(
            &path,
            markdown_to_docx(&md, &meta(), &Design::default()).unwrap(),
        )
        .unwrap();
        let out = std::process::Command::new("openxml-audit")
            .args(["-f", "office2016", "-m", "0"])
            .arg(&path)
            .output()
            .expect("openxml-audit not found on PATH");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("Errors: 0"), "{name}: {stdout}");
    }
}

#[test]
fn zipped_package_holds_exactly_its_parts() {
    // Fixed parts are copied into the zip already deflated; what comes out must be the parts
    // in their order, the logo's relationships under both header names.
    let design = Design::from_reference(&german_reference())
        .unwrap()
        .with_logo(LOGO)
        .unwrap();
    for design in [Design::default(), design] {
        let package =
            markdown_to_package("a[^1]\n\n\\querformat\n\n[^1]: b", &meta(), &design).unwrap();
        let bytes = package.zip().unwrap();
        // The list the deflate floor uses names every part the writer shares.
        for part in &package.parts {
            if let Part::Fixed(name, _) = part {
                assert!(SHARED_PARTS.contains(name), "{name}");
            }
        }
        // Copying the fixed parts raw gives the same bytes as deflating every part afresh
        // (the manifest's checksums rest on that).
        let parts: Vec<(&str, &[u8])> = package.parts().collect();
        assert!(bytes == package::zip_files(&parts).unwrap());
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let expected: Vec<(&str, &[u8])> = package.parts().collect();
        assert_eq!(archive.len(), expected.len());
        for (index, (name, content)) in expected.into_iter().enumerate() {
            let mut file = archive.by_index(index).unwrap();
            let mut unpacked = Vec::new();
            file.read_to_end(&mut unpacked).unwrap();
            assert_eq!(file.name().unwrap(), name);
            assert!(unpacked == content, "{name} differs");
        }
    }
}

#[test]
fn refused_links_are_listed_wherever_they_are() {
    let design = Design::default();
    let refused = |markdown: &str| {
        markdown_to_package(markdown, &meta(), &design)
            .unwrap()
            .refused_links()
            .to_vec()
    };
    let fine = "[a](https://example.org) [b](http://x.de) [c](mailto:a@b.de) <d@e.de> \
                <https://example.org/x> [^1]\n\n[^1]: Fußnote";
    assert_eq!(refused(fine), Vec::<String>::new());
    for (markdown, link) in [
        ("[x](javascript:alert(1))", "javascript:alert(1)"),
        ("[x](file:///etc/passwd)", "file:///etc/passwd"),
        ("[x](#anker)", "#anker"),
        ("[x](relativ.docx)", "relativ.docx"),
        ("<ftp://example.org>", "ftp://example.org"),
        ("[x][r]\n\n[r]: vbscript:x", "vbscript:x"),
        (
            "| a |\n| - |\n| [x](data:text/html,y) |",
            "data:text/html,y",
        ),
        ("a[^1]\n\n[^1]: [x](file:///c:/geheim)", "file:///c:/geheim"),
        ("[^u]: [x](smb://server/freigabe)", "smb://server/freigabe"),
        ("- [x](https://ok.de)\n  - [y](ssh://host)", "ssh://host"),
    ] {
        assert_eq!(refused(markdown), vec![link.to_string()], "{markdown}");
    }
}
