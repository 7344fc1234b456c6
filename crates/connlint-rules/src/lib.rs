//! The connlint rules: Facts of every file in, Findings out.
//!
//! One file per rule. Each opens with its documentation ("What it does / Why is this bad /
//! Example / Use instead"), declared through [`declare_rule!`] so that `connlint rule ID`, SARIF
//! rule help and rustdoc all read the same text.
//!
//! Rules see Facts and the knowledge packs, never syntax.

mod client_in_loop;
mod client_per_request;
pub mod graph;

use connlint_core::{Facts, Finding, Knowledge, Lang, LangFamily, RuleId, Severity};

/// The Facts of one file, with the path shown to users.
#[derive(Debug, Clone)]
pub struct FileFacts {
    pub path: String,
    pub lang: Lang,
    pub facts: Facts,
}

/// Static description of a rule.
#[derive(Debug)]
pub struct RuleMeta {
    pub id: RuleId,
    pub languages: &'static [LangFamily],
    pub default_severity: Severity,
    pub tags: &'static [&'static str],
    raw_doc: &'static str,
}

impl RuleMeta {
    /// The rule's documentation as Markdown.
    pub fn doc(&self) -> String {
        let mut out = String::new();
        for line in self.raw_doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string() + "\n"
    }

    /// The first sentence of "What it does".
    pub fn summary(&self) -> String {
        let para = self.first_paragraph();
        match para.find(". ") {
            Some(i) => para[..=i].to_string(),
            None => para,
        }
    }

    /// The first paragraph of "What it does", on one line.
    pub fn first_paragraph(&self) -> String {
        let doc = self.doc();
        let body = doc
            .lines()
            .skip_while(|l| l.trim().is_empty() || l.starts_with('#'))
            .take_while(|l| !l.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        body.trim().to_string()
    }
}

/// Declares a rule's metadata with its documentation taken from the doc comment.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub static $name:ident = {
            id: $id:expr,
            languages: $langs:expr,
            severity: $sev:expr,
            tags: $tags:expr $(,)?
        };
    ) => {
        $(#[doc = $doc])*
        pub static $name: $crate::RuleMeta = $crate::RuleMeta {
            id: $id,
            languages: $langs,
            default_severity: $sev,
            tags: $tags,
            raw_doc: concat!($($doc, "\n"),*),
        };
    };
}
pub(crate) use declare_rule;

/// Every rule, in id order.
pub fn all_rules() -> [&'static RuleMeta; 2] {
    [
        &client_per_request::CLIENT_PER_REQUEST,
        &client_in_loop::CLIENT_IN_LOOP,
    ]
}

/// The metadata of one rule, if it is implemented.
pub fn rule(id: RuleId) -> Option<&'static RuleMeta> {
    all_rules().into_iter().find(|r| r.id == id)
}

/// Knobs the rules read.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Rules to run.
    pub enabled: Vec<RuleId>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            enabled: RuleId::ALL.to_vec(),
        }
    }
}

/// Runs every enabled rule over the project and returns the findings, sorted.
pub fn check(files: &[FileFacts], kb: &Knowledge, settings: &Settings) -> Vec<Finding> {
    let graph = graph::Graph::build(files);
    let ctx = Context {
        files,
        kb,
        graph: &graph,
    };
    let mut findings = Vec::new();
    if settings.enabled.contains(&RuleId::ClientPerRequest) {
        client_per_request::check(&ctx, &mut findings);
    }
    if settings.enabled.contains(&RuleId::ClientInLoop) {
        client_in_loop::check(&ctx, &mut findings);
    }
    for f in &mut findings {
        if let Some(meta) = rule(f.rule) {
            f.severity = meta.default_severity;
        }
    }
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup_by(|a, b| a.rule == b.rule && a.location == b.location);
    findings
}

/// What every rule gets.
pub(crate) struct Context<'a> {
    pub files: &'a [FileFacts],
    pub kb: &'a Knowledge,
    pub graph: &'a graph::Graph,
}

impl Context<'_> {
    /// The library and symbol of a client id, for messages.
    pub fn client_name(&self, id: &str) -> (String, String) {
        match self.kb.client(id) {
            Some(c) => (c.library.clone(), c.display().to_string()),
            None => (id.to_string(), id.to_string()),
        }
    }
}

#[cfg(test)]
mod doc_tests {
    use super::*;

    #[test]
    fn every_rule_has_the_four_doc_sections() {
        for r in all_rules() {
            let doc = r.doc();
            for heading in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "Use instead:",
            ] {
                assert!(doc.contains(heading), "{} lacks {heading}", r.id);
            }
            assert!(r.first_paragraph().len() < 1024);
            assert!(r.summary().ends_with('.'), "{}", r.summary());
        }
    }
}

#[cfg(test)]
mod tests;
