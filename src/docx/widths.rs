//! Column widths of a table from its content: each column gets room for its longest word
//! and its short lines, measured with the advance widths of 11 pt Arial or DejaVu Sans,
//! whichever is wider; the rest of the text width goes to the columns with longer lines.

use super::doc::Inline;

/// Advance width of a character in 1/1000 em, regular or bold: the wider of Arial
/// (metric-compatible: Liberation Sans, Helvetica) and DejaVu Sans, the fallback LibreOffice
/// takes on Linux where neither Arial nor Liberation Sans is installed (about 10 %, for `t`,
/// `r` and `l` up to 40 % wider). A column sized for the worse of the two keeps its words
/// whole with either. Letters with diacritics take their base letter's width; characters
/// outside the table take the width of a digit (a typical lowercase letter).
fn char_width(c: char, bold: bool) -> u32 {
    // Printable ASCII (U+0020..U+007E), from the Helvetica/Arial font metrics.
    const ARIAL: [u16; 95] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
        556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722,
        722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
        667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
        556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
        500, 334, 260, 334, 584,
    ];
    const ARIAL_BOLD: [u16; 95] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
        556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722,
        722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722,
        667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
        611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556,
        500, 389, 280, 389, 584,
    ];
    // The same range from DejaVuSans.ttf / DejaVuSans-Bold.ttf (hmtx, scaled to 1000 units).
    const DEJAVU: [u16; 95] = [
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636,
        636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698,
        770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732,
        684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635,
        634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,
        525, 636, 337, 636, 838,
    ];
    const DEJAVU_BOLD: [u16; 95] = [
        348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696,
        696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734,
        830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812,
        774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716,
        712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652,
        582, 712, 365, 712, 838,
    ];
    let base = match c {
        'ä' | 'à' | 'á' | 'â' => 'a',
        'Ä' | 'À' | 'Á' | 'Â' => 'A',
        'ö' | 'ó' | 'ò' | 'ô' => 'o',
        'Ö' | 'Ó' | 'Ò' | 'Ô' => 'O',
        'ü' | 'ú' | 'ù' | 'û' => 'u',
        'Ü' | 'Ú' | 'Ù' | 'Û' => 'U',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'É' | 'È' | 'Ê' => 'E',
        'ß' => return if bold { 719 } else { 630 },
        '–' | '€' => return if bold { 696 } else { 636 },
        '—' => return 1000,
        '„' | '“' | '”' | '‚' | '‘' | '’' => return if bold { 657 } else { 518 },
        '·' | '•' => return if bold { 639 } else { 590 },
        c => c,
    };
    let (arial, dejavu) = if bold {
        (&ARIAL_BOLD, &DEJAVU_BOLD)
    } else {
        (&ARIAL, &DEJAVU)
    };
    match u32::from(base) {
        code @ 0x20..=0x7E => {
            let i = (code - 0x20) as usize;
            u32::from(arial[i].max(dejavu[i]))
        }
        _ => 636,
    }
}

/// Width of `text` in twips at 11 pt (1 em = 220 twips), 5 % reserve for rounding and
/// kerning differences between renderers.
fn text_twips(text: &[(char, bool)]) -> u32 {
    // u64: a cell of hundreds of thousands of characters must not overflow (found by the
    // property test over arbitrary field values); far wider than any page, so capped.
    let units: u64 = text
        .iter()
        .map(|(c, b)| u64::from(char_width(*c, *b)))
        .sum();
    u32::try_from((units * 220 * 105 / (1000 * 100)).min(10_000_000)).unwrap_or(10_000_000)
}

/// The lines of a cell as characters with their boldness.
fn cell_lines(inlines: &[Inline], bold: bool, lines: &mut Vec<Vec<(char, bool)>>) {
    if lines.is_empty() {
        lines.push(Vec::new());
    }
    for inline in inlines {
        match inline {
            Inline::Text { text, style } => {
                let b = bold || style.bold;
                for c in text.chars() {
                    match c {
                        '\n' => lines.push(Vec::new()),
                        c => lines.last_mut().expect("one line").push((c, b)),
                    }
                }
            }
            Inline::Break => lines.push(Vec::new()),
            Inline::FootnoteRef(_) | Inline::FootnoteLabel(_) => {
                lines.last_mut().expect("one line").push(('9', false));
            }
            Inline::Link { children, .. } => cell_lines(children, bold, lines),
        }
    }
}

