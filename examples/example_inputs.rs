//! Writes the example MPK spreadsheets shipped in `inputs/`.
//!
//! ```text
//! cargo run --example example_inputs
//! ```
//!
//! Produces, for October and November 2026, the two workbooks the office of the
//! MPK chair publishes every month:
//!
//! - `inputs/YYYY-MM/ansprechpartner.xlsx` (sheet "Ansprechpersonen")
//! - `inputs/YYYY-MM/termine.xlsx` (sheet "Termine")
//!
//! All content is invented (names, phone numbers, `example.org` addresses) and
//! fixed: no randomness, no current date, so a re-run gives the same files.
//!
//! The layout imitates a published office sheet: a bold title in row 1, an
//! empty row 2, the header row in row 3 (bold, shaded, autofilter, frozen) and
//! data from row 4. A few details are deliberately "office-like" so that the
//! reader has something to cope with:
//!
//! - some conferences appear under an official long name (an alias in
//!   `sprecher.yaml`) instead of the roster name;
//! - most dates are real Excel dates, but a few were typed in as text
//!   ("17.06.2027");
//! - one-day meetings leave "Ende" empty.
//!
//! The October and November editions differ in a few rows (see the `In` column
//! of the tables): one contact person was replaced, one meeting was moved and
//! one meeting was added.

use std::path::Path;

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};

// ---------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------

/// Which monthly edition a row belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum In {
    /// October and November.
    Beide,
    /// Only the October edition (replaced or moved in November).
    Okt,
    /// Only the November edition (new or changed in November).
    Nov,
}

