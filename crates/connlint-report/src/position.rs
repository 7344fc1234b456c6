//! Byte offsets to lines and columns, once per file, for every format.

use crate::SourceLookup;
use connlint_core::{LineIndex, Span};
use std::collections::HashMap;

/// A 1-based position in every unit a format may want.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pos {
    pub line: u32,
    /// Counted in Unicode scalar values.
    pub column: u32,
    /// Counted in UTF-16 code units (SARIF).
    pub column_utf16: u32,
    /// Counted in UTF-8 bytes (reviewdog).
    pub column_byte: u32,
    /// The byte offset the position was computed from, after clamping.
    pub offset: u32,
}

/// Start and end of a span; `end` is exclusive, like the span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Range {
    pub start: Pos,
    pub end: Pos,
}

pub(crate) struct FileText<'a> {
    pub text: &'a str,
    pub index: LineIndex,
}

impl FileText<'_> {
    /// Clamps an offset into the text and down to a char boundary.
    pub fn clamp(&self, offset: u32) -> usize {
        let mut o = (offset as usize).min(self.text.len());
        while o > 0 && !self.text.is_char_boundary(o) {
            o -= 1;
        }
        o
    }

    pub fn pos(&self, offset: u32) -> Pos {
        let o = self.clamp(offset);
        let lc = self.index.line_col(o as u32, self.text);
        let line_start = self.index.line_start(lc.line.saturating_sub(1) as usize) as usize;
        Pos {
            line: lc.line,
            column: lc.column,
            column_utf16: lc.column_utf16,
            column_byte: (o.saturating_sub(line_start) + 1) as u32,
            offset: o as u32,
        }
    }

    pub fn range(&self, span: Span) -> Range {
        let start = self.pos(span.start);
        let end = self.pos(span.end.max(span.start));
        Range { start, end }
    }

    /// The text of a span, clamped.
    pub fn slice(&self, span: Span) -> &str {
        let s = self.clamp(span.start);
        let e = self.clamp(span.end).max(s);
        self.text.get(s..e).unwrap_or("")
    }

    /// The text of the (0-based) line holding `offset`, without its terminator.
    pub fn line_text(&self, offset: u32) -> &str {
        let line = self.index.line_of(self.clamp(offset) as u32);
        self.text
            .get(self.index.line_range(line, self.text))
            .unwrap_or("")
    }
}

/// Line indexes built on demand, one per path.
pub(crate) struct Positions<'a> {
    sources: &'a dyn SourceLookup,
    files: HashMap<&'a str, Option<FileText<'a>>>,
}

impl<'a> Positions<'a> {
    pub fn new(sources: &'a dyn SourceLookup) -> Self {
        Positions {
            sources,
            files: HashMap::new(),
        }
    }

    pub fn file(&mut self, path: &'a str) -> Option<&FileText<'a>> {
        let sources = self.sources;
        self.files
            .entry(path)
            .or_insert_with(|| {
                sources.source(path).map(|text| FileText {
                    text,
                    index: LineIndex::new(text),
                })
            })
            .as_ref()
    }

    /// The range of `span` in `path`, or `None` when the source is not available.
    pub fn range(&mut self, path: &'a str, span: Span) -> Option<Range> {
        self.file(path).map(|f| f.range(span))
    }
}
