//! Rust frontend: lowers one `.rs` file into [`Facts`] with `syn`.
//!
//! The file is lexed by a light lexer of our own ([`scan`], borrowed slices of the text) and
//! checked by [`guard`]; then [`prune`] blanks out of the text the function bodies,
//! `static`/`const` initialisers, type bodies and `extern` blocks whose tokens show they cannot
//! produce a fact (big data tables, `match`-only lookups, functions whose only calls are inside
//! macros, record nothing, or are dropped right after lowering as no call graph can use them),
//! the tokens of item-position macros and the text of doc comments. proc-macro2 lexes and syn
//! parses what is left: the blanked regions are spaces, so every offset and line stays where
//! it was. When the light lexer gives up (code outside ASCII, say), the file is lexed, checked
//! and parsed in full. The Facts are the same as from a full parse once the driver has dropped
//! the calls no graph can use (tested on every fixture, the workspace's sources, and with
//! `examples/prune_diff` on the benchmark corpus).
//!
//! The work runs on a parser thread with a big stack, one per calling thread, reused from
//! file to file (see [`worker`]).
//!
//! Three passes over the syntax tree: [`names`] (what `use`, type aliases and `extern crate`
//! make names mean, which functions exist), [`roles`] (functions made handlers or run-once
//! code by how they are used: registration calls, `Lazy::new(|| ..)`), and [`lower`]
//! (functions, constructions with their fate, calls, imports, exports, pool settings).
//!
//! Known limits:
//! - syn is not error tolerant: a file with a syntax error yields one fatal
//!   [`ParseProblem`] and no other facts (suppression comments aside).
//! - Macro invocations are opaque token streams to syn: code inside `println!`, `vec!`,
//!   `routes!`, `json!`, `tokio::select!` and other function-like macros is not analysed.
//!   `lazy_static!` bodies are the exception (read as `static` items). Attribute macros such as
//!   `#[tokio::main]` or `#[get("/")]` decorate ordinary functions, which are analysed.
//! - Files nested deeper than [`guard::MAX_GROUP_DEPTH`] brackets, or with an expression longer
//!   than [`guard::MAX_CHAIN`] tokens, are refused with a fatal problem (see [`guard`]).
//! - A syntax error inside a pruned region (a body without calls, closures or nested items)
//!   is not seen: such a file is analysed rather than refused. So is a literal the light lexer
//!   accepts and proc-macro2 would not (an unknown escape such as `"\q"`) in such a region.
//! - Names are resolved within the file only (`use`, `type` aliases, `extern crate`).

mod comments;
mod guard;
mod lower;
mod names;
mod pos;
mod prune;
mod roles;
mod scan;
mod worker;

pub use worker::{has_parser_stack, PARSER_STACK};

use connlint_core::{Facts, Knowledge, Lang, LangFamily, ParseProblem, Span};
use syn::visit::Visit;

/// The Rust part of the knowledge packs, flattened.
pub(crate) struct Kb {
    pub clients: Vec<connlint_core::knowledge::ClientSpec>,
    pub handlers: Vec<connlint_core::knowledge::HandlerSpec>,
    pub startups: Vec<connlint_core::knowledge::StartupSpec>,
    pub cache_types: Vec<String>,
    pub cache_methods: Vec<String>,
    pub cache_macros: Vec<String>,
    pub state: Vec<String>,
    /// See [`prune::watch`].
    pub watch: foldhash::HashMap<String, usize>,
    /// See [`prune::Base`].
    pub base: prune::Base,
    /// See [`roles::call_pattern_ends`].
    pub pattern_ends: Option<foldhash::HashSet<String>>,
}