/// The words of a line, each with its trailing space or hyphen: Word and LibreOffice may
/// break after either, but not inside an e-mail or web address (written with non-breaking
/// hyphens), which is one word.
fn split_words(line: &[(char, bool)]) -> Vec<&[(char, bool)]> {
    let mut words = Vec::new();
    for spaced in line.split_inclusive(|(c, _)| c.is_whitespace()) {
        let address = spaced.iter().any(|(c, _)| *c == '@')
            || spaced
                .windows(3)
                .any(|w| w[0].0 == ':' && w[1].0 == '/' && w[2].0 == '/');
        if address {
            words.push(spaced);
        } else {
            words.extend(spaced.split_inclusive(|(c, _)| *c == '-'));
        }
    }
    words
}

/// Lines up to this many characters are kept whole (dates, phone numbers, short names).
const SHORT_LINE_CHARS: usize = 32;

/// What a column needs, in twips of text: `hard` for its longest word (words end at spaces
/// and after hyphens, where Word and LibreOffice may break; a short line without letters,
/// such as a phone number or a date range, is one word), `soft` also for its short lines
/// whole, `line` for its longest line on one line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ColumnNeed {
    pub hard: u32,
    pub soft: u32,
    pub line: u32,
}

impl ColumnNeed {
    /// What a cell of `inlines` needs (`bold` for the header row).
    pub(crate) fn of(inlines: &[Inline], bold: bool) -> Self {
        let mut lines = Vec::new();
        cell_lines(inlines, bold, &mut lines);
        let mut need = Self::default();
        for line in &lines {
            let width = text_twips(line);
            need.line = need.line.max(width);
            for word in split_words(line) {
                let word = match word.split_last() {
                    Some(((c, _), rest)) if c.is_whitespace() => rest,
                    _ => word,
                };
                need.hard = need.hard.max(text_twips(word));
            }
            if line.len() <= SHORT_LINE_CHARS {
                need.soft = need.soft.max(width);
                // Numbers (phone numbers, dates, ranges) never wrap: a short line without
                // letters counts as one word.
                if !line.iter().any(|(c, _)| c.is_alphabetic()) {
                    need.hard = need.hard.max(width);
                }
            }
        }
        need.soft = need.soft.max(need.hard);
        need
    }

    /// The need at `num`/`den` of the measured size (text set smaller; widths are linear in
    /// the font size).
    pub(crate) fn scaled(self, num: u32, den: u32) -> Self {
        let scale = |w: u32| {
            u32::try_from(u64::from(w) * u64::from(num) / u64::from(den.max(1))).unwrap_or(u32::MAX)
        };
        Self {
            hard: scale(self.hard),
            soft: scale(self.soft),
            line: scale(self.line),
        }
    }

    /// What both need.
    pub(crate) fn max(self, other: Self) -> Self {
        Self {
            hard: self.hard.max(other.hard),
            soft: self.soft.max(other.soft),
            line: self.line.max(other.line),
        }
    }
}

/// About how many lines a cell of `inlines` takes in a column `width` twips wide at `size`
/// half-points (`bold` for the header row): each of its lines' width over the column's text
/// width, rounded up. An estimate (words are not wrapped one by one), for deciding which
/// rows are tall.
pub(crate) fn cell_line_count(inlines: &[Inline], bold: bool, width: u32, size: u32) -> u32 {
    let mut lines = Vec::new();
    cell_lines(inlines, bold, &mut lines);
    let room = u64::from(width.saturating_sub(CELL_PADDING).max(1));
    lines
        .iter()
        .map(|line| {
            let w = u64::from(text_twips(line)) * u64::from(size) / u64::from(MEASURED_HALF_POINTS);
            u32::try_from(w.div_ceil(room).max(1)).unwrap_or(u32::MAX)
        })
        .fold(0u32, u32::saturating_add)
}

/// Left plus right cell margin (85 twips each in the table style) and a little air; the
/// text widths already carry a 5 % reserve.
const CELL_PADDING: u32 = 200;

