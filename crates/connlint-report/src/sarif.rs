//! SARIF 2.1.0 (OASIS), shaped for GitHub code scanning.
//!
//! - every known rule in `tool.driver.rules`, with descriptions and help from its doc;
//! - one result per finding: `ruleId`, `ruleIndex`, `level`, `message.text`, one physical
//!   location relative to `%SRCROOT%`, the related locations (the handler), and a
//!   `partialFingerprints` entry that survives edits elsewhere in the file;
//! - regions in UTF-16 code units, declared by the run's `columnKind`;
//! - notices as `toolExecutionNotifications`; `executionSuccessful` is false only when
//!   connlint itself failed on a file (an internal error).

use crate::position::{Positions, Range};
use crate::text::notice_code;
use crate::uri::{dir_uri, path_uri, PathUri};
use crate::{fingerprints, Report, RuleInfo};
use connlint_core::{NoticeKind, Severity, Span};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";
/// The key of connlint's fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "connlint/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<BTreeMap<&'static str, BaseUri>>,
    invocations: Vec<Invocation<'a>>,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct BaseUri {
    uri: String,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'a str>,
    rules: Vec<Descriptor<'a>>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Help<'a> {
    text: &'a str,
    markdown: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor<'a> {
    id: &'static str,
    name: &'a str,
    short_description: Text<'a>,
    full_description: Text<'a>,
    help: Help<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<&'a str>,
    default_configuration: Configuration,
    properties: Properties<'a>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Properties<'a> {
    tags: &'a [String],
    languages: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text<'a>,
    locations: Vec<SarifLocation<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
    /// The whole lines around the region, for viewers without the source.
    #[serde(skip_serializing_if = "Option::is_none")]
    context_region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

/// Lines and UTF-16 columns; when the file's text is not available, the byte range is all we
/// know.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Region {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_offset: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_length: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Snippet>,
}

#[derive(Serialize)]
struct Snippet {
    text: String,
}

/// Snippets longer than this are left out (a minified line would bloat the log).
const SNIPPET_MAX: usize = 2000;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: Text<'a>,
    locations: Vec<SarifLocation<'a>>,
    descriptor: DescriptorRef,
}

#[derive(Serialize)]
struct DescriptorRef {
    id: &'static str,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Note => "note",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

fn artifact(path: &str) -> ArtifactLocation {
    match path_uri(path) {
        PathUri::Relative(uri) => ArtifactLocation {
            uri,
            uri_base_id: Some(SRCROOT),
        },
        PathUri::Absolute(uri) => ArtifactLocation {
            uri,
            uri_base_id: None,
        },
    }
}

fn region(range: Option<Range>, span: Span) -> Region {
    match range {
        Some(r) => Region {
            start_line: Some(r.start.line),
            start_column: Some(r.start.column_utf16),
            end_line: Some(r.end.line),
            end_column: Some(r.end.column_utf16),
            ..Region::default()
        },
        None => Region {
            byte_offset: Some(span.start),
            byte_length: Some(span.end.saturating_sub(span.start)),
            ..Region::default()
        },
    }
}

fn snippet(text: &str) -> Option<Snippet> {
    (text.len() <= SNIPPET_MAX).then(|| Snippet {
        text: text.to_string(),
    })
}

fn physical<'a>(positions: &mut Positions<'a>, path: &'a str, span: Span) -> PhysicalLocation {
    let range = positions.range(path, span);
    let mut main = region(range, span);
    let mut context_region = None;
    if let (Some(file), Some(r)) = (positions.file(path), range) {
        main.snippet = snippet(file.slice(span));
        // From the start of the first line to the end of the last one, terminator excluded.
        let first = r.start.line.saturating_sub(1) as usize;
        let last = r.end.line.saturating_sub(1) as usize;
        let start = file.index.line_start(first) as usize;
        let end = file.index.line_range(last, file.text).end.max(start);
        let whole = Span::new(start, end);
        let lines = file.range(whole);
        // SARIF wants a proper superset of the region, or nothing.
        let same = lines.start.offset == r.start.offset && lines.end.offset == r.end.offset;
        context_region = (!same).then(|| Region {
            start_line: Some(lines.start.line),
            start_column: Some(lines.start.column_utf16),
            end_line: Some(lines.end.line),
            end_column: Some(lines.end.column_utf16),
            snippet: snippet(file.slice(whole)),
            ..Region::default()
        });
    }
    PhysicalLocation {
        artifact_location: artifact(path),
        region: Some(main),
        context_region,
    }
}

