//! End-to-end tests of what CI pipelines, review bots and pre-commit use: every output format
//! of the real binary, SARIF against the OASIS schema, fingerprints across edits, both diff
//! modes, baselines, `--stdin-filename`, and the pre-commit hook through the real `pre-commit`.

mod common;

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BAD_JS: &str = "\
const { MongoClient } = require('mongodb');
const express = require('express');
const app = express();

app.get('/users', async (req, res) => {
  const client = new MongoClient(process.env.MONGO_URL);
  try {
    res.json(await client.db().collection('users').find().toArray());
  } finally {
    await client.close();
  }
});
";

const GOOD_JS: &str = "\
const { MongoClient } = require('mongodb');
const express = require('express');
const client = new MongoClient(process.env.MONGO_URL);
const app = express();

app.get('/users', async (req, res) => {
  res.json(await client.db().collection('users').find().toArray());
});
";

const BAD_PY: &str = "\
from flask import Flask
from pymongo import MongoClient

app = Flask(__name__)

@app.route('/items')
def items():
    with MongoClient('mongodb://db') as client:
        return list(client.db.items.find())
";

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    fs::write(p, text).expect("write");
}

fn fixture() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "src/app.js", BAD_JS);
    write(tmp.path(), "src/good.js", GOOD_JS);
    write(tmp.path(), "api/views.py", BAD_PY);
    tmp
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `connlint check --format FORMAT ARGS...` in `dir`; asserts the exit code.
fn run(dir: &Path, format: &str, args: &[&str], code: i32) -> String {
    let mut all = vec!["check", "--format", format];
    all.extend_from_slice(args);
    let out = common::connlint(dir, &all);
    assert_eq!(
        out.status.code(),
        Some(code),
        "connlint {all:?}\nstdout:\n{}\nstderr:\n{}",
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}

fn json(dir: &Path, args: &[&str], code: i32) -> Value {
    let text = run(dir, "json", args, code);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("bad JSON ({e}):\n{text}"))
}

