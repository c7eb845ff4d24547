//! Messages of the command line: arguments, usage errors, help, reports, progress, the commands and settings.
//!
//! Holds the texts of `src/cli/*`, `src/commands/*`, `src/settings.rs` and `src/project.rs`.

use std::fmt::Display;

use super::system::warnings;

/// "1 Briefing", "12 Briefings".
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

// --- cli/args.rs: the help of the program, its commands and options

/// The short description of `briefing -h`.
pub const ABOUT: &str = "Monatliche Word-Briefings für die fachpolitischen Sprecherinnen und \
                         Sprecher des IT-Planungsrates";
/// The long description of `briefing --help`.
pub const ABOUT_LONG: &str = "Monatliche Word-Briefings für die fachpolitischen Sprecherinnen und \
                              Sprecher des IT-Planungsrates.\n\nExit-Codes: 0 Erfolg, 1 Fehler \
                              in Eingaben oder Vorlagen, 2 Aufruffehler.";
/// The heading above the commands.
pub const COMMANDS_HEADING: &str = "Befehle";
/// The placeholder for the command in the usage line.
pub const COMMAND_VALUE: &str = "BEFEHL";
/// The heading above the options.
pub const OPTIONS_HEADING: &str = "Optionen";
/// The heading above the positional arguments.
pub const ARGUMENTS_HEADING: &str = "Argumente";
/// The layout of every help page, with German headings (clap's own are English).
pub const HELP_TEMPLATE: &str = "\
{about-with-newline}
Aufruf: {usage}

{all-args}{after-help}";
/// `-h`, `--help`.
pub const HELP: &str = "Hilfe anzeigen";
/// `-V`, `--version`.
pub const VERSION: &str = "Version anzeigen";

/// `briefing build`.
pub const BUILD: &str =
    "Alle Briefings, die Übersicht und versand.csv nach AUSGABE/JJJJ-MM/ schreiben";
/// The usage line of `build`.
pub const BUILD_USAGE: &str = "briefing build [OPTIONEN]";
/// `briefing check`.
pub const CHECK: &str = "Eingaben und Vorlagen prüfen und jedes Problem melden; schreibt nichts";
/// The usage line of `check`.
pub const CHECK_USAGE: &str = "briefing check [OPTIONEN]";
/// `briefing preview`.
pub const PREVIEW: &str =
    "Das Markdown eines Briefings ausgeben (ID \"uebersicht\": die Übersicht)";
/// The usage line of `preview`.
pub const PREVIEW_USAGE: &str = "briefing preview [OPTIONEN] <ID>";
/// `briefing init`.
pub const INIT: &str =
    "Ein vollständiges Beispielprojekt in ORDNER anlegen (Standard: der aktuelle Ordner)";
/// The usage line of `init`.
pub const INIT_USAGE: &str = "briefing init [ORDNER]";
/// `briefing watch`.
pub const WATCH: &str = "Neu erstellen, sobald sich eine Vorlage, eine Eingabe oder die \
                         Einstellungen ändern (Strg+C beendet)";
/// The usage line of `watch`.
pub const WATCH_USAGE: &str = "briefing watch [OPTIONEN]";
/// `briefing send`.
pub const SEND: &str = "Jeder Sprecherin und jedem Sprecher das Briefing und die Kalenderdatei \
                        per E-Mail senden (der Monat muss erstellt sein)";
/// The usage line of `send`.
pub const SEND_USAGE: &str = "briefing send [OPTIONEN]";

/// `--month`.
pub const MONTH: &str = "Monatsordner (JJJJ-MM); Standard: der neueste Monatsordner der Eingaben";
/// The value of `--month`.
pub const MONTH_VALUE: &str = "JJJJ-MM";
/// `--stand`.
pub const STAND: &str = "Stichtag der Dokumente (\"Stand\", JJJJ-MM-TT); Standard: bei send der \
                         Stand der erstellten Dokumente, bei einem schon versendeten Monat dessen \
                         Stand, sonst stand in briefing.yaml, sonst heute";
/// The value of `--stand`.
pub const STAND_VALUE: &str = "JJJJ-MM-TT";
/// `--inputs`.
pub const INPUTS: &str =
    "Ordner mit sprecher.yaml, beschluesse.yaml und den Monatsordnern [Standard: inputs]";
