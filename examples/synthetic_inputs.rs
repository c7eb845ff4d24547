//! Writes a synthetic project of any size, for benchmarks (not part of the user CLI).
//!
//! ```text
//! cargo run --release --example synthetic_inputs -- 1000 /tmp/bench-1000
//! ```
//!
//! What it writes: see `benches/support/synthetic.rs`.

use std::path::PathBuf;

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .expect("usage: synthetic_inputs N DIR");
    let dir = PathBuf::from(args.next().expect("usage: synthetic_inputs N DIR"));
    synthetic::write_project(count, &dir);
    println!(
        "wrote a project with {count} spokespersons to {}",
        dir.display()
    );
}
