//! Limits that keep syn from overflowing the stack.
//!
//! syn parses, prints and drops its syntax tree recursively, and so does our visitor. The
//! depth of that recursion grows with bracket nesting (`((((..))))`) and with chains that have
//! no brackets at all (`!!!!x`, `a + a + a ..`, `x.f().f().f() ..`, `if .. else if ..`). Before
//! handing the tokens to syn we measure both on the token tree (proc-macro2 lexes and drops
//! iteratively, without recursion) and refuse files over the limits; the parse itself runs on a
//! thread whose stack is sized for the limits (see `PARSER_STACK` in `lib.rs`).

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use std::collections::HashSet;

/// Deepest bracket nesting accepted.
pub const MAX_GROUP_DEPTH: usize = 256;
/// Longest run of tokens, summed over the enclosing groups, without a `;` or a list `,`: a
/// bound on how deep syntax without brackets can nest.
pub const MAX_CHAIN: usize = 20_000;

/// What the scan found over a limit: a message and the offending token's span.
pub struct TooDeep {
    pub message: String,
    pub span: proc_macro2::Span,
}

/// One open group while scanning.
struct Frame {
    tokens: proc_macro2::token_stream::IntoIter,
    brace: bool,
    /// Tokens in the current run.
    run: usize,
    /// The run holds a `|` or `<`: a `,` may separate closure parameters or generic
    /// arguments, which nest without brackets, so it does not end the run.
    nests: bool,
}

/// What the walk notes on the way, for [`crate::prune`].
#[derive(Default)]
pub struct Census {
    /// Every identifier that follows the keyword `fn`: a superset of the names of the functions
    /// and methods the file defines.
    pub fn_names: HashSet<String>,
    /// For each word of the `watch` list, whether it occurs as an identifier.
    pub seen: Vec<bool>,
}

/// Walks the token tree without recursion; notes the [`Census`] of the identifiers in `watch`.
pub fn check(tokens: TokenStream, watch: &[String]) -> Result<Census, TooDeep> {
    let mut census = Census {
        fn_names: HashSet::new(),
        seen: vec![false; watch.len()],
    };
    let mut after_fn = false;
    let mut stack = vec![Frame {
        tokens: tokens.into_iter(),
        brace: true,
        run: 0,
        nests: false,
    }];
    let mut chain = 0usize;
    // After a brace group closes, a new run starts unless the next token continues the
    // expression (`else`, `as`, `.`, `?`, an operator).
    let mut after_brace = false;
    let mut prev_joint_eq = false;
    loop {
        let Some(top) = stack.last_mut() else {
            return Ok(census);
        };
        let Some(tt) = top.tokens.next() else {
            chain -= top.run;
            let brace = top.brace;
            stack.pop();
            after_brace = brace;
            continue;
        };
        if after_brace {
            let continues = match &tt {
                TokenTree::Ident(i) => i == "else" || i == "as",
                TokenTree::Punct(p) => !matches!(p.as_char(), ';' | ',' | '#'),
                _ => false,
            };
            if !continues {
                chain -= top.run;
                top.run = 0;
                top.nests = false;
            }
            after_brace = false;
        }
        if let TokenTree::Ident(i) = &tt {
            if after_fn {
                census.fn_names.insert(i.to_string());
            }
            after_fn = i == "fn";
            for (w, seen) in watch.iter().zip(census.seen.iter_mut()) {
                if !*seen && i == w {
                    *seen = true;
                }
            }
        } else {
            after_fn = false;
        }
        let joint_eq = matches!(&tt, TokenTree::Punct(p) if p.as_char() == '=' && p.spacing() == Spacing::Joint);
        match tt {
            TokenTree::Punct(p) if p.as_char() == ';' || (p.as_char() == ',' && !top.nests) => {
                chain -= top.run;
                top.run = 0;
                top.nests = false;
            }
            TokenTree::Group(g) => {
                top.run += 1;
                chain += 1;
                if chain > MAX_CHAIN {
                    return Err(too_long(g.span_open()));
                }
                if stack.len() > MAX_GROUP_DEPTH {
                    return Err(TooDeep {
                        message: format!("brackets nested deeper than {MAX_GROUP_DEPTH} levels"),
                        span: g.span_open(),
                    });
                }
                stack.push(Frame {
                    tokens: g.stream().into_iter(),
                    brace: g.delimiter() == Delimiter::Brace,
                    run: 0,
                    nests: false,
                });
            }
            other => {
                if let TokenTree::Punct(p) = &other {
                    match p.as_char() {
                        '|' | '<' => top.nests = true,
                        // `=>`: the `|`s of a match arm's pattern are behind us.
                        '>' if prev_joint_eq => top.nests = false,
                        _ => {}
                    }
                }
                top.run += 1;
                chain += 1;
                if chain > MAX_CHAIN {
                    return Err(too_long(other.span()));
                }
            }
        }
        prev_joint_eq = joint_eq;
    }
}

fn too_long(span: proc_macro2::Span) -> TooDeep {
    TooDeep {
        message: format!("an expression longer than {MAX_CHAIN} tokens without a separator"),
        span,
    }
}
