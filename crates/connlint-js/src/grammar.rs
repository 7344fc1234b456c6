//! Node kind names and field ids of the three grammars (JavaScript, TypeScript, TSX), looked
//! up once per process. `Node::kind` makes a string out of a C string (a `strlen` and a UTF-8
//! check) and `Node::child_by_field_name` searches the grammar's field names on every call; the
//! passes ask both for most nodes, so they go through these tables instead: a kind is an array
//! index, a field an id.

use connlint_core::Lang;
use std::num::NonZeroU16;
use std::sync::OnceLock;
use tree_sitter::{Language, Node};

/// The field names the frontend reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum F {
    Alias,
    Arguments,
    Body,
    Condition,
    Consequence,
    Constructor,
    Declaration,
    Function,
    Handler,
    Key,
    Left,
    Name,
    Object,
    Operator,
    Parameter,
    Parameters,
    Pattern,
    Property,
    Right,
    Source,
    Value,
}

impl F {
    /// Every field, in the order of the enum (the index of a field's id in [`Grammar`]).
    const ALL: [F; 21] = [
        F::Alias,
        F::Arguments,
        F::Body,
        F::Condition,
        F::Consequence,
        F::Constructor,
        F::Declaration,
        F::Function,
        F::Handler,
        F::Key,
        F::Left,
        F::Name,
        F::Object,
        F::Operator,
        F::Parameter,
        F::Parameters,
        F::Pattern,
        F::Property,
        F::Right,
        F::Source,
        F::Value,
    ];

    /// The field's name in the grammars.
    pub fn name(self) -> &'static str {
        match self {
            F::Alias => "alias",
            F::Arguments => "arguments",
            F::Body => "body",
            F::Condition => "condition",
            F::Consequence => "consequence",
            F::Constructor => "constructor",
            F::Declaration => "declaration",
            F::Function => "function",
            F::Handler => "handler",
            F::Key => "key",
            F::Left => "left",
            F::Name => "name",
            F::Object => "object",
            F::Operator => "operator",
            F::Parameter => "parameter",
            F::Parameters => "parameters",
            F::Pattern => "pattern",
            F::Property => "property",
            F::Right => "right",
            F::Source => "source",
            F::Value => "value",
        }
    }
}

/// One grammar's tables.
pub struct Grammar {
    /// Kind name by kind id (`Node::kind_id`), for every id below the grammar's kind count.
    kinds: Vec<String>,
    /// Field id by [`F`] (`None` when the grammar lacks the field: no child has it).
    fields: [Option<NonZeroU16>; F::ALL.len()],
}

impl Grammar {
    fn new(lang: &Language) -> Grammar {
        let kinds = (0..lang.node_kind_count())
            .map(|id| {
                u16::try_from(id)
                    .ok()
                    .and_then(|id| lang.node_kind_for_id(id))
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        Grammar {
            kinds,
            fields: F::ALL.map(|f| lang.field_id_for_name(f.name())),
        }
    }

    /// The kind of `n`, as `Node::kind` gives it.
    pub fn kind<'a>(&'a self, n: Node<'a>) -> &'a str {
        match self.kinds.get(usize::from(n.kind_id())) {
            Some(k) if !k.is_empty() => k,
            // `ERROR` nodes have an id past the table.
            _ => n.kind(),
        }
    }

    /// The id of field `f`.
    pub fn field_id(&self, f: F) -> Option<NonZeroU16> {
        self.fields.get(f as usize).copied().flatten()
    }

    /// The child of `n` in field `f`, as `Node::child_by_field_name` gives it.
    pub fn field<'t>(&self, n: Node<'t>, f: F) -> Option<Node<'t>> {
        n.child_by_field_id(self.field_id(f)?.get())
    }

    /// Whether `field` (a field id, as [`syntax::walk`](crate::syntax::walk) gives it) is `f`.
    pub fn is_field(&self, field: Option<NonZeroU16>, f: F) -> bool {
        field.is_some() && field == self.field_id(f)
    }
}

/// The tables of `lang`'s grammar (JavaScript for anything but TypeScript and TSX), built on
/// first use.
pub fn grammar(lang: Lang) -> &'static Grammar {
    static JS: OnceLock<Grammar> = OnceLock::new();
    static TS: OnceLock<Grammar> = OnceLock::new();
    static TSX: OnceLock<Grammar> = OnceLock::new();
    match lang {
        Lang::TypeScript => {
            TS.get_or_init(|| Grammar::new(&tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into()))
        }
        Lang::Tsx => TSX.get_or_init(|| Grammar::new(&tree_sitter_typescript::LANGUAGE_TSX.into())),
        _ => JS.get_or_init(|| Grammar::new(&tree_sitter_javascript::LANGUAGE.into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax;

    /// The tables agree with tree-sitter's own lookups on every node of a sample of each
    /// grammar, errors included.
    #[test]
    fn tables_agree_with_tree_sitter() {
        let src = "import { MongoClient as M } from 'mongodb';\n\
            export default async function h(req, res = 1, ...rest) {\n\
              const { a, b: [c] } = req.body; let x: number = 1 as any;\n\
              try { new M(uri).connect().then(() => {}) } catch (e) { } finally { x = y || z }\n\
              for (const k of o) { if (k) return; else { obj.p?.(k) } }\n\
              class A { @D() m() {} static s = 1; constructor(private q: Q) {} }\n\
              return <div a={1}>{x}</div>;\n\
            }\n\
            function ( {{ ] broken\n";
        for lang in [Lang::JavaScript, Lang::TypeScript, Lang::Tsx] {
            let g = grammar(lang);
            let Some(tree) = syntax::parse(src, lang) else {
                panic!("no tree for {lang:?}");
            };
            let mut nodes = 0;
            let mut errors = 0;
            syntax::walk(tree.root_node(), |n, _, enter| {
                if !enter {
                    return;
                }
                nodes += 1;
                errors += usize::from(n.is_error());
                assert_eq!(g.kind(n), n.kind());
                for f in F::ALL {
                    assert_eq!(g.field(n, f), n.child_by_field_name(f.name()), "{f:?}");
                }
            });
            assert!(nodes > 100, "{lang:?}: {nodes} nodes");
            assert!(errors > 0, "{lang:?}: the sample has a syntax error");
        }
    }

    /// Every field is at its own index of `F::ALL`, and every grammar has it.
    #[test]
    fn fields_known_to_every_grammar() {
        for (i, f) in F::ALL.into_iter().enumerate() {
            assert_eq!(f as usize, i, "{f:?}");
            for lang in [Lang::JavaScript, Lang::TypeScript, Lang::Tsx] {
                let id = grammar(lang).field_id(f);
                assert!(id.is_some(), "{lang:?} {f:?}");
                assert!(grammar(lang).is_field(id, f));
                assert!(!grammar(lang).is_field(None, f));
            }
        }
    }
}