impl Kb {
    fn new(k: &Knowledge) -> Kb {
        let rust = LangFamily::Rust;
        let caches: Vec<_> = k.caches_for(rust).collect();
        let mut kb = Kb {
            clients: k.clients_for(rust).cloned().collect(),
            handlers: k.handlers_for(rust).cloned().collect(),
            startups: k.startups_for(rust).cloned().collect(),
            cache_types: caches.iter().flat_map(|c| c.types.clone()).collect(),
            cache_methods: caches.iter().flat_map(|c| c.init_methods.clone()).collect(),
            cache_macros: caches.iter().flat_map(|c| c.macros.clone()).collect(),
            state: caches.iter().flat_map(|c| c.state.clone()).collect(),
            watch: Default::default(),
            base: prune::Base::default(),
            pattern_ends: None,
        };
        kb.watch = prune::watch(&kb);
        kb.base = prune::Base::new(&kb);
        kb.pattern_ends = roles::call_pattern_ends(&kb);
        kb
    }
}

/// The Rust part of the knowledge, prepared once for every file of a run: flattening the
/// packs and deriving what pruning and the passes look up cost about 4 % of the frontend's
/// instructions when it was done for each file. Cheap to clone (shared).
#[derive(Clone)]
pub struct Prepared(std::sync::Arc<Kb>);

impl Prepared {
    pub fn new(kb: &Knowledge) -> Prepared {
        Prepared(std::sync::Arc::new(Kb::new(kb)))
    }
}

/// [`analyze`] with the knowledge prepared beforehand (see [`Prepared`]).
pub fn analyze_prepared(src: &str, kb: &Prepared) -> Facts {
    run(src, &kb.0, true)
}

/// Lowers `src` (the text of the file at `path`, `/`-separated) into Facts. Never fails and
/// never panics: syntax problems are recorded in `Facts::problems`.
pub fn analyze(src: &str, path: &str, lang: Lang, kb: &Knowledge) -> Facts {
    let _ = (path, lang);
    run(src, &std::sync::Arc::new(Kb::new(kb)), true)
}

/// [`analyze`] without pruning (see [`prune`]): every item is parsed in full. The Facts are the
/// same; this exists for differential tests and measurements.
#[doc(hidden)]
pub fn analyze_unpruned(src: &str, path: &str, lang: Lang, kb: &Knowledge) -> Facts {
    let _ = (path, lang);
    run(src, &std::sync::Arc::new(Kb::new(kb)), false)
}

fn run(src: &str, kb: &std::sync::Arc<Kb>, prune: bool) -> Facts {
    match worker::run(src, kb, prune) {
        Ok(Ok(facts)) => facts,
        Ok(Err(())) => fatal(
            src,
            Span::default(),
            "internal error while analysing this file",
        ),
        Err(e) => fatal(
            src,
            Span::default(),
            &format!("could not start the parser thread: {e}"),
        ),
    }
}

fn fatal(src: &str, span: Span, message: &str) -> Facts {
    Facts {
        suppression_comments: comments::suppressions(src),
        problems: vec![ParseProblem {
            span,
            message: message.to_string(),
            fatal: true,
        }],
        ..Facts::default()
    }
}

/// The text syn reads: without a byte-order mark (its length is returned) and with a
/// `#!` interpreter line blanked out of the token stream (line numbers are kept).
fn parse_text(src: &str) -> (usize, &str, &str) {
    let text = src.strip_prefix('\u{feff}').unwrap_or(src);
    let base = src.len() - text.len();
    let mut body = text;
    if let Some(rest) = text.strip_prefix("#!") {
        if !rest.trim_start().starts_with('[') {
            body = text.find('\n').map_or("", |i| text.get(i..).unwrap_or(""));
        }
    }
    (base, text, body)
}

/// What the light lexer (see [`scan`]) made of a file: the text to parse, or a refusal.
enum Light {
    /// The lexer gave up: parse the file as it is, and check it on proc-macro2's tokens.
    GaveUp,
    /// The file passed the guard: parse this text (`None`: the file as it is).
    Checked(Option<String>),
    /// The guard refused the file.
    Refused(Box<Facts>),
}

