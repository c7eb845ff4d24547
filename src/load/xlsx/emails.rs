//! An e-mail cell read as addresses: the target of a `mailto:` hyperlink is the address (the
//! cell may only say "E-Mail schreiben"), and text that is no address ("siehe oben", "n.n.",
//! "x(at)example.org") is kept apart, to be shown as text, never as a link.
//!
//! Pure functions; the warnings are the caller's.

/// What an e-mail cell holds.
#[derive(Debug, Default, PartialEq)]
pub(super) struct EmailCell {
    /// The addresses, in cell order.
    pub(super) addresses: Vec<String>,
    /// Text that is no address.
    pub(super) not_addresses: Vec<String>,
}

/// Reads the cell's `text` and its hyperlink `link`.
pub(super) fn read_cell(text: Option<&str>, link: Option<&str>) -> EmailCell {
    let mut cell = EmailCell::default();
    let linked = link.and_then(mailto_target);
    if let Some(target) = &linked {
        for part in target.split([',', ';']) {
            push_address(&mut cell.addresses, part);
        }
    }
    for chunk in text.unwrap_or_default().split(['\n', ';', ',']) {
        let words: Vec<&str> = chunk.split_whitespace().collect();
        let (addresses, others): (Vec<&str>, Vec<&str>) = words
            .iter()
            .partition(|word| is_address(strip_decoration(word)));
        for address in addresses {
            push_address(&mut cell.addresses, address);
        }
        // With a mailto: link the cell's other text is only its label.
        if !others.is_empty() && linked.is_none() {
            cell.not_addresses.push(others.join(" "));
        }
    }
    cell
}

/// The address part of a `mailto:` link, without `?subject=…` and with `%40` decoded.
fn mailto_target(link: &str) -> Option<String> {
    let (scheme, rest) = link.trim().split_once(':')?;
    if !scheme.eq_ignore_ascii_case("mailto") {
        return None;
    }
    let address = rest.split('?').next().unwrap_or_default();
    Some(address.replace("%40", "@").replace("%20", " "))
}

/// `<a@b.de>` and `mailto:a@b.de` as typed into a cell, without the decoration.
fn strip_decoration(word: &str) -> &str {
    let word = word.trim_matches(|c| matches!(c, '<' | '>' | '(' | ')' | '"' | '\''));
    match word.split_once(':') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("mailto") => rest,
        _ => word,
    }
}

fn push_address(addresses: &mut Vec<String>, text: &str) {
    let address = strip_decoration(text.trim());
    if is_address(address)
        && !addresses
            .iter()
            .any(|known| known.eq_ignore_ascii_case(address))
    {
        addresses.push(address.to_string());
    }
}

/// Whether `text` is an address a mail program accepts: one `@`, a local part, and a domain
/// with a dot, of letters, digits and the usual punctuation only.
pub(super) fn is_address(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "._%+-'!#$&*/=?^`{|}~".contains(c));
    let domain_ok = domain.contains('.')
        && !domain.starts_with(['.', '-'])
        && !domain.ends_with(['.', '-'])
        && !domain.contains("..")
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, link: Option<&str>) -> (Vec<String>, Vec<String>) {
        let cell = read_cell(Some(text), link);
        (cell.addresses, cell.not_addresses)
    }

    #[test]
    fn a_mailto_link_gives_the_address_and_its_label_is_dropped() {
        let (addresses, others) = read(
            "E-Mail schreiben",
            Some("mailto:anna@example.org?subject=Hallo"),
        );
        assert_eq!(addresses, ["anna@example.org"]);
        assert!(others.is_empty());
    }

    #[test]
    fn text_that_is_no_address_is_kept_apart() {
        for text in [
            "siehe oben",
            "n.n.",
            "x(at)example.org",
            "anna@",
            "@example.org",
            "a@b",
        ] {
            let (addresses, others) = read(text, None);
            assert!(addresses.is_empty(), "{text}");
            assert_eq!(others, [text], "{text}");
        }
        let (addresses, others) = read("anna@example.org; siehe oben\n<bernd@example.org>", None);
        assert_eq!(addresses, ["anna@example.org", "bernd@example.org"]);
        assert_eq!(others, ["siehe oben"]);
    }

    #[test]
    fn a_web_link_is_no_address() {
        let (addresses, others) = read("Kontaktformular", Some("https://example.org/kontakt"));
        assert!(addresses.is_empty());
        assert_eq!(others, ["Kontaktformular"]);
    }
}
