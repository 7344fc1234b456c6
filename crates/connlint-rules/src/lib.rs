//! The connlint rules: Facts of every file in, Findings out.
//!
//! One file per rule. Each opens with its documentation ("What it does / Why is this bad /
//! Example / Use instead"), declared through [`declare_rule!`] so that `connlint rule ID`, SARIF
//! rule help and rustdoc all read the same text.
//!
//! Rules see Facts and the knowledge packs, never syntax.

mod client_in_loop;
mod client_never_closed;
mod client_per_request;
mod close_not_in_finally;
pub mod graph;
mod leaks;
mod pool_size_too_large;
pub mod resolve;
mod shared_client_closed;

use connlint_core::{Facts, Finding, Knowledge, Lang, LangFamily, RuleId, Severity};

/// The Facts of one file, with the path shown to users.
#[derive(Debug, Clone)]
pub struct FileFacts {
    pub path: String,
    pub lang: Lang,
    pub facts: Facts,
    /// Index of the settings profile (configuration) that applies to this file.
    pub profile: usize,
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
pub fn all_rules() -> [&'static RuleMeta; 6] {
    [
        &client_per_request::CLIENT_PER_REQUEST,
        &client_in_loop::CLIENT_IN_LOOP,
        &close_not_in_finally::CLOSE_NOT_IN_FINALLY,
        &client_never_closed::CLIENT_NEVER_CLOSED,
        &shared_client_closed::SHARED_CLIENT_CLOSED,
        &pool_size_too_large::POOL_SIZE_TOO_LARGE,
    ]
}

/// The metadata of one rule, if it is implemented.
pub fn rule(id: RuleId) -> Option<&'static RuleMeta> {
    all_rules().into_iter().find(|r| r.id == id)
}

/// Pool-size thresholds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolLimits {
    /// Pool sizes above this are reported.
    pub max_pool_size: u64,
    /// With `server_connection_limit`: how many instances of the application run at once.
    pub instances: Option<u64>,
    /// The database server's connection limit, shared by every instance.
    pub server_connection_limit: Option<u64>,
}

impl Default for PoolLimits {
    fn default() -> Self {
        PoolLimits {
            max_pool_size: 100,
            instances: None,
            server_connection_limit: None,
        }
    }
}

/// The settings that apply to a group of files (one configuration file's subtree).
#[derive(Debug, Clone)]
pub struct Profile {
    /// Rules reported in these files.
    pub enabled: Vec<RuleId>,
    /// Severity overrides.
    pub severity: Vec<(RuleId, Severity)>,
    pub pool: PoolLimits,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            enabled: RuleId::ALL.to_vec(),
            severity: Vec::new(),
            pool: PoolLimits::default(),
        }
    }
}

/// Knobs the rules read: one profile per configuration in effect; each file names its own.
#[derive(Debug, Clone)]
pub struct Settings {
    pub profiles: Vec<Profile>,
    /// tsconfig/jsconfig path aliases found in the project.
    pub js_aliases: Vec<resolve::JsAliases>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            profiles: vec![Profile::default()],
            js_aliases: Vec::new(),
        }
    }
}

impl Settings {
    /// The profile of a file; the first one when out of range.
    pub fn profile(&self, index: usize) -> &Profile {
        static DEFAULT: std::sync::OnceLock<Profile> = std::sync::OnceLock::new();
        self.profiles
            .get(index)
            .or(self.profiles.first())
            .unwrap_or_else(|| DEFAULT.get_or_init(Profile::default))
    }
}

/// Runs every rule over the project and returns the findings that the profile of their file
/// enables, with its severities, sorted.
pub fn check(files: &[FileFacts], kb: &Knowledge, settings: &Settings) -> Vec<Finding> {
    check_with(files, kb, settings, None)
}

/// [`check`], resolving imports with a memo kept from earlier graph builds over the same files
/// (see [`resolve::ModuleMemo`]).
pub fn check_with(
    files: &[FileFacts],
    kb: &Knowledge,
    settings: &Settings,
    memo: Option<&resolve::ModuleMemo>,
) -> Vec<Finding> {
    let graph = graph::Graph::build_with(files, &settings.js_aliases, memo);
    let ctx = Context {
        files,
        kb,
        graph: &graph,
        settings,
        memo,
    };
    let mut findings = Vec::new();
    client_per_request::check(&ctx, &mut findings);
    client_in_loop::check(&ctx, &mut findings);
    close_not_in_finally::check(&ctx, &mut findings);
    client_never_closed::check(&ctx, &mut findings);
    shared_client_closed::check(&ctx, &mut findings);
    pool_size_too_large::check(&ctx, &mut findings);
    let profile_of: foldhash::HashMap<&str, usize> =
        files.iter().map(|f| (f.path.as_str(), f.profile)).collect();
    findings.retain_mut(|f| {
        let profile = settings.profile(
            profile_of
                .get(f.location.path.as_str())
                .copied()
                .unwrap_or(0),
        );
        if !profile.enabled.contains(&f.rule) {
            return false;
        }
        f.severity = profile
            .severity
            .iter()
            .find(|(r, _)| *r == f.rule)
            .map(|(_, s)| *s)
            .or_else(|| rule(f.rule).map(|m| m.default_severity))
            .unwrap_or(f.severity);
        true
    });
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup_by(|a, b| a.rule == b.rule && a.location == b.location);
    findings
}

/// What every rule gets.
pub(crate) struct Context<'a> {
    pub files: &'a [FileFacts],
    pub kb: &'a Knowledge,
    pub graph: &'a graph::Graph,
    pub settings: &'a Settings,
    /// Import resolutions kept across graph builds, if the caller keeps them.
    pub memo: Option<&'a resolve::ModuleMemo>,
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
