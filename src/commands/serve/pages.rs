//! The pages of `briefing serve`: the month at a glance, a document, an e-mail, and the error
//! view that replaces them while the month cannot be made. Each is a whole HTML page in
//! German, with its CSS inline and no external resource; only the live reload is script.
//!
//! Pages are made on request from the month rendered last (see [`View`]); a document's HTML
//! comes from [`crate::html`], which reads the same document model as the DOCX writer; an
//! e-mail is built by the delivery stage's [`crate::deliver::message`] as `send` builds it.

use std::fmt::Write as _;

use crate::assemble::{self, Look, display_name};
use crate::deliver::{self, AttachmentFile, Delivery, Letter};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::error::Error;
use crate::html::{self, escape};
use crate::messages::serve as messages;
use crate::model::{Aenderungen, BriefingContext};
use crate::output::layout::{self, MonthLayout};
use crate::output::log::{self, History};
use crate::output::manifest::{DispatchRow, sha256_hex};
use crate::project::Project;
use crate::render::filters::month_name;

/// The month as last rendered: ready to show, or why it cannot be made.
pub(crate) enum View {
    /// Every document of the month could be made (as `check` makes them).
    Ready(Box<Ready>),
    /// The month cannot be made: the error of `check`.
    Broken {
        /// The first line of `check` (month, Stand, settings file), if the settings were read.
        header: Option<String>,
        /// What went wrong.
        error: Error,
    },
}

/// A month whose documents could all be made.
pub(crate) struct Ready {
    /// The loaded project.
    pub project: Project,
    /// The first line of `check`.
    pub header: String,
    /// Notices about the inputs folder (month folders with other names).
    pub notices: Vec<String>,
    /// The documents' CSS from the design's Word styles.
    pub document_css: String,
}

/// A page: HTTP status and HTML.
pub(crate) struct Page {
    pub status: u16,
    pub html: String,
}

impl Page {
    fn ok(html: String) -> Page {
        Page { status: 200, html }
    }
}

/// The pages' look (the documents' fonts and colours come from the design, see
/// [`crate::html::style`]).
const CSS: &str = include_str!("preview.css");

/// Checks for a new rendering by long polling and replaces the page's content with the new
/// one, keeping the scroll position. The only script of the pages.
const LIVE: &str = include_str!("live.js");

/// A whole page around `body`.
fn shell(title: &str, generation: u64, extra_css: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{CSS}{extra_css}</style></head>\
         <body data-stand=\"{generation}\"><nav class=\"leiste\"><span class=\"marke\">{brand}</span>\
         <a href=\"/\">{home}</a><a href=\"/uebersicht\">{overview}</a></nav>\
         <div class=\"inhalt\">{body}</div><script>{LIVE}</script></body></html>",
        title = escape(title),
        brand = messages::BRAND,
        home = messages::NAV_HOME,
        overview = messages::NAV_OVERVIEW,
    )
}

/// The error view, for every page while the month cannot be made.
pub(crate) fn broken(header: Option<&str>, error: &Error, generation: u64) -> Page {
    let mut body = String::from("<section class=\"karte fehleransicht\">");
    write!(body, "<h1>{}</h1>", messages::BROKEN_TITLE).ok();
    if let Some(header) = header {
        write!(body, "<p class=\"hinweis\">{}</p>", escape(header)).ok();
    }
    match error {
        Error::Problems(diagnostics) => {
            write!(body, "<p>{}</p>", escape(&error.to_string())).ok();
            problems(&mut body, diagnostics);
        }
        other => {
            write!(
                body,
                "<div class=\"problem fehler\"><span class=\"meldung\">{}</span></div>",
                escape(&other.to_string())
            )
            .ok();
        }
    }
    write!(
        body,
        "<p class=\"hinweis\">{}</p></section>",
        messages::BROKEN_HINT
    )
    .ok();
    Page::ok(shell(messages::BROKEN_TITLE, generation, "", &body))
}

/// The location as the command line prints it ("templates/briefing.md.j2:12:5").
fn place(diagnostic: &Diagnostic) -> String {
    diagnostic.location.to_string()
}

