//! The optional project configuration file `briefing.yaml`.
//!
//! Two layers, as usual: [`RawConfig`] mirrors the file (unknown keys are errors, so a typo
//! never goes unnoticed), [`Config`] holds the checked values with the file's defaults filled
//! in. This module does not know about command-line flags: [`crate::settings`] applies those on
//! top, in one place.

use std::path::Path;

use serde::Deserialize;

use super::headers::{Field, HeaderAliases, normalize_header};
use super::xlsx::{HiddenRows, SheetOptions};
use super::yaml::{self, YamlError};
use crate::diagnostics::{Diagnostics, Location};
use crate::messages::config as messages;
use crate::messages::tls as tls_messages;

/// The name of the configuration file looked for in the current directory.
pub const CONFIG_FILE: &str = "briefing.yaml";

/// `briefing.yaml` as written by the user.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    /// How many months before the reference date a decision stays in the briefings.
    pub beschluss_zeitraum_monate: Option<u32>,
    /// How many months after the reference date meetings are listed.
    pub termin_horizont_monate: Option<u32>,
    /// The author written into the documents' properties.
    pub autor: Option<String>,
    /// File name prefixes of the MPK spreadsheets in a month folder.
    pub dateinamen: Option<RawFileNames>,
    /// Further accepted column headers, per column.
    pub spalten: Option<RawColumns>,
    /// E-mail delivery (`briefing send`); the password is never read from this file.
    pub versand: Option<RawDelivery>,
    /// How groups and persons of unknown gender are named: `paarform` or `doppelpunkt`.
    pub schreibweise: Option<String>,
    /// Also write every document as PDF/A-2b (as `build --pdf` does).
    pub pdf: Option<RawSwitch>,
    /// Rows hidden in the spreadsheets: `lesen` or `auslassen`.
    pub ausgeblendete_zeilen: Option<String>,
    /// The reference date of the documents (`JJJJ-MM-TT`), e.g. for a shipped example.
    pub stand: Option<String>,
}

/// A yes/no value as written: `true`/`false`, or whatever else stood there, kept so the
/// check can name it in German (serde's own message would be English and name no key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawSwitch {
    /// `true` or `false`.
    Value(bool),
    /// Anything else, as text.
    Invalid(String),
}

impl<'de> Deserialize<'de> for RawSwitch {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RawSwitch;
            fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                formatter.write_str("true or false")
            }
            fn visit_bool<E>(self, value: bool) -> Result<RawSwitch, E> {
                Ok(RawSwitch::Value(value))
            }
            fn visit_str<E>(self, value: &str) -> Result<RawSwitch, E> {
                Ok(RawSwitch::Invalid(value.to_string()))
            }
            fn visit_i64<E>(self, value: i64) -> Result<RawSwitch, E> {
                Ok(RawSwitch::Invalid(value.to_string()))
            }
            fn visit_u64<E>(self, value: u64) -> Result<RawSwitch, E> {
                Ok(RawSwitch::Invalid(value.to_string()))
            }
            fn visit_f64<E>(self, value: f64) -> Result<RawSwitch, E> {
                Ok(RawSwitch::Invalid(value.to_string()))
            }
            fn visit_unit<E>(self) -> Result<RawSwitch, E> {
                Ok(RawSwitch::Invalid(String::new()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The `versand:` section: how `briefing send` reaches the mail server.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDelivery {
    /// SMTP server host name.
    pub server: Option<String>,
    /// SMTP port.
    pub port: Option<u16>,
    /// `none`, `starttls` or `tls`.
    pub verschluesselung: Option<String>,
    /// SMTP user name (the password comes from `BRIEFING_SMTP_PASSWORD`).
    pub benutzer: Option<String>,
    /// Sender address, e.g. `FITKO <it-plr@fitko.de>`.
    pub absender: Option<String>,
    /// Seconds to wait for the server to connect and to answer each command.
    pub timeout_sekunden: Option<u64>,
    /// Allow a password over `verschluesselung: none` (a relay on the same machine only).
    pub unverschluesselt_erlauben: Option<bool>,
    /// Attach each briefing's PDF/A file too (it must have been built with `--pdf`).
    pub pdf_anhaengen: Option<RawSwitch>,
    /// A PEM file with the CA certificate(s) the mail server's certificate is issued by, for
    /// a root that is not in the system's certificate store; relative to this file's folder.
    pub ca_zertifikat: Option<String>,
}

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain text (only for a server on the same machine or in tests).
    None,
    /// Plain connection upgraded with STARTTLS (usually port 587).
    StartTls,
    /// TLS from the start (usually port 465).
    Tls,
}

impl SmtpTls {
    /// The usual port for this kind of connection.
    pub fn default_port(self) -> u16 {
        match self {
            SmtpTls::None => 25,
            SmtpTls::StartTls => 587,
            SmtpTls::Tls => 465,
        }
    }
}

impl std::str::FromStr for SmtpTls {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "none" => Ok(SmtpTls::None),
            "starttls" => Ok(SmtpTls::StartTls),
            "tls" => Ok(SmtpTls::Tls),
            _ => Err(messages::unknown_tls(text)),
        }
    }
}

