//! The floor for writing DOCX files: how long it takes just to deflate the XML parts of the
//! documents in a folder (the parts every document shares counted once, as the writer
//! deflates them once), at the same compression level the writer uses (6; `LEVEL=1` ..
//! `LEVEL=9` to compare others), on one core.
//!
//! ```text
//! cargo run --release --example deflate_floor -- out/2026-11
//! ```

use std::collections::HashSet;
use std::io::{Read, Write};
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: deflate_floor DIR");
    let mut parts: Vec<Vec<u8>> = Vec::new();
    let mut fixed_seen: HashSet<Vec<u8>> = HashSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "docx") {
            continue;
        }
        let mut archive = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        for index in 0..archive.len() {
            let mut file = archive.by_index(index).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            let name = file.name().unwrap().into_owned();
            if briefing::docx::SHARED_PARTS.contains(&name.as_str())
                && !fixed_seen.insert(bytes.clone())
            {
                continue;
            }
            parts.push(bytes);
        }
    }
    let total: usize = parts.iter().map(Vec::len).sum();
    let level: u32 = std::env::var("LEVEL")
        .ok()
        .and_then(|l| l.parse().ok())
        .unwrap_or(6);
    let mut timings = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let mut compressed = 0;
        for part in &parts {
            let mut encoder =
                flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::new(level));
            encoder.write_all(part).unwrap();
            compressed += encoder.finish().unwrap().len();
        }
        timings.push((start.elapsed().as_secs_f64(), compressed));
    }
    timings.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (median, compressed) = timings[timings.len() / 2];
    println!(
        "{} parts, {:.1} MB of XML -> {:.1} MB: median {:.3} s to deflate (one core)",
        parts.len(),
        total as f64 / 1e6,
        compressed as f64 / 1e6,
        median
    );
}
