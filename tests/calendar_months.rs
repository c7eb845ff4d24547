//! Calendars over months: three generated months of real `.xlsx` lists (November 2026,
//! December 2026 and January 2027; the meeting list has a grouped header "Datum" over
//! "Von | Bis" with real merged cells), built one after the other as FITKO does. A meeting
//! keeps its UID while it is the same meeting (when a namesake joins, when it moves among
//! same-named ones, when its place or remark changes), `SEQUENCE` grows with each change,
//! and cancelled meetings (struck through, "entfällt" in the remark, dropped from the list)
//! stay in the files with `STATUS:CANCELLED` until they have passed. The last test imports
//! each month's file into a real CalDAV store (Radicale) as a client does.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::support::*;

/// One row of a generated meeting list.
#[derive(Clone)]
struct Row {
    conference: &'static str,
    name: &'static str,
    from: &'static str,
    to: &'static str,
    place: &'static str,
    remark: &'static str,
    struck: bool,
}

fn row(
    conference: &'static str,
    name: &'static str,
    from: &'static str,
    place: &'static str,
) -> Row {
    Row {
        conference,
        name,
        from,
        to: from,
        place,
        remark: "",
        struck: false,
    }
}

impl Row {
    fn until(mut self, to: &'static str) -> Row {
        self.to = to;
        self
    }
    fn remark(mut self, remark: &'static str) -> Row {
        self.remark = remark;
        self
    }
    fn struck(mut self) -> Row {
        self.struck = true;
        self
    }
}

/// The meeting list as offices lay out a date range: "Datum" merged over two columns with
/// "Von | Bis" below, the other headers merged over both header rows.
fn write_grouped_meetings(path: &Path, rows: &[Row]) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Termine").unwrap();
    let plain = Format::new();
    for (column, header) in [
        (0, "Konferenz"),
        (1, "Sitzung"),
        (4, "Ort"),
        (5, "Bemerkung"),
    ] {
        sheet
            .merge_range(0, column, 1, column, header, &plain)
            .unwrap();
    }
    sheet.merge_range(0, 2, 0, 3, "Datum", &plain).unwrap();
    sheet.write_string(1, 2, "Von").unwrap();
    sheet.write_string(1, 3, "Bis").unwrap();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    for (index, meeting) in rows.iter().enumerate() {
        let r = index as u32 + 2;
        let (text, day) = if meeting.struck {
            (
                Format::new().set_font_strikethrough(),
                date.clone().set_font_strikethrough(),
            )
        } else {
            (Format::new(), date.clone())
        };
        let excel = |text: &str| {
            let d = crate::support::date(text);
            ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).unwrap()
        };
        sheet
            .write_string_with_format(r, 0, meeting.conference, &text)
            .unwrap();
        sheet
            .write_string_with_format(r, 1, meeting.name, &text)
            .unwrap();
        sheet
            .write_datetime_with_format(r, 2, excel(meeting.from), &day)
            .unwrap();
        sheet
            .write_datetime_with_format(r, 3, excel(meeting.to), &day)
            .unwrap();
        sheet
            .write_string_with_format(r, 4, meeting.place, &text)
            .unwrap();
        if !meeting.remark.is_empty() {
            sheet
                .write_string_with_format(r, 5, meeting.remark, &text)
                .unwrap();
        }
    }
    workbook.save(path).unwrap();
}

fn november() -> Vec<Row> {
    vec![
        row("AMK", "Amtschefkonferenz", "2026-12-10", "Bonn"),
        row("AMK", "Sommerkonferenz", "2027-06-17", "Köln"),
        row("AMK", "Klausur", "2027-07-08", "Kiel"),
        row("BMK", "Plenarsitzung", "2027-01-14", "Berlin"),
        row("BMK", "Plenarsitzung", "2027-03-11", "Berlin"),
        row("BMK", "Plenarsitzung", "2027-05-12", "Berlin"),
        row("BMK", "Herbstkonferenz", "2027-10-13", "Jena").until("2027-10-14"),
        row("CMK", "Frühjahrskonferenz", "2027-04-20", "Dresden").remark("mit Presse"),
        row("CMK", "Sondersitzung", "2027-02-25", "Leipzig"),
    ]
}

