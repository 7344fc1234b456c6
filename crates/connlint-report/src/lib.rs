//! connlint-report: turns findings and notices into output for people and machines.
//!
//! One entry point, [`render`], writes a [`Report`] in one [`Format`] to any
//! [`std::io::Write`]. The renderers know findings, notices, source text and rule metadata;
//! they know nothing about syntax, Facts or how rules decide. This crate does no I/O of its
//! own: the caller reads the files, decides on color and passes everything in.
//!
//! - `text`: rustc-style diagnostics through codespan-reporting; every piece of scanned text
//!   is escaped so a hostile file cannot drive the terminal ([`escape`]).
//! - `json`: connlint's own stable schema, documented in `JSON.md`.
//! - `sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.
//! - `github`: GitHub Actions workflow commands (annotations).
//! - `rdjson`: reviewdog's Diagnostic JSON.
//! - `gitlab`: GitLab Code Quality report.
//! - `junit`: JUnit XML.
//!
//! ```
//! use connlint_core::{Finding, LangFamily, Location, RuleId, Severity, Span};
//! use connlint_report::{render, ColorChoice, Format, Options, Report, RuleInfo, Sources};
//! use std::sync::Arc;
//!
//! let src = "app.get('/', () => new MongoClient(uri));\n";
//! let mut sources = Sources::new();
//! sources.insert("app.js".to_string(), Arc::from(src));
//! let findings = vec![Finding {
//!     rule: RuleId::ClientPerRequest,
//!     severity: Severity::Warning,
//!     location: Location { path: "app.js".into(), span: Span::new(19, 39) },
//!     message: "MongoClient constructed on every request".into(),
//!     label: "a new connection pool per request".into(),
//!     related: vec![],
//!     help: Some("create the client once at module scope and reuse it".into()),
//! }];
//! // From the rules crate: one per rule, built from its doc.
//! let rules = vec![RuleInfo::from_doc(
//!     RuleId::ClientPerRequest,
//!     "## What it does\nReports pooled clients built per request.\n",
//!     Severity::Warning,
//!     &["performance"],
//!     &[LangFamily::Js],
//!     None,
//! )];
//! let options = Options {
//!     color: ColorChoice::Auto.should_color(false, false),
//!     src_root: Some("/work/project".into()),
//!     information_uri: None,
//! };
//! let report = Report::new(&findings, &[], &sources, &rules, "0.1.0").with_options(options);
//! let mut out = Vec::new();
//! render(Format::Text, &report, &mut out)?;
//! let text = String::from_utf8_lossy(&out);
//! assert!(text.starts_with("warning[client-per-request]: MongoClient constructed"));
//! assert!(text.contains("--> app.js:1:20"));
//! # Ok::<(), std::io::Error>(())
//! ```

use connlint_core::{Finding, LangFamily, Notice, RuleId};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

pub mod escape;
mod fingerprint;
mod github;
mod gitlab;
mod json;
mod junit;
mod position;
mod rdjson;
mod rule_info;
mod sarif;
mod text;
mod uri;

pub use fingerprint::fingerprints;
pub use json::SCHEMA_VERSION as JSON_SCHEMA_VERSION;
pub use rule_info::RuleInfo;
pub use sarif::FINGERPRINT_KEY;

/// The output formats connlint can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// rustc-style diagnostics for people (codespan-reporting).
    Text,
    /// connlint's own JSON schema (see `JSON.md`).
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands (`::warning file=...::message`).
    Github,
    /// reviewdog Diagnostic JSON (`rdjson`).
    Rdjson,
    /// GitLab Code Quality report.
    Gitlab,
    /// JUnit XML.
    Junit,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Text,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Rdjson,
        Format::Gitlab,
        Format::Junit,
    ];

    /// The name used on the command line (`--format NAME`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Rdjson => "rdjson",
            Format::Gitlab => "gitlab",
            Format::Junit => "junit",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown `--format` name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown format `{}`", self.0)
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// `--color auto|always|never`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to color text output. `Auto` colors only when the output is a terminal and
    /// `NO_COLOR` is unset (or empty); the caller finds out both, this crate does no I/O.
    pub fn should_color(self, output_is_terminal: bool, no_color_set: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => output_is_terminal && !no_color_set,
        }
    }
}

impl FromStr for ColorChoice {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "auto" => Ok(ColorChoice::Auto),
            "always" => Ok(ColorChoice::Always),
            "never" => Ok(ColorChoice::Never),
            other => Err(format!("unknown color choice `{other}`")),
        }
    }
}

/// Where renderers find the text of a file, by the path used in findings.
pub trait SourceLookup {
    fn source(&self, path: &str) -> Option<&str>;
}

/// The usual source map: path (as in findings) to file text.
pub type Sources = HashMap<String, Arc<str>>;

impl SourceLookup for HashMap<String, Arc<str>> {
    fn source(&self, path: &str) -> Option<&str> {
        self.get(path).map(|s| &**s)
    }
}

impl SourceLookup for BTreeMap<String, Arc<str>> {
    fn source(&self, path: &str) -> Option<&str> {
        self.get(path).map(|s| &**s)
    }
}

impl SourceLookup for HashMap<String, String> {
    fn source(&self, path: &str) -> Option<&str> {
        self.get(path).map(String::as_str)
    }
}

