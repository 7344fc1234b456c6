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
        let b = text.as_bytes();
        let mut lines = Vec::with_capacity(b.len() / 32 + 1);
        let mut start = 0;
        // Line by line with memchr and a word-at-a-time ASCII check: a byte loop was 10
        // instructions a byte, and syn sees every byte of the file (pruned regions as spaces).
        for nl in memchr::memchr_iter(b'\n', b) {
            lines.push((start, b.get(start..nl).is_some_and(<[u8]>::is_ascii)));
            start = nl + 1;
        }
        lines.push((start, b.get(start..).is_some_and(<[u8]>::is_ascii)));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, line: usize, column: usize) -> usize {
        Positions::new(text, 3).offset(LineColumn { line, column })
    }

    #[test]
    fn columns_count_characters_on_lines_outside_ascii() {
        let text = "fn a() {}\nlet é = 1; x\r\nlast";
        assert_eq!(at(text, 1, 3), 3 + 3);
        // `x` is the 12th character of line 2 and its 13th byte.
        assert_eq!(at(text, 2, 11), 3 + 10 + 12);
        assert_eq!(at(text, 3, 2), 3 + text.len() - 2);
        // Past the end of a line or of the text: clamped.
        assert_eq!(at(text, 1, 99), 3 + 10);
        assert_eq!(at(text, 9, 0), 3 + text.len());
    }
}
