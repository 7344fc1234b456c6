//! Small helpers over tree-sitter nodes: parsing with one parser per thread, an iterative walk,
//! and bounded upward/downward searches. Nothing here recurses on the tree.

use crate::grammar::Grammar;
use connlint_core::Lang;
use std::cell::RefCell;
use std::num::NonZeroU16;
use tree_sitter::{Language, Node, Parser, Tree};

/// How far upward searches climb. Deeply nested input stays linear.
pub const MAX_UP: usize = 256;

thread_local! {
    static PARSERS: RefCell<[Option<Parser>; 3]> = const { RefCell::new([None, None, None]) };
}

/// Parses with this thread's parser for `lang`'s grammar.
pub fn parse(src: &str, lang: Lang) -> Option<Tree> {
    let idx = match lang {
        Lang::TypeScript => 1,
        Lang::Tsx => 2,
        _ => 0,
    };
    PARSERS.with(|cell| {
        let mut parsers = cell.try_borrow_mut().ok()?;
        let slot = parsers.get_mut(idx)?;
        if slot.is_none() {
            let language: Language = match idx {
                1 => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
                2 => tree_sitter_typescript::LANGUAGE_TSX.into(),
                _ => tree_sitter_javascript::LANGUAGE.into(),
            };
            let mut p = Parser::new();
            p.set_language(&language).ok()?;
            *slot = Some(p);
        }
        let parser = slot.as_mut()?;
        parser.reset();
        parser.parse(src, None)
    })
}

/// Pre-order walk with enter/leave events; `field` is the id of the node's field in its parent
/// (see [`Grammar::is_field`]) on enter, `None` on leave.
pub fn walk<'t>(root: Node<'t>, mut f: impl FnMut(Node<'t>, Option<NonZeroU16>, bool)) {
    let mut c = root.walk();
    loop {
        f(c.node(), c.field_id(), true);
        if c.goto_first_child() {
            continue;
        }
        loop {
            f(c.node(), None, false);
            if c.node().id() == root.id() {
                return;
            }
            if c.goto_next_sibling() {
                break;
            }
            if !c.goto_parent() {
                return;
            }
        }
    }
}

pub fn is_function(kind: &str) -> bool {
    matches!(
        kind,
        "function_declaration"
            | "generator_function_declaration"
            | "function_expression"
            | "function"
            | "generator_function"
            | "arrow_function"
            | "method_definition"
    )
}

pub fn is_loop(kind: &str) -> bool {
    matches!(
        kind,
        "for_statement" | "for_in_statement" | "while_statement" | "do_statement"
    )
}

/// Expressions that pass their operand's value through unchanged.
pub fn is_transparent(kind: &str) -> bool {
    matches!(
        kind,
        "parenthesized_expression"
            | "await_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
            | "type_assertion"
    )
}

/// Strips parentheses, `await`, and TypeScript casts.
pub fn unwrap<'t>(g: &Grammar, mut n: Node<'t>) -> Node<'t> {
    for _ in 0..MAX_UP {
        if !is_transparent(g.kind(n)) {
            break;
        }
        match n.named_child(0) {
            Some(c) if g.kind(c) != "comment" => n = c,
            _ => break,
        }
    }
    n
}

pub fn named_children<'t>(g: &Grammar, n: Node<'t>) -> Vec<Node<'t>> {
    let mut c = n.walk();
    n.named_children(&mut c)
        .filter(|c| g.kind(*c) != "comment")
        .collect()
}