/// (path, line, rule, fingerprint) of every finding.
fn findings(v: &Value) -> Vec<(String, u64, String, String)> {
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or_default().to_string(),
                f["start"]["line"].as_u64().unwrap_or_default(),
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["fingerprint"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The output with what depends on the machine replaced: the fixture's folder and the version.
fn redact(text: &str, dir: &Path) -> String {
    let mut text = text.to_string();
    for d in [dir.to_path_buf(), dir.canonicalize().expect("canonical")] {
        let s = d.to_string_lossy().into_owned();
        text = text.replace(&format!("file://{s}"), "file://[ROOT]");
        text = text.replace(&s, "[ROOT]");
    }
    text.replace(
        &format!("\"{}\"", env!("CARGO_PKG_VERSION")),
        "\"[VERSION]\"",
    )
}

// ---------------------------------------------------------------------------------------------
// Formats

#[test]
fn every_format_end_to_end() {
    let tmp = fixture();
    let expected = findings(&json(tmp.path(), &[], 1));
    let marks: Vec<(&str, u64, &str)> = expected
        .iter()
        .map(|(p, l, r, _)| (p.as_str(), *l, r.as_str()))
        .collect();
    assert_eq!(
        marks,
        [
            ("api/views.py", 8, "client-per-request"),
            ("src/app.js", 6, "client-per-request"),
        ]
    );
    for format in ["github", "rdjson", "gitlab", "junit"] {
        let text = redact(&run(tmp.path(), format, &[], 1), tmp.path());
        insta::assert_snapshot!(format!("ci_{format}"), text);
    }
}

#[test]
fn sarif_end_to_end_is_valid_and_stable() {
    let tmp = fixture();
    let text = run(tmp.path(), "sarif", &[], 1);
    let sarif: Value = serde_json::from_str(&text).expect("SARIF is JSON");
    let errors = sarif_schema_errors(&sarif);
    assert!(
        errors.is_empty(),
        "SARIF schema errors:\n{}",
        errors.join("\n")
    );
    let run0 = &sarif["runs"][0];
    let root = format!(
        "file://{}/",
        tmp.path().canonicalize().expect("canonical").display()
    );
    let base = run0["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .expect("%SRCROOT%");
    assert!(
        base == root || base == format!("file://{}/", tmp.path().display()),
        "{base} vs {root}"
    );
    let results = run0["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    for r in results {
        let loc = &r["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(loc["uriBaseId"], "%SRCROOT%", "{r}");
        assert!(r["partialFingerprints"]["connlint/v1"].is_string(), "{r}");
    }
    // The rule metadata is large and tested in connlint-report; the snapshot keeps the rest.
    let mut trimmed = sarif.clone();
    if let Some(driver) = trimmed["runs"][0]["tool"]["driver"].as_object_mut() {
        let n = driver
            .get("rules")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        driver.insert("rules".into(), Value::String(format!("[{n} rules]")));
    }
    let pretty = serde_json::to_string_pretty(&trimmed).expect("json");
    insta::assert_snapshot!("ci_sarif", redact(&pretty, tmp.path()));
}

fn sarif_schema_errors(sarif: &Value) -> Vec<String> {
    let path = common::root().join("crates/connlint-report/tests/data/sarif-2.1.0.json");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("schema does not compile: {e}"));
    validator
        .iter_errors(sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn github_annotations_escape_awkward_file_names() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let name = "odd, name: 100%\nx.js";
    if fs::write(tmp.path().join(name), BAD_JS).is_err() {
        eprintln!("skipped: this file system does not allow a newline in a file name");
        return;
    }
    let text = run(tmp.path(), "github", &[], 1);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "one annotation, one line:\n{text}");
    let line = lines[0];
    assert!(line.starts_with("::error file="), "{line}");
    assert!(
        line.contains("file=odd%2C name%3A 100%25%0Ax.js,line=6,"),
        "properties escape `,` `:` `%` and newlines:\n{line}"
    );
}

#[test]
fn stdin_filename_end_to_end() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_connlint"))
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "src/from-editor.js",
        ])
        .current_dir(tmp.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write as _;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(BAD_JS.as_bytes()).expect("write stdin");
    }
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let f = findings(&v);
    assert_eq!(f.len(), 1, "{v}");
    assert_eq!((f[0].0.as_str(), f[0].1), ("src/from-editor.js", 6));
    assert!(
        !tmp.path().join("src/from-editor.js").exists(),
        "nothing is written"
    );
}

// ---------------------------------------------------------------------------------------------
// Fingerprints

#[test]
fn fingerprints_survive_lines_added_above() {
    let tmp = fixture();
    let before = findings(&json(tmp.path(), &[], 1));
    let sarif_before: Value =
        serde_json::from_str(&run(tmp.path(), "sarif", &[], 1)).expect("sarif");
    let shifted = format!("// a new header comment\n\n/* and a block */\n{BAD_JS}");
    write(tmp.path(), "src/app.js", &shifted);
    let after = findings(&json(tmp.path(), &[], 1));
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b.3, a.3, "fingerprint changed: {b:?} -> {a:?}");
    }
    let moved = after.iter().find(|f| f.0 == "src/app.js").expect("app.js");
    assert_eq!(moved.1, 9, "the finding moved down three lines");
    // SARIF carries the same values.
    let prints: Vec<&str> = sarif_before["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["partialFingerprints"]["connlint/v1"].as_str())
        .collect();
    let json_prints: Vec<&str> = before.iter().map(|f| f.3.as_str()).collect();
    assert_eq!(prints, json_prints);
    // Editing the flagged line changes it.
    write(
        tmp.path(),
        "src/app.js",
        &shifted.replace("const client = new", "const c2 = new"),
    );
    let edited = findings(&json(tmp.path(), &[], 1));
    let e = edited.iter().find(|f| f.0 == "src/app.js").expect("app.js");
    assert_ne!(e.3, moved.3);
}

// ---------------------------------------------------------------------------------------------
// Pull-request mode

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

