//! Configuration files, command-line overrides and inline suppressions, end to end.

mod common;

use std::fs;
use std::path::Path;

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    fs::write(p, text).expect("write");
}

/// A finding as (path, line, rule, severity).
type Row = (String, u64, String, String);

/// The exit code, every finding, the notices' messages and stderr.
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, Vec<Row>, Vec<String>, String) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = common::connlint(dir, &all);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if out.stdout.is_empty() {
        return (out.status.code(), Vec::new(), Vec::new(), stderr);
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}); stderr: {stderr}"));
    let findings = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or_default().to_string(),
                f["start"]["line"].as_u64().unwrap_or_default(),
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["severity"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let notices = v["notices"]
        .as_array()
        .expect("notices")
        .iter()
        .map(|n| {
            format!(
                "{}: {}",
                n["path"].as_str().unwrap_or_default(),
                n["message"].as_str().unwrap_or_default()
            )
        })
        .collect();
    (out.status.code(), findings, notices, stderr)
}

fn rules(f: &[Row]) -> Vec<String> {
    f.iter()
        .map(|x| format!("{}:{}:{}", x.0, x.1, x.2))
        .collect()
}

/// A handler that builds a client per request (line 4), never closes it, and a pool of 500
/// (line 7); a loop outside handlers (line 10).
const APP: &str = "const { MongoClient } = require('mongodb');
const app = require('express')();
app.get('/a', async (req, res) => {
  const c = new MongoClient(process.env.URI);
  res.json(await c.db().collection('a').find().toArray());
});
const shared = new MongoClient(process.env.URI, { maxPoolSize: 500 });
async function migrate(tenants) {
  for (const t of tenants) {
    const c = new MongoClient(process.env.URI);
    try { await c.db(t).dropDatabase(); } finally { await c.close(); }
  }
}
module.exports = { migrate, shared };
";

#[test]
fn defaults_without_configuration() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "app.js", APP);
    let (code, f, _, _) = run(tmp.path(), &[]);
    assert_eq!(code, Some(1));
    assert_eq!(
        rules(&f),
        vec![
            "app.js:4:client-per-request",
            "app.js:4:client-never-closed",
            "app.js:7:pool-size-too-large",
            "app.js:10:client-in-loop"
        ]
    );
    assert_eq!(f[0].3, "error");
    assert_eq!(f[3].3, "warning");
}

#[test]
fn select_ignore_and_severity() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "app.js", APP);
    write(
        tmp.path(),
        "connlint.toml",
        "select = [\"client-per-request\", \"client-in-loop\", \"pool-size-too-large\"]\nignore = [\"pool-size-too-large\"]\n[severity]\nclient-in-loop = \"error\"\nclient-per-request = \"note\"\n",
    );
    let (_, f, _, _) = run(tmp.path(), &[]);
    assert_eq!(
        rules(&f),
        vec!["app.js:4:client-per-request", "app.js:10:client-in-loop"]
    );
    assert_eq!(f[0].3, "note");
    assert_eq!(f[1].3, "error");
    // --select replaces the file's select; --ignore adds to its ignore.
    let (_, f, _, _) = run(
        tmp.path(),
        &["--select", "client-never-closed,pool-size-too-large"],
    );
    assert_eq!(rules(&f), vec!["app.js:4:client-never-closed"]);
    let (_, f, _, _) = run(tmp.path(), &["--ignore", "client-in-loop"]);
    assert_eq!(rules(&f), vec!["app.js:4:client-per-request"]);
    // --isolated ignores the file.
    let (_, f, _, _) = run(tmp.path(), &["--isolated"]);
    assert_eq!(f.len(), 4);
}

#[test]
fn pool_threshold_and_fleet_budget() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "app.js", APP);
    write(
        tmp.path(),
        "connlint.toml",
        "select = [\"pool-size-too-large\"]\n[pool]\nmax-pool-size = 1000\n",
    );
    let (code, f, _, _) = run(tmp.path(), &[]);
    assert_eq!(
        (code, f.len()),
        (Some(0), 0),
        "500 is under a threshold of 1000"
    );
    write(
        tmp.path(),
        "connlint.toml",
        "select = [\"pool-size-too-large\"]\n[pool]\nmax-pool-size = 1000\ninstances = 50\nserver-connection-limit = 1500\n",
    );
    let out = common::connlint(tmp.path(), &["check", "--color", "never"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("500 × 50 instances = 25000 > 1500"), "{text}");
}

