//! Criterion benchmarks of the pipeline's stages on a synthetic project of 1000
//! spokespersons (see `benches/support/synthetic.rs`): reading the inputs, building the
//! model, rendering the templates, writing the XML parts, zipping them.
//!
//! ```text
//! cargo bench --bench stages
//! ```
//!
//! The whole process (wall time, peak RSS, N = 15/1000/5000) is measured by
//! `scripts/bench.sh`; the figures are in `BENCHMARKS.md`.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::Path;

use briefing::docx::{Design, DocumentMeta, markdown_to_package};
use briefing::load;
use briefing::load::config::Config;
use briefing::model::{self, BriefingContexts};
use briefing::month::Month;
use briefing::render::Renderer;
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/synthetic.rs"]
mod synthetic;

const SPOKESPERSONS: usize = 1000;

fn meta(stand: NaiveDate) -> DocumentMeta {
    DocumentMeta {
        title: "Briefing für Dr. Vorname1 Nachname1".into(),
        subject: "IT-Planungsrat – Fachministerkonferenz Nummer 1".into(),
        author: "FITKO".into(),
        date: stand,
        header_text: "IT-Planungsrat · Fachpolitische Sprecher:innen".into(),
        footer_text: "Stand: 28.11.2026".into(),
    }
}

fn stages(c: &mut Criterion) {
    let project = tempfile::tempdir().unwrap();
    synthetic::write_project(SPOKESPERSONS, project.path());
    let inputs_dir = project.path().join("inputs");
    let templates_dir = project.path().join("templates");
    let config = Config::load(&project.path().join("briefing.yaml")).unwrap();
    let month = Month::new(2026, 11).unwrap();
    let stand = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();

    let mut group = c.benchmark_group(format!("N={SPOKESPERSONS}"));
    group.sample_size(20);

    let aliases = config.header_aliases();
    let month_dir = inputs_dir.join("2026-11");
    group.bench_function("load: both spreadsheets (xlsx)", |b| {
        b.iter(|| {
            let contacts =
                load::xlsx::read_contacts(&month_dir.join("ansprechpartner.xlsx"), &aliases);
            let meetings = load::xlsx::read_meetings(&month_dir.join("termine.xlsx"), &aliases);
            black_box((contacts.unwrap(), meetings.unwrap()))
        })
    });
    group.bench_function("load: all inputs (YAML + xlsx)", |b| {
        b.iter(|| black_box(load::load(&inputs_dir, month, &config).unwrap()))
    });

    let (inputs, _) = load::load(&inputs_dir, month, &config).unwrap();
    let window = model::Window {
        stand,
        meeting_months: config.meeting_horizon_months,
        decision_months: config.decision_window_months,
    };
    group.bench_function("model: join, validate, window", |b| {
        b.iter(|| black_box(model::build(&inputs, window).unwrap()))
    });

    let (model, _) = model::build(&inputs, window).unwrap();
    let renderer = Renderer::new(&load::templates::read(&templates_dir));
    let contexts = BriefingContexts::new(&model);
    group.bench_function("model: index for the briefings' contexts", |b| {
        b.iter(|| black_box(BriefingContexts::new(&model)))
    });
    let person = &model.sprecher[1];
    group.bench_function("model: one briefing's context", |b| {
        b.iter(|| black_box(contexts.of(person)))
    });
    let context = contexts.of(person);
    group.bench_function("render: one briefing (Markdown)", |b| {
        b.iter(|| black_box(renderer.briefing(&context).unwrap()))
    });
    group.bench_function("render: overview (Markdown)", |b| {
        b.iter(|| black_box(renderer.overview(&model).unwrap()))
    });

    let design = load_design(&templates_dir);
    let meta = meta(stand);
    for (name, markdown) in [
        ("one briefing", renderer.briefing(&context).unwrap()),
        ("overview", renderer.overview(&model).unwrap()),
    ] {
        group.bench_function(format!("docx: {name}, Markdown -> XML parts"), |b| {
            b.iter(|| black_box(markdown_to_package(&markdown, &meta, &design).unwrap()))
        });
        let package = markdown_to_package(&markdown, &meta, &design).unwrap();
        group.bench_function(format!("docx: {name}, zip (deflate)"), |b| {
            b.iter(|| black_box(package.zip().unwrap()))
        });
    }
    group.finish();
}

fn load_design(templates: &Path) -> Design {
    briefing::project::design_from(&load::design::read(templates).unwrap()).unwrap()
}

criterion_group!(benches, stages);
criterion_main!(benches);
