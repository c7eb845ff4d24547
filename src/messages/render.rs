//! Messages of rendering templates: template errors, the static name check, Markdown lint, filters.
//!
//! Holds the texts of `render/errors.rs`, `render/mod.rs`, `render/lint.rs` and
//! `render/filters/` (only the filters' errors; the words they put into documents stay there).

// --- render/errors.rs: the static name check

/// A variable or attribute path the data of the template does not have.
pub fn unknown_name(path: &str) -> String {
    format!(
        "„{path}“ gibt es in den Daten dieser Vorlage nicht (alle Variablen stehen in \
         templates/README.md)"
    )
}

/// A filter name neither the project nor minijinja knows.
pub fn unknown_filter(name: &str) -> String {
    format!("unbekannter Filter „{name}“")
}

/// A test name (`is …`) minijinja does not know.
pub fn unknown_test(name: &str) -> String {
    format!("unbekannter Test „{name}“ (nach „is“)")
}

/// A macro called from an imported template that does not define it.
pub fn unknown_macro(module: &str, name: &str) -> String {
    format!("den Baustein (Makro) „{name}“ gibt es in „{module}“ nicht")
}

/// An `include` of a template that is not in the templates folder.
pub fn missing_include(name: &str) -> String {
    format!("die eingebundene Vorlage „{name}“ gibt es im Vorlagenordner nicht")
}

/// The hint for a name written with umlauts or ß.
pub fn non_ascii_name(word: &str, ascii: &str) -> String {
    format!(
        "in Namen stehen nur a–z, 0–9 und _, ohne Umlaute und ß: „{word}“ heißt in den \
         Daten „{ascii}“"
    )
}

/// The suggestion of a close name.
pub fn did_you_mean(name: &str) -> String {
    format!("meinten Sie „{name}“?")
}

/// The line below a template error that gives a hint.
pub fn hint(text: &str) -> String {
    format!("Hinweis: {text}")
}

// --- render/errors.rs: errors of minijinja, put into plain words

/// A value printed or looped over that the data does not have.
pub fn missing_value(name: &str) -> String {
    format!(
        "der Wert „{name}“ fehlt in den Daten dieses Dokuments (alle Variablen stehen in \
         templates/README.md)"
    )
}

/// The hint for a missing value when no close name is known.
pub const TEST_WITH_IF: &str = "ein Feld, das nicht immer gefüllt ist, vor der Ausgabe mit \
    {% if … %} prüfen";

/// A template asked for by name that does not exist.
pub fn template_not_found(name: &str) -> String {
    format!("diese Vorlage gibt es im Vorlagenordner nicht: {name}")
}

/// A syntax error without a plainer description.
pub const SYNTAX: &str = "Schreibfehler in einer Vorlagen-Anweisung";
/// The template ends inside an open block.
pub const ENDS_INSIDE_BLOCK: &str = "die Vorlage endet, bevor ein Block geschlossen ist";
/// A character a tag may not hold.
pub const UNEXPECTED_CHARACTER: &str =
    "dieses Zeichen ist in einer Vorlagen-Anweisung nicht erlaubt";

/// An `{% end… %}` that does not match the open block.
pub fn closes_nothing(tag: &str) -> String {
    format!("{{% {tag} %}} schließt nicht den Block, der hier offen ist")
}

/// A syntax error in plain words (`what`), with minijinja's text after it.
pub fn syntax(what: &str, detail: &str) -> String {
    format!("{what} (technisch: {detail})")
}

/// The template ran out of fuel.
pub const OUT_OF_FUEL: &str =
    "die Vorlage rechnet zu lange und wurde angehalten (eine Schleife ohne Ende?)";
/// Includes or macro calls nested past the recursion limit.
pub const TOO_DEEP: &str = "Vorlagen binden sich zu tief gegenseitig ein: bindet sich ein \
    Baustein selbst ein, oder ruft sich ein Makro ohne Ende selbst auf?";

/// Any other error of minijinja, with its text.
pub fn impossible(detail: &str) -> String {
    format!("die Vorlage kann so nicht ausgeführt werden: {detail}")
}

/// The hint naming the block that is not closed.
pub fn not_closed(tag: &str, line: usize) -> String {
    format!("das {{% {tag} %}} in Zeile {line} ist nicht geschlossen: {{% end{tag} %}} ergänzen")
}