fn have_git() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn diff_base_reports_only_changed_lines() {
    if !have_git() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    write(dir, "src/app.js", BAD_JS);
    write(dir, "src/good.js", GOOD_JS);
    write(dir, "api/views.py", "from flask import Flask\n");
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "base"]);
    git(dir, &["checkout", "-q", "-b", "feature"]);
    // A second handler with the same mistake, committed on the branch; the old one stays.
    let changed = format!(
        "{BAD_JS}\napp.get('/orders', async (req, res) => {{\n  const orders = new MongoClient(process.env.MONGO_URL);\n  res.json(await orders.db().collection('orders').find().toArray());\n}});\n"
    );
    write(dir, "src/app.js", &changed);
    git(dir, &["commit", "-q", "-am", "orders"]);
    // And an uncommitted change to another tracked file.
    write(dir, "api/views.py", BAD_PY);

    let all = findings(&json(dir, &[], 1));
    assert!(all.len() >= 3, "{all:?}");
    for base in ["main", "HEAD~1"] {
        let v = json(dir, &["--diff-base", base], 1);
        let lines: Vec<(String, u64)> = findings(&v)
            .into_iter()
            .filter(|f| f.2 == "client-per-request")
            .map(|f| (f.0, f.1))
            .collect();
        assert_eq!(
            lines,
            [
                ("api/views.py".to_string(), 8),
                ("src/app.js".to_string(), 15)
            ],
            "--diff-base {base}: {v}"
        );
    }
    // Nothing changed since HEAD: nothing to report.
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "views"]);
    let v = json(dir, &["--diff-base", "HEAD"], 0);
    assert!(findings(&v).is_empty(), "{v}");
    // A bad revision is a usage error.
    let out = common::connlint(dir, &["check", "--diff-base", "no-such-branch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--diff-base"), "{}", stderr(&out));
}

