//! Pruning: before proc-macro2 and syn see a file, the parts of its text that cannot produce a
//! fact are blanked out with spaces (line breaks stay, so every offset and line is kept).
//!
//! Most of the time syn spends on big files goes into data: tables in `static`/`const`
//! initialisers, `match`-only lookup functions, huge enums. So the file is lexed by the light
//! lexer ([`crate::scan`]), every item is looked at on the token level, and only these regions
//! are emptied ([`plan`], [`apply`]) when their tokens show they cannot matter:
//! - the body of a `fn` (free, in an `impl`, in a `trait`, in a `mod`) becomes `{}`;
//! - the initialiser of a `static`/`const` becomes `0`;
//! - the brace body of a `struct`/`enum`/`union` becomes `{}`;
//! - the tokens of an item-position macro (`macro_rules! m { .. }`, `foo! { .. }`) become
//!   blank inside their brackets, unless its path names a lazy-static macro: syn keeps
//!   macro tokens unparsed and no pass reads them;
//! - a doc comment before an item (`/// text`, or `#[doc = "text"]`) becomes `#[doc]` (when
//!   the comment is long enough to hold it), unless its text holds a connection string.
//!
//! The item itself stays: its name, attributes, signature and span are what the passes read
//! (a function is recorded, exported, made a handler by its attributes or registration,
//! whatever its body). `impl`, `trait` and inline `mod` bodies are pruned item by item.
//!
//! # Why a region without these tokens yields no fact
//!
//! "No fact" means: no fact the driver keeps. Right after lowering, the driver drops the calls
//! no call graph can use (`connlint_rules::graph::prune_calls`: calls at module scope, calls
//! of names the file neither defines nor imports), so a region whose only calls are such calls
//! is emptied too; the Facts with and without pruning are equal once those calls are dropped.
//! Each pass records something only from these syntax shapes (see `names`, `roles`, `lower`):
//! - a call of a path (`f(..)`, `a::b::f(..)`; see [`path_call_matters`]) that may be a
//!   construction (a client's static constructor on a client's type or on an alias), a
//!   registration or startup call of a pack the file may import (`get(h)`), or, in a
//!   function, a call that is kept: of a name the file defines or imports, `Self::f`/`T::f`
//!   with `T` a type or import of the file, or a path of three segments or more. At module
//!   scope (initialisers, type bodies, `extern` blocks) calls have no caller and are dropped,
//!   so only the first two matter there. Any other call (`g(..)`, `Vec::new()`,
//!   `String::from(..)` in a file that does not import these names) records nothing kept.
//!   A turbofish keeps the path (`f::<T>(..)` is a call of `f`); a call whose callee is not
//!   a plain path (`x?(..)`, `f()(..)`, `<T as U>::f(..)`) always matters, and a group after
//!   any other `>` is no call (`a > (b)`). `Some(..)`, `Ok(..)` and `Err(..)` record nothing
//!   themselves (wrappers), unless a pack's call pattern names them; keywords (`if (..)`,
//!   `match (..)`, `let (..)`, `fn(..)` types) are not callees;
//! - a method call that can record something: `x.name(..)` where `name` ends a call pattern of
//!   a pack whose import root occurs in the file (a registration: `.route(..)`,
//!   `.service(..)`), is a cache initialiser or a builder's end, or follows `fn` somewhere in
//!   the file (a call to a method of the file), unless its receiver is a field
//!   (`self.inner.get()`: no name a graph resolves). Any other method call records nothing
//!   kept (`x.len()`, `it.map(..)` in a file without warp);
//! - a closure (a function of its own): a `|` where an expression starts (first in its group,
//!   after a keyword such as `move`/`return`, or after an operator other than a joint `|`
//!   as in `a || b`), never after an operand as in the patterns `'a' | 'b'`;
//! - a nested item that defines or imports names: `fn NAME`, `impl`, `trait`, `use`, `mod`,
//!   `type`, `extern crate`. A `use` in a function body only imports for name resolution
//!   (lowering records imports at module scope): it matters when it names a client or a
//!   pack's crate, is a glob, or when the file may register handlers by imported names or
//!   aliases a client that the `use` could shadow (see [`Relevance::use_matters`]);
//! - a pool setting by field, assignment or method: an identifier containing `pool`;
//! - a pool setting in a connection string: a literal containing `?` and a pack's URI scheme;
//! - a `lazy_static!`-like macro from the packs (its body is parsed as items);
//! - the crates a file mentions (they gate the framework packs): a pack's import root
//!   (`axum`, `actix_web`, ..) as an identifier.
//!
//! The scan treats every token conservatively (attributes are scanned like code, except the
//! opaque argument lists of attributes such as `#[allow(..)]`), so a region it empties holds
//! none of them. The tokens of a macro invocation (`name!(..)`, `name![..]`, `name! {..}`) are
//! skipped: syn leaves them unparsed, so nothing in them is seen by any pass, and the
//! lazy-static macros, whose bodies are parsed, are words that make their region matter.
//! A walk over the whole file notes the names after `fn`, the names that imports, aliases and
//! types introduce, and the pack import roots it meets (see [`Census`]). What pruning changes:
//! syntax errors inside an emptied region are no longer reported (the file is analysed instead
//! of refused), nor are literals there that proc-macro2 would refuse. Everything that reads the whole file (the bracket/chain guard,
//! unbalanced brackets and unterminated literals, suppression comments) still sees all of it.

use crate::scan::Tok;
use crate::Kb;
use foldhash::{HashMap, HashSet, HashSetExt};
use proc_macro2::{Delimiter, Spacing};

/// Item nesting (`mod`/`impl` inside `mod` ..) pruned; deeper items are kept whole.
const MAX_ITEM_DEPTH: usize = 32;

/// What makes a region matter, from the knowledge packs and the file.
pub struct Relevance<'k> {
    /// Identifiers that matter anywhere: pack import roots, lazy-static macros.
    words: &'k HashSet<String>,
    /// Single-identifier calls that record nothing.
    inert_calls: &'k [&'static str],
    /// URI schemes (lowercase) of the packs. Only literals with a `?` are looked at, so the
    /// file's text is not searched for them beforehand (that was a lowercase copy of every
    /// file and a search per scheme).
    schemes: &'k [String],
    /// Names whose calls may record something whatever the receiver or path: the last
    /// segments of the call patterns of the handler and startup packs the file may import
    /// (`.route(..)`, `get(..)`, `lambda_runtime::run(..)`), cache initialisers and builder
    /// ends.
    pattern_methods: HashSet<&'k str>,
    /// The names that follow `fn` in the file ([`Census::fn_names`]): a call of a method of
    /// the file is kept after lowering, unless its receiver is a field (`self.inner.get()`).
    fn_names: HashSet<&'k str>,
    /// A call pattern of an active pack ends in a wildcard: every call may matter.
    all_methods: bool,
    /// The clients' static constructors (`with_uri_str`, `new`): `T::name(..)` may be a
    /// construction when `T` is a client's type, or an alias (see [`Census::aliases`]).
    statics: &'k HashSet<String>,
    /// The clients' type names (`Client`, `Pool`).
    symbols: &'k HashSet<String>,
    /// See [`Census::aliases`].
    aliases: HashSet<&'k str>,
    /// The clients' type names and the first segments of their modules (`mongodb`).
    client_words: &'k HashSet<String>,
    /// Whether a `use` inside a function body matters whatever it names: when the file may
    /// register handlers (a handler passed by an imported name is recorded), or when a `use`
    /// or alias of the file names a client (a nested `use` could shadow it). Otherwise it
    /// matters only when it names a client or a pack's crate itself.
    use_matters: bool,
    /// The names a call must go through to be kept after lowering: [`Census::known`] and the
    /// function names.
    known: HashSet<&'k str>,
}