// --- render/mod.rs

/// One of the three templates every run needs is not there.
pub const REQUIRED_MISSING: &str = "diese Vorlage wird gebraucht, fehlt aber";

/// A per-conference partial whose code is not in the roster (a warning).
pub fn partial_without_conference(code: &str) -> String {
    format!(
        "eine Konferenz „{code}“ gibt es in sprecher.yaml nicht: dieser Baustein wird nie \
         eingebunden (steht das Kürzel im Dateinamen richtig?)"
    )
}

/// minijinja panicked on a template.
pub const INTERNAL: &str = "das Vorlagensystem ist an einer Anweisung dieser Vorlage \
    gescheitert; bitte die zuletzt geänderten {% … %}-Anweisungen prüfen (z. B. ein Name \
    nach „as“ mit / oder .)";
/// The e-mail template does not start with its subject line.
pub const EMAIL_SUBJECT: &str =
    "die erste Zeile der E-Mail-Vorlage muss „Betreff: <Betreff>“ lauten";

// --- render/lint.rs: Markdown that cannot become Word structure

/// A table without the separator row below its header.
pub const NO_SEPARATOR: &str = "diese Tabelle hat unter der Kopfzeile keine Trennzeile \
    (z. B. |---|---|): ohne sie wird in Word keine Tabelle, sondern ein Absatz mit \
    senkrechten Strichen daraus";

/// A table row with another number of cells than the header.
pub fn cell_count(found: usize, header: usize) -> String {
    format!(
        "diese Tabellenzeile hat {found} Zellen, die Kopfzeile {header}: in Word fehlen \
         sonst Zellen oder sie verrutschen; jede Zeile braucht gleich viele |"
    )
}

/// A heading with an odd number of `**` (an error).
pub const LITERAL_BOLD_HEADING: &str = "in dieser Überschrift steht ein ** ohne Gegenstück: \
    es wird wörtlich gedruckt; entweder das ** löschen oder am Ende ein zweites ** setzen";
/// A line with an odd number of `**` (a warning: a later line may close it).
pub const UNPAIRED_BOLD: &str = "in dieser Zeile steht ein ** ohne Gegenstück: endet \
    die Hervorhebung in einer der nächsten Zeilen? Sonst wird es wörtlich gedruckt";

/// Raw HTML other than `<br>`.
pub fn html(tag: &str) -> String {
    format!(
        "HTML „{tag}“ wird in Word nicht umgesetzt (nur <br> für einen Zeilenumbruch); \
         bitte Markdown verwenden, z. B. **fett**"
    )
}

/// A backslash command the Word writer does not know.
pub fn unknown_command(command: &str) -> String {
    format!(
        "unbekannter Befehl „\\{command}“: es gibt nur \\newpage (Seitenumbruch), \
         \\querformat und \\hochformat"
    )
}

/// The hint line with the backslash command that was probably meant.
pub fn did_you_mean_command(command: &str) -> String {
    format!("Hinweis: meinten Sie „\\{command}“?")
}

// --- render/filters/: errors of the filters (what they write into documents stays there)

/// A filter got a value of the wrong kind; `expected` is one of the `A_…` texts below.
pub fn expected(expected: &str, value: impl std::fmt::Display) -> String {
    format!("erwartet wird {expected}, nicht {value}")
}

/// What `monat_name` takes.
pub const A_MONTH: &str = "ein Monat (JJJJ-MM)";
/// What `nach_anzahl` takes.
pub const A_LIST_OR_NUMBER: &str = "eine Liste oder eine Zahl";
/// What the date filters take.
pub const A_DATE: &str = "ein Datum";
/// What `zeitraum` and `zeitraum_kurz` take.
pub const A_MEETING_WITH_DAYS: &str = "ein Termin (mit beginn und ende)";
/// What `zeitraum` takes: a meeting without `beginn`.
pub const A_MEETING: &str = "ein Termin";
/// What the salutation filters take.
pub const A_PERSON: &str = "eine Person (mit name)";
/// What the article filters take: a map.
pub const A_CONFERENCE: &str = "eine Konferenz (mit name)";
/// What the article filters take: a plain value.
pub const A_NAME: &str = "ein Name";

