//! Guards run before calamine sees a workbook: the file's size, the unpacked size and
//! compression ratio of its parts (zip bombs), and the few values in its XML that would make
//! calamine reserve absurd memory or overflow its arithmetic.
//!
//! Only refuses; reading the cells is `sheet`'s job, and anything not checked here is left to
//! calamine's own errors.

use std::io::{Cursor, Read};
use std::path::Path;

use super::compound::Compound;
use super::{extent, file_error};
use crate::diagnostics::Diagnostics;
use crate::messages::sheets as messages;

/// Largest spreadsheet file accepted; the MPK's lists are well under a megabyte.
pub(super) const MAX_XLSX_BYTES: u64 = 32 * 1024 * 1024;

/// Largest total of the workbook's unpacked parts (its XML); real lists unpack to a few MB.
pub(super) const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

/// Highest compression ratio accepted for a part larger than [`RATIO_CHECK_BYTES`]: XML packs
/// 10 to 50 times; a zip bomb packs about 1000 times.
pub(crate) const MAX_COMPRESSION_RATIO: u64 = 200;

/// Parts smaller than this are not checked for their ratio (tiny parts pack very well).
pub(crate) const RATIO_CHECK_BYTES: u64 = 1024 * 1024;

/// Most texts a workbook may declare in its shared strings (`uniqueCount`).
pub(super) const MAX_SHARED_STRINGS: u64 = 1_000_000;

/// Reads a workbook file, refusing files over [`MAX_XLSX_BYTES`] before reading them.
pub(super) fn read_file(path: &Path) -> Result<Vec<u8>, Diagnostics> {
    let fail = |message: String| file_error(path, message);
    let size = std::fs::metadata(path)
        .map_err(|error| fail(messages::unreadable_file(&error)))?
        .len();
    if size > MAX_XLSX_BYTES {
        return Err(fail(messages::file_too_large(size, MAX_XLSX_BYTES)));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_XLSX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|error| fail(messages::unreadable_file(&error)))?;
    if bytes.len() as u64 > MAX_XLSX_BYTES {
        return Err(fail(messages::file_grew_too_large(MAX_XLSX_BYTES)));
    }
    Ok(bytes)
}

/// Refuses archives that unpack to absurd sizes (zip bombs) before calamine reads them. The
/// parts are really unpacked (and thrown away), since the sizes in a zip's directory can lie.
pub(super) fn check_archive(bytes: &[u8]) -> Result<(), String> {
    check_archive_within(bytes, MAX_UNPACKED_BYTES, RATIO_CHECK_BYTES)
}

/// Refuses compound files (`.xls`) that would make calamine 0.38 loop or exhaust memory: a
/// sector chain (FAT or DIFAT) that runs in a circle, a FAT sector listed twice, and sheets
/// whose cells calamine would lay out beyond the limits of rows, columns and cells
/// ([`extent::check_xls`]). A file too short or too odd to check is left to calamine, which
/// reports it.
pub(super) fn check_compound(bytes: &[u8]) -> Result<(), String> {
    let Some(compound) = Compound::read(bytes)? else {
        return Ok(());
    };
    compound.check_chains()?;
    match compound.stream(&["Workbook", "Book"])? {
        Some(stream) => extent::check_xls(&stream),
        None => Ok(()),
    }
}

fn check_archive_within(bytes: &[u8], max_unpacked: u64, ratio_from: u64) -> Result<(), String> {
    if bytes.len() as u64 > MAX_XLSX_BYTES {
        return Err(messages::file_too_large(bytes.len() as u64, MAX_XLSX_BYTES));
    }
    let mut inspect = |name: &str, mut part: &mut dyn Read| {
        let problem = if name == "content.xml" {
            extent::check_ods(part).err().map(PartProblem::Sheet)
        } else {
            inspect_part(&mut part)
        };
        problem.map(|problem| match problem {
            PartProblem::SharedStrings(count) => {
                messages::too_many_shared_strings(name, count, MAX_SHARED_STRINGS)
            }
            PartProblem::Reference(reference) => messages::impossible_reference(name, &reference),
            PartProblem::Sheet(message) => message,
        })
    };
    check_zip(bytes, max_unpacked, ratio_from, &mut inspect).map_err(|problem| match problem {
        ZipProblem::Part(message) => message,
        ZipProblem::Unpacked { part, max_unpacked } => {
            messages::unpacked_too_large(max_unpacked / (1024 * 1024), &part)
        }
        ZipProblem::Ratio {
            part,
            packed,
            unpacked,
        } => messages::zip_bomb(&part, packed, unpacked, MAX_COMPRESSION_RATIO),
    })
}

