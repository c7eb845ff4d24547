//! A small builder for test projects: real YAML, real .xlsx (rust_xlsxwriter), the shipped
//! templates, and helpers that run the binary and read the text back out of a .docx.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{Datelike, NaiveDate};
use quick_xml::Reader;
use quick_xml::events::Event;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// The repository's own folders, used as the shipped example.
/// The shipped example built with its Stand (28.11.2026).
pub fn built_example() -> Project {
    let project = Project::shipped_example();
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    project
}

/// The example month's send log, empty when there is none yet.
pub fn log_text(project: &Project) -> String {
    std::fs::read_to_string(project.out("versand-2026-11.log")).unwrap_or_default()
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A roster with three conferences: AMK (two spokespersons), BMK, and CMK (vacant).
pub const ROSTER: &str = r#"
konferenzen:
  - kuerzel: AMK
    name: Alphaministerkonferenz
    aliases:
      - Ständige Konferenz der Alphaminister
  - kuerzel: BMK
    name: Betaministerkonferenz
  - kuerzel: CMK
    name: Gammaministerkonferenz
sprecher:
  - id: erika
    anrede: Frau
    titel: Dr.
    name: Erika Mustermann
    funktion: Staatssekretärin
    land: Hessen
    email: erika@example.org
    konferenzen: [AMK, BMK]
  - id: max
    anrede: Herr
    name: Max Muster
    land: Bremen
    email: max@example.org
    konferenzen: [AMK]
  - id: lea
    anrede: Frau
    name: Lea Beispiel
    email: lea@example.org
    konferenzen: [BMK]
"#;

/// Decisions around the edges of the 12-month window before 2026-11-28.
/// The decisions the shipped templates cite (`beschluss_zitat("…")`), which every
/// `beschluesse.yaml` used with them must hold; dated before any test's window, so they
/// appear in no list of decisions.
#[macro_export]
macro_rules! cited_decisions {
    () => {
        r#"  - nummer: "2023/02"
    titel: Kommunalpakt
    datum: 2023-03-29
    relevant_fuer: alle
  - nummer: "2023/07"
    titel: Mindestanforderungen an den Betrieb von „Einer für Alle“-Services
    datum: 2023-03-29
    relevant_fuer: alle
  - nummer: "2023/20"
    titel: Kommunalpakt – Kooperationsvereinbarung
    datum: 2023-07-04
    relevant_fuer: alle
  - nummer: "2023/22"
    titel: Registermodernisierung
    datum: 2023-07-04
    relevant_fuer: alle
  - nummer: "2023/38"
    titel: Registermodernisierung
    datum: 2023-11-03
    relevant_fuer: alle
  - nummer: "2023/43"
    titel: EfA-Finanzierung
    datum: 2023-11-03
    relevant_fuer: alle
  - nummer: "2026/04"
    titel: Architekturrichtlinie Deutschland-Stack
    datum: 2024-03-18
    relevant_fuer: alle
  - nummer: "2026/15"
    titel: Registermodernisierung – Umsetzungsplanung 2026–2028
    datum: 2024-06-24
    relevant_fuer: alle
  - nummer: "2026/27"
    titel: Kommunalpakt – Bilanz und Fortsetzung ab 2027
    datum: 2024-10-28
    relevant_fuer: alle
  - nummer: "2026/29"
    titel: Leitlinie für die Informationssicherheit – Fortschreibung 2027
    datum: 2024-10-28
    relevant_fuer: alle
"#
    };
}

pub const DECISIONS: &str = concat!(
    r#"
beschluesse:
  - nummer: "2026/1"
    titel: Für alle im Fenster
    datum: 2026-06-01
    kurz: Eine **wichtige** Entscheidung.
    punkte: [Erster Punkt, Zweiter Punkt]
    relevant_fuer: alle
    link: https://example.org/2026-1
  - nummer: "2026/2"
    titel: Nur Beta am Stichtag
    datum: 2026-11-28
    relevant_fuer: [BMK]
  - nummer: "2025/30"
    titel: Nur Alpha am ersten Tag des Fensters
    datum: 2025-11-28
    relevant_fuer: [AMK]
  - nummer: "2025/29"
    titel: Einen Tag zu alt
    datum: 2025-11-27
    relevant_fuer: alle
  - nummer: "2026/9"
    titel: Nach dem Stichtag
    datum: 2026-11-29
    relevant_fuer: alle
  - nummer: "2026/3"
    titel: Nur Gamma
    datum: 2026-05-01
    relevant_fuer: [CMK]
"#,
    cited_decisions!()
);

/// A cell of a generated sheet.
#[derive(Clone, Debug)]
pub enum Cell {
    Text(String),
    Date(NaiveDate),
    Empty,
}

pub fn t(text: &str) -> Cell {
    Cell::Text(text.to_string())
}

pub fn d(text: &str) -> Cell {
    Cell::Date(date(text))
}

/// Writes a workbook with one sheet: optional title rows, then the header, then the rows.
pub fn write_xlsx(
    path: &Path,
    sheet: &str,
    title_rows: &[&str],
    header: &[&str],
    rows: &[Vec<Cell>],
) {
    let mut all: Vec<Vec<Cell>> = title_rows.iter().map(|title| vec![t(title)]).collect();
    all.push(header.iter().map(|name| t(name)).collect());
    all.extend(rows.iter().cloned());
    write_workbook(
        path,
        &[Sheet {
            name: sheet,
            rows: all,
            vertical_merges: Vec::new(),
        }],
    );
}

/// A project folder in a temporary directory.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// An empty project with the shipped templates.
    pub fn with_shipped_templates() -> Project {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("templates"), &dir.path().join("templates"));
        std::fs::create_dir_all(dir.path().join("inputs")).unwrap();
        Project { dir }
    }

    /// The test roster and decisions with one contact and one meeting for November 2026.
    pub fn minimal() -> Project {
        let project = Project::with_shipped_templates();
        project.write("inputs/sprecher.yaml", ROSTER);
        project.write("inputs/beschluesse.yaml", DECISIONS);
        write_xlsx(
            &project.input("2026-11/ansprechpartner.xlsx"),
            "Ansprechpersonen",
            &[],
            &["Konferenz", "Ansprechperson", "E-Mail"],
            &[vec![t("AMK"), t("Anna Alpha"), t("anna@example.org")]],
        );
        write_xlsx(
            &project.input("2026-11/termine.xlsx"),
            "Termine",
            &[],
            &["Konferenz", "Datum"],
            &[vec![t("AMK"), d("2026-12-01")]],
        );
        project
    }

    /// A copy of the shipped example (inputs, templates, configuration).
    pub fn shipped_example() -> Project {
        let project = Project::with_shipped_templates();
        copy_dir(&repo().join("inputs"), &project.path().join("inputs"));
        std::fs::copy(
            repo().join("briefing.yaml"),
            project.path().join("briefing.yaml"),
        )
        .unwrap();
        project
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn input(&self, relative: &str) -> PathBuf {
        let path = self.path().join("inputs").join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        path
    }

    /// Runs `briefing ARGS` in the project folder.
    pub fn run(&self, args: &[impl AsRef<std::ffi::OsStr>]) -> Output {
        self.run_with_env(args, &[])
    }

    /// Runs `briefing ARGS` with extra environment variables.
    pub fn run_with_env(
        &self,
        args: &[impl AsRef<std::ffi::OsStr>],
        env: &[(&str, &str)],
    ) -> Output {
        Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(args)
            .envs(env.iter().copied())
            .current_dir(self.path())
            .output()
            .unwrap()
    }

    pub fn out(&self, relative: &str) -> PathBuf {
        self.path().join("out").join(relative)
    }
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Reads one part of a .docx package as text.
pub fn docx_part(path: &Path, part: &str) -> String {
    docx_part_of(&std::fs::read(path).unwrap(), part)
}

/// Reads one part of a .docx package (as bytes) as text.
pub fn docx_part_of(bytes: &[u8], part: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut entry = archive.by_name(part).unwrap();
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text
}

/// The visible text of a .docx body: one line per paragraph, `w:br` as a line break too.
pub fn docx_text(path: &Path) -> String {
    docx_text_of(&std::fs::read(path).unwrap())
}

/// [`docx_text`] of a package already read.
pub fn docx_text_of(bytes: &[u8]) -> String {
    let xml = docx_part_of(bytes, "word/document.xml");
    let mut reader = Reader::from_str(&xml);
    let mut text = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().0 == "w:t" => in_text = true,
            Event::End(e) if e.name().0 == "w:t" => in_text = false,
            Event::Text(e) if in_text => text.push_str(&e.xml10_content()),
            Event::GeneralRef(e) if in_text => {
                if let Some(c) = e.resolve_char_ref().unwrap() {
                    text.push(c);
                    continue;
                }
                let name = e.xml10_content();
                text.push_str(match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                });
            }
            Event::Empty(e) if e.name().0 == "w:br" => text.push('\n'),
            Event::Empty(e) if e.name().0 == "w:tab" => text.push('\t'),
            Event::Empty(e) if e.name().0 == "w:noBreakHyphen" => text.push('-'),
            Event::End(e) if e.name().0 == "w:p" => text.push('\n'),
            Event::Eof => break,
            _ => {}
        }
    }
    text
}