/// Lexes `body` (from [`parse_text`]) with the light lexer, checks it with the guard, and
/// blanks out the regions [`prune`] empties (same length, same lines).
fn light(src: &str, text: &str, body: &str, base: usize, kb: &Kb) -> Light {
    let Ok(toks) = scan::lex(body) else {
        return Light::GaveUp;
    };
    let head = text.len() - body.len();
    if let Err(deep) = guard::check_light(&toks) {
        let (lo, hi) = deep.at;
        let span = Span::new(base + head + lo, base + head + hi);
        return Light::Refused(Box::new(fatal(src, span, &deep.message)));
    }
    let census = prune::census(&toks, &kb.watch);
    let rel = prune::Relevance::new(kb, census);
    let edits = prune::plan(&toks, &rel);
    if edits.is_empty() {
        return Light::Checked(None);
    }
    let mut out = text.get(..head).unwrap_or("").to_string();
    out.push_str(&prune::apply(body, &edits));
    Light::Checked(Some(out))
}

fn analyze_here(src: &str, kb: &Kb, prune: bool) -> Facts {
    let (base, text, body) = parse_text(src);
    let light = if prune {
        light(src, text, body, base, kb)
    } else {
        Light::GaveUp
    };
    let (checked, pruned) = match light {
        Light::GaveUp => (false, None),
        Light::Checked(pruned) => (true, pruned),
        Light::Refused(facts) => return *facts,
    };
    let (text, body) = match &pruned {
        Some(p) => (p.as_str(), p.get(text.len() - body.len()..).unwrap_or("")),
        None => (text, body),
    };
    let pos = pos::Positions::new(text, base);
    let tokens: proc_macro2::TokenStream = match body.parse() {
        Ok(t) => t,
        // Report the error of the whole file, as if nothing had been pruned.
        Err(_) if pruned.is_some() => return analyze_here(src, kb, false),
        Err(e) => {
            let span = pos.span(e.span());
            return fatal(
                src,
                span,
                "unbalanced brackets, or an unterminated string, character or comment",
            );
        }
    };
    // The light lexer's tokens passed the guard; pruning only makes runs shorter.
    if !checked {
        if let Err(deep) = guard::check(tokens.clone()) {
            return fatal(src, pos.span(deep.at), &deep.message);
        }
    }
    let file: syn::File = match syn::parse2(tokens) {
        Ok(f) => f,
        Err(_) if pruned.is_some() => return analyze_here(src, kb, false),
        Err(e) => {
            let span = pos.span(e.span());
            return fatal(src, span, &format!("syntax error: {e}"));
        }
    };

    let mut collector = names::Collector {
        names: names::Names::default(),
        lazy_macros: &kb.cache_macros,
        lazy_bodies: Vec::new(),
    };
    collector.visit_file(&file);
    let names = collector.names;
    let lazies = collector.lazy_bodies;

    let mut finder = roles::RoleFinder {
        kb,
        names: &names,
        pos: &pos,
        roles: roles::Roles::default(),
        pattern_ends: kb.pattern_ends.as_ref(),
    };
    finder.visit_file(&file);
    for f in &lazies {
        finder.visit_file(f);
    }
    let roles = finder.roles;

    let mut lower = lower::Lower::new(kb, &names, &roles, &pos, src);
    lower.visit_file(&file);
    lower.in_lazy = true;
    for f in &lazies {
        lower.visit_file(f);
    }
    let mut facts = lower.facts;
    facts.handler_refs = roles.handler_refs.clone();
    facts.suppression_comments = comments::suppressions(src);
    facts
}

#[cfg(test)]
mod tests;

/// The text syn parses after pruning (see [`prune`]), or `None` when the light lexer gives up
/// or the guard refuses the file. For measurements (`examples/prune_diff`).
#[doc(hidden)]
pub fn pruned_text(src: &str, kb: &Knowledge) -> Option<String> {
    let kb = Kb::new(kb);
    let (base, text, body) = parse_text(src);
    match light(src, text, body, base, &kb) {
        Light::Checked(p) => Some(p.unwrap_or_else(|| text.to_string())),
        Light::GaveUp | Light::Refused(_) => None,
    }
}
