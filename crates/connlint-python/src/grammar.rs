//! Node kinds and field ids of tree-sitter-python, looked up once per process: the walk
//! compares small integers instead of strings and finds fields without searching their names.

use std::sync::OnceLock;
use tree_sitter::{Language, Node};

/// The node kinds the frontend looks at; every other kind is `Other`. A kind is known by its
/// name, as `Node::kind` gives it (so an anonymous token named like a node, such as the
/// `lambda` keyword, has that node's kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum K {
    Other,
    Module,
    Block,
    DecoratedDefinition,
    Decorator,
    IfStatement,
    ElifClause,
    ElseClause,
    ForStatement,
    WhileStatement,
    TryStatement,
    ExceptClause,
    ExceptGroupClause,
    FinallyClause,
    WithStatement,
    MatchStatement,
    CaseClause,
    FunctionDefinition,
    ClassDefinition,
    Lambda,
    ImportStatement,
    ImportFromStatement,
    GlobalStatement,
    NonlocalStatement,
    Assignment,
    NamedExpression,
    Yield,
    ReturnStatement,
    RaiseStatement,
    Identifier,
    Attribute,
    Call,
    Subscript,
    String,
    StringContent,
    Interpolation,
    Pair,
    Comment,
    ArgumentList,
    KeywordArgument,
    ParenthesizedExpression,
    Await,
    ConditionalExpression,
    BooleanOperator,
    ExpressionList,
    Tuple,
    List,
    Set,
    Dictionary,
    AsPattern,
    AsPatternTarget,
    WithItem,
    ForInClause,
    ListComprehension,
    SetComprehension,
    DictionaryComprehension,
    GeneratorExpression,
    DottedName,
    AliasedImport,
    PatternList,
    TuplePattern,
    ListPattern,
    Integer,
    TypedParameter,
    DefaultParameter,
    TypedDefaultParameter,
}

impl K {
    fn from_name(name: &str) -> K {
        match name {
            "module" => K::Module,
            "block" => K::Block,
            "decorated_definition" => K::DecoratedDefinition,
            "decorator" => K::Decorator,
            "if_statement" => K::IfStatement,
            "elif_clause" => K::ElifClause,
            "else_clause" => K::ElseClause,
            "for_statement" => K::ForStatement,
            "while_statement" => K::WhileStatement,
            "try_statement" => K::TryStatement,
            "except_clause" => K::ExceptClause,
            "except_group_clause" => K::ExceptGroupClause,
            "finally_clause" => K::FinallyClause,
            "with_statement" => K::WithStatement,
            "match_statement" => K::MatchStatement,
            "case_clause" => K::CaseClause,
            "function_definition" => K::FunctionDefinition,
            "class_definition" => K::ClassDefinition,
            "lambda" => K::Lambda,
            "import_statement" => K::ImportStatement,
            "import_from_statement" => K::ImportFromStatement,
            "global_statement" => K::GlobalStatement,
            "nonlocal_statement" => K::NonlocalStatement,
            "assignment" => K::Assignment,
            "named_expression" => K::NamedExpression,
            "yield" => K::Yield,
            "return_statement" => K::ReturnStatement,
            "raise_statement" => K::RaiseStatement,
            "identifier" => K::Identifier,
            "attribute" => K::Attribute,
            "call" => K::Call,
            "subscript" => K::Subscript,
            "string" => K::String,
            "string_content" => K::StringContent,
            "interpolation" => K::Interpolation,
            "pair" => K::Pair,
            "comment" => K::Comment,
            "argument_list" => K::ArgumentList,
            "keyword_argument" => K::KeywordArgument,
            "parenthesized_expression" => K::ParenthesizedExpression,
            "await" => K::Await,
            "conditional_expression" => K::ConditionalExpression,
            "boolean_operator" => K::BooleanOperator,
            "expression_list" => K::ExpressionList,
            "tuple" => K::Tuple,
            "list" => K::List,
            "set" => K::Set,
            "dictionary" => K::Dictionary,
            "as_pattern" => K::AsPattern,
            "as_pattern_target" => K::AsPatternTarget,
            "with_item" => K::WithItem,
            "for_in_clause" => K::ForInClause,
            "list_comprehension" => K::ListComprehension,
            "set_comprehension" => K::SetComprehension,
            "dictionary_comprehension" => K::DictionaryComprehension,
            "generator_expression" => K::GeneratorExpression,
            "dotted_name" => K::DottedName,
            "aliased_import" => K::AliasedImport,
            "pattern_list" => K::PatternList,
            "tuple_pattern" => K::TuplePattern,
            "list_pattern" => K::ListPattern,
            "integer" => K::Integer,
            "typed_parameter" => K::TypedParameter,
            "default_parameter" => K::DefaultParameter,
            "typed_default_parameter" => K::TypedDefaultParameter,
            _ => K::Other,
        }
    }

