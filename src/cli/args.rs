//! The command line as clap parses it, and its translation into [`Overrides`].

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{ArgAction, Args, Parser, Subcommand};

use crate::load::config::SmtpTls;
use crate::month::Month;
use crate::settings::{Overrides, SmtpOverrides};

/// Monatliche Word-Briefings für die fachpolitischen Sprecherinnen und Sprecher des
/// IT-Planungsrates.
///
/// Exit-Codes: 0 Erfolg, 1 Fehler in Eingaben oder Vorlagen, 2 Aufruffehler.
#[derive(Debug, Parser)]
#[command(
    name = "briefing",
    version,
    about,
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "Befehle",
    subcommand_value_name = "BEFEHL",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
    /// Hilfe anzeigen
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true, help_heading = "Optionen")]
    help: Option<bool>,
    /// Version anzeigen
    #[arg(short = 'V', long = "version", action = ArgAction::Version, help_heading = "Optionen")]
    version: Option<bool>,
}

/// The layout of every help page, with German headings (clap's own are English).
const HELP_TEMPLATE: &str = "\
{about-with-newline}
Aufruf: {usage}

{all-args}{after-help}";

/// The subcommands.
#[derive(Debug, Subcommand)]
#[command(help_template = HELP_TEMPLATE)]
pub enum Command {
    /// Alle Briefings, die Übersicht und versand.csv nach AUSGABE/JJJJ-MM/ schreiben
    #[command(help_template = HELP_TEMPLATE, override_usage = "briefing build [OPTIONEN]")]
    Build(BuildArgs),
    /// Eingaben und Vorlagen prüfen und jedes Problem melden; schreibt nichts
    #[command(help_template = HELP_TEMPLATE, override_usage = "briefing check [OPTIONEN]")]
    Check(CommonArgs),
    /// Das Markdown eines Briefings ausgeben (ID "uebersicht": die Übersicht)
    #[command(help_template = HELP_TEMPLATE, override_usage = "briefing preview [OPTIONEN] <ID>")]
    Preview(PreviewArgs),
    /// Ein vollständiges Beispielprojekt in ORDNER anlegen (Standard: der aktuelle Ordner)
    #[command(help_template = HELP_TEMPLATE, override_usage = "briefing init [ORDNER]")]
    Init(InitArgs),
    /// Neu erstellen, sobald sich eine Vorlage, eine Eingabe oder die Einstellungen ändern
    /// (Strg+C beendet)
    #[command(help_template = HELP_TEMPLATE, override_usage = "briefing watch [OPTIONEN]")]
    Watch(WatchArgs),
    /// Jeder Sprecherin und jedem Sprecher das Briefing und die Kalenderdatei per E-Mail
    /// senden (der Monat muss erstellt sein)
    #[command(help_template = HELP_TEMPLATE, override_usage = "briefing send [OPTIONEN]")]
    Send(SendArgs),
}

/// Options of every command that reads the inputs.
#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// Monatsordner (JJJJ-MM); Standard: der neueste Monatsordner der Eingaben
    #[arg(long, value_name = "JJJJ-MM", help_heading = "Optionen")]
    pub month: Option<Month>,
    /// Stichtag der Dokumente ("Stand", JJJJ-MM-TT); Standard: heute
    #[arg(long, value_name = "JJJJ-MM-TT", value_parser = parse_date, help_heading = "Optionen")]
    pub stand: Option<NaiveDate>,
    /// Ordner mit sprecher.yaml, beschluesse.yaml und den Monatsordnern [Standard: inputs]
    #[arg(long, value_name = "ORDNER", help_heading = "Optionen")]
    pub inputs: Option<PathBuf>,
    /// Ordner mit den Vorlagen [Standard: templates]
    #[arg(long, value_name = "ORDNER", help_heading = "Optionen")]
    pub templates: Option<PathBuf>,
    /// Ordner, in den die Dokumente des Monats geschrieben werden [Standard: out]
    #[arg(long, value_name = "ORDNER", help_heading = "Optionen")]
    pub out: Option<PathBuf>,
    /// Einstellungsdatei; Standard: briefing.yaml im aktuellen Ordner, falls vorhanden
    #[arg(long, value_name = "DATEI", help_heading = "Optionen")]
    pub config: Option<PathBuf>,
}

/// `briefing build`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Optionen")]
pub struct BuildArgs {
    /// The common options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Nur das Briefing dieser Person erstellen (mehrfach möglich); die übrigen Dateien bleiben
    #[arg(long, value_name = "ID", help_heading = "Optionen")]
    pub only: Vec<String>,
    /// Jedes Dokument zusätzlich als PDF/A-2b mit Tags schreiben (für die E-Akte und die
    /// Barrierefreiheit; braucht LibreOffice); Standard: pdf in briefing.yaml
    #[arg(long, help_heading = "Optionen")]
    pub pdf: bool,
}