/// The part of [`Relevance`] that comes from the packs alone, made once per run (in
/// [`Kb`]): building it for every file was about 2 % of the frontend's instructions.
#[derive(Default)]
pub struct Base {
    words: HashSet<String>,
    inert_calls: Vec<&'static str>,
    /// Every URI scheme of the packs, lowercase.
    schemes: Vec<String>,
    statics: HashSet<String>,
    symbols: HashSet<String>,
    client_words: HashSet<String>,
    /// The call-pattern ends that matter in every file: startup calls, cache initialisers,
    /// builder ends; and whether a startup pattern ends in a wildcard.
    always: Vec<String>,
    always_wild: bool,
    /// Per handler pack, what it adds when the file may import it.
    handlers: Vec<HandlerEnds>,
}

/// The call-pattern ends of one handler pack with call patterns (see [`Base`]); a pack
/// without any adds nothing.
struct HandlerEnds {
    /// Active in every file (the pack names no import).
    everywhere: bool,
    /// Indices into [`Kb::watch`] of the import roots that make it active when the file
    /// holds one ([`Census::seen`]).
    roots: Vec<usize>,
    /// The names its call patterns end in; `None` when one ends in a wildcard (or is empty):
    /// every call may matter ([`connlint_core::knowledge::pattern_ends`]).
    ends: Option<Vec<String>>,
}

/// [`connlint_core::knowledge::pattern_ends`], owned: [`Kb`] keeps them beside the patterns
/// they come from.
pub(crate) fn owned_ends<'p, C: FromIterator<String>>(
    patterns: impl IntoIterator<Item = &'p String>,
) -> Option<C> {
    let ends: Vec<&str> = connlint_core::knowledge::pattern_ends(patterns)?;
    Some(ends.into_iter().map(String::from).collect())
}

impl Base {
    pub fn new(kb: &Kb) -> Base {
        let mut words: HashSet<String> = kb.cache_macros.iter().cloned().collect();
        for spec in &kb.handlers {
            for m in &spec.imports {
                if let Some(root) = connlint_core::knowledge::split_path(m).next() {
                    words.insert(root.to_string());
                }
            }
        }
        let patterns: Vec<&String> = kb
            .handlers
            .iter()
            .flat_map(|h| h.calls.iter())
            .chain(kb.startups.iter().flat_map(|s| s.calls.iter()))
            .collect();
        let inert_calls = ["Some", "Ok", "Err"]
            .into_iter()
            .filter(|w| {
                !patterns
                    .iter()
                    .any(|p| connlint_core::knowledge::pattern_matches(p, &[w]))
            })
            .collect();
        let schemes = kb
            .clients
            .iter()
            .flat_map(|c| c.uri_schemes.iter())
            .filter(|s| !s.is_empty())
            .map(|s| s.to_ascii_lowercase())
            .collect();
        let startup_ends: Option<Vec<String>> =
            owned_ends(kb.startups.iter().flat_map(|s| s.calls.iter()));
        let always_wild = startup_ends.is_none();
        let mut always = startup_ends.unwrap_or_default();
        always.extend(kb.cache_methods.iter().cloned());
        let handlers = kb
            .handlers
            .iter()
            .filter(|h| !h.calls.is_empty())
            .map(|h| HandlerEnds {
                everywhere: h.imports.is_empty(),
                roots: h
                    .imports
                    .iter()
                    .filter_map(|m| connlint_core::knowledge::split_path(m).next())
                    .filter_map(|root| kb.watch.get(root).copied())
                    .collect(),
                ends: owned_ends(&h.calls),
            })
            .collect();
        let mut statics = HashSet::new();
        let mut symbols = HashSet::new();
        let mut client_words = HashSet::new();
        for c in &kb.clients {
            always.extend(c.build.iter().cloned());
            statics.extend(c.statics.iter().cloned());
            symbols.insert(c.symbol.clone());
            client_words.insert(c.symbol.clone());
            for m in &c.modules {
                client_words.extend(
                    connlint_core::knowledge::split_path(m)
                        .next()
                        .map(String::from),
                );
            }
        }
        Base {
            words,
            inert_calls,
            schemes,
            statics,
            symbols,
            client_words,
            always,
            always_wild,
            handlers,
        }
    }
}

/// The import roots of the handler packs with call patterns, each with its index: the
/// census notes which of them the file holds (see [`Relevance::new`]), one lookup an
/// identifier.
pub fn watch(kb: &Kb) -> HashMap<String, usize> {
    let mut out: HashMap<String, usize> = HashMap::default();
    for spec in kb.handlers.iter().filter(|h| !h.calls.is_empty()) {
        for m in &spec.imports {
            if let Some(root) = connlint_core::knowledge::split_path(m).next() {
                let next = out.len();
                out.entry(root.to_string()).or_insert(next);
            }
        }
    }
    out
}

impl<'k> Relevance<'k> {
    /// `census` comes from [`census`] over the whole file.
    pub fn new(kb: &'k Kb, census: Census<'k>) -> Relevance<'k> {
        let base = &kb.base;
        // A registration call needs its pack's import root in the file (`Names::mentions`),
        // and every root there is an identifier of the file.
        let seen = |i: &usize| census.seen.get(*i).copied().unwrap_or(false);
        let mut pattern_methods: HashSet<&str> = base.always.iter().map(String::as_str).collect();
        let mut all_methods = base.always_wild;
        let mut registers = false;
        for h in &base.handlers {
            if h.everywhere || h.roots.iter().any(seen) {
                registers = true;
                match &h.ends {
                    Some(ends) => pattern_methods.extend(ends.iter().map(String::as_str)),
                    None => all_methods = true,
                }
            }
        }
        let fn_names = census.fn_names;
        let mut known = census.known;
        known.extend(fn_names.iter().copied());
        let use_matters = registers
            || census
                .aliases
                .iter()
                .any(|a| base.client_words.contains(*a));
        Relevance {
            words: &base.words,
            inert_calls: &base.inert_calls,
            schemes: &base.schemes,
            pattern_methods,
            fn_names,
            all_methods,
            statics: &base.statics,
            symbols: &base.symbols,
            aliases: census.aliases,
            client_words: &base.client_words,
            use_matters,
            known,
        }
    }
}

