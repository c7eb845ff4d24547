//! The project facade: one month's inputs loaded, the model built, the templates and the
//! design ready, and the batch that turns them into documents.
//!
//! [`Project::load`] runs the stages up to rendering (load -> model -> templates -> design);
//! [`Project::documents`] renders and converts every document a [`Selection`] asks for, in
//! parallel, and hands each file to a [`Sink`]: the month writer for `build`, nothing for
//! `check`, so the two can never disagree about what is valid. Commands only sequence these.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::assemble::{self, display_name};
use crate::diagnostics::{Diagnostics, Location};
use crate::docx::Design;
use crate::error::Error;
use crate::load::{self, design::DesignFiles};
use crate::messages::cli as messages;
use crate::model::{self, BriefingContexts, Model, Sprecher};
use crate::output::calendar_ids;
use crate::output::layout::{self, MonthLayout};
use crate::output::{DispatchRow, MonthWriter, OutputFile, WriteError, sha256_hex};
use crate::render::Renderer;
use crate::settings::Settings;

/// Which documents a run produces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Selection {
    /// Every briefing and the overview; the month folder is replaced as a whole.
    #[default]
    Everything,
    /// Briefings only: all of them (`None`) or these ids (`--only`); other files are kept.
    Briefings(Option<Vec<String>>),
    /// The overview only; other files are kept.
    Overview,
}

impl Selection {
    /// `--only ID...` on the command line: nothing given means everything.
    pub fn from_only(ids: Vec<String>) -> Selection {
        if ids.is_empty() {
            Selection::Everything
        } else {
            Selection::Briefings(Some(ids))
        }
    }

    fn wants_briefing(&self, id: &str) -> bool {
        match self {
            Selection::Everything | Selection::Briefings(None) => true,
            Selection::Briefings(Some(ids)) => ids.iter().any(|wanted| wanted == id),
            Selection::Overview => false,
        }
    }

    fn wants_overview(&self) -> bool {
        matches!(self, Selection::Everything | Selection::Overview)
    }
}

/// Where produced files go, as soon as each is made (so memory does not grow with the batch).
pub trait Sink: Sync {
    /// Takes one finished file.
    fn put(&self, file: OutputFile) -> Result<(), WriteError>;
}

/// The sink of `check`: every document is made, none is kept.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _file: OutputFile) -> Result<(), WriteError> {
        Ok(())
    }
}

impl Sink for MonthWriter {
    fn put(&self, file: OutputFile) -> Result<(), WriteError> {
        self.add(&file)
    }
}

/// Told how many documents a run makes and when each is done (for a progress display).
pub trait Progress: Sync {
    /// The batch starts with this many documents.
    fn start(&self, _documents: usize) {}
    /// One more document is done.
    fn advance(&self) {}
}

/// No progress display.
impl Progress for () {}

/// What a batch produced (the files themselves went to the sink as they were made).
#[derive(Debug)]
pub struct Batch {
    /// The manifest rows of the briefings made, in roster order.
    pub rows: Vec<DispatchRow>,
    /// Whether the overview was made.
    pub overview: bool,
}

/// A month's project, ready to produce documents.
pub struct Project {
    /// The settings it was loaded with.
    pub settings: Settings,
    /// The joined, checked data of the month.
    pub model: Model,
    /// The templates.
    pub renderer: Renderer,
    /// The documents' design (reference document and logo, or the built-in one).
    pub design: Design,
    /// Warnings found so far (errors end [`Project::load`]).
    pub warnings: Diagnostics,
    /// Every file the documents are made from (inputs, templates, design, configuration).
    pub sources: Vec<PathBuf>,
}

