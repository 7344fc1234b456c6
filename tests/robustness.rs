//! Hostile and odd input: every case gets a clear per-file diagnostic (or is skipped quietly
//! when that is the contract), the run goes on, and the exit code stays right.

mod common;

use std::fs;
use std::path::Path;

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    fs::write(p, bytes).expect("write");
}

fn json(dir: &Path, args: &[&str]) -> (Option<i32>, serde_json::Value, String) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = common::connlint(dir, &all);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "bad JSON ({e}): {}\n{stderr}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (out.status.code(), value, stderr)
}

fn notices(v: &serde_json::Value) -> Vec<(String, String)> {
    v["notices"]
        .as_array()
        .expect("notices")
        .iter()
        .map(|n| {
            (
                n["path"].as_str().unwrap_or_default().to_string(),
                n["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn binary_files_are_skipped_quietly() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "blob.js", b"MongoClient\0\x01\x02binary");
    let (code, v, _) = json(tmp.path(), &[]);
    assert_eq!(code, Some(0));
    assert!(notices(&v).is_empty(), "{v}");
}

#[test]
fn invalid_utf8_is_reported_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(
        tmp.path(),
        "bad.js",
        b"const { MongoClient } = require('mongodb'); \xff\xfe\n",
    );
    write(tmp.path(), "ok.js", b"const a = 1;\n");
    let (code, v, _) = json(tmp.path(), &[]);
    assert_eq!(
        code,
        Some(2),
        "a file that could not be checked fails the run"
    );
    let n = notices(&v);
    assert_eq!(n.len(), 1, "{n:?}");
    assert_eq!(n[0].0, "bad.js");
    assert!(n[0].1.contains("not valid UTF-8"), "{n:?}");
}

#[test]
fn minified_and_huge_files_are_skipped_with_a_note() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut line = b"var MongoClient=1;".to_vec();
    line.resize(300 * 1024, b'a');
    write(tmp.path(), "bundle.min.js", &line);
    write(
        tmp.path(),
        "connlint.toml",
        b"[limits]\nmax-line-length = 100000\nmax-file-size = 1000000\n",
    );
    let mut big = b"// MongoClient\n".to_vec();
    big.resize(1_100_000, b'\n');
    write(tmp.path(), "big.js", &big);
    let (code, v, _) = json(tmp.path(), &[]);
    assert_eq!(code, Some(0));
    let n = notices(&v);
    assert!(
        n.iter()
            .any(|(p, m)| p == "bundle.min.js" && m.contains("minified")),
        "{n:?}"
    );
    assert!(
        n.iter()
            .any(|(p, m)| p == "big.js" && m.contains("larger than")),
        "{n:?}"
    );
}

/// A 20 MB generated source file, with the default limits: skipped with a note that says how to
/// check it anyway, the other files are still checked, and the file is not even read whole.
#[test]
fn a_20_mb_source_file_is_skipped_by_default_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let block = b"app.get('/r', async (req, res) => {\n  const c = new MongoClient(process.env.URI);\n  res.json(await c.db('a').collection('x').findOne({}));\n});\n";
    let mut big =
        b"const { MongoClient } = require('mongodb');\nconst app = require('express')();\n"
            .to_vec();
    while big.len() < 20 * 1024 * 1024 {
        big.extend_from_slice(block);
    }
    write(tmp.path(), "generated.js", &big);
    write(
        tmp.path(),
        "route.js",
        b"const { MongoClient } = require('mongodb');\nconst app = require('express')();\napp.get('/u', async (req, res) => {\n  const c = new MongoClient(process.env.URI);\n  res.json(await c.db('a').collection('u').findOne({}));\n});\n",
    );
    let (code, v, _) = json(tmp.path(), &[]);
    assert_eq!(code, Some(1), "route.js still has its finding: {v}");
    let n = notices(&v);
    assert!(
        n.iter().any(|(p, m)| p == "generated.js"
            && m.contains("larger than 4194304 bytes")
            && m.contains("max-file-size")),
        "{n:?}"
    );
    let findings = v["findings"].as_array().expect("findings");
    assert!(
        findings
            .iter()
            .all(|f| f["path"].as_str() == Some("route.js")),
        "{v}"
    );
    assert!(!findings.is_empty());
}

#[test]
fn an_empty_file_is_fine() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "empty.py", b"");
    let (code, v, _) = json(tmp.path(), &["empty.py"]);
    assert_eq!(code, Some(0));
    assert!(notices(&v).is_empty());
}