/// `--templates`.
pub const TEMPLATES: &str = "Ordner mit den Vorlagen [Standard: templates]";
/// `--out`.
pub const OUT: &str = "Ordner, in den die Dokumente des Monats geschrieben werden [Standard: out]";
/// `--config`.
pub const CONFIG: &str =
    "Einstellungsdatei; Standard: briefing.yaml im aktuellen Ordner, falls vorhanden";
/// The value of a folder option or argument.
pub const FOLDER_VALUE: &str = "ORDNER";
/// The value of `--config`.
pub const FILE_VALUE: &str = "DATEI";
/// The value of `--only`, `--resend`, `--angekommen` and the argument of `preview`.
pub const ID_VALUE: &str = "ID";
/// The value of `--poll-ms`.
pub const MS_VALUE: &str = "MS";
/// The value of `--smtp-host`.
pub const SERVER_VALUE: &str = "SERVER";
/// The value of `--smtp-port`.
pub const PORT_VALUE: &str = "PORT";
/// The value of `--smtp-user`.
pub const USER_VALUE: &str = "USER";
/// The value of `--smtp-tls`.
pub const TLS_VALUE: &str = "none|starttls|tls";
/// `build --only`.
pub const BUILD_ONLY: &str = "Nur das Briefing dieser Person erstellen (mehrfach möglich); die \
                              übrigen Dateien bleiben";
/// `build --pdf`.
pub const PDF: &str = "Jedes Dokument zusätzlich als PDF/A-2b mit Tags schreiben (für die E-Akte \
                       und die Barrierefreiheit; braucht LibreOffice); Standard: pdf in \
                       briefing.yaml";
/// The argument of `preview`.
pub const PREVIEW_ID: &str = "Die id der Person aus sprecher.yaml, oder \"uebersicht\"";
/// The argument of `init`.
pub const INIT_DIR: &str =
    "Ordner für das neue Projekt; wird angelegt, falls er fehlt [Standard: .]";
/// `watch --poll-ms` (hidden).
pub const POLL_MS: &str = "Wie oft nach Änderungen gesucht wird, in Millisekunden";
/// `send --dry-run`.
pub const DRY_RUN: &str =
    "Die Nachrichten als .eml-Dateien nach AUSGABE/JJJJ-MM/mail/ schreiben und nichts senden";
/// `send --smtp-host`.
pub const SMTP_HOST: &str = "SMTP-Server; Standard: versand.server in briefing.yaml";
/// `send --smtp-port`.
pub const SMTP_PORT: &str =
    "SMTP-Port; Standard: versand.port, sonst 25 / 587 / 465 je nach --smtp-tls";
/// `send --smtp-tls`.
pub const SMTP_TLS: &str = "Verbindungsschutz: none, starttls (Standard) oder tls";
/// `send --smtp-user`.
pub const SMTP_USER: &str =
    "SMTP-Benutzer; das Kennwort kommt aus der Umgebungsvariablen BRIEFING_SMTP_PASSWORD";
/// `send --from`.
pub const FROM: &str = "Absender; Standard: versand.absender, sonst \
                        \"FITKO (Föderale IT-Kooperation) <it-plr@fitko.de>\"";
/// The value of `--from` and `--to`.
pub const ADDRESS_VALUE: &str = "ADRESSE";
/// `send --smtp-timeout`.
pub const SMTP_TIMEOUT: &str = "Sekunden, die auf Verbindung und Antwort des Servers gewartet \
                                wird; Standard: versand.timeout_sekunden, sonst 30";
/// The value of `--smtp-timeout`.
pub const SECONDS_VALUE: &str = "SEKUNDEN";
/// `send --unverschluesselt-erlauben`.
pub const ALLOW_UNENCRYPTED: &str = "Das Kennwort auch über --smtp-tls none senden (nur für einen \
                                     Mailserver auf diesem Rechner)";
