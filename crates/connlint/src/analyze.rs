//! Reading, prefiltering and parsing files, in parallel.

use crate::walk::Candidate;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use connlint_core::suppress::{self, Directive};
use connlint_core::{Facts, Knowledge, Lang, LangFamily, Notice, NoticeKind};
use connlint_rules::FileFacts;
use rayon::prelude::*;
use std::io::Read;
use std::sync::Arc;

/// Limits for files that are not worth parsing.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Files larger than this are skipped with a note.
    pub max_file_bytes: u64,
    /// Files with a line longer than this (minified bundles) are skipped with a note.
    pub max_line_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            // Hand-written sources are far smaller; above this are bundles and generated
            // tables, whose syntax trees cost 30-75 bytes of memory per byte of source.
            max_file_bytes: 4 * 1024 * 1024,
            max_line_bytes: 256 * 1024,
        }
    }
}

/// The prefilter: files without any of these tokens cannot build a known client.
pub struct Prefilter {
    by_family: Vec<(LangFamily, Option<AhoCorasick>)>,
}

impl Prefilter {
    pub fn new(kb: &Knowledge) -> Prefilter {
        let by_family = [LangFamily::Js, LangFamily::Python, LangFamily::Rust]
            .into_iter()
            .map(|fam| {
                let tokens = kb.prefilter_tokens(fam);
                let ac = if tokens.is_empty() {
                    None
                } else {
                    // A DFA: more memory (tokens are few), the fastest scan, and every
                    // file in the tree goes through it.
                    // Leftmost-first rather than standard semantics: the answer is the same (is
                    // there a match), but only leftmost searches use the prefilter, which skips
                    // to the rare bytes of the tokens (ten times faster over the corpus).
                    AhoCorasick::builder()
                        .kind(Some(AhoCorasickKind::DFA))
                        .match_kind(MatchKind::LeftmostFirst)
                        .build(&tokens)
                        .ok()
                };
                (fam, ac)
            })
            .collect();
        Prefilter { by_family }
    }

    /// Can this file matter?
    pub fn may_matter(&self, fam: LangFamily, bytes: &[u8]) -> bool {
        match self.by_family.iter().find(|(f, _)| *f == fam) {
            Some((_, Some(ac))) => ac.is_match(bytes),
            _ => false,
        }
    }
}

/// What analysing a file needs: the knowledge, its prefilter and the limits of one profile.
pub struct Engine {
    pub kb: Knowledge,
    pub prefilter: Prefilter,
    pub limits: Limits,
    /// The Rust frontend's form of `kb`, made once for every file.
    rust: connlint_rust::Prepared,
}

impl Engine {
    pub fn new(kb: Knowledge, limits: Limits) -> Engine {
        Engine {
            prefilter: Prefilter::new(&kb),
            rust: connlint_rust::Prepared::new(&kb),
            kb,
            limits,
        }
    }
}

/// The second-pass gate: a file matters when it mentions, as a whole word, a name of a
/// function or class that builds clients, *and*, as a whole word, the module defining that
/// name (its file stem: `db` for `lib/db.js`, the folder for `index.js`/`__init__.py`/
/// `mod.rs`), which any import of it spells out between separators (`'./db'`, `app.db`,
/// `crate::db`).
pub struct NameGate {
    names: AhoCorasick,
    /// Per name (pattern index): indices into `stems`.
    stems_of: Vec<Vec<usize>>,
    stems: Vec<memchr::memmem::Finder<'static>>,
    /// Per name and per stem: the hashes of its words, for [`NameGate::may_match`].
    name_words: Vec<Vec<u64>>,
    stem_words: Vec<Vec<u64>>,
}

/// The bytes of identifiers (ASCII letters, digits, `_` and `$`), as a table: the word
/// boundary of every gate.
const WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
        i += 1;
    }
    table
};

fn is_word(b: u8) -> bool {
    WORD_BYTES[usize::from(b)]
}

