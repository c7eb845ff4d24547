//! `briefing serve`: a live preview of the month in the browser.
//!
//! Renders what `check` renders, in memory (nothing is written to `out/`), and serves it as
//! German HTML pages on 127.0.0.1: the month at a glance, every briefing and the overview as
//! HTML from the DOCX writer's document model ([`crate::html`]), and every e-mail as `send`
//! would build it ([`pages`]). A thread polls the same files as `watch` (inputs, templates with
//! their subfolders, `briefing.yaml`, and the month's send log); after a change the month is
//! rendered again and every open page, which waits for news by long polling, loads itself
//! anew. A change that breaks the month turns every page into the error view.
//!
//! Safety, since every user of a terminal server reaches 127.0.0.1 and the pages show
//! personal contact data: it listens on 127.0.0.1 only; answers only requests whose `Host`
//! is `127.0.0.1:PORT` or `localhost:PORT` (no DNS rebinding); needs a secret of 256 bits
//! from the operating system's random source, given once in the address as `?token=` and
//! then kept by the browser in an HttpOnly, SameSite=Strict cookie (as Jupyter does);
//! answers anything else with 403. It serves only what it renders (no file from disk by
//! path), only GET, and no route changes anything; sending stays a command.
//!
//! What it does not: paginate, show the logo, or serve anything to other machines.

mod pages;

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::thread;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server};

use super::watch;
use crate::error::Error;
use crate::messages::serve as messages;
use crate::output::layout::MonthLayout;
use crate::project::{Discard, Project, Selection};
use crate::settings::{Overrides, Settings};
use pages::{Page, Ready, View};

/// How long a page's request for news waits before it is answered with no news.
const LONG_POLL: Duration = Duration::from_secs(25);

/// What the user asked `serve` for beyond the input options.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The port; 0 takes a free one.
    pub port: u16,
    /// How often the files are looked at.
    pub poll: Duration,
}

/// The month as last rendered and its number, which pages wait on.
struct Shared {
    view: RwLock<Arc<View>>,
    generation: Mutex<u64>,
    changed: Condvar,
    token: String,
    port: u16,
}

impl Shared {
    fn current(&self) -> (Arc<View>, u64) {
        // The generation is read first: a page made from a newer view than its number says
        // only loads once more.
        let generation = *self.generation.lock().unwrap_or_else(|e| e.into_inner());
        let view = self.view.read().unwrap_or_else(|e| e.into_inner()).clone();
        (view, generation)
    }

    fn publish(&self, view: Arc<View>) {
        *self.view.write().unwrap_or_else(|e| e.into_inner()) = view;
        let mut generation = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        *generation += 1;
        self.changed.notify_all();
    }

    /// Shows `view` instead of `checked`, if `checked` is still what is shown.
    fn replace(&self, checked: &Arc<View>, view: View) {
        let mut current = self.view.write().unwrap_or_else(|e| e.into_inner());
        if !Arc::ptr_eq(&current, checked) {
            return;
        }
        *current = Arc::new(view);
        drop(current);
        let mut generation = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        *generation += 1;
        self.changed.notify_all();
    }

    /// Waits until the generation differs from `seen` (or the long poll times out).
    fn wait_for_change(&self, seen: u64) -> u64 {
        let generation = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        let (generation, _) = self
            .changed
            .wait_timeout_while(generation, LONG_POLL, |now| *now == seen)
            .unwrap_or_else(|e| e.into_inner());
        *generation
    }
}

/// A running preview server.
pub struct Preview {
    server: Arc<Server>,
    shared: Arc<Shared>,
}

impl Preview {
    /// The address to open, with the token.
    pub fn address(&self) -> String {
        format!(
            "http://127.0.0.1:{}/?token={}",
            self.shared.port, self.shared.token
        )
    }

    /// Answers requests until the process ends.
    pub fn serve(self) {
        for request in self.server.incoming_requests() {
            let shared = Arc::clone(&self.shared);
            // One thread per request: a page's long poll must not hold up the others.
            let spawned = thread::Builder::new()
                .name("serve-request".into())
                .spawn(move || answer(request, &shared));
            if spawned.is_err() {
                // Out of threads: the request is dropped and the browser retries.
                continue;
            }
        }
    }
}