/// `send --yes`.
pub const YES: &str = "Ohne Rückfrage senden (nötig, wenn kein Terminal für die Frage da ist)";
/// `send --only`.
pub const SEND_ONLY: &str = "Nur an diese Personen (mehrfach möglich)";
/// `send --to`.
pub const TO: &str =
    "Die Auswahl stattdessen an diese Testadresse senden; wird nicht als zugestellt vermerkt";
/// `send --resend`.
pub const RESEND: &str = "Diesen Personen ihr Briefing erneut senden, obwohl das Protokoll es \
                          verzeichnet (mehrfach möglich)";
/// `send --resend-changed`.
pub const RESEND_CHANGED: &str =
    "Allen erneut senden, deren Briefing sich seit dem Versand geändert hat";
/// `send --angekommen`.
pub const ARRIVED: &str = "Einen unklaren Versand als angekommen vermerken (nach Rückfrage beim \
                           Empfänger); sendet nichts";

/// `--smtp-port` is not a port number.
pub fn not_a_port(text: &str) -> String {
    format!("„{text}“ ist keine Portnummer; erlaubt sind ganze Zahlen von 1 bis 65535, z. B. 587")
}
/// `--smtp-timeout` is not a number of seconds.
pub fn not_seconds(text: &str) -> String {
    format!("„{text}“ ist keine Anzahl Sekunden; bitte eine ganze Zahl schreiben, z. B. 30")
}
/// `--stand` with text that is not a date.
pub fn not_a_date(text: &str) -> String {
    format!("„{text}“ ist kein Datum; bitte als JJJJ-MM-TT schreiben, z. B. 2026-11-28")
}

// --- cli/parse.rs: clap's usage errors in German

/// A command name that does not exist.
pub fn unknown_command(invalid: &str) -> String {
    format!("unbekannter Befehl „{invalid}“")
}

/// An option that does not exist.
pub fn unknown_option(invalid: &str) -> String {
    format!("unbekannte Option „{invalid}“")
}

/// A word on the command line that no argument takes.
pub fn unexpected_argument(invalid: &str) -> String {
    format!("unerwartete Angabe „{invalid}“")
}

/// An option given without its value; `reason` is empty or starts with ": ".
pub fn value_needed(invalid: &str, reason: &str) -> String {
    format!("{invalid} braucht einen Wert{reason}")
}

/// An option with a value it does not accept; `reason` is empty or starts with ": ".
pub fn invalid_value(value: &str, invalid: &str, reason: &str) -> String {
    format!("ungültiger Wert „{value}“ für {invalid}{reason}")
}

/// A required argument that is missing.
pub fn missing_argument(invalid: &str) -> String {
    format!("es fehlt: {invalid}")
}

/// No command given.
pub const MISSING_COMMAND: &str = "es fehlt ein Befehl";

/// Two options that exclude each other.
pub fn argument_conflict(invalid: &str) -> String {
    format!("{invalid} passt nicht zu den anderen Angaben")
}

/// An option given too many or too few values.
pub fn wrong_number_of_values(invalid: &str) -> String {
    format!("falsche Anzahl von Werten für {invalid}")
}

/// Any other usage error, with clap's (English) text.
pub fn invalid_call(detail: &str) -> String {
    format!("der Aufruf ist ungültig: {detail}")
}

/// Appended to a usage error when clap has a suggestion.
pub fn did_you_mean(suggestion: &str) -> String {
    format!("; meinten Sie „{suggestion}“?")
}

/// A usage error as printed, with where to find help.
pub fn usage_error(message: &str) -> String {
    format!("Fehler: {message}\nHilfe: briefing --help\n")
}

// --- cli/progress.rs

/// The progress bar of `build` (an indicatif template).
pub const PROGRESS_TEMPLATE: &str = "{bar:40} {pos}/{len} Dokumente ({eta})";

// --- cli/mod.rs: `watch` as it goes

/// The first line of `watch`.
pub const WATCHING: &str = "Beobachte Eingaben, Vorlagen und briefing.yaml; Strg+C beendet";

/// The files whose change started a rebuild.
pub fn changed(names: &str) -> String {
    format!("Geändert: {names}")
}

/// A rebuild of `watch` succeeded.
pub fn rebuilt(folder: impl Display) -> String {
    format!("Neu erstellt: {folder}")
}

// --- cli/report.rs: what each command prints