/// The checked `versand:` settings; the command line may override each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeliveryConfig {
    /// `versand.server`.
    pub host: Option<String>,
    /// `versand.port`.
    pub port: Option<u16>,
    /// `versand.verschluesselung`.
    pub tls: Option<SmtpTls>,
    /// `versand.benutzer`.
    pub user: Option<String>,
    /// `versand.absender`.
    pub from: Option<String>,
    /// `versand.timeout_sekunden`.
    pub timeout_seconds: Option<u64>,
    /// `versand.unverschluesselt_erlauben`.
    pub allow_unencrypted: Option<bool>,
    /// `versand.pdf_anhaengen`: attach the PDF beside the DOCX.
    pub attach_pdf: bool,
    /// `versand.ca_zertifikat`, resolved against the configuration file's folder.
    pub ca_certificate: Option<std::path::PathBuf>,
}

/// Additional header names per column of the MPK spreadsheets.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawColumns {
    /// Further headers of the column `konferenz`.
    #[serde(default)]
    pub konferenz: Vec<String>,
    /// Further headers of the column `vorsitz`.
    #[serde(default)]
    pub vorsitz: Vec<String>,
    /// Further headers of the column `geschaeftsstelle`.
    #[serde(default)]
    pub geschaeftsstelle: Vec<String>,
    /// Further headers of the column `ansprechperson`.
    #[serde(default)]
    pub ansprechperson: Vec<String>,
    /// Further headers of the column `funktion`.
    #[serde(default)]
    pub funktion: Vec<String>,
    /// Further headers of the column `telefon`.
    #[serde(default)]
    pub telefon: Vec<String>,
    /// Further headers of the column `email`.
    #[serde(default)]
    pub email: Vec<String>,
    /// Further headers of the column `sitzung`.
    #[serde(default)]
    pub sitzung: Vec<String>,
    /// Further headers of the column `datum`.
    #[serde(default)]
    pub datum: Vec<String>,
    /// Further headers of the column `beginn`.
    #[serde(default)]
    pub beginn: Vec<String>,
    /// Further headers of the column `ende`.
    #[serde(default)]
    pub ende: Vec<String>,
    /// Further headers of the column `ort`.
    #[serde(default)]
    pub ort: Vec<String>,
    /// Further headers of the column `bemerkung`.
    #[serde(default)]
    pub bemerkung: Vec<String>,
}

impl RawColumns {
    fn into_pairs(self) -> Vec<(Field, String)> {
        let columns = [
            (Field::Conference, self.konferenz),
            (Field::Chair, self.vorsitz),
            (Field::Office, self.geschaeftsstelle),
            (Field::ContactName, self.ansprechperson),
            (Field::Role, self.funktion),
            (Field::Phone, self.telefon),
            (Field::Email, self.email),
            (Field::Meeting, self.sitzung),
            (Field::Date, self.datum),
            (Field::Begin, self.beginn),
            (Field::End, self.ende),
            (Field::Place, self.ort),
            (Field::Remark, self.bemerkung),
        ];
        columns
            .into_iter()
            .flat_map(|(field, names)| names.into_iter().map(move |name| (field, name)))
            .collect()
    }
}

/// The `dateinamen:` section: how the spreadsheets of a month folder are recognised.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFileNames {
    /// Start of the contact list's file name.
    pub ansprechpartner: Option<String>,
    /// Start of the meeting list's file name.
    pub termine: Option<String>,
}

/// How the documents name groups and persons whose gender the roster does not tell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum GroupStyle {
    /// "Sprecherinnen und Sprecher", "Sprecherin oder Sprecher" (the default).
    #[default]
    PairForm,
    /// "Sprecher:innen", "Sprecher:in".
    Colon,
}

impl GroupStyle {
    /// `paarform` or `doppelpunkt`, in any case.
    pub fn parse(text: &str) -> Option<GroupStyle> {
        match text.trim().to_lowercase().as_str() {
            "paarform" => Some(GroupStyle::PairForm),
            "doppelpunkt" => Some(GroupStyle::Colon),
            _ => None,
        }
    }

