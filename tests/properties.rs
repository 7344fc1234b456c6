//! Property tests through the real binary: no source text, however mangled or deeply nested,
//! makes connlint crash, hang or print something that is not its JSON report.
//!
//! - `mutated_fixtures_never_crash`: every fixture (testdata/, examples/) is mutated with a
//!   fixed-seed generator (byte flips, truncations, inserted brackets and quotes, duplicated and
//!   deleted ranges, nesting wrappers) and the mutants are checked in batches.
//! - `deep_nesting_*`: 100 000-deep brackets, calls, blocks (and 5 000-deep indentation in
//!   Python) in every language: no stack overflow, exit 0/1/2 with a JSON report, and a file
//!   that could not be analysed gets a notice naming it.
//!
//! A panic inside a frontend is caught by the binary and reported as an internal-error notice
//! with exit 2; a stack overflow kills the process with a signal. Both fail these tests, and the
//! failure names the input (mutants that fail are kept under `target/properties-failures/`).

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift64*): the same mutants on every run and machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Family {
    Js,
    Ts,
    Python,
    Rust,
}

impl Family {
    fn of(path: &Path) -> Option<Family> {
        match path.extension()?.to_str()? {
            "js" | "mjs" | "cjs" | "jsx" => Some(Family::Js),
            "ts" | "mts" | "cts" | "tsx" => Some(Family::Ts),
            "py" | "pyi" => Some(Family::Python),
            "rs" => Some(Family::Rust),
            _ => None,
        }
    }

    /// A comment line naming every client token of the language, so the prefilter lets every
    /// mutant through to the frontend.
    fn token_line(self) -> &'static str {
        match self {
            Family::Js | Family::Ts => "\n// MongoClient\n",
            Family::Python => "\n# MongoClient AsyncIOMotorClient\n",
            Family::Rust => "\n// mongodb::Client\n",
        }
    }

    /// Opening and closing halves of nesting shapes of the language.
    fn wrappers(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Family::Js | Family::Ts => &[
                ("[", "]"),
                ("f(", ")"),
                ("{", "}"),
                ("(() => {", "})"),
                ("if (x) {", "}"),
                ("`${", "}`"),
                ("async function g() {", "}"),
            ],
            Family::Python => &[
                ("(", ")"),
                ("[", "]"),
                ("f(", ")"),
                ("{", "}"),
                ("lambda: (", ")"),
            ],
            Family::Rust => &[
                ("{", "}"),
                ("(", ")"),
                ("[", "]"),
                ("f(", ")"),
                ("|| {", "}"),
                ("async move {", "}"),
                ("fn g() {", "}"),
            ],
        }
    }
}

/// Fragments inserted at random places: brackets, quotes, comment and string openers,
/// keywords that start nested scopes, and multi-byte and bidi characters.
const INSERTS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "'",
    "\"",
    "`",
    "\"\"\"",
    "'''",
    "/*",
    "*/",
    "//",
    "#",
    "\\",
    ":",
    ";",
    ",",
    "\n",
    "\r\n",
    "\t",
    "    ",
    "${",
    "=>",
    "->",
    "|",
    "<",
    ">",
    "r#\"",
    "\"#",
    "'a",
    "async ",
    "await ",
    "def ",
    "fn ",
    "function ",
    "class ",
    "lambda ",
    "with ",
    "try:",
    "finally:",
    "new ",
    "MongoClient(",
    "Client::with_uri_str(",
    "é",
    "𝄞",
    "\u{202e}",
    "\u{feff}",
    "\u{1b}[2J",
];

/// One mutant: the text and how it was made (shown on failure).
struct Mutant {
    text: String,
    how: String,
}

/// Valid UTF-8 without NUL bytes (NUL marks a binary file, skipped on purpose).
fn finish(bytes: &[u8], family: Family) -> String {
    let mut text = String::from_utf8_lossy(bytes).replace('\0', " ");
    text.push_str(family.token_line());
    text
}