fn december() -> Vec<Row> {
    vec![
        row("AMK", "Amtschefkonferenz", "2026-12-10", "Bonn"),
        // A namesake joins the window.
        row("AMK", "Amtschefkonferenz", "2027-06-10", "Bonn"),
        row("AMK", "Sommerkonferenz", "2027-06-17", "Köln").struck(),
        row("AMK", "Klausur", "2027-07-08", "Kiel").remark("entfällt"),
        row("BMK", "Neujahrsempfang", "2027-01-20", "Berlin"),
        row("BMK", "Plenarsitzung", "2027-01-14", "Berlin"),
        // Moved among three of the same name, to another place.
        row("BMK", "Plenarsitzung", "2027-03-18", "Potsdam"),
        row("BMK", "Plenarsitzung", "2027-05-12", "Berlin"),
        row("BMK", "Herbstkonferenz", "2027-10-13", "Weimar").until("2027-10-14"),
        row("CMK", "Frühjahrskonferenz", "2027-04-20", "Dresden").remark("ohne Presse"),
        // CMK's special session is gone from the list while still ahead.
    ]
}

fn january() -> Vec<Row> {
    vec![
        // December's meeting has passed and left the list.
        row("AMK", "Amtschefkonferenz", "2027-06-10", "Bonn"),
        row("AMK", "Sommerkonferenz", "2027-06-17", "Köln").struck(),
        // The cancelled retreat is no longer listed at all.
        row("BMK", "Plenarsitzung", "2027-01-14", "Berlin"),
        row("BMK", "Neujahrsempfang", "2027-01-20", "Berlin"),
        row("BMK", "Plenarsitzung", "2027-03-18", "Potsdam"),
        row("BMK", "Plenarsitzung", "2027-05-12", "Berlin"),
        row("BMK", "Herbstkonferenz", "2027-10-13", "Weimar").until("2027-10-14"),
        row("CMK", "Frühjahrskonferenz", "2027-04-20", "Dresden").remark("ohne Presse"),
    ]
}

/// The months in build order: folder, Stand, the meeting list.
fn months() -> [(&'static str, &'static str, Vec<Row>); 3] {
    [
        ("2026-11", "2026-11-28", november()),
        ("2026-12", "2026-12-01", december()),
        ("2027-01", "2027-01-05", january()),
    ]
}

fn three_months() -> Project {
    let project = Project::with_shipped_templates();
    project.write("inputs/sprecher.yaml", ROSTER);
    project.write("inputs/beschluesse.yaml", DECISIONS);
    for (month, _, rows) in months() {
        write_xlsx(
            &project.input(&format!("{month}/ansprechpartner.xlsx")),
            "Ansprechpersonen",
            &[],
            &["Konferenz", "Ansprechperson", "E-Mail"],
            &[
                vec![t("AMK"), t("Anna Alpha"), t("anna@example.org")],
                vec![t("BMK"), t("Bernd Beta"), t("bernd@example.org")],
                vec![t("CMK"), t("Gina Gamma"), t("gina@example.org")],
            ],
        );
        write_grouped_meetings(&project.input(&format!("{month}/termine.xlsx")), &rows);
    }
    project
}

/// An event's properties by name (parameters dropped), from an iCalendar text with CRLF or
/// LF line ends.
type Event = BTreeMap<String, String>;

fn events(text: &str) -> Vec<Event> {
    let unfolded = text.replace("\r\n", "\n").replace("\n ", "");
    let mut out = Vec::new();
    let mut current: Option<Event> = None;
    for line in unfolded.lines() {
        match line {
            "BEGIN:VEVENT" => current = Some(Event::new()),
            "END:VEVENT" => out.push(current.take().expect("END without BEGIN")),
            _ => {
                if let Some(event) = current.as_mut() {
                    let (name, value) = line.split_once(':').unwrap();
                    let name = name.split(';').next().unwrap();
                    event.insert(name.to_string(), value.to_string());
                }
            }
        }
    }
    out
}

fn overview_events(project: &Project, month: &str) -> Vec<Event> {
    let path = project.out(&format!("{month}/termine-uebersicht.ics"));
    events(&std::fs::read_to_string(path).unwrap())
}

/// The event whose summary is `summary` starting on `day` (YYYYMMDD).
fn find<'a>(events: &'a [Event], summary: &str, day: &str) -> &'a Event {
    events
        .iter()
        .find(|e| e["SUMMARY"] == summary && e["DTSTART"] == day)
        .unwrap_or_else(|| panic!("no {summary} on {day} in {events:#?}"))
}

fn build(project: &Project, month: &str, stand: &str) -> String {
    let output = project.run(&["build", "--month", month, "--stand", stand]);
    assert!(output.status.success(), "{}", stderr(&output));
    stderr(&output)
}

