//! The calendar memory: what the calendar files of a month carried (each meeting's UID,
//! `SEQUENCE`, whether it is cancelled, and its details), and the UIDs of meetings that have
//! passed (so none is given again), kept beside the send log as `kalender-YYYY-MM.tsv`, so
//! the next month's UIDs continue these instead of being guessed again (see `model::uids`).
//!
//! One file per month, written by every `build` of that month after the month is in place
//! (replacing the file of an earlier build of the same month), and read for the newest month
//! before the one being built: a rebuild of a month therefore never depends on its own
//! earlier build, and the same inputs, Stand and earlier months give the same bytes. It is a
//! tab-separated text file with a header line; nothing here decides UIDs.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{WriteError, fs_error};
use crate::diagnostics::{Diagnostics, Location};
use crate::messages::calendar as messages;
use crate::model::{KalenderEintrag, Termin};
use crate::month::Month;

/// The columns of the file, in order.
const COLUMNS: [&str; 10] = [
    "uid",
    "sequenz",
    "status",
    "konferenz",
    "konferenz_name",
    "sitzung",
    "beginn",
    "ende",
    "ort",
    "bemerkung",
];

const ACTIVE: &str = "aktiv";
const CANCELLED: &str = "abgesagt";

/// `out/kalender-YYYY-MM.tsv`: the memory of `month`, beside the send log.
pub fn path(out: &Path, month: Month) -> PathBuf {
    out.join(format!("kalender-{month}.tsv"))
}

/// The memory of the newest month before `month` in `out`, if a build kept one. A file that
/// exists but cannot be read or is damaged is an error naming it (and the line): without it
/// the recipients' calendars would get new UIDs for meetings they hold.
pub fn read_before(
    out: &Path,
    month: Month,
) -> Result<Option<(Month, Vec<KalenderEintrag>)>, Diagnostics> {
    let Ok(entries) = fs::read_dir(out) else {
        // No output folder yet: nothing was built before.
        return Ok(None);
    };
    let newest = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name();
            let name = name.to_str()?;
            let month: Month = name
                .strip_prefix("kalender-")?
                .strip_suffix(".tsv")?
                .parse()
                .ok()?;
            Some(month)
        })
        .filter(|earlier| *earlier < month)
        .max();
    let Some(earlier) = newest else {
        return Ok(None);
    };
    let file = path(out, earlier);
    let fail = |location: Location, message: String| {
        let mut diagnostics = Diagnostics::new();
        diagnostics.error(location, message);
        diagnostics
    };
    let text = fs::read_to_string(&file).map_err(|error| {
        fail(
            Location::file(&file),
            messages::memory_unreadable(crate::io_reason::describe(&error)),
        )
    })?;
    parse(&text)
        .map(|entries| Some((earlier, entries)))
        .map_err(|(line, what)| {
            fail(
                Location::line(&file, line as u64, 1),
                messages::memory_line_damaged(&what),
            )
        })
}

/// Writes the memory of `month` (replacing an earlier build's), synced, then renamed into
/// place so a reader never sees half a file.
pub fn write(out: &Path, month: Month, entries: &[KalenderEintrag]) -> Result<(), WriteError> {
    let target = path(out, month);
    let staging = out.join(format!(".kalender-{month}.tsv.neu"));
    let write = || -> io::Result<()> {
        let mut file = fs::File::create(&staging)?;
        file.write_all(to_text(entries).as_bytes())?;
        file.sync_all()
    };
    write().map_err(|error| WriteError::Io(fs_error(&staging, messages::WRITE_MEMORY)(error)))?;
    fs::rename(&staging, &target)
        .map_err(|error| WriteError::Io(fs_error(&target, messages::REPLACE_MEMORY)(error)))
}

/// The file's text: the header line, then one line per entry.
fn to_text(entries: &[KalenderEintrag]) -> String {
    let mut out = COLUMNS.join("\t");
    out.push('\n');
    for entry in entries {
        let t = &entry.termin;
        let day = |day: Option<NaiveDate>| day.map(|d| d.to_string()).unwrap_or_default();
        let text = |value: &Option<String>| value.as_deref().map(escape).unwrap_or_default();
        let fields = [
            escape(&entry.uid),
            entry.sequenz.to_string(),
            (if entry.abgesagt { CANCELLED } else { ACTIVE }).to_string(),
            escape(&t.konferenz),
            escape(&t.konferenz_name),
            text(&t.sitzung),
            day(t.beginn),
            day(t.ende),
            text(&t.ort),
            text(&t.bemerkung),
        ];
        out.push_str(&fields.join("\t"));
        out.push('\n');
    }
    out
}