    /// The word the templates and `briefing.yaml` use.
    pub fn name(self) -> &'static str {
        match self {
            GroupStyle::PairForm => "paarform",
            GroupStyle::Colon => "doppelpunkt",
        }
    }
}

/// The checked configuration with every default applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Decisions up to this many months before the reference date are shown.
    pub decision_window_months: u32,
    /// Meetings up to this many months after the reference date are shown.
    pub meeting_horizon_months: u32,
    /// The author in the documents' properties.
    pub author: String,
    /// Start of the contact list's file name, lower case.
    pub contacts_prefix: String,
    /// Start of the meeting list's file name, lower case.
    pub meetings_prefix: String,
    /// Header names accepted in addition to the built-in ones.
    pub extra_headers: Vec<(Field, String)>,
    /// E-mail delivery settings.
    pub delivery: DeliveryConfig,
    /// How groups are named (`schreibweise`).
    pub group_style: GroupStyle,
    /// `pdf`: also write every document as PDF/A-2b.
    pub pdf: bool,
    /// Hidden spreadsheet rows read or left out (`ausgeblendete_zeilen`).
    pub hidden_rows: HiddenRows,
    /// `stand`: the reference date, unless `--stand` is given.
    pub stand: Option<chrono::NaiveDate>,
}

impl Config {
    /// The header names the spreadsheet reader accepts: built-in plus configured.
    pub fn header_aliases(&self) -> HeaderAliases {
        let mut aliases = HeaderAliases::default();
        for (field, name) in &self.extra_headers {
            aliases.add(*field, name);
        }
        aliases
    }

    /// How the spreadsheets are read: the header names and what to do with hidden rows.
    pub fn sheet_options(&self) -> SheetOptions {
        SheetOptions {
            aliases: self.header_aliases(),
            hidden_rows: self.hidden_rows,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            decision_window_months: 12,
            meeting_horizon_months: 12,
            author: "FITKO (Föderale IT-Kooperation)".to_string(),
            contacts_prefix: "ansprech".to_string(),
            meetings_prefix: "termin".to_string(),
            extra_headers: Vec::new(),
            delivery: DeliveryConfig::default(),
            group_style: GroupStyle::default(),
            pdf: false,
            hidden_rows: HiddenRows::default(),
            stand: None,
        }
    }
}

/// Longest window accepted; anything longer is almost certainly a typo (months vs. days).
const MAX_MONTHS: u32 = 120;

impl Config {
    /// Reads `path` if it exists; without the file every default applies.
    pub fn load(path: &Path) -> Result<Config, Diagnostics> {
        if !path.exists() {
            return Ok(Config::default());
        }
        // Every unknown key of the file, not only the first.
        let raw: RawConfig = yaml::parse_file_all(path)?;
        Config::from_raw(raw, path)
    }