/// Renders the month, binds 127.0.0.1 and starts watching the files. The server answers
/// once [`Preview::serve`] runs.
pub fn start(overrides: Overrides, options: &ServeOptions) -> Result<Preview, Error> {
    let server = Server::http(("127.0.0.1", options.port))
        .map_err(|error| Error::Usage(messages::cannot_listen(options.port, &error.to_string())))?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|address| address.port())
        .ok_or_else(|| Error::Usage(messages::cannot_listen(options.port, "")))?;
    let token = new_token()?;
    let view = Arc::new(load(&overrides));
    let view = checked(&view).map_or(view, Arc::new);
    let shared = Arc::new(Shared {
        view: RwLock::new(view),
        generation: Mutex::new(1),
        changed: Condvar::new(),
        token,
        port,
    });
    let watcher = Arc::clone(&shared);
    let interval = options.poll;
    thread::Builder::new()
        .name("serve-watch".into())
        .spawn(move || watch_files(&overrides, interval, &watcher))
        .map_err(|error| Error::Usage(messages::cannot_listen(port, &error.to_string())))?;
    Ok(Preview {
        server: Arc::new(server),
        shared,
    })
}

/// 256 bits from the operating system's random source, as hex.
fn new_token() -> Result<String, Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|error| Error::Usage(messages::no_randomness(&error.to_string())))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Everything `check` does, kept in memory for the pages: first the project is loaded and
/// shown (the pages render their document from it on request), then every document is made
/// as `check` makes them; a failure there replaces the view with the error view. So a saved
/// change shows without waiting for the whole month's documents.
fn refresh(overrides: &Overrides, shared: &Arc<Shared>) {
    let view = Arc::new(load(overrides));
    shared.publish(Arc::clone(&view));
    // In a thread of its own, so the next saved change need not wait for a large month's
    // documents; its result counts only while the view it checked is still shown.
    let shared = Arc::clone(shared);
    let spawned = thread::Builder::new()
        .name("serve-check".into())
        .spawn(move || {
            if let Some(broken) = checked(&view) {
                shared.replace(&view, broken);
            }
        });
    if let Err(error) = spawned {
        eprintln!("{}", messages::no_check_thread(&error.to_string()));
    }
}

/// The project loaded, or why it cannot be; an error among the problems found on the way (a
/// template that does not parse) already makes the error view.
fn load(overrides: &Overrides) -> View {
    let settings = match Settings::resolve(overrides.clone()) {
        Ok(settings) => settings,
        Err(error) => {
            return View::Broken {
                header: None,
                error,
            };
        }
    };
    let header = settings.header();
    let notices = settings.misnamed_month_folders();
    let broken = |error: Error| View::Broken {
        header: Some(header.clone()),
        error,
    };
    let project = match Project::load(settings) {
        Ok(project) => project,
        Err(error) => return broken(error),
    };
    if project.warnings.has_errors() {
        return broken(Error::Problems(project.warnings));
    }
    let document_css = match project.design.styles_xml() {
        Ok(xml) => crate::html::style::document_css(&xml),
        Err(_) => String::new(),
    };
    View::Ready(Box::new(Ready {
        project,
        header,
        notices,
        document_css,
    }))
}

/// Makes every document of a loaded month as `check` does; the error view if one fails.
fn checked(view: &View) -> Option<View> {
    let View::Ready(ready) = view else {
        return None;
    };
    let error = ready
        .project
        .documents(&Selection::Everything, &Discard, &())
        .err()?;
    Some(View::Broken {
        header: Some(ready.header.clone()),
        error,
    })
}

/// The files a rendering depends on: those `watch` watches, and the month's send log (for
/// the sent state on the index page).
fn watched(overrides: &Overrides) -> Vec<PathBuf> {
    let mut roots = watch::watched_roots(overrides);
    if let Ok(settings) = Settings::resolve(overrides.clone()) {
        let layout = MonthLayout::new(&settings.paths.out, settings.month);
        roots.push(layout.send_log());
        roots.push(layout.legacy_send_log());
    }
    roots
}