impl Project {
    /// Loads the month's inputs, builds the model, reads the templates and the design.
    pub fn load(settings: Settings) -> Result<Project, Error> {
        let paths = &settings.paths;
        let (inputs, mut warnings) = load::load(&paths.inputs, settings.month, &settings.config)?;
        let window = model::Window {
            stand: settings.stand(),
            meeting_months: settings.config.meeting_horizon_months,
            decision_months: settings.config.decision_window_months,
        };
        // The calendar UIDs continue those of the newest month built before this one.
        let memory = calendar_ids::read_before(&paths.out, settings.month).map_err(|errors| {
            let mut all = warnings.clone();
            all.extend(errors);
            all
        })?;
        let memory = memory.as_ref().map(|(_, entries)| entries.as_slice());
        let (model, model_warnings) =
            model::build_with_memory(&inputs, window, memory).map_err(|errors| {
                let mut all = warnings.clone();
                all.extend(errors);
                all
            })?;
        warnings.extend(model_warnings);
        warnings.extend(unknown_genders(&inputs.roster));
        let templates = load::templates::read(&paths.templates);
        warnings.extend(load::templates::misnamed(&paths.templates));
        let design_files = load::design::read(&paths.templates)?;
        let design = design_from(&design_files)?;
        let blocks = load::blocks::read(&paths.templates);
        let block_problems = blocks.diagnostics();
        if block_problems.has_errors() {
            let mut all = warnings.clone();
            all.extend(block_problems);
            return Err(all.into());
        }
        warnings.extend(block_problems);

        let mut sources = inputs.sources;
        sources.extend(templates.sources.keys().map(|name| templates.path_of(name)));
        sources.extend(blocks.files());
        for file in [&design_files.reference, &design_files.logo]
            .into_iter()
            .flatten()
        {
            sources.push(file.path.clone());
        }
        sources.extend(settings.config_file.clone());
        sources.sort();
        let renderer = Renderer::new(&templates)
            .with_blocks(std::sync::Arc::new(blocks))
            .with_conference_codes(model.konferenzen.iter().map(|k| k.kuerzel.as_str()))
            .with_group_style(settings.config.group_style)
            .with_decisions(&inputs.decisions.entries);
        warnings.extend(renderer.warnings());
        Ok(Project {
            renderer,
            settings,
            model,
            design,
            warnings,
            sources,
        })
    }

    /// The output folders of this month.
    pub fn layout(&self) -> MonthLayout {
        MonthLayout::new(&self.settings.paths.out, self.model.monat)
    }

    /// Refuses ids of `--only` that are not in the roster.
    pub fn check_selection(&self, selection: &Selection) -> Result<(), Error> {
        let Selection::Briefings(Some(ids)) = selection else {
            return Ok(());
        };
        for id in ids {
            if self.person(id).is_none() {
                return Err(Error::Usage(messages::only_unknown_id(
                    id,
                    &self.known_ids(),
                )));
            }
        }
        Ok(())
    }

    /// The spokesperson with this id.
    pub fn person(&self, id: &str) -> Option<&Sprecher> {
        self.model.sprecher.iter().find(|person| person.id == id)
    }

    /// Every id of the roster, comma-separated (for messages).
    pub fn known_ids(&self) -> String {
        let ids: Vec<&str> = self.model.sprecher.iter().map(|s| s.id.as_str()).collect();
        ids.join(", ")
    }

