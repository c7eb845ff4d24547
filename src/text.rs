//! Small text rules shared by several stages. A leaf: it imports nothing of the crate.

/// Collapses every run of whitespace (spaces, tabs, line breaks) into one space and drops
/// leading and trailing whitespace: `" a \n  b "` becomes `"a b"`.
pub fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text in Unicode normalisation form C: a letter and its combining mark (`o` + U+0308,
/// as macOS and some web forms write umlauts) become the one character `ö`, so two spellings
/// that look the same compare equal.
pub fn nfc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_whitespace_become_one_space() {
        assert_eq!(
            fold_whitespace("  Ständige \t Konferenz\r\nder  IMK "),
            "Ständige Konferenz der IMK"
        );
        assert_eq!(fold_whitespace(" \n "), "");
    }

    #[test]
    fn decomposed_umlauts_are_composed() {
        assert_eq!(nfc("Ko\u{308}hler"), "Köhler");
        assert_eq!(nfc("Köhler"), "Köhler");
    }
}