    /// Whether a node of this kind can hold statements (a `def`, a `class`, an `import`) in
    /// a tree without errors.
    pub fn holds_statements(self) -> bool {
        matches!(
            self,
            K::Module
                | K::Block
                | K::DecoratedDefinition
                | K::IfStatement
                | K::ElifClause
                | K::ElseClause
                | K::ForStatement
                | K::WhileStatement
                | K::TryStatement
                | K::ExceptClause
                | K::ExceptGroupClause
                | K::FinallyClause
                | K::WithStatement
                | K::MatchStatement
                | K::CaseClause
                | K::FunctionDefinition
                | K::ClassDefinition
        )
    }
}

/// Field ids (0 when the grammar lacks the field: no child has it).
#[derive(Debug, Clone, Copy, Default)]
pub struct Fields {
    pub name: u16,
    pub alias: u16,
    pub body: u16,
    pub module_name: u16,
    pub condition: u16,
    pub consequence: u16,
    pub alternative: u16,
    pub left: u16,
    pub right: u16,
    pub value: u16,
    pub function: u16,
    pub arguments: u16,
    pub object: u16,
    pub attribute: u16,
    pub operator: u16,
    pub parameters: u16,
    pub superclasses: u16,
    pub r#type: u16,
    pub key: u16,
}

pub struct Grammar {
    kinds: Vec<K>,
    pub f: Fields,
}

impl Grammar {
    fn new() -> Grammar {
        let lang: Language = tree_sitter_python::LANGUAGE.into();
        let kinds = (0..lang.node_kind_count())
            .map(|id| {
                u16::try_from(id)
                    .ok()
                    .and_then(|id| lang.node_kind_for_id(id))
                    .map_or(K::Other, K::from_name)
            })
            .collect();
        let id = |name: &str| lang.field_id_for_name(name).map_or(0, |f| f.get());
        Grammar {
            kinds,
            f: Fields {
                name: id("name"),
                alias: id("alias"),
                body: id("body"),
                module_name: id("module_name"),
                condition: id("condition"),
                consequence: id("consequence"),
                alternative: id("alternative"),
                left: id("left"),
                right: id("right"),
                value: id("value"),
                function: id("function"),
                arguments: id("arguments"),
                object: id("object"),
                attribute: id("attribute"),
                operator: id("operator"),
                parameters: id("parameters"),
                superclasses: id("superclasses"),
                r#type: id("type"),
                key: id("key"),
            },
        }
    }
}

/// The grammar's tables, built on first use.
pub fn g() -> &'static Grammar {
    static G: OnceLock<Grammar> = OnceLock::new();
    G.get_or_init(Grammar::new)
}

/// The kind of a node.
pub fn kind(n: Node<'_>) -> K {
    g().kinds
        .get(usize::from(n.kind_id()))
        .copied()
        .unwrap_or(K::Other)
}

/// The child in field `field` (an id from [`Fields`]).
pub fn field(n: Node<'_>, field: u16) -> Option<Node<'_>> {
    if field == 0 {
        return None;
    }
    n.child_by_field_id(field)
}
