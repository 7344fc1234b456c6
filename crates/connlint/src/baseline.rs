//! Baselines: adopt connlint on a codebase with known findings, and fail only on new ones.
//!
//! `--write-baseline FILE` records every finding of the run by fingerprint (the value SARIF
//! puts in `partialFingerprints`, see `connlint_report::fingerprints`); `--baseline FILE` hides
//! the findings the file lists and counts its stale entries. The file is small, sorted JSON
//! meant to be committed:
//!
//! ```json
//! {
//!   "version": 1,
//!   "tool": "connlint",
//!   "entries": [
//!     {
//!       "rule": "client-per-request",
//!       "path": "src/app.js",
//!       "fingerprint": "e2158567ad48102c1738200070b75162",
//!       "message": "MongoClient constructed on every request"
//!     }
//!   ]
//! }
//! ```
//!
//! A finding is hidden when an entry has its rule, path and fingerprint; `message` is only
//! there for people reading the file. Line numbers are left out on purpose: they would change
//! the file whenever code moves, while fingerprints do not. An entry is *stale* when its file
//! was checked in this run, its rule ran, and no finding matched it (the code was fixed or
//! edited); entries for files outside the run are neither hidden nor stale.

use crate::output::write_atomically;
use anyhow::{bail, Context as _};
use connlint_core::{Finding, RuleId};
use connlint_report::BaselineSummary;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;

/// The version of the baseline file format this connlint reads and writes.
pub const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct File {
    version: u32,
    #[serde(default)]
    tool: String,
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    pub rule: String,
    pub path: String,
    pub fingerprint: String,
    #[serde(default)]
    pub message: String,
}

/// A baseline read from disk.
#[derive(Debug)]
pub struct Baseline {
    pub entries: Vec<Entry>,
}

/// Reads and checks a baseline file; every problem names the file.
pub fn load(path: &Path) -> anyhow::Result<Baseline> {
    let bytes = std::fs::read(path)
        .with_context(|| format!("--baseline: cannot read {}", path.display()))?;
    let file: File = serde_json::from_slice(&bytes).with_context(|| {
        format!(
            "--baseline: {} is not a connlint baseline file",
            path.display()
        )
    })?;
    if file.version != VERSION {
        bail!(
            "--baseline: {} has version {}, this connlint reads version {VERSION}",
            path.display(),
            file.version
        );
    }
    Ok(Baseline {
        entries: file.entries,
    })
}

/// The entries recording `findings` (with their fingerprints, same order).
pub fn entries(findings: &[Finding], prints: &[String]) -> Vec<Entry> {
    findings
        .iter()
        .zip(prints)
        .map(|(f, p)| Entry {
            rule: f.rule.as_str().to_string(),
            path: f.location.path.clone(),
            fingerprint: p.clone(),
            message: f.message.clone(),
        })
        .collect()
}

/// Writes `entries` to `path` atomically, in the order given (findings order: path, then
/// position).
pub fn write(path: &Path, entries: Vec<Entry>) -> anyhow::Result<()> {
    let file = File {
        version: VERSION,
        tool: "connlint".to_string(),
        entries,
    };
    let mut bytes = serde_json::to_vec_pretty(&file)?;
    bytes.push(b'\n');
    write_atomically(path, &bytes)
        .with_context(|| format!("--write-baseline: cannot write {}", path.display()))
}

fn norm(path: &str) -> &str {
    path.strip_prefix("./").unwrap_or(path)
}

/// Hides the findings `baseline` lists, keeping `prints` (their fingerprints) in step, and
/// counts the stale entries among those for `checked` files whose rule is `in_scope`.
pub fn apply(
    baseline: &Baseline,
    findings: &mut Vec<Finding>,
    prints: &mut Vec<String>,
    checked: &[String],
    in_scope: impl Fn(RuleId) -> bool,
) -> BaselineSummary {
    type Key = (String, String, String);
    let key = |rule: &str, path: &str, fp: &str| -> Key {
        (rule.to_string(), norm(path).to_string(), fp.to_string())
    };
    let listed: HashSet<Key> = baseline
        .entries
        .iter()
        .map(|e| key(&e.rule, &e.path, &e.fingerprint))
        .collect();
    let mut matched: HashSet<Key> = HashSet::new();
    let hide: Vec<bool> = findings
        .iter()
        .zip(prints.iter())
        .map(|(f, p)| {
            let k = key(f.rule.as_str(), &f.location.path, p);
            let hit = listed.contains(&k);
            if hit {
                matched.insert(k);
            }
            hit
        })
        .collect();
    let hidden = hide.iter().filter(|h| **h).count();
    let mut h = hide.iter();
    findings.retain(|_| h.next() == Some(&false));
    let mut h = hide.iter();
    prints.retain(|_| h.next() == Some(&false));
    let checked: HashSet<&str> = checked.iter().map(|p| norm(p)).collect();
    let stale = listed
        .iter()
        .filter(|k| !matched.contains(*k))
        .filter(|(rule, path, _)| {
            checked.contains(path.as_str()) && rule.parse::<RuleId>().map_or(true, &in_scope)
        })
        .count();
    BaselineSummary { hidden, stale }
}