#[test]
fn exclude_and_extend_exclude() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "src/app.js", APP);
    write(tmp.path(), "vendor/app.js", APP);
    write(tmp.path(), "legacy/old/app.js", APP);
    write(
        tmp.path(),
        "connlint.toml",
        "extend-exclude = [\"legacy\", \"vendor/**\"]\nselect = [\"client-per-request\"]\n",
    );
    let (_, f, _, _) = run(tmp.path(), &[]);
    assert_eq!(rules(&f), vec!["src/app.js:4:client-per-request"]);
    // Excludes apply to files named on the command line too (pre-commit passes names).
    let (_, f, _, _) = run(tmp.path(), &["vendor/app.js", "src/app.js"]);
    assert_eq!(rules(&f), vec!["src/app.js:4:client-per-request"]);
    write(
        tmp.path(),
        "connlint.toml",
        "exclude = [\"src/*.js\"]\nselect = [\"client-per-request\"]\n",
    );
    let (_, f, _, _) = run(tmp.path(), &[]);
    assert_eq!(
        rules(&f),
        vec![
            "legacy/old/app.js:4:client-per-request",
            "vendor/app.js:4:client-per-request"
        ]
    );
}

#[test]
fn the_nearest_configuration_wins_and_pyproject_counts() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "a/app.js", APP);
    write(tmp.path(), "b/app.js", APP);
    write(tmp.path(), "c/app.js", APP);
    write(
        tmp.path(),
        "connlint.toml",
        "select = [\"client-in-loop\"]\n",
    );
    write(
        tmp.path(),
        "b/.connlint.toml",
        "select = [\"pool-size-too-large\"]\n",
    );
    write(
        tmp.path(),
        "c/pyproject.toml",
        "[project]\nname = \"c\"\n[tool.connlint]\nselect = [\"client-never-closed\"]\n",
    );
    let (_, f, _, _) = run(tmp.path(), &[]);
    assert_eq!(
        rules(&f),
        vec![
            "a/app.js:10:client-in-loop",
            "b/app.js:7:pool-size-too-large",
            "c/app.js:4:client-never-closed"
        ]
    );
    // A pyproject.toml without [tool.connlint] is not a configuration: the search goes on.
    write(tmp.path(), "c/pyproject.toml", "[project]\nname = \"c\"\n");
    let (_, f, _, _) = run(tmp.path(), &["c"]);
    assert_eq!(rules(&f), vec!["c/app.js:10:client-in-loop"]);
    // --config FILE applies one file to everything.
    write(
        tmp.path(),
        "only.toml",
        "select = [\"client-per-request\"]\n",
    );
    let (_, f, _, _) = run(tmp.path(), &["--config", "only.toml"]);
    assert_eq!(f.len(), 3);
    assert!(f.iter().all(|x| x.2 == "client-per-request"));
}

