//! Messages of the outline guard's memory (`output/outline.rs`, issue 21).

/// The first line of `out/.gliederung/JJJJ-MM.txt`, for whoever opens it.
pub const OUTLINE_FILE_HEADER: &str = "# Gliederung der Dokumente beim letzten Erstellen dieses \
     Monats (von briefing geschrieben; „check“ und „build“ vergleichen damit). Je Dokument: \
     Ebene, Zahl der Einträge, Zeile der Vorlage, Überschrift.";

/// The outlines could not be kept; the documents are fine.
pub fn outline_not_saved(reason: &str) -> String {
    format!(
        "die Gliederung dieses Laufs konnte nicht gespeichert werden ({reason}); die Dokumente \
         sind geschrieben, der nächste Lauf vergleicht mit einem älteren Stand"
    )
}

/// An outline warning repeated under the build's summary.
pub fn in_summary(message: &str) -> String {
    format!("  Gliederung prüfen: {message}")
}