/// The argument of a grammar filter that names no case.
pub fn unknown_case(name: &str) -> String {
    format!("„{name}“ ist kein Fall; möglich sind „nominativ“, „genitiv“, „dativ“ und „akkusativ“")
}

/// A `schreibweise` set in a template that is not one of the two styles.
pub fn unknown_group_style(value: impl std::fmt::Display) -> String {
    format!("schreibweise „{value}“ ist unbekannt; erlaubt sind „paarform“ und „doppelpunkt“")
}

// --- render/decisions.rs: decisions cited from beschluesse.yaml (issue 21)

/// A template cites a decision number that `beschluesse.yaml` does not have.
pub fn unknown_decision(number: &str) -> String {
    format!("den Beschluss „{number}“ gibt es in inputs/beschluesse.yaml nicht")
}

/// The hint below [`unknown_decision`].
pub fn unknown_decision_hint(close: Option<&str>) -> String {
    match close {
        Some(close) => format!(
            "meinten Sie „{close}“? Sonst den Beschluss in inputs/beschluesse.yaml ergänzen \
             oder den Verweis aus der Vorlage entfernen"
        ),
        None => "den Beschluss in inputs/beschluesse.yaml ergänzen oder den Verweis aus der \
                 Vorlage entfernen"
            .to_string(),
    }
}

/// A decision number written as plain text that `beschluesse.yaml` does not have.
pub fn unknown_decision_in_text(number: &str) -> String {
    format!("der Text nennt den Beschluss „{number}“, den es in inputs/beschluesse.yaml nicht gibt")
}

/// The hint below [`unknown_decision_in_text`].
pub const DECISION_IN_TEXT_HINT: &str = "Beschlüsse aus den Daten zitieren: \
     {{ beschluss_zitat(\"2026/04\") }} oder {{ beschluss(\"2026/04\").titel }}; dann prüft \
     „check“ die Nummer, und Titel, Sitzung und Datum stimmen mit inputs/beschluesse.yaml überein";

/// `beschluss(…)` called with something other than one number in quotes.
pub fn decision_argument(function: &str, value: impl std::fmt::Display) -> String {
    format!(
        "„{function}“ erwartet eine Beschlussnummer in Anführungszeichen (z. B. \
         {function}(\"2026/04\")), nicht {value}"
    )
}

// --- render/filters/mod.rs: the kind of a value a filter did not expect (issue 21)

/// No value (`none` or missing).
pub const KIND_NOTHING: &str = "ein leerer Wert";
/// A value of a kind the other texts do not name.
pub const KIND_OTHER: &str = "ein anderer Wert";

/// `true` or `false`.
pub fn kind_bool(value: bool) -> String {
    format!(
        "der Wahrheitswert {}",
        if value { "wahr" } else { "falsch" }
    )
}

/// A number.
pub fn kind_number(number: &str) -> String {
    format!("die Zahl {number}")
}

/// A text, shortened when `cut`.
pub fn kind_text(text: &str, cut: bool) -> String {
    format!("der Text „{text}{}“", if cut { "…" } else { "" })
}

/// A list.
pub const KIND_LIST: &str = "eine Liste";

/// How [`expected`] begins (to recognise a filter's complaint).
pub const EXPECTED_START: &str = "erwartet wird ";

/// The hint for an end tag with no open block.
pub fn stray_end(tag: &str) -> String {
    let opening = tag.trim_start_matches("end");
    format!(
        "ist das {{% {tag} %}} übrig geblieben (z. B. beim Ausschneiden), löschen Sie es; fehlt \
         dagegen das {{% {opening} … %}} dazu, setzen Sie es vor den Text, der nur bedingt \
         erscheinen soll"
    )
}

/// A map (a person, a conference, a meeting), with its `name` when it has one.
pub fn kind_map(name: Option<&str>) -> String {
    match name {
        Some(name) => format!("ein Eintrag mit Feldern („{name}“)"),
        None => "ein Eintrag mit Feldern".to_string(),
    }
}

/// A filter error with the filter's name in front.
pub fn in_filter(filter: &str, message: &str) -> String {
    format!("Filter „{filter}“: {message}")
}

/// The hint when a filter for one value got a list and a list form exists.
pub fn list_form(filter: &str, list_filter: &str) -> String {
    format!("für eine Liste gibt es „{list_filter}“ (statt „{filter}“)")
}

