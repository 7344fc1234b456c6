//! Every client pack is exercised by the fixtures in each language it covers: a construction
//! in a handler (`client-per-request`), a cached construction that stays silent, and, where the
//! library has a close method, a leak. Fixture lines are linked to pack clients through the
//! frontends' Facts (which name the client); the harness in `fixtures.rs` already checks that
//! the annotations are exactly what connlint reports.

mod common;

use connlint_core::knowledge::{Knowledge, Pack, BUILTIN_PACKS};
use connlint_core::{Fate, Lang, LangFamily};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Default, Debug)]
struct Seen {
    positive: BTreeSet<String>,
    cached: BTreeSet<String>,
    leak: BTreeSet<String>,
}

fn line_of(src: &str, offset: u32) -> u32 {
    src.get(..offset as usize)
        .map_or(0, |s| s.matches('\n').count() as u32)
        + 1
}

fn facts_of(src: &str, rel: &str, lang: Lang, kb: &Knowledge) -> connlint_core::Facts {
    match lang.family() {
        LangFamily::Js => connlint_js::analyze(src, rel, lang, kb),
        LangFamily::Python => connlint_python::analyze(src, rel, lang, kb),
        LangFamily::Rust => connlint_rust::analyze(src, rel, lang, kb),
    }
}

/// (client id -> where it is covered how), over every fixture under testdata/.
fn coverage() -> BTreeMap<String, Seen> {
    let kb = Knowledge::builtin();
    let root = common::root();
    let marks = common::expected_marks("testdata");
    let marked = |rel: &str, line: u32, rules: &[&str]| {
        marks
            .iter()
            .any(|m| m.path == rel && m.line == line && rules.contains(&m.rule.as_str()))
    };
    let mut seen: BTreeMap<String, Seen> = BTreeMap::new();
    for path in common::files_under(&root.join("testdata")) {
        let Some(lang) = Lang::from_path(&path) else {
            continue;
        };
        let Ok(src) = std::fs::read_to_string(&path) else {
            continue;
        };
        let rel = path
            .strip_prefix(&root)
            .unwrap_or(Path::new(""))
            .to_string_lossy()
            .replace('\\', "/");
        let facts = facts_of(&src, &rel, lang, &kb);
        for c in &facts.constructions {
            let line = line_of(&src, c.span.start);
            let at = format!("{rel}:{line}");
            let s = seen.entry(c.client.to_string()).or_default();
            if marked(&rel, line, &["client-per-request"]) {
                s.positive.insert(at.clone());
            }
            let silent = !marked(
                &rel,
                line,
                &[
                    "client-per-request",
                    "client-in-loop",
                    "client-never-closed",
                ],
            );
            let cached = matches!(c.fate, Fate::Cached | Fate::Stored(_)) || c.function.is_none();
            if silent && cached {
                s.cached.insert(at.clone());
            }
            if marked(&rel, line, &["client-never-closed"]) {
                s.leak.insert(at.clone());
            }
        }
        // A close that is not in a `finally` leaks the client built into the same binding in
        // the same function.
        for close in &facts.closes {
            let line = line_of(&src, close.span.start);
            if !marked(&rel, line, &["close-not-in-finally"]) {
                continue;
            }
            for c in facts.constructions.iter().filter(|c| {
                c.function == close.function && c.binding.as_deref() == Some(&close.binding)
            }) {
                let s = seen.entry(c.client.to_string()).or_default();
                s.leak.insert(format!("{rel}:{line}"));
            }
        }
    }
    seen
}

#[test]
fn every_pack_and_language_has_a_positive_a_cached_negative_and_a_leak() {
    let seen = coverage();
    let empty = Seen::default();
    let mut gaps = Vec::new();
    for (file, text) in BUILTIN_PACKS {
        let pack = Pack::parse(text, file).expect("built-in pack");
        let families: BTreeSet<&str> = pack.client.iter().map(|c| c.lang.as_str()).collect();
        for family in families {
            let clients: Vec<_> = pack
                .client
                .iter()
                .filter(|c| c.lang.as_str() == family)
                .collect();
            let of = |pick: fn(&Seen) -> &BTreeSet<String>| {
                clients
                    .iter()
                    .any(|c| !pick(seen.get(&c.id).unwrap_or(&empty)).is_empty())
            };
            let name = &pack.pack.name;
            if !of(|s| &s.positive) {
                gaps.push(format!("{name} ({family}): no client-per-request fixture"));
            }
            if !of(|s| &s.cached) {
                gaps.push(format!("{name} ({family}): no cached negative fixture"));
            }
            // Rust clients close on drop: the leak rules do not cover Rust.
            let closable = family != "rust" && clients.iter().any(|c| !c.close.is_empty());
            if closable && !of(|s| &s.leak) {
                gaps.push(format!("{name} ({family}): no leak fixture"));
            }
        }
    }
    assert!(gaps.is_empty(), "fixture gaps:\n{}", gaps.join("\n"));
}
