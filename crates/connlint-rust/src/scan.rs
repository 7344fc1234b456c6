//! A light lexer: the token tree of a file, borrowed from its text, for [`crate::prune`] to
//! decide which regions syn never needs to see, before proc-macro2 lexes anything.
//!
//! proc-macro2 allocates a string per identifier and literal and a vector per group, and every
//! walk over its tree iterates by value (a deep copy). Most of a big file is data that pruning
//! empties anyway, so lexing it in full only to throw it away was a third of the frontend's time.
//! This lexer borrows: identifiers and literals are slices of the text, and the tree is built
//! once. It splits the text the way proc-macro2 does (same tokens, same spacing, doc comments
//! as `#[doc = ".."]` attributes), for the code the packs can care about. Whatever it does not
//! know for certain (a character outside ASCII in code, an unusual literal, brackets nested
//! deeper than the guard allows) makes it give up: the file is then analysed without pruning.

use proc_macro2::{Delimiter, Spacing};

/// One token, with the byte offset in the text where it starts.
pub enum Tok<'s> {
    Ident(&'s str, usize),
    Punct(char, Spacing, usize),
    /// The literal's text; for a doc comment, the comment's text.
    Literal(&'s str, usize),
    Group(Group<'s>),
}

pub struct Group<'s> {
    pub delimiter: Delimiter,
    /// Byte offsets of the opening and the closing bracket; for a doc comment, its start and
    /// the last byte of it.
    pub open: usize,
    pub close: usize,
    pub toks: Vec<Tok<'s>>,
    /// The group stands for a doc comment (`true`: an inner one, `//!` or `/*!`).
    pub doc: Option<bool>,
}

impl Tok<'_> {
    /// Byte offset where the token starts.
    pub fn lo(&self) -> usize {
        match self {
            Tok::Ident(_, at) | Tok::Punct(_, _, at) | Tok::Literal(_, at) => *at,
            Tok::Group(g) => g.open,
        }
    }

    /// Byte offset one past the token's end.
    pub fn hi(&self) -> usize {
        match self {
            Tok::Ident(s, at) | Tok::Literal(s, at) => at + s.len(),
            Tok::Punct(_, _, at) => at + 1,
            Tok::Group(g) => g.close + 1,
        }
    }
}

/// The lexer gave up (see the module documentation).
#[derive(Debug)]
pub struct GiveUp;

const PUNCT: &[u8] = b"~!@#$%^&*-=+|;:,<.>/?'";

/// [`PUNCT`] as a table: a `contains` over the list was a memchr call for every
/// punctuation character and the one after it.
const IS_PUNCT: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < PUNCT.len() {
        table[PUNCT[i] as usize] = true;
        i += 1;
    }
    table
};

fn is_punct(b: u8) -> bool {
    IS_PUNCT[usize::from(b)]
}

fn is_ident_start(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphabetic()
}

fn is_ident_continue(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphanumeric()
}