/// What the walk over the whole file notes for [`Relevance::new`].
#[derive(Default)]
pub struct Census<'s> {
    /// Every identifier that follows the keyword `fn`: a superset of the names of the functions
    /// and methods the file defines.
    pub fn_names: HashSet<&'s str>,
    /// A superset of the other names through which a call is kept after lowering
    /// (`connlint_rules::graph::prune_calls`): the [`Census::aliases`], every identifier in
    /// the head of an `impl` (its type names the methods' class), and after `trait`, `mod`,
    /// `let` and `let mut` (classes, imports, closures named by their binding).
    pub known: HashSet<&'s str>,
    /// A superset of the names that `use` items, type aliases and `extern crate` bind: every
    /// identifier in a `use` item, and after `as`, `type` and `crate`.
    pub aliases: HashSet<&'s str>,
    /// For each import root of [`watch`] (by its index there), whether it occurs as an identifier.
    pub seen: Vec<bool>,
}

/// One group in the walk of [`census`].
struct CensusFrame<'a, 's> {
    tokens: std::slice::Iter<'a, Tok<'s>>,
    /// Inside a `use` item, up to its `;`.
    in_use: bool,
    /// Inside the head of an `impl`, up to its brace body.
    in_impl: bool,
}

/// Notes the [`Census`] of a file's tokens, with the identifiers in `watch` (see [`watch`]).
pub fn census<'s>(toks: &[Tok<'s>], watch: &HashMap<String, usize>) -> Census<'s> {
    let mut census = Census {
        fn_names: HashSet::new(),
        known: HashSet::new(),
        aliases: HashSet::new(),
        seen: vec![false; watch.len()],
    };
    let mut after_fn = false;
    // The previous identifier names what follows it: `trait`, `mod`, `let`, .. (a known
    // name) or `as`, `type`, `crate` (an alias).
    let mut names_next = false;
    let mut aliases_next = false;
    let mut stack = vec![CensusFrame {
        tokens: toks.iter(),
        in_use: false,
        in_impl: false,
    }];
    while let Some(top) = stack.last_mut() {
        let Some(tt) = top.tokens.next() else {
            stack.pop();
            continue;
        };
        match tt {
            Tok::Ident(i, _) => {
                if after_fn {
                    census.fn_names.insert(i);
                }
                if aliases_next || top.in_use {
                    census.aliases.insert(i);
                }
                if names_next || aliases_next || top.in_use || top.in_impl {
                    census.known.insert(i);
                }
                after_fn = *i == "fn";
                names_next = match *i {
                    "trait" | "mod" | "let" => true,
                    "mut" => names_next,
                    _ => false,
                };
                aliases_next = matches!(*i, "as" | "type" | "crate");
                match *i {
                    "use" => top.in_use = true,
                    "impl" => top.in_impl = true,
                    _ => {}
                }
                if let Some(seen) = watch.get(*i).and_then(|&k| census.seen.get_mut(k)) {
                    *seen = true;
                }
            }
            Tok::Group(g) => {
                after_fn = false;
                names_next = false;
                aliases_next = false;
                let body = top.in_impl && g.delimiter == Delimiter::Brace;
                if body {
                    top.in_impl = false;
                }
                let frame = CensusFrame {
                    tokens: g.toks.iter(),
                    in_use: top.in_use,
                    in_impl: top.in_impl,
                };
                stack.push(frame);
            }
            Tok::Punct(c, _, _) => {
                after_fn = false;
                names_next = false;
                aliases_next = false;
                if *c == ';' {
                    top.in_use = false;
                    top.in_impl = false;
                }
            }
            Tok::Literal(..) => {
                after_fn = false;
                names_next = false;
                aliases_next = false;
            }
        }
    }
    census
}

/// A change to the text: byte ranges, replaced so that every offset and line stays where it
/// was (see [`apply`]).
#[derive(Debug, PartialEq, Eq)]
pub enum Edit {
    /// Spaces (line breaks stay).
    Blank(usize, usize),
    /// `0`, then spaces.
    Zero(usize, usize),
    /// A doc comment: `#[doc]` (`#![doc]` when inner), then spaces.
    Doc(usize, usize, bool),
}

/// The edits that prune the items of a file (see the module documentation).
pub fn plan(toks: &[Tok<'_>], rel: &Relevance) -> Vec<Edit> {
    let mut edits = Vec::new();
    items(toks, rel, 0, &mut edits);
    edits
}

/// `text` with `edits` made (the offsets are those of `text`); same length, same lines.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let blank = |bytes: &mut Vec<u8>, from: usize, to: usize| {
        for b in bytes.get_mut(from..to).unwrap_or(&mut []) {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    };
    for e in edits {
        match *e {
            Edit::Blank(from, to) => blank(&mut bytes, from, to),
            Edit::Zero(from, to) => {
                blank(&mut bytes, from, to);
                if let Some(b) = bytes.get_mut(from) {
                    *b = b'0';
                }
            }
            Edit::Doc(from, to, inner) => {
                blank(&mut bytes, from, to);
                let attr: &[u8] = if inner { b"#![doc]" } else { b"#[doc]" };
                if let Some(b) = bytes.get_mut(from..from + attr.len()) {
                    b.copy_from_slice(attr);
                }
            }
        }
    }
    // Whole characters were replaced by ASCII, so this cannot fail; if it did, no pruning.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Fn,
    /// `static`/`const` with an initialiser.
    Static,
    TypeAlias,
    /// `impl`, `trait`, `mod`: their brace body holds items.
    Container,
    /// `struct`, `enum`, `union`.
    Data,
    /// `extern "C" { .. }`: foreign functions, statics and types, without bodies.
    Foreign,
    Other,
}

enum Action {
    Keep,
    /// Blank the inside of the group at this index (a body, or a macro's tokens).
    Empty(usize),
    /// Replace the tokens in this range with `0`.
    Zero(usize, usize),
    /// Prune the items of the brace group at this index.
    Recurse(usize),
}

fn is_ident(tt: Option<&Tok<'_>>, word: &str) -> bool {
    matches!(tt, Some(Tok::Ident(i, _)) if *i == word)
}

fn is_punct(tt: Option<&Tok<'_>>, c: char) -> bool {
    matches!(tt, Some(Tok::Punct(p, _, _)) if *p == c)
}

fn is_brace(tt: Option<&Tok<'_>>) -> bool {
    matches!(tt, Some(Tok::Group(g)) if g.delimiter == Delimiter::Brace)
}

