//! GitHub Actions workflow commands: one annotation per finding and notice.
//!
//! `::warning file=PATH,line=L,endLine=L,col=C,endColumn=C,title=RULE::MESSAGE`. GitHub
//! decodes `%25`, `%0D` and `%0A` in the message ("data") and additionally `%3A` and `%2C` in
//! property values. Everything else reaches the Actions log as is, and that log interprets ANSI
//! sequences, so other control characters and bidi overrides are escaped for display first.

use crate::escape::is_dangerous;
use crate::position::Positions;
use crate::text::notice_code;
use crate::Report;
use connlint_core::{NoticeKind, Severity};
use std::fmt::Write as _;
use std::io::{self, Write};

/// Escapes a message for the data part of a workflow command.
pub fn escape_data(s: &str) -> String {
    escape(s, false)
}

/// Escapes a property value (`file=`, `title=`) of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, property: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c if is_dangerous(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Note => "notice",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

pub(crate) fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut positions = Positions::new(report.sources);
    for f in report.findings {
        let mut props = format!("file={}", escape_property(&f.location.path));
        if let Some(r) = positions.range(&f.location.path, f.location.span) {
            let _ = write!(
                props,
                ",line={},endLine={},col={},endColumn={}",
                r.start.line, r.end.line, r.start.column, r.end.column
            );
        }
        let _ = write!(props, ",title={}", escape_property(f.rule.as_str()));
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
        writeln!(
            out,
            "::{} {}::{}",
            command(f.severity),
            props,
            escape_data(&message)
        )?;
    }
    for n in report.notices {
        let cmd = match n.kind {
            NoticeKind::ParseError | NoticeKind::Skipped => "notice",
            NoticeKind::Unreadable | NoticeKind::Suppression => "warning",
            NoticeKind::Internal => "error",
        };
        let mut props = format!("file={}", escape_property(&n.path));
        if let Some(r) = n.span.and_then(|s| positions.range(&n.path, s)) {
            let _ = write!(props, ",line={},col={}", r.start.line, r.start.column);
        }
        let _ = write!(
            props,
            ",title={}",
            escape_property(&format!("connlint {}", notice_code(n.kind)))
        );
        writeln!(out, "::{cmd} {props}::{}", escape_data(&n.message))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escaping() {
        assert_eq!(escape_data("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
        assert_eq!(escape_data("x\x1b[2Jy"), "x\\u{1b}[2Jy");
    }

    #[test]
    fn property_escaping() {
        assert_eq!(escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
        assert_eq!(escape_property("é\u{202e}.js"), "é\\u{202e}.js");
    }
}