/// A sheet laid out row by row as Excel shows it (row 1 first), with merged ranges given as
/// (first row, column, last row) in Excel's 1-based row numbers and 0-based columns.
pub struct Sheet<'a> {
    pub name: &'a str,
    pub rows: Vec<Vec<Cell>>,
    pub vertical_merges: Vec<(u32, u16, u32)>,
}

/// Writes a workbook with several sheets.
pub fn write_workbook(path: &Path, sheets: &[Sheet<'_>]) {
    let mut workbook = Workbook::new();
    let date_format = Format::new().set_num_format("dd.mm.yyyy");
    for sheet in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(sheet.name).unwrap();
        for (row, cells) in sheet.rows.iter().enumerate() {
            let row = row as u32;
            for (column, cell) in cells.iter().enumerate() {
                let column = column as u16;
                match cell {
                    Cell::Text(text) => {
                        worksheet.write_string(row, column, text).unwrap();
                    }
                    Cell::Date(day) => {
                        let value = ExcelDateTime::from_ymd(
                            day.year() as u16,
                            day.month() as u8,
                            day.day() as u8,
                        )
                        .unwrap();
                        worksheet
                            .write_datetime_with_format(row, column, &value, &date_format)
                            .unwrap();
                    }
                    Cell::Empty => {}
                }
            }
        }
        for &(first, column, last) in &sheet.vertical_merges {
            let text = match &sheet.rows[first as usize - 1][column as usize] {
                Cell::Text(text) => text.clone(),
                _ => panic!("merged ranges hold text"),
            };
            worksheet
                .merge_range(first - 1, column, last - 1, column, &text, &Format::new())
                .unwrap();
        }
    }
    workbook.save(path).unwrap();
}

