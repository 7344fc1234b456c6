//! The walk: one iterative pass over the syntax tree (a `TreeCursor`, so nesting depth costs
//! heap, never stack) that records raw facts. Everything that needs the whole file (handler
//! classification, fates through bindings, which names the file defines) is decided afterwards
//! in [`crate::resolve`].

use crate::grammar::{field, g, kind, Fields, K};
use crate::syntax::{
    contains_word, dotted, first_string_arg, int_value, is_field, is_name_path, kids, last_seg,
    span, string_value, text,
};
use crate::tables::Tables;
use connlint_core::facts::*;
use connlint_core::knowledge::ClientSpec;
use connlint_core::{Knowledge, LangFamily, Span};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::cell::RefCell;
use std::rc::Rc;
use tree_sitter::{Node, Tree, TreeCursor};

/// At most this many syntax problems are recorded per file.
const MAX_PROBLEMS: usize = 3;
/// How far up from a value we look for what becomes of it (`return (await x)`).
const MAX_ROLE_STEPS: usize = 8;
/// How far up the chain of enclosing `if`s we look for a memoising guard.
const MAX_GUARD_STEPS: usize = 64;

/// A decorator as written.
#[derive(Debug, Clone)]
pub struct Deco {
    pub path: Vec<String>,
    pub span: Span,
    /// Its first argument, if a string literal: `@app.on_event("startup")`.
    pub first_str: Option<String>,
}

/// What the walk knows of a function beyond [`Function`].
#[derive(Debug, Clone, Default)]
pub struct FuncRaw {
    pub decorators: Vec<Deco>,
    pub params: Vec<String>,
    pub first_type: Option<String>,
    pub params_span: Span,
    pub class: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct ClassRaw {
    pub name: String,
    /// Base expressions as written, with their spans.
    pub bases: Vec<(String, Span)>,
}

/// Where a value is assigned.
#[derive(Debug, Clone)]
pub enum Target {
    Name(String),
    /// `a.b.c = ..`: the segments and the text.
    Attr(Vec<String>, String),
    /// `a.b[k] = ..`: the segments of the container and the whole text.
    Sub(Vec<String>, String),
    Other,
}

impl Target {
    pub fn binding(&self) -> Option<String> {
        match self {
            Target::Name(n) => Some(n.clone()),
            Target::Attr(_, t) | Target::Sub(_, t) => Some(t.clone()),
            Target::Other => None,
        }
    }
}

/// What happens to a value where it is written, before following bindings.
#[derive(Debug, Clone)]
pub enum Role {
    Local,
    PassedOn,
    Returned,
    Context(Option<String>),
    /// Assigned; `guarded` when a memoising guard on the target encloses or precedes it.
    Assign {
        target: Target,
        guarded: bool,
        /// The value is the whole right-hand side, not an element of a collection or tuple
        /// written there.
        whole: bool,
    },
}

#[derive(Debug, Clone)]
pub struct Use {
    pub pos: u32,
    pub role: Role,
}

#[derive(Debug, Clone)]
pub enum ArgVal {
    Name(String),
    Attr(Vec<String>),
    Lambda(u32),
    Other,
}

/// A call that may register a function (a handler, a startup or shutdown hook).
#[derive(Debug, Clone)]
pub struct RegCall {
    pub path: Vec<String>,
    pub span: Span,
    pub func: Option<FuncId>,
    pub first_str: Option<String>,
    /// (keyword, value, span)
    pub args: Vec<(Option<String>, ArgVal, Span)>,
}

#[derive(Debug, Clone)]
pub struct CallRaw<'a> {
    pub func: Option<FuncId>,
    pub path: Vec<&'a str>,
    pub span: Span,
    pub in_loop: bool,
    pub role: Role,
}