/// The entries of a file's text, or the 1-based line and what is wrong with it.
fn parse(text: &str) -> Result<Vec<KalenderEintrag>, (usize, String)> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, header)) if header == COLUMNS.join("\t") => {}
        _ => return Err((1, messages::WRONG_HEADER.to_string())),
    }
    let mut entries = Vec::new();
    for (index, line) in lines {
        let number = index + 1;
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != COLUMNS.len() {
            return Err((
                number,
                messages::wrong_column_count(fields.len(), COLUMNS.len()),
            ));
        }
        let bad = |column: usize| (number, messages::bad_value(COLUMNS[column], fields[column]));
        let required = |column: usize| {
            let value = unescape(fields[column]);
            if value.is_empty() {
                Err(bad(column))
            } else {
                Ok(value)
            }
        };
        let optional = |column: usize| Some(unescape(fields[column])).filter(|v| !v.is_empty());
        let day = |column: usize| {
            NaiveDate::parse_from_str(fields[column], "%Y-%m-%d").map_err(|_| bad(column))
        };
        let abgesagt = match fields[2] {
            ACTIVE => false,
            CANCELLED => true,
            _ => return Err(bad(2)),
        };
        let (beginn, ende) = (day(6)?, day(7)?);
        if ende < beginn {
            return Err(bad(7));
        }
        entries.push(KalenderEintrag {
            uid: required(0)?,
            sequenz: fields[1].parse().map_err(|_| bad(1))?,
            abgesagt,
            termin: Termin {
                konferenz: required(3)?,
                konferenz_name: required(4)?,
                sitzung: optional(5),
                beginn: Some(beginn),
                ende: Some(ende),
                datum_offen: None,
                ort: optional(8),
                bemerkung: optional(9),
                sprecher: Vec::new(),
            },
        });
    }
    Ok(entries)
}

/// Backslash, tab and line breaks as `\\`, `\t`, `\n`, `\r`, so a value stays on its line.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(uid: &str, abgesagt: bool) -> KalenderEintrag {
        let day = NaiveDate::from_ymd_opt(2027, 3, 11).unwrap();
        KalenderEintrag {
            uid: uid.into(),
            sequenz: 3,
            abgesagt,
            termin: Termin {
                konferenz: "VMK".into(),
                konferenz_name: "Verkehrsministerkonferenz".into(),
                sitzung: Some("Plenar\tsitzung \\ 1".into()),
                beginn: Some(day),
                ende: Some(day),
                datum_offen: None,
                ort: None,
                bemerkung: Some("Zeile 1\nZeile 2\r\n".into()),
                sprecher: Vec::new(),
            },
        }
    }

    #[test]
    fn entries_survive_the_round_trip() {
        let entries = vec![entry("a@x", false), entry("b@x", true)];
        assert_eq!(parse(&to_text(&entries)).unwrap(), entries);
        assert_eq!(to_text(&entries).lines().count(), 3);
    }

    #[test]
    fn the_newest_earlier_month_is_read_and_a_damaged_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let month = |text: &str| text.parse::<Month>().unwrap();
        assert!(read_before(dir.path(), month("2026-11")).unwrap().is_none());
        write(dir.path(), month("2026-09"), &[entry("sep@x", false)]).unwrap();
        write(dir.path(), month("2026-10"), &[entry("oct@x", false)]).unwrap();
        write(dir.path(), month("2026-11"), &[entry("nov@x", false)]).unwrap();
        let (found, entries) = read_before(dir.path(), month("2026-11")).unwrap().unwrap();
        assert_eq!(found, month("2026-10"));
        assert_eq!(entries[0].uid, "oct@x");

        let file = path(dir.path(), month("2026-10"));
        let text = fs::read_to_string(&file).unwrap();
        fs::write(&file, text.replace("\t3\t", "\tdrei\t")).unwrap();
        let error = read_before(dir.path(), month("2026-11")).unwrap_err();
        let shown = error.iter().next().unwrap().to_string();
        assert!(shown.contains("kalender-2026-10.tsv:2:1"), "{shown}");
        assert!(shown.contains("„sequenz“: „drei“"), "{shown}");
    }
}