/// The kind of the item starting at `toks[0]`, and the index of its keyword.
fn kind(toks: &[Tok<'_>]) -> (Kind, usize) {
    let mut k = 0;
    // Attributes, outer and inner.
    while is_punct(toks.get(k), '#') {
        k += 1;
        if is_punct(toks.get(k), '!') {
            k += 1;
        }
        match toks.get(k) {
            Some(Tok::Group(g)) if g.delimiter == Delimiter::Bracket => k += 1,
            _ => return (Kind::Other, k),
        }
    }
    if is_ident(toks.get(k), "pub") {
        k += 1;
        if matches!(toks.get(k), Some(Tok::Group(g)) if g.delimiter == Delimiter::Parenthesis) {
            k += 1;
        }
    }
    let mut after_const = false;
    let mut after_extern = false;
    loop {
        match toks.get(k) {
            Some(Tok::Ident(word, _)) => match *word {
                "fn" => return (Kind::Fn, k),
                "static" => return (Kind::Static, k),
                "type" => return (Kind::TypeAlias, k),
                "impl" | "trait" | "mod" => return (Kind::Container, k),
                "struct" | "enum" | "union" => return (Kind::Data, k),
                "const" => after_const = true,
                "extern" => after_extern = true,
                "async" | "unsafe" | "default" | "safe" | "auto" => {}
                _ if after_const => return (Kind::Static, k.saturating_sub(1)),
                _ => return (Kind::Other, k),
            },
            Some(Tok::Literal(..)) if after_extern => {}
            Some(Tok::Group(g)) if after_extern && g.delimiter == Delimiter::Brace => {
                return (Kind::Foreign, k)
            }
            _ => return (Kind::Other, k),
        }
        k += 1;
    }
}

/// One past the last token of the item of kind `kind` starting at `toks[0]`.
fn item_len(toks: &[Tok<'_>], kind: Kind) -> usize {
    let mut k = 0;
    // Skip attributes: their brackets never end an item.
    while is_punct(toks.get(k), '#') {
        k += 1;
        if is_punct(toks.get(k), '!') {
            k += 1;
        }
        if matches!(toks.get(k), Some(Tok::Group(_))) {
            k += 1;
        }
    }
    while let Some(tt) = toks.get(k) {
        match tt {
            Tok::Punct(';', _, _) => return k + 1,
            Tok::Group(g)
                if g.delimiter == Delimiter::Brace
                    && !matches!(kind, Kind::Static | Kind::TypeAlias) =>
            {
                // A brace group ends the item unless the item goes on (`Foo<{ N }>`).
                match toks.get(k + 1) {
                    None => return k + 1,
                    Some(Tok::Punct(p, _, _)) if *p != '#' => {}
                    Some(_) => return k + 1,
                }
            }
            _ => {}
        }
        k += 1;
    }
    toks.len()
}

/// The tokens of a `static`/`const` item's initialiser: after the `=` outside angle brackets,
/// up to the final `;`.
fn initialiser(item: &[Tok<'_>], from: usize) -> Option<(usize, usize)> {
    let last = item.len().checked_sub(1)?;
    if !is_punct(item.get(last), ';') {
        return None;
    }
    let mut angle = 0usize;
    let mut prev_arrow_start = false;
    for k in from..last {
        let Some(Tok::Punct(p, spacing, _)) = item.get(k) else {
            prev_arrow_start = false;
            continue;
        };
        match p {
            '<' => angle += 1,
            '>' if !prev_arrow_start => angle = angle.saturating_sub(1),
            '=' if angle == 0 => return (k + 1 < last).then_some((k + 1, last)),
            _ => {}
        }
        prev_arrow_start = *p == '-' && *spacing == Spacing::Joint;
    }
    None
}

fn action(item: &[Tok<'_>], kind: Kind, at: usize, rel: &Relevance, depth: usize) -> Action {
    let last = item.len().saturating_sub(1);
    let body = item.get(last).filter(|tt| is_brace(Some(*tt)));
    match (kind, body) {
        (Kind::Fn | Kind::Data | Kind::Foreign, Some(Tok::Group(g))) => {
            let scope = match kind {
                Kind::Fn => Scope::Body,
                Kind::Foreign => Scope::Foreign,
                _ => Scope::Module,
            };
            if matters(&g.toks, rel, scope) {
                Action::Keep
            } else {
                Action::Empty(last)
            }
        }
        (Kind::Container, Some(_)) if depth < MAX_ITEM_DEPTH => Action::Recurse(last),
        (Kind::Other, _) => macro_body(item, at, rel).map_or(Action::Keep, Action::Empty),
        (Kind::Static, _) => match initialiser(item, at + 1) {
            Some((from, to)) => {
                if matters(item.get(from..to).unwrap_or(&[]), rel, Scope::Module) {
                    Action::Keep
                } else {
                    Action::Zero(from, to)
                }
            }
            None => Action::Keep,
        },
        _ => Action::Keep,
    }
}

fn items(toks: &[Tok<'_>], rel: &Relevance, depth: usize, edits: &mut Vec<Edit>) {
    let mut start = 0;
    while start < toks.len() {
        let rest = toks.get(start..).unwrap_or(&[]);
        let (kind, at) = kind(rest);
        let len = item_len(rest, kind).max(1);
        let item = rest.get(..len).unwrap_or(rest);
        doc_attrs(item, rel, edits);
        match action(item, kind, at, rel, depth) {
            Action::Keep => {}
            Action::Empty(i) => {
                if let Some(Tok::Group(g)) = item.get(i) {
                    edits.push(Edit::Blank(g.open + 1, g.close));
                }
            }
            Action::Recurse(i) => {
                if let Some(Tok::Group(g)) = item.get(i) {
                    items(&g.toks, rel, depth + 1, edits);
                }
            }
            Action::Zero(a, b) => {
                if let (Some(first), Some(last)) =
                    (item.get(a), b.checked_sub(1).and_then(|l| item.get(l)))
                {
                    edits.push(Edit::Zero(first.lo(), last.hi()));
                }
            }
        }
        start += len;
    }
}

/// A connection string with a query: it may set a pool size.
fn literal_matters(text: &str, rel: &Relevance) -> bool {
    if rel.schemes.is_empty() || !text.contains('?') {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    rel.schemes.iter().any(|s| lower.contains(s.as_str()))
}

/// Edits the item's leading `#[doc = "literal"]` attributes (doc comments) whose literal does
/// not matter into `#[doc]`. Attribute values are visited as expressions, and a string literal
/// there is only read for a connection string.
fn doc_attrs(item: &[Tok<'_>], rel: &Relevance, edits: &mut Vec<Edit>) {
    let mut k = 0;
    while is_punct(item.get(k), '#') {
        k += 1;
        if is_punct(item.get(k), '!') {
            k += 1;
        }
        let Some(Tok::Group(g)) = item.get(k) else {
            return;
        };
        if let [Tok::Ident("doc", _), Tok::Punct('=', _, _), Tok::Literal(l, _)] = g.toks.as_slice()
        {
            if g.delimiter == Delimiter::Bracket && !literal_matters(l, rel) {
                match g.doc {
                    // `/// text` becomes `#[doc]` and spaces, when it is long enough.
                    Some(inner) => {
                        let (from, to) = (g.open, g.close + 1);
                        if to - from >= if inner { 7 } else { 6 } {
                            edits.push(Edit::Doc(from, to, inner));
                        }
                    }
                    // `#[doc = "text"]` becomes `#[doc]`.
                    None => {
                        if let Some(first) = g.toks.first() {
                            edits.push(Edit::Blank(first.hi(), g.close));
                        }
                    }
                }
            }
        }
        k += 1;
    }
}

/// The index of the token group of an item-position macro invocation or `macro_rules!`
/// definition (`path! ( .. );`, `path! { .. }`, `macro_rules! name { .. }`) whose path holds
/// no word that matters (such as a lazy-static macro): syn keeps those tokens unparsed and no
/// pass reads them, so they are emptied.
fn macro_body(item: &[Tok<'_>], at: usize, rel: &Relevance) -> Option<usize> {
    let mut k = at;
    loop {
        let Tok::Ident(i, _) = item.get(k)? else {
            return None;
        };
        if rel.words.contains(*i) {
            return None;
        }
        k += 1;
        if is_punct(item.get(k), ':') && is_punct(item.get(k + 1), ':') {
            k += 2;
        } else {
            break;
        }
    }
    if !matches!(item.get(k), Some(Tok::Punct('!', Spacing::Alone, _))) {
        return None;
    }
    k += 1;
    if matches!(item.get(k), Some(Tok::Ident(..))) {
        k += 1;
    }
    match item.get(k)? {
        Tok::Group(_) => Some(k),
        _ => None,
    }
}

/// What came before a token in its group, for telling calls and closures apart.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// First in its group.
    Start,
    /// An identifier that can be a callee (a path's last segment).
    Callee,
    /// The keyword `self` (a method called on it is recorded).
    SelfValue,
    /// A field, or a method name after `.` whose calls record nothing (see
    /// [`Relevance::pattern_methods`] and [`Relevance::fn_names`]).
    Method,
    /// A keyword after which an expression starts (`return`, `move`, `in`, ..).
    Keyword,
    /// An identifier that is not a callee of anything recorded: `Some`/`Ok`/`Err`, `fn`.
    Inert,
    /// A literal, or any other operand that ends an expression.
    Operand,
    /// A group.
    Group,
    /// The `!` of a macro invocation, after its name (`true`: the name is `macro_rules`).
    Bang(bool),
    /// The name a `macro_rules!` defines.
    MacroRulesName,
    Punct(char, Spacing),
}

/// Keywords followed by an expression (a closure may start right after them).
const EXPR_KEYWORDS: &[&str] = &[
    "return", "break", "move", "async", "static", "yield", "in", "else", "if", "match", "while",
    "let", "mut", "ref", "as", "loop", "unsafe", "box", "await", "do", "become", "where", "for",
    "dyn", "impl", "pub", "const",
];

/// One group being scanned.
struct Frame<'a, 's> {
    tokens: std::slice::Iter<'a, Tok<'s>>,
    prev: Prev,
    prev2: Prev,
    /// The top level of an attribute (`#[..]`), still in its leading path.
    attr_path: bool,
    /// The previous token was the keyword `fn` / `extern`.
    after_fn: bool,
    after_extern: bool,
    /// The top level of a foreign block: `fn NAME(..)` and `type NAME` declare, they do not
    /// define (no body, no import).
    foreign: bool,
    /// The previous token names a foreign function: a `(..)` after it is its parameter list.
    after_foreign_fn: bool,
    /// The previous token is the identifier `macro_rules`.
    macro_rules: bool,
    /// The path the last tokens spell, if any (`a::b::c`).
    path: Path<'s>,
    /// Inside the generic arguments of a turbofish (`f::<..>`): their depth, and the path
    /// before them.
    angle: usize,
    angle_path: Path<'s>,
    /// The previous token closed a turbofish: `path` is the path it followed.
    closed_turbofish: bool,
    /// Inside a `use` item that cannot matter unless its names do (see
    /// [`Relevance::use_matters`]), up to its `;`.
    in_use: bool,
}

/// A path being read, segment by segment.
#[derive(Clone, Copy)]
enum Path<'s> {
    /// Not in a path.
    None,
    /// `first::..::penult::last`, `len` segments (`penult` is empty when `len` is 1).
    Known {
        len: usize,
        first: &'s str,
        penult: &'s str,
        last: &'s str,
    },
    /// A path whose start is not plain identifiers (`::a::b`, `<T as U>::f`, `Vec::<u8>::new`).
    Unknown,
}

/// Where the tokens of a region would be lowered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// A function body: a call there is kept when it may resolve (see [`path_call_matters`]).
    Body,
    /// Module scope (a `static`/`const` initialiser, a type's body): its calls have no caller
    /// and are dropped after lowering, so only a call a pattern may match records something.
    Module,
    /// The items of an `extern` block (module scope too).
    Foreign,
}

impl<'a, 's> Frame<'a, 's> {
    fn new(toks: &'a [Tok<'s>], attr: bool, foreign: bool) -> Self {
        Frame {
            path: Path::None,
            angle: 0,
            angle_path: Path::None,
            closed_turbofish: false,
            in_use: false,
            tokens: toks.iter(),
            prev: Prev::Start,
            prev2: Prev::Start,
            attr_path: attr,
            after_fn: false,
            after_extern: false,
            foreign,
            after_foreign_fn: false,
            macro_rules: false,
        }
    }
}

/// Whether a call of the path `path`, in a region of `scope`, can produce a fact:
/// - a registration or startup call of a pack the file may import (`get(..)`);
/// - a construction: a client's static constructor on a client's type (`Client::new(..)`,
///   `mongodb::Client::with_uri_str(..)`) or on an alias that may stand for one
///   (`Mongo::with_uri_str(..)` after `use mongodb::Client as Mongo`);
/// - in a function, a call that `connlint_rules::graph::prune_calls` keeps after lowering: of
///   a name the file defines or imports (`f(..)`, `Type::new(..)`), of a method of the file
///   (`Self::f(..)`, `Type::f(..)` with `Type` known), or of a longer path (`a::b::f(..)`).
///
/// At module scope calls have no caller and are dropped, so only the first two matter.
fn path_call_matters(path: Path<'_>, rel: &Relevance, scope: Scope) -> bool {
    let Path::Known {
        len,
        first,
        penult,
        last,
    } = path
    else {
        return true;
    };
    if rel.all_methods || rel.pattern_methods.contains(last) {
        return true;
    }
    let construction = len >= 2
        && rel.statics.contains(last)
        && (rel.symbols.contains(penult) || (len == 2 && rel.aliases.contains(first)));
    if construction {
        return true;
    }
    match (scope, len) {
        (Scope::Module | Scope::Foreign, _) => false,
        (_, 1) => rel.known.contains(last),
        (_, 2) => matches!(first, "self" | "Self") || rel.known.contains(first),
        _ => true,
    }
}

/// Whether any token of `stream`, a region of `scope`, can produce a fact (see the module
/// documentation).
fn matters(toks: &[Tok<'_>], rel: &Relevance, scope: Scope) -> bool {
    let mut stack = vec![Frame::new(toks, false, scope == Scope::Foreign)];
    while let Some(top) = stack.last_mut() {
        let Some(tt) = top.tokens.next() else {
            stack.pop();
            continue;
        };
        let (prev, prev2) = (top.prev, top.prev2);
        let now = match tt {
            Tok::Ident(word, _) => {
                let word = *word;
                let joined = matches!(prev, Prev::Punct(':', Spacing::Alone))
                    && matches!(prev2, Prev::Punct(':', Spacing::Joint));
                top.path = match (joined, top.path) {
                    (false, _) => Path::Known {
                        len: 1,
                        first: word,
                        penult: "",
                        last: word,
                    },
                    (
                        true,
                        Path::Known {
                            len, first, last, ..
                        },
                    ) => Path::Known {
                        len: len + 1,
                        first,
                        penult: last,
                        last: word,
                    },
                    (true, _) => Path::Unknown,
                };
                let declares = top.foreign && (top.after_fn || word == "type");
                top.after_foreign_fn = top.foreign && top.after_fn;
                if declares {
                    top.after_fn = false;
                    top.prev2 = prev;
                    top.prev = Prev::Inert;
                    continue;
                }
                if top.in_use {
                    // A nested `use` binds names for the whole file: it matters when they
                    // may name a client, or a crate a pack needs (see `use_matters`).
                    if rel.client_words.contains(word) || rel.words.contains(word) {
                        return true;
                    }
                    top.prev2 = prev;
                    top.prev = Prev::Inert;
                    continue;
                }
                if word == "use" && scope == Scope::Body && !rel.use_matters {
                    top.in_use = true;
                    top.prev2 = prev;
                    top.prev = Prev::Inert;
                    continue;
                }
                if top.after_fn
                    || (top.after_extern && word == "crate")
                    || matches!(word, "impl" | "trait" | "use" | "mod" | "type")
                    || rel.words.contains(word)
                    || connlint_core::knowledge::option_names_pool(word)
                {
                    return true;
                }
                top.after_fn = word == "fn";
                top.after_extern = word == "extern";
                // `x.name`: a method (or a field); not after `..`, as in `a..f(b)`.
                let after_dot =
                    matches!(prev, Prev::Punct('.', _)) && !matches!(prev2, Prev::Punct('.', _));
                if after_dot {
                    // A method of the file called on a field (`self.pool.get()`) is dropped
                    // after lowering: its receiver is no name (see `prune_calls`).
                    let on_field = prev2 == Prev::Method;
                    if rel.all_methods
                        || rel.pattern_methods.contains(word)
                        || (rel.fn_names.contains(word) && !on_field)
                    {
                        return true;
                    }
                    top.prev2 = prev;
                    // `x.await` is an operand, not a field.
                    top.prev = if word == "await" {
                        Prev::Operand
                    } else {
                        Prev::Method
                    };
                    continue;
                }
                let after_colons = matches!(prev, Prev::Punct(':', _));
                top.macro_rules = word == "macro_rules";
                if prev == Prev::Bang(true) {
                    Prev::MacroRulesName
                } else if word == "self" {
                    Prev::SelfValue
                } else if (rel.inert_calls.contains(&word) && !after_colons) || word == "fn" {
                    Prev::Inert
                } else if EXPR_KEYWORDS.contains(&word) {
                    Prev::Keyword
                } else {
                    Prev::Callee
                }
            }
            &Tok::Punct(c, spacing, _) => {
                let path = top.path;
                if c != ':' {
                    top.path = Path::None;
                }
                if top.in_use {
                    match c {
                        '*' => return true,
                        ';' => top.in_use = false,
                        _ => {}
                    }
                }
                // `f::<T>(..)`: the path stays the callee across its generic arguments.
                top.closed_turbofish = false;
                // (The second `:` of `::<` is joint to the `<`.)
                let after_colons = matches!(prev, Prev::Punct(':', _))
                    && matches!(prev2, Prev::Punct(':', Spacing::Joint));
                match c {
                    '<' if top.angle > 0 => top.angle += 1,
                    '<' if after_colons => {
                        top.angle = 1;
                        top.angle_path = path;
                    }
                    '>' if top.angle > 0 && prev != Prev::Punct('-', Spacing::Joint) => {
                        top.angle -= 1;
                        if top.angle == 0 {
                            top.path = top.angle_path;
                            top.closed_turbofish = true;
                        }
                    }
                    _ => {}
                }
                top.after_fn = false;
                top.after_extern = false;
                top.after_foreign_fn = false;
                if top.attr_path && !matches!(c, ':') {
                    top.attr_path = false;
                }
                if c == '!' && spacing == Spacing::Alone && prev == Prev::Callee {
                    // `name!(..)`: a macro invocation (never a `!` operator after an operand).
                    top.prev2 = prev;
                    top.prev = Prev::Bang(std::mem::take(&mut top.macro_rules));
                    continue;
                }
                if c == '|' {
                    let starts_closure = match prev {
                        Prev::Start | Prev::Keyword | Prev::Bang(_) => true,
                        Prev::Punct('|', Spacing::Joint) => false,
                        Prev::Punct(..) => true,
                        Prev::Callee
                        | Prev::SelfValue
                        | Prev::Method
                        | Prev::MacroRulesName
                        | Prev::Inert
                        | Prev::Operand
                        | Prev::Group => false,
                    };
                    if starts_closure {
                        return true;
                    }
                }
                Prev::Punct(c, spacing)
            }
            Tok::Literal(l, _) => {
                top.path = Path::None;
                top.after_fn = false;
                top.after_extern = false;
                top.after_foreign_fn = false;
                top.attr_path = false;
                if literal_matters(l, rel) {
                    return true;
                }
                if matches!(prev, Prev::Punct('.', _)) {
                    // `x.0(..)`: a field that may be called.
                    Prev::Callee
                } else {
                    Prev::Operand
                }
            }
            Tok::Group(g) => {
                let path = std::mem::replace(&mut top.path, Path::None);
                let closed_turbofish = std::mem::take(&mut top.closed_turbofish);
                top.after_fn = false;
                top.after_extern = false;
                let params = std::mem::take(&mut top.after_foreign_fn);
                let delim = g.delimiter;
                let macro_body = matches!(prev, Prev::Bang(_) | Prev::MacroRulesName);
                if top.attr_path || macro_body {
                    // `#[allow(..)]`, `#[path::to { .. }]`: the arguments are opaque tokens.
                    // So are the tokens of a macro invocation (or definition): syn does not
                    // parse them, and a lazy-static macro's name has made its region matter.
                    top.attr_path = false;
                    top.prev2 = prev;
                    top.prev = Prev::Group;
                    continue;
                }
                let call = delim == Delimiter::Parenthesis
                    && !params
                    && match prev {
                        Prev::Callee => path_call_matters(path, rel, scope),
                        Prev::SelfValue | Prev::Group => true,
                        // `f::<T>(..)`; after any other `>` (`a > (b)`, `=> (..)`, `-> (..)`)
                        // a group is no call.
                        Prev::Punct('>', _) => {
                            closed_turbofish && path_call_matters(path, rel, scope)
                        }
                        Prev::Punct('?', _) => true,
                        _ => false,
                    };
                if call {
                    return true;
                }
                let attr = delim == Delimiter::Bracket
                    && (matches!(prev, Prev::Punct('#', _))
                        || (matches!(prev, Prev::Punct('!', _))
                            && matches!(prev2, Prev::Punct('#', _))));
                if attr {
                    // What follows an attribute starts afresh: `#[inline] |x| x` is a closure.
                    top.prev2 = Prev::Start;
                    top.prev = Prev::Start;
                } else {
                    top.prev2 = prev;
                    top.prev = Prev::Group;
                }
                let in_use = top.in_use;
                let mut frame = Frame::new(&g.toks, attr, false);
                frame.in_use = in_use;
                stack.push(frame);
                continue;
            }
        };
        top.prev2 = prev;
        top.prev = now;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::scan::lex;
    use proc_macro2::{TokenStream, TokenTree};

    static KB: std::sync::LazyLock<Kb> =
        std::sync::LazyLock::new(|| Kb::new(&connlint_core::Knowledge::builtin()));

    fn rel(text: &str) -> Relevance<'_> {
        let toks = lex(text).unwrap_or_default();
        Relevance::new(&KB, census(&toks, &KB.watch))
    }

    /// Whether the tokens of `src` (an expression or statements) matter in a function body.
    fn m(src: &str) -> bool {
        let toks = lex(src).unwrap_or_else(|_| panic!("cannot lex {src}"));
        matters(&toks, &rel(src), Scope::Body)
    }

    /// The same, in a file that defines `f` and `m` and imports `a`, `Foo` and `Option`.
    fn m_known(src: &str) -> bool {
        m_in(
            src,
            &format!("{src}\nfn f() {{}} fn m() {{}} use z::{{a, Foo, Option}};"),
        )
    }

    #[test]
    fn calls_closures_and_items_matter() {
        for src in [
            "f(1)",
            "a::b(1)",
            "Foo(1)",
            "Option::Some(1)",
            "f::<u8>(1)",
            "f()(2)",
            "x?(1)",
            "x.0(1)",
            "|x| x",
            "move || 1",
            "let f = || 1;",
            "[1, 2].map(|x| x)",
            "fn inner() {}",
            "use a::*;",
            "extern crate x;",
            "impl S {}",
            "mod m {}",
            "type T = u8;",
            "S { max_pool_size: 5 }",
            "o.maxPoolSize = 3",
            "\"mongodb://h/?maxPoolSize=5\"",
            "lazy_static! { static ref X: u8 = 1; }",
            "let x: axum::Router;",
            "#[doc = \"x\"] let x = f();",
            "self.m(1)",
            "xs.iter().all(#[inline] |x| x)",
            "a..f(b)",
            "x.get_or_init(f)",
            "b.build()",
            "x.f::<u8>()",
            "lazy_static::lazy_static! { static ref X: u8 = 1; }",
            "a::b::c(1)",
            "x.await.m()",
        ] {
            assert!(m_known(src), "{src} should matter");
        }
    }

    #[test]
    fn calls_that_are_dropped_after_lowering_do_not_matter() {
        // Calls of names the file neither defines nor imports (`prune_calls` drops them).
        for src in [
            "g(1)",
            "Vec::new()",
            "String::from(x)",
            "Self(1)",
            "crate::f(1)",
        ] {
            assert!(!m(src), "{src} should not matter");
        }
        assert!(m_in("g(1)", "fn g() {}"));
        assert!(m_in("Vec::new()", "use std::vec::Vec;"));
        assert!(m_in("S::g(1)", "impl S { fn g() {} }"));
        assert!(m_in("Self::g(1)", "impl S { fn g() {} }"));
        assert!(m("std::mem::take(x)"));
        // A method of the file called on a field has no receiver a graph can resolve; on
        // `self`, a name, or a value it may be kept.
        let file = "impl S { fn get(&self) {} }";
        assert!(!m_in("self.inner.get()", file));
        assert!(!m_in("a.b.get()", file));
        assert!(!m_in("self.len()", file));
        assert!(m_in("self.get()", file));
        assert!(m_in("conn.get()", file));
        assert!(m_in("f().get()", file));
        assert!(m_in("x.await.get()", file));
        assert!(m_in("x.0.get()", file));
        // Through a turbofish the callee stays the path before it; after any other `>` a
        // group is no call.
        assert!(m_in("g::<u8>(1)", "fn g() {}"));
        assert!(m("<T as U>::g(1)"));
        assert!(m_in("a::b::<Vec<u8>, fn() -> u8>::c(1)", ""));
        assert!(!m("h::<Vec<u8>>(1)"));
        assert!(!m("Vec::<u8>::new()"));
        assert!(!m("if a > (b) { c >> (d) }"));
        // A client's construction matters wherever it is, also under an alias.
        assert!(m("mongodb::Client::with_uri_str(u)"));
        assert!(m_in("M::with_uri_str(u)", "use mongodb::Client as M;"));
    }

    #[test]
    fn a_nested_use_matters_when_its_names_may() {
        // It names a client or a pack's crate, or the file may resolve names through it.
        assert!(!m("use std::fmt::Write; use a::{b, c as d};"));
        assert!(m("use mongodb::Client;"));
        assert!(m("use axum::routing::get;"));
        assert!(m("use a::*;"));
        assert!(m_in("use a::b;", "use axum::Router;"));
        assert!(m_in("use a::Client;", "use b::Client as C;"));
        // Outside a function body it is an import.
        let toks = lex("use std::fmt::Write;").unwrap_or_default();
        assert!(matters(&toks, &rel(""), Scope::Module));
    }

    /// Whether the tokens of `src` (an initialiser) matter at module scope in `file`.
    fn m_static(src: &str, file: &str) -> bool {
        let toks = lex(src).unwrap_or_else(|_| panic!("cannot lex {src}"));
        matters(&toks, &rel(file), Scope::Module)
    }

    #[test]
    fn calls_at_module_scope_matter_only_as_constructions_or_registrations() {
        // Module-scope calls have no caller: only patterns can make them record something.
        let file = "use x::a; fn f() {} impl Der { fn new() {} }";
        for src in [
            "f(1)",
            "Der::from_slice(b)",
            "Der::new(b)",
            "a::b::c(1)",
            "[L::new(['a'])]",
        ] {
            assert!(!m_static(src, file), "{src} should not matter");
        }
        for (src, file) in [
            ("Client::with_uri_str(u)", ""),
            ("reqwest::Client::new()", ""),
            ("M::with_uri_str(u)", "use mongodb::Client as M;"),
            ("Lazy::new(|| f())", ""),
            ("Router::new().route(\"/\", get(h))", "use axum::Router;"),
            ("get(h)", "use axum::routing::get;"),
        ] {
            assert!(m_static(src, file), "{src} should matter");
        }
    }

    /// Whether the tokens of `region` matter in the file `file`.
    fn m_in(region: &str, file: &str) -> bool {
        let toks = lex(region).unwrap_or_else(|_| panic!("cannot lex {region}"));
        matters(&toks, &rel(file), Scope::Body)
    }

    #[test]
    fn method_calls_matter_by_name() {
        // A method the file defines, or a registration method of a pack the file imports.
        assert!(!m_in("x.go(1)", "x.go(1)"));
        assert!(m_in("x.go(1)", "impl S { fn go(&self, n: u8) {} }"));
        assert!(!m_in("r.route(\"/\", h)", "r.route(\"/\", h)"));
        assert!(m_in("r.route(\"/\", h)", "use axum::Router;"));
        assert!(!m_in("x.len().max(y.len())", ""));
    }

    #[test]
    fn data_does_not_matter() {
        for src in [
            "[1, 2, 3, -4, 0x5, 6u8]",
            "&[('a', 'b'), ('\\u{41}', 'z')]",
            "match c { 'a'..='z' | 'A' => true, _ | '0' => false }",
            "Some(1)",
            "Ok(x)",
            "a || b && c | d",
            "if (a) { 1 } else { 2 }",
            "let (a, b) = (1, 2); a",
            "x => (1, 2)",
            "let f: fn(u8) -> u8 = g;",
            "#[allow(dead_code, x(y))] let x = 1;",
            "S { a: 1, b: [0; 4] }",
            "\"no scheme here?\"",
            "\"mongodb://h/\"",
            "X::A",
            "x.len() + y.iter().count()",
            "xs.first().map(Clone::clone)",
            "println!(\"{}\", f(x)); assert_eq!(g(|x| x), 2)",
            "let v = vec![f(1), g(2)];",
            "macro_rules! m { () => { f() } }",
            "x.f!(); if !(a) { b } else { c }",
            "a != (b)",
        ] {
            assert!(!m(src), "{src} should not matter");
        }
    }

    /// The pruned text of `src`, as proc-macro2 tokens printed.
    fn pruned(src: &str) -> String {
        let text = pruned_text(src);
        assert_eq!(text.len(), src.len());
        assert_eq!(text.lines().count(), src.lines().count());
        let tokens: TokenStream = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        tokens.to_string()
    }

    fn pruned_text(src: &str) -> String {
        let toks = lex(src).unwrap_or_else(|_| panic!("cannot lex {src}"));
        apply(src, &plan(&toks, &rel(src)))
    }

    #[test]
    fn only_bodies_and_initialisers_are_emptied() {
        assert_eq!(
            pruned("pub static T: [u8; 3] = [1, 2, 3];"),
            "pub static T : [u8 ; 3] = 0 ;"
        );
        assert_eq!(
            pruned("const T: Box<dyn I<Item = u8>> = B;"),
            "const T : Box < dyn I < Item = u8 >> = 0 ;"
        );
        assert_eq!(
            pruned("#[inline] pub const fn f() -> u8 { match 1 { _ => 2 } }"),
            "# [inline] pub const fn f () -> u8 { }"
        );
        assert_eq!(
            pruned("fn g() {} fn f() { g() }"),
            "fn g () { } fn f () { g () }"
        );
        assert_eq!(pruned("fn f() { g() }"), "fn f () { }");
        assert_eq!(
            pruned("impl S { fn a(&self) -> u8 { 1 } fn b(&self) { self.a() } }"),
            "impl S { fn a (& self) -> u8 { } fn b (& self) { self . a () } }"
        );
        assert_eq!(pruned("enum E { A, B } struct S;"), "enum E { } struct S ;");
        assert_eq!(
            pruned("fn f() -> Foo<{ 1 }> { 2 } fn g() {}"),
            "fn f () -> Foo < { 1 } > { } fn g () { }"
        );
        assert_eq!(
            pruned("#[wasm_bindgen] extern \"C\" { #[wasm_bindgen(method, js_name = f)] pub fn f(this: &T, x: fn(u8)) -> u8; pub type T; static S: u8; }"),
            "# [wasm_bindgen] extern \"C\" { }"
        );
        assert_eq!(pruned("extern { fn f(x: [u8; g()]); }"), "extern { }");
        assert_eq!(
            pruned("use a::{b, c}; static S: u8 = { f() }; static T: u8 = { b::c::d() };"),
            "use a :: { b , c } ; static S : u8 = 0 ; static T : u8 = 0 ;"
        );
    }

    #[test]
    fn doc_comments_and_macros_are_emptied() {
        assert_eq!(
            pruned("//! Module.\n/// Docs.\n/** Block\n docs. */\n#[inline]\nfn f() {}"),
            "#! [doc] # [doc] # [doc] # [inline] fn f () { }"
        );
        // Too short to hold `#[doc]`: stays as it is.
        assert_eq!(pruned("/// d\nfn f() {}"), "# [doc = \" d\"] fn f () { }");
        assert_eq!(
            pruned("#[doc = \"text\"] #[doc = include_str!(\"x\")] fn f() {}"),
            "# [doc] # [doc = include_str ! (\"x\")] fn f () { }"
        );
        assert_eq!(
            pruned("macro_rules! m { () => { f() } } foo!(f(), 2); bar! { g() } a::b![1];"),
            "macro_rules ! m { } foo ! () ; bar ! { } a :: b ! [] ;"
        );
        assert_eq!(
            pruned("lazy_static! { static ref X: u8 = f(); }"),
            "lazy_static ! { static ref X : u8 = f () ; }"
        );
        assert_eq!(
            pruned("impl S { /// Docs.\n fn f(&self) { self.f() } m!(); }"),
            "impl S { # [doc] fn f (& self) { self . f () } m ! () ; }"
        );
        // A doc comment with a connection string stays.
        let src = "/// mongodb://h/?maxPoolSize=3\nstruct S;";
        assert_eq!(
            pruned(src),
            "# [doc = \" mongodb://h/?maxPoolSize=3\"] struct S ;"
        );
    }

    #[test]
    fn offsets_and_lines_survive_pruning() {
        let src = "static T: [u8; 2] = [1, 2];\nfn f() {\n 'é'\n}\n";
        assert_eq!(
            pruned_text(src),
            "static T: [u8; 2] = 0     ;\nfn f() {\n     \n}\n"
        );
        let tokens: TokenStream = pruned_text(src).parse().unwrap_or_default();
        let out: Vec<TokenTree> = tokens.into_iter().collect();
        let Some(TokenTree::Group(body)) = out.last() else {
            panic!("{out:?}");
        };
        assert_eq!(body.span_open().start().line, 2);
        assert_eq!(body.span_close().end().line, 4);
        assert_eq!(body.span_close().start().column, 0);
    }
}
