//! Inline suppressions: `connlint-ignore`, `connlint-ignore: rule, rule` and
//! `connlint-ignore-file[: rules]` in comments.
//!
//! Comments are found lexically, so that every language is handled the same way and a file that
//! does not parse can still be suppressed: a directive counts when a comment opener of the
//! language (`//`, `/*`, or `#` in Python; a `*` continuation line in a block comment) comes
//! before it on its line.

use crate::lang::LangFamily;
use crate::span::{LineIndex, Span};

/// Which rules a directive names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rules {
    All,
    Some(Vec<String>),
}

/// One directive found in a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// 0-based line of the comment.
    pub line: usize,
    pub span: Span,
    pub rules: Rules,
    /// `connlint-ignore-file`: applies to the whole file. Only honoured in the file's first
    /// comment block (see [`Directive::in_header`]).
    pub file_level: bool,
    /// Whether the directive sits in the first comment block of the file (nothing but blank
    /// lines, comments and a shebang before it).
    pub in_header: bool,
    /// Whether its line holds nothing but the comment (then it applies to the next line too).
    pub own_line: bool,
}

const MARK: &str = "connlint-ignore";

/// Finds every directive in `text`.
pub fn scan(text: &str, family: LangFamily) -> Vec<Directive> {
    let mut out = Vec::new();
    if memchr::memmem::find(text.as_bytes(), MARK.as_bytes()).is_none() {
        return out;
    }
    let index = LineIndex::new(text);
    let mut header = true;
    let mut in_block = false;
    for line_no in 0..index.line_count() {
        let range = index.line_range(line_no, text);
        let start = range.start;
        let Some(line) = text.get(range) else {
            continue;
        };
        let trimmed = line.trim_start();
        let comment_line = in_block
            || trimmed.is_empty()
            || trimmed.starts_with("#!")
            || match family {
                LangFamily::Python => trimmed.starts_with('#'),
                _ => trimmed.starts_with("//") || trimmed.starts_with("/*"),
            };
        if !comment_line {
            header = false;
        }
        if family != LangFamily::Python {
            if let Some(open) = line.rfind("/*") {
                in_block = !line[open..].contains("*/");
            } else if in_block && line.contains("*/") {
                in_block = false;
            }
        }
        let Some(pos) = line.find(MARK) else { continue };
        let before = &line[..pos];
        let opener = match family {
            LangFamily::Python => before.find('#'),
            _ => before
                .find("//")
                .or_else(|| before.find("/*"))
                .or_else(|| before.trim_start().starts_with('*').then_some(0)),
        };
        let Some(opener) = opener else { continue };
        let rest = &line[pos + MARK.len()..];
        let (file_level, rest) = match rest.strip_prefix("-file") {
            Some(r) => (true, r),
            None => (false, rest),
        };
        // `connlint-ignored` or `connlint-ignore-next` are not directives.
        if rest.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_') {
            continue;
        }
        let rules = match rest.trim_start().strip_prefix(':') {
            Some(list) => {
                let list = list.split("*/").next().unwrap_or("");
                let names: Vec<String> = list
                    .split([',', ' ', '\t'])
                    .map(str::trim)
                    .take_while(|s| !s.starts_with("--"))
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                if names.is_empty() {
                    Rules::All
                } else {
                    Rules::Some(names)
                }
            }
            None => Rules::All,
        };
        out.push(Directive {
            line: line_no,
            span: Span::new(start + pos, start + pos + MARK.len()),
            rules,
            file_level,
            in_header: header,
            own_line: line[..opener].trim().is_empty(),
        });
    }
    out
}

impl Directive {
    /// Does this directive silence `rule` reported on 0-based `line`?
    pub fn covers(&self, rule: &str, line: usize) -> bool {
        let rule_ok = match &self.rules {
            Rules::All => true,
            Rules::Some(names) => names.iter().any(|n| n == rule),
        };
        if !rule_ok {
            return false;
        }
        if self.file_level {
            return self.in_header;
        }
        line == self.line || (self.own_line && line == self.line + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, fam: LangFamily) -> Vec<(usize, Rules, bool)> {
        scan(text, fam)
            .into_iter()
            .map(|d| (d.line, d.rules, d.file_level))
            .collect()
    }

    #[test]
    fn forms() {
        let text = "a(); // connlint-ignore\n// connlint-ignore: client-per-request, client-never-closed\nb();\n/* connlint-ignore: client-in-loop */ c();\n";
        assert_eq!(
            lines(text, LangFamily::Js),
            vec![
                (0, Rules::All, false),
                (
                    1,
                    Rules::Some(vec![
                        "client-per-request".into(),
                        "client-never-closed".into()
                    ]),
                    false
                ),
                (3, Rules::Some(vec!["client-in-loop".into()]), false),
            ]
        );
    }

    #[test]
    fn python_comments_only() {
        let text = "x = 'connlint-ignore'\ny = 1  # connlint-ignore: client-in-loop\n";
        assert_eq!(
            lines(text, LangFamily::Python),
            vec![(1, Rules::Some(vec!["client-in-loop".into()]), false)]
        );
    }

    #[test]
    fn not_in_code_or_longer_words() {
        let text = "const s = \"connlint-ignore\";\n// connlint-ignored here\n";
        assert!(scan(text, LangFamily::Js).is_empty());
    }

    #[test]
    fn file_level_only_in_the_header() {
        let text = "#!/usr/bin/env node\n// header\n// connlint-ignore-file: client-in-loop\nconst a = 1;\n// connlint-ignore-file\n";
        let d = scan(text, LangFamily::Js);
        assert_eq!(d.len(), 2);
        assert!(d[0].file_level && d[0].in_header);
        assert!(d[1].file_level && !d[1].in_header);
        assert!(d[0].covers("client-in-loop", 99));
        assert!(!d[0].covers("client-per-request", 99));
        assert!(!d[1].covers("client-per-request", 99));
    }

    #[test]
    fn line_and_line_above() {
        let text = "// connlint-ignore\na();\nb(); // connlint-ignore\nc();\n";
        let d = scan(text, LangFamily::Js);
        assert!(d[0].covers("x", 1));
        assert!(!d[0].covers("x", 2));
        assert!(d[1].covers("x", 2));
        assert!(
            !d[1].covers("x", 3),
            "a trailing comment covers its own line only"
        );
    }

    #[test]
    fn block_comment_header() {
        let text = "/*\n * connlint-ignore-file\n */\nconst a = 1;\n";
        let d = scan(text, LangFamily::Js);
        assert_eq!(d.len(), 1);
        assert!(d[0].file_level && d[0].in_header);
    }
}