/// Lexes `text` into its token tree; `Err` when the lexer gives up.
pub fn lex(text: &str) -> Result<Vec<Tok<'_>>, GiveUp> {
    let b = text.as_bytes();
    let mut i = 0;
    // The open groups: delimiter, offset of the opening bracket, where its tokens start in
    // `toks`. Every token goes into the one buffer; a group takes its tokens out when it
    // closes, into a vector of their exact size (a vector per group grown token by token
    // reallocated several times for most groups).
    let mut stack: Vec<(Delimiter, usize, usize)> = Vec::new();
    let mut toks: Vec<Tok<'_>> = Vec::new();
    while let Some(&c) = b.get(i) {
        match c {
            b' ' | 0x09..=0x0d => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = b[i..]
                    .iter()
                    .position(|&x| x == b'\n')
                    .map_or(b.len(), |n| i + n);
                let inner = b.get(i + 2) == Some(&b'!');
                let outer = b.get(i + 2) == Some(&b'/') && b.get(i + 3) != Some(&b'/');
                if inner || outer {
                    // The comment ends before a `\r\n`.
                    let stop = if end > i + 3 && b.get(end - 1) == Some(&b'\r') {
                        end - 1
                    } else {
                        end
                    };
                    doc(text, i, stop, inner, &mut toks)?;
                }
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end = block_comment(b, i)?;
                let rest = &b[i + 2..];
                let inner = rest.first() == Some(&b'!');
                let outer =
                    rest.first() == Some(&b'*') && !matches!(rest.get(1), Some(b'*' | b'/'));
                if inner || outer {
                    doc(text, i, end, inner, &mut toks)?;
                }
                i = end;
            }
            b'(' | b'[' | b'{' => {
                let delimiter = match c {
                    b'(' => Delimiter::Parenthesis,
                    b'[' => Delimiter::Bracket,
                    _ => Delimiter::Brace,
                };
                if stack.len() >= crate::guard::MAX_GROUP_DEPTH {
                    return Err(GiveUp);
                }
                stack.push((delimiter, i, toks.len()));
                i += 1;
            }
            b')' | b']' | b'}' => {
                let (delimiter, open, start) = stack.pop().ok_or(GiveUp)?;
                let matching = matches!(
                    (delimiter, c),
                    (Delimiter::Parenthesis, b')')
                        | (Delimiter::Bracket, b']')
                        | (Delimiter::Brace, b'}')
                );
                if !matching {
                    return Err(GiveUp);
                }
                let inner: Vec<Tok<'_>> = toks.drain(start..).collect();
                toks.push(Tok::Group(Group {
                    delimiter,
                    open,
                    close: i,
                    toks: inner,
                    doc: None,
                }));
                i += 1;
            }
            b'"' => i = literal(text, i, cooked(b, i + 1)?, &mut toks)?,
            b'\'' => i = quote(text, i, &mut toks)?,
            b'0'..=b'9' => i = literal(text, i, number(b, i), &mut toks)?,
            _ if is_ident_start(c) => i = word(text, i, &mut toks)?,
            _ if is_punct(c) => {
                // Joint when another punctuation character follows, not a comment's `/`.
                let next = b.get(i + 1).copied();
                let comment = next == Some(b'/') && matches!(b.get(i + 2), Some(b'/' | b'*'));
                let joint = next.is_some_and(is_punct) && !comment;
                let spacing = if joint {
                    Spacing::Joint
                } else {
                    Spacing::Alone
                };
                toks.push(Tok::Punct(char::from(c), spacing, i));
                i += 1;
            }
            _ => return Err(GiveUp),
        }
    }
    if stack.is_empty() {
        Ok(toks)
    } else {
        Err(GiveUp)
    }
}

/// One past the end of the block comment at `at` (nested comments included).
fn block_comment(b: &[u8], at: usize) -> Result<usize, GiveUp> {
    let mut depth = 0usize;
    let mut i = at;
    while i + 1 < b.len() {
        match (b[i], b[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Ok(i);
                }
            }
            _ => i += 1,
        }
    }
    Err(GiveUp)
}

/// The tokens of a doc comment at `lo..hi`: `#`, `!` if inner, `[doc = "text"]`.
fn doc<'s>(
    text: &'s str,
    lo: usize,
    hi: usize,
    inner: bool,
    toks: &mut Vec<Tok<'s>>,
) -> Result<(), GiveUp> {
    let body = text.get(lo..hi).ok_or(GiveUp)?;
    if body.split('\r').skip(1).any(|rest| !rest.starts_with('\n')) {
        // proc-macro2 refuses a carriage return without a line feed in a doc comment.
        return Err(GiveUp);
    }
    toks.push(Tok::Punct('#', Spacing::Alone, lo));
    if inner {
        toks.push(Tok::Punct('!', Spacing::Alone, lo));
    }
    toks.push(Tok::Group(Group {
        delimiter: Delimiter::Bracket,
        open: lo,
        close: hi.saturating_sub(1).max(lo),
        toks: vec![
            Tok::Ident("doc", lo),
            Tok::Punct('=', Spacing::Alone, lo),
            Tok::Literal(body, lo),
        ],
        doc: Some(inner),
    }));
    Ok(())
}

/// Pushes the literal `text[lo..hi]` with its suffix (`"a"x`, `1u8`); returns its end.
fn literal<'s>(
    text: &'s str,
    lo: usize,
    hi: usize,
    toks: &mut Vec<Tok<'s>>,
) -> Result<usize, GiveUp> {
    let b = text.as_bytes();
    let end = if b.get(hi).copied().is_some_and(is_ident_start) {
        ident_end(b, hi)?
    } else {
        hi
    };
    toks.push(Tok::Literal(text.get(lo..end).ok_or(GiveUp)?, lo));
    Ok(end)
}

/// One past the identifier characters from `at`; gives up on one outside ASCII.
fn ident_end(b: &[u8], at: usize) -> Result<usize, GiveUp> {
    let end = at
        + b.get(at..)
            .unwrap_or(&[])
            .iter()
            .take_while(|&&x| is_ident_continue(x))
            .count();
    if b.get(end).is_some_and(|x| !x.is_ascii()) {
        return Err(GiveUp);
    }
    Ok(end)
}