/// A warning of a run that has no place in a file.
pub fn warning(notice: &str) -> String {
    format!("Warnung: {notice}")
}

/// A run-wide error, as printed (with its line break).
pub fn error(error: impl Display) -> String {
    format!("Fehler: {error}\n")
}

/// The summary of `build`.
pub fn built(briefings: usize, overview: bool, pdfs: usize, folder: impl Display) -> String {
    let overview = if overview { " und die Übersicht" } else { "" };
    let pdfs = if pdfs > 0 {
        format!(", dazu {} (PDF/A)", count(pdfs, "PDF", "PDFs"))
    } else {
        String::new()
    };
    format!(
        "{}{overview}{pdfs} nach {folder} geschrieben",
        count(briefings, "Briefing", "Briefings")
    )
}

/// The summary of `check`.
pub fn checked(month: impl Display, briefings: usize, warning_count: usize) -> String {
    format!(
        "{month}: Eingaben und Vorlagen sind in Ordnung ({} und die Übersicht, {})",
        count(briefings, "Briefing", "Briefings"),
        warnings(warning_count)
    )
}

/// The first line of `init`'s summary.
pub fn initialized(files: usize, dir: impl Display) -> String {
    format!(
        "{} des Beispielprojekts nach {dir} geschrieben",
        count(files, "Datei", "Dateien")
    )
}

/// The second line of `init`'s summary: what to do next.
pub fn next_step(dir: impl Display) -> String {
    format!("Weiter mit: cd {dir} && briefing build")
}

/// A real `send` without a terminal to ask on and without `--yes`.
pub const SEND_NEEDS_TERMINAL: &str = "`briefing send` fragt vor dem Versand nach, hier gibt es \
                                       aber kein Terminal dafür; bestätigen Sie mit --yes (oder \
                                       prüfen Sie zuerst mit --dry-run)";

/// The confirmation's note that a test address gets everything.
pub fn confirm_test_target(address: &str) -> String {
    format!(" (Test: alle an {address}, nicht als zugestellt vermerkt)")
}

/// The plan shown before the confirmation; `target` from [`confirm_test_target`] or empty.
pub fn ready_to_send(
    about_to_send: usize,
    month: &str,
    target: &str,
    already: usize,
    without_address: usize,
    warning_count: usize,
) -> String {
    format!(
        "Bereit: {} für {month}{target}; {already} haben sie bereits, {without_address} ohne \
         Adresse, {}.",
        count(about_to_send, "Nachricht", "Nachrichten"),
        warnings(warning_count)
    )
}

/// The question before a real `send`.
pub const SEND_NOW: &str = "Jetzt senden? [j/N] ";

/// The answers to [`SEND_NOW`] that mean yes (lower case).
pub const YES_ANSWERS: [&str; 4] = ["j", "ja", "y", "yes"];

/// A spokesperson without an address: no message.
pub fn without_address(id: &str, name: &str) -> String {
    format!("Warnung: {id} ({name}) hat keine E-Mail-Adresse in sprecher.yaml; keine Nachricht")
}

/// A message whose arrival is not known, and what to do about it.
pub fn unknown_delivery(id: &str, address: &str, when: &str, message_id: &str) -> String {
    format!(
        "Warnung: unklar, ob {id} <{address}> die Nachricht erhalten hat: sie ging am {when} an \
         den Mailserver, seine Bestätigung kam nicht an (Message-ID {message_id}). Sie wird \
         nicht von selbst erneut gesendet. Fragen Sie beim Empfänger oder im Postausgang des \
         Mailservers nach; fehlt sie, senden Sie mit `briefing send --resend {id}` (gleiche \
         Message-ID, ein Mailserver kann ein Doppel erkennen), ist sie angekommen, vermerken \
         Sie das mit `briefing send --angekommen {id}`."
    )
}

/// Appended to [`not_sent`] when the server refused for good.
pub const REJECTED_HINT: &str = " Der Mailserver hat die Nachricht endgültig abgelehnt.";
/// Appended to [`not_sent`] when the server refused for now, also after the retries.
pub const TEMPORARY_HINT: &str =
    " Der Mailserver hat auch nach mehreren Versuchen vorübergehend abgelehnt.";

