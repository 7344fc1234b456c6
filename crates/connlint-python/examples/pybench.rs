//! Measures the Python frontend against tree-sitter's bare parse of the same files.
//!
//! `cargo run --release -p connlint-python --example pybench -- MODE PATH...` where MODE is
//! `parse` (tree-sitter only: the floor), `analyze` (the whole frontend), `both` (per file,
//! with the files whose analysis costs most beyond their parse) or `dump` (every file's
//! facts, to compare two builds). Directories are walked for
//! `.py` files. Run it under `/usr/bin/time` to compare CPU time between modes.

use connlint_core::{Knowledge, Lang};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn collect(p: &Path, out: &mut Vec<PathBuf>) {
    let mut stack = vec![p.to_path_buf()];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            if let Ok(rd) = std::fs::read_dir(&p) {
                stack.extend(rd.filter_map(|e| e.ok()).map(|e| e.path()));
            }
        } else if p.extension().is_some_and(|e| e == "py") {
            out.push(p);
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "both".to_string());
    let mut paths = Vec::new();
    for a in args {
        collect(Path::new(&a), &mut paths);
    }
    paths.sort();
    let files: Vec<(PathBuf, String)> = paths
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
        .collect();
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let kb = Knowledge::builtin();
    let mut parser = tree_sitter::Parser::new();
    if parser
        .set_language(&tree_sitter_python::LANGUAGE.into())
        .is_err()
    {
        eprintln!("cannot load the Python grammar");
        return;
    }
    if mode == "dump" {
        // Every file's facts, for comparing two builds.
        for (p, t) in &files {
            let f = connlint_python::analyze(t, &p.to_string_lossy(), Lang::Python, &kb);
            println!("{}\n{f:?}", p.display());
        }
        return;
    }
    let (mut t_parse, mut t_analyze) = (Duration::ZERO, Duration::ZERO);
    let mut worst: Vec<(f64, Duration, Duration, usize, &Path)> = Vec::new();
    let mut findings = 0usize;
    for (p, t) in &files {
        let mut dp = Duration::ZERO;
        let mut da = Duration::ZERO;
        if mode != "analyze" {
            let s = Instant::now();
            let tree = parser.parse(t, None);
            dp = s.elapsed();
            findings += tree.map_or(0, |t| t.root_node().child_count() as usize);
        }
        if mode != "parse" {
            let s = Instant::now();
            let f = connlint_python::analyze(t, &p.to_string_lossy(), Lang::Python, &kb);
            da = s.elapsed();
            findings += f.constructions.len() + f.calls.len();
        }
        t_parse += dp;
        t_analyze += da;
        if mode == "both" {
            let extra = da.as_secs_f64() - dp.as_secs_f64();
            worst.push((extra, dp, da, t.len(), p));
        }
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{} files, {:.1} MB; parse {:.3} s ({:.1} MB/s), analyze {:.3} s ({:.1} MB/s); checksum {}",
        files.len(),
        mb,
        t_parse.as_secs_f64(),
        mb / t_parse.as_secs_f64().max(1e-9),
        t_analyze.as_secs_f64(),
        mb / t_analyze.as_secs_f64().max(1e-9),
        findings
    );
    worst.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (extra, dp, da, len, p) in worst.iter().take(10) {
        println!(
            "  +{:.1} ms  parse {:.1} ms  analyze {:.1} ms  {} KB  {}",
            extra * 1e3,
            dp.as_secs_f64() * 1e3,
            da.as_secs_f64() * 1e3,
            len / 1000,
            p.display()
        );
    }
}