/// A hash of each word (run of identifier bytes) of `bytes`, in order: 64-bit FNV-1a over
/// the bytes, then mixed so that every bit depends on every byte (the Bloom filter of
/// [`Words`] takes its bits from the low ones).
#[inline]
fn for_each_word_hash(bytes: &[u8], mut f: impl FnMut(u64)) {
    const START: u64 = 0xcbf2_9ce4_8422_2325;
    let finish = |h: u64| {
        let h = (h ^ (h >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^ (h >> 29)
    };
    let mut h = START;
    let mut in_word = false;
    for &b in bytes {
        if is_word(b) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            in_word = true;
        } else if in_word {
            f(finish(h));
            h = START;
            in_word = false;
        }
    }
    if in_word {
        f(finish(h));
    }
}

/// The words (runs of ASCII letters, digits, `_` and `$`) of a file that was not parsed, as a
/// Bloom filter of their hashes: the name-following rounds ask it whether the file can mention
/// a name and its module without reading the file again. It never says no for a word of the
/// file; a false yes (well under one in a hundred words, see [`Words::of`]) only costs reading
/// the file again.
#[derive(Debug, Default)]
pub struct Words(Box<[u64]>);

/// Bits set per word.
const WORD_BITS: u64 = 3;

thread_local! {
    /// The word hashes of the file at hand, reused from file to file.
    static HASHES: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Words {
    pub fn of(bytes: &[u8]) -> Words {
        // Every file of the tree that is not parsed comes here: one pass to hash the words,
        // then a filter of 8 to 16 bits per word (counting repeats, so more per distinct
        // word), which leaves at most about 1 bit in 8 set.
        HASHES.with_borrow_mut(|hashes| {
            hashes.clear();
            for_each_word_hash(bytes, |h| hashes.push(h));
            let bits = (hashes.len() * 8).next_power_of_two().max(64);
            let mut set = vec![0u64; bits / 64].into_boxed_slice();
            let mask = bits as u64 - 1;
            for &h in hashes.iter() {
                for i in Words::bits_of(h, mask) {
                    if let Some(w) = set.get_mut(i / 64) {
                        *w |= 1 << (i % 64);
                    }
                }
            }
            if hashes.capacity() > 1 << 20 {
                // Not kept for ever after one huge file.
                *hashes = Vec::new();
            }
            Words(set)
        })
    }

    /// The bits of a word hash in a filter of `mask + 1` bits (double hashing).
    #[inline]
    fn bits_of(h: u64, mask: u64) -> impl Iterator<Item = usize> {
        let (h1, h2) = (h & 0xffff_ffff, (h >> 32) | 1);
        (0..WORD_BITS).map(move |j| (h1.wrapping_add(j.wrapping_mul(h2)) & mask) as usize)
    }

    fn has_all(&self, hashes: &[u64]) -> bool {
        let Some(mask) = (self.0.len() as u64 * 64).checked_sub(1) else {
            return hashes.is_empty();
        };
        hashes.iter().all(|&h| {
            Words::bits_of(h, mask)
                .all(|i| self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0))
        })
    }
}

/// The word hashes of a name or a module stem, hashed as a file's words are.
fn hashes_of(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    for_each_word_hash(text.as_bytes(), |h| out.push(h));
    out
}

impl NameGate {
    /// `names`: (name, stems of the modules defining it).
    pub fn new(names: &[(String, Vec<String>)]) -> Option<NameGate> {
        let mut stem_index: foldhash::HashMap<&str, usize> = Default::default();
        let mut stems = Vec::new();
        let mut stems_of = Vec::with_capacity(names.len());
        for (_, ss) in names {
            let mut ids = Vec::new();
            for s in ss {
                let id = *stem_index.entry(s.as_str()).or_insert_with(|| {
                    stems.push(memchr::memmem::Finder::new(s.as_bytes()).into_owned());
                    stems.len() - 1
                });
                ids.push(id);
            }
            stems_of.push(ids);
        }
        let ac = AhoCorasick::new(names.iter().map(|(n, _)| n)).ok()?;
        let mut stem_words = vec![Vec::new(); stems.len()];
        for (s, &id) in &stem_index {
            if let Some(slot) = stem_words.get_mut(id) {
                *slot = hashes_of(s);
            }
        }
        Some(NameGate {
            names: ac,
            stems_of,
            stems,
            name_words: names.iter().map(|(n, _)| hashes_of(n)).collect(),
            stem_words,
        })
    }

    /// Whether a file with these words can pass [`NameGate::matches`]: it has every word of a
    /// name and of one of that name's modules. A name matches as a whole word, so its words
    /// are words of the file; a module is imported through a specifier or path that spells
    /// its stem between separators (`'./db'`, `app.db`, `crate::db`), so its words are too.
    pub fn may_match(&self, words: &Words) -> bool {
        self.name_words
            .iter()
            .zip(&self.stems_of)
            .any(|(name, stems)| {
                words.has_all(name)
                    && stems.iter().any(|&id| {
                        self.stem_words
                            .get(id)
                            .is_some_and(|stem| words.has_all(stem))
                    })
            })
    }

    pub fn matches(&self, bytes: &[u8]) -> bool {
        let word = is_word;
        let mut found = vec![None::<bool>; self.stems.len()];
        for m in self.names.find_overlapping_iter(bytes) {
            let before = m.start().checked_sub(1).and_then(|i| bytes.get(i));
            let after = bytes.get(m.end());
            if before.is_some_and(|&b| word(b)) || after.is_some_and(|&b| word(b)) {
                continue;
            }
            let Some(ids) = self.stems_of.get(m.pattern().as_usize()) else {
                continue;
            };
            for &id in ids {
                let hit = *found[id].get_or_insert_with(|| {
                    self.stems.get(id).is_some_and(|f| {
                        let len = f.needle().len();
                        f.find_iter(bytes).any(|at| {
                            let before = at.checked_sub(1).and_then(|i| bytes.get(i));
                            let after = bytes.get(at + len);
                            !before.is_some_and(|&b| word(b)) && !after.is_some_and(|&b| word(b))
                        })
                    })
                });
                if hit {
                    return true;
                }
            }
        }
        false
    }
}

/// The outcome of one file.
#[derive(Default)]
pub struct Analysed {
    pub facts: Option<FileFacts>,
    /// The text, kept when the file has inline suppressions (they are matched against the
    /// findings' lines). Other texts are not kept: on a big project they would be most of
    /// the memory; the few files a report shows are read again ([`read_again`]).
    pub text: Option<Arc<str>>,
    /// The digest of a parsed file's text, to tell whether it changed before it is read again.
    pub digest: Option<u64>,
    pub notices: Vec<Notice>,
    /// Inline suppressions found in the file.
    pub directives: Vec<Directive>,
    /// Read fine but not parsed because its bytes could not matter (yet): a later pass may
    /// parse it when it mentions a name that turned out to matter.
    pub gated: bool,
    /// The words of a gated file, so later passes need not read it to rule it out.
    pub words: Option<Words>,
}

/// Which files to parse.
#[derive(Clone, Copy)]
pub enum Gate<'a> {
    /// Files that mention a client of the knowledge packs.
    Clients,
    /// Files that mention one of these names (functions and classes that build clients)
    /// together with the module that defines it.
    Names(&'a NameGate),
}

/// Reads and analyses every candidate (with the index of its profile's engine) in parallel,
/// largest files first ([`largest_first`]). The result is in candidate order.
pub fn analyse_all(
    candidates: &[(Candidate, usize)],
    engines: &[Engine],
    gate: Gate,
) -> Vec<Analysed> {
    // `par_bridge` hands the files out one at a time in this order, to whichever thread is
    // free.
    let mut out: Vec<(usize, Analysed)> = largest_first(candidates)
        .into_iter()
        .par_bridge()
        .filter_map(|i| candidates.get(i).map(|c| (i, c)))
        .map(|(i, (c, profile))| {
            let analysed = match engines.get(*profile).or(engines.first()) {
                Some(engine) => analyse_one(c, *profile, engine, gate),
                None => Analysed::default(),
            };
            (i, analysed)
        })
        .collect();
    out.sort_unstable_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, a)| a).collect()
}