/// One kind of failure and everyone it hit; `hint` is empty or starts with a space.
pub fn not_sent(who: &str, reasons: &str, hint: &str) -> String {
    format!("Fehler: nicht gesendet an {who}: {reasons}.{hint}")
}

/// The batch stopped.
pub fn send_aborted(hint: &str, detail: &str, not_attempted: usize) -> String {
    format!(
        "Fehler: {hint} (Meldung: {detail}). Der Versand wurde angehalten; {} nicht \
         versucht.",
        match not_attempted {
            1 => "1 Nachricht wurde".to_string(),
            n => format!("{n} Nachrichten wurden"),
        }
    )
}

/// The user said no at the confirmation.
pub const SEND_CANCELLED: &str = "Abgebrochen: nichts wurde gesendet.\n";

/// Not everyone got the briefing.
pub const SEND_INCOMPLETE: &str = "Fehler: nicht alle Sprecherinnen und Sprecher haben das Briefing \
                                   erhalten; beheben Sie das Obige und starten Sie `briefing \
                                   send` erneut (was angekommen ist, geht nicht doppelt \
                                   hinaus)\n";

/// One message sent.
pub fn sent(id: &str, address: &str) -> String {
    format!("gesendet: {id} -> {address}")
}

/// Appended to [`already_received`] when the briefing changed since.
pub const CHANGED_SINCE: &str =
    "; das Dokument hat sich seither geändert (erneut senden: --resend-changed)";

/// Someone who already has the briefing; `changed` is [`CHANGED_SINCE`] or empty.
pub fn already_received(id: &str, when: &str, checksum: &str, changed: &str) -> String {
    format!("bereits erhalten: {id} am {when} (Prüfsumme {checksum}){changed}")
}

// --- commands/init.rs

/// `init` into a folder that already has files of the example.
pub fn init_would_overwrite(existing: &str) -> String {
    format!(
        "vorhandene Dateien werden nicht überschrieben: {existing}; bitte einen leeren Ordner \
         wählen"
    )
}

// --- commands/preview.rs

/// `preview` with an id nobody has.
pub fn preview_unknown_id(id: &str, known: &str, overview_id: &str) -> String {
    format!(
        "keine Person im Verzeichnis hat die id „{id}“; bekannte ids: {known}, oder {overview_id}"
    )
}

// --- commands/send.rs

/// `--only`, `--resend` or `--angekommen` with an id that the month's manifest lacks.
pub fn not_in_manifest(id: &str, known: &str) -> String {
    format!("\"{id}\" steht nicht in versand.csv dieses Monats; bekannte Kennungen: {known}")
}

/// The manifest names someone the roster no longer has.
pub fn no_longer_in_roster(id: &str) -> String {
    format!(
        "versand.csv nennt \"{id}\", die Person steht nicht mehr in sprecher.yaml; führen Sie \
         zuerst `briefing build` aus"
    )
}

/// `--angekommen` for an id without an unknown delivery.
pub fn nothing_to_confirm(id: &str) -> String {
    format!(
        "--angekommen {id}: für diese Kennung ist kein Versand offen (unklar); nichts zu \
         bestätigen"
    )
}

// --- settings.rs

/// `--config` names a file that does not exist.
pub fn config_file_missing(path: impl Display) -> String {
    format!("die Einstellungsdatei {path} gibt es nicht (Angabe von --config)")
}

/// `send` without a mail server.
pub const NO_SMTP_SERVER: &str = "kein Mailserver angegeben: bitte --smtp-host angeben oder \
                                  versand.server in briefing.yaml eintragen (oder mit --dry-run \
                                  die Nachrichten nur als .eml-Dateien schreiben)";

/// The settings file of the header line when there is none.
pub fn no_config_file(config_file: &str) -> String {
    format!("keine ({config_file} fehlt im aktuellen Ordner)")
}

/// The first line of `build`, `check` and `send`; `source` is one of the `STAND_…` texts.
pub fn header(month: impl Display, stand: impl Display, source: &str, config: &str) -> String {
    format!("Monat {month}, Stand {stand} ({source}), Einstellungen: {config}")
}