fn watch_files(overrides: &Overrides, interval: Duration, shared: &Arc<Shared>) {
    let mut roots = watched(overrides);
    let mut before = watch::snapshot(&roots);
    loop {
        thread::sleep(interval);
        let now = watch::snapshot(&roots);
        if now == before {
            continue;
        }
        // The state before rendering: a file saved while it runs is seen in the next round.
        before = now;
        refresh(overrides, shared);
        // `briefing.yaml` may have moved the month (and with it the send log).
        let now_watched = watched(overrides);
        if now_watched != roots {
            roots = now_watched;
            before = watch::snapshot(&roots);
        }
    }
}

/// The parts of a request the checks look at.
struct Asked<'a> {
    path: &'a str,
    query: &'a str,
}

fn split(url: &str) -> Asked<'_> {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    Asked { path, query }
}

fn query_value<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

fn header<'a>(request: &'a Request, name: &'static str) -> Option<&'a str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

/// Compares without stopping at the first difference, so timing tells nothing of the token.
fn same_secret(given: &str, token: &str) -> bool {
    given.len() == token.len()
        && given
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

fn cookie_name(port: u16) -> String {
    // One name per port: two previews on one machine do not overwrite each other's cookie.
    format!("briefing-vorschau-{port}")
}

/// The token from the request's cookie, if any.
fn cookie_token<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers()
        .iter()
        .filter(|h| h.field.equiv("Cookie"))
        .flat_map(|h| h.value.as_str().split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// Only the exact addresses the server listens on: a page of another site that renamed
/// itself to 127.0.0.1 (DNS rebinding) sends its own host name.
fn host_allowed(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else {
        return false;
    };
    let port = port.to_string();
    match host.rsplit_once(':') {
        Some((name, p)) => {
            p == port && (name == "127.0.0.1" || name.eq_ignore_ascii_case("localhost"))
        }
        None => false,
    }
}

fn text_header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

/// The headers every answer carries: no caching, no external resources, no framing.
fn with_common_headers<R: std::io::Read>(mut response: Response<R>) -> Response<R> {
    let headers = [
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
        (
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; \
             connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; \
             frame-ancestors 'none'",
        ),
    ];
    for (name, value) in headers {
        if let Some(header) = text_header(name, value) {
            response.add_header(header);
        }
    }
    response
}

fn respond_text(request: Request, status: u16, text: &str) {
    let mut response = Response::from_string(text).with_status_code(status);
    if let Some(header) = text_header("Content-Type", "text/plain; charset=utf-8") {
        response.add_header(header);
    }
    // The browser may have gone; nothing to tell anyone.
    let _ = request.respond(with_common_headers(response));
}

fn respond_page(request: Request, page: Page) {
    let mut response = Response::from_string(page.html).with_status_code(page.status);
    if let Some(header) = text_header("Content-Type", "text/html; charset=utf-8") {
        response.add_header(header);
    }
    let _ = request.respond(with_common_headers(response));
}

/// Checks a request and answers it.
fn answer(request: Request, shared: &Shared) {
    if !host_allowed(header(&request, "Host"), shared.port) {
        return respond_text(request, 403, messages::WRONG_HOST);
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        return respond_text(request, 405, messages::ONLY_READING);
    }
    let url = request.url().to_string();
    let asked = split(&url);
    let cookie = cookie_name(shared.port);
    if let Some(given) = query_value(asked.query, "token") {
        if !same_secret(given, &shared.token) {
            return respond_text(request, 403, messages::WRONG_TOKEN);
        }
        // The token goes into a cookie and out of the address bar (and the history).
        let mut response = Response::empty(303);
        let cookie = format!(
            "{cookie}={}; HttpOnly; SameSite=Strict; Path=/",
            shared.token
        );
        for header in [
            text_header("Set-Cookie", &cookie),
            text_header("Location", asked.path),
        ]
        .into_iter()
        .flatten()
        {
            response.add_header(header);
        }
        let _ = request.respond(with_common_headers(response));
        return;
    }
    match cookie_token(&request, &cookie) {
        Some(given) if same_secret(given, &shared.token) => {}
        _ => return respond_text(request, 403, messages::NO_TOKEN),
    }
    let path = asked.path;
    if path.contains("..") || path.to_ascii_lowercase().contains("%2e") || path.contains('\\') {
        return respond_text(request, 400, messages::BAD_PATH);
    }
    if path == "/ereignisse" {
        let seen = query_value(asked.query, "seit")
            .and_then(|value| value.parse().ok())
            .unwrap_or(0);
        let generation = shared.wait_for_change(seen);
        return respond_text(request, 200, &generation.to_string());
    }
    let (view, generation) = shared.current();
    let page = match (&*view, route(path)) {
        (_, Route::Unknown) => pages::not_found(generation),
        (View::Broken { header, error }, _) => pages::broken(header.as_deref(), error, generation),
        (View::Ready(ready), Route::Index) => pages::index(ready, generation),
        (View::Ready(ready), Route::Overview) => pages::overview(ready, generation),
        (View::Ready(ready), Route::Briefing(id)) => pages::briefing(ready, &id, generation),
        (View::Ready(ready), Route::Email(id)) => pages::email(ready, &id, generation),
    };
    respond_page(request, page);
}

enum Route {
    Index,
    Overview,
    Briefing(String),
    Email(String),
    Unknown,
}

fn route(path: &str) -> Route {
    let id = |rest: &str| percent_decode(rest).filter(|id| !id.is_empty() && !id.contains('/'));
    if path == "/" {
        Route::Index
    } else if path == "/uebersicht" {
        Route::Overview
    } else if let Some(id) = path.strip_prefix("/briefing/").and_then(id) {
        Route::Briefing(id)
    } else if let Some(id) = path.strip_prefix("/email/").and_then(id) {
        Route::Email(id)
    } else {
        Route::Unknown
    }
}

/// `%XX` sequences decoded as UTF-8; `None` for a broken one.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Opens the address in the user's browser; says so on stderr when that fails.
pub fn open_browser(address: &str) {
    let mut command = if cfg!(windows) {
        // `start` treats its first quoted argument as the window title.
        let mut command = std::process::Command::new("cmd");
        command.args(["/C", "start", ""]);
        command
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    let started = command
        .arg(address)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if started.is_err() {
        eprintln!("{}", messages::NO_BROWSER);
    }
}

/// Prints the address as the first line on stdout, opens the browser unless told not to,
/// and serves until the process ends.
pub fn run(overrides: Overrides, options: &ServeOptions, browser: bool) -> Result<(), Error> {
    let preview = start(overrides, options)?;
    let address = preview.address();
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "{}", messages::address(&address));
    let _ = stdout.flush();
    eprintln!("{}", messages::RUNNING);
    if browser {
        open_browser(&address);
    }
    preview.serve();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_own_host_names_are_allowed() {
        assert!(host_allowed(Some("127.0.0.1:8080"), 8080));
        assert!(host_allowed(Some("localhost:8080"), 8080));
        assert!(host_allowed(Some("LOCALHOST:8080"), 8080));
        assert!(!host_allowed(Some("evil.example:8080"), 8080));
        assert!(!host_allowed(Some("127.0.0.1:8081"), 8080));
        assert!(!host_allowed(Some("127.0.0.1"), 8080));
        assert!(!host_allowed(Some("127.0.0.1.evil.example:8080"), 8080));
        assert!(!host_allowed(None, 8080));
    }

    #[test]
    fn routes_and_ids() {
        assert!(matches!(route("/"), Route::Index));
        assert!(matches!(route("/uebersicht"), Route::Overview));
        assert!(matches!(route("/briefing/m%C3%BCller"), Route::Briefing(id) if id == "müller"));
        assert!(matches!(route("/email/a"), Route::Email(id) if id == "a"));
        assert!(matches!(route("/briefing/"), Route::Unknown));
        assert!(matches!(route("/briefing/a/b"), Route::Unknown));
        assert!(matches!(route("/briefing/%zz"), Route::Unknown));
        assert!(matches!(route("/templates/briefing.md.j2"), Route::Unknown));
    }

    #[test]
    fn tokens_are_compared_whole() {
        let token = new_token().unwrap();
        assert_eq!(token.len(), 64);
        assert_ne!(token, new_token().unwrap());
        assert!(same_secret(&token, &token));
        assert!(!same_secret(&token[..63], &token));
        assert!(!same_secret("", &token));
    }
}
