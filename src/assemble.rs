//! One document at a time, in memory: render its template, convert the Markdown to DOCX with
//! the document properties, and for a briefing also the e-mail subject and the calendar file.
//!
//! No file is read or written here, so `build` and `check` share it exactly and each document
//! can be produced independently of the others. What the files are called and where they go
//! is the output stage's business.

use chrono::NaiveDate;

use crate::calendar;
use crate::diagnostics::{Diagnostics, Location};
use crate::docx::{Design, DocumentMeta, DocxError, markdown_to_package};
use crate::messages::documents as messages;
use crate::model::{BriefingContext, Model, Sprecher};
use crate::month::german_date;
use crate::render::{BRIEFING_TEMPLATE, OVERVIEW_TEMPLATE, Renderer, filters};

/// What every document of a run shares: its author, design and group style.
#[derive(Debug, Clone, Copy)]
pub struct Look<'a> {
    /// The author in the document properties.
    pub author: &'a str,
    /// Styles, theme and logo.
    pub design: &'a Design,
    /// How groups are named.
    pub style: filters::Style,
}

/// A spokesperson's documents, made in memory.
#[derive(Debug, Clone)]
pub struct AssembledBriefing {
    /// The briefing (DOCX).
    pub docx: Vec<u8>,
    /// The calendar file of their conferences' meetings (iCalendar).
    pub calendar: Vec<u8>,
    /// The subject line of their e-mail.
    pub subject: String,
}

fn stand_label(stand: NaiveDate) -> String {
    format!("Stand: {}", german_date(stand))
}

/// The name with academic title, as the recipient is addressed.
pub fn display_name(person: &Sprecher) -> String {
    filters::name_with_title(person.titel.as_deref(), &person.name)
}

/// Everyone, as the documents name a group whose gender is not told.
const EVERYONE: filters::Group = filters::Group::Many(filters::Sex::Unknown);

/// The running header of every document: "IT-Planungsrat · Fachpolitische Sprecherinnen und
/// Sprecher", in the configured group style.
fn header_text(style: filters::Style) -> String {
    let group = filters::role(EVERYONE, style);
    format!("IT-Planungsrat · {}", filters::capitalize_first(&group))
}

/// The briefing of one spokesperson, from its context ([`Model::briefing`] or
/// [`crate::model::BriefingContexts`]).
pub fn briefing(
    context: &BriefingContext<'_>,
    renderer: &Renderer,
    look: &Look<'_>,
) -> Result<AssembledBriefing, Diagnostics> {
    let person = context.sprecher;
    let markdown = renderer.briefing(context)?;
    let email = renderer.email(context)?;
    let meta = briefing_meta(context, look);
    let docx = to_docx(
        &markdown,
        &meta,
        look.design,
        renderer,
        BRIEFING_TEMPLATE,
        &messages::the_briefing_of(&person.id),
    )?;
    let codes: Vec<&str> = context
        .konferenzen
        .iter()
        .map(|k| k.kuerzel.as_str())
        .collect();
    let calendar =
        calendar::calendar(&calendar_name(&codes), &context.kalender, context.stand).into_bytes();
    Ok(AssembledBriefing {
        docx,
        calendar,
        subject: email.subject,
    })
}

/// The document properties and page header and footer texts of a briefing (also shown by
/// the preview of `serve`).
pub fn briefing_meta(context: &BriefingContext<'_>, look: &Look<'_>) -> DocumentMeta {
    let conferences: Vec<&str> = context
        .konferenzen
        .iter()
        .map(|k| k.name.as_str())
        .collect();
    DocumentMeta {
        title: format!("Briefing für {}", display_name(context.sprecher)),
        subject: format!("IT-Planungsrat – {}", conferences.join(", ")),
        author: look.author.to_string(),
        date: context.stand,
        header_text: header_text(look.style),
        footer_text: stand_label(context.stand),
    }
}

/// The document properties and page header and footer texts of the overview.
pub fn overview_meta(model: &Model, look: &Look<'_>) -> DocumentMeta {
    DocumentMeta {
        title: format!(
            "Übersicht der fachpolitischen {}",
            filters::role_noun(EVERYONE, filters::Case::Genitive, look.style)
        ),
        subject: "IT-Planungsrat – Fachministerkonferenzen, Ansprechpersonen, Termine".to_string(),
        author: look.author.to_string(),
        date: model.stand,
        header_text: header_text(look.style),
        footer_text: stand_label(model.stand),
    }
}

/// The calendar file with the upcoming (and cancelled) meetings of every conference.
pub fn overview_calendar(model: &Model) -> Vec<u8> {
    let entries: Vec<&crate::model::KalenderEintrag> = model.kalender.iter().collect();
    calendar::calendar(
        "IT-Planungsrat: Termine der Fachministerkonferenzen",
        &entries,
        model.stand,
    )
    .into_bytes()
}

/// The name a calendar client gives an imported briefing calendar: short enough for a
/// sidebar, with the conferences' codes ("IT-Planungsrat: Termine IMK und GMK").
fn calendar_name(codes: &[&str]) -> String {
    let list = match codes {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} und {last}", rest.join(", ")),
    };
    format!("IT-Planungsrat: Termine {list}")
        .trim_end()
        .to_string()
}

/// The consolidated overview.
pub fn overview(
    model: &Model,
    renderer: &Renderer,
    look: &Look<'_>,
) -> Result<Vec<u8>, Diagnostics> {
    let markdown = renderer.overview(model)?;
    let meta = overview_meta(model, look);
    to_docx(
        &markdown,
        &meta,
        look.design,
        renderer,
        OVERVIEW_TEMPLATE,
        messages::THE_OVERVIEW,
    )
}

fn to_docx(
    markdown: &str,
    meta: &DocumentMeta,
    design: &Design,
    renderer: &Renderer,
    template: &str,
    document: &str,
) -> Result<Vec<u8>, Diagnostics> {
    let error = |message: String| {
        let mut diagnostics = Diagnostics::new();
        diagnostics.error(Location::file(&renderer.path_of(template)), message);
        diagnostics
    };
    let unconvertible = |error: DocxError| messages::unconvertible(document, error);
    let package =
        markdown_to_package(markdown, meta, design).map_err(|e| error(unconvertible(e)))?;
    if let Some(link) = package.refused_links().first() {
        return Err(error(messages::refused_link(link)));
    }
    package.zip().map_err(|e| error(unconvertible(e)))
}