fn descriptor(r: &RuleInfo) -> Descriptor<'_> {
    let help_text = if r.help_text.is_empty() {
        &r.full_description
    } else {
        &r.help_text
    };
    let help_markdown = if r.help_markdown.is_empty() {
        &r.full_description
    } else {
        &r.help_markdown
    };
    Descriptor {
        id: r.id.as_str(),
        name: &r.name,
        short_description: Text {
            text: &r.short_description,
        },
        full_description: Text {
            text: &r.full_description,
        },
        help: Help {
            text: help_text,
            markdown: help_markdown,
        },
        help_uri: r.help_uri.as_deref(),
        default_configuration: Configuration {
            level: level(r.default_severity),
        },
        properties: Properties {
            tags: &r.tags,
            languages: r.languages.iter().map(|l| crate::family_name(*l)).collect(),
        },
    }
}

pub(crate) fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    // Every rule the caller knows, plus a bare entry for any rule that appears in a finding
    // without metadata, so that every `ruleIndex` points somewhere.
    let mut rules: Vec<RuleInfo> = report.rules.to_vec();
    for f in report.findings {
        if !rules.iter().any(|r| r.id == f.rule) {
            rules.push(RuleInfo::bare(f.rule));
        }
    }
    let mut positions = Positions::new(report.sources);
    let prints = fingerprints(report.findings, report.sources);
    let mut results = Vec::with_capacity(report.findings.len());
    for (f, fingerprint) in report.findings.iter().zip(prints) {
        let related_locations = f
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| SarifLocation {
                id: Some(i),
                physical_location: physical(&mut positions, &r.location.path, r.location.span),
                message: Some(Text { text: &r.message }),
            })
            .collect();
        results.push(SarifResult {
            rule_id: f.rule.as_str(),
            rule_index: rules.iter().position(|r| r.id == f.rule).unwrap_or(0),
            level: level(f.severity),
            message: Text { text: &f.message },
            locations: vec![SarifLocation {
                id: None,
                physical_location: physical(&mut positions, &f.location.path, f.location.span),
                message: None,
            }],
            related_locations,
            partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint)]),
        });
    }
    let notifications = report
        .notices
        .iter()
        .map(|n| {
            let physical_location = PhysicalLocation {
                artifact_location: artifact(&n.path),
                region: n
                    .span
                    .map(|span| region(positions.range(&n.path, span), span)),
                context_region: None,
            };
            Notification {
                level: match n.kind {
                    NoticeKind::ParseError | NoticeKind::Skipped => "note",
                    NoticeKind::Unreadable | NoticeKind::Suppression => "warning",
                    NoticeKind::Internal => "error",
                },
                message: Text { text: &n.message },
                locations: vec![SarifLocation {
                    id: None,
                    physical_location,
                    message: None,
                }],
                descriptor: DescriptorRef {
                    id: notice_code(n.kind),
                },
            }
        })
        .collect();
    let execution_successful = !report
        .notices
        .iter()
        .any(|n| n.kind == NoticeKind::Internal);
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "connlint",
                    version: report.tool_version,
                    information_uri: report.options.information_uri.as_deref(),
                    rules: rules.iter().map(descriptor).collect(),
                },
            },
            original_uri_base_ids: report
                .options
                .src_root
                .as_deref()
                .map(|root| BTreeMap::from([(SRCROOT, BaseUri { uri: dir_uri(root) })])),
            invocations: vec![Invocation {
                execution_successful,
                tool_execution_notifications: notifications,
            }],
            results,
            column_kind: "utf16CodeUnits",
        }],
    };
    crate::write_json(&log, out)
}