    fn from_raw(raw: RawConfig, path: &Path) -> Result<Config, Diagnostics> {
        let defaults = Config::default();
        let mut diagnostics = Diagnostics::new();
        let mut months = |value: Option<u32>, key: &str, default: u32| match value {
            Some(0) => {
                diagnostics.error(Location::file(path), messages::months_zero(key));
                default
            }
            Some(months) if months > MAX_MONTHS => {
                diagnostics.error(
                    Location::file(path),
                    messages::months_too_many(key, months, MAX_MONTHS),
                );
                default
            }
            Some(months) => months,
            None => default,
        };
        let decision_window_months = months(
            raw.beschluss_zeitraum_monate,
            "beschluss_zeitraum_monate",
            defaults.decision_window_months,
        );
        let meeting_horizon_months = months(
            raw.termin_horizont_monate,
            "termin_horizont_monate",
            defaults.meeting_horizon_months,
        );
        let names = raw.dateinamen.unwrap_or_default();
        let mut prefix = |value: Option<String>, key: &str, default: String| match value {
            Some(prefix) if prefix.trim().is_empty() => {
                diagnostics.error(Location::file(path), messages::empty_file_name_prefix(key));
                default
            }
            Some(prefix) => prefix.trim().to_lowercase(),
            None => default,
        };
        let contacts_prefix = prefix(
            names.ansprechpartner,
            "ansprechpartner",
            defaults.contacts_prefix,
        );
        let meetings_prefix = prefix(names.termine, "termine", defaults.meetings_prefix);
        let extra_headers = raw.spalten.unwrap_or_default().into_pairs();
        for (field, name) in &extra_headers {
            if normalize_header(name).is_empty() {
                diagnostics.error(
                    Location::file(path),
                    messages::empty_column_name(name, field),
                );
            }
        }
        let mut switch = |value: Option<RawSwitch>, key: &str| match value {
            None => false,
            Some(RawSwitch::Value(on)) => on,
            Some(RawSwitch::Invalid(text)) => {
                diagnostics.error(Location::file(path), messages::not_a_switch(key, &text));
                false
            }
        };
        let pdf = switch(raw.pdf, "pdf");
        let delivery = raw.versand.unwrap_or_default();
        let attach_pdf = switch(delivery.pdf_anhaengen, "versand.pdf_anhaengen");
        let tls =
            delivery
                .verschluesselung
                .as_deref()
                .and_then(|text| match text.parse::<SmtpTls>() {
                    Ok(tls) => Some(tls),
                    Err(message) => {
                        diagnostics.error(Location::file(path), messages::delivery_tls(&message));
                        None
                    }
                });
        let ca_certificate = match delivery.ca_zertifikat.as_deref().map(str::trim) {
            None => None,
            Some("") => {
                diagnostics.error(
                    Location::file(path),
                    tls_messages::CA_FILE_BLANK.to_string(),
                );
                None
            }
            // Relative to briefing.yaml, so the setting means the same from any folder.
            Some(ca) => Some(path.parent().unwrap_or(Path::new("")).join(ca)),
        };
        let delivery = DeliveryConfig {
            ca_certificate,
            host: delivery.server,
            port: delivery.port,
            tls,
            user: delivery.benutzer,
            from: delivery.absender,
            timeout_seconds: delivery.timeout_sekunden,
            allow_unencrypted: delivery.unverschluesselt_erlauben,
            attach_pdf,
        };
        let group_style = match raw.schreibweise.as_deref().map(GroupStyle::parse) {
            None => defaults.group_style,
            Some(Some(style)) => style,
            Some(None) => {
                diagnostics.error(
                    Location::file(path),
                    messages::unknown_group_style(raw.schreibweise.as_deref().unwrap_or_default()),
                );
                defaults.group_style
            }
        };
        let hidden_rows = match raw.ausgeblendete_zeilen.as_deref() {
            None => defaults.hidden_rows,
            Some(text) => HiddenRows::parse(text).unwrap_or_else(|| {
                diagnostics.error(Location::file(path), messages::unknown_hidden_rows(text));
                defaults.hidden_rows
            }),
        };
        if delivery.timeout_seconds == Some(0) {
            diagnostics.error(Location::file(path), messages::TIMEOUT_ZERO.to_string());
        }
        let stand = raw.stand.as_deref().and_then(|text| {
            chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .map_err(|_| diagnostics.error(Location::file(path), messages::not_a_stand(text)))
                .ok()
        });
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        Ok(Config {
            decision_window_months,
            meeting_horizon_months,
            author: raw.autor.unwrap_or(defaults.author),
            contacts_prefix,
            meetings_prefix,
            extra_headers,
            delivery,
            group_style,
            pdf,
            hidden_rows,
            stand,
        })
    }
}