/// One past the closing `"` of a string whose text starts at `at` (after the opening quote).
fn cooked(b: &[u8], at: usize) -> Result<usize, GiveUp> {
    let mut i = at;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => return Ok(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    Err(GiveUp)
}

/// One past the end of a raw string whose `#`s start at `at` (after the `r`).
fn raw(b: &[u8], at: usize) -> Result<usize, GiveUp> {
    let hashes = b
        .get(at..)
        .unwrap_or(&[])
        .iter()
        .take_while(|&&x| x == b'#')
        .count();
    if b.get(at + hashes) != Some(&b'"') {
        return Err(GiveUp);
    }
    let mut i = at + hashes + 1;
    while let Some(n) = b.get(i..).and_then(|r| r.iter().position(|&x| x == b'"')) {
        i += n + 1;
        if b.get(i..i + hashes)
            .is_some_and(|h| h.iter().all(|&x| x == b'#'))
        {
            return Ok(i + hashes);
        }
    }
    Err(GiveUp)
}

/// One past a number literal's digits, `.`, exponent and suffix at `at`.
fn number(b: &[u8], at: usize) -> usize {
    let hex = b.get(at) == Some(&b'0') && matches!(b.get(at + 1), Some(b'x' | b'X'));
    let mut i = at;
    let mut dot = false;
    loop {
        match b.get(i).copied() {
            Some(c) if is_ident_continue(c) => {
                i += 1;
                let exponent = !hex && matches!(c, b'e' | b'E');
                if exponent
                    && matches!(b.get(i), Some(b'+' | b'-'))
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit)
                {
                    i += 1;
                }
            }
            // `1.5`, `1.`, but not `1..2` or `1.max(2)`.
            Some(b'.')
                if !dot
                    && !hex
                    && !b
                        .get(i + 1)
                        .is_some_and(|&n| n == b'.' || is_ident_start(n) || !n.is_ascii()) =>
            {
                dot = true;
                i += 1;
            }
            _ => return i,
        }
    }
}

/// A character literal or a lifetime at the `'` at `at`; returns where the next token starts.
fn quote<'s>(text: &'s str, at: usize, toks: &mut Vec<Tok<'s>>) -> Result<usize, GiveUp> {
    let b = text.as_bytes();
    if b.get(at + 1) == Some(&b'\\') {
        // An escape: `'\n'`, `'\''`, `'\u{1F600}'`.
        let close = b
            .get(at + 3..)
            .and_then(|r| r.iter().take(10).position(|&x| x == b'\''))
            .ok_or(GiveUp)?;
        return literal(text, at, at + 3 + close + 1, toks);
    }
    let c = text
        .get(at + 1..)
        .and_then(|r| r.chars().next())
        .ok_or(GiveUp)?;
    let after = at + 1 + c.len_utf8();
    if b.get(after) == Some(&b'\'') {
        return literal(text, at, after + 1, toks);
    }
    if !c.is_ascii() || !is_ident_start(c as u8) || b.get(at + 1..at + 3) == Some(b"r#") {
        return Err(GiveUp);
    }
    toks.push(Tok::Punct('\'', Spacing::Joint, at));
    word(text, at + 1, toks)
}

/// An identifier at `at`, or a literal with a prefix (`b"..."`, `r#"..."#`, `b'x'`, `c"..."`).
fn word<'s>(text: &'s str, at: usize, toks: &mut Vec<Tok<'s>>) -> Result<usize, GiveUp> {
    let b = text.as_bytes();
    let rest = b.get(at..).unwrap_or(&[]);
    // Only `b`, `c` and `r` start a prefixed literal or a raw identifier.
    if !matches!(rest.first(), Some(b'b' | b'c' | b'r')) {
        let end = ident_end(b, at)?;
        toks.push(Tok::Ident(text.get(at..end).ok_or(GiveUp)?, at));
        return Ok(end);
    }
    let starts = |p: &[u8]| rest.starts_with(p);
    if starts(b"b\"") || starts(b"c\"") {
        return literal(text, at, cooked(b, at + 2)?, toks);
    }
    if starts(b"br\"") || starts(b"br#") || starts(b"cr\"") || starts(b"cr#") {
        return literal(text, at, raw(b, at + 2)?, toks);
    }
    if starts(b"r\"") || starts(b"r##") || starts(b"r#\"") {
        return literal(text, at, raw(b, at + 1)?, toks);
    }
    if starts(b"b'") {
        let end = quote_end(b, at + 1)?;
        return literal(text, at, end, toks);
    }
    let start = if starts(b"r#") { at + 2 } else { at };
    if !b.get(start).copied().is_some_and(is_ident_start) {
        return Err(GiveUp);
    }
    let end = ident_end(b, start)?;
    toks.push(Tok::Ident(text.get(at..end).ok_or(GiveUp)?, at));
    Ok(end)
}

