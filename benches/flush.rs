//! The ways to make a staged month durable, measured on their own (issue 25): the files of a
//! real month folder are written again into a fresh staging folder beside it, round after
//! round, each way in turn (alternating, so the disk's drift hits every way alike), and the
//! median time of each way is printed.
//!
//! ```text
//! cargo bench --bench flush -- SOURCE_MONTH_FOLDER TARGET_FOLDER [ROUNDS]
//! ```
//!
//! SOURCE_MONTH_FOLDER is a built month (e.g. the N = 1000 project's `out/2026-11`);
//! TARGET_FOLDER is where the staging folders go (on the disk to measure). The ways:
//!
//! - `none`: write only, no flush (the floor; not durable);
//! - `each, 2 threads`: write and `fsync` each file on two workers (what `build` did before:
//!   the files are made on rayon's two workers, each synced as it is written);
//! - `after, N threads`: write all, then `fsync` every file on N threads;
//! - `syncfs`: write all, then one `syncfs(2)` on the staging folder's file system (Linux).
//!
//! Every way ends with an `fsync` of the staging folder itself. The results are in
//! BENCHMARKS.md.

#![allow(missing_docs)]

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

type Files = Vec<(String, Vec<u8>)>;

fn read_month(source: &Path) -> Files {
    let mut files: Files = fs::read_dir(source)
        .expect("source folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_file())
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(&path).expect("read"))
        })
        .collect();
    files.sort();
    files
}

fn write(dir: &Path, (name, bytes): &(String, Vec<u8>), sync: bool) {
    let mut file = File::create(dir.join(name)).expect("create");
    file.write_all(bytes).expect("write");
    if sync {
        file.sync_all().expect("fsync");
    }
}

/// Runs `work(i)` for every index below `count` on `threads` threads.
fn parallel(threads: usize, count: usize, work: impl Fn(usize) + Sync) {
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= count {
                        break;
                    }
                    work(i);
                }
            });
        }
    });
}

#[derive(Clone, Copy)]
enum Way {
    None,
    Each(usize),
    After(usize),
    #[cfg(target_os = "linux")]
    Syncfs,
}

impl Way {
    fn name(self) -> String {
        match self {
            Way::None => "none (not durable)".into(),
            Way::Each(threads) => format!("each, {threads} threads"),
            Way::After(threads) => format!("after, {threads} threads"),
            #[cfg(target_os = "linux")]
            Way::Syncfs => "syncfs".into(),
        }
    }

    fn run(self, dir: &Path, files: &Files) {
        match self {
            Way::None => parallel(2, files.len(), |i| write(dir, &files[i], false)),
            Way::Each(threads) => parallel(threads, files.len(), |i| write(dir, &files[i], true)),
            Way::After(threads) => {
                parallel(2, files.len(), |i| write(dir, &files[i], false));
                parallel(threads, files.len(), |i| {
                    File::options()
                        .write(true)
                        .open(dir.join(&files[i].0))
                        .and_then(|file| file.sync_all())
                        .expect("fsync");
                });
            }
            #[cfg(target_os = "linux")]
            Way::Syncfs => {
                parallel(2, files.len(), |i| write(dir, &files[i], false));
                rustix::fs::syncfs(File::open(dir).expect("open")).expect("syncfs");
            }
        }
        File::open(dir)
            .and_then(|folder| folder.sync_all())
            .expect("fsync folder");
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [source, target, rest @ ..] = args.as_slice() else {
        eprintln!("usage: cargo bench --bench flush -- SOURCE_MONTH_FOLDER TARGET_FOLDER [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = rest.first().map_or(7, |n| n.parse().expect("ROUNDS"));
    let files = read_month(Path::new(source));
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!(
        "{} files, {:.1} MB, into {target}, {rounds} rounds",
        files.len(),
        bytes as f64 / 1e6
    );
    let ways = [
        Way::None,
        Way::Each(2),
        Way::After(2),
        Way::After(8),
        Way::After(32),
        #[cfg(target_os = "linux")]
        Way::Syncfs,
    ];
    let mut times = vec![Vec::new(); ways.len()];
    let staging = PathBuf::from(target).join(".flush-bench");
    for round in 0..=rounds {
        for (i, way) in ways.iter().enumerate() {
            let _ = fs::remove_dir_all(&staging);
            // Let the removal's own writes reach the disk before the clock starts.
            #[cfg(target_os = "linux")]
            rustix::fs::syncfs(File::open(target).expect("open")).expect("syncfs");
            fs::create_dir(&staging).expect("create staging");
            let started = Instant::now();
            way.run(&staging, &files);
            if round > 0 {
                // Round 0 warms up.
                times[i].push(started.elapsed().as_secs_f64());
            }
        }
    }
    let _ = fs::remove_dir_all(&staging);
    for (way, times) in ways.iter().zip(times) {
        let shown: Vec<String> = times.iter().map(|t| format!("{t:.3}")).collect();
        println!(
            "{:<22} median {:.3} s   ({})",
            way.name(),
            median(times),
            shown.join(" ")
        );
    }
}
