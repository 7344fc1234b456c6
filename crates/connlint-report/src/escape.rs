//! Making scanned text safe to show.
//!
//! Source text, messages that quote it and file names all come from untrusted code. Before any
//! of it reaches a terminal (or a log viewer that interprets ANSI sequences), characters that
//! can move the cursor, change colors, clear the screen or reorder what is displayed are
//! replaced by a visible escape such as `\u{1b}` or `\u{202e}`.
//!
//! Escaped: C0 and C1 control characters and DEL (so every ANSI escape sequence loses its
//! ESC), Unicode bidirectional controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066
//! to U+2069), the line and paragraph separators U+2028 and U+2029, and invisible characters
//! that can hide code (U+200B, U+2060 to U+2064, U+FEFF). A backslash is never escaped: an
//! escape is recognisable by its braces, and a literal `\u{1b}` in the source stays readable.

use std::fmt::Write as _;

/// Whether `c` must not reach a terminal raw. Tabs and newlines are decided by the caller.
pub fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

fn push_escaped(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", c as u32);
}

/// Escapes a single-line piece of text (a message, a label, a file name): every dangerous
/// character, tabs and line breaks included, becomes `\u{..}`.
pub fn escape_line(s: &str) -> String {
    if !s.chars().any(|c| is_dangerous(c) || c == '\t') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_dangerous(c) || c == '\t' {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// Escapes multi-line text such as a help message: like [`escape_line`] but keeps `\n`
/// (and `\r\n`) and tabs.
pub fn escape_text(s: &str) -> String {
    EscapedSource::new(s).text
}

/// A source file with its dangerous characters escaped, and the mapping between byte offsets
/// of the original and of the escaped text.
///
/// Line structure is preserved: `\n` and the `\r` of a `\r\n` are kept, so line `n` of the
/// escaped text is line `n` of the original. Tabs are kept (the text renderer expands them).
/// A lone `\r` is escaped.
#[derive(Debug, Clone)]
pub struct EscapedSource {
    pub text: String,
    /// One entry per escaped character: (original offset, escaped offset, original length,
    /// escaped length), in increasing order.
    edits: Vec<Edit>,
}

#[derive(Debug, Clone, Copy)]
struct Edit {
    orig: usize,
    esc: usize,
    orig_len: usize,
    esc_len: usize,
}

impl EscapedSource {
    pub fn new(src: &str) -> Self {
        let mut text = String::new();
        let mut edits = Vec::new();
        let mut copied = 0;
        let mut iter = src.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let keep = match c {
                '\n' | '\t' => true,
                '\r' => matches!(iter.peek(), Some((_, '\n'))),
                c => !is_dangerous(c),
            };
            if keep {
                continue;
            }
            text.push_str(src.get(copied..i).unwrap_or(""));
            let esc = text.len();
            push_escaped(&mut text, c);
            edits.push(Edit {
                orig: i,
                esc,
                orig_len: c.len_utf8(),
                esc_len: text.len() - esc,
            });
            copied = i + c.len_utf8();
        }
        if edits.is_empty() {
            return EscapedSource {
                text: src.to_string(),
                edits,
            };
        }
        text.push_str(src.get(copied..).unwrap_or(""));
        EscapedSource { text, edits }
    }

    /// Whether anything was escaped.
    pub fn changed(&self) -> bool {
        !self.edits.is_empty()
    }

    /// Maps a byte offset of the original text (on a char boundary) to the escaped text. An
    /// offset inside an escaped character maps to the start of its escape.
    pub fn to_escaped(&self, offset: usize) -> usize {
        let idx = self.edits.partition_point(|e| e.orig <= offset);
        match idx.checked_sub(1).and_then(|i| self.edits.get(i)) {
            None => offset,
            Some(e) if offset < e.orig + e.orig_len => e.esc,
            Some(e) => e.esc + e.esc_len + (offset - (e.orig + e.orig_len)),
        }
    }

    /// Maps a byte offset of the escaped text back to the original. An offset inside an
    /// escape maps to the start of the escaped character.
    pub fn to_original(&self, offset: usize) -> usize {
        let idx = self.edits.partition_point(|e| e.esc <= offset);
        match idx.checked_sub(1).and_then(|i| self.edits.get(i)) {
            None => offset,
            Some(e) if offset < e.esc + e.esc_len => e.orig,
            Some(e) => e.orig + e.orig_len + (offset - (e.esc + e.esc_len)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ansi_and_bidi_are_escaped_in_lines() {
        assert_eq!(escape_line("a\x1b[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape_line("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(escape_line("a\nb\tc"), "a\\u{a}b\\u{9}c");
        assert_eq!(escape_line("café 𝄞"), "café 𝄞");
    }

    #[test]
    fn source_keeps_lines_and_maps_offsets() {
        let src = "ok\r\na\u{202e}b\x1b[2Jc\rd\n";
        let e = EscapedSource::new(src);
        assert_eq!(e.text, "ok\r\na\\u{202e}b\\u{1b}[2Jc\\u{d}d\n");
        // 'b' after the bidi override
        let b = src.find('b').unwrap_or(0);
        assert_eq!(&e.text[e.to_escaped(b)..e.to_escaped(b) + 1], "b");
        assert_eq!(e.to_original(e.to_escaped(b)), b);
        // the override itself maps to the start of its escape and back
        let o = src.find('\u{202e}').unwrap_or(0);
        assert_eq!(&e.text[e.to_escaped(o)..e.to_escaped(o) + 2], "\\u");
        assert_eq!(e.to_original(e.to_escaped(o) + 3), o);
        // end of text
        assert_eq!(e.to_escaped(src.len()), e.text.len());
        assert_eq!(e.to_original(e.text.len()), src.len());
        assert_eq!(e.text.lines().count(), src.lines().count());
    }

    #[test]
    fn clean_source_is_unchanged() {
        let e = EscapedSource::new("é𝄞\r\n\tx");
        assert!(!e.changed());
        assert_eq!(e.to_escaped(3), 3);
    }
}