/// What [`check_zip`] refuses; each reader words it for its kind of file.
#[derive(Debug)]
pub(crate) enum ZipProblem {
    /// The parts together unpack to more than `max_unpacked` bytes (counted up to `part`).
    Unpacked {
        /// The part at which the total went over.
        part: String,
        /// The limit, in bytes.
        max_unpacked: u64,
    },
    /// A part packs more than [`MAX_COMPRESSION_RATIO`] times (a zip bomb).
    Ratio {
        /// The part.
        part: String,
        /// Its packed size.
        packed: u64,
        /// What really came out.
        unpacked: u64,
    },
    /// What the caller's inspection of a part said.
    Part(String),
}

/// The zip-bomb pass shared by the spreadsheet and the Word block readers: every part is
/// really unpacked (and thrown away), since the sizes in a zip's directory can lie; the total
/// and each large part's compression ratio are held to the limits, and `inspect` sees each
/// part's bytes as they come out. Not a zip at all, or unreadable and encrypted entries, are
/// left to the reader, which reports them in its own words.
pub(crate) fn check_zip(
    bytes: &[u8],
    max_unpacked: u64,
    ratio_from: u64,
    inspect: &mut dyn FnMut(&str, &mut dyn Read) -> Option<String>,
) -> Result<(), ZipProblem> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let Ok(entry) = archive.by_index(index) else {
            continue;
        };
        let name = entry
            .name()
            .map_or_else(|_| format!("#{index}"), |name| name.into_owned());
        let packed = entry.compressed_size();
        let budget = max_unpacked - total;
        // Count what really comes out, up to the budget; a damaged part counts until it fails.
        let mut counter = CountingReader {
            inner: entry.take(budget + 1),
            count: 0,
        };
        let problem = inspect(&name, &mut counter);
        std::io::copy(&mut counter, &mut std::io::sink()).ok();
        let unpacked = counter.count;
        total += unpacked;
        if let Some(message) = problem {
            return Err(ZipProblem::Part(message));
        }
        if total > max_unpacked {
            return Err(ZipProblem::Unpacked {
                part: name,
                max_unpacked,
            });
        }
        if unpacked > ratio_from && unpacked > packed.saturating_mul(MAX_COMPRESSION_RATIO) {
            return Err(ZipProblem::Ratio {
                part: name,
                packed,
                unpacked,
            });
        }
    }
    Ok(())
}

/// Counts the bytes read through it; a read error ends the stream (the part is damaged, and
/// calamine will say so if it needs the part).
struct CountingReader<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buffer).unwrap_or(0);
        self.count += read as u64;
        Ok(read)
    }
}

/// What the XML pass finds wrong in a part, before calamine reads it.
enum PartProblem {
    /// `<sst uniqueCount>`: calamine reserves that many strings up front, so
    /// `uniqueCount="99999999999"` in a few bytes would make it ask for terabytes.
    SharedStrings(u64),
    /// A cell reference (`r`, `ref`) calamine would compute with overflowing arithmetic, or a
    /// reversed range such as `A12:G4`.
    Reference(String),
    /// An `.ods` sheet beyond the limits (the message says which).
    Sheet(String),
}