/// (meeting, UID in November, December, January): the meetings that are the same meeting
/// in the months they appear in, with the UID each month's file gave them.
type UidRow = (String, Vec<String>);

#[test]
fn uids_hold_over_three_months_and_cancellations_cancel() {
    let project = three_months();
    let mut files = Vec::new();
    for (month, stand, _) in months() {
        let warnings = build(&project, month, stand);
        assert!(
            !warnings.contains("keine Überschrift"),
            "the grouped header is read whole: {warnings}"
        );
        files.push(overview_events(&project, month));
    }
    let [nov, dec, jan] = [&files[0], &files[1], &files[2]];

    // The grouped "Datum / Von | Bis" header: the two-day meeting has both days.
    let autumn = find(nov, "BMK: Herbstkonferenz", "20271013");
    assert_eq!(autumn["DTEND"], "20271015");

    let uid =
        |events: &[Event], summary: &str, day: &str| find(events, summary, day)["UID"].clone();
    let rows: Vec<UidRow> = vec![
        (
            "AMK Amtschefkonferenz 10.12.2026".into(),
            vec![
                uid(nov, "AMK: Amtschefkonferenz", "20261210"),
                uid(dec, "AMK: Amtschefkonferenz", "20261210"),
            ],
        ),
        (
            "BMK Plenarsitzung 14.01.2027".into(),
            vec![
                uid(nov, "BMK: Plenarsitzung", "20270114"),
                uid(dec, "BMK: Plenarsitzung", "20270114"),
                uid(jan, "BMK: Plenarsitzung", "20270114"),
            ],
        ),
        (
            "BMK Plenarsitzung 11.03. -> 18.03.2027 (verschoben, neuer Ort)".into(),
            vec![
                uid(nov, "BMK: Plenarsitzung", "20270311"),
                uid(dec, "BMK: Plenarsitzung", "20270318"),
                uid(jan, "BMK: Plenarsitzung", "20270318"),
            ],
        ),
        (
            "BMK Plenarsitzung 12.05.2027".into(),
            vec![
                uid(nov, "BMK: Plenarsitzung", "20270512"),
                uid(dec, "BMK: Plenarsitzung", "20270512"),
                uid(jan, "BMK: Plenarsitzung", "20270512"),
            ],
        ),
        (
            "BMK Herbstkonferenz 13./14.10.2027 (Ort geändert)".into(),
            vec![
                uid(nov, "BMK: Herbstkonferenz", "20271013"),
                uid(dec, "BMK: Herbstkonferenz", "20271013"),
                uid(jan, "BMK: Herbstkonferenz", "20271013"),
            ],
        ),
        (
            "CMK Frühjahrskonferenz 20.04.2027 (Bemerkung geändert)".into(),
            vec![
                uid(nov, "CMK: Frühjahrskonferenz", "20270420"),
                uid(dec, "CMK: Frühjahrskonferenz", "20270420"),
                uid(jan, "CMK: Frühjahrskonferenz", "20270420"),
            ],
        ),
        (
            "AMK Sommerkonferenz 17.06.2027 (durchgestrichen)".into(),
            vec![
                uid(nov, "AMK: Sommerkonferenz", "20270617"),
                uid(dec, "Abgesagt: AMK: Sommerkonferenz", "20270617"),
                uid(jan, "Abgesagt: AMK: Sommerkonferenz", "20270617"),
            ],
        ),
        (
            "AMK Klausur 08.07.2027 (Bemerkung „entfällt“)".into(),
            vec![
                uid(nov, "AMK: Klausur", "20270708"),
                uid(dec, "Abgesagt: AMK: Klausur", "20270708"),
                uid(jan, "Abgesagt: AMK: Klausur", "20270708"),
            ],
        ),
        (
            "CMK Sondersitzung 25.02.2027 (aus der Liste gefallen)".into(),
            vec![
                uid(nov, "CMK: Sondersitzung", "20270225"),
                uid(dec, "Abgesagt: CMK: Sondersitzung", "20270225"),
                uid(jan, "Abgesagt: CMK: Sondersitzung", "20270225"),
            ],
        ),
        (
            "AMK Amtschefkonferenz 10.06.2027 (neu im Dezember)".into(),
            vec![
                uid(dec, "AMK: Amtschefkonferenz", "20270610"),
                uid(jan, "AMK: Amtschefkonferenz", "20270610"),
            ],
        ),
    ];
    for (meeting, uids) in &rows {
        println!("{meeting}: {}", uids.join(" | "));
        assert!(uids.windows(2).all(|w| w[0] == w[1]), "{meeting}: {uids:?}");
    }
    let all: std::collections::BTreeSet<&String> = rows.iter().map(|(_, uids)| &uids[0]).collect();
    assert_eq!(all.len(), rows.len(), "every meeting its own UID");

    // SEQUENCE and STATUS as a calendar compares them.
    let seq = |events: &[Event], summary: &str, day: &str| {
        let e = find(events, summary, day);
        (e["SEQUENCE"].clone(), e["STATUS"].clone())
    };
    let confirmed = |n: &str| (n.to_string(), "CONFIRMED".to_string());
    let cancelled = |n: &str| (n.to_string(), "CANCELLED".to_string());
    assert_eq!(seq(nov, "BMK: Plenarsitzung", "20270311"), confirmed("0"));
    assert_eq!(seq(dec, "BMK: Plenarsitzung", "20270318"), confirmed("1"));
    assert_eq!(seq(jan, "BMK: Plenarsitzung", "20270318"), confirmed("1"));
    assert_eq!(seq(dec, "BMK: Plenarsitzung", "20270114"), confirmed("0"));
    assert_eq!(seq(dec, "BMK: Herbstkonferenz", "20271013"), confirmed("1"));
    assert_eq!(
        seq(dec, "CMK: Frühjahrskonferenz", "20270420"),
        confirmed("1")
    );
    assert_eq!(
        seq(dec, "Abgesagt: AMK: Sommerkonferenz", "20270617"),
        cancelled("1")
    );
    assert_eq!(
        seq(jan, "Abgesagt: AMK: Klausur", "20270708"),
        cancelled("1")
    );
    assert_eq!(
        seq(jan, "Abgesagt: CMK: Sondersitzung", "20270225"),
        cancelled("1")
    );
    assert_eq!(
        find(dec, "BMK: Plenarsitzung", "20270318")["LOCATION"],
        "Potsdam"
    );
    assert_eq!(
        find(jan, "CMK: Frühjahrskonferenz", "20270420")["DESCRIPTION"],
        "Gammaministerkonferenz\\nohne Presse"
    );
    // January: the past December meeting is gone; nothing else.
    assert_eq!(jan.len(), 10, "{jan:#?}");
    assert!(
        jan.iter().all(|e| e["DTSTART"].as_str() >= "20270105"),
        "{jan:#?}"
    );
    // A later Stand, a later stamp.
    assert!(jan[0]["DTSTAMP"] > dec[0]["DTSTAMP"]);

    // Readable calendar names, the same producer in every file.
    let named = |file: &str, name: &str| {
        let text = std::fs::read_to_string(project.out(&format!("2027-01/{file}"))).unwrap();
        assert!(
            text.contains(&format!("\r\nX-WR-CALNAME:{name}\r\n")),
            "{text}"
        );
        assert!(text.contains("\r\nPRODID:-//FITKO//briefing//DE\r\n"));
        assert!(text.contains("\r\nMETHOD:PUBLISH\r\n"));
    };
    named(
        "termine-uebersicht.ics",
        "IT-Planungsrat: Termine der Fachministerkonferenzen",
    );
    named("termine-erika.ics", "IT-Planungsrat: Termine AMK und BMK");
    named("termine-lea.ics", "IT-Planungsrat: Termine BMK");

    // The memory beside the send log, one file per month.
    for month in ["2026-11", "2026-12", "2027-01"] {
        assert!(
            project.out(&format!("kalender-{month}.tsv")).is_file(),
            "{month}"
        );
    }
}

