//! Runs `analyze_prepared` (the knowledge prepared once, as the driver does) over a list of Rust files (one path a line) and reports the CPU time it took
//! (the files are read first); with `DUMP=FILE`, writes one line per file with a hash of the
//! Debug text of its Facts, to compare two versions of the frontend file by file.
//! `cargo run --release -p connlint-rust --example facts_dump -- LIST [REPEAT]`
use std::hash::{Hash, Hasher};
use std::io::Write;

/// CPU time (user + system) of the process so far, in seconds, from `/proc/self/stat`.
fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|s| s.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let list = std::fs::read_to_string(args.next().unwrap_or_default()).unwrap_or_default();
    let repeat: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let prepared = connlint_rust::Prepared::new(&connlint_core::Knowledge::builtin());
    let files: Vec<(String, String)> = list
        .lines()
        .filter_map(|p| Some((p.to_string(), std::fs::read_to_string(p).ok()?)))
        .collect();
    let mut dump = Vec::new();
    let mut best = f64::MAX;
    for round in 0..repeat {
        let t = cpu();
        let w = std::time::Instant::now();
        for (path, text) in &files {
            let facts = connlint_rust::analyze_prepared(text, &prepared);
            if round == 0 && std::env::var_os("DUMP").is_some() {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                format!("{facts:?}").hash(&mut h);
                dump.push(format!("{path}\t{:016x}", h.finish()));
            }
        }
        let c = cpu() - t;
        println!(
            "round {round}: {} files, cpu {c:.2}s wall {:.2}s",
            files.len(),
            w.elapsed().as_secs_f64()
        );
        best = best.min(c);
    }
    println!("best cpu {best:.2}s");
    if let Some(out) = std::env::var_os("DUMP") {
        dump.sort();
        if let Ok(mut f) = std::fs::File::create(out) {
            let _ = f.write_all(dump.join("\n").as_bytes());
        }
    }
}