fn mutants(seed_text: &[u8], family: Family, rng: &mut Rng) -> Vec<Mutant> {
    let len = seed_text.len();
    let mut out = Vec::new();
    // Truncations at evenly spaced and random offsets.
    for k in 1..=6 {
        let at = len * k / 7;
        out.push((seed_text[..at].to_vec(), format!("truncated at {at}")));
    }
    for _ in 0..4 {
        let at = rng.below(len + 1);
        out.push((seed_text[..at].to_vec(), format!("truncated at {at}")));
    }
    // Byte flips (the result is made valid UTF-8 again, which turns some into U+FFFD).
    for _ in 0..6 {
        let mut b = seed_text.to_vec();
        let n = 1 + rng.below(8);
        let mut how = String::from("flipped bytes at");
        for _ in 0..n {
            if b.is_empty() {
                break;
            }
            let at = rng.below(b.len());
            b[at] ^= 1 << rng.below(8);
            let _ = write!(how, " {at}");
        }
        out.push((b, how));
    }
    // Insertions of brackets, quotes and friends.
    for _ in 0..8 {
        let mut b = seed_text.to_vec();
        let n = 1 + rng.below(6);
        let mut how = String::from("inserted");
        for _ in 0..n {
            let at = rng.below(b.len() + 1);
            let frag = *rng.pick(INSERTS);
            b.splice(at..at, frag.bytes());
            let _ = write!(how, " {frag:?}@{at}");
        }
        out.push((b, how));
    }
    // Duplicated and deleted ranges.
    for _ in 0..3 {
        let mut b = seed_text.to_vec();
        let start = rng.below(len + 1);
        let end = (start + rng.below(len - start + 1)).min(len);
        let to = rng.below(len + 1);
        let chunk = seed_text[start..end].to_vec();
        b.splice(to..to, chunk);
        out.push((b, format!("duplicated {start}..{end} at {to}")));
    }
    for _ in 0..2 {
        let mut b = seed_text.to_vec();
        let start = rng.below(len + 1);
        let end = (start + rng.below((len - start).min(200) + 1)).min(len);
        b.drain(start..end);
        out.push((b, format!("deleted {start}..{end}")));
    }
    // Nesting wrappers around the whole file, around one line, and unbalanced halves.
    for _ in 0..3 {
        let (open, close) = *rng.pick(family.wrappers());
        let depth = 50 + rng.below(2_000);
        let mut b = open.repeat(depth).into_bytes();
        b.push(b'\n');
        b.extend_from_slice(seed_text);
        b.push(b'\n');
        b.extend(close.repeat(depth).bytes());
        out.push((b, format!("wrapped in {depth} x {open:?} {close:?}")));
    }
    {
        let (open, close) = *rng.pick(family.wrappers());
        let depth = 50 + rng.below(2_000);
        let at = rng.below(len + 1);
        let mut b = seed_text.to_vec();
        let mut nest = open.repeat(depth);
        nest.push_str(&close.repeat(depth));
        b.splice(at..at, nest.bytes());
        out.push((b, format!("{depth} x {open:?} {close:?} inserted at {at}")));
    }
    {
        let (open, _) = *rng.pick(family.wrappers());
        let depth = 50 + rng.below(2_000);
        let at = rng.below(len + 1);
        let mut b = seed_text.to_vec();
        b.splice(at..at, open.repeat(depth).bytes());
        out.push((b, format!("{depth} unclosed {open:?} at {at}")));
    }
    out.into_iter()
        .map(|(b, how)| Mutant {
            text: finish(&b, family),
            how,
        })
        .collect()
}