impl BuildArgs {
    /// The overrides, `--pdf` included.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            pdf: self.pdf,
            ..self.common.clone().into()
        }
    }
}

/// `briefing preview`.
#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// Die id der Person aus sprecher.yaml, oder "uebersicht"
    #[arg(help_heading = "Argumente")]
    pub id: String,
    /// The common options.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// `briefing init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Ordner für das neue Projekt; wird angelegt, falls er fehlt [Standard: .]
    #[arg(
        default_value = ".",
        hide_default_value = true,
        value_name = "ORDNER",
        help_heading = "Argumente"
    )]
    pub dir: PathBuf,
}

/// `briefing watch`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Optionen")]
pub struct WatchArgs {
    /// The common options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Wie oft nach Änderungen gesucht wird, in Millisekunden
    #[arg(long, value_name = "MS", default_value_t = 500, hide = true)]
    pub poll_ms: u64,
}

/// `briefing send`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Optionen")]
pub struct SendArgs {
    /// The common options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Die Nachrichten als .eml-Dateien nach AUSGABE/JJJJ-MM/mail/ schreiben und nichts senden
    #[arg(long)]
    pub dry_run: bool,
    /// SMTP-Server; Standard: versand.server in briefing.yaml
    #[arg(long, value_name = "SERVER")]
    pub smtp_host: Option<String>,
    /// SMTP-Port; Standard: versand.port, sonst 25 / 587 / 465 je nach --smtp-tls
    #[arg(long, value_name = "PORT")]
    pub smtp_port: Option<u16>,
    /// Verbindungsschutz: none, starttls (Standard) oder tls
    #[arg(long, value_name = "none|starttls|tls", value_parser = parse_tls)]
    pub smtp_tls: Option<SmtpTls>,
    /// SMTP-Benutzer; das Kennwort kommt aus der Umgebungsvariablen BRIEFING_SMTP_PASSWORD
    #[arg(long, value_name = "USER")]
    pub smtp_user: Option<String>,
    /// Absender; Standard: versand.absender, sonst FITKO <it-plr@fitko.de>
    #[arg(long, value_name = "ADRESSE")]
    pub from: Option<String>,
    /// Sekunden, die auf Verbindung und Antwort des Servers gewartet wird; Standard: versand.timeout_sekunden, sonst 30
    #[arg(long, value_name = "SEKUNDEN")]
    pub smtp_timeout: Option<u64>,
    /// Das Kennwort auch über --smtp-tls none senden (nur für einen Mailserver auf diesem Rechner)
    #[arg(long)]
    pub unverschluesselt_erlauben: bool,
    /// Ohne Rückfrage senden (nötig, wenn kein Terminal für die Frage da ist)
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Nur an diese Personen (mehrfach möglich)
    #[arg(long, value_name = "ID")]
    pub only: Vec<String>,
    /// Die Auswahl stattdessen an diese Testadresse senden; wird nicht als zugestellt vermerkt
    #[arg(long, value_name = "ADRESSE")]
    pub to: Option<String>,
    /// Diesen Personen ihr Briefing erneut senden, obwohl das Protokoll es verzeichnet (mehrfach möglich)
    #[arg(long, value_name = "ID")]
    pub resend: Vec<String>,
    /// Allen erneut senden, deren Briefing sich seit dem Versand geändert hat
    #[arg(long)]
    pub resend_changed: bool,
    /// Einen unklaren Versand als angekommen vermerken (nach Rückfrage beim Empfänger); sendet nichts
    #[arg(long, value_name = "ID")]
    pub angekommen: Vec<String>,
}

fn parse_tls(text: &str) -> Result<SmtpTls, String> {
    text.parse()
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        format!("„{text}“ ist kein Datum; bitte als JJJJ-MM-TT schreiben, z. B. 2026-11-28")
    })
}

impl From<CommonArgs> for Overrides {
    fn from(args: CommonArgs) -> Self {
        Overrides {
            inputs: args.inputs,
            templates: args.templates,
            out: args.out,
            config: args.config,
            month: args.month,
            stand: args.stand,
            pdf: false,
            smtp: SmtpOverrides::default(),
        }
    }
}

impl SendArgs {
    /// What `send` is asked to do beyond the settings.
    pub fn options(&self) -> crate::commands::send::SendOptions {
        crate::commands::send::SendOptions {
            dry_run: self.dry_run,
            only: self.only.clone(),
            test_address: self.to.clone(),
            resend: self.resend.clone(),
            resend_changed: self.resend_changed,
            arrived: self.angekommen.clone(),
        }
    }

    /// The overrides, SMTP flags included.
    pub fn overrides(self) -> Overrides {
        Overrides {
            smtp: SmtpOverrides {
                host: self.smtp_host,
                port: self.smtp_port,
                tls: self.smtp_tls,
                user: self.smtp_user,
                from: self.from,
                timeout_seconds: self.smtp_timeout,
                allow_unencrypted: self.unverschluesselt_erlauben,
            },
            ..self.common.into()
        }
    }
}