/// Every problem with its place, message and detail (the source line with the spot marked,
/// the hint).
fn problems(body: &mut String, diagnostics: &Diagnostics) {
    for diagnostic in diagnostics.iter() {
        let (class, label) = match diagnostic.severity {
            Severity::Error => ("fehler", messages::ERROR),
            Severity::Warning => ("warnung", messages::WARNING),
        };
        write!(
            body,
            "<div class=\"problem {class}\"><strong>{label}</strong>: <span class=\"ort\">{}</span>: \
             <span class=\"meldung\">{}</span>",
            escape(&place(diagnostic)),
            escape(&diagnostic.message)
        )
        .ok();
        if let Some(detail) = &diagnostic.detail {
            write!(body, "<pre>{}</pre>", escape(detail)).ok();
        }
        body.push_str("</div>");
    }
}

fn look(project: &Project) -> Look<'_> {
    Look {
        author: &project.settings.config.author,
        design: &project.design,
        style: project.settings.config.group_style,
    }
}

/// The send state of one spokesperson from the send log.
fn sent_state(history: Option<&History>) -> (&'static str, String) {
    match history {
        Some(History {
            unknown: Some(entry),
            ..
        }) => ("status-unklar", messages::sent_unknown(&entry.zeit)),
        Some(history) => match history.last_delivery() {
            Some(entry) => ("status-gesendet", messages::sent_at(&entry.zeit, &entry.an)),
            None => ("status-offen", messages::NOT_SENT.to_string()),
        },
        None => ("status-offen", messages::NOT_SENT.to_string()),
    }
}

/// What changed for one conference, in words.
fn changes_text(changes: &Aenderungen) -> String {
    let counts = [
        (
            usize::from(changes.vorsitz.is_some()),
            messages::CHANGED_CHAIR,
        ),
        (
            usize::from(changes.geschaeftsstelle.is_some()),
            messages::CHANGED_OFFICE,
        ),
        (changes.neue_ansprechpersonen.len(), messages::NEW_CONTACTS),
        (
            changes.geaenderte_ansprechpersonen.len(),
            messages::CHANGED_CONTACTS,
        ),
        (
            changes.entfallene_ansprechpersonen.len(),
            messages::REMOVED_CONTACTS,
        ),
        (changes.neue_termine.len(), messages::NEW_MEETINGS),
        (changes.verschobene_termine.len(), messages::MOVED_MEETINGS),
        (changes.geaenderte_termine.len(), messages::CHANGED_MEETINGS),
        (
            changes.abgesagte_termine.len(),
            messages::CANCELLED_MEETINGS,
        ),
    ];
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{what}: {n}"))
        .collect();
    if parts.is_empty() {
        messages::NO_CHANGES.to_string()
    } else {
        parts.join(", ")
    }
}

/// `/`: the month at a glance.
pub(crate) fn index(ready: &Ready, generation: u64) -> Page {
    let project = &ready.project;
    let model = &project.model;
    let mut body = String::new();
    write!(
        body,
        "<section class=\"karte\"><h1>{}</h1><p>{}</p>",
        escape(&messages::index_title(&month_name(model.monat))),
        escape(&ready.header)
    )
    .ok();
    for notice in &ready.notices {
        write!(
            body,
            "<div class=\"problem warnung\"><strong>{}</strong>: {}</div>",
            messages::WARNING,
            escape(notice)
        )
        .ok();
    }
    body.push_str("</section>");

    write!(
        body,
        "<section class=\"karte\" id=\"probleme\"><h2>{}</h2>",
        messages::PROBLEMS
    )
    .ok();
    if project.warnings.is_empty() {
        write!(body, "<p>{}</p>", messages::NO_PROBLEMS).ok();
    } else {
        problems(&mut body, &project.warnings);
    }
    body.push_str("</section>");

    body.push_str("<section class=\"karte\" id=\"aenderungen\">");
    match model.vormonat {
        Some(before) => {
            write!(
                body,
                "<h2>{}</h2><table class=\"liste\"><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>",
                escape(&messages::changes_title(&month_name(before))),
                messages::CONFERENCE,
                messages::CHANGES
            )
            .ok();
            for konferenz in &model.konferenzen {
                let text = konferenz
                    .aenderungen
                    .as_ref()
                    .map_or_else(|| messages::NO_CHANGES.to_string(), changes_text);
                write!(
                    body,
                    "<tr><td>{} ({})</td><td>{}</td></tr>",
                    escape(&konferenz.name),
                    escape(&konferenz.kuerzel),
                    escape(&text)
                )
                .ok();
            }
            body.push_str("</tbody></table>");
        }
        None => {
            write!(
                body,
                "<h2>{}</h2><p>{}</p>",
                messages::CHANGES,
                messages::NO_PREVIOUS_MONTH
            )
            .ok();
        }
    }
    body.push_str("</section>");

    let layout = MonthLayout::new(&project.settings.paths.out, model.monat);
    write!(
        body,
        "<section class=\"karte\" id=\"empfaenger\"><h2>{}</h2>",
        messages::RECIPIENTS
    )
    .ok();
    let histories = match log::read_month(&layout) {
        Ok(entries) => log::histories(&entries),
        Err(error) => {
            write!(
                body,
                "<div class=\"problem fehler\">{}</div>",
                escape(&error.to_string())
            )
            .ok();
            Default::default()
        }
    };
    write!(
        body,
        "<table class=\"liste\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        messages::NAME,
        messages::ADDRESS,
        messages::CONFERENCES,
        messages::SENT,
        messages::DOCUMENTS
    )
    .ok();
    for person in &model.sprecher {
        let (class, state) = sent_state(histories.get(&person.id));
        let id = escape(&percent_encode(&person.id));
        write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"{class}\">{}</td>\
             <td><a href=\"/briefing/{id}\">{}</a> · <a href=\"/email/{id}\">{}</a></td></tr>",
            escape(&display_name(person)),
            escape(person.email.as_deref().unwrap_or(messages::NO_ADDRESS)),
            escape(&person.konferenzen.join(", ")),
            escape(&state),
            messages::BRIEFING,
            messages::EMAIL
        )
        .ok();
    }
    write!(
        body,
        "</tbody></table><p><a href=\"/uebersicht\">{}</a></p></section>",
        messages::OVERVIEW_LINK
    )
    .ok();
    Page::ok(shell(
        &messages::index_title(&month_name(model.monat)),
        generation,
        "",
        &body,
    ))
}

