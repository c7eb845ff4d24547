//! Arbitrary template text (as `briefing.md.j2`, and as a partial it includes) through the
//! renderer's static check, its error formatting and a render with fully populated data:
//! never a panic.

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
    let renderer = Renderer::new(&templates);
    let _ = renderer.check_all().to_string();
    let model = shape::full_sample();
    let contexts = BriefingContexts::new(&model);
    if let Err(problems) = renderer.briefing(&contexts.of(&model.sprecher[0])) {
        let _ = problems.to_string();
    }
    if let Err(problems) = renderer.overview(&model) {
        let _ = problems.to_string();
    }
});