impl SourceLookup for BTreeMap<String, String> {
    fn source(&self, path: &str) -> Option<&str> {
        self.get(path).map(String::as_str)
    }
}

/// No sources at all: renderers fall back to what findings carry.
pub struct NoSources;

impl SourceLookup for NoSources {
    fn source(&self, _path: &str) -> Option<&str> {
        None
    }
}

/// Rendering options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Color text output (see [`ColorChoice::should_color`]). Other formats ignore it.
    pub color: bool,
    /// Absolute path of the directory finding paths are relative to (usually the working
    /// directory). SARIF declares it as `originalUriBaseIds["%SRCROOT%"]`; omitted when `None`.
    pub src_root: Option<String>,
    /// Where to read about connlint (SARIF `tool.driver.informationUri`, rdjson `source.url`).
    pub information_uri: Option<String>,
}

/// Everything a renderer needs.
pub struct Report<'a> {
    /// Sorted by the caller with [`Finding::sort_key`].
    pub findings: &'a [Finding],
    /// Per-file problems: parse errors, skipped and unreadable files, internal errors.
    pub notices: &'a [Notice],
    pub sources: &'a dyn SourceLookup,
    /// Metadata of every rule connlint knows (SARIF lists them all).
    pub rules: &'a [RuleInfo],
    /// connlint's version (`CARGO_PKG_VERSION` of the binary).
    pub tool_version: &'a str,
    pub options: Options,
}

impl<'a> Report<'a> {
    pub fn new(
        findings: &'a [Finding],
        notices: &'a [Notice],
        sources: &'a dyn SourceLookup,
        rules: &'a [RuleInfo],
        tool_version: &'a str,
    ) -> Self {
        Report {
            findings,
            notices,
            sources,
            rules,
            tool_version,
            options: Options::default(),
        }
    }

    pub fn with_options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    fn rule_info(&self, rule: RuleId) -> Option<&'a RuleInfo> {
        self.rules.iter().find(|r| r.id == rule)
    }
}

/// Writes `report` in `format` to `out`.
pub fn render(format: Format, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Text => text::render(report, out),
        Format::Json => json::render(report, out),
        Format::Sarif => sarif::render(report, out),
        Format::Github => github::render(report, out),
        Format::Rdjson => rdjson::render(report, out),
        Format::Gitlab => gitlab::render(report, out),
        Format::Junit => junit::render(report, out),
    }
}

/// The one-line summary text mode prints on stderr, e.g.
/// `connlint: 3 findings (client-per-request: 2, client-in-loop: 1), 1 notice, 12 files checked in 0.04s`.
pub fn summary_line(
    findings: &[Finding],
    notices: &[Notice],
    files_checked: usize,
    elapsed: Duration,
) -> String {
    let mut per_rule: BTreeMap<RuleId, usize> = BTreeMap::new();
    for f in findings {
        *per_rule.entry(f.rule).or_default() += 1;
    }
    let mut line = String::from("connlint: ");
    if findings.is_empty() {
        line.push_str("no findings");
    } else {
        line.push_str(&plural(findings.len(), "finding"));
        let parts: Vec<String> = per_rule
            .iter()
            .map(|(rule, n)| format!("{rule}: {n}"))
            .collect();
        line.push_str(&format!(" ({})", parts.join(", ")));
    }
    if !notices.is_empty() {
        line.push_str(&format!(", {}", plural(notices.len(), "notice")));
    }
    line.push_str(&format!(
        ", {} checked in {:.2}s",
        plural(files_checked, "file"),
        elapsed.as_secs_f64()
    ));
    line
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Pretty JSON and a final newline; I/O errors keep their kind (a broken pipe stays one).
pub(crate) fn write_json<T: serde::Serialize>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// Human names of the language families, for rule metadata.
pub(crate) fn family_name(f: LangFamily) -> &'static str {
    f.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;
    use connlint_core::{Location, Severity, Span};

    fn finding(rule: RuleId) -> Finding {
        Finding {
            rule,
            severity: Severity::Warning,
            location: Location {
                path: "a.js".into(),
                span: Span::new(0, 1),
            },
            message: "m".into(),
            label: "l".into(),
            related: vec![],
            help: None,
        }
    }

    #[test]
    fn formats_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>(), Ok(f));
        }
        assert!("xml".parse::<Format>().is_err());
    }

    #[test]
    fn color_auto_needs_a_terminal_and_no_no_color() {
        assert!(ColorChoice::Auto.should_color(true, false));
        assert!(!ColorChoice::Auto.should_color(true, true));
        assert!(!ColorChoice::Auto.should_color(false, false));
        assert!(ColorChoice::Always.should_color(false, true));
        assert!(!ColorChoice::Never.should_color(true, false));
    }

    #[test]
    fn summary_counts_per_rule() {
        let fs = [
            finding(RuleId::ClientInLoop),
            finding(RuleId::ClientPerRequest),
            finding(RuleId::ClientPerRequest),
        ];
        assert_eq!(
            summary_line(&fs, &[], 12, Duration::from_millis(40)),
            "connlint: 3 findings (client-per-request: 2, client-in-loop: 1), 12 files checked in 0.04s"
        );
        assert_eq!(
            summary_line(&[], &[], 1, Duration::from_millis(7)),
            "connlint: no findings, 1 file checked in 0.01s"
        );
    }
}
