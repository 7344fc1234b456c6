//! rustc-style text output through codespan-reporting.
//!
//! codespan only ever sees escaped text: file names, messages and labels go through
//! [`escape_line`], sources through [`EscapedSource`], whose offset map keeps the labels on the
//! right characters. Columns in the `--> path:line:col` header are those of the original file.

use crate::escape::{escape_line, escape_text, EscapedSource};
use crate::{Report, SourceLookup};
use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor, Chars, Config};
use connlint_core::{LineIndex, NoticeKind, Severity, Span};
use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;

struct TextFile<'a> {
    /// Escaped file name.
    name: String,
    original: &'a str,
    original_index: LineIndex,
    escaped: EscapedSource,
    line_starts: Vec<usize>,
}

impl TextFile<'_> {
    fn clamp(&self, offset: u32) -> usize {
        let mut o = (offset as usize).min(self.original.len());
        while o > 0 && !self.original.is_char_boundary(o) {
            o -= 1;
        }
        o
    }

    /// The escaped-text range of an original span.
    fn range(&self, span: Span) -> Range<usize> {
        let s = self.clamp(span.start);
        let e = self.clamp(span.end).max(s);
        self.escaped.to_escaped(s)..self.escaped.to_escaped(e)
    }
}

#[derive(Default)]
struct TextFiles<'a> {
    files: Vec<TextFile<'a>>,
    by_path: HashMap<&'a str, Option<usize>>,
}

impl<'a> TextFiles<'a> {
    /// The file id of `path`, or `None` when its source is not available.
    fn id(&mut self, path: &'a str, sources: &'a dyn SourceLookup) -> Option<usize> {
        if let Some(id) = self.by_path.get(path) {
            return *id;
        }
        let id = sources.source(path).map(|text| {
            let escaped = EscapedSource::new(text);
            let line_starts = codespan_reporting::files::line_starts(&escaped.text).collect();
            self.files.push(TextFile {
                name: escape_line(path),
                original: text,
                original_index: LineIndex::new(text),
                escaped,
                line_starts,
            });
            self.files.len() - 1
        });
        self.by_path.insert(path, id);
        id
    }

    fn get(&self, id: usize) -> Result<&TextFile<'a>, FilesError> {
        self.files.get(id).ok_or(FilesError::FileMissing)
    }
}

impl<'f> Files<'f> for TextFiles<'_> {
    type FileId = usize;
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, id: usize) -> Result<&'f str, FilesError> {
        Ok(&self.get(id)?.name)
    }

    fn source(&'f self, id: usize) -> Result<&'f str, FilesError> {
        Ok(&self.get(id)?.escaped.text)
    }

    fn line_index(&'f self, id: usize, byte_index: usize) -> Result<usize, FilesError> {
        let f = self.get(id)?;
        Ok(f.line_starts
            .binary_search(&byte_index)
            .unwrap_or_else(|next| next.saturating_sub(1)))
    }

    fn line_range(&'f self, id: usize, line_index: usize) -> Result<Range<usize>, FilesError> {
        let f = self.get(id)?;
        let start = *f
            .line_starts
            .get(line_index)
            .ok_or(FilesError::LineTooLarge {
                given: line_index,
                max: f.line_starts.len().saturating_sub(1),
            })?;
        let end = f
            .line_starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(f.escaped.text.len());
        Ok(start..end)
    }

    /// The column in the original text, in characters, so that escapes do not shift it.
    fn column_number(
        &'f self,
        id: usize,
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let f = self.get(id)?;
        let original = f.escaped.to_original(byte_index).min(f.original.len());
        Ok(f.original_index
            .line_col(original as u32, f.original)
            .column as usize)
    }
}

fn cs_severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Note => CsSeverity::Note,
        Severity::Warning => CsSeverity::Warning,
        Severity::Error => CsSeverity::Error,
    }
}

fn notice_severity(kind: NoticeKind) -> CsSeverity {
    match kind {
        NoticeKind::ParseError | NoticeKind::Skipped => CsSeverity::Note,
        NoticeKind::Unreadable | NoticeKind::Suppression => CsSeverity::Warning,
        NoticeKind::Internal => CsSeverity::Bug,
    }
}

pub(crate) fn notice_code(kind: NoticeKind) -> &'static str {
    match kind {
        NoticeKind::ParseError => "parse-error",
        NoticeKind::Skipped => "skipped",
        NoticeKind::Suppression => "suppression",
        NoticeKind::Unreadable => "unreadable",
        NoticeKind::Internal => "internal",
    }
}

fn diagnostics<'a>(report: &Report<'a>, files: &mut TextFiles<'a>) -> Vec<Diagnostic<usize>> {
    let mut out = Vec::new();
    for f in report.findings {
        let mut d = Diagnostic::new(cs_severity(f.severity))
            .with_code(f.rule.as_str())
            .with_message(escape_line(&f.message));
        let mut notes = Vec::new();
        match files.id(&f.location.path, report.sources) {
            Some(id) => {
                let range = files.files.get(id).map(|t| t.range(f.location.span));
                if let Some(range) = range {
                    d = d.with_label(Label::primary(id, range).with_message(escape_line(&f.label)));
                }
            }
            None => notes.push(format!(
                "in {} (source not available)",
                escape_line(&f.location.path)
            )),
        }
        for r in &f.related {
            match files.id(&r.location.path, report.sources) {
                Some(id) => {
                    if let Some(range) = files.files.get(id).map(|t| t.range(r.location.span)) {
                        d = d.with_label(
                            Label::secondary(id, range).with_message(escape_line(&r.message)),
                        );
                    }
                }
                None => notes.push(format!(
                    "{}: {}",
                    escape_line(&r.location.path),
                    escape_line(&r.message)
                )),
            }
        }
        if let Some(help) = &f.help {
            notes.push(format!("help: {}", escape_text(help)));
        }
        out.push(d.with_notes(notes));
    }
    for n in report.notices {
        let d = Diagnostic::new(notice_severity(n.kind)).with_code(notice_code(n.kind));
        let with_span = n.span.and_then(|span| {
            let id = files.id(&n.path, report.sources)?;
            files.files.get(id).map(|t| (id, t.range(span)))
        });
        let d = match with_span {
            Some((id, range)) => d
                .with_message(escape_line(&n.message))
                .with_label(Label::primary(id, range)),
            None => d.with_message(format!(
                "{}: {}",
                escape_line(&n.path),
                escape_line(&n.message)
            )),
        };
        out.push(d);
    }
    out
}

pub(crate) fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut files = TextFiles::default();
    let diags = diagnostics(report, &mut files);
    let config = Config {
        chars: Chars::ascii(),
        ..Config::default()
    };
    if report.options.color {
        let mut w = termcolor::Ansi::new(out);
        emit_all(&mut w, &config, &files, &diags)
    } else {
        let mut w = termcolor::NoColor::new(out);
        emit_all(&mut w, &config, &files, &diags)
    }
}

fn emit_all<W: termcolor::WriteColor>(
    w: &mut W,
    config: &Config,
    files: &TextFiles<'_>,
    diags: &[Diagnostic<usize>],
) -> io::Result<()> {
    for d in diags {
        term::emit_to_write_style(w, config, files, d).map_err(|e| match e {
            FilesError::Io(e) => e,
            other => io::Error::other(other.to_string()),
        })?;
    }
    Ok(())
}
