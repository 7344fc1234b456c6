//! Pass 1: the walk that records functions, call sites, imports, exports, pool settings,
//! comments and syntax errors; then drives the other passes.

use crate::grammar::{Grammar, F};
use crate::syntax::{self, is_function, is_loop, named_children, unwrap};
use connlint_core::knowledge::ClientSpec;
use connlint_core::Name;
use connlint_core::{
    Alias, Comment, Export, Facts, FuncId, Function, FunctionKind, Import, Imported, Knowledge,
    LangFamily, ParseProblem, PoolSetting, Span,
};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use tree_sitter::Node;

/// How many syntax problems are recorded per file.
const MAX_PROBLEMS: usize = 5;

pub struct FnInfo<'t> {
    pub node: Node<'t>,
    /// The object literal binding or class a method belongs to (`controller` in
    /// `const controller = { list() {} }`).
    pub owner: Option<Name>,
    /// Decorators on the method, as callee paths with spans.
    pub decorators: Vec<(Vec<String>, Span)>,
    /// Decorators on the method's class.
    pub class_decorators: Vec<Vec<String>>,
}

pub struct Site<'t> {
    pub node: Node<'t>,
    pub func: Option<FuncId>,
    pub in_loop: bool,
}

/// A value exported under a name: `export const GET = ..`, `exports.handler = ..`.
pub struct ExportedValue<'t> {
    pub name: Name,
    pub value: Node<'t>,
    pub evidence: Span,
}

