//! Byte ranges and their conversion to lines and columns.
//!
//! Everything inside connlint speaks byte offsets into the UTF-8 source. Only the edges
//! (renderers) turn them into line/column pairs, through one [`LineIndex`] per file.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a file's source text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let end = u32::try_from(end).unwrap_or(u32::MAX).max(start);
        Span { start, end }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// A position for humans and machines: 1-based line, 1-based column in characters and in
/// UTF-16 code units (SARIF's `utf16CodeUnits`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: u32,
    /// 1-based, counted in Unicode scalar values.
    pub column: u32,
    /// 1-based, counted in UTF-16 code units.
    pub column_utf16: u32,
}

/// Line starts of one file, for converting byte offsets to lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0u32];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        }
        LineIndex { line_starts }
    }

    /// 0-based line number of a byte offset.
    pub fn line_of(&self, offset: u32) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    /// Byte offset where the 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> u32 {
        self.line_starts.get(line).copied().unwrap_or(0)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte range of the 0-based `line`, without its line terminator.
    pub fn line_range(&self, line: usize, text: &str) -> std::ops::Range<usize> {
        let start = self.line_start(line) as usize;
        let mut end = self
            .line_starts
            .get(line + 1)
            .map(|&s| s as usize)
            .unwrap_or(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        start..end
    }

    /// Converts a byte offset to a 1-based line and column. An offset inside a multi-byte
    /// character or past the end is clamped to the nearest valid position.
    pub fn line_col(&self, offset: u32, text: &str) -> LineCol {
        let offset = (offset as usize).min(text.len());
        let line = self.line_of(offset as u32);
        let start = self.line_start(line) as usize;
        let mut end = offset;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let prefix = text.get(start..end).unwrap_or("");
        let column = prefix.chars().count() as u32 + 1;
        let column_utf16 = prefix.chars().map(|c| c.len_utf16() as u32).sum::<u32>() + 1;
        LineCol {
            line: line as u32 + 1,
            column,
            column_utf16,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_positions() {
        let text = "ab\ncd\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(0, text).line, 1);
        let lc = idx.line_col(4, text);
        assert_eq!((lc.line, lc.column), (2, 2));
    }

    #[test]
    fn non_ascii_columns_count_chars_and_utf16_units() {
        // 'é' is 2 bytes / 1 UTF-16 unit, '𝄞' is 4 bytes / 2 UTF-16 units.
        let text = "é𝄞x";
        let idx = LineIndex::new(text);
        let lc = idx.line_col(6, text);
        assert_eq!((lc.column, lc.column_utf16), (3, 4));
    }

    #[test]
    fn offsets_inside_a_char_or_past_end_are_clamped() {
        let text = "é\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(1, text).column, 1);
        assert_eq!(idx.line_col(99, text).line, 2);
    }

    #[test]
    fn line_range_drops_crlf() {
        let text = "a\r\nb";
        let idx = LineIndex::new(text);
        assert_eq!(&text[idx.line_range(0, text)], "a");
        assert_eq!(&text[idx.line_range(1, text)], "b");
    }
}