#[cfg(unix)]
#[test]
fn symlinks_loops_fifos_and_dangling_links() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().expect("tempdir");
    let outside = tempfile::tempdir().expect("tempdir");
    write(
        outside.path(),
        "secret.js",
        b"const { MongoClient } = require('mongodb');\napp.get('/', (req, res) => { new MongoClient(u); });\n",
    );
    write(tmp.path(), "src/a.js", b"const a = 1;\n");
    symlink(tmp.path().join("src"), tmp.path().join("src/loop")).expect("symlink");
    symlink(outside.path(), tmp.path().join("outside")).expect("symlink");
    symlink(
        tmp.path().join("nowhere.js"),
        tmp.path().join("dangling.js"),
    )
    .expect("symlink");
    // The walk never follows links: no findings from outside the tree, no loop.
    let (code, v, _) = json(tmp.path(), &[]);
    assert_eq!(code, Some(0), "{v}");
    assert!(v["findings"].as_array().expect("findings").is_empty());

    // A dangling symlink named on the command line: a per-file diagnostic, exit 2.
    let (code, v, _) = json(tmp.path(), &["dangling.js", "src"]);
    assert_eq!(code, Some(2));
    let n = notices(&v);
    assert!(
        n.iter()
            .any(|(p, m)| p == "dangling.js" && m.contains("cannot read")),
        "{n:?}"
    );

    // A FIFO named on the command line is not read (reading would block forever).
    let fifo = tmp.path().join("pipe.js");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let (code, v, _) = json(tmp.path(), &["pipe.js"]);
        assert_eq!(code, Some(2));
        let n = notices(&v);
        assert!(
            n.iter()
                .any(|(p, m)| p == "pipe.js" && m.contains("not a regular file")),
            "{n:?}"
        );
    }
}

#[test]
fn output_is_written_atomically_and_a_failed_run_keeps_the_old_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "a.js", b"const a = 1;\n");
    let report = tmp.path().join("report.json");
    let out = common::connlint(
        tmp.path(),
        &["check", "--format", "json", "-o", "report.json"],
    );
    assert_eq!(out.status.code(), Some(0));
    let first = fs::read_to_string(&report).expect("report");
    assert!(first.contains("\"findings\""));
    // A usage error after the first run: the report stays as it was.
    let out = common::connlint(
        tmp.path(),
        &[
            "check",
            "missing-dir",
            "--format",
            "json",
            "-o",
            "report.json",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&report).expect("report"), first);
    // No temporary files left behind.
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn ignored_folders_and_no_ignore() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let bad = b"import { MongoClient } from 'mongodb';\nexport default async function handler(req, res) {\n  const c = new MongoClient(process.env.URI);\n  res.json(await c.db().collection('x').find().toArray());\n}\n";
    write(tmp.path(), "node_modules/lib/index.js", bad);
    write(tmp.path(), ".hidden/x.js", bad);
    write(tmp.path(), "gen/x.js", bad);
    write(tmp.path(), ".ignore", b"gen/\n");
    let (_, v, _) = json(tmp.path(), &[]);
    assert!(
        v["findings"].as_array().expect("findings").is_empty(),
        "{v}"
    );
    // A file named explicitly is always checked, ignored or not.
    let (_, v, _) = json(tmp.path(), &["gen/x.js"]);
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert!(paths.iter().all(|p| *p == "gen/x.js"), "{paths:?}");
}

