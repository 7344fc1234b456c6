//! Measures the byte-level passes over every file of a tree (prefilter, word hashes, ...).
//! `cargo run --release -p connlint --example scanbench -- DIR`

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use connlint_core::{Knowledge, Lang, LangFamily};
use std::time::Instant;

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

fn words_base(bytes: &[u8]) -> usize {
    let mut hashes: Vec<u32> = Vec::with_capacity(bytes.len() / 16);
    let mut h = 0x811c_9dc5u32;
    let mut in_word = false;
    for &b in bytes {
        if is_word(b) {
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

fn words_nosort(bytes: &[u8]) -> usize {
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
    hashes.len()
}

/// Bloom-ish bitset sized by file length, one bit per word.
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

/// Same, but hashing by skipping runs: find word starts/ends with the table, hash words with a
/// cheaper multiply-per-byte.
fn words_bits2(bytes: &[u8]) -> usize {
    let nbits = (bytes.len() / 2).next_power_of_two().max(512);
    let mask = (nbits - 1) as u32;
    let mut bits = vec![0u64; nbits / 64];
    let mut i = 0;
    let n = bytes.len();
    while i < n {
        // skip non-word
        while i < n && !WORD[bytes[i] as usize] {
            i += 1;
        }
        let mut h = 0x811c_9dc5u32;
        let start = i;
        while i < n && WORD[bytes[i] as usize] {
            h = (h ^ u32::from(bytes[i])).wrapping_mul(0x0100_0193);
            i += 1;
        }
        if i > start {
            let k = (h & mask) as usize;
            bits[k >> 6] |= 1 << (k & 63);
        }
    }
    bits.iter().map(|w| w.count_ones() as usize).sum()
}

fn word_hash(w: &[u8]) -> u64 {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15 ^ w.len() as u64;
    let mut chunks = w.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(a)).wrapping_mul(0x2127_599b_f432_5c37);
        h ^= h >> 29;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut a = [0u8; 8];
        a[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(a)).wrapping_mul(0x2127_599b_f432_5c37);
    }
    h ^= h >> 32;
    h.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

fn words_mask(bytes: &[u8]) -> usize {
    let nbits = (bytes.len() / 2).next_power_of_two().max(512);
    let mask = (nbits - 1) as u64;
    let mut bits = vec![0u64; nbits / 64];
    let mut set = |h: u64| {
        for k in [h & mask, (h >> 40) & mask] {
            let k = k as usize;
            if let Some(w) = bits.get_mut(k >> 6) {
                *w |= 1 << (k & 63);
            }
        }
    };
    let mut start: Option<usize> = None;
    for (bi, block) in bytes.chunks(64).enumerate() {
        let base = bi * 64;
        let mut m: u64 = 0;
        for (i, &b) in block.iter().enumerate() {
            m |= u64::from(WORD[b as usize]) << i;
        }
        let n = block.len();
        let mut pos = 0usize;
        // walk the runs of m
        loop {
            match start {
                None => {
                    let rest = if pos >= 64 { 0 } else { m >> pos };
                    if rest == 0 {
                        break;
                    }
                    pos += rest.trailing_zeros() as usize;
                    start = Some(base + pos);
                }
                Some(s) => {
                    let rest = if pos >= 64 { 0 } else { !m >> pos };
                    let z = rest.trailing_zeros() as usize;
                    if pos + z >= n {
                        break;
                    }
                    pos += z;
                    set(word_hash(&bytes[s..base + pos]));
                    start = None;
                }
            }
        }
    }
    if let Some(s) = start {
        set(word_hash(&bytes[s..]));
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
    time("words_nosort", &|b, _| words_nosort(b));
    time("words_bits", &|b, _| words_bits(b));
    time("words_bits2", &|b, _| words_bits2(b));
    time("words_mask", &|b, _| words_mask(b));
}
