//! Measures the floor of the JS frontend: tree-sitter parsing alone, plus one full walk.
//! `cargo run --release -p connlint-js --example bare_parse -- FILE` prints the node count and
//! the time; run it under `/usr/bin/time -v` for the peak memory.

use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bare_parse FILE");
        std::process::exit(2);
    };
    let src = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let lang: tree_sitter::Language = if path.ends_with(".ts") {
        tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into()
    } else {
        tree_sitter_javascript::LANGUAGE.into()
    };
    let mut parser = tree_sitter::Parser::new();
    if parser.set_language(&lang).is_err() {
        eprintln!("grammar version mismatch");
        std::process::exit(2);
    }
    let t = Instant::now();
    let Some(tree) = parser.parse(&src, None) else {
        eprintln!("parser gave up");
        std::process::exit(2);
    };
    let parsed = t.elapsed();
    let t = Instant::now();
    let mut nodes = 0usize;
    let mut named = 0usize;
    let mut c = tree.walk();
    'walk: loop {
        nodes += 1;
        if c.node().is_named() {
            named += 1;
        }
        if c.goto_first_child() {
            continue;
        }
        while !c.goto_next_sibling() {
            if !c.goto_parent() {
                break 'walk;
            }
        }
    }
    println!(
        "parse {:.3}s walk {:.3}s nodes {nodes} named {named}",
        parsed.as_secs_f64(),
        t.elapsed().as_secs_f64()
    );
}
