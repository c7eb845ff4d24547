//! `briefing serve`: the real binary on a copy of the example, asked over raw HTTP (what it
//! refuses) and through a real headless Chromium driven by chromedriver over the WebDriver
//! protocol (what it shows, and how it follows a saved change).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

use crate::support::Project;

/// A running `briefing serve`, stopped when dropped.
struct Serve {
    child: Child,
    address: String,
    port: u16,
    token: String,
}

impl Serve {
    fn start(project: &Project) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(["serve", "--kein-browser", "--stand", "2026-11-28"])
            .current_dir(project.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let address = first
            .trim()
            .strip_prefix("Vorschau: ")
            .unwrap_or_else(|| panic!("first line: {first:?}"))
            .to_string();
        let rest = address.strip_prefix("http://127.0.0.1:").unwrap();
        let (port, token) = rest.split_once("/?token=").unwrap();
        Serve {
            port: port.parse().unwrap(),
            token: token.to_string(),
            address,
            child,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn cookie(&self) -> String {
        format!("briefing-vorschau-{}={}", self.port, self.token)
    }

    /// The server's resident memory in kB (Linux).
    fn memory_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One raw HTTP/1.1 request to `addr`; the status and the whole answer (head and body). The
/// body is read by its Content-Length or its chunks, since not every server closes the
/// connection when asked to.
fn http(addr: SocketAddr, request: &str) -> (u16, String) {
    let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    (&stream).write_all(request.as_bytes()).unwrap();
    let mut reader = BufReader::new(&stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 {
            break;
        }
        head.push_str(&line);
        if line == "\r\n" {
            break;
        }
    }
    let header = |name: &str| {
        head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_string())
        })
    };
    let mut body = Vec::new();
    if let Some(length) = header("Content-Length").and_then(|l| l.parse::<usize>().ok()) {
        body.resize(length, 0);
        reader.read_exact(&mut body).unwrap();
    } else if header("Transfer-Encoding").is_some_and(|t| t.eq_ignore_ascii_case("chunked")) {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).unwrap();
            let size = usize::from_str_radix(size.trim(), 16).unwrap();
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).unwrap();
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else {
        reader.read_to_end(&mut body).unwrap();
    }
    let answer = head + &String::from_utf8_lossy(&body);
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status in {answer:?}"));
    (status, answer)
}

fn get(serve: &Serve, path: &str, host: &str, cookie: Option<&str>) -> (u16, String) {
    let cookie = cookie.map_or(String::new(), |c| format!("Cookie: {c}\r\n"));
    http(
        SocketAddr::from(([127, 0, 0, 1], serve.port)),
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{cookie}Connection: close\r\n\r\n"),
    )
}

/// An IPv4 address of this machine that is not loopback (the one a route to a documentation
/// address would leave from; connecting a UDP socket sends nothing).
fn non_loopback_address() -> IpAddr {
    let socket = UdpSocket::bind("0.0.0.0:0").unwrap();
    socket.connect("192.0.2.1:9").unwrap();
    let ip = socket.local_addr().unwrap().ip();
    assert!(
        !ip.is_loopback() && !ip.is_unspecified(),
        "this machine has no address besides loopback: {ip}"
    );
    ip
}