#[test]
fn configuration_errors_name_the_file_line_and_key() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "app.js", APP);
    for (text, expected) in [
        (
            "select = [\"client-per-request\"]\nmax-pool = 3\n",
            "connlint.toml:2:1: unknown field `max-pool`",
        ),
        (
            "[pool]\nmax-pool-size = \"many\"\n",
            "connlint.toml:2:17: invalid type: string \"many\", expected u64",
        ),
        ("ignore = [\"client-per-requests\"]\n", "connlint.toml:1:"),
        (
            "[severity]\nclient-in-loop = \"fatal\"\n",
            "connlint.toml:2:",
        ),
        ("packs = [\"nosuch\"]\n", "unknown pack `nosuch`"),
    ] {
        write(tmp.path(), "connlint.toml", text);
        let out = common::connlint(tmp.path(), &["check"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{text}: {err}");
        assert!(err.contains(expected), "{text}:\n{err}");
    }
}

#[test]
fn extra_clients_and_handlers_from_configuration() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(
        tmp.path(),
        "connlint.toml",
        r#"select = ["client-per-request"]
[[client]]
id = "acme-db"
lang = "js"
library = "Acme DB wrapper"
modules = ["@acme/db"]
symbol = "AcmeClient"
new = true
close = ["close"]

[[handler]]
framework = "Acme RPC"
lang = "python"
decorators = ["*.endpoint"]
"#,
    );
    write(
        tmp.path(),
        "app.js",
        "const { AcmeClient } = require('@acme/db');\nconst app = require('express')();\napp.get('/a', async (req, res) => {\n  const c = new AcmeClient();\n  res.json(await c.q());\n});\n",
    );
    write(
        tmp.path(),
        "svc.py",
        "from pymongo import MongoClient\n\n\n@rpc.endpoint(\"/x\")\ndef x():\n    return MongoClient().db.x.find_one()\n",
    );
    let (_, f, _, _) = run(tmp.path(), &[]);
    assert_eq!(
        rules(&f),
        vec!["app.js:4:client-per-request", "svc.py:6:client-per-request"]
    );
    let out = common::connlint(tmp.path(), &["check", "--color", "never"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Acme DB wrapper"));
    // Without the configuration neither is known.
    let (_, f, _, _) = run(
        tmp.path(),
        &["--isolated", "--select", "client-per-request"],
    );
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn inline_suppressions() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let src = "const { MongoClient } = require('mongodb');
const app = require('express')();
app.get('/a', async (req, res) => {
  const a = new MongoClient(u); // connlint-ignore
  // connlint-ignore: client-never-closed
  const b = new MongoClient(u);
  /* connlint-ignore: client-per-request, client-never-closed */
  const c = new MongoClient(u);
  const d = new MongoClient(u); // connlint-ignore: client-in-loop, no-such-rule
  res.json([a, b, c, d].length);
});
";
    write(tmp.path(), "app.js", src);
    let (_, f, notices, _) = run(tmp.path(), &[]);
    assert_eq!(
        rules(&f),
        vec![
            "app.js:6:client-per-request",
            "app.js:9:client-per-request",
            "app.js:9:client-never-closed"
        ]
    );
    assert!(
        notices
            .iter()
            .any(|n| n.contains("unknown rule `no-such-rule`")),
        "{notices:?}"
    );
    let (_, _, notices, _) = run(tmp.path(), &["--report-unused-ignores"]);
    assert!(
        notices
            .iter()
            .any(|n| n.starts_with("app.js: unused suppression")),
        "{notices:?}"
    );

    // File-level, in the first comment block only.
    write(
        tmp.path(),
        "app.js",
        &format!("// Users API.\n// connlint-ignore-file: client-never-closed\n{src}"),
    );
    let (_, f, _, _) = run(tmp.path(), &[]);
    assert!(f.iter().all(|x| x.2 != "client-never-closed"), "{f:?}");
    write(
        tmp.path(),
        "app.js",
        &format!("#!/usr/bin/env node\n/* connlint-ignore-file */\n{src}"),
    );
    let (code, f, _, _) = run(tmp.path(), &[]);
    assert_eq!((code, f.len()), (Some(0), 0));
    write(
        tmp.path(),
        "app.js",
        &format!("{src}// connlint-ignore-file\n"),
    );
    let (_, f, notices, _) = run(tmp.path(), &[]);
    assert!(!f.is_empty());
    assert!(
        notices.iter().any(|n| n.contains("first comment block")),
        "{notices:?}"
    );

    // Python comments.
    write(
        tmp.path(),
        "views.py",
        "from pymongo import MongoClient\n\n\n@app.route('/')\ndef index():\n    # connlint-ignore: client-per-request, client-never-closed\n    return MongoClient().db.x.find_one()\n",
    );
    let (_, f, _, _) = run(tmp.path(), &["views.py"]);
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn rules_lists_every_rule() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = common::connlint(tmp.path(), &["rules"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for id in [
        "client-per-request",
        "client-in-loop",
        "close-not-in-finally",
        "client-never-closed",
        "shared-client-closed",
        "pool-size-too-large",
    ] {
        let line = text
            .lines()
            .find(|l| l.starts_with(id))
            .unwrap_or_else(|| panic!("{id} missing:\n{text}"));
        assert!(line.contains("js"), "{line}");
        assert!(line.contains("error") || line.contains("warning"), "{line}");
    }
}
