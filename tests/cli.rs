//! End-to-end tests of the command line: exit codes, paths, walking, output files.

mod common;

use std::fs;

fn write(dir: &std::path::Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    fs::write(p, text).expect("write");
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = common::connlint(tmp.path(), &["check", "does-not-exist"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("does-not-exist: no such file or directory"),
        "{err}"
    );
}

#[test]
fn an_unknown_rule_is_a_usage_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = common::connlint(tmp.path(), &["check", "--select", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown rule `nope`"));
}

#[test]
fn a_clean_tree_exits_zero() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(tmp.path(), "a.js", "const x = 1;\n");
    let out = common::connlint(tmp.path(), &["check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn rule_prints_the_documentation() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = common::connlint(tmp.path(), &["rule", "client-per-request"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for h in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "Use instead:",
    ] {
        assert!(text.contains(h), "{text}");
    }
    let out = common::connlint(tmp.path(), &["rule", "no-such-rule"]);
    assert_eq!(out.status.code(), Some(2));
}
