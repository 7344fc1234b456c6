//! JUnit XML: one test case per finding (a failure) and per notice, in one test suite.
//!
//! Unreadable files and internal errors are `<error>`s, skipped files `<skipped>`, files with
//! syntax errors and unused or unknown suppressions pass with the message in `<system-err>`. A clean run has one passing test
//! case, so CI systems do not report an empty suite.
//!
//! XML 1.0 cannot carry most control characters at all, not even as character references, so
//! those (and bidi controls, for the people who read the report) are written as `\u{..}`.

use crate::escape::is_dangerous;
use crate::position::Positions;
use crate::text::notice_code;
use crate::Report;
use connlint_core::NoticeKind;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Escapes text for XML element content or a double-quoted attribute value.
pub fn escape_xml(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' | '\t' => out.push(c),
            '\r' => out.push_str("&#13;"),
            '\u{FFFE}' | '\u{FFFF}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c if is_dangerous(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

struct Case {
    classname: String,
    name: String,
    /// The element inside the test case, already escaped, or empty for a pass.
    body: String,
}

pub(crate) fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut positions = Positions::new(report.sources);
    let mut cases = Vec::new();
    let (mut failures, mut errors, mut skipped) = (0, 0, 0);
    for f in report.findings {
        let (at, name) = match positions.range(&f.location.path, f.location.span) {
            Some(r) => (
                format!(":{}:{}", r.start.line, r.start.column),
                format!("{} at {}:{}", f.rule, r.start.line, r.start.column),
            ),
            None => (String::new(), f.rule.to_string()),
        };
        let mut details = format!(
            "{}{at}: {}: {}",
            f.location.path,
            f.severity.as_str(),
            f.message
        );
        for r in &f.related {
            let _ = write!(details, "\n{}", r.location.path);
            if let Some(range) = positions.range(&r.location.path, r.location.span) {
                let _ = write!(details, ":{}:{}", range.start.line, range.start.column);
            }
            let _ = write!(details, ": {}", r.message);
        }
        if let Some(help) = &f.help {
            let _ = write!(details, "\nhelp: {help}");
        }
        failures += 1;
        cases.push(Case {
            classname: f.location.path.clone(),
            name,
            body: format!(
                "<failure type=\"{}\" message=\"{}\">{}</failure>",
                f.rule,
                escape_xml(&f.message, true),
                escape_xml(&details, false)
            ),
        });
    }
    for n in report.notices {
        let kind = notice_code(n.kind);
        let message = escape_xml(&n.message, true);
        let body = match n.kind {
            NoticeKind::Unreadable | NoticeKind::Internal => {
                errors += 1;
                format!("<error type=\"{kind}\" message=\"{message}\"/>")
            }
            NoticeKind::Skipped => {
                skipped += 1;
                format!("<skipped message=\"{message}\"/>")
            }
            NoticeKind::ParseError | NoticeKind::Suppression => {
                format!("<system-err>{}</system-err>", escape_xml(&n.message, false))
            }
        };
        cases.push(Case {
            classname: n.path.clone(),
            name: kind.to_string(),
            body,
        });
    }
    if cases.is_empty() {
        cases.push(Case {
            classname: "connlint".into(),
            name: "no findings".into(),
            body: String::new(),
        });
    }
    let counts = format!(
        "tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\"",
        cases.len()
    );
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(xml, "<testsuites name=\"connlint\" {counts}>");
    let _ = writeln!(xml, "  <testsuite name=\"connlint\" {counts}>");
    for c in &cases {
        let open = format!(
            "    <testcase classname=\"{}\" name=\"{}\"",
            escape_xml(&c.classname, true),
            escape_xml(&c.name, true)
        );
        if c.body.is_empty() {
            let _ = writeln!(xml, "{open}/>");
        } else {
            let _ = writeln!(xml, "{open}>\n      {}\n    </testcase>", c.body);
        }
    }
    xml.push_str("  </testsuite>\n</testsuites>\n");
    out.write_all(xml.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping() {
        assert_eq!(escape_xml("a<b>&\"'", true), "a&lt;b&gt;&amp;&quot;&apos;");
        assert_eq!(escape_xml("a\nb\rc", true), "a&#10;b&#13;c");
        assert_eq!(escape_xml("a\nb\tc", false), "a\nb\tc");
        assert_eq!(
            escape_xml("\x00\x1b[2J\u{202e}\u{FFFF}", false),
            "\\u{0}\\u{1b}[2J\\u{202e}\\u{ffff}"
        );
    }
}