/// A page for an id that is not in the roster.
pub(crate) fn not_found(generation: u64) -> Page {
    let body = format!(
        "<section class=\"karte\"><h1>{}</h1><p><a href=\"/\">{}</a></p></section>",
        messages::NOT_FOUND,
        messages::NAV_HOME
    );
    Page {
        status: 404,
        html: shell(messages::NOT_FOUND, generation, "", &body),
    }
}

fn context<'a>(ready: &'a Ready, id: &str) -> Option<BriefingContext<'a>> {
    ready.project.model.briefing(id)
}

/// A template or conversion problem of one document, shown as the error view.
fn document_failed(ready: &Ready, diagnostics: Diagnostics, generation: u64) -> Page {
    broken(
        Some(&ready.header),
        &Error::Problems(diagnostics),
        generation,
    )
}

fn converted(
    ready: &Ready,
    markdown: &str,
    meta: &crate::docx::DocumentMeta,
    template: &str,
    generation: u64,
) -> Page {
    match html::document(markdown, meta) {
        Ok(document) => Page::ok(shell(
            &meta.title,
            generation,
            &ready.document_css,
            &document,
        )),
        Err(error) => {
            let mut diagnostics = Diagnostics::new();
            diagnostics.error(
                crate::diagnostics::Location::file(&ready.project.renderer.path_of(template)),
                error.to_string(),
            );
            document_failed(ready, diagnostics, generation)
        }
    }
}

/// `/briefing/<id>`: the briefing as HTML.
pub(crate) fn briefing(ready: &Ready, id: &str, generation: u64) -> Page {
    let Some(context) = context(ready, id) else {
        return not_found(generation);
    };
    let project = &ready.project;
    match project.renderer.briefing(&context) {
        Ok(markdown) => {
            let meta = assemble::briefing_meta(&context, &look(project));
            converted(
                ready,
                &markdown,
                &meta,
                crate::render::BRIEFING_TEMPLATE,
                generation,
            )
        }
        Err(diagnostics) => document_failed(ready, diagnostics, generation),
    }
}

/// `/uebersicht`: the overview as HTML.
pub(crate) fn overview(ready: &Ready, generation: u64) -> Page {
    let project = &ready.project;
    match project.renderer.overview(&project.model) {
        Ok(markdown) => {
            let meta = assemble::overview_meta(&project.model, &look(project));
            converted(
                ready,
                &markdown,
                &meta,
                crate::render::OVERVIEW_TEMPLATE,
                generation,
            )
        }
        Err(diagnostics) => document_failed(ready, diagnostics, generation),
    }
}

