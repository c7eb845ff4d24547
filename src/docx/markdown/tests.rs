use super::*;

fn text(t: &str) -> Inline {
    Inline::Text {
        text: t.into(),
        style: RunStyle::default(),
    }
}

#[test]
fn br_variants_split() {
    assert_eq!(
        split_br("a<br>b<BR/>c<br />d<bra>"),
        vec![
            HtmlPiece::Text("a"),
            HtmlPiece::Br,
            HtmlPiece::Text("b"),
            HtmlPiece::Br,
            HtmlPiece::Text("c"),
            HtmlPiece::Br,
            HtmlPiece::Text("d<bra>"),
        ]
    );
}

#[test]
fn disallowed_link_becomes_plain_text() {
    let doc = parse("[klick](javascript:alert(1)) und [web](https://x.de)").unwrap();
    let Block::Para(p) = &doc.blocks[0] else {
        panic!("paragraph expected")
    };
    assert_eq!(p.inlines[0], text("klick und "));
    assert!(matches!(&p.inlines[1], Inline::Link { url, .. } if url == "https://x.de"));
    assert_eq!(p.inlines.len(), 2);
}

#[test]
fn ordered_lists_get_own_numbering_instances() {
    let doc = parse("1. a\n2. b\n\nText\n\n3. c\n   1. d\n\n- x\n- y\n").unwrap();
    assert_eq!(
        doc.ordered_lists,
        vec![
            OrderedList {
                num_id: 2,
                level: 0,
                start: 1
            },
            OrderedList {
                num_id: 3,
                level: 0,
                start: 3
            },
            OrderedList {
                num_id: 4,
                level: 1,
                start: 1
            },
        ]
    );
    let kinds: Vec<ParaKind> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some(p.kind),
            _ => None,
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            ParaKind::ListItem {
                num_id: 2,
                level: 0
            },
            ParaKind::ListItem {
                num_id: 2,
                level: 0
            },
            ParaKind::Normal,
            ParaKind::ListItem {
                num_id: 3,
                level: 0
            },
            ParaKind::ListItem {
                num_id: 4,
                level: 1
            },
            ParaKind::ListItem {
                num_id: BULLET_NUM_ID,
                level: 0
            },
            ParaKind::ListItem {
                num_id: BULLET_NUM_ID,
                level: 0
            },
        ]
    );
}

#[test]
fn footnotes_resolve_in_reference_order() {
    let doc = parse("A[^b] B[^a] C[^b] D[^fehlt]\n\n[^a]: Erste.\n[^b]: Zweite.\n").unwrap();
    let Block::Para(p) = &doc.blocks[0] else {
        panic!("paragraph expected")
    };
    let refs: Vec<&Inline> = p
        .inlines
        .iter()
        .filter(|i| !matches!(i, Inline::Text { .. }))
        .collect();
    assert_eq!(
        refs,
        vec![
            &Inline::FootnoteRef(1),
            &Inline::FootnoteRef(2),
            &Inline::FootnoteRef(1)
        ]
    );
    assert!(p.inlines.contains(&text(" D[^fehlt]")) || p.inlines.contains(&text("[^fehlt]")));
    assert_eq!(doc.footnotes.len(), 2);
    let Block::Para(f1) = &doc.footnotes[0][0] else {
        panic!("paragraph expected")
    };
    assert_eq!(f1.inlines, vec![text("Zweite.")]);
}

#[test]
fn table_cells_and_breaks() {
    let doc = parse("| A | B |\n|---|--:|\n| x<br>y | |\n").unwrap();
    let Block::Table(t) = &doc.blocks[0] else {
        panic!("table expected")
    };
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[1][0], vec![text("x"), Inline::Break, text("y")]);
    assert!(t.rows[1][1].is_empty());
    assert_eq!(t.aligns[1], Alignment::Right);
}

#[test]
fn section_markers() {
    let doc = parse(
        "\\querformat\n\na\n\n\\querformat\n\n\\newpage\n\n\\hochformat\n\n\\newpage\n\nb\n\n\\newpage\n\n\\querformat\n\nc\n\n- \\hochformat\n",
    )
    .unwrap();
    let kinds: Vec<String> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Para(p) => format!("{:?}", p.inlines),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            "Section(Landscape)".to_string(),
            format!("{:?}", vec![text("a")]),
            // The second \querformat changes nothing; the page break before a section
            // and the one right after it would only make empty pages.
            "Section(Portrait)".to_string(),
            format!("{:?}", vec![text("b")]),
            "Section(Landscape)".to_string(),
            format!("{:?}", vec![text("c")]),
            // Inside a list the marker is text.
            format!("{:?}", vec![text("\\hochformat")]),
        ]
    );
    assert!(doc.has_landscape());
}

#[test]
fn page_break_and_image() {
    let doc = parse("a\n\n\\newpage\n\nb").unwrap();
    assert_eq!(doc.blocks[1], Block::PageBreak);
    let err = parse("![Logo](logo.png)").unwrap_err();
    assert!(err.to_string().contains("logo.png"));
}

#[test]
fn very_deep_nesting_does_not_overflow() {
    let mut md = String::new();
    for depth in 0..300 {
        md.push_str(&" ".repeat(depth * 3));
        md.push_str("1. x\n");
    }
    let doc = parse(&md).unwrap();
    assert!(doc.ordered_lists.iter().all(|l| l.level <= MAX_LEVEL));
    assert!(doc.ordered_lists.iter().any(|l| l.level == MAX_LEVEL));
    assert!(doc.blocks.iter().all(|b| match b {
        Block::Para(Para {
            kind: ParaKind::ListItem { level, .. },
            ..
        }) => *level <= MAX_LEVEL,
        _ => true,
    }));
}

#[test]
fn other_html_is_kept_as_text() {
    let doc = parse("a <span>b</span> c").unwrap();
    let Block::Para(p) = &doc.blocks[0] else {
        panic!("paragraph expected")
    };
    assert_eq!(p.inlines, vec![text("a <span>b</span> c")]);
}
