//! Measures the byte-level passes over every file of a tree (prefilter, word hashes, ...).
//! `cargo run --release -p connlint --example scanbench -- DIR`

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use connlint_core::{Knowledge, Lang, LangFamily};
use std::time::Instant;

/// Identifier bytes: the word boundary, as in connlint's gates.
const WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
        i += 1;
    }
    t
};

/// The old word sets: every word's hash, sorted and deduplicated.
fn words_base(bytes: &[u8]) -> usize {
    let mut hashes: Vec<u32> = Vec::with_capacity(bytes.len() / 16);
    let mut h = 0x811c_9dc5u32;
    let mut in_word = false;
    for &b in bytes {
        if WORD[b as usize] {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
            in_word = true;
        } else if in_word {
            hashes.push(h);
            h = 0x811c_9dc5;
            in_word = false;
        }
    }
    if in_word {
        hashes.push(h);
    }
    hashes.sort_unstable();
    hashes.dedup();
    hashes.len()
}

/// A one-bit-per-word filter sized by the file's length (the shipped `Words::of` sets three
/// bits per word and is sized by the word count; it lives in the binary, out of reach here).
fn words_bits(bytes: &[u8]) -> usize {
    let nbits = (bytes.len() / 2).next_power_of_two().max(512);
    let mask = (nbits - 1) as u32;
    let mut bits = vec![0u64; nbits / 64];
    let mut h = 0x811c_9dc5u32;
    let mut in_word = false;
    for &b in bytes {
        if WORD[b as usize] {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
            in_word = true;
        } else if in_word {
            let i = (h & mask) as usize;
            bits[i >> 6] |= 1 << (i & 63);
            h = 0x811c_9dc5;
            in_word = false;
        }
    }
    bits.iter().map(|w| w.count_ones() as usize).sum()
}

fn main() {
    let root = std::env::args().nth(1).expect("DIR");
    let mut files: Vec<(LangFamily, Vec<u8>)> = Vec::new();
    for e in ignore::WalkBuilder::new(&root).build().flatten() {
        if !e.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        if let Some(lang) = Lang::from_path(e.path()) {
            if let Ok(b) = std::fs::read(e.path()) {
                if b.len() <= 4 << 20 {
                    files.push((lang.family(), b));
                }
            }
        }
    }
    let total: usize = files.iter().map(|f| f.1.len()).sum();
    println!("{} files, {} MB", files.len(), total >> 20);
    let kb = Knowledge::builtin();
    let fams = [LangFamily::Js, LangFamily::Python, LangFamily::Rust];
    for f in fams {
        let t = kb.prefilter_tokens(f);
        println!("{f:?}: {} tokens: {:?}", t.len(), t);
    }
    let time = |name: &str, f: &dyn Fn(&[u8], LangFamily) -> usize| {
        let mut best = f64::MAX;
        let mut out = 0;
        for _ in 0..3 {
            let s = Instant::now();
            out = files.iter().map(|(fam, b)| f(b, *fam)).sum::<usize>();
            best = best.min(s.elapsed().as_secs_f64());
        }
        println!("{name:>24}: {:7.1} ms  ({out})", best * 1000.0);
    };
    let build = |kind: Option<AhoCorasickKind>, pre: bool, mk: MatchKind| {
        fams.map(|f| {
            AhoCorasick::builder()
                .kind(kind)
                .prefilter(pre)
                .match_kind(mk)
                .build(kb.prefilter_tokens(f))
                .expect("ac")
        })
    };
    for (name, kind) in [
        ("dfa", Some(AhoCorasickKind::DFA)),
        ("cnfa", Some(AhoCorasickKind::ContiguousNFA)),
        ("auto", None),
    ] {
        for pre in [true, false] {
            for mk in [MatchKind::Standard, MatchKind::LeftmostFirst] {
                let acs = build(kind, pre, mk);
                let idx = |f: LangFamily| fams.iter().position(|x| *x == f).unwrap_or(0);
                time(&format!("{name} pre={pre} {mk:?}"), &|b, f| {
                    usize::from(acs[idx(f)].is_match(b))
                });
            }
        }
    }
    time("memmem connlint-ignore", &|b, _| {
        usize::from(memchr::memmem::find(b, b"connlint-ignore").is_some())
    });
    time("utf8", &|b, _| usize::from(std::str::from_utf8(b).is_ok()));
    time("words_base", &|b, _| words_base(b));
    time("words_bits", &|b, _| words_bits(b));
}