/// `/email/<id>`: the message `send` would write for this spokesperson.
pub(crate) fn email(ready: &Ready, id: &str, generation: u64) -> Page {
    let Some(context) = context(ready, id) else {
        return not_found(generation);
    };
    let project = &ready.project;
    let model = &project.model;
    let person = context.sprecher;
    let email = match project.renderer.email(&context) {
        Ok(email) => email,
        Err(diagnostics) => return document_failed(ready, diagnostics, generation),
    };
    let made = match assemble::briefing(&context, &project.renderer, &look(project)) {
        Ok(made) => made,
        Err(diagnostics) => return document_failed(ready, diagnostics, generation),
    };
    let name = display_name(person);
    let label = month_name(model.monat);
    // The attachments as `deliver::attachments` names them from the built month.
    let briefing_name = format!("Briefing {name} {label}");
    let mut attachments = vec![AttachmentFile {
        name: deliver::attachment_name(&briefing_name, "docx"),
        content_type: deliver::message::DOCX_TYPE,
        bytes: made.docx,
    }];
    let pdf_name = deliver::attachment_name(&briefing_name, "pdf");
    attachments.push(AttachmentFile {
        name: deliver::attachment_name(&format!("Termine {name} {label}"), "ics"),
        content_type: deliver::message::ICS_TYPE,
        bytes: made.calendar,
    });
    let row = DispatchRow {
        id: person.id.clone(),
        name: name.clone(),
        email: person.email.clone().unwrap_or_default(),
        subject: email.subject.clone(),
        file: layout::briefing_file(&person.id),
        sha256: sha256_hex(&attachments[0].bytes),
        monat: model.monat,
        stand: model.stand,
        pdf: String::new(),
        pdf_sha256: String::new(),
    };
    let letter = Letter {
        row,
        body: email.body.clone(),
        attachments,
    };

    let mut body = String::from("<section class=\"karte email\">");
    write!(body, "<h1>{}</h1>", escape(&messages::email_title(&name))).ok();
    let from = deliver::sender(&project.settings.sender());
    // Built as `send` builds it: an address it would refuse is refused here too.
    let built = match (&from, letter.row.email.trim().is_empty()) {
        (_, true) => Err(messages::NO_ADDRESS_SKIPPED.to_string()),
        (Err(error), false) => Err(error.to_string()),
        (Ok(from), false) => {
            let message_id =
                deliver::message_id(model.monat, &person.id, Delivery::Number(1), from);
            deliver::message(
                &letter,
                from,
                message_id,
                deliver::dry_run_date(model.stand),
            )
        }
    };
    let sender = match &from {
        Ok(mailbox) => mailbox.to_string(),
        Err(_) => project.settings.sender(),
    };
    write!(
        body,
        "<dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd class=\"betreff\">{}</dd></dl>",
        messages::FROM,
        escape(&sender),
        messages::TO,
        escape(&messages::recipient(&name, &letter.row.email)),
        messages::SUBJECT,
        escape(&letter.row.subject),
    )
    .ok();
    match &built {
        Ok(prepared) => {
            write!(
                body,
                "<p class=\"hinweis\">{}</p>",
                escape(&messages::message_size(prepared.message.formatted().len()))
            )
            .ok();
        }
        Err(reason) => {
            write!(
                body,
                "<div class=\"problem fehler\">{}</div>",
                escape(&messages::send_would_fail(reason))
            )
            .ok();
        }
    }
    write!(
        body,
        "<pre class=\"text\">{}</pre><h2>{}</h2><ul class=\"anhaenge\">",
        escape(&letter.body),
        messages::ATTACHMENTS
    )
    .ok();
    for (i, attachment) in letter.attachments.iter().enumerate() {
        write!(
            body,
            "<li>{} <span class=\"hinweis\">({}, {})</span>",
            escape(&attachment.name),
            escape(attachment.content_type),
            escape(&messages::size(attachment.bytes.len()))
        )
        .ok();
        if i == 0 {
            let target = escape(&percent_encode(&person.id));
            let show = messages::SHOW;
            body.push_str(" · ");
            write!(body, "<a href=\"/briefing/{target}\">{show}</a>").ok();
        }
        body.push_str("</li>");
        if i == 0 && project.settings.attach_pdf {
            write!(
                body,
                "<li>{} <span class=\"hinweis\">({})</span></li>",
                escape(&pdf_name),
                messages::PDF_FROM_BUILD
            )
            .ok();
        }
    }
    body.push_str("</ul></section>");
    Page::ok(shell(&messages::email_title(&name), generation, "", &body))
}

/// An id in a path: letters, digits and `-_.~` as they are, everything else %XX (UTF-8).
pub(crate) fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            write!(out, "%{byte:02X}").ok();
        }
    }
    out
}
