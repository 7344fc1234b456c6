//! Differential check of pruning on a tree of Rust files: the Facts of `analyze` and
//! `analyze_unpruned`, with the calls no graph can use dropped from both as the driver does
//! (`connlint_rules::graph::prune_calls`), must be equal; prints mismatches and the time each
//! took.
//! `cargo run --release -p connlint-rust --example prune_diff -- DIR`
//! With `DUMP=FILE`, also writes one line per file with a hash of its Facts, to compare two
//! versions of the frontend. With `PRUNED_ONLY=1`, runs only `analyze` (for profiles). With
//! `SHOW=1`, prints both Facts of a mismatch. Also prints how much of the text syn still
//! parses: the non-blank bytes left after pruning.
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::time::{Duration, Instant};

fn main() {
    let kb = connlint_core::Knowledge::builtin();
    let mut stack: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let (mut n, mut bad) = (0usize, 0usize);
    let (mut bytes, mut kept) = (0usize, 0usize);
    let (mut t_pruned, mut t_full) = (Duration::ZERO, Duration::ZERO);
    let mut slow: Vec<(Duration, Duration, String)> = Vec::new();
    let mut dump: Vec<String> = Vec::new();
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            if let Ok(rd) = std::fs::read_dir(&p) {
                stack.extend(rd.flatten().map(|e| e.path()));
            }
            continue;
        }
        if p.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        let path = p.display().to_string();
        let solid = |s: &str| s.bytes().filter(|b| !b.is_ascii_whitespace()).count();
        bytes += solid(&text);
        kept += connlint_rust::pruned_text(&text, &kb).map_or_else(|| solid(&text), |p| solid(&p));
        let t = Instant::now();
        let mut pruned = connlint_rust::analyze(&text, &path, connlint_core::Lang::Rust, &kb);
        connlint_rules::graph::prune_calls(&mut pruned);
        let tp = t.elapsed();
        let t = Instant::now();
        let full = if std::env::var_os("PRUNED_ONLY").is_some() {
            pruned.clone()
        } else {
            let mut full =
                connlint_rust::analyze_unpruned(&text, &path, connlint_core::Lang::Rust, &kb);
            connlint_rules::graph::prune_calls(&mut full);
            full
        };
        let tf = t.elapsed();
        t_pruned += tp;
        t_full += tf;
        n += 1;
        let text_pruned = format!("{pruned:?}");
        let mut h = std::collections::hash_map::DefaultHasher::new();
        text_pruned.hash(&mut h);
        dump.push(format!("{path}\t{:016x}", h.finish()));
        if text_pruned != format!("{full:?}") {
            bad += 1;
            println!("MISMATCH {path}");
            println!("  pruned problems {:?}", pruned.problems);
            println!("  full   problems {:?}", full.problems);
            if std::env::var_os("SHOW").is_some() {
                println!("  pruned {text_pruned}\n  full   {full:?}");
            }
        }
        slow.push((tp, tf, path));
    }
    slow.sort_by_key(|s| std::cmp::Reverse(s.0));
    for (tp, tf, path) in slow.iter().take(15) {
        println!("{tp:>12.1?} pruned {tf:>12.1?} full  {path}");
    }
    if let Ok(out) = std::env::var("DUMP") {
        dump.sort();
        if let Ok(mut f) = std::fs::File::create(out) {
            let _ = f.write_all(dump.join("\n").as_bytes());
        }
    }
    println!(
        "{n} files, {bad} mismatches; pruned {t_pruned:?}, full {t_full:?}; syn parses {kept} of {bytes} non-blank bytes ({:.1} %)",
        100.0 * kept as f64 / bytes.max(1) as f64
    );
}
