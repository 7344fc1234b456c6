//! Limits that keep syn from overflowing the stack.
//!
//! syn parses, prints and drops its syntax tree recursively, and so does our visitor. The
//! depth of that recursion grows with bracket nesting (`((((..))))`) and with chains that have
//! no brackets at all (`!!!!x`, `a + a + a ..`, `x.f().f().f() ..`, `if .. else if ..`). Before
//! handing the tokens to syn we measure both on the token tree (the light lexer's, see
//! `scan`, or proc-macro2's when that one gave up; both are built and dropped without
//! recursion) and refuse files over the limits; the parse itself runs on a thread whose stack
//! is sized for the limits (see `PARSER_STACK` in `worker.rs`).

use crate::scan::Tok;
use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// Deepest bracket nesting accepted.
pub const MAX_GROUP_DEPTH: usize = 256;
/// Longest run of tokens, summed over the enclosing groups, without a `;` or a list `,`: a
/// bound on how deep syntax without brackets can nest.
pub const MAX_CHAIN: usize = 20_000;

/// What the scan found over a limit: a message and the offending token's place.
pub struct TooDeep<P> {
    pub message: String,
    pub at: P,
}

/// What the walk needs to know of a token.
enum View {
    /// An identifier; `true` for `else` and `as`, which continue an expression.
    Ident(bool),
    Punct(char, Spacing),
    Literal,
    Group(Delimiter),
}

/// A token tree the guard can walk: proc-macro2's (owned, iterated by value) or the light
/// lexer's (borrowed).
trait Tree: Sized {
    type Iter: Iterator<Item = Self>;
    /// Where the token is, for the message: a span, or byte offsets.
    type At;
    fn view(&self) -> View;
    /// The tokens of a group.
    fn children(self) -> Self::Iter;
    /// The place of the token; of a group, its opening bracket.
    fn at(&self) -> Self::At;
}

impl Tree for TokenTree {
    type Iter = proc_macro2::token_stream::IntoIter;
    type At = proc_macro2::Span;
    fn view(&self) -> View {
        match self {
            TokenTree::Ident(i) => View::Ident(i == "else" || i == "as"),
            TokenTree::Punct(p) => View::Punct(p.as_char(), p.spacing()),
            TokenTree::Literal(_) => View::Literal,
            TokenTree::Group(g) => View::Group(g.delimiter()),
        }
    }
    fn children(self) -> Self::Iter {
        match self {
            TokenTree::Group(g) => g.stream().into_iter(),
            _ => TokenStream::new().into_iter(),
        }
    }
    fn at(&self) -> Self::At {
        match self {
            TokenTree::Group(g) => g.span_open(),
            other => other.span(),
        }
    }
}

impl<'a, 's> Tree for &'a Tok<'s> {
    type Iter = std::slice::Iter<'a, Tok<'s>>;
    type At = (usize, usize);
    fn view(&self) -> View {
        match self {
            Tok::Ident(i, _) => View::Ident(*i == "else" || *i == "as"),
            Tok::Punct(c, s, _) => View::Punct(*c, *s),
            Tok::Literal(..) => View::Literal,
            Tok::Group(g) => View::Group(g.delimiter),
        }
    }
    fn children(self) -> Self::Iter {
        match self {
            Tok::Group(g) => g.toks.iter(),
            _ => [].iter(),
        }
    }
    fn at(&self) -> Self::At {
        match self {
            Tok::Group(g) => (g.open, g.open + 1),
            other => (other.lo(), other.hi()),
        }
    }
}

/// One open group while scanning.
struct Frame<I> {
    tokens: I,
    brace: bool,
    /// Tokens in the current run.
    run: usize,
    /// The run holds a `|` or `<`: a `,` may separate closure parameters or generic
    /// arguments, which nest without brackets, so it does not end the run.
    nests: bool,
}

/// Checks proc-macro2's token tree (walked without recursion).
pub fn check(tokens: TokenStream) -> Result<(), TooDeep<proc_macro2::Span>> {
    walk::<TokenTree>(tokens.into_iter())
}

/// Checks the light lexer's token tree, the same way: the place is in byte offsets.
pub fn check_light(toks: &[Tok<'_>]) -> Result<(), TooDeep<(usize, usize)>> {
    walk::<&Tok<'_>>(toks.iter())
}

fn walk<T: Tree>(tokens: T::Iter) -> Result<(), TooDeep<T::At>> {
    let mut stack = vec![Frame {
        tokens,
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
            return Ok(());
        };
        let Some(tt) = top.tokens.next() else {
            chain -= top.run;
            let brace = top.brace;
            stack.pop();
            after_brace = brace;
            continue;
        };
        let view = tt.view();
        if after_brace {
            let continues = match view {
                View::Ident(continues) => continues,
                View::Punct(c, _) => !matches!(c, ';' | ',' | '#'),
                _ => false,
            };
            if !continues {
                chain -= top.run;
                top.run = 0;
                top.nests = false;
            }
            after_brace = false;
        }
        let joint_eq = matches!(view, View::Punct('=', Spacing::Joint));
        match view {
            View::Punct(c, _) if c == ';' || (c == ',' && !top.nests) => {
                chain -= top.run;
                top.run = 0;
                top.nests = false;
            }
            View::Group(delimiter) => {
                top.run += 1;
                chain += 1;
                if chain > MAX_CHAIN {
                    return Err(too_long(tt.at()));
                }
                if stack.len() > MAX_GROUP_DEPTH {
                    return Err(TooDeep {
                        message: format!("brackets nested deeper than {MAX_GROUP_DEPTH} levels"),
                        at: tt.at(),
                    });
                }
                stack.push(Frame {
                    tokens: tt.children(),
                    brace: delimiter == Delimiter::Brace,
                    run: 0,
                    nests: false,
                });
            }
            other => {
                if let View::Punct(c, _) = other {
                    match c {
                        '|' | '<' => top.nests = true,
                        // `=>`: the `|`s of a match arm's pattern are behind us.
                        '>' if prev_joint_eq => top.nests = false,
                        _ => {}
                    }
                }
                top.run += 1;
                chain += 1;
                if chain > MAX_CHAIN {
                    return Err(too_long(tt.at()));
                }
            }
        }
        prev_joint_eq = joint_eq;
    }
}

fn too_long<P>(at: P) -> TooDeep<P> {
    TooDeep {
        message: format!("an expression longer than {MAX_CHAIN} tokens without a separator"),
        at,
    }
}