#[test]
fn diff_file_reports_only_added_lines() {
    let tmp = fixture();
    let diff = "\
diff --git a/src/app.js b/src/app.js
index 0000000..1111111 100644
--- a/src/app.js
+++ b/src/app.js
@@ -5,2 +5,2 @@ const app = express();
 app.get('/users', async (req, res) => {
-  const client = new MongoClient(process.env.OLD_URL);
+  const client = new MongoClient(process.env.MONGO_URL);
";
    write(tmp.path(), "pr.diff", diff);
    let v = json(tmp.path(), &["--diff-file", "pr.diff"], 1);
    let f = findings(&v);
    assert_eq!(f.len(), 1, "{v}");
    assert_eq!((f[0].0.as_str(), f[0].1), ("src/app.js", 6));

    // A diff that touches other lines only: nothing to report, exit 0.
    let other = diff.replace("@@ -5,2 +5,2 @@", "@@ -1,2 +1,2 @@");
    write(tmp.path(), "other.diff", &other);
    let v = json(tmp.path(), &["--diff-file", "other.diff"], 0);
    assert!(findings(&v).is_empty(), "{v}");

    let out = common::connlint(tmp.path(), &["check", "--diff-file", "missing.diff"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.diff"), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------------
// Baselines

#[test]
fn baseline_write_hide_and_stale() {
    let tmp = fixture();
    let dir = tmp.path();
    let all = findings(&json(dir, &[], 1));
    assert_eq!(all.len(), 2);

    // Writing records every finding and reports none of them.
    let out = common::connlint(dir, &["check", "--write-baseline", "baseline.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("wrote 2 entries to baseline.json"));
    let v = json(dir, &["--write-baseline", "baseline.json"], 0);
    assert!(findings(&v).is_empty(), "{v}");
    assert_eq!(v["summary"]["baseline"]["hidden"], 2, "{v}");
    let file: Value =
        serde_json::from_str(&fs::read_to_string(dir.join("baseline.json")).expect("read"))
            .expect("baseline is JSON");
    assert_eq!(file["version"], 1);
    let entries = file["entries"].as_array().expect("entries");
    let recorded: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap_or_default(),
                e["rule"].as_str().unwrap_or_default(),
                e["fingerprint"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    let expected: Vec<(&str, &str, &str)> = all
        .iter()
        .map(|f| (f.0.as_str(), f.2.as_str(), f.3.as_str()))
        .collect();
    assert_eq!(recorded, expected, "same fingerprints as the JSON report");
    assert!(entries.iter().all(|e| e["message"].is_string()));

    // With the baseline, the known findings are hidden.
    let out = common::connlint(dir, &["check", "--baseline", "baseline.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("connlint: baseline baseline.json hid 2 findings"),
        "{}",
        stderr(&out)
    );
    let v = json(dir, &["--baseline", "baseline.json"], 0);
    assert_eq!(v["summary"]["baseline"]["hidden"], 2, "{v}");
    assert_eq!(v["summary"]["baseline"]["stale"], 0, "{v}");
    assert!(
        json(dir, &[], 1)["summary"].get("baseline").is_none(),
        "no baseline, no field"
    );

    // New code above an old finding: the old one stays hidden, the new one is reported.
    let grown = BAD_JS.replace(
        "app.get('/users'",
        "app.post('/audit', async (req, res) => {\n  const audit = new MongoClient(process.env.AUDIT_URL);\n  try { res.json(await audit.db().collection('a').insertOne(req.body)); } finally { await audit.close(); }\n});\n\napp.get('/users'",
    );
    write(dir, "src/app.js", &grown);
    let v = json(dir, &["--baseline", "baseline.json"], 1);
    let f = findings(&v);
    assert_eq!(f.len(), 1, "{v}");
    assert_eq!((f[0].0.as_str(), f[0].1), ("src/app.js", 6));
    assert_eq!(v["summary"]["baseline"]["hidden"], 2, "{v}");

    // Fixing the Python view makes its entry stale.
    write(
        dir,
        "api/views.py",
        "from flask import Flask\napp = Flask(__name__)\n",
    );
    let v = json(dir, &["--baseline", "baseline.json"], 1);
    assert_eq!(v["summary"]["baseline"]["hidden"], 1, "{v}");
    assert_eq!(v["summary"]["baseline"]["stale"], 1, "{v}");
    let out = common::connlint(dir, &["check", "--baseline", "baseline.json"]);
    assert!(
        stderr(&out).contains("hid 1 finding; 1 entry is stale"),
        "{}",
        stderr(&out)
    );
    // Entries of files this run did not check are not stale.
    let v = json(dir, &["--baseline", "baseline.json", "src/good.js"], 0);
    assert_eq!(v["summary"]["baseline"]["stale"], 0, "{v}");
}

#[test]
fn a_missing_or_malformed_baseline_is_an_error_naming_the_file() {
    let tmp = fixture();
    let dir = tmp.path();
    let out = common::connlint(dir, &["check", "--baseline", "nope.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope.json"), "{}", stderr(&out));

    for (name, text) in [
        ("truncated.json", "{\"version\": 1, \"entries\": ["),
        ("wrong.json", "{\"findings\": []}"),
        ("future.json", "{\"version\": 2, \"entries\": []}"),
    ] {
        write(dir, name, text);
        let out = common::connlint(dir, &["check", "--baseline", name]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(stderr(&out).contains(name), "{name}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{name}: no report on a usage error");
    }
}

// ---------------------------------------------------------------------------------------------
// pre-commit

/// A copy of this repository's tracked files as a fresh git repository with one commit, the
/// way `pre-commit try-repo` wants a hook repository.
fn hook_repo(into: &Path) -> Option<PathBuf> {
    let root = common::root();
    let listed = Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .current_dir(&root)
        .output()
        .ok()?;
    if !listed.status.success() {
        return None;
    }
    let repo = into.join("hook-repo");
    for rel in listed.stdout.split(|b| *b == 0).filter(|s| !s.is_empty()) {
        let rel = String::from_utf8_lossy(rel).into_owned();
        let from = root.join(&rel);
        if !from.is_file() {
            continue;
        }
        let to = repo.join(&rel);
        fs::create_dir_all(to.parent()?).ok()?;
        fs::copy(&from, &to).ok()?;
    }
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "hook"]);
    Some(repo)
}

/// Installs the real pre-commit from PyPI into a virtual environment; `None` (with the reason)
/// when Python, venv, pip or the network is missing.
fn install_pre_commit(into: &Path) -> Result<PathBuf, String> {
    let venv = into.join("venv");
    let python = ["python3", "python"]
        .into_iter()
        .find(|p| {
            Command::new(p)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .ok_or("python3 is not installed")?;
    let out = Command::new(python)
        .args(["-m", "venv"])
        .arg(&venv)
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("python -m venv failed: {}", stderr(&out)));
    }
    let bin = venv.join(if cfg!(windows) { "Scripts" } else { "bin" });
    let out = Command::new(bin.join("python"))
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .args(["--timeout", "30", "pre-commit"])
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "pip install pre-commit failed (no network?): {}",
            stderr(&out)
        ));
    }
    Ok(bin.join("pre-commit"))
}

#[test]
fn pre_commit_hook_end_to_end() {
    if !have_git() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let pre_commit = match install_pre_commit(tmp.path()) {
        Ok(p) => p,
        Err(reason) => {
            eprintln!("skipped: {reason}");
            return;
        }
    };
    let repo = hook_repo(tmp.path()).expect("copy of the repository");
    let project = tmp.path().join("project");
    write(&project, "src/bad.js", BAD_JS);
    write(&project, "src/good.js", GOOD_JS);
    write(&project, "README.txt", "not checked\n");
    git(&project, &["init", "-q"]);
    git(&project, &["add", "."]);

    let try_repo = |files: &[&str]| -> Output {
        let mut cmd = Command::new(&pre_commit);
        cmd.arg("try-repo").arg(&repo).arg("connlint");
        if files.is_empty() {
            cmd.arg("--all-files");
        } else {
            cmd.arg("--files").args(files);
        }
        cmd.current_dir(&project)
            // Reuse the binary cargo built for the tests; real users' hooks build from source.
            .env("CONNLINT_BIN", env!("CARGO_BIN_EXE_connlint"))
            .env("PRE_COMMIT_HOME", tmp.path().join("cache"))
            .env("NO_COLOR", "1")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("run pre-commit")
    };

    let all = try_repo(&[]);
    let text = format!("{}{}", stdout(&all), stderr(&all));
    assert_eq!(all.status.code(), Some(1), "fails on the bad file:\n{text}");
    assert!(text.contains("src/bad.js:6:"), "{text}");
    assert!(text.contains("client-per-request"), "{text}");
    assert!(!text.contains("src/good.js:"), "{text}");

    let good = try_repo(&["src/good.js", "README.txt"]);
    let text = format!("{}{}", stdout(&good), stderr(&good));
    assert_eq!(
        good.status.code(),
        Some(0),
        "passes on the good file:\n{text}"
    );
    assert!(
        text.contains("connlint") && text.contains("Passed"),
        "{text}"
    );
}

#[test]
fn reported_fingerprints_are_those_of_the_whole_run() {
    // Two identical lines in two handlers: their fingerprints differ only by an occurrence
    // counter. Hiding the first (baseline) or keeping only the second (diff) must not hand the
    // second the first one's fingerprint.
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let handler = |path: &str| {
        format!(
            "app.get('{path}', async (req, res) => {{\n  const client = new MongoClient(process.env.MONGO_URL);\n  try {{ res.json(await client.db().collection('x').find().toArray()); }} finally {{ await client.close(); }}\n}});\n"
        )
    };
    let src = format!(
        "const {{ MongoClient }} = require('mongodb');\nconst app = require('express')();\n{}{}",
        handler("/a"),
        handler("/b")
    );
    write(dir, "app.js", &src);
    let all = findings(&json(dir, &[], 1));
    assert_eq!(all.len(), 2, "{all:?}");
    assert_ne!(all[0].3, all[1].3);

    let out = common::connlint(dir, &["check", "--write-baseline", "b.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut file: Value =
        serde_json::from_str(&fs::read_to_string(dir.join("b.json")).expect("read")).expect("json");
    if let Some(entries) = file["entries"].as_array_mut() {
        entries.truncate(1);
    }
    fs::write(dir.join("b.json"), file.to_string()).expect("write");
    let v = json(dir, &["--baseline", "b.json"], 1);
    let left = findings(&v);
    assert_eq!(left.len(), 1, "{v}");
    assert_eq!(
        left[0].3, all[1].3,
        "the second finding keeps its own fingerprint"
    );
    let sarif: Value =
        serde_json::from_str(&run(dir, "sarif", &["--baseline", "b.json"], 1)).expect("sarif");
    assert_eq!(
        sarif["runs"][0]["results"][0]["partialFingerprints"]["connlint/v1"],
        Value::String(all[1].3.clone())
    );

    let diff = format!(
        "--- a/app.js\n+++ b/app.js\n@@ -7,0 +{line},1 @@\n+  const client = new MongoClient(process.env.MONGO_URL);\n",
        line = all[1].1
    );
    write(dir, "pr.diff", &diff);
    let v = json(dir, &["--diff-file", "pr.diff"], 1);
    let left = findings(&v);
    assert_eq!(left.len(), 1, "{v}");
    assert_eq!(left[0].3, all[1].3);
}

/// The hook script's own path for real users: no CONNLINT_BIN, so it builds connlint with cargo
/// into its clone once and reuses the binary. A stand-in `cargo` records its arguments and
/// "builds" by copying the test binary, so this stays fast.
#[cfg(unix)]
#[test]
fn pre_commit_script_builds_once_then_reuses_the_binary() {
    use std::os::unix::fs::PermissionsExt as _;
    let tmp = tempfile::tempdir().expect("tempdir");
    let clone = tmp.path().join("clone");
    let script = clone.join("scripts/pre-commit-hook.sh");
    fs::create_dir_all(script.parent().expect("parent")).expect("mkdir");
    fs::copy(common::root().join("scripts/pre-commit-hook.sh"), &script).expect("copy script");
    let fake_bin = tmp.path().join("bin");
    fs::create_dir_all(&fake_bin).expect("mkdir");
    let log = tmp.path().join("cargo.log");
    let fake_cargo = fake_bin.join("cargo");
    fs::write(
        &fake_cargo,
        format!(
            "#!/bin/sh\necho \"$@\" >> '{log}'\ntarget=\nprev=\nfor a in \"$@\"; do\n  [ \"$prev\" = --target-dir ] && target=$a\n  prev=$a\ndone\nmkdir -p \"$target/release\"\ncp '{bin}' \"$target/release/connlint\"\n",
            log = log.display(),
            bin = env!("CARGO_BIN_EXE_connlint"),
        ),
    )
    .expect("write fake cargo");
    fs::set_permissions(&fake_cargo, fs::Permissions::from_mode(0o755)).expect("chmod");
    let project = tmp.path().join("project");
    write(&project, "bad.js", BAD_JS);
    write(&project, "good.js", GOOD_JS);
    let path = format!(
        "{}:{}",
        fake_bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let hook = |file: &str| {
        Command::new("sh")
            .arg(&script)
            .arg(file)
            .current_dir(&project)
            .env("PATH", &path)
            .env_remove("CONNLINT_BIN")
            .env("NO_COLOR", "1")
            .output()
            .expect("run the hook script")
    };
    let bad = hook("bad.js");
    assert_eq!(bad.status.code(), Some(1), "{}", stderr(&bad));
    assert!(stdout(&bad).contains("bad.js:6:"), "{}", stdout(&bad));
    let good = hook("good.js");
    assert_eq!(good.status.code(), Some(0), "{}", stderr(&good));
    let calls = fs::read_to_string(&log).expect("cargo was called");
    let calls: Vec<&str> = calls.lines().collect();
    assert_eq!(calls.len(), 1, "built once: {calls:?}");
    let clone = clone.canonicalize().expect("canonical");
    assert_eq!(
        calls[0],
        format!(
            "build --release --locked --quiet --manifest-path {c}/Cargo.toml --target-dir {c}/target -p connlint",
            c = clone.display()
        )
    );
}
