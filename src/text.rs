//! Small text rules shared by several stages. A leaf: it imports nothing of the crate.

/// Collapses every run of whitespace (spaces, tabs, line breaks) into one space and drops
/// leading and trailing whitespace: `" a \n  b "` becomes `"a b"`.
pub fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
}