/// One past the closing `'` of the byte literal whose opening `'` is at `at`.
fn quote_end(b: &[u8], at: usize) -> Result<usize, GiveUp> {
    let from = if b.get(at + 1) == Some(&b'\\') {
        at + 3
    } else {
        at + 2
    };
    let close = b
        .get(from..)
        .and_then(|r| r.iter().take(4).position(|&x| x == b'\''))
        .ok_or(GiveUp)?;
    Ok(from + close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::{TokenStream, TokenTree};

    /// A token tree printed the same way for both lexers.
    fn show_ours(toks: &[Tok<'_>], out: &mut String) {
        for t in toks {
            match t {
                Tok::Ident(s, _) => out.push_str(&format!("I({s}) ")),
                Tok::Punct(c, s, _) => out.push_str(&format!("P({c}{}) ", joint(*s))),
                Tok::Literal(s, _) => out.push_str(&format!("L({s}) ")),
                Tok::Group(g) if g.doc.is_some() => out.push_str("DOC "),
                Tok::Group(g) => {
                    out.push_str(&format!("G{:?}[ ", g.delimiter));
                    show_ours(&g.toks, out);
                    out.push_str("] ");
                }
            }
        }
    }

    fn show_theirs(ts: TokenStream, out: &mut String) {
        for t in ts {
            match t {
                TokenTree::Ident(i) => out.push_str(&format!("I({i}) ")),
                TokenTree::Punct(p) => {
                    out.push_str(&format!("P({}{}) ", p.as_char(), joint(p.spacing())))
                }
                TokenTree::Literal(l) => out.push_str(&format!("L({l}) ")),
                TokenTree::Group(g) => {
                    let doc = g
                        .stream()
                        .into_iter()
                        .next()
                        .is_some_and(|t| matches!(&t, TokenTree::Ident(i) if i == "doc"))
                        && g.stream().into_iter().count() == 3;
                    if doc {
                        out.push_str("DOC ");
                    } else {
                        out.push_str(&format!("G{:?}[ ", g.delimiter()));
                        show_theirs(g.stream(), out);
                        out.push_str("] ");
                    }
                }
            }
        }
    }

    fn joint(s: Spacing) -> &'static str {
        if s == Spacing::Joint {
            "+"
        } else {
            ""
        }
    }

    #[test]
    fn splits_as_proc_macro2_does() {
        for src in [
            "fn main() { let x = a.b(1, 2.5, 1e-3, 0x1E+2, 1..2, x.0.1, 1.max(2)); }",
            "'a: loop { break 'a; } let c = '\\''; let d = 'x'; let e = '\\u{1F600}'; fn f<'a>(x: &'a u8) {}",
            "let s = \"a\\\"b\"; let r = r#\"x\"y\"#; let b = b\"\\x00\"; let c = b'\\''; let d = br##\"a\"#\"##;",
            "let x = \"é\"; let t = 'é'; // é\n/* é /* nested */ */ x",
            "/// outer\n//! inner\n//// plain\n/** block */ /*! inner block */ /*** plain */ /**/ x",
            "a => b; a -> b; a::b; x += 1; a || b; a |b| c; x!= y; #[attr] #![inner]",
            "let r#type = 1; x.r#match(); \"s\"suffix; 1u8; 1.0f32; 1f64;",
            "a/b; a/ /c; a+//c\n b; a+/*c*/b",
            "/// line\r\n/** block\r\n doc */\r\nfn f() {}\r\n",
        ] {
            let ours = lex(src).unwrap_or_else(|_| panic!("gave up on {src}"));
            let theirs: TokenStream = src.parse().unwrap_or_else(|e| panic!("{src}: {e}"));
            let (mut a, mut b) = (String::new(), String::new());
            show_ours(&ours, &mut a);
            show_theirs(theirs, &mut b);
            assert_eq!(a, b, "{src}");
        }
    }

    #[test]
    fn gives_up_on_what_it_does_not_know() {
        for src in [
            "let é = 1;",
            "f(",
            "f)",
            "(]",
            "\"open",
            "/* open",
            "'\\u{1F600",
            "x = ¬y",
            "/** bare \r return */ fn f() {}",
        ] {
            assert!(lex(src).is_err(), "{src}");
        }
        let deep = format!("{}{}", "(".repeat(300), ")".repeat(300));
        assert!(lex(&deep).is_err());
    }

    #[test]
    fn offsets_are_those_of_the_text() {
        let src = "fn f() { \"é\" }";
        let toks = lex(src).unwrap_or_default();
        let Some(Tok::Group(body)) = toks.last() else {
            panic!("no body");
        };
        assert_eq!((body.open, body.close), (7, src.len() - 1));
        assert_eq!(body.toks.first().map(|t| (t.lo(), t.hi())), Some((9, 13)));
    }
}
