//! Designs: a reference document's styles by their built-in names, unusable reference
//! documents and logos, the logo in every header.

use super::*;

#[test]
fn reference_styles_are_used_by_their_built_in_names() {
    let design = Design::from_reference(&german_reference()).unwrap();
    let md = "# Titel\n\nText\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> Zitat\n";
    let bytes = markdown_to_docx(md, &meta(), &design).unwrap();
    assert_eq!(check_package(&bytes), Vec::<String>::new());
    let (_, parts) = unzip(&bytes);
    let doc = &parts["word/document.xml"];
    assert!(doc.contains(r#"<w:pStyle w:val="berschrift1"/>"#), "{doc}");
    assert!(doc.contains(r#"<w:tblStyle w:val="Tabellenraster"/>"#));
    assert!(!doc.contains(r#"w:val="Heading1""#));
    assert!(parts["word/header1.xml"].contains(r#"<w:pStyle w:val="Kopfzeile"/>"#));
    let styles = &parts["word/styles.xml"];
    // The reference's own styles, untouched.
    assert!(
        styles.contains(
            r#"<w:rFonts w:ascii="Georgia" w:hAnsi="Georgia"/><w:color w:val="C00000"/>"#
        )
    );
    assert!(styles.contains(r#"<w:rFonts w:ascii="Verdana" w:hAnsi="Verdana"/>"#));
    // Missing styles added from the built-in set, based on the reference's Normal, and no
    // second default paragraph style.
    assert!(
        styles
            .contains(r#"w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Standard"/>"#)
    );
    assert!(styles.contains(r#"w:styleId="FootnoteText""#));
    assert!(!styles.contains(r#"w:styleId="Heading1""#));
    assert!(!styles.contains(r#"w:styleId="Normal""#));
    assert_eq!(count(styles, r#"w:type="paragraph" w:default="1""#), 1);
    assert_eq!(count(styles, r#"w:type="character" w:default="1""#), 1);
    assert!(parts["word/theme/theme1.xml"].contains(r#"name="Amt""#));
    // Without a font table in the reference, the built-in one stays.
    assert!(parts["word/fontTable.xml"].contains(r#"w:name="Arial""#));
}

#[test]
fn unusable_designs_are_plain_errors() {
    let message = |r: Result<Design, DocxError>| r.unwrap_err().to_string();
    assert_eq!(
        message(Design::from_reference(b"kein Word")),
        "kein Word-Dokument (.docx): die Datei lässt sich nicht als Zip-Archiv öffnen"
    );
    let no_styles = package::zip_files(&[("word/document.xml", b"<x/>".as_slice())]).unwrap();
    assert!(
        message(Design::from_reference(&no_styles))
            .starts_with("enthält keine Formatvorlagen (word/styles.xml fehlt)")
    );
    let broken = package::zip_files(&[("word/styles.xml", b"<w:styles>".as_slice())]).unwrap();
    assert!(
        message(Design::from_reference(&broken))
            .starts_with("die Formatvorlagen (word/styles.xml) sind kein gültiges XML"),
        "{}",
        message(Design::from_reference(&broken))
    );
    let foreign = package::zip_files(&[("word/styles.xml", b"<styles/>".as_slice())]).unwrap();
    assert!(
        message(Design::from_reference(&foreign))
            .contains("erwartet wird das Wurzelelement w:styles")
    );
    assert_eq!(
        message(Design::default().with_logo(b"GIF89a....")),
        "kein PNG-Bild (die Datei beginnt nicht mit der PNG-Kennung)"
    );
    assert!(message(Design::default().with_logo(b"\x89PNG\r\n\x1a\n")).contains("IHDR"));
}

#[test]
fn logo_is_an_inline_picture_in_every_header() {
    let design = Design::default().with_logo(LOGO).unwrap();
    let bytes = markdown_to_docx("a\n\n\\querformat\n\nb", &meta(), &design).unwrap();
    assert_eq!(check_package(&bytes), Vec::<String>::new());
    let (names, parts) = unzip(&bytes);
    assert!(names.iter().any(|n| n == "word/media/logo.png"));
    assert!(
        parts["[Content_Types].xml"]
            .contains(r#"<Default Extension="png" ContentType="image/png"/>"#)
    );
    for (header, id) in [("word/header1.xml", 1), ("word/header2.xml", 2)] {
        let xml = &parts[header];
        // 360 x 120 px: 1.2 cm high, aspect ratio kept.
        assert!(
            xml.contains(r#"<wp:extent cx="1296000" cy="432000"/>"#),
            "{xml}"
        );
        assert!(xml.contains(r#"<a:blip r:embed="rId1"/>"#));
        assert!(xml.contains(&format!(r#"<wp:docPr id="{id}" name="Logo"/>"#)));
        let rels = &parts[&header
            .replace("word/", "word/_rels/")
            .replace(".xml", ".xml.rels")];
        assert!(rels.contains(r#"Target="media/logo.png""#));
    }
}