/// Reads a part as calamine would and reports the first [`PartProblem`]; a part that is not
/// XML is left to calamine.
fn inspect_part(part: &mut impl Read) -> Option<PartProblem> {
    use quick_xml::events::Event;
    let mut reader = extent::calamine_xml_reader(part);
    let mut buffer = Vec::new();
    let mut shared_strings_seen = false;
    loop {
        buffer.clear();
        let element = match reader.read_event_into(&mut buffer).ok()? {
            Event::Start(element) => element,
            Event::Eof => return None,
            _ => continue,
        };
        if element.local_name().as_ref() == "sst" && !shared_strings_seen {
            shared_strings_seen = true;
            if let Some(value) = element.try_get_attribute("uniqueCount").ok().flatten() {
                let digits: &str = &value.value;
                // calamine ignores a count that is not a plain number; so does this check
                // (a number too large for u64 is refused as the largest one).
                if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                    let count = digits.parse().unwrap_or(u64::MAX);
                    if count > MAX_SHARED_STRINGS {
                        return Some(PartProblem::SharedStrings(count));
                    }
                }
            }
        }
        for attribute in element.attributes().flatten() {
            if matches!(attribute.key.as_ref(), "r" | "ref") {
                let value: &str = &attribute.value;
                if !is_sane_reference(value) {
                    return Some(PartProblem::Reference(value.to_string()));
                }
            }
        }
    }
}

/// Whether a cell reference or range (`B7`, `7`, `A3:F52`) is one calamine can compute with.
/// calamine adds up a reference's leading letters (base 26) and the digits after them (base
/// 10) in `u32` before it looks at the rest, so more than 6 letters or 9 digits overflow, as
/// does a range running backwards. Other text passes (calamine reports it itself).
fn is_sane_reference(text: &str) -> bool {
    const OVERFLOWS: (u64, u64) = (u64::MAX, u64::MAX);
    fn position(part: &str) -> Option<(u64, u64)> {
        let letters = part.bytes().take_while(u8::is_ascii_alphabetic).count();
        let digits = part[letters..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        if letters > 6 || digits > 9 {
            return Some(OVERFLOWS);
        }
        if letters + digits != part.len() {
            return None;
        }
        let column = part[..letters].bytes().fold(0u64, |column, letter| {
            column * 26 + u64::from(letter.to_ascii_uppercase() - b'A') + 1
        });
        Some((part[letters..].parse().unwrap_or(0), column))
    }
    let ends: Vec<Option<(u64, u64)>> = text.split(':').map(position).collect();
    if ends.contains(&Some(OVERFLOWS)) {
        return false;
    }
    match ends.as_slice() {
        [Some(start), Some(end)] => end.0 >= start.0 && end.1 >= start.1,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// A zip with one part of `size` bytes of `byte`, packed as well as deflate can.
    fn zip_with(size: usize, byte: u8) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        writer
            .start_file("xl/worksheets/sheet1.xml", options)
            .unwrap();
        writer.write_all(&vec![byte; size]).unwrap();
        writer.finish().unwrap().into_inner()
    }

    /// Like [`zip_with`], but with bytes that do not pack well.
    fn zip_with_noise(size: usize) -> Vec<u8> {
        let mut state: u32 = 1;
        let noise: Vec<u8> = (0..size)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (state >> 16) as u8
            })
            .collect();
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        writer.start_file("xl/sharedStrings.xml", options).unwrap();
        writer.write_all(&noise).unwrap();
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn a_part_that_packs_too_well_is_a_zip_bomb() {
        let bomb = zip_with(2 * 1024 * 1024, b' ');
        let message = check_archive(&bomb).unwrap_err();
        assert!(message.contains("xl/worksheets/sheet1.xml"), "{message}");
        assert!(message.contains("Zip-Bombe"), "{message}");
        // Small parts may pack as well as they like.
        check_archive(&zip_with(512 * 1024, b' ')).unwrap();
    }

    #[test]
    fn the_unpacked_total_is_limited() {
        let archive = zip_with_noise(300 * 1024);
        let message = check_archive_within(&archive, 256 * 1024, u64::MAX).unwrap_err();
        assert!(message.contains("entpackt größer als"), "{message}");
        check_archive_within(&archive, 400 * 1024, u64::MAX).unwrap();
    }

    #[test]
    fn references_calamine_cannot_compute_with_are_refused() {
        for sane in [
            "A1",
            "B7",
            "7",
            "A3:F52",
            "XFD1048576",
            "a1:b2",
            "A:A",
            "",
            "R1C1",
        ] {
            assert!(is_sane_reference(sane), "{sane}");
        }
        for absurd in [
            "A12:G4",
            "G4:A12",
            "B1:A1",
            "AAAAAAAAAAAAAAAA1",
            "A99999999999",
            "AAAA1:B2",
        ] {
            assert!(!is_sane_reference(absurd), "{absurd}");
        }
    }
}