/// Every fixture the project has: testdata/, examples/ and the harness self-test.
fn seeds() -> Vec<(PathBuf, Family)> {
    let root = common::root();
    let mut out: Vec<(PathBuf, Family)> = ["testdata", "examples", "tests/harness-selftest"]
        .iter()
        .flat_map(|d| common::files_under(&root.join(d)))
        .filter_map(|p| Family::of(&p).map(|f| (p, f)))
        .collect();
    out.sort();
    out
}

/// Built-in seeds, so the test means something even before fixtures of a language exist.
const BUILTIN_SEEDS: &[(Family, &str)] = &[
    (
        Family::Js,
        "const { MongoClient } = require('mongodb');\nconst app = require('express')();\n\
         app.get('/u', async (req, res) => {\n  const c = new MongoClient(process.env.URI, { maxPoolSize: 500 });\n  \
         try { await c.connect(); res.json(await c.db('a').collection('u').find().toArray()); }\n  \
         finally { await c.close(); }\n});\nlet cached;\nasync function db() { cached ??= new MongoClient(u); return cached; }\n",
    ),
    (
        Family::Ts,
        "import { MongoClient } from 'mongodb';\nimport type { NextApiRequest } from 'next';\n\
         export default async function handler(req: NextApiRequest, res: any): Promise<void> {\n  \
         const client = new MongoClient(`${process.env.URI}`);\n  await using c = client;\n  \
         for (const x of [1, 2]) { new MongoClient(u as string); }\n}\n",
    ),
    (
        Family::Python,
        "from pymongo import MongoClient\nfrom flask import Flask\napp = Flask(__name__)\n\n\
         @app.route('/u')\ndef users():\n    client = MongoClient(maxPoolSize=0)\n    try:\n        \
         return list(client.db.users.find())\n    finally:\n        client.close()\n\n\
         async def job():\n    async with AsyncIOMotorClient() as c:\n        await c.db.x.insert_one({'a': 1})\n",
    ),
    (
        Family::Rust,
        "use axum::{routing::get, Router};\nuse mongodb::Client;\n\n\
         async fn users() -> String {\n    let client = Client::with_uri_str(\"mongodb://h/?maxPoolSize=1000\").await.unwrap();\n    \
         let _ = client.database(\"a\");\n    String::new()\n}\n\n#[tokio::main]\nasync fn main() {\n    \
         let app: Router = Router::new().route(\"/u\", get(users));\n    let c = Client::with_options(o);\n}\n",
    ),
];

fn ext(family: Family) -> &'static str {
    match family {
        Family::Js => "js",
        Family::Ts => "ts",
        Family::Python => "py",
        Family::Rust => "rs",
    }
}

/// The outcome of one run of the binary.
struct Run {
    code: Option<i32>,
    json: Result<serde_json::Value, String>,
    stderr: String,
    timed_out: bool,
    /// The signal that ended the process, if one did.
    signal: Option<i32>,
}

/// Runs `connlint check --format json ARGS` in `dir`, killing it after `limit`.
fn run(dir: &Path, args: &[&str], limit: Duration) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_connlint"))
        .args(["check", "--format", "json"])
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start connlint");
    // Read both pipes on their own threads so a large report cannot block the child.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut v);
        v
    });
    let err_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stderr, &mut v);
        v
    });
    let started = Instant::now();
    let mut timed_out = false;
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if started.elapsed() > limit {
            timed_out = true;
            let _ = child.kill();
            break child.wait().expect("wait");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = out_t.join().unwrap_or_default();
    let err = err_t.join().unwrap_or_default();
    #[cfg(unix)]
    let signal = std::os::unix::process::ExitStatusExt::signal(&status);
    #[cfg(not(unix))]
    let signal = None;
    Run {
        signal,
        code: status.code(),
        json: serde_json::from_slice(&out).map_err(|e| {
            format!(
                "{e}: {}",
                String::from_utf8_lossy(&out[..out.len().min(2000)])
            )
        }),
        stderr: String::from_utf8_lossy(&err).into_owned(),
        timed_out,
    }
}

