//! syn (through proc-macro2 `span-locations`) reports 1-based lines and 0-based columns counted
//! in characters; Facts hold byte offsets. [`Positions`] converts one to the other.

use connlint_core::Span;
use proc_macro2::LineColumn;

/// Line starts of the text syn parsed, plus the byte offset of that text inside the file (a
/// stripped byte-order mark).
pub struct Positions<'s> {
    text: &'s str,
    base: usize,
    /// Byte offset of each line start, and whether the line is ASCII (column = byte offset).
    lines: Vec<(usize, bool)>,
}

impl<'s> Positions<'s> {
    pub fn new(text: &'s str, base: usize) -> Self {
        let mut lines = Vec::new();
        let mut start = 0;
        let mut ascii = true;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                lines.push((start, ascii));
                start = i + 1;
                ascii = true;
            } else if !b.is_ascii() {
                ascii = false;
            }
        }
        lines.push((start, ascii));
        Positions { text, base, lines }
    }

    /// Byte offset (in the file) of a line/column position; clamped into the text.
    pub fn offset(&self, lc: LineColumn) -> usize {
        let Some(&(start, ascii)) = self.lines.get(lc.line.saturating_sub(1)) else {
            return self.base + self.text.len();
        };
        let line_end = self
            .lines
            .get(lc.line)
            .map(|&(s, _)| s)
            .unwrap_or(self.text.len());
        let within = if ascii {
            lc.column.min(line_end - start)
        } else {
            let line = self.text.get(start..line_end).unwrap_or("");
            line.char_indices()
                .nth(lc.column)
                .map(|(i, _)| i)
                .unwrap_or(line.len())
        };
        self.base + start + within
    }

    pub fn span(&self, s: proc_macro2::Span) -> Span {
        Span::new(self.offset(s.start()), self.offset(s.end()))
    }

    /// From the start of `a` to the end of `b`.
    pub fn between(&self, a: proc_macro2::Span, b: proc_macro2::Span) -> Span {
        Span::new(self.offset(a.start()), self.offset(b.end()))
    }
}
