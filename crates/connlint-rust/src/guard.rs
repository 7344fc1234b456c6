//! Limits that keep syn from overflowing the stack.
//!
//! syn parses, prints and drops its syntax tree recursively, and so does our visitor. The
//! depth of that recursion grows with bracket nesting (`((((..))))`) and with chains that have
//! no brackets at all (`!!!!x`, `a + a + a ..`, `x.f().f().f() ..`, `if .. else if ..`). Before
//! handing the tokens to syn we measure both on the token tree (proc-macro2 lexes and drops
//! iteratively, without recursion) and refuse files over the limits; the parse itself runs on a
//! thread whose stack is sized for the limits (see `PARSER_STACK` in `lib.rs`).

use proc_macro2::{TokenStream, TokenTree};

/// Deepest bracket nesting accepted.
pub const MAX_GROUP_DEPTH: usize = 256;
/// Longest run of tokens, summed over the enclosing groups, without a `;` or `,` that ends an
/// expression: a bound on how deep an expression without brackets can nest.
pub const MAX_CHAIN: usize = 20_000;

/// What the scan found over a limit: a message and the offending token's span.
pub struct TooDeep {
    pub message: String,
    pub span: proc_macro2::Span,
}

/// Walks the token tree without recursion.
pub fn check(tokens: TokenStream) -> Result<(), TooDeep> {
    // One frame per open group: its remaining tokens and the length of the current run.
    let mut stack: Vec<(proc_macro2::token_stream::IntoIter, usize)> =
        vec![(tokens.into_iter(), 0)];
    let mut chain = 0usize;
    // After a brace group closes, a new run starts unless the next token continues the
    // expression (`else`, `.`, `?`, an operator).
    let mut after_brace = false;
    loop {
        let Some((iter, run)) = stack.last_mut() else {
            return Ok(());
        };
        let Some(tt) = iter.next() else {
            chain -= *run;
            stack.pop();
            after_brace = true;
            continue;
        };
        if after_brace {
            let continues = match &tt {
                TokenTree::Ident(i) => i == "else" || i == "as",
                TokenTree::Punct(p) => !matches!(p.as_char(), ';' | ',' | '#'),
                _ => false,
            };
            if !continues {
                chain -= *run;
                *run = 0;
            }
            after_brace = false;
        }
        match tt {
            TokenTree::Punct(p) if matches!(p.as_char(), ';' | ',') => {
                chain -= *run;
                *run = 0;
            }
            TokenTree::Group(g) => {
                *run += 1;
                chain += 1;
                if chain > MAX_CHAIN {
                    return Err(too_long(g.span_open()));
                }
                if stack.len() > MAX_GROUP_DEPTH {
                    return Err(TooDeep {
                        message: format!(
                            "brackets nested deeper than {MAX_GROUP_DEPTH} levels; file not analysed"
                        ),
                        span: g.span_open(),
                    });
                }
                stack.push((g.stream().into_iter(), 0));
            }
            other => {
                *run += 1;
                chain += 1;
                if chain > MAX_CHAIN {
                    return Err(too_long(other.span()));
                }
            }
        }
    }
}

fn too_long(span: proc_macro2::Span) -> TooDeep {
    TooDeep {
        message: format!(
            "an expression longer than {MAX_CHAIN} tokens without a separator; file not analysed"
        ),
        span,
    }
}
