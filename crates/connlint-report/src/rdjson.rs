//! reviewdog Diagnostic JSON (`rdjson`, the `DiagnosticResult` message).
//!
//! Columns are 1-based UTF-8 byte counts, ends exclusive, as reviewdog's format defines them.
//! `suggestions` are written only where connlint knows a fix; it knows none yet, so there are
//! none. Notices are not diagnostics of the code and are left out.

use crate::position::{Pos, Positions};
use crate::Report;
use connlint_core::Severity;
use serde::Serialize;
use std::fmt::Write as _;
use std::io::{self, Write};

#[derive(Serialize)]
struct Output<'a> {
    source: Source<'a>,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Source<'a> {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    message: String,
    location: Location<'a>,
    severity: &'static str,
    source: Source<'a>,
    code: Code<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<Range>,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: u32,
    column: u32,
}

#[derive(Serialize)]
struct Code<'a> {
    value: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

fn position(p: Pos) -> Position {
    Position {
        line: p.line,
        column: p.column_byte,
    }
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Note => "INFO",
        Severity::Warning => "WARNING",
        Severity::Error => "ERROR",
    }
}

pub(crate) fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let url = report.options.information_uri.as_deref();
    let mut positions = Positions::new(report.sources);
    let diagnostics = report
        .findings
        .iter()
        .map(|f| {
            let mut message = f.message.clone();
            for r in &f.related {
                let _ = write!(message, "\n{}", r.location.path);
                if let Some(range) = positions.range(&r.location.path, r.location.span) {
                    let _ = write!(message, ":{}:{}", range.start.line, range.start.column);
                }
                let _ = write!(message, ": {}", r.message);
            }
            if let Some(help) = &f.help {
                let _ = write!(message, "\nhelp: {help}");
            }
            Diagnostic {
                message,
                location: Location {
                    path: &f.location.path,
                    range: positions
                        .range(&f.location.path, f.location.span)
                        .map(|r| Range {
                            start: position(r.start),
                            end: position(r.end),
                        }),
                },
                severity: severity(f.severity),
                source: Source {
                    name: "connlint",
                    url,
                },
                code: Code {
                    value: f.rule.as_str(),
                    url: report.rule_info(f.rule).and_then(|r| r.help_uri.as_deref()),
                },
            }
        })
        .collect();
    crate::write_json(
        &Output {
            source: Source {
                name: "connlint",
                url,
            },
            diagnostics,
        },
        out,
    )
}