#[test]
fn cancellations_and_changes_show_in_the_documents_with_their_old_values() {
    let project = three_months();
    build(&project, "2026-11", "2026-11-28");
    let warnings = build(&project, "2026-12", "2026-12-01");
    assert!(
        warnings.contains(
            "Warnung: inputs/2026-12/termine.xlsx:Termine:6: Spalte „Bemerkung“: die Bemerkung \
             in F6 („entfällt“) enthält „entfällt“: der Termin gilt als abgesagt"
        ),
        "{warnings}"
    );
    let erika = docx_text(&project.out("2026-12/briefing-erika.docx"));
    for expected in [
        "Entfallen: Sommerkonferenz, 17.06.2027, Köln",
        "Entfallen: Klausur, 08.07.2027, Kiel",
        "Verschoben: Plenarsitzung, 18.03.2027, Potsdam (bisher 11.03.2027, Berlin)",
        "Geänderte Angaben: Herbstkonferenz, 13./14.10.2027, Weimar (bisher: Herbstkonferenz, \
         13./14.10.2027, Jena)",
        "Neuer Termin: Amtschefkonferenz, 10.06.2027, Bonn",
    ] {
        assert!(erika.contains(expected), "{expected}\n{erika}");
    }
    assert!(!erika.contains("Verschoben: Herbstkonferenz"), "{erika}");
    let overview = docx_text(&project.out("2026-12/uebersicht.docx"));
    for expected in [
        "Entfallen: Sondersitzung, 25.02.2027, Leipzig",
        "Geänderte Angaben: Frühjahrskonferenz, 20.04.2027, Dresden (ohne Presse) (bisher: \
         Frühjahrskonferenz, 20.04.2027, Dresden (mit Presse))",
    ] {
        assert!(overview.contains(expected), "{expected}\n{overview}");
    }
    // The cancelled ones are no upcoming meetings: named only where they are cancelled (the
    // conference's changes, and the summary "Auf einen Blick" on page one).
    assert_eq!(
        erika.matches("Entfallen: Klausur, 08.07.2027").count(),
        2,
        "{erika}"
    );
    assert_eq!(erika.matches("08.07.2027").count(), 2, "{erika}");
    assert_eq!(erika.matches("17.06.2027").count(), 2, "{erika}");
    // January: nothing is cancelled twice.
    build(&project, "2027-01", "2027-01-05");
    let erika = docx_text(&project.out("2027-01/briefing-erika.docx"));
    assert!(!erika.contains("Entfallen: Sommerkonferenz"), "{erika}");
    assert!(!erika.contains("Entfallen: Klausur"), "{erika}");
}