/// Where the Stand came from: `--stand`.
pub const STAND_GIVEN: &str = "angegeben mit --stand";
/// Where the Stand came from: the built documents (`send`).
pub const STAND_BUILT: &str = "der erstellten Dokumente";
/// Where the Stand came from: a month that was sent.
pub const STAND_SENT: &str = "des versendeten Monats";
/// Where the Stand came from: `stand:` in `briefing.yaml`.
pub const STAND_CONFIG: &str = "aus briefing.yaml";
/// Where the Stand came from: nothing set.
pub const STAND_TODAY: &str = "heute";

/// `build`/`check` of a month with a Stand after its end.
pub fn stand_after_month(month: impl Display, stand: &str, next_folder: impl Display) -> String {
    format!(
        "der Monat {month} ist mit Stand {stand} nach seinem Ende erstellt: Termine vor dem \
         {stand} fehlen in den Dokumenten dieses Monats. Für den neuen Monat legen Sie seinen \
         Ordner an (z. B. {next_folder}); soll es dieser Monat sein, geben Sie seinen Stand mit \
         --stand JJJJ-MM-TT an"
    )
}

/// `build`/`check` without `--month` of the newest month folder, which was sent and ended.
pub fn newest_month_already_sent(month: impl Display, next_folder: impl Display) -> String {
    format!(
        "der neueste Monatsordner ist {month}, und dieser Monat ist vorbei und versendet; fehlt \
         der Ordner des neuen Monats ({next_folder})? Dieser Lauf behält den Stand von {month}"
    )
}

/// `build` is about to replace the documents of a month that was sent.
pub fn replaces_sent_month(
    month: impl Display,
    count_of: usize,
    last: &str,
    folder: impl Display,
    archive: impl Display,
) -> String {
    format!(
        "{month} wurde bereits an {} versendet (zuletzt am {last}); dieser Lauf ersetzt die \
         Dokumente in {folder}. Die versendeten Fassungen bleiben in {archive}. Neu erstellte \
         Dokumente gehen nicht von selbst hinaus: `briefing send --dry-run --resend-changed` \
         zeigt, wessen Briefing sich seither geändert hat",
        count(
            count_of,
            "Sprecherin oder Sprecher",
            "Sprecherinnen und Sprecher"
        )
    )
}

/// A folder of the inputs that looks like a month but is not named like one.
pub fn misnamed_month_folder(folder: impl Display, inputs: impl Display) -> String {
    format!(
        "der Ordner \"{folder}\" sieht aus wie ein Monat, heißt aber nicht JJJJ-MM (z. B. \
         2026-11) und wird deshalb nicht gelesen; benennen Sie ihn um oder verschieben Sie ihn \
         aus {inputs}"
    )
}

/// The inputs have no month folder and `--month` is not given.
pub fn no_month_folder(inputs: impl Display) -> String {
    format!(
        "{inputs} hat keinen Monatsordner (benannt wie 2026-11); bitte einen anlegen oder \
         --month angeben"
    )
}

// --- project.rs

/// `--only` with an id nobody has.
pub fn only_unknown_id(id: &str, known: &str) -> String {
    format!("--only {id}: keine Person im Verzeichnis hat diese id; bekannte ids: {known}")
}

/// A conference whose grammatical gender cannot be told.
pub fn unknown_gender(code: &str, name: &str) -> String {
    format!(
        "{code}: aus dem Namen „{name}“ lässt sich das grammatische Geschlecht nicht ableiten; \
         die Artikel lauten „die/der“. Bitte „genus: m“, „f“ oder „n“ ergänzen"
    )
}

// --- send: plan, corrections, --angekommen, interruption (issue 20)

/// The plan's heading before the confirmation (also with `--yes`).
pub fn plan_heading(count_of: usize, month: &str) -> String {
    format!(
        "Geplant für {month}: {}",
        count(count_of, "Nachricht", "Nachrichten")
    )
}

/// One planned message; `kind` is one of the `PLAN_…` texts.
pub fn plan_line(id: &str, address: &str, kind: &str) -> String {
    format!("  {id} <{address}>: {kind}")
}

