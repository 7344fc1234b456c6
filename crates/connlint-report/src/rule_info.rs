//! Rule metadata as the renderers need it (SARIF `tool.driver.rules`, help links).

use connlint_core::{LangFamily, RuleId, Severity};

/// What the renderers know about one rule. Build it with [`RuleInfo::from_doc`] from the rule's
/// documentation so that every output says the same thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo {
    pub id: RuleId,
    /// A readable identifier, `ClientPerRequest` for `client-per-request` (SARIF `name`).
    pub name: String,
    /// The first sentence of the doc (SARIF `shortDescription`).
    pub short_description: String,
    /// The first paragraph of the doc, under 1024 characters (SARIF `fullDescription`).
    pub full_description: String,
    /// The whole doc in Markdown (SARIF `help.markdown`).
    pub help_markdown: String,
    /// The whole doc as plain text (SARIF `help.text`).
    pub help_text: String,
    pub default_severity: Severity,
    pub tags: Vec<String>,
    pub help_uri: Option<String>,
    pub languages: Vec<LangFamily>,
}

/// SARIF recommends that `fullDescription` stays short; GitHub cuts it at 1024 characters.
const FULL_DESCRIPTION_MAX: usize = 1023;

impl RuleInfo {
    /// Derives every description from the rule's Markdown doc, written the ruff way:
    /// `## What it does`, a paragraph, `## Why is this bad?`, ... The first paragraph is the
    /// first block of text that is not a heading; its first sentence is the short description.
    pub fn from_doc(
        id: RuleId,
        doc: &str,
        default_severity: Severity,
        tags: &[&str],
        languages: &[LangFamily],
        help_uri: Option<String>,
    ) -> Self {
        let paragraph = first_paragraph(doc);
        let short_description = first_sentence(&paragraph);
        RuleInfo {
            id,
            name: pascal_case(id.as_str()),
            short_description,
            full_description: truncate_chars(&paragraph, FULL_DESCRIPTION_MAX),
            help_markdown: doc.trim().to_string(),
            help_text: markdown_to_text(doc),
            default_severity,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            help_uri,
            languages: languages.to_vec(),
        }
    }

    /// A minimal entry for a rule the caller gave no metadata for.
    pub fn bare(id: RuleId) -> Self {
        RuleInfo {
            id,
            name: pascal_case(id.as_str()),
            short_description: id.as_str().to_string(),
            full_description: id.as_str().to_string(),
            help_markdown: String::new(),
            help_text: String::new(),
            default_severity: Severity::Warning,
            tags: Vec::new(),
            help_uri: None,
            languages: Vec::new(),
        }
    }
}

fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(c) => c.to_uppercase().chain(cs).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// The first run of non-blank lines that is neither a heading nor a code fence, joined by
/// spaces.
fn first_paragraph(doc: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    let mut in_fence = false;
    for line in doc.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            if !lines.is_empty() {
                break;
            }
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        if t.is_empty() || t.starts_with('#') {
            if !lines.is_empty() {
                break;
            }
            continue;
        }
        lines.push(t);
    }
    lines.join(" ")
}

/// Up to and including the first `.`, `!` or `?` followed by a space or the end.
fn first_sentence(paragraph: &str) -> String {
    let mut prev_end = false;
    for (i, c) in paragraph.char_indices() {
        if prev_end && c == ' ' {
            return paragraph.get(..i).unwrap_or(paragraph).to_string();
        }
        prev_end = matches!(c, '.' | '!' | '?');
    }
    paragraph.to_string()
}

fn truncate_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Plain text from the rule docs' small Markdown subset: heading markers and code fences go,
/// everything else stays.
fn markdown_to_text(doc: &str) -> String {
    let mut out = Vec::new();
    for line in doc.trim().lines() {
        let t = line.trim_start();
        if t.starts_with("```") {
            continue;
        }
        if t.starts_with('#') {
            out.push(t.trim_start_matches('#').trim_start().to_string());
        } else {
            out.push(line.to_string());
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "## What it does\nChecks for pooled clients built per request. They open a pool\neach time.\n\n## Why is this bad?\nSockets run out.\n\n## Example\n```js\nnew MongoClient(uri)\n```\n";

    #[test]
    fn descriptions_come_from_the_doc() {
        let r = RuleInfo::from_doc(
            RuleId::ClientPerRequest,
            DOC,
            Severity::Warning,
            &["performance"],
            &[LangFamily::Js],
            None,
        );
        assert_eq!(r.name, "ClientPerRequest");
        assert_eq!(
            r.short_description,
            "Checks for pooled clients built per request."
        );
        assert_eq!(
            r.full_description,
            "Checks for pooled clients built per request. They open a pool each time."
        );
        assert!(r.help_text.starts_with("What it does\nChecks"));
        assert!(!r.help_text.contains("```"));
        assert!(r.help_markdown.contains("```js"));
    }

    #[test]
    fn long_paragraphs_are_cut_under_1024_chars() {
        let doc = "x".repeat(5000);
        let r = RuleInfo::from_doc(
            RuleId::ClientInLoop,
            &doc,
            Severity::Warning,
            &[],
            &[],
            None,
        );
        assert!(r.full_description.chars().count() < 1024);
    }
}
