//! GitLab Code Quality report: a JSON array of issues.
//!
//! Fingerprints are the same as SARIF's `partialFingerprints`, so they survive edits elsewhere
//! in the file and GitLab can tell new issues from old ones. Notices are not code quality
//! issues and are left out.

use crate::position::Positions;
use crate::{fingerprints, Report};
use connlint_core::Severity;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
    end: u32,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Note => "info",
        Severity::Warning => "major",
        Severity::Error => "critical",
    }
}

pub(crate) fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut positions = Positions::new(report.sources);
    let prints = fingerprints(report.findings, report.sources);
    let issues: Vec<Issue<'_>> = report
        .findings
        .iter()
        .zip(prints)
        .map(|(f, fingerprint)| {
            let (begin, end) = positions
                .range(&f.location.path, f.location.span)
                .map_or((1, 1), |r| (r.start.line, r.end.line));
            Issue {
                description: format!("{} ({})", f.message, f.rule),
                check_name: f.rule.as_str(),
                fingerprint,
                severity: severity(f.severity),
                location: Location {
                    path: &f.location.path,
                    lines: Lines { begin, end },
                },
            }
        })
        .collect();
    crate::write_json(&issues, out)
}
