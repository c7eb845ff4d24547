//! Arbitrary template text (as `briefing.md.j2`, and as a partial it includes) through the
//! renderer's static check (with the decision-number check of two decisions), its error
//! formatting, a render with fully populated data and the outline guard's comparison of the
//! rendered outlines with themselves and with nothing: never a panic.

#![no_main]

use std::path::PathBuf;

use briefing::load::templates::{TemplateSource, Templates};
use briefing::model::BriefingContexts;
use briefing::render::{Renderer, shape};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let templates = Templates {
        dir: PathBuf::from("templates"),
        sources: [
            ("briefing.md.j2", text.to_string()),
            ("partials/x.md.j2", text.to_string()),
            ("uebersicht.md.j2", "{% include \"partials/x.md.j2\" %}".to_string()),
            ("email.txt.j2", "Betreff: x\n\n{{ sprecher.name }}".to_string()),
        ]
        .into_iter()
        .map(|(name, text)| (name.to_string(), TemplateSource::Text(text)))
        .collect(),
    };
    let decision = |number: &str, link: Option<&str>| briefing::load::DecisionEntry {
        number: number.to_string(),
        number_at: briefing::diagnostics::Location::file(std::path::Path::new("b.yaml")),
        title: "Architekturrichtlinie Deutschland-Stack".to_string(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 18).unwrap(),
        session: Some("49. Sitzung".to_string()),
        summary: None,
        points: Vec::new(),
        relevance: briefing::load::Relevance::All,
        relevance_at: briefing::diagnostics::Location::file(std::path::Path::new("b.yaml")),
        link: link.map(str::to_string),
        link_at: None,
        submitted_by: None,
    };
    let renderer = Renderer::new(&templates).with_decisions(&[
        decision("2026/04", None),
        decision("2023/07", Some("https://example.org/a_(b)")),
    ]);
    let _ = renderer.check_all().to_string();
    let model = shape::full_sample();
    let contexts = BriefingContexts::new(&model);
    if let Err(problems) = renderer.briefing(&contexts.of(&model.sprecher[0])) {
        let _ = problems.to_string();
    }
    if let Err(problems) = renderer.overview(&model) {
        let _ = problems.to_string();
    }
    let outlines = renderer.take_outlines();
    let _ = renderer
        .outline_warnings(&outlines, &Default::default(), "2026-11", true)
        .to_string();
    let _ = renderer
        .outline_warnings(&outlines, &outlines, "2026-11", true)
        .to_string();
});