// --- render/mod.rs: the outline guard (issue 21)

/// A heading every document had at the last build and none has now.
pub fn outline_lost(heading: &str, documents: usize, compared_with: &str) -> String {
    format!(
        "die Überschrift „{heading}“ fehlt jetzt in allen {documents} Dokumenten, die sie beim \
         letzten Erstellen ({compared_with}) hatten"
    )
}

/// A section that had entries at the last build and is empty in every document now.
pub fn outline_emptied(heading: &str, documents: usize, compared_with: &str) -> String {
    format!(
        "der Abschnitt „{heading}“ ist jetzt in jedem Dokument leer; beim letzten Erstellen \
         ({compared_with}) hatte er in {documents} Dokumenten Einträge"
    )
}

/// What to do about an outline warning.
pub const OUTLINE_HINT: &str = "steht ein {% endif %} oder {% endfor %} an der falschen Stelle \
     (z. B. erst am Ende der Datei)? Ist die Änderung gewollt, genügt einmal „briefing build“: \
     danach vergleicht briefing mit dem neuen Stand, und die Warnung erscheint nicht mehr";

/// A heading that more than half of the documents show fewer times than at the last build.
pub fn outline_fewer(
    heading: &str,
    documents: usize,
    before: usize,
    now: usize,
    compared_with: &str,
) -> String {
    format!(
        "die Überschrift „{heading}“ steht jetzt in {documents} Dokumenten seltener als beim \
         letzten Erstellen ({compared_with}): insgesamt {now}-mal statt {before}-mal"
    )
}

// --- render/lint.rs and render/footnotes.rs: Markdown structure (issue 21)

/// A table directly under a list item.
pub const TABLE_AFTER_LIST: &str = "die Tabelle steht direkt unter einer Aufzählung: davor fehlt \
     eine Leerzeile, sonst erscheint sie als Text mit | im letzten Punkt";

/// `#Titel`: no space after the `#`.
pub fn heading_without_space(marks: &str) -> String {
    format!(
        "nach „{marks}“ fehlt ein Leerzeichen: ohne es wird die Zeile keine Überschrift, \
         sondern Text mit {marks}"
    )
}

/// A footnote reference without a definition in the document.
pub fn footnote_undefined(label: &str) -> String {
    format!(
        "die Fußnote [^{label}] wird verwendet, aber nirgends mit „[^{label}]: …“ erklärt; \
         Word zeigte [^{label}] als Text"
    )
}

/// The hint below [`footnote_undefined`] with a close label.
pub fn footnote_close(label: &str) -> String {
    format!("meinten Sie [^{label}]?")
}

/// A footnote defined but never referenced.
pub fn footnote_unused(label: &str) -> String {
    format!(
        "die Fußnote [^{label}] ist erklärt, wird aber nirgends verwendet; ihr Text fehlte im \
         Dokument"
    )
}

/// The same footnote label defined twice in one document.
pub fn footnote_twice(label: &str, other: &str) -> String {
    format!(
        "die Fußnote [^{label}] ist im selben Dokument schon in {other} erklärt; jede Fußnote \
         braucht einen eigenen Namen, sonst zeigt sie den Text der anderen"
    )
}

/// A tag with `"` on one side and a typographic quote on the other.
pub fn mixed_quotes(quote: char) -> String {
    format!(
        "in dieser Anweisung beginnt ein Text mit \" und endet mit {quote}: schreiben Sie beide \
         Anführungszeichen gleich (z. B. \"akkusativ\" oder „akkusativ“)"
    )
}

/// A link in a template whose target is not https://, http:// or mailto:.
pub fn link_without_scheme(target: &str) -> String {
    format!(
        "der Link auf „{target}“ braucht einen Anfang mit https:// (oder http://, mailto:), \
         z. B. https://{target}"
    )
}

/// The list form of the person filters, for the hint of [`list_form`].
pub const NAMES_OF_LIST: &str = "map(attribute=\"name\") | und_liste";

/// A link in a template with a scheme other than https://, http:// or mailto:.
pub fn link_scheme_not_allowed(target: &str) -> String {
    format!(
        "der Link auf „{target}“ ist nicht erlaubt; erlaubt sind nur Links mit http://, https:// und mailto:"
    )
}