pub struct Analyzer<'s, 't> {
    pub src: &'s str,
    pub path: &'s str,
    pub kb: &'s Knowledge,
    /// Kind names and field ids of the file's grammar.
    pub g: &'static Grammar,
    pub clients: Vec<&'s ClientSpec>,
    pub root: Node<'t>,
    pub facts: Facts,
    pub fns: Vec<FnInfo<'t>>,
    pub fn_by_node: HashMap<usize, FuncId>,
    pub sites: Vec<Site<'t>>,
    /// Names the file declares (classes, functions, variables) other than through imports.
    pub declared: HashSet<Name>,
    /// Module specifiers the file imports or requires.
    pub import_sources: Vec<String>,
    pub exported_values: Vec<ExportedValue<'t>>,
    /// `'use server'` and the like at the top of the file.
    pub file_directives: Vec<(String, Span)>,
    /// Construction node ids, to tell constructions from plain calls.
    pub construction_nodes: HashSet<usize>,
    /// Parent of every named node (and of every node with children), as an index into
    /// `inner`, sorted by node id once the walk is over: tree-sitter's `Node::parent` walks
    /// down from the root, which is quadratic on deeply nested or very wide input. Twelve
    /// bytes a node, where a map of nodes costs fifty and more.
    pub parents: Vec<ParentEntry>,
    /// The nodes with children (the only possible parents), in walk order.
    pub inner: Vec<Node<'t>>,
    /// The path from the root to the node being visited, with the nodes' indexes in `inner`,
    /// while the walk runs (`parents` is not sorted yet then; every node the walk asks about
    /// is on it), and their kinds.
    pub walk_stack: Vec<(Node<'t>, u32, &'t str)>,
    pub walking: bool,
    /// Every `identifier` and `shorthand_property_identifier` by name, in source order: the
    /// uses of a binding in a function are a range of its list.
    pub idents: HashMap<&'s str, Vec<Node<'t>>>,
    /// Names declared by parameters and declarations, as (name, start, end), sorted: a
    /// function's locals are the binders inside its byte range.
    pub binders: Vec<(&'s str, usize, usize)>,
    /// Identifier uses the binding-following analysis may still examine: it stays linear on
    /// hostile input.
    pub scan_budget: usize,
    /// The first import of each local name (index into `facts.imports`).
    pub import_of: HashMap<Name, usize>,
    /// The first plain function (not a method) of each name.
    pub fn_of_name: HashMap<Name, FuncId>,
    /// The first method of each (owner, name).
    pub method_of_owner: HashMap<(Name, Name), FuncId>,
    /// Per function: the `if (..) return` statements of its body (see `index_early_returns`).
    pub early_returns: Vec<Vec<(usize, Node<'t>)>>,
    /// Per class body, the decorators and comments seen since its last other child.
    pub decorator_runs: HashMap<usize, Vec<Node<'t>>>,
    /// Per class member, the decorators and comments right before it, in source order.
    pub runs_before: HashMap<usize, Vec<Node<'t>>>,
    /// The handler references recorded, to record each once.
    pub handler_ref_keys: HashSet<(Option<Name>, Name, bool, Span)>,
    /// Names of the file's functions.
    pub fn_names: HashSet<Name>,
    /// `const repo = new Repo()`: variable -> class name.
    pub instance_of: HashMap<Name, Name>,
    /// `key: N` pairs whose key is a pool option of some client, resolved once the
    /// constructions are known.
    pub pool_pairs: Vec<Node<'t>>,
}

/// A node's id and its parent's index in `Analyzer::inner`, packed (12 bytes).
#[derive(Clone, Copy)]
#[repr(C, packed)]
pub struct ParentEntry {
    id: usize,
    parent: u32,
}

impl ParentEntry {
    fn new(id: usize, parent: u32) -> Self {
        ParentEntry { id, parent }
    }

    fn id(self) -> usize {
        self.id
    }

    fn parent(self) -> u32 {
        self.parent
    }
}

/// Scan budget per file, as a multiple of its node count (plus a floor).
const SCAN_FACTOR: usize = 20;
const SCAN_FLOOR: usize = 200_000;

struct Frame {
    node: usize,
    func: Option<FuncId>,
    loops: u32,
}

impl<'s, 't> Analyzer<'s, 't> {
    pub fn run(
        src: &'s str,
        path: &'s str,
        kb: &'s Knowledge,
        g: &'static Grammar,
        root: Node<'t>,
    ) -> Facts {
        let mut a = Analyzer {
            src,
            path,
            kb,
            g,
            clients: kb.clients_for(LangFamily::Js).collect(),
            root,
            facts: Facts::default(),
            fns: Vec::new(),
            fn_by_node: HashMap::new(),
            sites: Vec::new(),
            declared: HashSet::new(),
            import_sources: Vec::new(),
            exported_values: Vec::new(),
            file_directives: Vec::new(),
            construction_nodes: HashSet::new(),
            parents: Vec::new(),
            inner: Vec::new(),
            walk_stack: Vec::new(),
            walking: false,
            idents: HashMap::new(),
            binders: Vec::new(),
            scan_budget: 0,
            import_of: HashMap::new(),
            fn_of_name: HashMap::new(),
            method_of_owner: HashMap::new(),
            handler_ref_keys: HashSet::new(),
            decorator_runs: HashMap::new(),
            runs_before: HashMap::new(),
            early_returns: Vec::new(),
            fn_names: HashSet::new(),
            instance_of: HashMap::new(),
            pool_pairs: Vec::new(),
        };
        a.walk();
        a.scan_budget = root
            .descendant_count()
            .saturating_sub(1)
            .saturating_mul(SCAN_FACTOR)
            .max(SCAN_FLOOR);
        a.index_names();
        a.index_early_returns();
        a.fn_names = a
            .facts
            .functions
            .iter()
            .filter_map(|f| f.name.clone())
            .collect();
        a.file_directives = a.directives_of(root);
        a.collect_constructions();
        a.collect_pool_pairs();
        a.classify_handlers();
        a.record_fates();
        a.facts
    }

    pub fn parent(&self, n: Node<'_>) -> Option<Node<'t>> {
        let id = n.id();
        if self.walking {
            // Only ancestors of the visited node are asked about during the walk.
            let at = self.walk_stack.iter().rposition(|(x, _, _)| x.id() == id)?;
            return at
                .checked_sub(1)
                .and_then(|i| self.walk_stack.get(i))
                .map(|(p, _, _)| *p);
        }
        let at = self.parents.binary_search_by_key(&id, |e| e.id()).ok()?;
        let parent = self.parents.get(at)?.parent();
        self.inner.get(parent as usize).copied()
    }

    /// The nearest enclosing function-like, within [`syntax::MAX_UP`] steps.
    pub fn enclosing_fn(&self, n: Node<'_>) -> Option<Node<'t>> {
        let mut cur = self.parent(n);
        for _ in 0..syntax::MAX_UP {
            let p = cur?;
            if is_function(self.g.kind(p)) {
                return Some(p);
            }
            cur = self.parent(p);
        }
        None
    }

    pub fn text(&self, n: Node<'_>) -> &'s str {
        self.src.get(n.byte_range()).unwrap_or("")
    }

    pub fn span(n: Node<'_>) -> Span {
        Span::new(n.start_byte(), n.end_byte())
    }

    fn walk(&mut self) {
        let root = self.root;
        let mut frames: Vec<Frame> = vec![Frame {
            node: root.id(),
            func: None,
            loops: 0,
        }];
        // Untouched capacity costs no memory: reserve for every node.
        self.parents.reserve(root.descendant_count());
        self.inner.reserve(root.descendant_count());
        self.walking = true;
        syntax::walk(root, |n, field, enter| {
            if !enter {
                self.walk_stack.pop();
                while frames.len() > 1 && frames.last().is_some_and(|f| f.node == n.id()) {
                    frames.pop();
                }
                return;
            }
            let kind = self.g.kind(n);
            let parent = self.walk_stack.last().copied();
            let inner = n.child_count() > 0;
            if let Some((_, p, _)) = parent {
                // Anonymous leaves (punctuation, keywords) are never asked about.
                if inner || n.is_named() {
                    self.parents.push(ParentEntry::new(n.id(), p));
                }
            }
            let index = if inner {
                self.inner.push(n);
                u32::try_from(self.inner.len().saturating_sub(1)).unwrap_or(u32::MAX)
            } else {
                u32::MAX
            };
            self.walk_stack.push((n, index, kind));
            let parent = parent.map(|(p, _, k)| (p, k));
            self.index_name(n, kind, parent);
            if let Some((body, "class_body")) = parent {
                self.note_class_member(n, kind, body);
            }
            let (func, loops) = frames.last().map_or((None, 0), |f| (f.func, f.loops));
            if is_function(kind) {
                let id = self.add_function(n, func);
                frames.push(Frame {
                    node: n.id(),
                    func: Some(id),
                    loops: 0,
                });
                return;
            }
            if let Some(id) = self.field_initialiser(n, kind, func) {
                frames.push(Frame {
                    node: n.id(),
                    func: Some(id),
                    loops: 0,
                });
                return;
            }
            if self.g.is_field(field, F::Body) && parent.is_some_and(|(_, k)| is_loop(k)) {
                frames.push(Frame {
                    node: n.id(),
                    func,
                    loops: loops + 1,
                });
            }
            self.visit(n, kind, func, loops > 0);
        });
        self.walking = false;
        self.walk_stack = Vec::new();
        self.decorator_runs = HashMap::new();
        self.parents.shrink_to_fit();
        self.parents.sort_unstable_by_key(|e| e.id());
        self.inner.shrink_to_fit();
        self.binders.sort_unstable();
    }

    /// Lookups by name over what the walk recorded (imports and functions are final then).
    fn index_names(&mut self) {
        for (i, imp) in self.facts.imports.iter().enumerate() {
            self.import_of.entry(imp.local.clone()).or_insert(i);
        }
        for (i, (f, info)) in self.facts.functions.iter().zip(&self.fns).enumerate() {
            let (Some(name), Ok(id)) = (f.name.as_ref(), FuncId::try_from(i)) else {
                continue;
            };
            if matches!(f.kind, FunctionKind::Function | FunctionKind::Closure)
                && info.owner.is_none()
            {
                self.fn_of_name.entry(name.clone()).or_insert(id);
            }
            if let Some(owner) = &info.owner {
                self.method_of_owner
                    .entry((owner.clone(), name.clone()))
                    .or_insert(id);
            }
        }
    }

    /// The first import that binds `local`.
    pub fn import_named(&self, local: &str) -> Option<&Import> {
        self.import_of
            .get(local)
            .and_then(|i| self.facts.imports.get(*i))
    }

    /// Keeps the run of decorators and comments before each class member, for
    /// `method_decorators`.
    /// Notes member `n` (of kind `kind`) of class body `body`.
    fn note_class_member(&mut self, n: Node<'t>, kind: &str, body: Node<'t>) {
        let run = self.decorator_runs.entry(body.id()).or_default();
        match kind {
            "decorator" | "comment" => run.push(n),
            _ => {
                let run = std::mem::take(run);
                if !run.is_empty() {
                    self.runs_before.insert(n.id(), run);
                }
            }
        }
    }

    fn add_ident(&mut self, n: Node<'t>) {
        if let Some(t) = self.src.get(n.byte_range()) {
            self.idents.entry(t).or_default().push(n);
        }
    }

    /// Records identifiers (for the uses of bindings) and binders (for locals). `kind` is the
    /// kind of `n`, `parent` its parent with its kind.
    fn index_name(&mut self, n: Node<'t>, kind: &str, parent: Option<(Node<'t>, &str)>) {
        let binder = match kind {
            "identifier" => {
                self.add_ident(n);
                let parent_kind = parent.map(|(_, k)| k).unwrap_or("");
                let is_field = |f: F| {
                    parent.and_then(|(p, _)| self.g.field(p, f)).map(|c| c.id()) == Some(n.id())
                };
                (parent_kind == "variable_declarator" && is_field(F::Name))
                    || parent_kind == "formal_parameters"
                    || (parent_kind.ends_with("_parameter") && is_field(F::Pattern))
                    || (parent_kind == "arrow_function" && is_field(F::Parameter))
                    || (parent_kind == "assignment_pattern" && is_field(F::Left))
                    || (parent_kind == "pair_pattern" && is_field(F::Value))
                    || parent_kind == "array_pattern"
            }
            "shorthand_property_identifier" => {
                self.add_ident(n);
                false
            }
            "shorthand_property_identifier_pattern" => true,
            _ => false,
        };
        if binder {
            if let Some(t) = self.src.get(n.byte_range()) {
                self.binders.push((t, n.start_byte(), n.end_byte()));
            }
        }
    }

    /// Records what node `n` (of kind `kind`) itself says: a call site, an import, ...
    fn visit(&mut self, n: Node<'t>, kind: &str, func: Option<FuncId>, in_loop: bool) {
        if (n.is_error() || n.is_missing()) && self.facts.problems.len() < MAX_PROBLEMS {
            let message = if n.is_missing() {
                format!("missing `{kind}`")
            } else {
                let snippet: String = self
                    .text(n)
                    .lines()
                    .next()
                    .unwrap_or("")
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(24)
                    .collect();
                format!("unexpected `{}`", snippet.trim())
            };
            self.facts.problems.push(ParseProblem {
                span: Self::span(n),
                message,
                fatal: false,
            });
        }
        match kind {
            "call_expression" | "new_expression" => {
                self.sites.push(Site {
                    node: n,
                    func,
                    in_loop,
                });
                self.visit_require(n);
            }
            "import_statement" => self.visit_import(n),
            "export_statement" => self.visit_export(n),
            "assignment_expression" => {
                self.visit_cjs_export(n);
                self.visit_alias(n, func);
            }
            "variable_declarator" => {
                self.visit_alias(n, func);
                if let Some(name) = self.g.field(n, F::Name) {
                    if self.g.kind(name) == "identifier" && !self.is_require_value(n) {
                        self.declared.insert(self.text(name).into());
                    }
                    let class = self
                        .g
                        .field(n, F::Value)
                        .map(|x| unwrap(self.g, x))
                        .filter(|v| self.g.kind(*v) == "new_expression")
                        .and_then(|v| self.g.field(v, F::Constructor))
                        .filter(|c| self.g.kind(*c) == "identifier");
                    if let Some(class) = class {
                        self.instance_of
                            .insert(self.text(name).into(), self.text(class).into());
                    }
                }
            }
            "class_declaration" | "abstract_class_declaration" | "function_declaration" => {
                if let Some(name) = self.g.field(n, F::Name) {
                    self.declared.insert(self.text(name).into());
                }
            }
            "pair" => self.visit_pool_pair(n),
            "string" | "template_string" => self.visit_pool_uri(n),
            "comment" => {
                let t = self.text(n);
                if t.contains("connlint-ignore") {
                    self.facts.suppression_comments.push(Comment {
                        span: Self::span(n),
                        text: t.to_string(),
                    });
                }
            }
            _ => {}
        }
    }

    // ---- aliases ---------------------------------------------------------------------------

    /// `const client = await clientPromise`, `clientPromise = client.connect()`,
    /// `p = global._mongoClientPromise`: a binding that holds another name's value.
    fn visit_alias(&mut self, n: Node<'t>, func: Option<FuncId>) {
        let (left, right) = match self.g.kind(n) {
            "variable_declarator" => (self.g.field(n, F::Name), self.g.field(n, F::Value)),
            _ => (self.g.field(n, F::Left), self.g.field(n, F::Right)),
        };
        let (Some(left), Some(right)) = (left, right) else {
            return;
        };
        if !matches!(self.g.kind(left), "identifier" | "member_expression") {
            return;
        }
        let mut value = unwrap(self.g, right);
        for _ in 0..8 {
            let receiver = (self.g.kind(value) == "call_expression")
                .then(|| self.g.field(value, F::Function))
                .flatten()
                .map(|x| unwrap(self.g, x))
                .filter(|f| self.g.kind(*f) == "member_expression")
                .filter(|f| {
                    self.g
                        .field(*f, F::Property)
                        .is_some_and(|p| crate::fate::RETURNS_SELF.contains(&self.text(p)))
                })
                .and_then(|f| self.g.field(f, F::Object));
            match receiver {
                Some(r) => value = unwrap(self.g, r),
                None => break,
            }
        }
        let simple = match self.g.kind(value) {
            "identifier" => true,
            "member_expression" => {
                let t = self.text(value);
                !t.contains(['(', '[', '\n', ' '])
            }
            _ => false,
        };
        if !simple {
            return;
        }
        self.facts.aliases.push(Alias {
            name: self.text(left).into(),
            of: self.text(value).into(),
            function: func,
            span: Self::span(n),
        });
    }

    // ---- functions -------------------------------------------------------------------------

    /// An instance field initialiser (`client = new MongoClient()`) runs as part of the
    /// constructor: its code is recorded in a constructor of the class, one per class body
    /// (it sits beside an explicit `constructor`, if any; both run on `new`). Functions as field
    /// values (`handle = () => ..`) stay methods. Returns the constructor to attribute it to.
    /// `kind` is the kind of `n`.
    fn field_initialiser(
        &mut self,
        n: Node<'t>,
        kind: &str,
        parent: Option<FuncId>,
    ) -> Option<FuncId> {
        if !matches!(kind, "field_definition" | "public_field_definition") {
            return None;
        }
        let value = self.g.field(n, F::Value).map(|x| unwrap(self.g, x))?;
        if is_function(self.g.kind(value)) {
            return None;
        }
        let mut c = n.walk();
        if n.children(&mut c).any(|x| self.g.kind(x) == "static") {
            return None;
        }
        let body = self.parent(n).filter(|b| self.g.kind(*b) == "class_body")?;
        if let Some(id) = self.fn_by_node.get(&body.id()) {
            return Some(*id);
        }
        let class = self.parent(body).and_then(|c| self.class_name(c));
        let id = FuncId::try_from(self.fns.len()).unwrap_or(FuncId::MAX);
        let head = self
            .g
            .field(n, F::Property)
            .or_else(|| self.g.field(n, F::Name))
            .map_or_else(|| Self::span(n), Self::span);
        self.facts.functions.push(Function {
            name: Some("constructor".into()),
            kind: FunctionKind::Constructor,
            span: Self::span(body),
            head,
            parent,
            class: class.clone(),
            handler: None,
            runs_once: None,
            exported: false,
        });
        self.fns.push(FnInfo {
            node: body,
            owner: class,
            decorators: Vec::new(),
            class_decorators: Vec::new(),
        });
        self.fn_by_node.insert(body.id(), id);
        Some(id)
    }

    fn add_function(&mut self, n: Node<'t>, parent: Option<FuncId>) -> FuncId {
        let id = FuncId::try_from(self.fns.len()).unwrap_or(FuncId::MAX);
        let mut name_node = self.g.field(n, F::Name);
        let mut kind = match self.g.kind(n) {
            "function_declaration" | "generator_function_declaration" => FunctionKind::Function,
            "method_definition" => FunctionKind::Method,
            _ => FunctionKind::Closure,
        };
        let mut class = None;
        let mut owner = None;
        let mut decorators = Vec::new();
        let mut class_decorators = Vec::new();
        let mut name = name_node.map(|x| strip_quotes(self.text(x)).to_string());
        if self.g.kind(n) == "method_definition" {
            if name.as_deref() == Some("constructor") {
                kind = FunctionKind::Constructor;
            }
            match self.parent(n) {
                Some(body) if self.g.kind(body) == "class_body" => {
                    let cls = self.parent(body);
                    class = cls.and_then(|c| self.class_name(c));
                    owner = class.clone();
                    decorators = self.method_decorators(n);
                    if let Some(c) = cls {
                        class_decorators = self.class_decorators(c);
                    }
                }
                Some(obj) if self.g.kind(obj) == "object" => owner = self.object_owner(obj),
                _ => {}
            }
        } else if name.is_none() {
            // Named by what it is bound to.
            let mut child = n;
            let mut parent = self.parent(n);
            while let Some(p) = parent {
                if syntax::is_transparent(self.g.kind(p)) {
                    child = p;
                    parent = self.parent(p);
                } else {
                    break;
                }
            }
            if let Some(p) = parent {
                match self.g.kind(p) {
                    "variable_declarator" => {
                        name_node = self
                            .g
                            .field(p, F::Name)
                            .filter(|x| self.g.kind(*x) == "identifier");
                        name = name_node.map(|x| self.text(x).to_string());
                    }
                    "assignment_expression"
                        if self.g.field(p, F::Right).map(|r| r.id()) == Some(child.id()) =>
                    {
                        if let Some(left) = self.g.field(p, F::Left) {
                            match self.g.kind(left) {
                                "identifier" => {
                                    name_node = Some(left);
                                    name = Some(self.text(left).to_string());
                                }
                                "member_expression" => {
                                    name_node = self.g.field(left, F::Property);
                                    name = name_node.map(|x| self.text(x).to_string());
                                    owner =
                                        self.g.field(left, F::Object).map(|o| self.text(o).into());
                                }
                                _ => {}
                            }
                        }
                    }
                    "pair" => {
                        name_node = self.g.field(p, F::Key);
                        name = name_node.map(|x| strip_quotes(self.text(x)).to_string());
                        owner = self.parent(p).and_then(|o| self.object_owner(o));
                    }
                    "field_definition" | "public_field_definition" => {
                        name_node = self
                            .g
                            .field(p, F::Property)
                            .or_else(|| self.g.field(p, F::Name));
                        name = name_node.map(|x| self.text(x).to_string());
                        kind = FunctionKind::Method;
                        if let Some(body) = self.parent(p) {
                            let cls = self.parent(body);
                            class = cls.and_then(|c| self.class_name(c));
                            owner = class.clone();
                            decorators = self.method_decorators(p);
                            if let Some(c) = cls {
                                class_decorators = self.class_decorators(c);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        let head = name_node
            .map(Self::span)
            .or_else(|| {
                let mut c = n.walk();
                let found = n
                    .children(&mut c)
                    .find(|c| matches!(self.g.kind(*c), "=>" | "function"));
                found.map(Self::span)
            })
            .unwrap_or_else(|| Span::new(n.start_byte(), n.start_byte()));
        self.facts.functions.push(Function {
            name: name.map(Into::into),
            kind,
            span: Self::span(n),
            head,
            parent,
            class,
            handler: None,
            runs_once: None,
            exported: false,
        });
        self.fns.push(FnInfo {
            node: n,
            owner,
            decorators,
            class_decorators,
        });
        self.fn_by_node.insert(n.id(), id);
        id
    }

    fn class_name(&self, class: Node<'_>) -> Option<Name> {
        if let Some(n) = self.g.field(class, F::Name) {
            return Some(self.text(n).into());
        }
        let p = self.parent(class)?;
        (self.g.kind(p) == "variable_declarator")
            .then(|| self.g.field(p, F::Name))
            .flatten()
            .map(|n| self.text(n).into())
    }

    /// The name an object literal is bound to.
    fn object_owner(&self, obj: Node<'_>) -> Option<Name> {
        let p = self.parent(obj)?;
        match self.g.kind(p) {
            "variable_declarator" => self.g.field(p, F::Name).map(|n| self.text(n).into()),
            "assignment_expression" => self.g.field(p, F::Left).map(|n| self.text(n).into()),
            _ => None,
        }
    }

    fn decorator_path(&self, d: Node<'_>) -> Option<(Vec<String>, Span)> {
        let e = d.named_child(0)?;
        let target = if self.g.kind(e) == "call_expression" {
            self.g.field(e, F::Function)?
        } else {
            e
        };
        Some((self.path_of(target), Self::span(d)))
    }

    /// Decorators of a class member: its own `decorator` children (JavaScript) and the
    /// `decorator` siblings right before it in the class body (TypeScript).
    fn method_decorators(&self, member: Node<'_>) -> Vec<(Vec<String>, Span)> {
        let mut out = Vec::new();
        let mut c = member.walk();
        for d in member.children(&mut c) {
            if self.g.kind(d) == "decorator" {
                out.extend(self.decorator_path(d));
            }
        }
        // The decorators and comments right before it, closest first (`prev_sibling` would
        // walk down from the root for each).
        let run = self
            .runs_before
            .get(&member.id())
            .map_or(&[][..], Vec::as_slice);
        for p in run.iter().rev().take(64) {
            if self.g.kind(*p) == "decorator" {
                out.extend(self.decorator_path(*p));
            }
        }
        out
    }

    fn class_decorators(&self, class: Node<'_>) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        let mut holders = vec![class];
        if let Some(p) = self
            .parent(class)
            .filter(|p| self.g.kind(*p) == "export_statement")
        {
            holders.push(p);
        }
        for h in holders {
            let mut c = h.walk();
            for d in h.children(&mut c) {
                if self.g.kind(d) == "decorator" {
                    out.extend(self.decorator_path(d).map(|(p, _)| p));
                }
            }
        }
        out
    }

    /// `'use server'`-style directive prologue of a program or function body.
    pub fn directives_of(&self, block: Node<'_>) -> Vec<(String, Span)> {
        let mut out = Vec::new();
        for stmt in named_children(self.g, block) {
            if self.g.kind(stmt) != "expression_statement" {
                break;
            }
            match stmt.named_child(0) {
                Some(s) if self.g.kind(s) == "string" => {
                    out.push((strip_quotes(self.text(s)).to_string(), Self::span(s)));
                }
                _ => break,
            }
        }
        out
    }

    /// A callee as a dotted path: `router.route('/x').get` gives `["router", "route", "get"]`.
    pub fn path_of(&self, n: Node<'_>) -> Vec<String> {
        let mut rev = Vec::new();
        let mut cur = Some(n);
        for _ in 0..32 {
            let Some(x) = cur else { break };
            let (segment, next) = self.path_step(x);
            if let Some(s) = segment {
                rev.push(s.to_string());
            }
            cur = next;
        }
        rev.reverse();
        rev
    }

    /// The last segment of [`Self::path_of`], without building the path.
    pub fn last_of_path(&self, n: Node<'_>) -> Option<&'s str> {
        let mut cur = Some(n);
        for _ in 0..32 {
            let (segment, next) = self.path_step(cur?);
            if segment.is_some() {
                return segment;
            }
            cur = next;
        }
        None
    }

    /// One step of [`Self::path_of`] from `x` towards the start of the path: the segment `x`
    /// adds (`?` for what no path spells) and the node it continues with.
    fn path_step<'n>(&self, x: Node<'n>) -> (Option<&'s str>, Option<Node<'n>>) {
        match self.g.kind(x) {
            "identifier" | "this" | "property_identifier" | "super" => (Some(self.text(x)), None),
            "member_expression" => (
                Some(self.g.field(x, F::Property).map_or("", |p| self.text(p))),
                self.g.field(x, F::Object),
            ),
            "call_expression" => (None, self.g.field(x, F::Function)),
            "new_expression" => (None, self.g.field(x, F::Constructor)),
            k if syntax::is_transparent(k) => (None, x.named_child(0)),
            _ => (Some("?"), None),
        }
    }

    // ---- imports and exports ---------------------------------------------------------------

    fn visit_import(&mut self, n: Node<'t>) {
        let Some(source) = self.g.field(n, F::Source) else {
            return;
        };
        let source = strip_quotes(self.text(source)).to_string();
        self.import_sources.push(source.clone());
        let mut c = n.walk();
        let clause = n
            .children(&mut c)
            .find(|c| self.g.kind(*c) == "import_clause");
        let Some(clause) = clause else { return };
        for part in named_children(self.g, clause) {
            match self.g.kind(part) {
                "identifier" => self.add_import(part, &source, Imported::Default, n),
                "namespace_import" => {
                    if let Some(id) = part.named_child(0) {
                        self.add_import(id, &source, Imported::Namespace, n);
                    }
                }
                "named_imports" => {
                    for spec in named_children(self.g, part) {
                        let Some(name) = self.g.field(spec, F::Name) else {
                            continue;
                        };
                        let local = self.g.field(spec, F::Alias).unwrap_or(name);
                        let imported = strip_quotes(self.text(name)).to_string();
                        self.add_import(local, &source, Imported::Named(imported.into()), n);
                    }
                }
                _ => {}
            }
        }
    }

    fn add_import(&mut self, local: Node<'_>, source: &str, imported: Imported, stmt: Node<'_>) {
        self.facts.imports.push(Import {
            local: self.text(local).into(),
            source: source.into(),
            imported,
            span: Self::span(stmt),
        });
    }

    /// `require('m')` as a call: its module.
    pub fn require_source(&self, n: Node<'_>) -> Option<String> {
        let n = unwrap(self.g, n);
        if self.g.kind(n) != "call_expression" {
            return None;
        }
        let f = self.g.field(n, F::Function)?;
        if !(self.g.kind(f) == "identifier" && self.text(f) == "require")
            && self.g.kind(f) != "import"
        {
            return None;
        }
        let args = self.g.field(n, F::Arguments)?;
        let first = named_children(self.g, args).into_iter().next()?;
        (self.g.kind(first) == "string").then(|| strip_quotes(self.text(first)).to_string())
    }

    fn is_require_value(&self, declarator: Node<'_>) -> bool {
        let Some(v) = self.g.field(declarator, F::Value) else {
            return false;
        };
        let v = unwrap(self.g, v);
        self.require_source(v).is_some()
            || (self.g.kind(v) == "member_expression"
                && self
                    .g
                    .field(v, F::Object)
                    .and_then(|o| self.require_source(o))
                    .is_some())
    }

    /// `require` calls: their module is imported; declarators record the bindings.
    fn visit_require(&mut self, call: Node<'t>) {
        let Some(source) = self.require_source(call) else {
            return;
        };
        self.import_sources.push(source.clone());
        // Climb to the declarator: require('m'), await import('m'), require('m').x
        let mut value = call;
        let mut named: Option<Name> = None;
        for _ in 0..4 {
            let Some(p) = self.parent(value) else { return };
            if syntax::is_transparent(self.g.kind(p)) {
                value = p;
            } else if self.g.kind(p) == "member_expression" && named.is_none() {
                named = self.g.field(p, F::Property).map(|x| self.text(x).into());
                value = p;
            } else {
                break;
            }
        }
        let Some(decl) = self
            .parent(value)
            .filter(|p| self.g.kind(*p) == "variable_declarator")
        else {
            return;
        };
        let Some(name) = self.g.field(decl, F::Name) else {
            return;
        };
        match (self.g.kind(name), named) {
            ("identifier", Some(x)) => self.add_import(name, &source, Imported::Named(x), decl),
            ("identifier", None) => self.add_import(name, &source, Imported::Namespace, decl),
            ("object_pattern", None) => {
                for prop in named_children(self.g, name) {
                    match self.g.kind(prop) {
                        "shorthand_property_identifier_pattern" => {
                            let x = self.text(prop).to_string();
                            self.add_import(prop, &source, Imported::Named(x.into()), decl);
                        }
                        "pair_pattern" => {
                            let key = self.g.field(prop, F::Key);
                            let val = self.g.field(prop, F::Value);
                            if let (Some(k), Some(v)) = (key, val) {
                                let v = if self.g.kind(v) == "assignment_pattern" {
                                    self.g.field(v, F::Left).unwrap_or(v)
                                } else {
                                    v
                                };
                                if self.g.kind(v) == "identifier" {
                                    let x = strip_quotes(self.text(k)).to_string();
                                    self.add_import(v, &source, Imported::Named(x.into()), decl);
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    fn add_export(&mut self, name: Name, local: Option<Name>, from: Option<Name>, span: Span) {
        self.facts.exports.push(Export {
            name,
            local,
            from,
            span,
        });
    }

    fn visit_export(&mut self, n: Node<'t>) {
        let span = Self::span(n);
        let from = self
            .g
            .field(n, F::Source)
            .map(|s| strip_quotes(self.text(s)).to_string());
        if let Some(f) = &from {
            self.import_sources.push(f.clone());
        }
        let mut is_default = false;
        let mut c = n.walk();
        for child in n.children(&mut c) {
            match self.g.kind(child) {
                "default" => is_default = true,
                "export_clause" => {
                    for spec in named_children(self.g, child) {
                        let Some(name) = self.g.field(spec, F::Name) else {
                            continue;
                        };
                        let alias = self.g.field(spec, F::Alias).unwrap_or(name);
                        let exported = strip_quotes(self.text(alias)).to_string();
                        let local = self.text(name).to_string();
                        if from.is_none() {
                            self.exported_values.push(ExportedValue {
                                name: exported.as_str().into(),
                                value: name,
                                evidence: Self::span(alias),
                            });
                        }
                        self.add_export(
                            exported.into(),
                            Some(local.into()),
                            from.clone().map(Into::into),
                            span,
                        );
                    }
                }
                "namespace_export" => {
                    let name = child
                        .named_child(0)
                        .map(|x| self.text(x).to_string())
                        .unwrap_or_else(|| "*".to_string());
                    self.add_export(name.into(), None, from.clone().map(Into::into), span);
                }
                "*" if from.is_some() => {
                    self.add_export("*".into(), None, from.clone().map(Into::into), span)
                }
                _ => {}
            }
        }
        if let Some(decl) = self.g.field(n, F::Declaration) {
            match self.g.kind(decl) {
                "lexical_declaration" | "variable_declaration" => {
                    for d in named_children(self.g, decl) {
                        let (Some(name), value) =
                            (self.g.field(d, F::Name), self.g.field(d, F::Value))
                        else {
                            continue;
                        };
                        let text = self.text(name).to_string();
                        if let Some(v) = value {
                            self.exported_values.push(ExportedValue {
                                name: text.as_str().into(),
                                value: v,
                                evidence: Self::span(name),
                            });
                        }
                        self.add_export(text.as_str().into(), Some(text.into()), None, span);
                    }
                }
                _ => {
                    let name = self.g.field(decl, F::Name);
                    let text = name.map(|x| self.text(x).to_string());
                    let exported = if is_default {
                        "default".to_string()
                    } else {
                        text.clone().unwrap_or_default()
                    };
                    self.exported_values.push(ExportedValue {
                        name: exported.as_str().into(),
                        value: decl,
                        evidence: name.map(Self::span).unwrap_or(Self::span(decl)),
                    });
                    self.add_export(exported.into(), text.map(Into::into), None, span);
                }
            }
        } else if let Some(value) = self.g.field(n, F::Value) {
            let local = (self.g.kind(value) == "identifier").then(|| self.text(value).to_string());
            let evidence = {
                let mut c = n.walk();
                let d = n.children(&mut c).find(|c| self.g.kind(*c) == "default");
                d.map(Self::span).unwrap_or(span)
            };
            self.exported_values.push(ExportedValue {
                name: "default".into(),
                value,
                evidence,
            });
            self.add_export("default".into(), local.map(Into::into), None, span);
        }
    }

    /// CommonJS: `module.exports = ..`, `module.exports.x = ..`, `exports.x = ..`.
    fn visit_cjs_export(&mut self, n: Node<'t>) {
        let (Some(left), Some(right)) = (self.g.field(n, F::Left), self.g.field(n, F::Right))
        else {
            return;
        };
        let lt = self.text(left);
        let span = Self::span(n);
        let local_of = |a: &Self, v: Node<'_>| {
            let v = unwrap(self.g, v);
            match self.g.kind(v) {
                "identifier" => Some(a.text(v).to_string()),
                _ => self.g.field(v, F::Name).map(|x| a.text(x).to_string()),
            }
        };
        if lt == "module.exports" {
            let value = unwrap(self.g, right);
            if self.g.kind(value) == "object" {
                for prop in named_children(self.g, value) {
                    let (name, val) = match self.g.kind(prop) {
                        "shorthand_property_identifier" => (self.text(prop).to_string(), prop),
                        "pair" => {
                            match (self.g.field(prop, F::Key), self.g.field(prop, F::Value)) {
                                (Some(k), Some(v)) => (strip_quotes(self.text(k)).to_string(), v),
                                _ => continue,
                            }
                        }
                        "method_definition" => match self.g.field(prop, F::Name) {
                            Some(k) => (self.text(k).to_string(), prop),
                            None => continue,
                        },
                        _ => continue,
                    };
                    let local = if self.g.kind(prop) == "shorthand_property_identifier" {
                        Some(name.clone())
                    } else if self.g.kind(prop) == "pair" {
                        local_of(self, val)
                    } else {
                        None
                    };
                    self.exported_values.push(ExportedValue {
                        name: name.as_str().into(),
                        value: val,
                        evidence: Self::span(prop),
                    });
                    self.add_export(name.into(), local.map(Into::into), None, span);
                }
            } else {
                self.exported_values.push(ExportedValue {
                    name: "default".into(),
                    value: right,
                    evidence: Self::span(left),
                });
                let local = local_of(self, right);
                self.add_export("default".into(), local.map(Into::into), None, span);
            }
            return;
        }
        if self.g.kind(left) != "member_expression" {
            return;
        }
        let obj = self.g.field(left, F::Object).map(|o| self.text(o));
        if matches!(obj, Some("exports") | Some("module.exports")) {
            if let Some(prop) = self.g.field(left, F::Property) {
                let name = self.text(prop).to_string();
                self.exported_values.push(ExportedValue {
                    name: name.as_str().into(),
                    value: right,
                    evidence: Self::span(left),
                });
                let local = local_of(self, right);
                self.add_export(name.into(), local.map(Into::into), None, span);
            }
        }
    }

    // ---- pool settings -----------------------------------------------------------------

    fn visit_pool_pair(&mut self, n: Node<'t>) {
        let (Some(k), Some(v)) = (self.g.field(n, F::Key), self.g.field(n, F::Value)) else {
            return;
        };
        if self.g.kind(v) != "number" {
            return;
        }
        let key = strip_quotes(self.text(k));
        if self
            .clients
            .iter()
            .any(|c| c.pool_options.iter().any(|o| o.eq_ignore_ascii_case(key)))
        {
            self.pool_pairs.push(n);
        }
    }

    /// Pool options inside the arguments of a construction, however deeply nested
    /// (`new Sequelize(url, { pool: { max: 50 } })`), belong to that client; generic ones
    /// (`max`, `connectionLimit`) count only there.
    fn collect_pool_pairs(&mut self) {
        for pair in std::mem::take(&mut self.pool_pairs) {
            let (Some(k), Some(v)) = (self.g.field(pair, F::Key), self.g.field(pair, F::Value))
            else {
                continue;
            };
            let key = strip_quotes(self.text(k));
            let mut cur = self.parent(pair);
            let mut site = None;
            for _ in 0..syntax::MAX_UP {
                let Some(p) = cur else { break };
                match self.g.kind(p) {
                    "object" | "pair" | "parenthesized_expression" => cur = self.parent(p),
                    "arguments" => {
                        site = self.parent(p);
                        break;
                    }
                    _ => break,
                }
            }
            let lists = |c: &ClientSpec| c.pool_options.iter().any(|o| o.eq_ignore_ascii_case(key));
            let built = site
                .and_then(|s| self.client_built(s))
                .and_then(|i| self.clients.get(i).copied())
                .filter(|c| lists(c));
            // Options named for a pool (`maxPoolSize`) count anywhere: option objects are
            // often built apart from the construction.
            let c = match built {
                Some(c) => c,
                None if connlint_core::knowledge::option_names_pool(key) => {
                    match self.clients.iter().copied().find(|c| lists(c)) {
                        Some(c) => c,
                        None => continue,
                    }
                }
                None => continue,
            };
            if let Some(value) = parse_int(self.text(v)) {
                self.facts.pool_settings.push(PoolSetting {
                    option: key.into(),
                    client: Some(c.id.as_str().into()),
                    value,
                    span: Self::span(v),
                });
            }
        }
    }

    fn visit_pool_uri(&mut self, n: Node<'_>) {
        if self.g.kind(n) == "template_string" {
            // Only the template's own static parts: nested templates inside `${..}` are
            // visited on their own, so scanning the whole text would be quadratic in the
            // nesting depth and would record a setting once per enclosing template.
            let mut cursor = n.walk();
            let parts: Vec<(usize, usize)> = n
                .children(&mut cursor)
                .filter(|c| self.g.kind(*c) == "string_fragment")
                .map(|c| (c.start_byte(), c.end_byte()))
                .collect();
            let whole: String = parts
                .iter()
                .map(|&(start, end)| self.src.get(start..end).unwrap_or(""))
                .collect();
            let whole = whole.to_ascii_lowercase();
            for (start, end) in parts {
                let text = self.src.get(start..end).unwrap_or("");
                self.scan_pool_uri(text, start, &whole);
            }
            return;
        }
        let text = self.text(n);
        self.scan_pool_uri(text, n.start_byte(), &text.to_ascii_lowercase());
    }

    /// Records `maxPoolSize=N`-style settings in one piece of a string literal that starts
    /// at byte `base`; `whole` is the lowercased literal the piece belongs to, which must
    /// name a client's URI scheme.
    fn scan_pool_uri(&mut self, text: &str, base: usize, whole: &str) {
        let lower = text.to_ascii_lowercase();
        for c in &self.clients {
            if !c
                .uri_schemes
                .iter()
                .any(|s| whole.contains(&s.to_ascii_lowercase()))
            {
                continue;
            }
            for opt in &c.pool_options {
                let needle = format!("{}=", opt.to_ascii_lowercase());
                let mut from = 0;
                while let Some(at) = lower.get(from..).and_then(|s| s.find(&needle)) {
                    let key_start = from + at;
                    let val_start = key_start + needle.len();
                    // A key starts the query string or follows a separator.
                    let prev = lower.as_bytes().get(key_start.wrapping_sub(1)).copied();
                    let digits = lower
                        .get(val_start..)
                        .map(|s| s.bytes().take_while(u8::is_ascii_digit).count())
                        .unwrap_or(0);
                    if matches!(prev, Some(b'?') | Some(b'&') | Some(b';')) && digits > 0 {
                        if let Some(value) =
                            text.get(val_start..val_start + digits).and_then(parse_int)
                        {
                            self.facts.pool_settings.push(PoolSetting {
                                option: text.get(key_start..val_start - 1).unwrap_or(opt).into(),
                                client: Some(c.id.as_str().into()),
                                value,
                                span: Span::new(base + val_start, base + val_start + digits),
                            });
                        }
                    }
                    from = val_start;
                }
            }
            return;
        }
    }

    /// Whether `name` is declared in a function (a parameter, or a declaration anywhere
    /// inside it, nested functions included).
    pub fn is_local(&self, func: Option<FuncId>, name: &str) -> bool {
        let Some(f) = func.and_then(|f| self.fns.get(f as usize)) else {
            return false;
        };
        let (start, end) = (f.node.start_byte(), f.node.end_byte());
        let lo = self
            .binders
            .partition_point(|(t, s, _)| (*t, *s) < (name, start));
        self.binders
            .get(lo..)
            .unwrap_or(&[])
            .iter()
            .take_while(|(t, s, _)| *t == name && *s < end)
            .any(|(_, _, e)| *e <= end)
    }
}

pub fn strip_quotes(s: &str) -> &str {
    let s = s.trim();
    for q in ['\'', '"', '`'] {
        if let Some(inner) = s.strip_prefix(q).and_then(|x| x.strip_suffix(q)) {
            return inner;
        }
    }
    s
}

fn parse_int(s: &str) -> Option<u64> {
    let cleaned: String = s.chars().filter(|c| *c != '_').collect();
    if let Some(hex) = cleaned
        .strip_prefix("0x")
        .or_else(|| cleaned.strip_prefix("0X"))
    {
        return u64::from_str_radix(hex, 16).ok();
    }
    cleaned.parse::<u64>().ok()
}