/// The indices of the candidates, largest file first.
///
/// Parsing a generated file of a few hundred kilobytes takes tens of megabytes for a moment
/// (the lexed tokens and the syntax tree). Taken first, those moments come before the Facts
/// of the other files pile up, and the files after them reuse the memory they freed; taken
/// in walk order, one of them may come on top of everything else. It also keeps a big file
/// from being the last one a thread is left with.
fn largest_first(candidates: &[(Candidate, usize)]) -> Vec<usize> {
    let sizes: Vec<u64> = candidates
        .par_iter()
        .map(|(c, _)| match &c.stdin {
            Some(bytes) => bytes.len() as u64,
            // A file that cannot be looked at is read (and its error reported) in its turn.
            None => std::fs::metadata(&c.path).map_or(0, |m| m.len()),
        })
        .collect();
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(sizes.get(i).copied().unwrap_or(0)));
    order
}

fn notice(c: &Candidate, kind: NoticeKind, message: impl Into<String>) -> Notice {
    Notice {
        kind,
        path: c.display.clone(),
        span: None,
        message: message.into(),
    }
}

fn analyse_one(c: &Candidate, profile: usize, engine: &Engine, gate: Gate) -> Analysed {
    let (limits, prefilter) = (&engine.limits, &engine.prefilter);
    let skipped = |n: Notice| Analysed {
        notices: vec![n],
        ..Analysed::default()
    };
    let bytes = match read(c, limits) {
        Ok(Some(b)) => b,
        Ok(None) => {
            return skipped(notice(
                c,
                NoticeKind::Skipped,
                format!(
                    "skipped: larger than {} bytes (raise `max-file-size` under [limits] in connlint.toml to check it)",
                    limits.max_file_bytes
                ),
            ))
        }
        Err(e) => {
            return skipped(notice(
                c,
                NoticeKind::Unreadable,
                format!("cannot read: {e}"),
            ))
        }
    };
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        // A binary file: skipped quietly.
        return Analysed::default();
    }
    let (has_directives, may_matter) = match gate {
        Gate::Clients => (
            memchr::memmem::find(&bytes, b"connlint-ignore").is_some(),
            prefilter.may_matter(c.lang.family(), &bytes),
        ),
        // Directives were collected by the first pass.
        Gate::Names(gate) => (false, gate.matches(&bytes)),
    };
    let words = || match gate {
        Gate::Clients => Some(Words::of(&bytes)),
        Gate::Names(_) => None,
    };
    if !may_matter && !has_directives {
        return Analysed {
            gated: true,
            words: words(),
            ..Analysed::default()
        };
    }
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            return skipped(notice(
                c,
                NoticeKind::Unreadable,
                format!("not valid UTF-8 (at byte {})", e.valid_up_to()),
            ))
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let directives = if has_directives {
        suppress::scan(text, c.lang.family())
    } else {
        Vec::new()
    };
    if !may_matter {
        return Analysed {
            text: has_directives.then(|| Arc::from(text)),
            directives,
            gated: true,
            words: words(),
            ..Analysed::default()
        };
    }
    if let Some(len) = longest_line(text).filter(|&l| l > limits.max_line_bytes) {
        return skipped(notice(
            c,
            NoticeKind::Skipped,
            format!(
                "skipped: a line of {len} bytes looks minified (limit {})",
                limits.max_line_bytes
            ),
        ));
    }
    let path = c.display.as_str();
    let lang = c.lang;
    let started = std::time::Instant::now();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // Debug builds only: lets the end-to-end tests prove that a panic in one file
        // becomes an internal-error notice and the run goes on.
        #[cfg(debug_assertions)]
        if std::env::var("CONNLINT_DEBUG_PANIC_ON")
            .is_ok_and(|needle| !needle.is_empty() && path.contains(&needle))
        {
            panic!("injected by CONNLINT_DEBUG_PANIC_ON");
        }
        frontend(text, path, lang, engine)
    }));
    if trace_files().is_some_and(|min| started.elapsed().as_millis() >= min) {
        eprintln!(
            "connlint: {path}: {:.1} ms to analyse {} bytes",
            started.elapsed().as_secs_f64() * 1000.0,
            text.len()
        );
    }
    let mut facts = match result {
        Ok(f) => f,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            return skipped(notice(
                c,
                NoticeKind::Internal,
                format!("internal error while analysing this file: {what}"),
            ));
        }
    };
    connlint_rules::graph::prune_calls(&mut facts);
    facts.shrink_to_fit();
    let notices = facts
        .problems
        .iter()
        .take(1)
        .map(|p| Notice {
            kind: NoticeKind::ParseError,
            path: c.display.clone(),
            span: Some(p.span),
            message: if p.fatal {
                format!(
                    "could not parse this file, no findings from it: {}",
                    p.message
                )
            } else {
                format!(
                    "syntax error: {}; findings come from the parts that parse",
                    p.message
                )
            },
        })
        .collect();
    Analysed {
        facts: Some(FileFacts {
            path: c.display.clone(),
            lang,
            facts,
            profile,
        }),
        digest: Some(digest(text)),
        text: has_directives.then(|| Arc::from(text)),
        notices,
        directives,
        gated: false,
        words: None,
    }
}