#[test]
fn the_preview_answers_only_its_own_requests() {
    let project = Project::shipped_example();
    let serve = Serve::start(&project);
    let own = format!("127.0.0.1:{}", serve.port);
    let cookie = serve.cookie();
    // At least 128 bits: 64 hex digits are 256.
    assert_eq!(serve.token.len(), 64, "{}", serve.address);
    assert!(serve.token.chars().all(|c| c.is_ascii_hexdigit()));

    // The token in the address becomes an HttpOnly, SameSite=Strict cookie.
    let (status, answer) = get(&serve, &format!("/?token={}", serve.token), &own, None);
    assert_eq!(status, 303, "{answer}");
    assert!(
        answer.contains(&format!(
            "Set-Cookie: {cookie}; HttpOnly; SameSite=Strict; Path=/"
        )),
        "{answer}"
    );
    let (status, answer) = get(&serve, "/", &own, Some(&cookie));
    assert_eq!(status, 200, "{answer}");
    assert!(answer.contains("Dirk Schrödter"), "{answer}");
    let (status, _) = get(
        &serve,
        "/briefing/schroedter",
        &format!("localhost:{}", serve.port),
        Some(&cookie),
    );
    assert_eq!(status, 200);

    // Another host name (DNS rebinding), even with the right cookie.
    let (status, answer) = get(
        &serve,
        "/",
        &format!("evil.example:{}", serve.port),
        Some(&cookie),
    );
    assert_eq!(status, 403, "{answer}");
    assert!(!answer.contains("Schrödter"));
    let (status, _) = get(
        &serve,
        "/",
        &format!("127.0.0.1:{}", serve.port + 1),
        Some(&cookie),
    );
    assert_eq!(status, 403);
    // No token, a wrong token in the address, a wrong cookie.
    let (status, answer) = get(&serve, "/", &own, None);
    assert_eq!(status, 403, "{answer}");
    assert!(answer.contains("Abgelehnt"), "{answer}");
    assert!(!answer.contains("Schrödter"));
    let wrong = format!("{}0", &serve.token[..63]);
    let (status, answer) = get(&serve, &format!("/?token={wrong}"), &own, None);
    assert_eq!(status, 403, "{answer}");
    assert!(!answer.contains("Set-Cookie"));
    let wrong_cookie = format!("briefing-vorschau-{}={wrong}", serve.port);
    let (status, _) = get(&serve, "/email/schroedter", &own, Some(&wrong_cookie));
    assert_eq!(status, 403);
    // Paths with `..`, plain and encoded, and files of the project by name.
    for path in [
        "/../briefing.yaml",
        "/briefing/../../inputs/sprecher.yaml",
        "/briefing/%2e%2e%2fbriefing.yaml",
    ] {
        let (status, answer) = get(&serve, path, &own, Some(&cookie));
        assert_eq!(status, 400, "{path}: {answer}");
        assert!(!answer.contains("sprecher"), "{answer}");
    }
    let (status, _) = get(&serve, "/templates/briefing.md.j2", &own, Some(&cookie));
    assert_eq!(status, 404);
    // No route changes anything.
    let (status, _) = http(
        SocketAddr::from(([127, 0, 0, 1], serve.port)),
        &format!(
            "POST /email/schroedter HTTP/1.1\r\nHost: {own}\r\nCookie: {cookie}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(status, 405);

    // Not reachable from another address of the machine.
    let outside = SocketAddr::new(non_loopback_address(), serve.port);
    let connected = TcpStream::connect_timeout(&outside, Duration::from_secs(2));
    assert!(connected.is_err(), "{outside} accepted a connection");

    // Nothing written to out/.
    assert!(!project.path().join("out").exists());
}

/// A child process killed when dropped (also when a test fails before it is used).
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A chromedriver with one headless Chromium session, ended when dropped.
struct Browser {
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
    // Last: dropped after the session is deleted.
    _driver: Killed,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A WebDriver command: method, path, JSON body; the answer's `value`.
fn webdriver(port: u16, method: &str, path: &str, body: Option<&Value>) -> Value {
    let body = body.map(Value::to_string).unwrap_or_default();
    let (status, answer) = http(
        SocketAddr::from(([127, 0, 0, 1], port)),
        &format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    );
    let (_, json) = answer.split_once("\r\n\r\n").unwrap();
    let value: Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{method} {path}: {e}: {answer}"));
    assert_eq!(status, 200, "{method} {path}: {answer}");
    value["value"].clone()
}

impl Browser {
    fn start() -> Browser {
        let port = free_port();
        let driver = Killed(
            Command::new("chromedriver")
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("chromedriver (Debian package chromium-driver)"),
        );
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().unwrap();
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--window-size=1280,800",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        }}});
        let session = webdriver(port, "POST", "/session", Some(&capabilities));
        let session = session["sessionId"].as_str().unwrap().to_string();
        let browser = Browser {
            _driver: driver,
            port,
            session,
            _profile: profile,
        };
        // The viewport of the screenshots: 1280×800 CSS pixels (the window is larger by the
        // browser's own bars, even headless).
        let inner = browser.script("return [window.innerWidth, window.innerHeight];");
        let (width, height) = (inner[0].as_i64().unwrap(), inner[1].as_i64().unwrap());
        browser.command(
            "POST",
            "/window/rect",
            Some(&json!({"width": 1280 + 1280 - width, "height": 800 + 800 - height})),
        );
        browser
    }

    fn command(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        webdriver(
            self.port,
            method,
            &format!("/session/{}{path}", self.session),
            body,
        )
    }

    fn goto(&self, url: &str) {
        self.command("POST", "/url", Some(&json!({ "url": url })));
    }

    fn script(&self, script: &str) -> Value {
        self.command(
            "POST",
            "/execute/sync",
            Some(&json!({ "script": script, "args": [] })),
        )
    }

    fn text(&self, selector: &str) -> String {
        let script = format!(
            "var e = document.querySelector({}); return e ? e.innerText : '';",
            Value::from(selector)
        );
        self.script(&script)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn screenshot(&self, path: &Path) {
        let png = self.command("GET", "/screenshot", None);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().unwrap())
            .unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// Waits until the page's text contains `wanted`; how long that took.
    fn wait_for_text(&self, wanted: &str, limit: Duration) -> Duration {
        let started = Instant::now();
        loop {
            if self.text("body").contains(wanted) {
                return started.elapsed();
            }
            assert!(
                started.elapsed() < limit,
                "after {limit:?} the page does not show {wanted:?}:\n{}",
                self.text("body")
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Deleting the session ends Chromium; chromedriver goes with `_driver`.
        let _ = webdriver_quietly(self.port, &format!("/session/{}", self.session));
    }
}

fn webdriver_quietly(port: u16, path: &str) -> std::io::Result<()> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.write_all(
        format!("DELETE {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\n\r\n")
            .as_bytes(),
    )?;
    let mut line = String::new();
    BufReader::new(&stream).read_line(&mut line).map(|_| ())
}

/// Where screenshots go when `BRIEFING_SCREENSHOTS` names a folder.
fn screenshots() -> Option<PathBuf> {
    std::env::var_os("BRIEFING_SCREENSHOTS").map(PathBuf::from)
}

/// The words of a text, for comparing the preview with pandoc's reading of the DOCX: tokens
/// without the punctuation around them, table rules and list marks dropped, sorted (pandoc
/// sets wide tables as multiline tables, which interleave the words of a row's cells).
/// Word's non-breaking hyphen (in phone numbers and addresses) reads as U+2011 in pandoc's
/// text and as a plain hyphen in the preview.
fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text
        .replace('\u{2011}', "-")
        .split_whitespace()
        .map(|word| {
            word.trim_matches(|c: char| !c.is_alphanumeric())
                .to_string()
        })
        .filter(|word| !word.is_empty())
        .collect();
    words.sort();
    words
}

/// The words of two sorted lists that the other lacks (as many times as they lack them).
fn difference(a: Vec<String>, b: Vec<String>) -> (Vec<String>, Vec<String>) {
    let (mut only_a, mut only_b) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                only_a.push(x.clone());
                i += 1;
            }
            (Some(_), Some(y)) => {
                only_b.push(y.clone());
                j += 1;
            }
            (Some(x), None) => {
                only_a.push(x.clone());
                i += 1;
            }
            (None, Some(y)) => {
                only_b.push(y.clone());
                j += 1;
            }
            (None, None) => break,
        }
    }
    (only_a, only_b)
}

fn median(durations: &mut [Duration]) -> Duration {
    durations.sort();
    durations[durations.len() / 2]
}

#[test]
#[ignore = "needs chromium, chromium-driver and pandoc; CI runs it with -- --ignored"]
fn the_browser_shows_the_month_and_follows_saved_changes() {
    let project = Project::shipped_example();
    let build = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(build.status.success(), "{}", crate::support::stderr(&build));
    let serve = Serve::start(&project);
    let browser = Browser::start();
    let size = browser.script("return [window.innerWidth, window.innerHeight];");
    assert_eq!(size, json!([1280, 800]), "viewport");

    // `/`: the month at a glance.
    browser.goto(&serve.address);
    let url = browser.script("return location.href;");
    assert_eq!(
        url,
        json!(serve.url("/")),
        "the token leaves the address bar"
    );
    let index = browser.text("body");
    for wanted in [
        "Vorschau November 2026",
        "Stand 28.11.2026",
        "Keine Probleme",
        "Änderungen seit Oktober 2026",
        "Gesundheitsministerkonferenz (GMK)",
        "neue Ansprechpersonen: 1",
        "Dirk Schrödter",
        "dirk.schroedter@example.org",
        "UMK, EnMK",
        "noch nicht gesendet",
    ] {
        assert!(index.contains(wanted), "{wanted:?} not on /:\n{index}");
    }
    let shots = screenshots();
    if let Some(dir) = &shots {
        browser.screenshot(&dir.join("index.png"));
    }

    // A briefing: the document model as HTML.
    browser.goto(&serve.url("/briefing/schroedter"));
    let briefing = browser.text("body");
    for wanted in [
        "Briefing für Dirk Schrödter",
        "IT-Planungsrat · Fachpolitische Sprecherinnen und Sprecher",
        "Stand: 28.11.2026",
        "Umweltministerkonferenz",
    ] {
        assert!(briefing.contains(wanted), "{wanted:?} not in the briefing");
    }
    let notes = browser.script("return document.querySelectorAll('.fussnote').length;");
    assert!(notes.as_u64().unwrap() >= 10, "footnotes: {notes}");
    let headers = browser.script("return document.querySelectorAll('table thead th').length;");
    assert!(
        headers.as_u64().unwrap() >= 2,
        "table header cells: {headers}"
    );
    let colour = browser.script(
        "return getComputedStyle(document.querySelector('.dokument h1, .dokument h2')).color;",
    );
    assert_eq!(
        colour,
        json!("rgb(0, 75, 90)"),
        "heading colour of referenz.docx"
    );
    if let Some(dir) = &shots {
        browser.screenshot(&dir.join("briefing.png"));
    }
    // Its text is the DOCX's text (pandoc), page header and footer aside.
    let docx = project.out("2026-11/briefing-schroedter.docx");
    let pandoc = Command::new("pandoc")
        .args(["-f", "docx", "-t", "plain", "--wrap=none"])
        .arg(&docx)
        .output()
        .expect("pandoc");
    assert!(pandoc.status.success());
    let docx_text = String::from_utf8(pandoc.stdout).unwrap();
    // pandoc writes footnote marks as "[n]": the preview's marks get the brackets too.
    browser.script(
        "document.querySelectorAll('.fn-verweis a, .fn-nummer')\
         .forEach(function(e){ e.textContent = '[' + e.textContent + ']'; }); return 1;",
    );
    let preview_text = browser.text("main.text");
    let (only_preview, only_docx) = difference(words(&preview_text), words(&docx_text));
    assert!(
        only_preview.is_empty() && only_docx.is_empty(),
        "only in the preview: {only_preview:?}\nonly in the DOCX: {only_docx:?}"
    );

    // The overview.
    browser.goto(&serve.url("/uebersicht"));
    let overview = browser.text("body");
    for wanted in [
        "Übersicht der Fachministerkonferenzen",
        // Name and code on two lines of the conference cell.
        "Digitalministerkonferenz",
        "(DMK)",
        "Dr. Katrin Lehmann",
    ] {
        assert!(overview.contains(wanted), "{wanted:?} not in the overview");
    }

    // An e-mail as send would write it.
    browser.goto(&serve.url("/email/schroedter"));
    let email = browser.text("body");
    for wanted in [
        "FITKO (Föderale IT-Kooperation)",
        "Dirk Schrödter <dirk.schroedter@example.org>",
        "Ihr Briefing als fachpolitischer Sprecher des IT-Planungsrates – November 2026",
        "Sehr geehrter Herr Schrödter,",
        "Briefing Dirk Schrödter November 2026.docx",
        "Termine Dirk Schrödter November 2026.ics",
        "So baut send die Nachricht",
    ] {
        assert!(
            email.contains(wanted),
            "{wanted:?} not in the e-mail:\n{email}"
        );
    }
    if let Some(dir) = &shots {
        browser.screenshot(&dir.join("email.png"));
    }

    // Live: a saved template partial shows in the open briefing, which keeps its scroll
    // position and is not loaded anew (a value set on the page survives).
    let partial = project.path().join("templates/partials/leitfragen.md.j2");
    let original = std::fs::read_to_string(&partial).unwrap();
    browser.goto(&serve.url("/briefing/schroedter"));
    browser.script("window.scrollTo(0, 600); window.keptByThePage = 'ja'; return 1;");
    let mut times = Vec::new();
    for round in 1..=10 {
        std::fs::write(
            &partial,
            format!("{original}\nLiveprobe Nummer {round} gespeichert.\n"),
        )
        .unwrap();
        times.push(browser.wait_for_text(
            &format!("Liveprobe Nummer {round} gespeichert."),
            Duration::from_secs(10),
        ));
    }
    let scrolled = browser.script("return [window.scrollY, window.keptByThePage];");
    assert_eq!(
        scrolled,
        json!([600, "ja"]),
        "scroll position and page kept"
    );
    let times_ms: Vec<u128> = times.iter().map(Duration::as_millis).collect();
    let median = median(&mut times);
    eprintln!(
        "save to updated page (example), ms: {times_ms:?}; median {} ms; server memory {} kB",
        median.as_millis(),
        serve.memory_kb()
    );
    assert!(median < Duration::from_secs(1), "median {median:?}");

    // A broken template turns the page into the error view with file and line; fixing it
    // brings the document back.
    std::fs::write(&partial, format!("{original}\n{{% if %}}\n")).unwrap();
    browser.wait_for_text(
        "Der Monat lässt sich so nicht erstellen",
        Duration::from_secs(10),
    );
    let error = browser.text("body");
    let line = original.lines().count() + 2;
    assert!(
        error.contains(&format!("leitfragen.md.j2:{line}")),
        "file and line of the error:\n{error}"
    );
    assert!(error.contains("{% if %}"), "the line itself:\n{error}");
    std::fs::write(&partial, &original).unwrap();
    browser.wait_for_text("Briefing für Dirk Schrödter", Duration::from_secs(10));
    assert!(!browser.text("body").contains("Liveprobe"));
}
