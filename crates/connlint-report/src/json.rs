//! connlint's own JSON output. The schema is documented in `JSON.md`; bump [`SCHEMA_VERSION`]
//! on any change that is not purely additive.

use crate::position::{Pos, Positions};
use crate::text::notice_code;
use crate::{fingerprints, Report};
use connlint_core::{RuleId, Span};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    tool: Tool<'a>,
    findings: Vec<JsonFinding<'a>>,
    notices: Vec<JsonNotice<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct JsonPos {
    line: Option<u32>,
    column: Option<u32>,
    column_utf16: Option<u32>,
    offset: u32,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'static str,
    severity: &'static str,
    path: &'a str,
    start: JsonPos,
    end: JsonPos,
    message: &'a str,
    label: &'a str,
    help: Option<&'a str>,
    fingerprint: String,
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: &'a str,
    start: JsonPos,
    end: JsonPos,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonNotice<'a> {
    kind: &'static str,
    path: &'a str,
    start: Option<JsonPos>,
    end: Option<JsonPos>,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    findings: usize,
    notices: usize,
    by_rule: BTreeMap<&'static str, usize>,
}

fn json_pos(p: Option<Pos>, offset: u32) -> JsonPos {
    match p {
        Some(p) => JsonPos {
            line: Some(p.line),
            column: Some(p.column),
            column_utf16: Some(p.column_utf16),
            offset: p.offset,
        },
        None => JsonPos {
            line: None,
            column: None,
            column_utf16: None,
            offset,
        },
    }
}

fn span_pos<'a>(positions: &mut Positions<'a>, path: &'a str, span: Span) -> (JsonPos, JsonPos) {
    let r = positions.range(path, span);
    (
        json_pos(r.map(|r| r.start), span.start),
        json_pos(r.map(|r| r.end), span.end),
    )
}

pub(crate) fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut positions = Positions::new(report.sources);
    let prints = fingerprints(report.findings, report.sources);
    let mut per_rule: BTreeMap<RuleId, usize> = BTreeMap::new();
    let mut findings = Vec::with_capacity(report.findings.len());
    for (f, fingerprint) in report.findings.iter().zip(prints) {
        *per_rule.entry(f.rule).or_default() += 1;
        let (start, end) = span_pos(&mut positions, &f.location.path, f.location.span);
        let related = f
            .related
            .iter()
            .map(|r| {
                let (start, end) = span_pos(&mut positions, &r.location.path, r.location.span);
                JsonRelated {
                    path: &r.location.path,
                    start,
                    end,
                    message: &r.message,
                }
            })
            .collect();
        findings.push(JsonFinding {
            rule: f.rule.as_str(),
            severity: f.severity.as_str(),
            path: &f.location.path,
            start,
            end,
            message: &f.message,
            label: &f.label,
            help: f.help.as_deref(),
            fingerprint,
            related,
        });
    }
    let notices = report
        .notices
        .iter()
        .map(|n| {
            let (start, end) = match n.span {
                Some(span) => {
                    let (s, e) = span_pos(&mut positions, &n.path, span);
                    (Some(s), Some(e))
                }
                None => (None, None),
            };
            JsonNotice {
                kind: notice_code(n.kind),
                path: &n.path,
                start,
                end,
                message: &n.message,
            }
        })
        .collect();
    let output = Output {
        version: SCHEMA_VERSION,
        tool: Tool {
            name: "connlint",
            version: report.tool_version,
        },
        summary: Summary {
            findings: report.findings.len(),
            notices: report.notices.len(),
            by_rule: per_rule.into_iter().map(|(r, n)| (r.as_str(), n)).collect(),
        },
        findings,
        notices,
    };
    crate::write_json(&output, out)
}
