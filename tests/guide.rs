//! The editors' guide (`templates/README.md`) documents every variable the templates receive
//! and every filter. The data is the static check's sample (`render::shape::full_sample`,
//! every optional field filled), so a field added to the model fails this test until the
//! guide describes it.

use briefing::model::*;
use minijinja::value::{Value, ValueKind};

use crate::support::*;

/// Every leaf path in the data, as the guide writes them (`konferenzen[].name`).
fn paths(value: &Value, prefix: &str, out: &mut Vec<String>) {
    match value.kind() {
        ValueKind::Map => {
            for key in value.try_iter().unwrap() {
                let name = key.as_str().unwrap().to_string();
                let child = value.get_item(&key).unwrap();
                let path = if prefix.is_empty() {
                    name
                } else {
                    format!("{prefix}.{name}")
                };
                out.push(path.clone());
                paths(&child, &path, out);
            }
        }
        ValueKind::Seq => {
            let first = value.get_item(&Value::from(0)).unwrap();
            if first.kind() == ValueKind::Map {
                paths(&first, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

/// A conference's meetings have the fields of `termine[]`, documented once; the contacts and
/// meetings in a conference's changes have the fields of contacts and meetings.
fn as_documented(path: &str) -> String {
    const SAME_AS: &[(&str, &str)] = &[
        ("konferenzen[].termine[].", "termine[]."),
        ("aenderungen.neue_termine[].", "termine[]."),
        ("aenderungen.abgesagte_termine[].", "termine[]."),
        ("aenderungen.verschobene_termine[].vorher.", "termine[]."),
        ("aenderungen.verschobene_termine[].jetzt.", "termine[]."),
        ("aenderungen.geaenderte_termine[].vorher.", "termine[]."),
        ("aenderungen.geaenderte_termine[].jetzt.", "termine[]."),
        (
            "aenderungen.neue_ansprechpersonen[].",
            "ansprechpersonen[].",
        ),
        (
            "aenderungen.entfallene_ansprechpersonen[].",
            "ansprechpersonen[].",
        ),
        (
            "aenderungen.geaenderte_ansprechpersonen[].vorher.",
            "ansprechpersonen[].",
        ),
        (
            "aenderungen.geaenderte_ansprechpersonen[].jetzt.",
            "ansprechpersonen[].",
        ),
    ];
    for (prefix, documented) in SAME_AS {
        if let Some(at) = path.find(prefix) {
            let field = &path[at + prefix.len()..];
            return if documented.starts_with("termine") {
                format!("{documented}{field}")
            } else {
                format!("konferenzen[].{documented}{field}")
            };
        }
    }
    path.to_string()
}

#[test]
fn the_guide_documents_every_variable_of_every_template() {
    let guide = std::fs::read_to_string(repo().join("templates/README.md")).unwrap();
    // The same sample `check` derives the templates' data shape from (one source of truth).
    let model = briefing::render::shape::full_sample();
    let briefing = model.briefing(&model.sprecher[0].id).unwrap();
    let mut all = Vec::new();
    paths(
        &Value::from(minijinja::value::Serde(&briefing)),
        "",
        &mut all,
    );
    paths(&Value::from(minijinja::value::Serde(&model)), "", &mut all);
    // The e-mail's data: the briefing's and `korrektur`, whose changes are documented once.
    let email = briefing::render::shape::email_sample(&model, &briefing);
    let mut email_paths = Vec::new();
    paths(
        &Value::from(minijinja::value::Serde(&email)),
        "",
        &mut email_paths,
    );
    assert!(email_paths.contains(&"korrektur.gesendet_am".to_string()));
    all.extend(email_paths.into_iter().map(|path| {
        match path.strip_prefix("korrektur.konferenzen[].aenderungen.") {
            Some(field) => format!("konferenzen[].aenderungen.{field}"),
            None => path,
        }
    }));
    assert!(
        all.contains(&"konferenzen[].ansprechpersonen[].email".to_string()),
        "{all:?}"
    );
    let missing: Vec<String> = all
        .iter()
        .map(|path| as_documented(path))
        .filter(|path| !guide.contains(&format!("`{path}`")))
        .collect();
    assert!(missing.is_empty(), "templates/README.md lacks: {missing:?}");
}

#[test]
fn the_guide_documents_every_filter() {
    let guide = std::fs::read_to_string(repo().join("templates/README.md")).unwrap();
    for filter in briefing::render::filters::FILTER_NAMES {
        assert!(
            guide.contains(&format!("| `{filter}` |")),
            "templates/README.md lacks the filter {filter}"
        );
    }
}

/// The indexed lookup gives each briefing its conferences in roster-entry order and the
/// meetings of all of them in the model's order (by date, open dates last), also when the
/// conferences' meetings interleave; other conferences' meetings stay out.
#[test]
fn briefing_contexts_keep_the_model_order() {
    let mut model = briefing::render::shape::full_sample();
    let meeting = |code: &str, day: &str| Termin {
        konferenz: code.into(),
        beginn: Some(date(day)),
        ende: Some(date(day)),
        datum_offen: None,
        ..model.termine[0].clone()
    };
    let mut gmk = model.konferenzen[0].clone();
    gmk.kuerzel = "GMK".into();
    let mut other = gmk.clone();
    other.kuerzel = "UMK".into();
    model.konferenzen.extend([gmk, other]);
    model.termine = vec![
        meeting("GMK", "2026-12-01"),
        meeting("IMK", "2026-12-02"),
        meeting("UMK", "2026-12-03"),
        meeting("GMK", "2027-01-10"),
        meeting("IMK", "2027-02-01"),
        Termin {
            konferenz: "GMK".into(),
            beginn: None,
            ende: None,
            datum_offen: Some("Herbst 2027".into()),
            ..model.termine[0].clone()
        },
    ];
    model.sprecher[0].konferenzen = vec!["GMK".into(), "IMK".into()];
    let contexts = BriefingContexts::new(&model);
    let context = contexts.of(&model.sprecher[0]);
    let codes: Vec<&str> = context
        .konferenzen
        .iter()
        .map(|k| k.kuerzel.as_str())
        .collect();
    assert_eq!(codes, ["GMK", "IMK"]);
    let days: Vec<String> = context
        .termine
        .iter()
        .map(|t| format!("{} {:?}", t.konferenz, t.beginn))
        .collect();
    assert_eq!(days.len(), 5, "{days:?}");
    // The same as filtering the model's meetings, which is what a briefing promises.
    let filtered: Vec<&Termin> = model
        .termine
        .iter()
        .filter(|t| t.konferenz != "UMK")
        .collect();
    assert_eq!(context.termine.len(), filtered.len());
    for (got, want) in context.termine.iter().zip(&filtered) {
        assert!(std::ptr::eq(*got, *want), "{days:?}");
    }
    assert_eq!(
        context.termine[4].datum_offen.as_deref(),
        Some("Herbst 2027")
    );
}

// --- The staff guide (`docs/monatslauf.md`) quotes only what the program prints.

/// The program messages the staff guide quotes: its inline code spans (single or double
/// backticks, outside fenced blocks and comments) that hold a space and are not a command,
/// an option or a line of `briefing.yaml`.
fn quoted_messages(guide: &str) -> Vec<String> {
    let mut text = String::new();
    let mut fenced = false;
    for line in guide.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            text.push_str(line);
            text.push('\n');
        }
    }
    while let Some(start) = text.find("<!--") {
        let end = text[start..]
            .find("-->")
            .map_or(text.len(), |e| start + e + 3);
        text.replace_range(start..end, "");
    }
    let spans = regex_lite_spans(&text);
    // Commands, settings and template syntax the guide shows, not messages.
    const NOT_MESSAGES: [&str; 10] = [
        "briefing ",
        "cd ",
        "set ",
        "$env",
        "read ",
        "cargo ",
        "stand: ",
        "verschluesselung: ",
        "{% ",
        "{{ ",
    ];
    spans
        .into_iter()
        .filter(|span| span.contains(' '))
        .filter(|span| !NOT_MESSAGES.iter().any(|prefix| span.starts_with(prefix)))
        .filter(|span| !span.starts_with("--") || span.contains(':'))
        .collect()
}

/// Inline code spans: a run of backticks, the text, the same run again.
fn regex_lite_spans(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'`' {
            at += 1;
            continue;
        }
        let ticks = bytes[at..].iter().take_while(|b| **b == b'`').count();
        let fence = "`".repeat(ticks);
        let start = at + ticks;
        match text[start..].find(&fence) {
            Some(length) => {
                // A span broken over lines reads as one line (as Markdown shows it).
                let span = text[start..start + length].split_whitespace();
                spans.push(span.collect::<Vec<_>>().join(" "));
                at = start + length + ticks;
            }
            None => break,
        }
    }
    spans
}

/// Numbers, dates and times vary between the guide's example and a run.
fn normalized(text: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                out.push('#');
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(c);
        }
    }
    out
}