fn signal_text(r: &Run) -> String {
    match r.signal {
        Some(s) => {
            format!("killed by signal {s} (a stack overflow aborts with SIGSEGV or SIGABRT)")
        }
        None => format!("exit {:?}", r.code),
    }
}

/// `(path, message)` of every notice.
fn notices(v: &serde_json::Value) -> Vec<(String, String)> {
    v["notices"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|n| {
                    (
                        n["path"].as_str().unwrap_or_default().to_string(),
                        n["message"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Why a run is not acceptable for mutants, if it is not: exit 0/1 with a JSON report, no
/// internal-error notice.
fn mutant_run_problem(r: &Run) -> Option<String> {
    if r.timed_out {
        return Some("timed out".into());
    }
    let Some(code) = r.code else {
        return Some(signal_text(r));
    };
    let json = match &r.json {
        Ok(j) => j,
        Err(e) => return Some(format!("exit {code}, output is not JSON: {e}")),
    };
    let internal: Vec<_> = notices(json)
        .into_iter()
        .filter(|(_, m)| m.contains("internal error"))
        .collect();
    if !internal.is_empty() {
        return Some(format!("exit {code}, internal errors: {internal:#?}"));
    }
    if !matches!(code, 0 | 1) {
        return Some(format!(
            "exit {code}, notices {:#?}\nstderr: {}",
            notices(json),
            r.stderr
        ));
    }
    None
}

/// Where failing inputs are kept for a look and a regression fixture.
fn failures_dir() -> PathBuf {
    common::root().join("target/properties-failures")
}

#[test]
fn mutated_fixtures_never_crash() {
    let started = Instant::now();
    let mut all: Vec<(String, Family, Vec<u8>)> = BUILTIN_SEEDS
        .iter()
        .enumerate()
        .map(|(i, (f, t))| (format!("builtin-{i}"), *f, t.as_bytes().to_vec()))
        .collect();
    let root = common::root();
    for (p, f) in seeds() {
        let Ok(bytes) = fs::read(&p) else { continue };
        // Big files add time, not cases.
        if bytes.len() > 64 * 1024 {
            continue;
        }
        let rel = p.strip_prefix(&root).unwrap_or(&p).display().to_string();
        all.push((rel, f, bytes));
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    // One batch per 400 mutants: each run of the binary checks a whole folder.
    let mut index: Vec<(PathBuf, String, String)> = Vec::new(); // (file, seed, how)
    let mut failures: Vec<String> = Vec::new();
    let mut batch_no = 0;
    let mut batch_dir = tmp.path().join("b0");
    fs::create_dir_all(&batch_dir).expect("mkdir");
    let mut total = 0;
    let flush = |dir: &Path,
                 index: &mut Vec<(PathBuf, String, String)>,
                 failures: &mut Vec<String>| {
        if index.is_empty() {
            return;
        }
        let r = run(dir, &["."], Duration::from_secs(300));
        if let Some(problem) = mutant_run_problem(&r) {
            // Find the culprits: notices name them; without a report, check file by file.
            let named: Vec<String> = r
                .json
                .as_ref()
                .map(|j| {
                    notices(j)
                        .into_iter()
                        .filter(|(_, m)| m.contains("internal error"))
                        .map(|(p, _)| p)
                        .collect()
                })
                .unwrap_or_default();
            let culprits: Vec<&(PathBuf, String, String)> = if named.is_empty() {
                index
                    .iter()
                    .filter(|(file, _, _)| {
                        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
                        mutant_run_problem(&run(dir, &[name], Duration::from_secs(60))).is_some()
                    })
                    .collect()
            } else {
                index
                    .iter()
                    .filter(|(file, _, _)| {
                        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
                        named.iter().any(|n| n == name)
                    })
                    .collect()
            };
            let keep = failures_dir();
            let _ = fs::create_dir_all(&keep);
            let mut msg = format!("batch {}: {problem}\n", dir.display());
            for (file, seed, how) in culprits {
                let kept = keep.join(file.file_name().unwrap_or_default());
                let _ = fs::copy(file, &kept);
                let _ = writeln!(msg, "  {} (from {seed}, {how})", kept.display());
            }
            failures.push(msg);
        }
        index.clear();
    };
    for (n, (seed, family, bytes)) in all.iter().enumerate() {
        let mut rng = Rng::new(n as u64 + 1);
        for (k, m) in mutants(bytes, *family, &mut rng).into_iter().enumerate() {
            let file = batch_dir.join(format!("s{n}m{k}.{}", ext(*family)));
            fs::write(&file, m.text.as_bytes()).expect("write mutant");
            index.push((file, seed.clone(), m.how));
            total += 1;
            if index.len() >= 400 {
                flush(&batch_dir, &mut index, &mut failures);
                batch_no += 1;
                batch_dir = tmp.path().join(format!("b{batch_no}"));
                fs::create_dir_all(&batch_dir).expect("mkdir");
            }
        }
    }
    flush(&batch_dir, &mut index, &mut failures);
    eprintln!(
        "{total} mutants of {} seeds checked in {:.1?}",
        all.len(),
        started.elapsed()
    );
    assert!(total > 100, "too few mutants ({total}) to mean anything");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Builds `open^depth  inner  close^depth`, with a newline every `per_line` repetitions so no
/// line looks minified.
fn nest(open: &str, inner: &str, close: &str, depth: usize, per_line: usize) -> String {
    let mut s = String::with_capacity((open.len() + close.len() + 1) * depth + inner.len() + 2);
    for i in 0..depth {
        s.push_str(open);
        if (i + 1) % per_line == 0 {
            s.push('\n');
        }
    }
    s.push_str(inner);
    for i in 0..depth {
        s.push_str(close);
        if (i + 1) % per_line == 0 {
            s.push('\n');
        }
    }
    s
}

/// A left-leaning chain: `head sep x sep x ...` (binary operators, member and call chains).
fn chain(head: &str, link: &str, len: usize, per_line: usize) -> String {
    let mut s = String::from(head);
    for i in 0..len {
        s.push_str(link);
        if (i + 1) % per_line == 0 {
            s.push('\n');
        }
    }
    s
}

const DEPTH: usize = 100_000;

/// Checks every `(name, text)` file, one run each; returns what went wrong.
fn check_deep(files: &[(String, String)]) {
    let tmp = tempfile::tempdir().expect("tempdir");
    // Some inputs are larger than the default size limit; they must be parsed, not skipped.
    fs::write(
        tmp.path().join("connlint.toml"),
        "[limits]\nmax-file-size = 67108864\n",
    )
    .expect("write config");
    let mut failures = Vec::new();
    for (name, text) in files {
        fs::write(tmp.path().join(name), text).expect("write");
        let started = Instant::now();
        let r = run(tmp.path(), &[name.as_str()], Duration::from_secs(120));
        eprintln!(
            "{name}: {} bytes, exit {:?} in {:.1?}",
            text.len(),
            r.code,
            started.elapsed()
        );
        let problem = if r.timed_out {
            Some("timed out after 120 s (a hang or a quadratic walk)".to_string())
        } else {
            match (r.code, &r.json) {
                (None, _) => Some(signal_text(&r)),
                (Some(c), _) if !matches!(c, 0..=2) => Some(format!("exit {c}")),
                (Some(c), Err(e)) => Some(format!("exit {c}, output is not JSON: {e}")),
                (Some(c), Ok(j)) => {
                    let n = notices(j);
                    let internal = n.iter().any(|(_, m)| m.contains("internal error"));
                    let named = n.iter().any(|(p, _)| p == name);
                    let skipped = n.iter().any(|(p, m)| p == name && m.starts_with("skipped"));
                    if internal {
                        Some(format!("exit {c}, internal error: {n:?}"))
                    } else if skipped {
                        Some(format!("skipped instead of analysed: {n:?}"))
                    } else if c == 2 && !named {
                        Some(format!("exit 2 without a notice naming the file: {n:?}"))
                    } else {
                        None
                    }
                }
            }
        };
        if let Some(p) = problem {
            failures.push(format!(
                "{name}: {p}\n  stderr: {}",
                r.stderr.chars().take(600).collect::<String>()
            ));
            let keep = failures_dir();
            let _ = fs::create_dir_all(&keep);
            let _ = fs::write(keep.join(name), text);
        }
        let _ = fs::remove_file(tmp.path().join(name));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn deep_nesting_javascript_and_typescript() {
    let handler_open =
        "const { MongoClient } = require('mongodb');\napp.get('/', (req, res) => {\n";
    let inner = "new MongoClient(uri)";
    let wrap = |body: String| format!("{handler_open}const x = {body};\n}});\n");
    let files = vec![
        ("arrays.js", wrap(nest("[", inner, "]", DEPTH, 1000))),
        ("calls.js", wrap(nest("f(", inner, ")", DEPTH, 1000))),
        ("parens.js", wrap(nest("(", inner, ")", DEPTH, 1000))),
        ("objects.js", wrap(nest("{a:", inner, "}", DEPTH, 1000))),
        (
            "blocks.js",
            format!(
                "{handler_open}{}\n}});\n",
                nest("{", &format!("{inner};"), "}", DEPTH, 1000)
            ),
        ),
        (
            "ifs.js",
            format!(
                "{handler_open}{}\n}});\n",
                nest("if (a) {", &format!("{inner};"), "}", DEPTH, 200)
            ),
        ),
        ("arrows.js", wrap(nest("() => ", inner, "", DEPTH, 1000))),
        (
            "functions.js",
            format!(
                "{handler_open}{}\n}});\n",
                nest(
                    "function g() {",
                    &format!("const c = {inner};"),
                    "}",
                    DEPTH,
                    200
                )
            ),
        ),
        ("templates.js", wrap(nest("`${", inner, "}`", DEPTH, 1000))),
        ("binary.js", wrap(chain(inner, " + a", DEPTH, 1000))),
        ("members.js", wrap(chain(inner, ".a()", DEPTH, 1000))),
        ("unclosed.js", wrap(nest("f(", inner, "", DEPTH, 1000))),
        (
            "generics.ts",
            format!(
                "import {{ MongoClient }} from 'mongodb';\nlet t: {} = new MongoClient(u);\n",
                nest("Array<", "number", ">", DEPTH, 1000)
            ),
        ),
        (
            "types.ts",
            format!(
                "import {{ MongoClient }} from 'mongodb';\nlet t: {} = new MongoClient(u);\n",
                nest("{ a: ", "number", " }", DEPTH, 1000)
            ),
        ),
        (
            "jsx.tsx",
            format!(
                "import {{ MongoClient }} from 'mongodb';\nexport default function P() {{ return {}; }}\n",
                nest("<div>", "{new MongoClient(u)}", "</div>", DEPTH, 500)
            ),
        ),
    ];
    check_deep(
        &files
            .into_iter()
            .map(|(n, t)| (n.to_string(), t))
            .collect::<Vec<_>>(),
    );
}

#[test]
fn deep_nesting_python() {
    let head = "from pymongo import MongoClient\nfrom flask import Flask\napp = Flask(__name__)\n\n@app.route('/')\ndef users():\n";
    let inner = "MongoClient()";
    let wrap = |body: String| format!("{head}    x = {body}\n    return x\n");
    // 5 000 levels of indentation: one space per level keeps the file near 12 MB.
    let mut ifs = String::from(head);
    let levels = 5_000;
    for i in 1..=levels {
        ifs.push_str(&" ".repeat(i));
        ifs.push_str("if a:\n");
    }
    ifs.push_str(&" ".repeat(levels + 1));
    ifs.push_str("c = MongoClient()\n");
    let mut defs = String::from(head);
    for i in 1..=levels {
        defs.push_str(&" ".repeat(i));
        defs.push_str("def g():\n");
    }
    defs.push_str(&" ".repeat(levels + 1));
    defs.push_str("c = MongoClient()\n");
    let files = vec![
        ("parens.py", wrap(nest("(", inner, ")", DEPTH, 1000))),
        ("lists.py", wrap(nest("[", inner, "]", DEPTH, 1000))),
        ("dicts.py", wrap(nest("{1: ", inner, "}", DEPTH, 1000))),
        ("calls.py", wrap(nest("f(", inner, ")", DEPTH, 1000))),
        (
            "lambdas.py",
            wrap(nest("(lambda: ", inner, ")", DEPTH, 1000)),
        ),
        (
            "binary.py",
            wrap(format!("({})", chain(inner, " + a", DEPTH, 1000))),
        ),
        (
            "members.py",
            wrap(format!("({})", chain(inner, ".a()", DEPTH, 1000))),
        ),
        ("unclosed.py", wrap(nest("f(", inner, "", DEPTH, 1000))),
        ("unary.py", wrap(nest("not ", inner, "", DEPTH, 1000))),
        ("ifs.py", ifs),
        ("defs.py", defs),
    ];
    check_deep(
        &files
            .into_iter()
            .map(|(n, t)| (n.to_string(), t))
            .collect::<Vec<_>>(),
    );
}

#[test]
fn deep_nesting_rust() {
    let head = "use mongodb::Client;\n#[get(\"/\")]\nasync fn users() {\n";
    let inner = "Client::with_uri_str(u).await";
    let wrap = |body: String| format!("{head}    let x = {body};\n}}\n");
    let files = vec![
        ("blocks.rs", wrap(nest("{", inner, "}", DEPTH, 1000))),
        ("parens.rs", wrap(nest("(", inner, ")", DEPTH, 1000))),
        ("arrays.rs", wrap(nest("[", inner, "]", DEPTH, 1000))),
        ("calls.rs", wrap(nest("f(", inner, ")", DEPTH, 1000))),
        ("closures.rs", wrap(nest("|| ", inner, "", DEPTH, 1000))),
        (
            "async_blocks.rs",
            wrap(nest("async move {", inner, "}", DEPTH, 500)),
        ),
        (
            "ifs.rs",
            wrap(nest("if a {", inner, "} else { 0 }", DEPTH, 200)),
        ),
        (
            "fns.rs",
            format!(
                "{head}{}\n}}\n",
                nest("fn g() {", &format!("let c = {inner};"), "}", DEPTH, 200)
            ),
        ),
        ("binary.rs", wrap(chain(inner, " + a", DEPTH, 1000))),
        ("members.rs", wrap(chain(inner, ".a()", DEPTH, 1000))),
        ("unary.rs", wrap(nest("!", inner, "", DEPTH, 1000))),
        ("refs.rs", wrap(nest("&", inner, "", DEPTH, 1000))),
        ("unclosed.rs", wrap(nest("f(", inner, "", DEPTH, 1000))),
        (
            "types.rs",
            format!(
                "use mongodb::Client;\nstatic T: {} = Client::with_options(o);\n",
                nest("Vec<", "u8", ">", DEPTH, 1000)
            ),
        ),
        (
            "modules.rs",
            format!(
                "use mongodb::Client;\n{}\n",
                nest(
                    "mod m {",
                    "fn f() { let c = Client::with_options(o); }",
                    "}",
                    DEPTH,
                    200
                )
            ),
        ),
    ];
    check_deep(
        &files
            .into_iter()
            .map(|(n, t)| (n.to_string(), t))
            .collect::<Vec<_>>(),
    );
}