/// The smallest size (half-points) a table is set in to keep its longest words whole.
pub(crate) const SMALL_TABLE_HALF_POINTS: u32 = 16;

/// The size the widths are measured in (11 pt); [`ColumnNeed::scaled`] converts.
pub(crate) const MEASURED_HALF_POINTS: u32 = 22;

/// Each column's cap: no column claims more than 45 % of the table for its minimum.
fn capped(w: u32, total: u32) -> u32 {
    w.min(total * 45 / 100) + CELL_PADDING
}

/// Whether every column's longest word fits side by side in `total` twips.
pub(crate) fn longest_words_fit(needs: &[ColumnNeed], total: u32) -> bool {
    let sum: u64 = needs.iter().map(|c| u64::from(capped(c.hard, total))).sum();
    sum <= u64::from(total)
}

/// Split `amount` in proportion to `weights` (rounded down).
fn share(amount: u32, weights: &[u64]) -> Vec<u32> {
    let sum: u64 = weights.iter().sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    weights
        .iter()
        .map(|w| (u64::from(amount) * w / sum) as u32)
        .collect()
}

/// Column widths in twips, summing to exactly `total`. Every column first gets its soft
/// minimum (no word broken, short lines whole; at most 45 % of the table), the rest goes to
/// the columns whose lines are longer than that, in proportion to the excess. When the soft
/// minima do not fit, the columns get their hard minima (no word broken) and the room left
/// completes the soft minima, smallest shortfall first; only when even the hard minima do not fit do all columns
/// shrink in proportion to them.
pub(crate) fn column_widths(needs: &[ColumnNeed], total: u32) -> Vec<u32> {
    let n = needs.len();
    if n == 0 {
        return Vec::new();
    }
    let cap = |w: u32| capped(w, total);
    let soft: Vec<u32> = needs.iter().map(|c| cap(c.soft)).collect();
    let hard: Vec<u32> = needs.iter().map(|c| cap(c.hard)).collect();
    let (soft_sum, hard_sum) = (soft.iter().sum::<u32>(), hard.iter().sum::<u32>());
    let mut widths: Vec<u32> = if soft_sum <= total {
        // Excess over the minimum, plus a small base so that every column gets some air.
        let weights: Vec<u64> = needs
            .iter()
            .zip(&soft)
            .map(|(c, m)| u64::from((c.line + CELL_PADDING).saturating_sub(*m)) + 200)
            .collect();
        soft.iter()
            .zip(share(total - soft_sum, &weights))
            .map(|(m, extra)| m + extra)
            .collect()
    } else if hard_sum <= total {
        // Keep as many short lines whole as possible: the smallest deficits first.
        let mut widths = hard.clone();
        let mut room = total - hard_sum;
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|i| (soft[*i] - hard[*i], *i));
        for i in order {
            let extra = (soft[i] - hard[i]).min(room);
            widths[i] += extra;
            room -= extra;
        }
        widths
    } else {
        let weights: Vec<u64> = hard.iter().map(|m| u64::from(*m)).collect();
        share(total, &weights)
    };
    let assigned: u32 = widths.iter().sum();
    // Rounding leftovers go to the widest column (first one on ties: deterministic).
    let widest = (0..n)
        .max_by_key(|i| (widths[*i], std::cmp::Reverse(*i)))
        .unwrap_or(0);
    widths[widest] += total - assigned;
    widths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docx::doc::RunStyle;
    use crate::docx::ooxml::TEXT_WIDTH;

    fn text(t: &str) -> Inline {
        Inline::Text {
            text: t.into(),
            style: RunStyle::default(),
        }
    }

    fn twips(t: &str, bold: bool) -> u32 {
        let chars: Vec<(char, bool)> = t.chars().map(|c| (c, bold)).collect();
        text_twips(&chars)
    }

    #[test]
    fn widths_are_the_wider_of_arial_and_dejavu() {
        // "Digitalministerkonferenz" at 1000 units per em: Arial sums to 10669, DejaVu Sans
        // to 12324, so does the per-character maximum (DejaVu is wider in every letter of
        // it); plus the 5 % reserve.
        let w = twips("Digitalministerkonferenz", false);
        assert_eq!(w, 12324 * 220 * 105 / 100_000);
        // Where Arial is wider ("@"), its width counts.
        assert_eq!(twips("@", false), 1015 * 220 * 105 / 100_000);
        // Bold is wider; capitals are wider than lowercase letters; umlauts like their base.
        assert!(twips("Bemerkung", true) > twips("Bemerkung", false));
        assert!(twips("WWW", false) > twips("iii", false) * 3);
        assert_eq!(twips("Müller", false), twips("Muller", false));
    }

    #[test]
    fn short_lines_stay_whole_long_lines_break_between_words() {
        let cell = vec![
            text("030 18910-312"),
            Inline::Break,
            text("eine deutlich längere Zeile mit Donaudampfschifffahrt"),
        ];
        let need = ColumnNeed::of(&cell, false);
        assert_eq!(need.soft, twips("Donaudampfschifffahrt", false));
        assert_eq!(need.hard, twips("Donaudampfschifffahrt", false));
        assert!(need.soft > twips("030 18910-312", false));
        assert_eq!(
            need.line,
            twips(
                "eine deutlich längere Zeile mit Donaudampfschifffahrt",
                false
            )
        );
        let phone = ColumnNeed::of(&[text("030 18910-312")], false);
        assert_eq!(phone.soft, twips("030 18910-312", false));
        // A phone number is one word; other words may break after a hyphen, if they must.
        assert_eq!(phone.hard, twips("030 18910-312", false));
        let place = ColumnNeed::of(&[text("Rostock-Warnemünde")], false);
        assert_eq!(place.hard, twips("Warnemünde", false));
        assert_eq!(place.soft, twips("Rostock-Warnemünde", false));
        // The header row is measured bold.
        let header = ColumnNeed::of(&[text("Bemerkung")], true);
        assert_eq!(header.soft, twips("Bemerkung", true));
    }

    #[test]
    fn widths_sum_to_total_and_follow_content() {
        let need = |min: u32, line: u32| ColumnNeed {
            hard: min,
            soft: min,
            line,
        };
        // Datum | Gremium | Ort | long remark
        let needs = [
            need(1200, 1200),
            need(1000, 1000),
            need(700, 700),
            need(1400, 6000),
        ];
        let w = column_widths(&needs, TEXT_WIDTH);
        assert_eq!(w.iter().sum::<u32>(), TEXT_WIDTH);
        assert!(w[3] > w[0] && w[0] > w[1] && w[1] > w[2], "{w:?}");
        // Every column fits its minimum.
        for (width, n) in w.iter().zip(&needs) {
            assert!(*width >= n.soft + CELL_PADDING, "{w:?}");
        }
        // Soft minima (short lines whole) do not fit, hard ones (words) do: every column
        // keeps its longest word, the rest completes the smallest shortfalls first.
        let mixed = [
            ColumnNeed {
                hard: 1400,
                soft: 1500,
                line: 1500,
            },
            ColumnNeed {
                hard: 3300,
                soft: 3300,
                line: 3600,
            },
            ColumnNeed {
                hard: 1300,
                soft: 2100,
                line: 2100,
            },
            ColumnNeed {
                hard: 1500,
                soft: 1900,
                line: 1900,
            },
        ];
        let w = column_widths(&mixed, TEXT_WIDTH);
        assert_eq!(w.iter().sum::<u32>(), TEXT_WIDTH);
        for (width, n) in w.iter().zip(&mixed) {
            assert!(*width >= n.hard + CELL_PADDING, "{w:?}");
        }
        // Shortfalls 100, 800, 400: the room (9072 - 8540 = 532) completes 100 and 400.
        assert_eq!(w[0], 1500 + CELL_PADDING);
        assert_eq!(w[3], 1900 + CELL_PADDING);
        // Minima that do not fit: shrink in proportion, still exact total.
        let w = column_widths(&[need(4000, 4000); 5], 9072);
        assert_eq!(w.iter().sum::<u32>(), 9072);
        assert!(w.iter().all(|x| x.abs_diff(9072 / 5) <= 5), "{w:?}");
        let w = column_widths(&[need(0, 0), need(0, 0)], 1000);
        assert_eq!(w, vec![500, 500]);
    }
}
