//! Stage 3+4 glue: every document of a month, in memory.
//!
//! For each spokesperson: render the briefing template, convert the Markdown to DOCX with the
//! document properties, render the e-mail subject for the delivery manifest, and the calendar
//! file of their meetings. The same for the overview. No file is read or written here, so `build` and `check` share it exactly and each
//! document can be produced independently of the others.

use chrono::NaiveDate;

use crate::calendar;
use crate::config::Config;
use crate::diagnostics::{Diagnostics, Location};
use crate::docx::{Design, DocumentMeta, DocxError, markdown_to_package};
use crate::model::{BriefingContext, Model, Sprecher};
use crate::render::{BRIEFING_TEMPLATE, OVERVIEW_TEMPLATE, Renderer};
use crate::write::{DispatchRow, OutputFile, sha256_hex};

/// The file name of the overview.
pub const OVERVIEW_FILE: &str = "uebersicht.docx";

/// The file name of a spokesperson's briefing (ids are checked to be `[a-z0-9-]+`).
pub fn briefing_file_name(id: &str) -> String {
    format!("briefing-{id}.docx")
}

/// The file name of a spokesperson's calendar file.
pub fn calendar_file_name(id: &str) -> String {
    format!("termine-{id}.ics")
}

/// The file name of the calendar file with every conference's meetings.
pub const OVERVIEW_CALENDAR_FILE: &str = "termine-uebersicht.ics";

/// A produced briefing with its calendar file and manifest row.
#[derive(Debug, Clone)]
pub struct Briefing {
    pub file: OutputFile,
    pub calendar: OutputFile,
    pub row: DispatchRow,
}

fn stand_label(stand: NaiveDate) -> String {
    format!("Stand: {}", stand.format("%d.%m.%Y"))
}

fn display_name(person: &Sprecher) -> String {
    match &person.titel {
        Some(title) => format!("{title} {}", person.name),
        None => person.name.clone(),
    }
}

/// The briefing of one spokesperson, from its context ([`Model::briefing`] or
/// [`crate::model::BriefingContexts`]).
pub fn briefing(
    context: &BriefingContext<'_>,
    renderer: &Renderer,
    config: &Config,
    design: &Design,
    templates_dir: &std::path::Path,
) -> Result<Briefing, Diagnostics> {
    let person = context.sprecher;
    let markdown = renderer.briefing(context)?;
    let email = renderer.email(context)?;
    let conferences: Vec<&str> = context
        .konferenzen
        .iter()
        .map(|k| k.name.as_str())
        .collect();
    let meta = DocumentMeta {
        title: format!("Briefing für {}", display_name(person)),
        subject: format!("IT-Planungsrat – {}", conferences.join(", ")),
        author: config.author.clone(),
        date: context.stand,
        header_text: "IT-Planungsrat · Fachpolitische Sprecher:innen".to_string(),
        footer_text: stand_label(context.stand),
    };
    let name = briefing_file_name(&person.id);
    let bytes = to_docx(
        &markdown,
        &meta,
        design,
        &templates_dir.join(BRIEFING_TEMPLATE),
        &name,
    )?;
    let row = DispatchRow {
        id: person.id.clone(),
        name: display_name(person),
        email: person.email.clone().unwrap_or_default(),
        subject: email.subject,
        file: name.clone(),
        sha256: sha256_hex(&bytes),
    };
    let calendar = OutputFile {
        name: calendar_file_name(&person.id),
        bytes: calendar::calendar(
            &format!("Termine {}", conferences.join(", ")),
            &context.termine,
            context.stand,
        )
        .into_bytes(),
    };
    Ok(Briefing {
        file: OutputFile { name, bytes },
        calendar,
        row,
    })
}

/// The calendar file with the upcoming meetings of every conference.
pub fn overview_calendar(model: &Model) -> OutputFile {
    let termine: Vec<&crate::model::Termin> = model.termine.iter().collect();
    OutputFile {
        name: OVERVIEW_CALENDAR_FILE.to_string(),
        bytes: calendar::calendar("Termine der Fachministerkonferenzen", &termine, model.stand)
            .into_bytes(),
    }
}

/// The consolidated overview.
pub fn overview(
    model: &Model,
    renderer: &Renderer,
    config: &Config,
    design: &Design,
    templates_dir: &std::path::Path,
) -> Result<OutputFile, Diagnostics> {
    let markdown = renderer.overview(model)?;
    let meta = DocumentMeta {
        title: "Übersicht der fachpolitischen Sprecher:innen".to_string(),
        subject: "IT-Planungsrat – Fachministerkonferenzen, Ansprechpersonen, Termine".to_string(),
        author: config.author.clone(),
        date: model.stand,
        header_text: "IT-Planungsrat · Fachpolitische Sprecher:innen".to_string(),
        footer_text: stand_label(model.stand),
    };
    let bytes = to_docx(
        &markdown,
        &meta,
        design,
        &templates_dir.join(OVERVIEW_TEMPLATE),
        OVERVIEW_FILE,
    )?;
    Ok(OutputFile {
        name: OVERVIEW_FILE.to_string(),
        bytes,
    })
}

fn to_docx(
    markdown: &str,
    meta: &DocumentMeta,
    design: &Design,
    template: &std::path::Path,
    document: &str,
) -> Result<Vec<u8>, Diagnostics> {
    let error = |message: String| {
        let mut diagnostics = Diagnostics::new();
        diagnostics.error(Location::file(template), message);
        diagnostics
    };
    let unconvertible = |error: DocxError| {
        format!("the Markdown rendered for {document} cannot become a Word document: {error}")
    };
    let package =
        markdown_to_package(markdown, meta, design).map_err(|e| error(unconvertible(e)))?;
    if let Some(link) = package.refused_links().first() {
        return Err(error(format!(
            "the document links to \"{link}\"; only http://, https:// and mailto: links \
             are allowed (check the template's links and Markdown fields such as a \
             decision's \"kurz\")"
        )));
    }
    package.zip().map_err(|e| error(unconvertible(e)))
}
