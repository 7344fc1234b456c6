//! Measures what each stage of the Rust frontend costs on one file: lexing with proc-macro2,
//! parsing with syn, and the whole `analyze`. `cargo run --release --example lexcost -- FILE..`
use std::time::Instant;

fn main() {
    let kb = connlint_core::Knowledge::builtin();
    for path in std::env::args().skip(1) {
        let Ok(src) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: unreadable");
            continue;
        };
        let t = Instant::now();
        let tokens: proc_macro2::TokenStream = match src.parse() {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let lex = t.elapsed();
        let t = Instant::now();
        let n_shared = walk(tokens.clone());
        let shared = t.elapsed();
        let t = Instant::now();
        let n_owned = walk(tokens.clone().into_iter().collect());
        let owned = t.elapsed();
        println!("  walk shared {shared:?} walk owned {owned:?} ({n_shared} {n_owned} tokens)");
        let t = Instant::now();
        let file = syn::parse2::<syn::File>(tokens);
        let parse = t.elapsed();
        let t = Instant::now();
        drop(file);
        let drop_t = t.elapsed();
        // Best of five, alternating, as the machine is shared.
        let (mut all, mut full) = (std::time::Duration::MAX, std::time::Duration::MAX);
        let mut facts = connlint_core::Facts::default();
        for _ in 0..5 {
            let t = Instant::now();
            facts = connlint_rust::analyze(&src, &path, connlint_core::Lang::Rust, &kb);
            all = all.min(t.elapsed());
            let t = Instant::now();
            let _ = connlint_rust::analyze_unpruned(&src, &path, connlint_core::Lang::Rust, &kb);
            full = full.min(t.elapsed());
        }
        println!(
            "{path}: {} KB lex {lex:?} syn-parse {parse:?} drop {drop_t:?} analyze {all:?} unpruned {full:?} ({} fns)",
            src.len() / 1024,
            facts.functions.len()
        );
    }
}

/// Counts tokens, iterating group streams the way any walk over proc-macro2 tokens must.
fn walk(tokens: proc_macro2::TokenStream) -> usize {
    let mut n = 0;
    let mut stack = vec![tokens.into_iter()];
    while let Some(top) = stack.last_mut() {
        match top.next() {
            Some(proc_macro2::TokenTree::Group(g)) => {
                n += 1;
                let s = g.stream();
                drop(g);
                stack.push(s.into_iter());
            }
            Some(_) => n += 1,
            None => {
                stack.pop();
            }
        }
    }
    n
}
