//! The package written from Markdown: its parts, their element order, determinism, ids
//! and the edge cases of the input.

use super::*;

#[test]
fn fixture_produces_complete_well_formed_package() {
    let bytes = markdown_to_docx(&fixture(), &meta(), &Design::default()).unwrap();
    if let Some(path) = std::env::var_os("DOCX_FIXTURE_OUT") {
        std::fs::write(path, &bytes).unwrap();
    }
    let (names, parts) = unzip(&bytes);
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "word/settings.xml",
            "word/fontTable.xml",
            "word/theme/theme1.xml",
            "word/numbering.xml",
            "word/footnotes.xml",
            "word/_rels/footnotes.xml.rels",
            "word/header1.xml",
            "word/footer1.xml",
            "word/header2.xml",
            "word/footer2.xml",
        ]
    );
    let mut elements = BTreeMap::new();
    for (name, xml) in &parts {
        elements.insert(name.clone(), well_formed(name, xml));
    }

    let doc = &parts["word/document.xml"];
    let doc_el = &elements["word/document.xml"];
    for h in 1..=4 {
        assert!(
            doc.contains(&format!(r#"<w:pStyle w:val="Heading{h}"/>"#)),
            "Heading{h}"
        );
    }
    assert_eq!(count(doc, r#"<w:pStyle w:val="Heading1"/>"#), 2);
    // Text and escaping
    assert!(doc.contains("Umlaute: ä ö ü Ä Ö Ü ß, „deutsche Anführungszeichen“ – Gedankenstrich."));
    assert!(doc.contains("5 &lt; 7 &amp; 8 &gt; 3, &quot;gerade&quot;"));
    assert!(doc.contains("&lt;span class=&quot;x&quot;&gt;Spanne&lt;/span&gt;"));
    assert!(doc.contains("entfernten Steuerzeichen: abcd."));
    assert!(!doc.contains('\u{7}') && !doc.contains('\u{1}') && !doc.contains('\u{FFFF}'));
    assert!(doc.contains(r#"<w:t xml:space="preserve"> Textstellen, </w:t>"#));
    // Formatting: bold, italic, strike, code
    assert!(doc.contains("<w:rPr><w:b/></w:rPr><w:t>fettgedruckte</w:t>"));
    assert!(doc.contains("<w:rPr><w:i/></w:rPr><w:t>kursive</w:t>"));
    assert!(doc.contains("<w:rPr><w:b/><w:i/></w:rPr><w:t>beides</w:t>"));
    assert!(doc.contains("<w:strike/>"));
    assert!(doc.contains(r#"<w:rFonts w:ascii="Courier New""#));
    // Line breaks: hard break + three <br> variants + table cell + code block line
    assert!(count(doc, "<w:br/>") >= 5, "{}", count(doc, "<w:br/>"));
    assert_eq!(count(doc, r#"<w:br w:type="page"/>"#), 1);
    assert!(!doc.contains("newpage"));
    // Lists: ilvl before numId, nested levels, ordered lists restart
    assert!(doc.contains(r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>"#));
    assert!(doc.contains(r#"<w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr>"#));
    assert!(doc.contains(r#"<w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr>"#));
    assert!(
        doc.contains(r#"<w:ind w:left="360"/>"#),
        "list continuation paragraph"
    );
    let numbering = &parts["word/numbering.xml"];
    assert_eq!(count(numbering, "<w:abstractNum "), 2);
    assert_eq!(count(numbering, "<w:lvl "), 18);
    assert_eq!(count(numbering, "<w:num "), 5);
    assert!(numbering.contains(
        r#"<w:num w:numId="5"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>"#
    ));
    // Table: header row repeats, shading, bold header, widths not all equal, empty cell has w:p
    assert_eq!(count(doc, "<w:tbl>"), 2);
    assert!(doc.contains("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"));
    assert_eq!(count(doc, "<w:tblHeader/>"), 2);
    assert_eq!(count(doc, r#"w:fill="D9E2F3""#), 4 + 6);
    assert!(doc.contains(
        r#"<w:rPr><w:b/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr><w:t>Gremium</w:t>"#
    ));
    assert!(doc.contains(r#"<w:jc w:val="right"/>"#) && doc.contains(r#"<w:jc w:val="center"/>"#));
    let grid: Vec<u32> = doc
        .split("<w:gridCol w:w=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect();
    assert_eq!(grid.len(), 4 + 6);
    assert_eq!(grid[..4].iter().sum::<u32>(), 9072);
    assert!(grid[3] > grid[0] && grid[0] != grid[2], "{grid:?}");
    // The table in the landscape section spans the landscape text width.
    assert_eq!(grid[4..].iter().sum::<u32>(), 16838 - 2 * 1417);
    assert!(doc.contains(r#"<w:tblW w:w="14004" w:type="dxa"/>"#));
    // An empty cell (of the third of four rows: a short table's rows keep together).
    assert!(doc.contains("</w:tcPr><w:p><w:pPr><w:keepNext/><w:spacing w:before=\"40\" w:after=\"40\"/><w:jc w:val=\"right\"/></w:pPr></w:p></w:tc>"));
    // Hyperlinks: two distinct allowed URLs in document (one repeated), plus the autolink
    let rels = &parts["word/_rels/document.xml.rels"];
    // (rId9/rId10 are the landscape header and footer: links start at rId11)
    assert_eq!(count(doc, "<w:hyperlink "), 5);
    assert!(doc.contains(r#"<w:hyperlink r:id="rId11" w:history="1">"#));
    assert_eq!(count(doc, r#"r:id="rId11""#), 2);
    assert!(rels.contains(r#"Id="rId11" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.it-planungsrat.de" TargetMode="External""#));
    assert!(
        rels.contains(r#"Id="rId12""#)
            && rels.contains("mailto:geschaeftsstelle@it-planungsrat.de")
    );
    assert!(rels.contains(r#"Id="rId13""#) && rels.contains("https://www.fitko.de/"));
    assert!(rels.contains(r#"Id="rId14""#) && rels.contains("mailto:erika.mustermann@example.org"));
    assert!(!rels.contains("rId15"));
    assert!(!rels.contains("javascript") && !rels.contains("file:"));
    assert!(doc.contains("Ein unsicherer Link und ein lokaler Pfad bleiben reiner Text."));
    // Footnotes resolve: references 1 and 2 exist in footnotes.xml
    assert!(doc.contains(r#"<w:footnoteReference w:id="1"/>"#));
    assert!(doc.contains(r#"<w:footnoteReference w:id="2"/>"#));
    let notes = &parts["word/footnotes.xml"];
    assert!(notes.contains(r#"<w:footnote w:type="separator" w:id="-1">"#));
    assert!(notes.contains(r#"<w:footnote w:type="continuationSeparator" w:id="0">"#));
    assert!(notes.contains(r#"<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/><w:widowControl/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>"#));
    assert!(notes.contains("Beschluss 2026/17") && notes.contains("Mit 16 Stimmen."));
    let notes_rels = &parts["word/_rels/footnotes.xml.rels"];
    assert!(notes_rels.contains(r#"Id="rId1""#) && notes_rels.contains("beschluesse"));
    assert!(
        parts["word/settings.xml"].contains(
            r#"<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>"#
        )
    );
    // Quote, code block, rule
    assert!(doc.contains(r#"<w:pStyle w:val="Quote"/>"#));
    assert!(doc.contains(r#"<w:pStyle w:val="SourceCode"/>"#));
    assert!(doc.contains(r#"<w:t xml:space="preserve">  eingerückte Zeile 2</w:t>"#));
    assert!(doc.contains("<w:pBdr><w:bottom "));
    // sectPr: header/footer references first, A4 portrait, 2.5 cm margins, last in body
    assert!(doc.contains(r#"<w:sectPr><w:headerReference w:type="default" r:id="rId7"/><w:footerReference w:type="default" r:id="rId8"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417""#));
    assert!(doc.ends_with("</w:sectPr></w:body></w:document>"));
    // Sections: portrait, then landscape (\querformat), then portrait again (\hochformat).
    // Each but the last ends with a paragraph carrying its sectPr; the markers leave no text.
    assert_eq!(count(doc, "<w:sectPr>"), 3);
    assert_eq!(count(doc, "<w:p><w:pPr><w:sectPr>"), 2);
    assert!(doc.contains(r#"<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rId9"/><w:footerReference w:type="default" r:id="rId10"/><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#));
    let last_sect = &doc[doc.rfind("<w:sectPr>").unwrap()..];
    assert!(last_sect.contains(r#"r:id="rId7""#) && !last_sect.contains("landscape"));
    assert!(!doc.contains("querformat") && !doc.contains("hochformat"));
    assert!(rels.contains(r#"Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml""#));
    assert!(rels.contains(r#"Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml""#));
    // Each orientation's header and footer has its right tab at its own right margin.
    for (part, width) in [
        ("word/header1.xml", 9072),
        ("word/footer1.xml", 9072),
        ("word/header2.xml", 14004),
        ("word/footer2.xml", 14004),
    ] {
        assert!(
            parts[part].contains(&format!(r#"<w:tab w:val="right" w:pos="{width}"/>"#)),
            "{part}"
        );
    }
    assert!(parts["word/footer2.xml"].contains(" NUMPAGES "));
    assert!(parts["word/header2.xml"].contains("Stand: 28.11.2026"));
    assert_eq!(doc_el.last().map(String::as_str), Some("w:docGrid"));
    assert!(rels.contains(r#"Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml""#));
    // Header and footer
    let header = &parts["word/header1.xml"];
    assert!(header.contains("<w:t>Briefing für Staatssekretärin Müller</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>Stand: 28.11.2026</w:t>"));
    let footer = &parts["word/footer1.xml"];
    assert!(footer.contains("IT-Planungsrat – VS-NfD"));
    assert!(footer.contains(r#"<w:instrText xml:space="preserve"> PAGE </w:instrText>"#));
    assert!(footer.contains(r#"<w:instrText xml:space="preserve"> NUMPAGES </w:instrText>"#));
    assert!(footer.contains("<w:t xml:space=\"preserve\">Seite </w:t>"));
    // Core properties
    let core = &parts["docProps/core.xml"];
    assert!(core.contains("<dc:creator>Geschäftsstelle &lt;IT-PLR&gt; &amp; Co</dc:creator>"));
    assert!(core.contains(
        "<cp:lastModifiedBy>Geschäftsstelle &lt;IT-PLR&gt; &amp; Co</cp:lastModifiedBy>"
    ));
    assert!(core.contains(
        r#"<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-28T00:00:00Z</dcterms:created>"#
    ));
    assert!(core.contains(
        r#"<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-28T00:00:00Z</dcterms:modified>"#
    ));
    assert!(core.contains("<dc:language>de-DE</dc:language>"));
    // Styles: built-in ids and names, German, Arial
    let styles = &parts["word/styles.xml"];
    for (id, name) in [
        ("Normal", "Normal"),
        ("Title", "Title"),
        ("Subtitle", "Subtitle"),
        ("Heading1", "heading 1"),
        ("Heading4", "heading 4"),
        ("Hyperlink", "Hyperlink"),
        ("ListParagraph", "List Paragraph"),
        ("Header", "header"),
        ("Footer", "footer"),
        ("TableGrid", "Table Grid"),
        ("FootnoteText", "footnote text"),
        ("FootnoteReference", "footnote reference"),
        ("Quote", "Quote"),
    ] {
        assert!(
            styles.contains(&format!(r#"w:styleId="{id}"><w:name w:val="{name}"/>"#)),
            "style {id}"
        );
    }
    assert!(styles.contains(r#"<w:lang w:val="de-DE""#));
    assert!(styles.contains(r#"<w:rFonts w:ascii="Arial""#));
    assert!(parts["word/settings.xml"].contains(r#"<w:themeFontLang w:val="de-DE""#));
    // Every part referenced in the content types exists.
    let ct = &parts["[Content_Types].xml"];
    for name in names
        .iter()
        .filter(|n| !n.ends_with(".rels") && !n.starts_with('['))
    {
        assert!(
            ct.contains(&format!("PartName=\"/{name}\"")),
            "{name} has no content type"
        );
    }
}

#[test]
fn pproperties_follow_schema_order() {
    // In every pPr of document.xml, pStyle comes first and numPr before ind/spacing/jc;
    // in rPr, rStyle/rFonts before b/i and sz before vertAlign.
    let bytes = markdown_to_docx(&fixture(), &meta(), &Design::default()).unwrap();
    let (_, parts) = unzip(&bytes);
    let order_ppr = [
        "w:pStyle",
        "w:keepNext",
        "w:numPr",
        "w:pBdr",
        "w:spacing",
        "w:ind",
        "w:jc",
    ];
    let order_rpr = [
        "w:rStyle",
        "w:rFonts",
        "w:b",
        "w:i",
        "w:strike",
        "w:sz",
        "w:szCs",
        "w:vertAlign",
    ];
    for part in ["word/document.xml", "word/footnotes.xml"] {
        let xml = &parts[part];
        for (open, close, order) in [
            ("<w:pPr>", "</w:pPr>", &order_ppr[..]),
            ("<w:rPr>", "</w:rPr>", &order_rpr[..]),
        ] {
            for chunk in xml.split(open).skip(1) {
                let inner = &chunk[..chunk.find(close).unwrap()];
                let names: Vec<String> = well_formed(part, &format!("<x>{inner}</x>"))
                    .into_iter()
                    .filter(|n| order.contains(&n.as_str()))
                    .collect();
                let positions: Vec<usize> = names
                    .iter()
                    .map(|n| order.iter().position(|o| o == n).unwrap())
                    .collect();
                assert!(positions.windows(2).all(|w| w[0] < w[1]), "{part}: {inner}");
            }
        }
    }
}

#[test]
fn output_is_deterministic_across_calls_and_threads() {
    let md = fixture();
    let first = markdown_to_docx(&md, &meta(), &Design::default()).unwrap();
    let second = markdown_to_docx(&md, &meta(), &Design::default()).unwrap();
    assert_eq!(first, second);
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let md = md.clone();
            std::thread::spawn(move || markdown_to_docx(&md, &meta(), &Design::default()).unwrap())
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), first);
    }
    // One design shared by threads that race to deflate its fixed parts on first use.
    let shared = Design::from_reference(&german_reference()).unwrap();
    let fresh = markdown_to_docx(
        &md,
        &meta(),
        &Design::from_reference(&german_reference()).unwrap(),
    )
    .unwrap();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| scope.spawn(|| markdown_to_docx(&md, &meta(), &shared).unwrap()))
            .collect();
        for h in handles {
            assert!(h.join().unwrap() == fresh);
        }
    });
    // A different date changes the bytes (the date really is in the file).
    let mut other = meta();
    other.date = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    assert_ne!(
        markdown_to_docx(&md, &other, &Design::default()).unwrap(),
        first
    );
}

#[test]
fn hyperlink_ids_are_per_document() {
    let a = markdown_to_docx("[a](https://a.de)", &meta(), &Design::default()).unwrap();
    let _ = markdown_to_docx(
        "[x](https://x.de) [y](https://y.de)",
        &meta(),
        &Design::default(),
    )
    .unwrap();
    let b = markdown_to_docx("[a](https://a.de)", &meta(), &Design::default()).unwrap();
    assert_eq!(a, b);
    let (_, parts) = unzip(&a);
    assert!(parts["word/document.xml"].contains(r#"<w:hyperlink r:id="rId9""#));
}

#[test]
fn images_are_rejected_with_a_plain_message() {
    let err =
        markdown_to_docx("Text ![Logo](bilder/logo.png)", &meta(), &Design::default()).unwrap_err();
    assert!(matches!(err, DocxError::ImageNotSupported(_)));
    assert!(
        err.to_string()
            .contains("Bilder sind in Word-Briefings nicht möglich")
    );
    assert!(err.to_string().contains("bilder/logo.png"));
}

#[test]
fn minimal_document_without_footnotes_or_links() {
    let bytes = markdown_to_docx("", &meta(), &Design::default()).unwrap();
    let (names, parts) = unzip(&bytes);
    assert!(!names.iter().any(|n| n == "word/_rels/footnotes.xml.rels"));
    for (name, xml) in &parts {
        well_formed(name, xml);
    }
    assert!(!parts["word/_rels/document.xml.rels"].contains("hyperlink"));
    // A table at the very end is followed by a paragraph.
    let bytes = markdown_to_docx("| a |\n|---|\n| |\n", &meta(), &Design::default()).unwrap();
    let (_, parts) = unzip(&bytes);
    assert!(parts["word/document.xml"].contains("</w:tbl><w:p/><w:sectPr>"));
}

#[test]
fn edge_cases_stay_well_formed() {
    let md = include_str!("../testdata/edge.md");
    let bytes = markdown_to_docx(md, &meta(), &Design::default()).unwrap();
    if let Some(path) = std::env::var_os("DOCX_EDGE_OUT") {
        std::fs::write(path, &bytes).unwrap();
    }
    let (_, parts) = unzip(&bytes);
    for (name, xml) in &parts {
        well_formed(name, xml);
    }
    let doc = &parts["word/document.xml"];
    // Heading 6 maps to Heading4; list depth beyond 9 levels stays at ilvl 8.
    assert!(doc.contains(r#"<w:pStyle w:val="Heading4"/>"#));
    assert!(doc.contains(r#"<w:ilvl w:val="8"/>"#));
    assert!(!doc.contains(r#"<w:ilvl w:val="9"/>"#));
    // Raw HTML block text is kept, escaped.
    assert!(doc.contains("&lt;div class=&quot;hinweis&quot;&gt;"));
    assert!(doc.contains("&lt;!-- Kommentar --&gt;"));
    // Footnote reference inside a table cell, hyperlink inside a table cell.
    assert!(doc.contains(r#"<w:footnoteReference w:id="1"/>"#));
    assert!(parts["word/_rels/document.xml.rels"].contains("https://tab.example"));
    // Email autolink gets mailto:, ftp stays text.
    assert!(parts["word/_rels/document.xml.rels"].contains("mailto:info@example.org"));
    assert!(!parts["word/_rels/document.xml.rels"].contains("ftp:"));
    // Tabs become w:tab.
    assert!(doc.contains("<w:t>Tab</w:t><w:tab/>"));
    // Two adjacent tables are separated by a paragraph.
    assert!(doc.contains("</w:tbl><w:p/><w:tbl>"));
    assert!(
        doc.contains(
            r#"</w:tbl><w:p><w:pPr><w:keepNext/><w:widowControl/><w:spacing w:before="160"/></w:pPr><w:r><w:t>Tab</w:t>"#
        )
    );
    let notes = &parts["word/footnotes.xml"];
    assert!(notes.contains("<w:tbl>") && notes.contains("<w:numPr>"));
}

/// document.xml of `markdown` with the built-in design.
fn body_of(markdown: &str) -> String {
    let bytes = markdown_to_docx(markdown, &meta(), &Design::default()).unwrap();
    unzip(&bytes).1["word/document.xml"].clone()
}

#[test]
fn a_short_opening_joins_the_first_section_instead_of_a_page_of_its_own() {
    let short =
        body_of("# Titel\n\nUntertitel\n\n\\querformat\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    // One section, landscape from the first page.
    assert_eq!(count(&short, "<w:sectPr>"), 1);
    assert!(short.contains(r#"w:orient="landscape""#));
    // A longer opening keeps its portrait page.
    let long_text = "Ein Satz mit einigen Wörtern darin. ".repeat(120);
    let long = body_of(&format!(
        "# Titel\n\n{long_text}\n\n\\querformat\n\n| a |\n|---|\n| 1 |\n"
    ));
    assert_eq!(count(&long, "<w:sectPr>"), 2);
    let first = &long[..long.find("<w:sectPr>").unwrap()];
    assert!(first.contains("Ein Satz") && !first.contains("<w:tbl>"));
}

#[test]
fn a_short_tail_after_a_sections_last_table_moves_into_the_next_section() {
    let md = "Text\n\n\\querformat\n\n| a |\n|---|\n| 1 |\n\n## Kurz danach\n\n- ein Punkt\n\n\\hochformat\n\n## Hoch\n";
    let doc = body_of(md);
    let break_at = doc.find("<w:sectPr>").unwrap();
    // The landscape section ends right after its table; the tail starts the portrait one.
    assert!(doc[..break_at].contains("<w:tbl>"));
    assert!(!doc[..break_at].contains("Kurz danach"));
    assert!(doc[break_at..].contains("Kurz danach"));
    assert!(doc[break_at..doc.find("Kurz danach").unwrap()].contains(r#"w:orient="landscape""#));
}

#[test]
fn an_emphasis_line_after_a_heading_keeps_with_the_next_paragraph() {
    let doc = body_of(&format!(
        "### Beschluss 1\n\n*Sitzung vom 1. Mai*\n\nText.\n\n*Kursiv ohne Überschrift*\n\n{}\n",
        // Long: a short last paragraph would hold the one before it (flow.rs).
        "Ein langer Schlussabsatz. ".repeat(10)
    ));
    let paragraphs: Vec<&str> = doc.split("<w:p>").skip(1).collect();
    assert!(paragraphs[0].contains("<w:keepNext/>"), "heading");
    assert!(paragraphs[1].contains("<w:keepNext/>"), "session line");
    assert!(!paragraphs[2].contains("<w:keepNext/>"));
    assert!(
        !paragraphs[3].contains("<w:keepNext/>"),
        "emphasis not after a heading"
    );
}

/// The w:sz values of the runs in the tables of `doc`.
fn table_sizes(doc: &str) -> Vec<u32> {
    let mut sizes: Vec<u32> = doc
        .split("<w:tbl>")
        .skip(1)
        .flat_map(|t| {
            t[..t.find("</w:tbl>").unwrap()]
                .split(r#"<w:sz w:val=""#)
                .skip(1)
        })
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect();
    sizes.sort_unstable();
    sizes.dedup();
    sizes
}

#[test]
fn all_tables_of_a_document_share_one_font_size() {
    // Contacts and meetings: both in the design's 10 pt, written in every run.
    let contacts = "| Name | Funktion | Telefon | E-Mail |\n|---|---|---|---|\n| Andreas Brunner | Referent | 089 2306-2417 | andreas.brunner@example.org |\n";
    let meetings = "| Datum | Sitzung |\n|---|---|\n| 03.12.2026 | Sitzung |\n";
    let doc = body_of(&format!("{contacts}\nText\n\n{meetings}"));
    assert_eq!(table_sizes(&doc), vec![TABLE_HALF_POINTS]);
    // A table whose longest words do not fit at 10 pt makes every table of the document
    // smaller, never one alone; each column still holds its longest word.
    let long = "Digitalministerkonferenzgeschäftsstelle";
    let wide = format!(
        "| A | B | C | D | E |\n|---|---|---|---|---|\n| {long} | {long} | {long} | Ministerpräsidentenkonferenz | andreas.brunner@example.org |\n"
    );
    let doc = body_of(&format!("{meetings}\nText\n\n{wide}"));
    let sizes = table_sizes(&doc);
    assert_eq!(sizes.len(), 1, "{sizes:?}");
    assert!(sizes[0] < TABLE_HALF_POINTS && sizes[0] >= 16, "{sizes:?}");
}

#[test]
fn the_table_size_comes_from_the_reference_table_style() {
    let design = Design::from_reference(&reference_with_table_size(24)).unwrap();
    let bytes = markdown_to_docx("| a | b |\n|---|---|\n| 1 | 2 |\n", &meta(), &design).unwrap();
    let doc = unzip(&bytes).1["word/document.xml"].clone();
    assert_eq!(table_sizes(&doc), vec![24]);
}