#[test]
fn rebuilding_a_month_gives_the_same_calendar_bytes() {
    let project = three_months();
    build(&project, "2026-11", "2026-11-28");
    build(&project, "2026-12", "2026-12-01");
    let first = std::fs::read(project.out("2026-12/termine-erika.ics")).unwrap();
    let memory = std::fs::read(project.out("kalender-2026-12.tsv")).unwrap();
    build(&project, "2026-12", "2026-12-01");
    assert_eq!(
        std::fs::read(project.out("2026-12/termine-erika.ics")).unwrap(),
        first
    );
    assert_eq!(
        std::fs::read(project.out("kalender-2026-12.tsv")).unwrap(),
        memory
    );
    // A damaged memory is an error naming the file and line; nothing is written.
    let file = project.out("kalender-2026-11.tsv");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("\taktiv\t", "\tvielleicht\t", 1)).unwrap();
    let output = project.run(&["build", "--month", "2026-12", "--stand", "2026-12-01"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("kalender-2026-11.tsv:2:1: die Kalenderdatei der Termin-UIDs ist beschädigt: Spalte „status“: „vielleicht“ ist ungültig"),
        "{}",
        stderr(&output)
    );
}

/// A Radicale server on 127.0.0.1 with a temporary storage folder and no authentication;
/// stopped when dropped.
struct Radicale {
    child: std::process::Child,
    port: u16,
    _store: tempfile::TempDir,
}