impl From<YamlError> for Diagnostics {
    fn from(error: YamlError) -> Self {
        let mut diagnostics = Diagnostics::new();
        diagnostics.error(error.location(), error.message());
        diagnostics
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Diagnostics> {
        let raw: RawConfig = yaml::parse_str(text, Path::new("briefing.yaml"))?;
        Config::from_raw(raw, Path::new("briefing.yaml"))
    }

    #[test]
    fn the_ca_certificate_is_relative_to_the_configuration_file() {
        let raw: RawConfig = yaml::parse_str(
            "versand:\n  ca_zertifikat: certs/ca.pem\n",
            Path::new("projekt/briefing.yaml"),
        )
        .unwrap();
        let config = Config::from_raw(raw, Path::new("projekt/briefing.yaml")).unwrap();
        assert_eq!(
            config.delivery.ca_certificate,
            Some(Path::new("projekt").join("certs/ca.pem"))
        );
        let error = parse("versand:\n  ca_zertifikat: \"  \"\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("versand.ca_zertifikat ist leer"), "{error}");
    }

    #[test]
    fn empty_file_gives_the_defaults() {
        assert_eq!(parse("{}").unwrap(), Config::default());
    }

    #[test]
    fn values_override_the_defaults() {
        let config =
            parse("beschluss_zeitraum_monate: 60\ndateinamen:\n  termine: Sitzungen\n").unwrap();
        assert_eq!(config.decision_window_months, 60);
        assert_eq!(config.meeting_horizon_months, 12);
        assert_eq!(config.meetings_prefix, "sitzungen");
    }

    #[test]
    fn unknown_key_is_an_error_with_its_line() {
        let error = parse("termin_horizont_monate: 6\nbeschluss_zeitraum: 3\n").unwrap_err();
        let text = error.to_string();
        assert!(text.contains("briefing.yaml:2:"), "{text}");
        assert!(text.contains("beschluss_zeitraum"), "{text}");
    }

    #[test]
    fn every_unknown_key_of_the_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("briefing.yaml");
        std::fs::write(
            &path,
            "autor: FITKO\nbeschluss_zeitraum: 3\ntermin_horizont: 6\n",
        )
        .unwrap();
        let error = Config::load(&path).unwrap_err().to_string();
        assert!(error.contains("briefing.yaml:2:"), "{error}");
        assert!(error.contains("briefing.yaml:3:"), "{error}");
    }

    #[test]
    fn configured_column_names_are_accepted() {
        let config = parse("spalten:\n  ort: [Sitzungsort]\n  email: [Postfach]\n").unwrap();
        let aliases = config.header_aliases();
        assert_eq!(aliases.field_of("Sitzungsort"), Some(Field::Place));
        assert_eq!(aliases.field_of("Postfach:"), Some(Field::Email));
        assert_eq!(aliases.field_of("Ort"), Some(Field::Place));
        let error = parse("spalten:\n  raum: [Saal]\n").unwrap_err().to_string();
        assert!(error.contains("raum"), "{error}");
    }

    #[test]
    fn delivery_settings_are_read_and_checked() {
        let config = parse(
            "versand:\n  server: mail.example.org\n  port: 2525\n  verschluesselung: STARTTLS\n  benutzer: fitko\n  absender: FITKO <it-plr@fitko.de>\n",
        )
        .unwrap();
        assert_eq!(config.delivery.host.as_deref(), Some("mail.example.org"));
        assert_eq!(config.delivery.port, Some(2525));
        assert_eq!(config.delivery.tls, Some(SmtpTls::StartTls));
        assert_eq!(config.delivery.user.as_deref(), Some("fitko"));
        let error = parse("versand:\n  verschluesselung: ssl\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("none, starttls und tls"), "{error}");
        let error = parse("versand:\n  passwort: geheim\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("passwort"), "{error}");
    }

    #[test]
    fn the_group_style_is_read_and_checked() {
        assert_eq!(parse("{}").unwrap().group_style, GroupStyle::PairForm);
        assert_eq!(
            parse("schreibweise: Doppelpunkt\n").unwrap().group_style,
            GroupStyle::Colon
        );
        let error = parse("schreibweise: stern\n").unwrap_err().to_string();
        assert!(error.contains("paarform und doppelpunkt"), "{error}");
    }

    #[test]
    fn the_hidden_rows_setting_is_read_and_checked() {
        assert_eq!(parse("{}").unwrap().hidden_rows, HiddenRows::Read);
        let config = parse("ausgeblendete_zeilen: Auslassen\n").unwrap();
        assert_eq!(config.hidden_rows, HiddenRows::Skip);
        assert_eq!(config.sheet_options().hidden_rows, HiddenRows::Skip);
        assert_eq!(
            parse("ausgeblendete_zeilen: lesen\n").unwrap().hidden_rows,
            HiddenRows::Read
        );
        let error = parse("ausgeblendete_zeilen: nein\n")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("„nein“ ist unbekannt; erlaubt sind lesen und auslassen"),
            "{error}"
        );
    }

    #[test]
    fn the_pdf_switches_are_read_and_a_wrong_value_is_named_in_german() {
        let config = parse("{}").unwrap();
        assert!(!config.pdf && !config.delivery.attach_pdf);
        let config = parse("pdf: true\nversand:\n  pdf_anhaengen: true\n").unwrap();
        assert!(config.pdf && config.delivery.attach_pdf);
        let config = parse("pdf: false\n").unwrap();
        assert!(!config.pdf);
        let error = parse("pdf: ja\n").unwrap_err().to_string();
        assert!(
            error.contains("pdf: „ja“ ist kein Ja/Nein-Wert; erlaubt sind true und false"),
            "{error}"
        );
        let error = parse("versand:\n  pdf_anhaengen: 1\n")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("versand.pdf_anhaengen: „1“ ist kein Ja/Nein-Wert"),
            "{error}"
        );
    }

    #[test]
    fn zero_months_is_an_error() {
        let error = parse("termin_horizont_monate: 0\n").unwrap_err();
        assert!(error.to_string().contains("mindestens 1"));
    }
}