/// A panic while analysing one file becomes an internal-error notice naming it; the other
/// files' findings are still written and the exit code is 2. (The panic is injected through a
/// debug-build-only switch.)
#[test]
fn a_panic_in_one_file_does_not_kill_the_run() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let bad = b"const { MongoClient } = require('mongodb');\nconst app = require('express')();\napp.get('/', async (req, res) => {\n  const c = new MongoClient(process.env.URI);\n  try { res.json(await c.db().collection('x').find().toArray()); } finally { await c.close(); }\n});\n";
    write(tmp.path(), "boom.js", bad);
    write(tmp.path(), "fine.js", bad);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_connlint"))
        .args(["check", "--format", "json"])
        .current_dir(tmp.path())
        .env("CONNLINT_DEBUG_PANIC_ON", "boom.js")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let n = notices(&v);
    assert!(
        n.iter()
            .any(|(p, m)| p == "boom.js" && m.contains("internal error")),
        "{n:?}"
    );
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert_eq!(paths, vec!["fine.js"]);
}

/// A UTF-8 byte-order mark is not part of the code: columns start after it.
#[test]
fn a_bom_does_not_shift_columns() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(
        tmp.path(),
        "bom.js",
        b"\xef\xbb\xbfapp.get('/', (req, res) => { new MongoClient(u); });\nconst { MongoClient } = require('mongodb');\n",
    );
    let (_, v, _) = json(tmp.path(), &["--select", "client-per-request"]);
    let f = &v["findings"][0];
    assert_eq!(f["start"]["line"], 1);
    assert_eq!(f["start"]["column"], 30);
}

/// `-o /dev/null` writes to the device instead of renaming a temporary file over it.
#[cfg(unix)]
#[test]
fn output_to_a_device_is_written_not_replaced() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "a.js", b"const a = 1;\n");
    let out = common::connlint(
        tmp.path(),
        &["check", "--format", "json", "-o", "/dev/null"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta = fs::metadata("/dev/null").expect("/dev/null");
    assert!(!meta.is_file(), "/dev/null must still be a device");
}

/// The worker threads parse Rust files themselves, on the stack syn needs for the deepest
/// syntax the guard lets through: such files are analysed, deeper ones refused with a note,
/// and a client in the same run is still found.
#[test]
fn deep_rust_syntax_is_parsed_on_the_worker_threads() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // Just under the guard's limits (256 nested groups, runs of 20 000 tokens), in shapes
    // syn recurses on; each file mentions a client, or it would not be parsed.
    let d = 250;
    let m = 19_000;
    write(
        tmp.path(),
        "groups.rs",
        format!(
            "use mongodb::Client;\nfn a() {{ let x = {}1{}; }}\n",
            "(".repeat(d),
            ")".repeat(d)
        )
        .as_bytes(),
    );
    write(
        tmp.path(),
        "unary.rs",
        format!(
            "use mongodb::Client;\nfn a() {{ let x = {}1; }}\n",
            "!".repeat(m)
        )
        .as_bytes(),
    );
    write(
        tmp.path(),
        "closures.rs",
        format!(
            "use mongodb::Client;\nfn a() {{ let x = {}1; }}\n",
            "|| ".repeat(m / 2)
        )
        .as_bytes(),
    );
    write(
        tmp.path(),
        "too_deep.rs",
        format!(
            "use mongodb::Client;\nfn a() {{ let x = {}1{}; }}\n",
            "[".repeat(5000),
            "]".repeat(5000)
        )
        .as_bytes(),
    );
    write(
        tmp.path(),
        "handler.rs",
        b"use axum::{routing::get, Router};\nasync fn h() -> String {\n    let c = mongodb::Client::with_uri_str(\"mongodb://x\").await.unwrap();\n    c.list_database_names().await.unwrap().join(\",\")\n}\npub fn app() -> Router { Router::new().route(\"/\", get(h)) }\n",
    );
    let (code, v, stderr) = json(tmp.path(), &[]);
    assert_eq!(code, Some(1), "{stderr}");
    let n = notices(&v);
    assert!(
        n.iter()
            .any(|(p, m)| p == "too_deep.rs" && m.contains("nested deeper than 256")),
        "{n:?}"
    );
    for ok in ["groups.rs", "unary.rs", "closures.rs"] {
        assert!(!n.iter().any(|(p, _)| p == ok), "{ok}: {n:?}");
    }
    let rules: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| Some((f["path"].as_str()?, f["rule"].as_str()?)))
        .collect();
    assert!(
        rules.contains(&("handler.rs", "client-per-request")),
        "{rules:?}"
    );
}