/// Where a close sits among `try` statements (indexes into `Walk::tries`), parallel to the
/// closes the walk records.
#[derive(Debug, Clone, Copy, Default)]
pub struct CloseSite {
    /// In the `finally` clause of this try.
    pub finally: Option<usize>,
    /// In the body (or `else`) of this try.
    pub body: Option<usize>,
    /// In a catch-all handler (`except:`, `except BaseException:`) of this try that re-raises.
    pub rethrow: Option<usize>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Ctx {
    func: Option<FuncId>,
    class: Option<usize>,
    in_loop: bool,
    finally: Option<usize>,
    try_body: Option<usize>,
    rethrow: Option<usize>,
    /// On an `except` clause: the try it belongs to.
    handler_of: Option<usize>,
    guard: Option<usize>,
    // Set on a node for its children only.
    pending_func: Option<FuncId>,
    pending_class: Option<usize>,
    pending_try: Option<usize>,
    pending_guard: Option<usize>,
    /// In single-pass mode, whether the node is one the first pass would reach (every
    /// ancestor holds statements or has an error in it), so an import or a definition there
    /// counts.
    stmt: bool,
    /// `stmt` for the node's children.
    stmt_kids: bool,
}

struct Guard {
    cond: Span,
    parent: Option<usize>,
}

pub struct Walk<'a> {
    pub src: &'a str,
    pub kb: &'a Knowledge,
    pub clients: Vec<&'a ClientSpec>,
    /// What the walk derives from the knowledge.
    t: Rc<Tables>,
    /// Local name -> dotted path it stands for (`MC` -> `pymongo.MongoClient`).
    pub aliases: HashMap<String, String>,
    /// Names the file defines with `def` or `class` anywhere.
    pub defined: HashSet<String>,
    /// Whether imports and definitions are recorded by the main walk as it meets them (see
    /// [`Self::walk`]).
    single: bool,
    /// How many times `aliases` was written to.
    alias_writes: u32,
    /// Per name of `aliases`, the number of its last write (from `alias_writes`).
    alias_last_write: HashMap<String, u32>,
    /// Names looked up in `aliases` during the walk, with `alias_writes` at that time.
    alias_asks: RefCell<Vec<(&'a str, u32)>>,
    /// Names looked up in `defined` during the walk, with the answer.
    defined_asks: RefCell<Vec<(&'a str, bool)>>,
    pub facts: Facts,
    pub funcs: Vec<FuncRaw>,
    pub classes: Vec<ClassRaw>,
    /// Constructions' roles, parallel to `facts.constructions`.
    pub cons_roles: Vec<Role>,
    /// Uses of local names that can change a value's fate, by (function, name).
    pub uses: HashMap<(Option<FuncId>, String), Vec<Use>>,
    /// `uses`, indexed for following values (built in `resolve`).
    pub use_index: HashMap<(Option<FuncId>, String), crate::resolve::UseIndex>,
    pub calls: Vec<CallRaw<'a>>,
    /// Every call's span, per function (index 0 is module scope, `i + 1` function `i`), in
    /// source order.
    pub all_calls: Vec<Vec<Span>>,
    pub regs: Vec<RegCall>,
    pub yields: Vec<(Option<FuncId>, u32)>,
    pub lambdas: HashMap<u32, FuncId>,
    pub globals: HashSet<(Option<FuncId>, String)>,
    pub module_names: HashSet<String>,
    guards: Vec<Guard>,
    /// Try statements: where each starts.
    pub tries: Vec<u32>,
    /// Parallel to the closes recorded by the walk.
    pub close_sites: Vec<CloseSite>,
    /// `if <cond>: ... return` per function, in source order.
    if_returns: HashMap<Option<FuncId>, Vec<Span>>,
    /// Bindings assigned a client factory (`session = boto3.Session()`): binding -> the
    /// factory's dotted path. Their `.client(..)` builds a client.
    factory_vars: HashMap<String, String>,
    f: &'static Fields,
    /// The kinds of the nodes on the walk's path, root first (parallel to its `path`).
    path_kinds: Vec<K>,
}

impl<'a> Walk<'a> {
    pub fn new(src: &'a str, kb: &'a Knowledge) -> Self {
        let clients: Vec<&ClientSpec> = kb.clients_for(LangFamily::Python).collect();
        let t = crate::tables::tables(kb);
        Walk {
            f: &g().f,
            path_kinds: Vec::new(),
            src,
            kb,
            clients,
            t,
            aliases: HashMap::new(),
            defined: HashSet::new(),
            single: false,
            alias_writes: 0,
            alias_last_write: HashMap::new(),
            alias_asks: RefCell::new(Vec::new()),
            defined_asks: RefCell::new(Vec::new()),
            facts: Facts::default(),
            funcs: Vec::new(),
            classes: Vec::new(),
            cons_roles: Vec::new(),
            uses: HashMap::new(),
            use_index: HashMap::new(),
            calls: Vec::new(),
            all_calls: Vec::new(),
            regs: Vec::new(),
            yields: Vec::new(),
            lambdas: HashMap::new(),
            globals: HashSet::new(),
            module_names: HashSet::new(),
            guards: Vec::new(),
            tries: Vec::new(),
            close_sites: Vec::new(),
            if_returns: HashMap::new(),
            factory_vars: HashMap::new(),
        }
    }

    /// First pass: imports and the names the file defines (needed before constructions can be
    /// recognised, since a function may use a name imported further down).
    ///
    /// Only statements can hold those, so the pass enters only nodes that hold statements (and
    /// any node with a syntax error in it, where anything can turn up): expressions, which are
    /// most of a file, are skipped whole.
    pub fn prepass(&mut self, tree: &Tree) {
        let root = tree.root_node();
        let mut cursor = root.walk();
        loop {
            let node = cursor.node();
            let k = kind(node);
            self.declaration(node, k);
            if (k.holds_statements() || node.has_error()) && cursor.goto_first_child() {
                continue;
            }
            loop {
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    return;
                }
            }
        }
    }

    /// What the first pass records of a node: an import, or the name a `def` or `class`
    /// defines.
    fn declaration(&mut self, node: Node<'_>, k: K) {
        match k {
            K::ImportStatement => self.import(node),
            K::ImportFromStatement => self.import_from(node),
            K::FunctionDefinition | K::ClassDefinition => {
                if let Some(n) = field(node, self.f.name) {
                    self.defined.insert(text(n, self.src).to_string());
                }
            }
            _ => {}
        }
    }

    /// Records that `local` stands for `full`. A write that changes nothing (the same import
    /// again, in another function) changes no answer, and is not counted.
    fn set_alias(&mut self, local: String, full: String) {
        if self.aliases.get(&local) == Some(&full) {
            return;
        }
        if self.single {
            self.alias_last_write
                .insert(local.clone(), self.alias_writes);
        }
        self.alias_writes += 1;
        self.aliases.insert(local, full);
    }

    /// What `name` stands for through the file's imports (noting the question when the
    /// imports are not all known yet).
    fn alias(&self, name: &'a str) -> Option<&String> {
        if self.single {
            self.alias_asks.borrow_mut().push((name, self.alias_writes));
        }
        self.aliases.get(name)
    }

    /// Whether the file defines `name` (noting the question when the definitions are not all
    /// known yet).
    fn is_defined(&self, name: &'a str) -> bool {
        let answer = self.defined.contains(name);
        if self.single {
            self.defined_asks.borrow_mut().push((name, answer));
        }
        answer
    }

    /// After a single-pass walk: whether every question the walk asked of the imports and
    /// definitions got the answer the whole file gives (no name was imported or defined
    /// after it was looked up, or none of those changed an answer), so that the facts are
    /// those of the two-pass walk.
    pub fn single_pass_held(&self) -> bool {
        let aliases_ok = self.alias_asks.borrow().iter().all(|(name, writes)| {
            self.alias_last_write
                .get(*name)
                .is_none_or(|last| last < writes)
        });
        aliases_ok
            && self
                .defined_asks
                .borrow()
                .iter()
                .all(|(name, answer)| self.defined.contains(*name) == *answer)
    }

    fn import(&mut self, node: Node<'_>) {
        for k in kids(node) {
            match kind(k) {
                K::DottedName => {
                    let full = text(k, self.src).to_string();
                    let first = full.split('.').next().unwrap_or("").to_string();
                    self.set_alias(first.clone(), first.clone());
                    self.facts.imports.push(Import {
                        local: first.into(),
                        source: full.into(),
                        imported: Imported::Namespace,
                        span: span(k),
                    });
                }
                K::AliasedImport => {
                    let (Some(n), Some(a)) = (field(k, self.f.name), field(k, self.f.alias)) else {
                        continue;
                    };
                    let full = text(n, self.src).to_string();
                    let local = text(a, self.src).to_string();
                    self.set_alias(local.clone(), full.clone());
                    self.facts.imports.push(Import {
                        local: local.into(),
                        source: full.into(),
                        imported: Imported::Namespace,
                        span: span(k),
                    });
                }
                _ => {}
            }
        }
    }

    fn import_from(&mut self, node: Node<'_>) {
        let Some(m) = field(node, self.f.module_name) else {
            return;
        };
        let module = text(m, self.src).to_string();
        let mut c = node.walk();
        let names: Vec<Node<'_>> = node.children_by_field_name("name", &mut c).collect();
        for k in names {
            let (name, local) = match kind(k) {
                K::AliasedImport => {
                    let (Some(n), Some(a)) = (field(k, self.f.name), field(k, self.f.alias)) else {
                        continue;
                    };
                    (text(n, self.src).to_string(), text(a, self.src).to_string())
                }
                _ => {
                    let n = text(k, self.src).to_string();
                    (n.clone(), n)
                }
            };
            let full = if module.ends_with('.') {
                format!("{module}{name}")
            } else {
                format!("{module}.{name}")
            };
            self.set_alias(local.clone(), full);
            self.facts.imports.push(Import {
                local: local.into(),
                source: module.as_str().into(),
                imported: Imported::Named(name.into()),
                span: span(k),
            });
        }
    }

    /// Whether `name` is the name of a close method of a client.
    pub fn is_close_method(&self, name: &str) -> bool {
        self.t
            .close_methods
            .binary_search_by(|m| m.as_str().cmp(name))
            .is_ok()
    }

    /// Sources of every import of the file.
    pub fn imports_module(&self, module: &str) -> bool {
        self.facts.imports.iter().any(|i| {
            i.source == module
                || i.source
                    .strip_prefix(module)
                    .is_some_and(|r| r.starts_with('.'))
        })
    }

    /// The main pass. With `single`, it also does the work of [`Self::prepass`] (which must
    /// not have run), recording imports and definitions as it meets them, in the same order;
    /// what it looked up in them before they were complete is checked afterwards by
    /// [`Self::single_pass_held`].
    pub fn walk(&mut self, tree: &Tree, single: bool) {
        self.single = single;
        let root = tree.root_node();
        let mut cursor = root.walk();
        let mut path: Vec<Node<'_>> = vec![root];
        let top = Ctx {
            stmt: single,
            ..Ctx::default()
        };
        let mut ctxs: Vec<Ctx> = vec![top];
        self.path_kinds = vec![kind(root)];
        let mut aux = Aux {
            cursor: root.walk(),
            nodes: Vec::new(),
        };
        let c = self.visit(&path, top, &mut aux);
        if let Some(top) = ctxs.last_mut() {
            *top = c;
        }
        // Whether the cursor's node is on `path` (tokens are not: they are leaves).
        let mut pushed = true;
        // Whether its children are to be walked (not for an inert node).
        let mut descend = true;
        loop {
            let entered = if pushed && descend && cursor.goto_first_child() {
                true
            } else {
                let mut moved = false;
                let mut pop = pushed;
                loop {
                    if pop {
                        path.pop();
                        ctxs.pop();
                        self.path_kinds.pop();
                    }
                    pop = true;
                    if cursor.goto_next_sibling() {
                        moved = true;
                        break;
                    }
                    if !cursor.goto_parent() {
                        break;
                    }
                }
                moved
            };
            if !entered {
                return;
            }
            let node = cursor.node();
            let k = kind(node);
            let (Some(&pk), Some(pctx)) = (self.path_kinds.last(), ctxs.last().copied()) else {
                return;
            };
            if !node.is_named() && node.child_count() == 0 {
                // A token: only a missing one or a `yield` keyword is recorded.
                self.token(node, k, || child_ctx(self.f, pctx, pk, k, &cursor).func);
                pushed = false;
                continue;
            }
            pushed = true;
            descend = !inert(node, k, self.src);
            let ctx = child_ctx(self.f, pctx, pk, k, &cursor);
            path.push(node);
            self.path_kinds.push(k);
            let ctx = self.visit(&path, ctx, &mut aux);
            ctxs.push(ctx);
        }
    }

    /// What [`Self::visit`] records of a token (an anonymous leaf), in the same order.
    fn token(&mut self, node: Node<'_>, k: K, func: impl FnOnce() -> Option<FuncId>) {
        if self.facts.problems.len() < MAX_PROBLEMS && node.is_missing() {
            self.facts.problems.push(ParseProblem {
                span: span(node),
                message: format!("missing `{}`", node.kind()),
                fatal: false,
            });
        }
        if k == K::Yield {
            self.yields.push((func(), node.start_byte() as u32));
        }
    }

    fn visit<'t>(&mut self, path: &[Node<'t>], mut ctx: Ctx, aux: &mut Aux<'t>) -> Ctx {
        let Some(&node) = path.last() else {
            return ctx;
        };
        let k = self.path_kinds.last().copied().unwrap_or(K::Other);
        if ctx.stmt {
            self.declaration(node, k);
            ctx.stmt_kids = k.holds_statements() || node.has_error();
        }
        if self.facts.problems.len() < MAX_PROBLEMS
            && node.has_error()
            && (node.is_error() || node.is_missing())
        {
            let message = if node.is_missing() {
                format!("missing `{}`", node.kind())
            } else {
                "unexpected code".to_string()
            };
            self.facts.problems.push(ParseProblem {
                span: span(node),
                message,
                fatal: false,
            });
        }
        match k {
            // The `lambda` keyword token has the kind of the expression it starts.
            K::FunctionDefinition => ctx.pending_func = Some(self.function(path, ctx)),
            K::Lambda if node.is_named() => ctx.pending_func = Some(self.function(path, ctx)),
            K::ClassDefinition => ctx.pending_class = self.class(path, ctx),
            K::TryStatement => {
                self.tries.push(node.start_byte() as u32);
                ctx.pending_try = Some(self.tries.len() - 1);
            }
            K::ExceptClause if ctx.handler_of.is_some() && self.broad_rethrow(node) => {
                ctx.rethrow = ctx.handler_of;
            }
            K::IfStatement | K::ElifClause => {
                if let Some(cond) = field(node, self.f.condition) {
                    self.guards.push(Guard {
                        cond: span(cond),
                        parent: ctx.guard,
                    });
                    ctx.pending_guard = Some(self.guards.len() - 1);
                    let returns = field(node, self.f.consequence).is_some_and(|b| {
                        let mut c = b.walk();
                        let found = b
                            .named_children(&mut c)
                            .any(|s| kind(s) == K::ReturnStatement);
                        found
                    });
                    if returns {
                        self.if_returns
                            .entry(ctx.func)
                            .or_default()
                            .push(span(cond));
                    }
                }
            }
            K::GlobalStatement | K::NonlocalStatement => {
                for k in kids(node) {
                    if kind(k) == K::Identifier {
                        self.globals
                            .insert((ctx.func, text(k, self.src).to_string()));
                    }
                }
            }
            K::Assignment if ctx.func.is_none() && ctx.class.is_none() => {
                if let Some(left) = field(node, self.f.left) {
                    self.module_assignment(left);
                }
            }
            K::Yield => self.yields.push((ctx.func, node.start_byte() as u32)),
            K::Identifier => self.identifier(path, ctx),
            K::Call => self.call(path, ctx, aux),
            K::String => self.uri_pool_settings(node),
            K::Pair => self.pair_pool_setting(node),
            K::Comment => {
                let t = text(node, self.src);
                if t.contains("connlint-ignore") {
                    self.facts.suppression_comments.push(Comment {
                        span: span(node),
                        text: t.to_string(),
                    });
                }
            }
            _ => {}
        }
        ctx
    }

    /// `except:` / `except BaseException:` whose body re-raises.
    fn broad_rethrow(&self, clause: Node<'_>) -> bool {
        let ks = kids(clause);
        let broad = match ks.first() {
            Some(k) if kind(*k) == K::Block => true,
            Some(k) => {
                let t = text(*k, self.src);
                let t = t.split(" as ").next().unwrap_or("").trim();
                t == "BaseException" || t == "builtins.BaseException"
            }
            None => false,
        };
        broad
            && ks.iter().any(|b| {
                kind(*b) == K::Block && kids(*b).iter().any(|s| kind(*s) == K::RaiseStatement)
            })
    }

    fn module_assignment(&mut self, left: Node<'_>) {
        let mut stack = vec![left];
        while let Some(n) = stack.pop() {
            match kind(n) {
                K::Identifier => {
                    let name = text(n, self.src).to_string();
                    self.module_names.insert(name.clone());
                    self.facts.exports.push(Export {
                        name: name.as_str().into(),
                        local: Some(name.into()),
                        from: None,
                        span: span(n),
                    });
                }
                K::PatternList | K::TuplePattern | K::ListPattern => stack.extend(kids(n)),
                _ => {}
            }
        }
    }

    fn function(&mut self, path: &[Node<'_>], ctx: Ctx) -> FuncId {
        let node = path.last().copied();
        let parent = path.len().checked_sub(2).and_then(|i| path.get(i)).copied();
        let id = self.facts.functions.len() as FuncId;
        let mut raw = FuncRaw::default();
        let (name, head, fkind) = match node {
            Some(n) if kind(n) == K::FunctionDefinition => {
                let name_node = field(n, self.f.name);
                let name = name_node.map(|x| text(x, self.src).to_string());
                let head = name_node.map(span).unwrap_or_else(|| span(n));
                let fkind = if ctx.class.is_some() {
                    if name.as_deref() == Some("__init__") {
                        FunctionKind::Constructor
                    } else {
                        FunctionKind::Method
                    }
                } else {
                    FunctionKind::Function
                };
                if let Some(p) = parent.filter(|p| kind(*p) == K::DecoratedDefinition) {
                    raw.decorators = self.decorators(p);
                }
                if let Some(ps) = field(n, self.f.parameters) {
                    self.params(ps, &mut raw);
                }
                (name, head, fkind)
            }
            Some(n) => {
                // A lambda: named after what it is assigned to.
                let name = parent
                    .filter(|p| kind(*p) == K::Assignment && is_field(*p, self.f.right, n))
                    .and_then(|p| field(p, self.f.left))
                    .filter(|l| kind(*l) == K::Identifier)
                    .map(|l| text(l, self.src).to_string());
                let head = Span::new(n.start_byte(), n.start_byte() + "lambda".len());
                if let Some(ps) = field(n, self.f.parameters) {
                    self.params(ps, &mut raw);
                }
                self.lambdas.insert(n.start_byte() as u32, id);
                (name, head, FunctionKind::Closure)
            }
            None => (None, Span::default(), FunctionKind::Closure),
        };
        let top = ctx.func.is_none() && ctx.class.is_none() && fkind == FunctionKind::Function;
        if top {
            if let Some(n) = &name {
                self.module_names.insert(n.clone());
                self.facts.exports.push(Export {
                    name: n.as_str().into(),
                    local: Some(n.as_str().into()),
                    from: None,
                    span: head,
                });
            }
        }
        raw.class = if matches!(fkind, FunctionKind::Method | FunctionKind::Constructor) {
            ctx.class
        } else {
            None
        };
        let class = raw
            .class
            .and_then(|c| self.classes.get(c))
            .map(|c| c.name.clone());
        self.facts.functions.push(Function {
            name: name.map(Into::into),
            kind: fkind,
            span: node.map(span).unwrap_or_default(),
            head,
            parent: ctx.func,
            class: class.map(Into::into),
            handler: None,
            runs_once: None,
            exported: top,
        });
        self.funcs.push(raw);
        id
    }

    fn decorators(&self, def: Node<'_>) -> Vec<Deco> {
        let mut out = Vec::new();
        for d in kids(def) {
            if kind(d) != K::Decorator {
                continue;
            }
            let Some(expr) = kids(d).first().copied() else {
                continue;
            };
            let (callee, first_str) = if kind(expr) == K::Call {
                (
                    field(expr, self.f.function).unwrap_or(expr),
                    field(expr, self.f.arguments).and_then(|a| first_string_arg(a, self.src)),
                )
            } else {
                (expr, None)
            };
            out.push(Deco {
                path: owned(&dotted(callee, self.src)),
                span: span(d),
                first_str,
            });
        }
        out
    }

    fn params(&self, ps: Node<'_>, raw: &mut FuncRaw) {
        raw.params_span = span(ps);
        for (i, p) in kids(ps).into_iter().enumerate() {
            let (name, ty) = match kind(p) {
                K::Identifier => (Some(p), None),
                K::TypedParameter => (
                    kids(p).into_iter().find(|k| kind(*k) == K::Identifier),
                    field(p, self.f.r#type),
                ),
                K::DefaultParameter => (field(p, self.f.name), None),
                K::TypedDefaultParameter => (field(p, self.f.name), field(p, self.f.r#type)),
                _ => (None, None),
            };
            raw.params.push(
                name.map(|n| text(n, self.src).to_string())
                    .unwrap_or_else(|| "*".to_string()),
            );
            if i == 0 {
                raw.first_type = ty.map(|t| text(t, self.src).to_string());
            }
        }
    }

    fn class(&mut self, path: &[Node<'_>], ctx: Ctx) -> Option<usize> {
        let node = path.last().copied()?;
        let name = field(node, self.f.name)
            .map(|n| text(n, self.src).to_string())
            .unwrap_or_default();
        let mut bases = Vec::new();
        if let Some(sup) = field(node, self.f.superclasses) {
            for b in kids(sup) {
                if matches!(kind(b), K::Identifier | K::Attribute) {
                    bases.push((text(b, self.src).to_string(), span(b)));
                }
            }
        }
        if ctx.func.is_none() && ctx.class.is_none() && !name.is_empty() {
            self.module_names.insert(name.clone());
            self.facts.exports.push(Export {
                name: name.as_str().into(),
                local: Some(name.as_str().into()),
                from: None,
                span: field(node, self.f.name).map(span).unwrap_or_default(),
            });
        }
        self.classes.push(ClassRaw { name, bases });
        Some(self.classes.len() - 1)
    }

    fn identifier(&mut self, path: &[Node<'_>], ctx: Ctx) {
        let Some(&node) = path.last() else { return };
        let role = self.role(path, ctx);
        if matches!(role, Role::Local) {
            return;
        }
        let name = text(node, self.src).to_string();
        self.uses.entry((ctx.func, name)).or_default().push(Use {
            pos: node.start_byte() as u32,
            role,
        });
    }

    /// What becomes of the value of `path.last()` where it is written.
    fn role(&self, path: &[Node<'_>], ctx: Ctx) -> Role {
        let mut i = path.len().saturating_sub(1);
        let mut or_guard = false;
        let mut in_collection = false;
        for _ in 0..MAX_ROLE_STEPS {
            let (Some(&child), Some(&parent)) =
                (path.get(i), i.checked_sub(1).and_then(|j| path.get(j)))
            else {
                return Role::Local;
            };
            let pk = i
                .checked_sub(1)
                .and_then(|j| self.path_kinds.get(j))
                .copied()
                .unwrap_or_else(|| kind(parent));
            match pk {
                K::ParenthesizedExpression | K::Await | K::ConditionalExpression => {}
                K::BooleanOperator => {
                    let is_or =
                        field(parent, self.f.operator).is_some_and(|o| text(o, self.src) == "or");
                    if is_or && is_field(parent, self.f.right, child) {
                        or_guard = true;
                    }
                }
                K::ExpressionList | K::Tuple | K::List | K::Set | K::Dictionary | K::Pair => {
                    in_collection = true
                }
                K::ReturnStatement | K::Yield => return Role::Returned,
                K::Lambda => {
                    return if is_field(parent, self.f.body, child) {
                        Role::Returned
                    } else {
                        Role::Local
                    }
                }
                K::AsPattern => {
                    let alias = kids(parent)
                        .into_iter()
                        .find(|k| kind(*k) == K::AsPatternTarget)
                        .map(|k| text(k, self.src).to_string());
                    return Role::Context(alias);
                }
                K::WithItem => return Role::Context(None),
                K::KeywordArgument => {
                    if !is_field(parent, self.f.value, child) {
                        return Role::Local;
                    }
                }
                K::ArgumentList => {
                    let call = i.checked_sub(2).and_then(|j| path.get(j)).copied();
                    let callee = call
                        .filter(|c| kind(*c) == K::Call)
                        .and_then(|c| field(c, self.f.function))
                        .map(|f| last_seg(f, self.src));
                    return match callee {
                        Some("closing" | "aclosing") => Role::Context(None),
                        Some(
                            "print" | "isinstance" | "len" | "repr" | "str" | "type" | "id"
                            | "getattr" | "hasattr" | "debug" | "info" | "warning" | "error"
                            | "exception",
                        ) => Role::Local,
                        _ => Role::PassedOn,
                    };
                }
                K::Assignment | K::NamedExpression => {
                    let (right, left) = if pk == K::Assignment {
                        (self.f.right, self.f.left)
                    } else {
                        (self.f.value, self.f.name)
                    };
                    if !is_field(parent, right, child) {
                        return Role::Local;
                    }
                    let target = match field(parent, left) {
                        Some(l) => self.target(l),
                        None => Target::Other,
                    };
                    let guarded = or_guard || self.guarded(&target, ctx);
                    return Role::Assign {
                        target,
                        guarded,
                        whole: !in_collection,
                    };
                }
                _ => return Role::Local,
            }
            i = i.saturating_sub(1);
        }
        Role::Local
    }

    fn target(&self, l: Node<'_>) -> Target {
        match kind(l) {
            K::Identifier => Target::Name(text(l, self.src).to_string()),
            K::Attribute => {
                Target::Attr(owned(&dotted(l, self.src)), text(l, self.src).to_string())
            }
            K::Subscript => match field(l, self.f.value) {
                Some(v) => Target::Sub(owned(&dotted(v, self.src)), subscript_text(l, self.src)),
                None => Target::Other,
            },
            _ => Target::Other,
        }
    }

    /// Whether an enclosing `if`, or an earlier `if ...: return` of the same function,
    /// tests the target.
    fn guarded(&self, target: &Target, ctx: Ctx) -> bool {
        let key = match target {
            Target::Name(n) => n.clone(),
            Target::Attr(_, t) => t.clone(),
            Target::Sub(segs, _) => segs.join("."),
            Target::Other => return false,
        };
        // `getattr(obj, "name", None) is None` / `not hasattr(obj, "name")` test `obj.name`.
        let by_name = match target {
            Target::Attr(segs, _) => segs
                .split_last()
                .filter(|(_, obj)| !obj.is_empty())
                .map(|(attr, obj)| (obj.join("."), format!("\"{attr}\""), format!("'{attr}'"))),
            _ => None,
        };
        let tests = |cond: Span| {
            let c = self.src.get(cond.range()).unwrap_or("");
            contains_word(c, &key)
                || by_name.as_ref().is_some_and(|(obj, dq, sq)| {
                    contains_word(c, obj) && (c.contains(dq.as_str()) || c.contains(sq.as_str()))
                })
        };
        let mut g = ctx.guard;
        for _ in 0..MAX_GUARD_STEPS {
            let Some(guard) = g.and_then(|i| self.guards.get(i)) else {
                break;
            };
            if tests(guard.cond) {
                return true;
            }
            g = guard.parent;
        }
        self.if_returns
            .get(&ctx.func)
            .is_some_and(|conds| conds.iter().any(|cond| tests(*cond)))
    }

    /// Whether the path a callee stands for (through the file's imports) can end in the last
    /// segment of a client symbol, static, factory or pool config: when not, it builds nothing.
    fn may_build(&self, segs: &[&'a str]) -> bool {
        let last = match segs {
            [only] => self
                .alias(only)
                .map_or(*only, |a| a.rsplit('.').next().unwrap_or(a)),
            [.., last] => last,
            [] => return false,
        };
        self.t
            .builder_last
            .binary_search_by(|m| m.as_str().cmp(last))
            .is_ok()
    }

    /// The client a callee path builds, if any.
    fn client_of(&self, segs: &[&'a str]) -> Option<&'a ClientSpec> {
        let full = self.full_path(segs)?;
        let first = *segs.first()?;
        for c in &self.clients {
            // `Symbol(..)` when `call`; `Symbol.static(..)` for each of `statics`
            // (`Redis.from_url`).
            let builds = |rest: &str| {
                (c.call && rest == c.symbol)
                    || rest
                        .strip_prefix(c.symbol.as_str())
                        .and_then(|r| r.strip_prefix('.'))
                        .is_some_and(|m| c.statics.iter().any(|s| s == m))
            };
            if c.modules.iter().any(|m| {
                full.strip_prefix(m.as_str())
                    .and_then(|r| r.strip_prefix('.'))
                    .is_some_and(builds)
            }) {
                return Some(c);
            }
            if !c.call {
                continue;
            }
            // A bare symbol the file neither imports nor defines (a snippet, a star import).
            if segs.len() == 1
                && *first == c.symbol
                && connlint_core::knowledge::is_distinctive(first)
                && self.alias(first).is_none()
                && !self.is_defined(first)
            {
                return Some(c);
            }
        }
        None
    }

    /// The dotted path a name path stands for, through the file's imports.
    fn full_path(&self, segs: &[&'a str]) -> Option<String> {
        if !is_name_path(segs) || segs.contains(&"()") || !self.may_build(segs) {
            return None;
        }
        let first = *segs.first()?;
        Some(match self.alias(first) {
            Some(a) => {
                let mut f = a.clone();
                for s in segs.iter().skip(1) {
                    f.push('.');
                    f.push_str(s);
                }
                f
            }
            None => segs.join("."),
        })
    }

    /// Whether `full` names `<module>.<member>` for one of the client's modules and one of
    /// `members` (`httpx.Limits`, `boto3.session.Session`).
    fn names_member(c: &ClientSpec, full: &str, members: &[String]) -> bool {
        c.modules.iter().any(|m| {
            full.strip_prefix(m.as_str())
                .and_then(|r| r.strip_prefix('.'))
                .is_some_and(|r| members.iter().any(|x| x == r))
        })
    }

    /// A client factory call (`boto3.Session(..)`): its dotted path.
    fn factory_of(&self, segs: &[&'a str]) -> Option<String> {
        let full = self.full_path(segs)?;
        self.clients
            .iter()
            .any(|c| Self::names_member(c, &full, &c.factories))
            .then_some(full)
    }

    /// A client built by a method of a factory's object: `boto3.Session().client(..)`, or
    /// `session.client(..)` where `session = boto3.Session()`.
    fn factory_client(&self, fnode: Node<'_>, segs: &[&'a str]) -> Option<&'a ClientSpec> {
        if kind(fnode) != K::Attribute {
            return None;
        }
        let method = *segs.last()?;
        if self
            .t
            .builder_last
            .binary_search_by(|m| m.as_str().cmp(method))
            .is_err()
        {
            return None;
        }
        let object = field(fnode, self.f.object)?;
        let factory = if kind(object) == K::Call {
            let f = field(object, self.f.function)?;
            self.factory_of(&dotted(f, self.src))?
        } else {
            let recv = segs.get(..segs.len().saturating_sub(1))?;
            if !is_name_path(recv) || recv.contains(&"()") {
                return None;
            }
            self.factory_vars.get(&recv.join("."))?.clone()
        };
        self.clients
            .iter()
            .copied()
            .find(|c| c.symbol == method && Self::names_member(c, &factory, &c.factories))
    }

    /// A call that carries a client's pool options into its constructor (`httpx.Limits(..)`).
    fn pool_config_of(&self, segs: &[&'a str]) -> Option<&'a ClientSpec> {
        let full = self.full_path(segs)?;
        self.clients
            .iter()
            .copied()
            .find(|c| Self::names_member(c, &full, &c.pool_config))
    }

    fn call<'t>(&mut self, path: &[Node<'t>], ctx: Ctx, aux: &mut Aux<'t>) {
        let Some(&node) = path.last() else { return };
        let sp = span(node);
        let slot = ctx.func.map_or(0, |f| f as usize + 1);
        if self.all_calls.len() <= slot {
            self.all_calls.resize_with(slot + 1, Vec::new);
        }
        if let Some(calls) = self.all_calls.get_mut(slot) {
            calls.push(sp);
        }
        let Some(fnode) = field(node, self.f.function) else {
            return;
        };
        let segs = dotted(fnode, self.src);
        let args = field(node, self.f.arguments).filter(|a| kind(*a) == K::ArgumentList);
        let arg_nodes: &[Node<'t>] = match args.filter(|a| a.named_child_count() > 0) {
            Some(a) => aux.kids(a),
            None => &[],
        };
        let client = self
            .client_of(&segs)
            .or_else(|| self.factory_client(fnode, &segs));
        if client.is_none() {
            if let Some(factory) = self.factory_of(&segs) {
                if let Role::Assign {
                    target,
                    whole: true,
                    ..
                } = self.role(path, ctx)
                {
                    if let Some(b) = target.binding() {
                        self.factory_vars.insert(b, factory);
                    }
                }
            }
        }
        if let Some(c) = client {
            let role = self.role(path, ctx);
            let binding = match &role {
                Role::Assign {
                    target,
                    whole: true,
                    ..
                } => target.binding(),
                Role::Context(alias) => alias.clone(),
                _ => None,
            };
            self.facts.constructions.push(Construction {
                client: c.id.as_str().into(),
                span: sp,
                function: ctx.func,
                in_loop: ctx.in_loop,
                binding: binding.map(Into::into),
                fate: Fate::Local,
            });
            self.cons_roles.push(role);
        }
        if let Some(a) = args {
            // `httpx.Limits(max_connections=..)`: the options of the client it configures.
            let configured = client.or_else(|| self.pool_config_of(&segs));
            let _ = a;
            self.keyword_pool_settings(arg_nodes, configured.map(|c| c.id.clone()));
        }
        let last = segs.last().copied().unwrap_or("");
        // A close: `client.close()`, `self.client.close()`, `app["mongo"].close()`. The guard
        // is settled in `resolve` (a `finally` must cover the work, a catch-all must close).
        if self.is_close_method(last) {
            if let Some(binding) = self.close_receiver(fnode, &segs) {
                self.facts.closes.push(Close {
                    binding: binding.into(),
                    method: last.into(),
                    span: sp,
                    function: ctx.func,
                    guard: if ctx.finally.is_some() {
                        CloseGuard::Finally
                    } else {
                        CloseGuard::None
                    },
                    risky: None,
                });
                self.close_sites.push(CloseSite {
                    finally: ctx.finally,
                    body: ctx.try_body,
                    rethrow: ctx.rethrow,
                });
            }
        }
        // `stack.callback(client.close)`: the close is handed to whoever runs callbacks.
        self.bound_closes(arg_nodes, ctx);
        // `contextlib.closing(client)`.
        if matches!(last, "closing" | "aclosing") {
            if let Some(arg) = arg_nodes.first().copied() {
                let p = dotted(arg, self.src);
                if is_name_path(&p) {
                    self.facts.closes.push(Close {
                        binding: p.join(".").into(),
                        method: "close".into(),
                        span: sp,
                        function: ctx.func,
                        guard: CloseGuard::ContextManager,
                        risky: None,
                    });
                    self.close_sites.push(CloseSite::default());
                }
            }
        }
        // A pattern whose last segment is a name matches only a path ending in that name.
        let by_last = &self.t.reg_by_last;
        let named = by_last.partition_point(|(l, _)| l.as_str() < last);
        let is_reg = by_last
            .get(named..)
            .unwrap_or_default()
            .iter()
            .take_while(|(l, _)| l == last)
            .map(|(_, p)| p)
            .chain(&self.t.reg_wild)
            .any(|p| connlint_core::knowledge::pattern_matches(p, &segs));
        if is_reg {
            self.regs.push(RegCall {
                path: owned(&segs),
                span: sp,
                func: ctx.func,
                first_str: args.and_then(|a| first_string_arg(a, self.src)),
                args: args.map(|a| self.reg_args(a)).unwrap_or_default(),
            });
        }
        if client.is_none() && is_name_path(&segs) {
            let role = self.role(path, ctx);
            self.calls.push(CallRaw {
                func: ctx.func,
                path: segs,
                span: sp,
                in_loop: ctx.in_loop,
                role,
            });
        }
    }

    /// Bound close methods passed as arguments (`stack.callback(client.close)`,
    /// `atexit.register(client.close)`): recorded as closes guarded by that call (shutdown
    /// hooks are told apart in `resolve`).
    fn bound_closes(&mut self, args: &[Node<'_>], ctx: Ctx) {
        for &a in args {
            let v = if kind(a) == K::KeywordArgument {
                match field(a, self.f.value) {
                    Some(v) => v,
                    None => continue,
                }
            } else {
                a
            };
            if kind(v) != K::Attribute || !self.is_close_method(last_seg(v, self.src)) {
                continue;
            }
            let segs = dotted(v, self.src);
            let Some((method, recv)) = segs.split_last() else {
                continue;
            };
            if recv.is_empty() || !is_name_path(&segs) || !self.is_close_method(method) {
                continue;
            }
            self.facts.closes.push(Close {
                binding: recv.join(".").into(),
                method: (*method).into(),
                span: span(v),
                function: ctx.func,
                guard: CloseGuard::ContextManager,
                risky: None,
            });
            self.close_sites.push(CloseSite::default());
        }
    }

    /// The binding a `recv.close()` closes: a name path (`client`, `self.client`) or a
    /// subscript of one (`app["mongo"]`).
    fn close_receiver(&self, fnode: Node<'_>, segs: &[&str]) -> Option<String> {
        if segs.len() >= 2 && is_name_path(segs) {
            return Some(segs.get(..segs.len() - 1)?.join("."));
        }
        let recv = field(fnode, self.f.object).filter(|_| kind(fnode) == K::Attribute)?;
        let value = field(recv, self.f.value).filter(|_| kind(recv) == K::Subscript)?;
        is_name_path(&dotted(value, self.src)).then(|| subscript_text(recv, self.src))
    }

    fn reg_args(&self, args: Node<'_>) -> Vec<(Option<String>, ArgVal, Span)> {
        let mut out = Vec::new();
        for a in kids(args) {
            let (key, v) = if kind(a) == K::KeywordArgument {
                match (field(a, self.f.name), field(a, self.f.value)) {
                    (Some(n), Some(v)) => (Some(text(n, self.src).to_string()), v),
                    _ => continue,
                }
            } else {
                (None, a)
            };
            let val = match kind(v) {
                K::Identifier => ArgVal::Name(text(v, self.src).to_string()),
                K::Attribute => {
                    let p = dotted(v, self.src);
                    if is_name_path(&p) {
                        ArgVal::Attr(owned(&p))
                    } else {
                        ArgVal::Other
                    }
                }
                K::Lambda => ArgVal::Lambda(v.start_byte() as u32),
                _ => ArgVal::Other,
            };
            out.push((key, val, span(v)));
        }
        out
    }

    fn is_pool_option(&self, key: &str) -> bool {
        self.t
            .pool_options
            .iter()
            .any(|o| o.eq_ignore_ascii_case(key))
    }

    fn keyword_pool_settings(&mut self, args: &[Node<'_>], client: Option<String>) {
        for &a in args {
            if kind(a) != K::KeywordArgument {
                continue;
            }
            let (Some(n), Some(v)) = (field(a, self.f.name), field(a, self.f.value)) else {
                continue;
            };
            let key = text(n, self.src);
            // Generic options (`max_connections`, `max_size`) count only on a construction of
            // a client that lists them.
            let generic = !connlint_core::knowledge::option_names_pool(key);
            if !self.is_pool_option(key)
                || (generic
                    && !client
                        .as_deref()
                        .and_then(|id| self.clients.iter().find(|c| c.id == id))
                        .is_some_and(|c| c.pool_options.iter().any(|o| o == key)))
            {
                continue;
            }
            if let Some(value) = int_value(v, self.src) {
                self.facts.pool_settings.push(PoolSetting {
                    option: key.into(),
                    client: client.clone().map(Into::into),
                    value,
                    span: span(v),
                });
            }
        }
    }

    fn pair_pool_setting(&mut self, pair: Node<'_>) {
        let (Some(k), Some(v)) = (field(pair, self.f.key), field(pair, self.f.value)) else {
            return;
        };
        // Cheap tests first: only an integer value counts, and a key that spells a pool
        // option is a string literal no longer than the option with its prefix and quotes.
        if kind(v) != K::Integer
            || kind(k) != K::String
            || k.end_byte().saturating_sub(k.start_byte()) > self.t.max_option_len + 16
        {
            return;
        }
        let Some(key) = string_value(k, self.src) else {
            return;
        };
        if !self.is_pool_option(&key) || !connlint_core::knowledge::option_names_pool(&key) {
            return;
        }
        if let Some(value) = int_value(v, self.src) {
            self.facts.pool_settings.push(PoolSetting {
                option: key.into(),
                client: None,
                value,
                span: span(v),
            });
        }
    }

    /// `maxPoolSize=N` in the query of a `mongodb://` URI literal.
    fn uri_pool_settings(&mut self, node: Node<'_>) {
        let t = text(node, self.src);
        if !self.t.uri_schemes.iter().any(|s| t.contains(s.as_str())) {
            return;
        }
        let lower = t.to_ascii_lowercase();
        let base = node.start_byte();
        let tables = Rc::clone(&self.t);
        for opt in &tables.pool_options {
            let needle = format!("{}=", opt.to_ascii_lowercase());
            let mut from = 0;
            while let Some(pos) = lower.get(from..).and_then(|h| h.find(&needle)) {
                let start = from + pos;
                let vstart = start + needle.len();
                let preceded = lower
                    .get(..start)
                    .and_then(|s| s.chars().next_back())
                    .is_some_and(|c| c == '?' || c == '&');
                let digits: String = t
                    .get(vstart..)
                    .unwrap_or("")
                    .chars()
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                if preceded && !digits.is_empty() {
                    if let Ok(value) = digits.parse::<u64>() {
                        self.facts.pool_settings.push(PoolSetting {
                            option: t.get(start..vstart - 1).unwrap_or(opt).into(),
                            client: None,
                            value,
                            span: Span::new(base + vstart, base + vstart + digits.len()),
                        });
                    }
                }
                from = vstart;
            }
        }
    }
}

/// A cursor and a buffer the walk lends to what reads a node's children, so that reading
/// them allocates nothing.
struct Aux<'t> {
    cursor: TreeCursor<'t>,
    nodes: Vec<Node<'t>>,
}

impl<'t> Aux<'t> {
    /// The named children of `n` other than comments, as [`kids`] gives them.
    fn kids(&mut self, n: Node<'t>) -> &[Node<'t>] {
        self.nodes.clear();
        self.cursor.reset(n);
        if self.cursor.goto_first_child() {
            loop {
                let k = self.cursor.node();
                if k.is_named() && kind(k) != K::Comment {
                    self.nodes.push(k);
                }
                if !self.cursor.goto_next_sibling() {
                    break;
                }
            }
        }
        &self.nodes
    }
}

/// Longest text scanned to prove a name chain inert: a longer one is walked (so nested
/// chains never cost more than this per node).
const MAX_INERT_SCAN: usize = 256;

/// Whether nothing below `node` (of kind `k`) can be recorded, so the walk need not enter it:
/// - a name chain (`a.b.c`, an attribute or a dotted name) written with name characters, dots
///   and blanks only: below it are names whose role there is always local (their parent is
///   the chain), `.` tokens, and literals such as `1` or `None`; no call, string, comment,
///   lambda or `yield` can be spelt without another character;
/// - a string literal whose prefix has no `f` or `t`: it holds no interpolation, only its
///   delimiters, contents and escapes.
///
/// Never for a node with a syntax error in it (missing tokens and error nodes are recorded).
fn inert(node: Node<'_>, k: K, src: &str) -> bool {
    let is_chain = matches!(k, K::Attribute | K::DottedName);
    if !is_chain && k != K::String {
        return false;
    }
    let (start, end) = (node.start_byte(), node.end_byte());
    if node.has_error() {
        return false;
    }
    let Some(bytes) = src.as_bytes().get(start..end) else {
        return false;
    };
    if is_chain {
        bytes.len() <= MAX_INERT_SCAN
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b' ' | b'\t'))
    } else {
        // The prefix: what comes before the first quote (a few letters).
        bytes
            .iter()
            .take(8)
            .take_while(|b| !matches!(b, b'"' | b'\''))
            .all(|b| !matches!(b, b'f' | b'F' | b't' | b'T'))
            && bytes.iter().take(8).any(|b| matches!(b, b'"' | b'\''))
    }
}

/// A subscript as written, with `'` and `"` made the same: `app['mongo']` and `app["mongo"]`
/// name the same entry.
fn subscript_text(n: Node<'_>, src: &str) -> String {
    text(n, src).replace('\'', "\"")
}

pub fn as_strs(segs: &[String]) -> Vec<&str> {
    segs.iter().map(String::as_str).collect()
}

/// Owned copies of path segments, for what outlives the walk's borrow.
pub fn owned(segs: &[&str]) -> Vec<String> {
    segs.iter().map(|s| s.to_string()).collect()
}

/// The context of the cursor's node (of kind `k`), a child of a node of kind `pk` with
/// context `p`. Its field is looked up only where it matters.
fn child_ctx(f: &Fields, p: Ctx, pk: K, k: K, cursor: &TreeCursor<'_>) -> Ctx {
    let mut c = p;
    c.pending_func = None;
    c.pending_class = None;
    c.pending_try = None;
    c.pending_guard = None;
    c.handler_of = None;
    let field = || cursor.field_id().map_or(0, |x| x.get());
    let body = || f.body != 0 && field() == f.body;
    match pk {
        K::FunctionDefinition | K::Lambda if body() => {
            c = Ctx {
                func: p.pending_func,
                ..Ctx::default()
            };
        }
        K::ClassDefinition if body() => c.class = p.pending_class,
        K::ForStatement | K::WhileStatement | K::ForInClause if body() => c.in_loop = true,
        K::ListComprehension
        | K::SetComprehension
        | K::DictionaryComprehension
        | K::GeneratorExpression => c.in_loop = true,
        K::TryStatement => match k {
            K::FinallyClause => {
                c.finally = p.pending_try;
                c.try_body = None;
            }
            K::Block if body() => c.try_body = p.pending_try,
            K::ElseClause => c.try_body = p.pending_try,
            K::ExceptClause | K::ExceptGroupClause => {
                c.try_body = None;
                c.handler_of = p.pending_try;
            }
            _ => c.try_body = None,
        },
        K::IfStatement | K::ElifClause => {
            let fd = field();
            if fd != 0 && (fd == f.consequence || fd == f.alternative) {
                c.guard = p.pending_guard
            }
        }
        _ => {}
    }
    c.stmt = p.stmt_kids;
    c.stmt_kids = false;
    c
}