/// Writes the baseline asked for (`--write-baseline`: every finding, then all hidden) or
/// applies the one given (`--baseline`); `None` when neither.
pub fn hide(
    outcome: &mut crate::run::Outcome,
    prints: &mut Vec<String>,
    baseline: Option<&Baseline>,
    write_to: Option<&Path>,
    in_scope: impl Fn(RuleId) -> bool,
) -> anyhow::Result<Option<BaselineSummary>> {
    if let Some(path) = write_to {
        let recorded = entries(&outcome.findings, prints);
        let n = recorded.len();
        write(path, recorded)?;
        eprintln!(
            "connlint: wrote {n} {} to {}",
            if n == 1 { "entry" } else { "entries" },
            path.display()
        );
        let fresh = Baseline {
            entries: entries(&outcome.findings, prints),
        };
        return Ok(Some(apply(
            &fresh,
            &mut outcome.findings,
            prints,
            &outcome.checked,
            in_scope,
        )));
    }
    Ok(baseline.map(|b| apply(b, &mut outcome.findings, prints, &outcome.checked, in_scope)))
}

/// The line text mode prints on stderr.
pub fn summary_line(path: &Path, s: BaselineSummary) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut line = format!(
        "connlint: baseline {} hid {}",
        path.display(),
        plural(s.hidden, "finding", "findings")
    );
    if s.stale > 0 {
        line.push_str(&format!(
            "; {} stale (no finding matches any more; refresh with --write-baseline)",
            plural(s.stale, "entry is", "entries are")
        ));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use connlint_core::{Location, Severity, Span};

    fn finding(rule: RuleId, path: &str) -> Finding {
        Finding {
            rule,
            severity: Severity::Warning,
            location: Location {
                path: path.into(),
                span: Span::new(0, 1),
            },
            message: "m".into(),
            label: "l".into(),
            related: vec![],
            help: None,
        }
    }

    fn entry(rule: &str, path: &str, fp: &str) -> Entry {
        Entry {
            rule: rule.into(),
            path: path.into(),
            fingerprint: fp.into(),
            message: String::new(),
        }
    }

    #[test]
    fn hides_listed_findings_and_counts_stale_entries_in_scope() {
        let baseline = Baseline {
            entries: vec![
                entry("client-per-request", "a.js", "f1"),
                entry("client-per-request", "a.js", "gone"),
                entry("client-in-loop", "a.js", "other-rule"),
                entry("client-per-request", "b.js", "unchecked-file"),
                entry("no-such-rule", "a.js", "x"),
            ],
        };
        let mut findings = vec![
            finding(RuleId::ClientPerRequest, "./a.js"),
            finding(RuleId::ClientPerRequest, "a.js"),
            finding(RuleId::ClientNeverClosed, "a.js"),
        ];
        let mut prints = vec!["f1".to_string(), "new".to_string(), "f1".to_string()];
        let s = apply(
            &baseline,
            &mut findings,
            &mut prints,
            &["a.js".to_string()],
            |r| r != RuleId::ClientInLoop,
        );
        assert_eq!(
            s,
            BaselineSummary {
                hidden: 1,
                stale: 2
            }
        );
        assert_eq!(prints, ["new", "f1"]);
        assert_eq!(findings.len(), 2);
        assert_eq!(findings[1].rule, RuleId::ClientNeverClosed);
    }

    #[test]
    fn summary_lines() {
        let p = Path::new("b.json");
        assert_eq!(
            summary_line(
                p,
                BaselineSummary {
                    hidden: 1,
                    stale: 0
                }
            ),
            "connlint: baseline b.json hid 1 finding"
        );
        assert_eq!(
            summary_line(p, BaselineSummary { hidden: 0, stale: 2 }),
            "connlint: baseline b.json hid 0 findings; 2 entries are stale (no finding matches any more; refresh with --write-baseline)"
        );
    }

    #[test]
    fn round_trips_and_rejects_other_versions() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("b.json");
        let fs = [finding(RuleId::ClientInLoop, "x.py")];
        write(&path, entries(&fs, &["abc".to_string()])).expect("write");
        let b = load(&path).expect("load");
        assert_eq!(
            b.entries,
            [entry("client-in-loop", "x.py", "abc")].map(|mut e| {
                e.message = "m".into();
                e
            })
        );
        std::fs::write(&path, r#"{"version": 9, "entries": []}"#).expect("write");
        let err = format!("{:#}", load(&path).expect_err("version 9"));
        assert!(err.contains("b.json has version 9"), "{err}");
        std::fs::write(&path, "[").expect("write");
        let err = format!("{:#}", load(&path).expect_err("malformed"));
        assert!(err.contains("is not a connlint baseline file"), "{err}");
    }
}