/// Whether `line` holds every part of `quote` (split at "…") in order.
fn quotes(line: &str, quote: &str) -> bool {
    let line = normalized(line);
    let mut rest = line.as_str();
    for part in normalized(quote)
        .split('…')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// Everything the runs printed, line by line.
#[derive(Default)]
struct Seen(Vec<String>);

impl Seen {
    fn add(&mut self, output: &std::process::Output) {
        for text in [stdout(output), stderr(output)] {
            self.0.extend(text.lines().map(str::to_string));
        }
    }

    fn run(&mut self, project: &Project, args: &[&str]) -> std::process::Output {
        let output = project.run(args);
        self.add(&output);
        output
    }
}

fn example_without_stand() -> Project {
    let project = Project::shipped_example();
    let config = std::fs::read_to_string(project.path().join("briefing.yaml")).unwrap();
    let config: String = config
        .lines()
        .filter(|line| !line.starts_with("stand:"))
        .map(|line| format!("{line}\n"))
        .collect();
    project.write("briefing.yaml", &config);
    project
}

/// Runs the month as the guide tells it, with the faults its table explains, on the shipped
/// example against the fault-injecting SMTP server, and checks that each message the guide
/// quotes is a line one of these runs printed.
#[test]
fn the_staff_guide_quotes_only_messages_the_program_prints() {
    let guide = std::fs::read_to_string(repo().join("docs/monatslauf.md")).unwrap();
    let (guide, _) = split_mail_server_section(&guide);
    let quoted = quoted_messages(&guide);
    assert!(quoted.len() >= 30, "{quoted:#?}");
    let mut seen = Seen::default();

    // The example as shipped (its Stand from briefing.yaml), then without it (today).
    let shipped = Project::shipped_example();
    seen.run(&shipped, &["check"]);
    let project = example_without_stand();
    seen.run(&project, &["check"]);
    std::fs::create_dir_all(project.path().join("inputs/Dezember 2026")).unwrap();
    seen.run(&project, &["build", "--stand", "2026-11-28"]);
    std::fs::remove_dir(project.path().join("inputs/Dezember 2026")).unwrap();
    seen.run(&project, &["send", "--dry-run"]);
    seen.run(&project, &["send"]);
    let server = SmtpServer::start();
    seen.add(&server.send_on_terminal(&project, "n"));
    for to in ["ich@", "stephan.manke@example.org"] {
        seen.add(&server.send(&project, &["--to", to]));
    }
    server.set(r#"{"reject": ["stephan.manke@example.org"]}"#);
    seen.add(&server.send(&project, &[]));
    server.set("{}");
    seen.add(&server.send(&project, &[]));
    seen.add(&server.send(&project, &[]));

    // A correction: rebuilt with another Stand, reviewed, sent to two.
    seen.run(&project, &["build", "--stand", "2026-11-29"]);
    seen.add(&server.send(&project, &[]));
    seen.run(&project, &["send", "--dry-run"]);
    seen.add(&server.send(
        &project,
        &["--resend-changed", "--only", "manke", "--only", "sauer"],
    ));
    // The forgotten new month folder: the sent month keeps its Stand and says so.
    seen.run(&project, &["build"]);
    // Outdated documents.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let roster = std::fs::read_to_string(project.input("sprecher.yaml")).unwrap();
    project.write("inputs/sprecher.yaml", &roster);
    seen.add(&server.send(&project, &[]));
    // Someone without an address.
    project.write(
        "inputs/sprecher.yaml",
        &roster.replace("    email: stephan.manke@example.org\n", ""),
    );
    seen.run(&project, &["build", "--stand", "2026-11-28"]);
    seen.run(&project, &["send", "--dry-run"]);

    // A message whose 250 never came, then recorded as arrived.
    let other = Project::shipped_example();
    seen.run(&other, &["build"]);
    server.set(r#"{"slow_after_data": 3}"#);
    seen.add(&server.send(&other, &["--only", "manke", "--smtp-timeout", "1"]));
    server.set("{}");
    seen.run(&other, &["send", "--angekommen", "manke"]);
    // Faults of the server.
    let fresh = Project::shipped_example();
    seen.run(&fresh, &["build"]);
    seen.add(&fresh.run(&send_args(closed_port(), "none")));
    seen.add(&fresh.run(&send_args(server.port, "starttls")));
    server.set(r#"{"auth_required": true}"#);
    seen.add(&server.send(&fresh, &[]));
    server.set(r#"{"stall": true}"#);
    seen.add(&server.send(&fresh, &["--smtp-timeout", "1"]));
    server.set("{}");
    // Another run holds the output folder.
    let mut holder = std::process::Command::new("python3")
        .arg("-c")
        .arg(
            "import fcntl,sys,time\nf=open(sys.argv[1],'a')\nfcntl.flock(f,fcntl.LOCK_EX)\n\
             print('locked',flush=True)\ntime.sleep(30)",
        )
        .arg(fresh.out(".briefing.lock"))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut ready = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(holder.stdout.as_mut().unwrap()),
        &mut ready,
    )
    .unwrap();
    seen.run(&fresh, &["build"]);
    let _ = holder.kill();
    let _ = holder.wait();
    // Ctrl+C while sending.
    server.set(r#"{"slow_after_data": 2}"#);
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(server.send_args())
        .current_dir(fresh.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let before = server.received().len();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while server.received().len() == before {
        assert!(std::time::Instant::now() < deadline, "nothing arrived");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    seen.add(&child.wait_with_output().unwrap());
    // Run from the wrong folder: no settings file.
    std::fs::remove_file(fresh.path().join("briefing.yaml")).unwrap();
    seen.run(&fresh, &["check"]);

    let missing: Vec<&String> = quoted
        .iter()
        .filter(|quote| !seen.0.iter().any(|line| quotes(line, quote)))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/monatslauf.md quotes what no run printed: {missing:#?}"
    );
}

#[test]
fn the_guide_check_finds_a_message_the_program_does_not_print() {
    let old = "Am Ende steht `2026-12: inputs and templates are valid (12 briefing(s))`.";
    let quoted = quoted_messages(old);
    assert_eq!(
        quoted,
        ["2026-12: inputs and templates are valid (12 briefing(s))"]
    );
    let printed = "2026-11: Eingaben und Vorlagen sind in Ordnung (12 Briefings und die Übersicht, 0 Warnungen)";
    assert!(!quotes(printed, &quoted[0]));
    assert!(quotes(
        printed,
        "2026-12: Eingaben und Vorlagen sind in Ordnung (3 Briefings …)"
    ));
}

/// The guide without its section on the office's mail server, and that section. The TLS
/// faults it explains need a TLS server with a test CA (tests/tls.rs, run with `--ignored`),
/// which the fault server here does not offer.
fn split_mail_server_section(guide: &str) -> (String, String) {
    const HEADING: &str = "## Der Mailserver";
    let Some(start) = guide.find(HEADING) else {
        return (guide.to_string(), String::new());
    };
    let end = guide[start + HEADING.len()..]
        .find("\n## ")
        .map_or(guide.len(), |at| start + HEADING.len() + at + 1);
    let rest = format!("{}{}", &guide[..start], &guide[end..]);
    (rest, guide[start..end].to_string())
}

/// The mail-server section quotes only texts of the program's messages: each piece of a quote
/// (between "…") occurs in `src/messages/`, whose functions the TLS tests show printed.
#[test]
fn the_guide_quotes_the_mail_server_messages_the_program_has() {
    let guide = std::fs::read_to_string(repo().join("docs/monatslauf.md")).unwrap();
    let (_, section) = split_mail_server_section(&guide);
    let quoted = quoted_messages(&section);
    assert!(quoted.len() >= 8, "{quoted:#?}");
    let mut sources = String::new();
    for entry in std::fs::read_dir(repo().join("src/messages")).unwrap() {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        // Join Rust's string continuations (`\` at a line's end drops the break and the
        // next line's indentation), so a text reads as the program prints it.
        let mut lines = source.split('\n');
        if let Some(first) = lines.next() {
            sources.push_str(first);
        }
        for line in lines {
            if sources.ends_with('\\') {
                sources.pop();
                sources.push_str(line.trim_start());
            } else {
                sources.push('\n');
                sources.push_str(line);
            }
        }
    }
    let missing: Vec<&String> = quoted
        .iter()
        .filter(|quote| {
            quote
                .split('…')
                .map(str::trim)
                .filter(|piece| !piece.is_empty())
                .any(|piece| !sources.contains(piece))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "docs/monatslauf.md quotes mail-server messages src/messages/ does not have: {missing:#?}"
    );
}