impl Radicale {
    fn start() -> Radicale {
        let store = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = std::process::Command::new("python3")
            .args(["-m", "radicale", "--server-hosts"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["--auth-type", "none", "--rights-type", "authenticated"])
            .arg("--storage-filesystem-folder")
            .arg(store.path().join("collections"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("python3 -m radicale (pip install radicale)");
        let server = Radicale {
            child,
            port,
            _store: store,
        };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return server;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("Radicale did not start on port {port}");
    }

    /// One HTTP/1.1 request; the status code and the body.
    fn request(&self, method: &str, path: &str, content_type: &str, body: &str) -> (u16, String) {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\
             Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
            self.port,
            body.len()
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response[9..12].parse().unwrap();
        let body = response
            .split_once("\r\n\r\n")
            .map_or("", |(_, body)| body)
            .to_string();
        (status, body)
    }
}

impl Drop for Radicale {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every VEVENT of a calendar file as a calendar object of its own, by UID, the way a CalDAV
/// client stores an imported event (no `METHOD`: RFC 4791 §4.1).
fn objects(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut uid = String::new();
    for line in text.split("\r\n") {
        if line == "BEGIN:VEVENT" {
            current = Some(String::new());
        }
        if let Some(event) = current.as_mut() {
            event.push_str(line);
            event.push_str("\r\n");
            if let Some(value) = line.strip_prefix("UID:") {
                uid = value.to_string();
            }
        }
        if line == "END:VEVENT" {
            let event = current.take().unwrap();
            out.push((
                uid.clone(),
                format!(
                    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//FITKO//briefing//DE\r\n{event}END:VCALENDAR\r\n"
                ),
            ));
        }
    }
    out
}

#[test]
#[ignore = "needs Radicale (pip install radicale)"]
fn three_months_imported_into_a_real_calendar_store() {
    let project = three_months();
    let server = Radicale::start();
    let (status, _) = server.request("MKCOL", "/fitko/", "text/plain", "");
    assert_eq!(status, 201);
    let mkcalendar = "<?xml version=\"1.0\"?><D:mkcol xmlns:D=\"DAV:\" \
        xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:set><D:prop><D:resourcetype><D:collection/>\
        <C:calendar/></D:resourcetype></D:prop></D:set></D:mkcol>";
    let (status, body) = server.request("MKCOL", "/fitko/termine/", "application/xml", mkcalendar);
    assert_eq!(status, 201, "{body}");
    let mut store = Vec::new();
    for (month, stand, _) in months() {
        build(&project, month, stand);
        let text = std::fs::read_to_string(project.out(&format!("{month}/termine-uebersicht.ics")))
            .unwrap();
        for (uid, object) in objects(&text) {
            let (status, body) = server.request(
                "PUT",
                &format!("/fitko/termine/{uid}.ics"),
                "text/calendar; charset=utf-8",
                &object,
            );
            assert!(
                status == 201 || status == 204,
                "{month} {uid}: {status} {body}"
            );
        }
        let (status, body) = server.request("GET", "/fitko/termine/", "text/plain", "");
        assert_eq!(status, 200);
        store = events(&body);
        println!("{month}: {} events in the store", store.len());
    }
    // After January: every upcoming meeting exactly once, as the list has it now ...
    let stand = "20270105";
    let upcoming: Vec<&Event> = store
        .iter()
        .filter(|e| e["DTEND"].as_str() > stand && e["STATUS"] == "CONFIRMED")
        .collect();
    let mut expected = vec![
        ("AMK: Amtschefkonferenz", "20270610", "Bonn"),
        ("BMK: Plenarsitzung", "20270114", "Berlin"),
        ("BMK: Neujahrsempfang", "20270120", "Berlin"),
        ("BMK: Plenarsitzung", "20270318", "Potsdam"),
        ("BMK: Plenarsitzung", "20270512", "Berlin"),
        ("BMK: Herbstkonferenz", "20271013", "Weimar"),
        ("CMK: Frühjahrskonferenz", "20270420", "Dresden"),
    ];
    let mut found: Vec<(&str, &str, &str)> = upcoming
        .iter()
        .map(|e| {
            (
                e["SUMMARY"].as_str(),
                e["DTSTART"].as_str(),
                e["LOCATION"].as_str(),
            )
        })
        .collect();
    expected.sort();
    found.sort();
    assert_eq!(found, expected, "{store:#?}");
    let spring = upcoming
        .iter()
        .find(|e| e["SUMMARY"] == "CMK: Frühjahrskonferenz")
        .unwrap();
    assert_eq!(
        spring["DESCRIPTION"],
        "Gammaministerkonferenz\\nohne Presse"
    );
    let autumn = upcoming
        .iter()
        .find(|e| e["SUMMARY"] == "BMK: Herbstkonferenz")
        .unwrap();
    assert_eq!(autumn["DTEND"], "20271015");
    // ... every cancelled one as cancelled ...
    let mut cancelled: Vec<(&str, &str)> = store
        .iter()
        .filter(|e| e["STATUS"] == "CANCELLED")
        .map(|e| (e["SUMMARY"].as_str(), e["DTSTART"].as_str()))
        .collect();
    cancelled.sort();
    assert_eq!(
        cancelled,
        [
            ("Abgesagt: AMK: Klausur", "20270708"),
            ("Abgesagt: AMK: Sommerkonferenz", "20270617"),
            ("Abgesagt: CMK: Sondersitzung", "20270225"),
        ]
    );
    // ... and nothing else but the meeting of 10.12.2026, now past.
    let past: Vec<&Event> = store
        .iter()
        .filter(|e| e["DTEND"].as_str() <= stand)
        .collect();
    assert_eq!(past.len(), 1, "{past:#?}");
    assert_eq!(past[0]["SUMMARY"], "AMK: Amtschefkonferenz");
    assert_eq!(store.len(), expected.len() + cancelled.len() + past.len());
}