/// The fault-injecting SMTP server of `tests/fixtures/fault_smtp.py` (Python standard library
/// only) on 127.0.0.1; stopped when dropped. `set` changes its behaviour while it runs.
pub struct SmtpServer {
    child: std::process::Child,
    pub port: u16,
    pub dir: tempfile::TempDir,
}

impl SmtpServer {
    pub fn start() -> SmtpServer {
        let dir = tempfile::tempdir().unwrap();
        let child = Command::new("python3")
            .arg(repo().join("tests/fixtures/fault_smtp.py"))
            .arg(dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::inherit())
            .spawn()
            .expect("python3 starts");
        let port_file = dir.path().join("port");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !port_file.exists() {
            assert!(
                std::time::Instant::now() < deadline,
                "the SMTP server did not start"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let port = std::fs::read_to_string(&port_file)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        SmtpServer { child, port, dir }
    }

    /// Replaces the server's behaviour (see the fixture's description), e.g.
    /// `{"reject": ["a@example.org"]}`; `{}` is a well-behaved server.
    pub fn set(&self, json: &str) {
        let path = self.dir.path().join("control.json");
        std::fs::write(path.with_extension("tmp"), json).unwrap();
        std::fs::rename(path.with_extension("tmp"), path).unwrap();
    }

    /// The stored messages, oldest first.
    pub fn messages(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.path().join("mail"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
            .collect();
        files.sort();
        files
    }

    /// (recipient, Message-ID) of every message received, in order.
    pub fn received(&self) -> Vec<(String, String)> {
        std::fs::read_to_string(self.dir.path().join("received.txt"))
            .unwrap_or_default()
            .lines()
            .filter_map(|line| line.split_once('\t'))
            .map(|(to, id)| (to.to_string(), id.to_string()))
            .collect()
    }

    /// The arguments of `briefing send` for this server (plain connection, confirmed).
    pub fn send_args(&self) -> Vec<String> {
        send_args(self.port, "none")
    }

    /// Runs `briefing send` against this server with extra arguments.
    pub fn send(&self, project: &Project, extra: &[&str]) -> Output {
        let mut args = self.send_args();
        args.extend(extra.iter().map(|arg| arg.to_string()));
        project.run(&args)
    }

    /// Runs `briefing send` against this server as if on a terminal (tests/fixtures/
    /// on_terminal.py), answering its question with `answer`.
    pub fn send_on_terminal(&self, project: &Project, answer: &str) -> Output {
        let mut args = vec![
            repo()
                .join("tests/fixtures/on_terminal.py")
                .display()
                .to_string(),
            answer.to_string(),
            env!("CARGO_BIN_EXE_briefing").to_string(),
        ];
        args.extend(self.send_args().into_iter().filter(|a| a != "--yes"));
        std::process::Command::new("python3")
            .args(&args)
            .current_dir(project.path())
            .output()
            .unwrap()
    }
}

/// The arguments of a confirmed `briefing send` to a server on 127.0.0.1 at `port`, with
/// the given `--smtp-tls` mode.
pub fn send_args(port: u16, tls: &str) -> Vec<String> {
    [
        "send",
        "--yes",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        &port.to_string(),
        "--smtp-tls",
        tls,
    ]
    .map(String::from)
    .to_vec()
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port on 127.0.0.1 where nobody listens (connections are refused).
pub fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
