//! syn drops comments; suppression comments are found by a small lexer over the bytes that
//! skips string and character literals.

use connlint_core::{Comment, Span};

const MARK: &str = "connlint-ignore";

/// Comments (line, block, doc) that mention `connlint-ignore`.
pub fn suppressions(src: &str) -> Vec<Comment> {
    // Almost no file has one: a search for the mark is much cheaper than lexing every file.
    if !src.contains(MARK) {
        return Vec::new();
    }
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = memchr_nl(b, i);
                push(src, i, end, &mut out);
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 1usize;
                let mut j = i + 2;
                while j < b.len() && depth > 0 {
                    if b[j] == b'/' && b.get(j + 1) == Some(&b'*') {
                        depth += 1;
                        j += 2;
                    } else if b[j] == b'*' && b.get(j + 1) == Some(&b'/') {
                        depth -= 1;
                        j += 2;
                    } else {
                        j += 1;
                    }
                }
                push(src, i, j, &mut out);
                i = j;
            }
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#'))
                && (i == 0 || !is_ident_byte(b[i - 1])) =>
            {
                // Raw string: r#*" ... "#*
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    i = j;
                    continue;
                }
                j += 1;
                'scan: while j < b.len() {
                    if b[j] == b'"' && (1..=hashes).all(|k| b.get(j + k) == Some(&b'#')) {
                        j += 1 + hashes;
                        break 'scan;
                    }
                    j += 1;
                }
                i = j;
            }
            b'"' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                i = j + 1;
            }
            b'\'' => {
                // A char literal ('x', '\n', '\u{..}') or a lifetime ('a): skip only the former.
                if b.get(i + 1) == Some(&b'\\') {
                    let mut j = i + 2;
                    while j < b.len() && b[j] != b'\'' && b[j] != b'\n' {
                        j += 1;
                    }
                    i = j + 1;
                } else {
                    let ch_len = src
                        .get(i + 1..)
                        .and_then(|s| s.chars().next())
                        .map_or(1, char::len_utf8);
                    if b.get(i + 1 + ch_len) == Some(&b'\'') {
                        i += 2 + ch_len;
                    } else {
                        i += 1;
                    }
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn memchr_nl(b: &[u8], from: usize) -> usize {
    b[from..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |p| from + p)
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn push(src: &str, start: usize, end: usize, out: &mut Vec<Comment>) {
    let end = end.min(src.len());
    if let Some(text) = src.get(start..end) {
        if text.contains(MARK) {
            out.push(Comment {
                span: Span::new(start, end),
                text: text.trim_end().to_string(),
            });
        }
    }
}
