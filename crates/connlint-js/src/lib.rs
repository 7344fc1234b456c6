//! JavaScript and TypeScript frontend: lowers one source file into [`Facts`] with tree-sitter.
//!
//! The work happens in passes over one parse tree, each iterative (no recursion on the tree):
//! 1. a walk that records functions (with parent, class, loop and `finally` context), call and
//!    `new` sites, imports, exports, pool settings, suppression comments and syntax errors;
//! 2. client recognition through the imports and aliases ([`clients`]);
//! 3. handler classification from the knowledge packs ([`handlers`]);
//! 4. fates of constructions and call results, closes and their guards ([`fate`]).
//!
//! Cost: time and memory stay linear in the file (20 MB bundles exist). Nothing rescans a
//! function body or the file per node: the walk builds the indexes the later passes look up (a
//! sorted parent table, identifiers and binders by name, functions, methods and imports by
//! name, call sites by function, early-return guards by function). tree-sitter's own
//! `Node::parent`/`prev_sibling` walk down from the root, linear in the width of every
//! ancestor, so they are avoided on hot paths; node kinds and fields go through [`grammar`]'s
//! tables rather than `Node::kind` and `Node::child_by_field_name`. The parse tree itself (about 90 bytes a node,
//! some 45 bytes per source byte for dense code) is the floor; see
//! `examples/bare_parse.rs` to measure it.
//!
//! Choices worth knowing:
//! - An unimported bare `MongoClient` counts as the client unless the file binds that name to
//!   something else (a class, a function, a variable, an import from another module): code often
//!   gets it from a global or another file.
//! - Callbacks of `.forEach`/`.map` are closures, not loops: `in_loop` is only set inside
//!   `for`/`while`/`do`/`for-in`/`for-of` bodies of the same function.

mod analyzer;
mod clients;
mod fate;
mod glob;
mod grammar;
mod handlers;
mod syntax;

use connlint_core::{Facts, Knowledge, Lang, ParseProblem, Span};

/// Lowers `src` (the text of the file at `path`, `/`-separated) into Facts. Never fails:
/// syntax problems are recorded in `Facts::problems`.
pub fn analyze(src: &str, path: &str, lang: Lang, kb: &Knowledge) -> Facts {
    let Some(tree) = syntax::parse(src, lang) else {
        let mut facts = Facts::default();
        facts.problems.push(ParseProblem {
            span: Span::new(0, 0),
            message: "the parser gave up on this file".to_string(),
            fatal: true,
        });
        return facts;
    };
    analyzer::Analyzer::run(src, path, kb, grammar::grammar(lang), tree.root_node())
}

#[cfg(test)]
mod tests;