    /// Renders and converts every document the selection asks for, in parallel, handing each
    /// file to `sink` as soon as it is done. Fails with all problems (warnings included) if
    /// any document fails. The manifest rows come back in roster order, so the result does
    /// not depend on the number of threads.
    pub fn documents(
        &self,
        selection: &Selection,
        sink: &dyn Sink,
        progress: &dyn Progress,
    ) -> Result<Batch, Error> {
        self.check_selection(selection)?;
        let model = &self.model;
        let look = assemble::Look {
            author: &self.settings.config.author,
            design: &self.design,
            style: self.settings.config.group_style,
        };
        let mut problems = self.warnings.clone();
        problems.extend(self.renderer.check_all());

        let people: Vec<&Sprecher> = model
            .sprecher
            .iter()
            .filter(|person| selection.wants_briefing(&person.id))
            .collect();
        progress.start(people.len() + usize::from(selection.wants_overview()));
        let contexts = BriefingContexts::new(model);
        let briefing = |person: &Sprecher| -> Result<DispatchRow, Failure> {
            let made = assemble::briefing(&contexts.of(person), &self.renderer, &look)
                .map_err(Failure::Problems)?;
            let row = DispatchRow {
                id: person.id.clone(),
                name: display_name(person),
                email: person.email.clone().unwrap_or_default(),
                subject: made.subject,
                file: layout::briefing_file(&person.id),
                sha256: sha256_hex(&made.docx),
                monat: model.monat,
                stand: model.stand,
                pdf: String::new(),
                pdf_sha256: String::new(),
            };
            put(sink, row.file.clone(), made.docx)?;
            put(sink, layout::calendar_file(&person.id), made.calendar)?;
            progress.advance();
            Ok(row)
        };
        let overview = || -> Option<Result<(), Failure>> {
            selection.wants_overview().then(|| {
                let docx =
                    assemble::overview(model, &self.renderer, &look).map_err(Failure::Problems)?;
                put(sink, layout::OVERVIEW_FILE.to_string(), docx)?;
                put(
                    sink,
                    layout::OVERVIEW_CALENDAR_FILE.to_string(),
                    assemble::overview_calendar(model),
                )?;
                progress.advance();
                Ok(())
            })
        };
        let (briefings, overview) = rayon::join(
            || {
                people
                    .par_iter()
                    .map(|person| briefing(person))
                    .collect::<Vec<_>>()
            },
            overview,
        );

        let mut rows = Vec::with_capacity(briefings.len());
        let outcomes = briefings
            .into_iter()
            .map(|result| result.map(|row| rows.push(row)))
            .chain(overview);
        for outcome in outcomes {
            match outcome {
                Ok(()) => {}
                Err(Failure::Problems(errors)) => problems.extend(errors),
                Err(Failure::Write(error)) => return Err(Error::Write(error)),
            }
        }
        if problems.has_errors() {
            return Err(Error::Problems(dedupe(problems)));
        }
        Ok(Batch {
            rows,
            overview: selection.wants_overview(),
        })
    }
}

/// Why one document could not be produced.
enum Failure {
    Problems(Diagnostics),
    Write(WriteError),
}

fn put(sink: &dyn Sink, name: String, bytes: Vec<u8>) -> Result<(), Failure> {
    sink.put(OutputFile { name, bytes }).map_err(Failure::Write)
}

/// The design from the files read: the built-in one, or the reference document's styles,
/// with the logo if there is one. A file that is present but unusable is an error naming it.
pub fn design_from(files: &DesignFiles) -> Result<Design, Diagnostics> {
    let mut problems = Diagnostics::new();
    let mut design = Design::default();
    if let Some(file) = &files.reference {
        match Design::from_reference(&file.bytes) {
            Ok(d) => design = d,
            Err(err) => problems.error(Location::file(&file.path), err.to_string()),
        }
    }
    if let Some(file) = &files.logo {
        match design.clone().with_logo(&file.bytes) {
            Ok(d) => design = d,
            Err(err) => problems.error(Location::file(&file.path), err.to_string()),
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(design)
    }
}

/// A conference whose grammatical gender neither the roster (`genus`) nor its name tells:
/// the articles fall back to "die", which may be wrong.
fn unknown_genders(roster: &load::Roster) -> Diagnostics {
    let mut warnings = Diagnostics::new();
    for konferenz in &roster.conferences {
        if konferenz.gender.is_none()
            && crate::render::filters::genus_from_name(&konferenz.name).is_none()
        {
            warnings.warning(
                konferenz.code_at.clone(),
                messages::unknown_gender(&konferenz.code, &konferenz.name),
            );
        }
    }
    warnings
}

/// A template error shows up once per document rendered from it; report it once.
fn dedupe(diagnostics: Diagnostics) -> Diagnostics {
    let mut seen = Vec::new();
    let mut out = Diagnostics::new();
    for item in diagnostics.iter() {
        if seen.contains(item) {
            continue;
        }
        seen.push(item.clone());
        out.push_diagnostic(item.clone());
    }
    out
}