/// A digest of a file's text (after the byte-order mark), to notice a change between reads:
/// foldhash with a fixed seed, so equal texts agree for the whole run (a guard against edits
/// made while connlint runs, not a cryptographic hash).
fn digest(text: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x636f_6e6e_6c69_6e74).hash_one(text)
}

/// Why a file's text could not be shown again.
#[derive(Debug, PartialEq, Eq)]
pub enum ReadAgain {
    /// It can no longer be read, or is no longer UTF-8.
    Unreadable(String),
    /// It was read, but it is not the text that was analysed: it changed during the run.
    Changed(Arc<str>),
}

/// Reads a file again to show it in a report, and checks it is the text that was analysed.
pub fn read_again(c: &Candidate, digest_then: u64) -> Result<Arc<str>, ReadAgain> {
    let bytes = match &c.stdin {
        Some(b) => b.to_vec(),
        // Opened as on the first read: a path that turned into a FIFO must not block the run.
        None => read_regular(&c.path).map_err(|e| ReadAgain::Unreadable(e.to_string()))?,
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        ReadAgain::Unreadable(format!(
            "not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text: Arc<str> = Arc::from(text);
    if digest(&text) == digest_then {
        Ok(text)
    } else {
        Err(ReadAgain::Changed(text))
    }
}

/// With `CONNLINT_TRACE` set, files that take this long (ms) to analyse are named on stderr:
/// those over 100 ms, or every file parsed with `CONNLINT_TRACE=files`.
fn trace_files() -> Option<u128> {
    static MIN: std::sync::OnceLock<Option<u128>> = std::sync::OnceLock::new();
    *MIN.get_or_init(|| {
        std::env::var_os("CONNLINT_TRACE").map(|v| if v == "files" { 0 } else { 100 })
    })
}

/// The frontend for a language.
fn frontend(text: &str, path: &str, lang: Lang, engine: &Engine) -> Facts {
    let kb = &engine.kb;
    match lang.family() {
        LangFamily::Js => connlint_js::analyze(text, path, lang, kb),
        LangFamily::Python => connlint_python::analyze(text, path, lang, kb),
        LangFamily::Rust => connlint_rust::analyze_prepared(text, &engine.rust),
    }
}

/// Opens a file for reading without blocking: opening a FIFO for reading would otherwise
/// wait until a writer comes. Regular files read the same either way.
#[cfg(unix)]
fn open(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// Reads a regular file whatever its size.
fn read_regular(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    let mut f = open(path)?;
    if !f.metadata()?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    let mut buf = Vec::new();
    f.read_to_end(&mut buf)?;
    Ok(buf)
}

/// Reads a regular file; `Ok(None)` when it is over the size limit.
fn read(c: &Candidate, limits: &Limits) -> std::io::Result<Option<Vec<u8>>> {
    if let Some(bytes) = &c.stdin {
        return Ok((bytes.len() as u64 <= limits.max_file_bytes).then(|| bytes.to_vec()));
    }
    let f = open(&c.path)?;
    // Checked on the open file, not the path: one path lookup, and no race.
    let meta = f.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    if meta.len() > limits.max_file_bytes {
        return Ok(None);
    }
    let mut f = f;
    let mut buf = Vec::with_capacity(meta.len() as usize);
    f.by_ref()
        .take(limits.max_file_bytes + 1)
        .read_to_end(&mut buf)?;
    if buf.len() as u64 > limits.max_file_bytes {
        return Ok(None);
    }
    Ok(Some(buf))
}

fn longest_line(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut longest = 0;
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', bytes) {
        longest = longest.max(nl - start);
        start = nl + 1;
    }
    Some(longest.max(bytes.len() - start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn js_file(path: &std::path::Path, display: &str) -> Candidate {
        Candidate {
            path: path.to_path_buf(),
            display: display.into(),
            lang: Lang::JavaScript,
            stdin: None,
        }
    }

    #[test]
    fn a_file_read_again_is_checked_against_the_text_analysed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("app.js");
        std::fs::write(&path, "\u{feff}new MongoClient(uri);\n").expect("write");
        let c = js_file(&path, "app.js");
        let then = digest("new MongoClient(uri);\n");
        assert_eq!(
            read_again(&c, then).as_deref().ok(),
            Some("new MongoClient(uri);\n"),
            "same text, byte-order mark stripped as when it was analysed"
        );
        std::fs::write(&path, "// edited\nnew MongoClient(uri);\n").expect("write");
        assert_eq!(
            read_again(&c, then),
            Err(ReadAgain::Changed(Arc::from(
                "// edited\nnew MongoClient(uri);\n"
            )))
        );
        std::fs::write(&path, [0xff, 0xfe, 0x00]).expect("write");
        assert!(
            matches!(read_again(&c, then), Err(ReadAgain::Unreadable(m)) if m.contains("UTF-8"))
        );
        std::fs::remove_file(&path).expect("remove");
        assert!(matches!(
            read_again(&c, then),
            Err(ReadAgain::Unreadable(_))
        ));
        #[cfg(unix)]
        {
            // Replaced by a FIFO with no writer: refused at once, not waited on.
            let made = std::process::Command::new("mkfifo").arg(&path).status();
            if made.is_ok_and(|s| s.success()) {
                assert_eq!(
                    read_again(&c, then),
                    Err(ReadAgain::Unreadable("not a regular file".into()))
                );
            }
        }
        let stdin = Candidate {
            stdin: Some(Arc::from(&b"new MongoClient(uri);\n"[..])),
            ..c
        };
        assert!(
            read_again(&stdin, then).is_ok(),
            "standard input is kept, not read again"
        );
    }

    #[test]
    fn files_are_taken_largest_first_and_come_back_in_candidate_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sizes = [3usize, 40, 0, 40, 700];
        let candidates: Vec<(Candidate, usize)> = sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| {
                let name = format!("f{i}.js");
                let path = dir.path().join(&name);
                // Every file builds a client, padded with comments to its size.
                let text = format!("new MongoClient(uri);\n{}", "/".repeat(n));
                std::fs::write(&path, text).expect("write");
                (js_file(&path, &name), 0)
            })
            .collect();
        // Equal sizes keep their candidate order.
        assert_eq!(largest_first(&candidates), vec![4, 1, 3, 0, 2]);
        let engines = [Engine::new(Knowledge::builtin(), Limits::default())];
        let paths: Vec<String> = analyse_all(&candidates, &engines, Gate::Clients)
            .into_iter()
            .map(|a| a.facts.map(|f| f.path).unwrap_or_default())
            .collect();
        assert_eq!(paths, ["f0.js", "f1.js", "f2.js", "f3.js", "f4.js"]);
    }

    fn gate(names: &[(&str, &[&str])]) -> NameGate {
        let names: Vec<(String, Vec<String>)> = names
            .iter()
            .map(|(n, ss)| (n.to_string(), ss.iter().map(|s| s.to_string()).collect()))
            .collect();
        NameGate::new(&names).expect("gate")
    }

    #[test]
    fn words_rule_out_files_without_the_name_or_its_module() {
        let g = gate(&[("getDb", &["db"]), ("/mongo-client'", &["mongo-client"])]);
        let may = |text: &str| g.may_match(&Words::of(text.as_bytes()));
        assert!(may(
            "import { getDb } from '../lib/db';\nexport const h = () => getDb();"
        ));
        assert!(may("from app.db import getDb"));
        assert!(may("use crate::db::getDb;"));
        // The name alone, or the module's stem only inside another word, is not enough.
        assert!(!may("const getDb = 1;"));
        assert!(!may("import { getDb } from './mongodb';"));
        assert!(!may("getDbx from './db'"));
        // Names with punctuation are made of words too.
        assert!(may("import x from '../lib/mongo-client';"));
        assert!(!may("import x from '../lib/mongo';"));
    }

    /// Whatever the byte-level gate lets through, the word pre-check lets through too: it only
    /// saves reading files, it never changes what is parsed.
    #[test]
    fn words_never_rule_out_a_file_the_gate_would_parse() {
        let names: &[(&str, &[&str])] = &[
            ("getDb", &["db"]),
            ("connectToDatabase", &["mongodb", "db"]),
            ("get_client", &["db", "database"]),
            ("DbClient", &["client"]),
            ("/db'", &["db"]),
            ("app", &["server", "index"]),
            ("handler", &["routes"]),
        ];
        let g = gate(names);
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata");
        let mut stack = vec![root];
        let mut checked = 0;
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("testdata").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let bytes = std::fs::read(&path).expect("fixture");
                if g.matches(&bytes) {
                    checked += 1;
                    assert!(g.may_match(&Words::of(&bytes)), "{}", path.display());
                }
            }
        }
        assert!(checked > 10, "only {checked} fixtures mention a name");
    }

    #[test]
    fn a_file_gone_before_reading_is_unreadable_not_fatal() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("gone.js");
        std::fs::write(&path, "new MongoClient(u)").expect("write");
        let c = js_file(&path, "gone.js");
        // Deleted between walking and reading.
        std::fs::remove_file(&path).expect("remove");
        let engine = Engine::new(Knowledge::builtin(), Limits::default());
        let out = analyse_all(&[(c, 0)], std::slice::from_ref(&engine), Gate::Clients);
        let notice = &out[0].notices[0];
        assert_eq!(notice.kind, NoticeKind::Unreadable);
        assert_eq!(notice.path, "gone.js");
        assert!(
            notice.message.starts_with("cannot read"),
            "{}",
            notice.message
        );
    }
}