/// A planned first delivery.
pub const PLAN_FIRST: &str = "Briefing des Monats";
/// A planned retry of an unknown delivery.
pub const PLAN_RETRY: &str = "erneuter Versuch (gleiche Message-ID)";
/// A planned repeat of the version received.
pub const PLAN_AGAIN: &str = "dieselbe Fassung noch einmal (--resend)";
/// A planned test message.
pub const PLAN_TEST: &str = "Test, nicht als zugestellt vermerkt";

/// A planned correction.
pub fn plan_correction(received: &str) -> String {
    format!("Korrektur der Fassung vom {received}")
}

/// `--angekommen` recorded an arrival; nothing was sent.
pub fn recorded_arrival(id: &str, address: &str, when: &str) -> String {
    format!(
        "vermerkt: {id} <{address}> hat die Nachricht vom {when} erhalten (nichts wurde gesendet)"
    )
}

/// The summary of `--angekommen`.
pub fn recorded_summary(count_of: usize, log: impl Display) -> String {
    format!(
        "{} als angekommen vermerkt, nichts gesendet; Protokoll: {log}",
        count(count_of, "Versand", "Versände")
    )
}

/// The summary of a dry run.
pub fn dry_run_summary(
    written: usize,
    mail_dir: impl Display,
    already: usize,
    corrections_not_asked: &str,
) -> String {
    format!(
        "{} nach {mail_dir} geschrieben (nichts wurde gesendet); {already} haben das \
         Briefing bereits{corrections_not_asked}",
        count(written, "Nachricht", "Nachrichten")
    )
}

/// Appended to [`dry_run_summary`]: corrections written that only `--resend-changed` sends.
pub fn corrections_not_asked(ids: &str) -> String {
    format!(
        "; darunter Korrekturen für {ids}, die nur mit `briefing send --resend-changed` \
         hinausgehen"
    )
}

/// One correction sent.
pub fn sent_correction(id: &str, address: &str) -> String {
    format!("gesendet: {id} -> {address} (Korrektur)")
}

/// The summary of a real `send`; `log` from [`log_note`], or empty when there is no log yet.
#[allow(clippy::too_many_arguments)]
pub fn send_summary_of(
    sent: usize,
    corrections: usize,
    already: usize,
    unknown: usize,
    failed: usize,
    not_attempted: usize,
    without_address: usize,
    log: &str,
) -> String {
    let corrections = match corrections {
        0 => String::new(),
        n => format!(" (davon {})", count(n, "Korrektur", "Korrekturen")),
    };
    format!(
        "{sent} gesendet{corrections}, {already} bereits erhalten, {unknown} unklar, {failed} \
         fehlgeschlagen, {not_attempted} nicht versucht, {without_address} ohne Adresse{log}"
    )
}

/// Appended to [`send_summary_of`] when the send log exists.
pub fn log_note(log: impl Display) -> String {
    format!("; Protokoll: {log}")
}

/// The summary of a test send (`--to`): nothing is recorded.
pub fn test_summary(sent: usize, address: &str, failed: usize, not_attempted: usize) -> String {
    format!(
        "{sent} gesendet als Test an {address}, {failed} fehlgeschlagen, {not_attempted} nicht \
         versucht; ein Test wird nicht im Versandprotokoll vermerkt"
    )
}

/// Ctrl+C stopped the batch after the message in hand.
pub fn send_interrupted(sent: usize, not_attempted: usize) -> String {
    format!(
        "Abgebrochen mit Strg+C: {sent} gesendet und vermerkt, {} nicht versucht. \
         `briefing send` sendet nur die noch offenen Nachrichten; wer sein Briefing hat, \
         bekommt es nicht doppelt.\n",
        count(not_attempted, "Nachricht", "Nachrichten")
    )
}

/// Shown at the first Ctrl+C while sending.
pub const STOPPING: &str =
    "Strg+C: der Versand hält nach der laufenden Nachricht an (noch einmal Strg+C beendet sofort)";

/// Not everyone got the test message.
pub const TEST_INCOMPLETE: &str = "Fehler: nicht jede Testnachricht ist angekommen; beheben Sie \
                                   das Obige und wiederholen Sie den Test mit --to (ohne --to \
                                   ginge der Versand an die Sprecherinnen und Sprecher)\n";
