//! What the rules produce and the renderers consume.

use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Stable rule ids. Users select and suppress by these strings; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleId {
    ClientPerRequest,
    ClientInLoop,
    CloseNotInFinally,
    ClientNeverClosed,
    SharedClientClosed,
    PoolSizeTooLarge,
}

impl RuleId {
    pub const ALL: [RuleId; 6] = [
        RuleId::ClientPerRequest,
        RuleId::ClientInLoop,
        RuleId::CloseNotInFinally,
        RuleId::ClientNeverClosed,
        RuleId::SharedClientClosed,
        RuleId::PoolSizeTooLarge,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::ClientPerRequest => "client-per-request",
            RuleId::ClientInLoop => "client-in-loop",
            RuleId::CloseNotInFinally => "close-not-in-finally",
            RuleId::ClientNeverClosed => "client-never-closed",
            RuleId::SharedClientClosed => "shared-client-closed",
            RuleId::PoolSizeTooLarge => "pool-size-too-large",
        }
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule `{0}`")]
pub struct UnknownRule(pub String);

impl FromStr for RuleId {
    type Err = UnknownRule;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleId::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRule(s.to_string()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place in a file: the path as shown to users (relative, `/`-separated) and a byte span.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub path: String,
    pub span: Span,
}

/// A secondary place that explains a finding: the handler, the risky call, a call site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub location: Location,
    pub message: String,
}

/// One problem connlint reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    pub location: Location,
    /// One sentence, no trailing period.
    pub message: String,
    /// The label under the primary span in text output.
    pub label: String,
    pub related: Vec<Related>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Finding {
    /// The order findings are reported in: path, position, rule.
    pub fn sort_key(&self) -> (&str, u32, u32, RuleId) {
        (
            &self.location.path,
            self.location.span.start,
            self.location.span.end,
            self.rule,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_round_trip() {
        for r in RuleId::ALL {
            assert_eq!(r.as_str().parse::<RuleId>(), Ok(r));
        }
        assert!("client-per-requests".parse::<RuleId>().is_err());
    }
}

/// What a notice is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoticeKind {
    /// The file has syntax errors; findings come from the parts that parsed.
    ParseError,
    /// The file was skipped on purpose (too large, minified, binary).
    Skipped,
    /// The file could not be read (permissions, vanished, invalid UTF-8, not a regular file).
    Unreadable,
    /// connlint failed on this file (a bug): the rest of the run went on.
    Internal,
    /// An inline suppression names an unknown rule, or silenced nothing.
    Suppression,
}

/// A per-file message that is not a finding: parse errors, skipped or unreadable files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub kind: NoticeKind,
    pub path: String,
    pub span: Option<Span>,
    pub message: String,
}
