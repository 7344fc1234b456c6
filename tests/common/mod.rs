//! Helpers shared by the end-to-end tests: run the real binary, read annotated fixtures.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// `connlint` with the given arguments, run from `cwd`.
pub fn connlint(cwd: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_connlint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run connlint")
}

/// `connlint check <fixture> --format text --color never`, run from the workspace root, which
/// must report findings (exit 1). The summary line goes to stderr (it carries a timing) and is
/// not part of the result.
pub fn text_report(fixture: &str) -> String {
    let out = connlint(
        &root(),
        &["check", fixture, "--format", "text", "--color", "never"],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected findings in {fixture}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 report")
}

/// A finding reduced to what fixtures annotate.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mark {
    pub path: String,
    pub line: u32,
    pub rule: String,
}

/// Reads the `expect: rule[, rule]` annotations of every source file under `dir` (relative to
/// the workspace root). An annotation marks the next line that is neither blank nor only a
/// comment.
pub fn expected_marks(dir: &str) -> BTreeSet<Mark> {
    let mut out = BTreeSet::new();
    let base = root();
    for path in files_under(&base.join(dir)) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let rel = path
            .strip_prefix(&base)
            .expect("under root")
            .to_string_lossy()
            .replace('\\', "/");
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(rules) = annotation(line) else {
                continue;
            };
            let target = (i + 1..lines.len())
                .find(|&j| !lines[j].trim().is_empty() && !is_comment_only(lines[j]))
                .unwrap_or_else(|| panic!("{rel}:{}: annotation with no code after it", i + 1));
            for rule in rules {
                out.insert(Mark {
                    path: rel.clone(),
                    line: target as u32 + 1,
                    rule,
                });
            }
        }
    }
    out
}

fn annotation(line: &str) -> Option<Vec<String>> {
    let t = line.trim_start();
    if !is_comment_only(t) {
        return None;
    }
    let idx = t.find("expect:")?;
    let rest = &t[idx + "expect:".len()..];
    let rest = rest
        .trim()
        .trim_end_matches("*/")
        .trim_end_matches("}")
        .trim_end_matches("*/")
        .trim();
    let rules: Vec<String> = rest
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    (!rules.is_empty()).then_some(rules)
}

fn is_comment_only(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("//")
        || t.starts_with('#')
        || t.starts_with("/*")
        || t.starts_with("{/*")
        || t.starts_with('*')
}

/// The marks of the findings connlint reports on `dir`.
pub fn actual_marks(dir: &str) -> (BTreeSet<Mark>, serde_json::Value) {
    let out = connlint(&root(), &["check", dir, "--format", "json"]);
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "connlint exited with {code:?}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "bad JSON ({e}):\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut marks = BTreeSet::new();
    for f in json["findings"].as_array().expect("findings array") {
        marks.insert(Mark {
            path: f["path"].as_str().expect("path").to_string(),
            line: line_of(f),
            rule: f["rule"].as_str().expect("rule").to_string(),
        });
    }
    (marks, json)
}

fn line_of(f: &serde_json::Value) -> u32 {
    f["line"]
        .as_u64()
        .or_else(|| f["start"]["line"].as_u64())
        .or_else(|| f["location"]["start"]["line"].as_u64())
        .expect("finding line") as u32
}

/// Checks every annotation under `dir` exactly: a missing and an extra finding both fail,
/// listed with the source line.
pub fn check_fixtures(dir: &str) {
    let expected = expected_marks(dir);
    let (actual, _) = actual_marks(dir);
    let missing: Vec<&Mark> = expected.difference(&actual).collect();
    let noisy: Vec<&Mark> = actual.difference(&expected).collect();
    if missing.is_empty() && noisy.is_empty() {
        assert!(
            !expected.is_empty() || files_under(&root().join(dir)).is_empty(),
            "{dir}: fixtures without a single expected finding prove nothing on their own"
        );
        return;
    }
    let mut report = format!(
        "{dir}: {} expected, {} reported\n",
        expected.len(),
        actual.len()
    );
    for (title, marks) in [
        ("Missing (expected, not reported)", &missing),
        ("Noisy (reported, not expected)", &noisy),
    ] {
        if marks.is_empty() {
            continue;
        }
        report.push_str(&format!("\n{title}:\n"));
        for m in marks.iter() {
            report.push_str(&format!(
                "  {}:{}: {}\n      | {}\n",
                m.path,
                m.line,
                m.rule,
                source_line(&m.path, m.line).trim()
            ));
        }
    }
    panic!("{report}");
}

fn source_line(path: &str, line: u32) -> String {
    std::fs::read_to_string(root().join(path))
        .ok()
        .and_then(|t| t.lines().nth(line as usize - 1).map(str::to_string))
        .unwrap_or_default()
}

/// Source files under `dir`, recursively, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("js" | "mjs" | "cjs" | "jsx" | "ts" | "mts" | "cts" | "tsx" | "py" | "rs")
            ) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