/// A date cell as the office typed it.
#[derive(Clone, Copy)]
enum D {
    /// A real Excel date (year, month, day).
    Datum(u16, u8, u8),
    /// A date typed as text.
    Text(&'static str),
    /// Empty cell (one-day meeting: no end date).
    Leer,
}
use D::{Datum, Leer, Text};

/// Contacts sheet: In | Konferenz | Vorsitz | Geschäftsstelle | Ansprechperson |
/// Funktion | Telefon | E-Mail.
type Kontakt = (
    In,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

// Conference names as the MPK writes them. Most use the roster name; four use
// an official long name (an alias in sprecher.yaml).
const DMK: &str = "Digitalministerkonferenz";
const FMK: &str = "Finanzministerkonferenz";
const EJR: &str = "E-Justice-Rat";
const WMK: &str = "Wirtschaftsministerkonferenz";
const UMK: &str = "Umweltministerkonferenz";
const IMK: &str = "Ständige Konferenz der Innenminister und -senatoren der Länder"; // alias
const ASMK: &str = "Arbeits- und Sozialministerkonferenz"; // alias
const VMK: &str = "Verkehrsministerkonferenz";
const BMK: &str = "Bauministerkonferenz";
const GMK: &str = "Gesundheitsministerkonferenz";
const KMK: &str = "Kultusministerkonferenz";
const ENMK: &str = "Energieministerkonferenz";
const SPOMK: &str = "Sportministerkonferenz";
const JFMK: &str = "Jugend- und Familienministerkonferenz"; // alias
const JUMIKO: &str = "Konferenz der Justizministerinnen und Justizminister"; // alias

#[rustfmt::skip]
const KONTAKTE: &[Kontakt] = &[
    (In::Beide, DMK, "Sachsen", "Sächsische Staatskanzlei, Geschäftsstelle der DMK",
        "Dr. Katrin Lehmann", "Leiterin der Geschäftsstelle", "0351 564-10420", "katrin.lehmann@example.org"),
    (In::Beide, DMK, "Sachsen", "Sächsische Staatskanzlei, Geschäftsstelle der DMK",
        "Tobias Hartwig", "Referent", "0351 564-10423", "tobias.hartwig@example.org"),
    (In::Beide, FMK, "Bayern", "Bayerisches Staatsministerium der Finanzen und für Heimat",
        "Andreas Brunner", "Leiter des Referats Finanzministerkonferenz", "089 2306-2417", "andreas.brunner@example.org"),
    (In::Beide, EJR, "Nordrhein-Westfalen", "Ministerium der Justiz des Landes Nordrhein-Westfalen, Geschäftsstelle E-Justice-Rat",
        "Claudia Brinkmann", "Leiterin der Geschäftsstelle", "0211 8792-315", "claudia.brinkmann@example.org"),
    (In::Beide, WMK, "Thüringen", "Thüringer Ministerium für Wirtschaft, Wissenschaft und Digitale Gesellschaft",
        "Markus Heinemann", "Referent", "0361 573711-402", "markus.heinemann@example.org"),
    (In::Beide, WMK, "Thüringen", "Thüringer Ministerium für Wirtschaft, Wissenschaft und Digitale Gesellschaft",
        "Sandra Wolff", "Sachbearbeiterin", "0361 573711-405", "sandra.wolff@example.org"),
    (In::Beide, UMK, "Brandenburg", "Ministerium für Landwirtschaft, Umwelt und Klimaschutz, UMK-Geschäftsstelle",
        "Jens Pohlmann", "Leiter der Geschäftsstelle", "0331 866-7120", "jens.pohlmann@example.org"),
    (In::Beide, IMK, "Hamburg", "Geschäftsstelle der IMK beim Bundesrat",
        "Birgit Sommerfeld", "Leiterin der Geschäftsstelle", "030 18910-312", "birgit.sommerfeld@example.org"),
    (In::Beide, IMK, "Hamburg", "Geschäftsstelle der IMK beim Bundesrat",
        "Oliver Kranz", "Referent", "030 18910-318", "oliver.kranz@example.org"),
    (In::Beide, ASMK, "Saarland", "Ministerium für Arbeit, Soziales, Frauen und Gesundheit, ASMK-Geschäftsstelle",
        "Petra Schäfer", "Leiterin der Geschäftsstelle", "0681 501-3215", "petra.schaefer@example.org"),
    (In::Beide, VMK, "Bremen", "Die Senatorin für Bau, Mobilität und Stadtentwicklung, Geschäftsstelle VMK",
        "Henrik Oltmanns", "Referent", "0421 361-10872", "henrik.oltmanns@example.org"),
    (In::Beide, BMK, "Hessen", "Hessisches Ministerium für Wirtschaft, Energie, Verkehr, Wohnen und ländlichen Raum, Geschäftsstelle der Bauministerkonferenz",
        "Anja Köhler", "Leiterin der Geschäftsstelle", "0611 815-2290", "anja.koehler@example.org"),
    (In::Beide, BMK, "Hessen", "Hessisches Ministerium für Wirtschaft, Energie, Verkehr, Wohnen und ländlichen Raum, Geschäftsstelle der Bauministerkonferenz",
        "Felix Rotermund", "Referent", "0611 815-2294", "felix.rotermund@example.org"),
    (In::Beide, GMK, "Mecklenburg-Vorpommern", "Ministerium für Soziales, Gesundheit und Sport, GMK-Geschäftsstelle",
        "Dr. Ulrike Behrens", "Leiterin der Geschäftsstelle", "0385 588-19100", "ulrike.behrens@example.org"),
    // October -> November: the GMK desk officer changed.
    (In::Okt, GMK, "Mecklenburg-Vorpommern", "Ministerium für Soziales, Gesundheit und Sport, GMK-Geschäftsstelle",
        "Frank Wiegand", "Referent", "0385 588-19142", "frank.wiegand@example.org"),
    (In::Nov, GMK, "Mecklenburg-Vorpommern", "Ministerium für Soziales, Gesundheit und Sport, GMK-Geschäftsstelle",
        "Sabine Kröger", "Referentin", "0385 588-19140", "sabine.kroeger@example.org"),
    (In::Beide, KMK, "Rheinland-Pfalz", "Sekretariat der Kultusministerkonferenz",
        "Thomas Engel", "Referent für Digitalisierung", "030 25418-440", "thomas.engel@example.org"),
    (In::Beide, ENMK, "Niedersachsen", "Niedersächsisches Ministerium für Umwelt, Energie und Klimaschutz",
        "Lena Husmann", "Referentin", "0511 120-3381", "lena.husmann@example.org"),
    (In::Beide, SPOMK, "Baden-Württemberg", "Ministerium für Kultus, Jugend und Sport, Geschäftsstelle der Sportministerkonferenz",
        "Martin Kaiser", "Leiter der Geschäftsstelle", "0711 279-2860", "martin.kaiser@example.org"),
    (In::Beide, JFMK, "Schleswig-Holstein", "Ministerium für Soziales, Jugend, Familie, Senioren, Integration und Gleichstellung, JFMK-Geschäftsstelle",
        "Kerstin Möller", "Leiterin der Geschäftsstelle", "0431 988-5470", "kerstin.moeller@example.org"),
    (In::Beide, JFMK, "Schleswig-Holstein", "Ministerium für Soziales, Jugend, Familie, Senioren, Integration und Gleichstellung, JFMK-Geschäftsstelle",
        "Jan-Philipp Thiele", "Referent", "0431 988-5472", "jan-philipp.thiele@example.org"),
    (In::Beide, JUMIKO, "Berlin", "Senatsverwaltung für Justiz und Verbraucherschutz, Geschäftsstelle der JuMiKo",
        "Dr. Stefanie Albrecht", "Leiterin der Geschäftsstelle", "030 9013-3150", "stefanie.albrecht@example.org"),
];

/// Dates sheet: In | Konferenz | Sitzung | Beginn | Ende | Ort | Bemerkung.
type Termin = (
    In,
    &'static str,
    &'static str,
    D,
    D,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const TERMINE: &[Termin] = &[
    (In::Beide, DMK, "Herbstkonferenz 2026", Datum(2026, 11, 5), Datum(2026, 11, 6), "Dresden", ""),
    (In::Beide, DMK, "Amtschefkonferenz", Datum(2027, 2, 18), Leer, "", "Videokonferenz"),
    (In::Beide, DMK, "Frühjahrskonferenz 2027", Datum(2027, 4, 22), Datum(2027, 4, 23), "Leipzig", ""),
    (In::Beide, DMK, "Herbstkonferenz 2027", Datum(2027, 11, 11), Datum(2027, 11, 12), "Potsdam", ""),

    (In::Beide, FMK, "Sitzung der Finanzministerkonferenz", Datum(2026, 9, 24), Leer, "Berlin", ""),
    (In::Beide, FMK, "Sitzung der Finanzministerkonferenz", Datum(2026, 12, 10), Leer, "Berlin", ""),
    (In::Beide, FMK, "Jahreskonferenz 2027", Datum(2027, 6, 17), Datum(2027, 6, 18), "München", "mit Kamingespräch"),

    (In::Beide, EJR, "Sitzung des E-Justice-Rates", Datum(2026, 12, 3), Leer, "Düsseldorf", ""),
    (In::Beide, EJR, "Sitzung des E-Justice-Rates", Datum(2027, 5, 20), Leer, "", "Videokonferenz"),
    (In::Beide, EJR, "Sitzung des E-Justice-Rates", Datum(2027, 12, 2), Leer, "Köln", ""),

    (In::Beide, WMK, "Herbstkonferenz 2026", Datum(2026, 11, 26), Datum(2026, 11, 27), "Erfurt", ""),
    (In::Beide, WMK, "Frühjahrskonferenz 2027", Text("17.06.2027"), Text("18.06.2027"), "Eisenach", ""),
    (In::Beide, WMK, "Herbstkonferenz 2027", Datum(2027, 11, 25), Datum(2027, 11, 26), "Mainz", ""),

    (In::Beide, UMK, "Herbstkonferenz 2026", Datum(2026, 11, 12), Datum(2026, 11, 13), "Potsdam", ""),
    // October -> November: special session added.
    (In::Nov, UMK, "Sonderkonferenz Hochwasservorsorge", Datum(2027, 1, 14), Leer, "", "Videokonferenz"),
    (In::Beide, UMK, "Frühjahrskonferenz 2027", Datum(2027, 5, 12), Datum(2027, 5, 14), "Cottbus", ""),
    (In::Beide, UMK, "Herbstkonferenz 2027", Datum(2027, 11, 17), Datum(2027, 11, 19), "Magdeburg", ""),

    (In::Beide, IMK, "Herbstkonferenz 2026", Datum(2026, 12, 2), Datum(2026, 12, 4), "Hamburg", "mit Kamingespräch"),
    (In::Beide, IMK, "Frühjahrskonferenz 2027", Datum(2027, 6, 16), Datum(2027, 6, 18), "Hannover", ""),
    (In::Beide, IMK, "Herbstkonferenz 2027", Datum(2027, 12, 1), Datum(2027, 12, 3), "Hannover", ""),

    (In::Beide, ASMK, "Amtschefkonferenz", Datum(2026, 10, 21), Leer, "Saarbrücken", ""),
    (In::Beide, ASMK, "104. ASMK", Datum(2026, 12, 9), Datum(2026, 12, 10), "Saarbrücken", ""),
    (In::Beide, ASMK, "105. ASMK", Datum(2027, 11, 24), Datum(2027, 11, 25), "Schwerin", ""),

    (In::Beide, VMK, "Herbstkonferenz 2026", Datum(2026, 10, 8), Datum(2026, 10, 9), "Bremen", ""),
    // October -> November: spring conference moved by one week.
    (In::Okt, VMK, "Frühjahrskonferenz 2027", Datum(2027, 4, 15), Datum(2027, 4, 16), "Bremerhaven", ""),
    (In::Nov, VMK, "Frühjahrskonferenz 2027", Datum(2027, 4, 22), Datum(2027, 4, 23), "Bremerhaven",
        "Termin verschoben (bisher 15./16.04.2027)"),
    (In::Beide, VMK, "Herbstkonferenz 2027", Datum(2027, 10, 14), Datum(2027, 10, 15), "Stuttgart", ""),

    (In::Beide, BMK, "Herbstkonferenz 2026", Datum(2026, 9, 24), Datum(2026, 9, 25), "Wiesbaden", ""),
    (In::Beide, BMK, "Amtschefkonferenz", Datum(2027, 3, 4), Leer, "Frankfurt am Main", ""),
    (In::Beide, BMK, "Herbstkonferenz 2027", Datum(2027, 9, 30), Datum(2027, 10, 1), "Kassel", ""),
    (In::Beide, BMK, "Sonderkonferenz Wohnungsbau", Datum(2028, 3, 16), Leer, "Berlin", ""),

    (In::Beide, GMK, "Sondersitzung", Datum(2026, 10, 8), Leer, "", "Videokonferenz"),
    (In::Beide, GMK, "Amtschefkonferenz", Datum(2026, 12, 10), Leer, "", "Videokonferenz"),
    (In::Beide, GMK, "100. Gesundheitsministerkonferenz", Datum(2027, 6, 23), Datum(2027, 6, 24), "Rostock-Warnemünde", "mit Kamingespräch"),

    (In::Beide, KMK, "Plenarsitzung", Datum(2026, 10, 15), Datum(2026, 10, 16), "Berlin", ""),
    (In::Beide, KMK, "Plenarsitzung", Datum(2026, 12, 10), Datum(2026, 12, 11), "Berlin", ""),
    (In::Beide, KMK, "Plenarsitzung", Text("11.03.2027"), Leer, "Mainz", ""),

    (In::Beide, ENMK, "Herbstkonferenz 2026", Datum(2026, 10, 29), Datum(2026, 10, 30), "Lüneburg", ""),
    (In::Beide, ENMK, "Frühjahrskonferenz 2027", Datum(2027, 4, 29), Datum(2027, 4, 30), "Osnabrück", ""),
    (In::Beide, ENMK, "Herbstkonferenz 2027", Datum(2027, 11, 4), Datum(2027, 11, 5), "Kiel", ""),
    (In::Beide, ENMK, "Frühjahrskonferenz 2028", Datum(2028, 3, 9), Datum(2028, 3, 10), "Kiel", ""),

    (In::Beide, SPOMK, "Sportministerkonferenz 2026", Datum(2026, 11, 27), Datum(2026, 11, 28), "Freiburg im Breisgau",
        "mit Kamingespräch am 27.11.2026"),
    (In::Beide, SPOMK, "Amtschefkonferenz", Datum(2027, 5, 13), Leer, "", "Videokonferenz"),
    (In::Beide, SPOMK, "Sportministerkonferenz 2027", Datum(2027, 11, 18), Datum(2027, 11, 19), "Erfurt", ""),

    (In::Beide, JFMK, "Amtschefkonferenz", Datum(2026, 10, 1), Leer, "Kiel", ""),
    (In::Beide, JFMK, "Amtschefkonferenz", Datum(2027, 3, 18), Leer, "", "Videokonferenz"),
    (In::Beide, JFMK, "Jugend- und Familienministerkonferenz 2027", Datum(2027, 5, 20), Datum(2027, 5, 21), "Lübeck", ""),

    (In::Beide, JUMIKO, "Herbstkonferenz 2026", Datum(2026, 11, 19), Leer, "Berlin", ""),
    (In::Beide, JUMIKO, "Frühjahrskonferenz 2027", Datum(2027, 6, 9), Datum(2027, 6, 10), "Dresden", ""),
    (In::Beide, JUMIKO, "Herbstkonferenz 2027", Datum(2027, 11, 18), Leer, "Berlin", ""),
];

/// One monthly edition: folder, which rows, "Stand" text, creation date of the file.
type Ausgabe = (&'static str, In, &'static str, (u16, u8, u8));

const AUSGABEN: &[Ausgabe] = &[
    ("2026-10", In::Okt, "Oktober 2026", (2026, 10, 1)),
    ("2026-11", In::Nov, "November 2026", (2026, 11, 2)),
];

const KONTAKT_SPALTEN: &[(&str, f64)] = &[
    ("Konferenz", 40.0),
    ("Vorsitz", 22.0),
    ("Geschäftsstelle", 48.0),
    ("Ansprechperson", 24.0),
    ("Funktion", 30.0),
    ("Telefon", 17.0),
    ("E-Mail", 32.0),
];

const TERMIN_SPALTEN: &[(&str, f64)] = &[
    ("Konferenz", 40.0),
    ("Sitzung", 36.0),
    ("Beginn", 12.0),
    ("Ende", 12.0),
    ("Ort", 22.0),
    ("Bemerkung", 40.0),
];

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// One cell of a data row.
enum Cell {
    Text(&'static str),
    Datum(u16, u8, u8),
    Leer,
}

impl From<D> for Cell {
    fn from(d: D) -> Cell {
        match d {
            Datum(y, m, t) => Cell::Datum(y, m, t),
            Text(s) => Cell::Text(s),
            Leer => Cell::Leer,
        }
    }
}

fn main() -> Result<(), XlsxError> {
    let inputs = Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs");
    for &(ordner, monat, stand, erstellt) in AUSGABEN {
        let dir = inputs.join(ordner);
        std::fs::create_dir_all(&dir)?;
        let gilt = |r: In| r == In::Beide || r == monat;

        let kontakte: Vec<Vec<Cell>> = KONTAKTE
            .iter()
            .filter(|k| gilt(k.0))
            .map(|&(_, konf, vorsitz, gst, person, funktion, tel, mail)| {
                [konf, vorsitz, gst, person, funktion, tel, mail]
                    .map(Cell::Text)
                    .into()
            })
            .collect();
        let termine: Vec<Vec<Cell>> = TERMINE
            .iter()
            .filter(|t| gilt(t.0))
            .map(|&(_, konf, sitzung, beginn, ende, ort, bemerkung)| {
                vec![
                    Cell::Text(konf),
                    Cell::Text(sitzung),
                    beginn.into(),
                    ende.into(),
                    Cell::Text(ort),
                    Cell::Text(bemerkung),
                ]
            })
            .collect();

        let kontakte_pfad = dir.join("ansprechpartner.xlsx");
        write_sheet(
            &kontakte_pfad,
            "Ansprechpersonen",
            &format!("Ansprechpersonen der Fachministerkonferenzen – Stand: {stand}"),
            KONTAKT_SPALTEN,
            &kontakte,
            erstellt,
        )?;
        let termine_pfad = dir.join("termine.xlsx");
        write_sheet(
            &termine_pfad,
            "Termine",
            &format!("Sitzungstermine der Fachministerkonferenzen – Stand: {stand}"),
            TERMIN_SPALTEN,
            &termine,
            erstellt,
        )?;
        println!(
            "{}: {} Ansprechpersonen, {} Termine",
            dir.display(),
            kontakte.len(),
            termine.len()
        );
    }
    Ok(())
}

/// Writes one workbook with one sheet: title in row 1, header in row 3, data
/// from row 4.
fn write_sheet(
    path: &Path,
    sheet_name: &str,
    title: &str,
    columns: &[(&str, f64)],
    rows: &[Vec<Cell>],
    created: (u16, u8, u8),
) -> Result<(), XlsxError> {
    const TITLE_ROW: u32 = 0;
    const HEADER_ROW: u32 = 2;
    const FIRST_DATA_ROW: u32 = 3;

    let title_format = Format::new().set_bold().set_font_size(13);
    let header_format = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border_bottom(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    let text_format = Format::new().set_align(FormatAlign::Top).set_text_wrap();
    let date_format = Format::new()
        .set_align(FormatAlign::Top)
        .set_align(FormatAlign::Left)
        .set_num_format("dd.mm.yyyy");

    let mut workbook = Workbook::new();
    let (y, m, d) = created;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author("Geschäftsstelle des MPK-Vorsitzes")
            .set_company("Beispieldaten (erfunden)")
            .set_creation_datetime(&ExcelDateTime::from_ymd(y, m, d)?),
    );

    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name)?;
    sheet.write_string_with_format(TITLE_ROW, 0, title, &title_format)?;

    for (col, &(header, width)) in columns.iter().enumerate() {
        let col = col as u16;
        sheet.set_column_width(col, width)?;
        sheet.write_string_with_format(HEADER_ROW, col, header, &header_format)?;
    }

    for (i, row) in rows.iter().enumerate() {
        let r = FIRST_DATA_ROW + i as u32;
        for (col, cell) in row.iter().enumerate() {
            let col = col as u16;
            match *cell {
                Cell::Text("") | Cell::Leer => {}
                Cell::Text(s) => {
                    sheet.write_string_with_format(r, col, s, &text_format)?;
                }
                Cell::Datum(y, m, d) => {
                    let date = ExcelDateTime::from_ymd(y, m, d)?;
                    sheet.write_datetime_with_format(r, col, &date, &date_format)?;
                }
            }
        }
    }

    let last_row = FIRST_DATA_ROW + rows.len().max(1) as u32 - 1;
    let last_col = columns.len() as u16 - 1;
    sheet.autofilter(HEADER_ROW, 0, last_row, last_col)?;
    sheet.set_freeze_panes(FIRST_DATA_ROW, 0)?;

    workbook.save(path)
}
