//! The call graph of the whole project and the questions rules ask of it: which functions run
//! once per request (reachable from a handler), and through which calls.
//!
//! Nodes are functions of any file. Edges are calls resolved to functions, plus containment: a
//! function nested in a per-request function (a callback, a closure) runs per request too.
//! Calls whose result is cached (`if (!client) client = await getClient()`) are not edges, and
//! functions that run once (`@lru_cache`, startup code, `OnceCell` initialisers) are never
//! entered.

use crate::resolve::{JsAliases, ModuleMemo, Modules, Target};
use crate::FileFacts;
use connlint_core::{Call, Callee, Facts, Fate, FuncId, Handler, Location, Span};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use rayon::prelude::*;
use std::collections::hash_map::Entry;
use std::collections::VecDeque;

/// A function of the project: (file index, function id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Node {
    pub file: u32,
    pub func: FuncId,
}

/// How a node was first reached.
#[derive(Debug, Clone, Copy)]
enum Via {
    /// A handler itself.
    Root,
    /// Nested in `parent`.
    Nested(Node),
    /// Called by `caller` at `call` (an index into the caller file's `calls`).
    Call { caller: Node, call: usize },
}

#[derive(Debug, Default)]
pub struct Graph {
    /// Resolved call edges (call index, callee), grouped by caller.
    edges: Grouped<(usize, Node)>,
    /// Children (nested functions), grouped by parent.
    children: Grouped<Node>,
    /// Functions that run per request, with how they were reached.
    per_request: HashMap<Node, Via>,
    /// Incoming call edges into per-request functions, for related locations.
    callers: HashMap<Node, Vec<(Node, usize)>>,
    /// Handlers and the file their evidence is in (a handler registered by name in another
    /// file has its evidence there).
    roots: HashMap<Node, (u32, Handler)>,
}

/// What one file adds to the graph: nested functions under their parents, resolved calls.
#[derive(Default)]
struct FileEdges {
    children: Vec<(Node, Node)>,
    edges: Vec<(Node, (usize, Node))>,
}

/// The chain from a handler down to a function, for explanations.
#[derive(Debug, Clone)]
pub struct Chain {
    /// The handler at the top.
    pub handler: Node,
    /// Call sites from the handler down, outermost first.
    pub calls: Vec<Location>,
}

impl Graph {
    pub fn build(files: &[FileFacts], aliases: &[JsAliases]) -> Graph {
        Graph::build_with(files, aliases, None)
    }

    /// [`Graph::build`], resolving imports with a memo kept from earlier builds over the same
    /// files (see [`ModuleMemo`]).
    pub fn build_with(
        files: &[FileFacts],
        aliases: &[JsAliases],
        memo: Option<&ModuleMemo>,
    ) -> Graph {
        let mut g = Graph::default();
        let resolver = Resolver::new(files, aliases, memo);
        // The calls of the files resolve in parallel (module resolution is most of the rules'
        // time), and are put together in file order, as one loop over the files would.
        let per_file: Vec<FileEdges> = files
            .par_iter()
            .enumerate()
            .map(|(fi, file)| {
                let fi = fi as u32;
                let mut out = FileEdges::default();
                for (id, f) in file.facts.functions.iter().enumerate() {
                    if let Some(parent) = f.parent {
                        let parent = Node {
                            file: fi,
                            func: parent,
                        };
                        let child = Node {
                            file: fi,
                            func: id as FuncId,
                        };
                        out.children.push((parent, child));
                    }
                }
                for (ci, call) in file.facts.calls.iter().enumerate() {
                    let Some(caller) = call.caller else { continue };
                    if call.fate == Fate::Cached {
                        continue;
                    }
                    let caller = Node {
                        file: fi,
                        func: caller,
                    };
                    for target in resolver.resolve(fi, Some(caller.func), &call.callee) {
                        out.edges.push((caller, (ci, target)));
                    }
                }
                out
            })
            .collect();
        let mut children = Vec::new();
        let mut edges = Vec::new();
        for f in per_file {
            children.extend(f.children);
            edges.extend(f.edges);
        }
        for (fi, file) in files.iter().enumerate() {
            let fi = fi as u32;
            for (id, f) in file.facts.functions.iter().enumerate() {
                if let Some(h) = &f.handler {
                    g.roots.insert(
                        Node {
                            file: fi,
                            func: id as FuncId,
                        },
                        (fi, Handler::clone(h)),
                    );
                }
            }
        }
        // Registrations by name (`router.get('/users', users.list)`) come second: where the
        // function is also classified in its own file only by its parameter shape, the
        // registration is the better evidence to show.
        for (fi, file) in files.iter().enumerate() {
            let fi = fi as u32;
            for r in &file.facts.handler_refs {
                for target in resolver.resolve(fi, None, &r.callee) {
                    match g.roots.entry(target) {
                        Entry::Vacant(e) => {
                            e.insert((fi, r.handler.clone()));
                        }
                        Entry::Occupied(mut e) => {
                            if e.get().0 == target.file && target.file != fi {
                                e.insert((fi, r.handler.clone()));
                            }
                        }
                    }
                }
            }
        }
        g.children = Grouped::new(children);
        g.edges = Grouped::new(edges);
        g.compute_per_request(files);
        g
    }

    /// The handler that roots `n` (a function that is a handler), with its evidence's file.
    pub fn handler(&self, n: Node) -> Option<(u32, &Handler)> {
        self.roots.get(&n).map(|(f, h)| (*f, h))
    }

    fn compute_per_request(&mut self, files: &[FileFacts]) {
        let mut queue = VecDeque::new();
        let mut roots: Vec<Node> = self.roots.keys().copied().collect();
        roots.sort();
        for n in roots {
            if !runs_once(files, n) {
                self.per_request.insert(n, Via::Root);
                queue.push_back(n);
            }
        }
        while let Some(n) = queue.pop_front() {
            for &child in self.children.get(n) {
                if !runs_once(files, child) && !self.per_request.contains_key(&child) {
                    self.per_request.insert(child, Via::Nested(n));
                    queue.push_back(child);
                }
            }
            for &(ci, target) in self.edges.get(n) {
                if runs_once(files, target) {
                    continue;
                }
                self.callers.entry(target).or_default().push((n, ci));
                if let Entry::Vacant(e) = self.per_request.entry(target) {
                    e.insert(Via::Call {
                        caller: n,
                        call: ci,
                    });
                    queue.push_back(target);
                }
            }
        }
    }

    /// Does this function run once per request/event/job?
    pub fn is_per_request(&self, n: Node) -> bool {
        self.per_request.contains_key(&n)
    }

    /// The handler that makes `n` run per request, and the calls leading from it to `n`.
    pub fn chain(&self, files: &[FileFacts], n: Node) -> Option<Chain> {
        let mut calls = Vec::new();
        let mut cur = n;
        // The predecessor map is a tree rooted at handlers: this terminates.
        for _ in 0..=self.per_request.len() {
            match self.per_request.get(&cur)? {
                Via::Root => {
                    calls.reverse();
                    return Some(Chain {
                        handler: cur,
                        calls,
                    });
                }
                Via::Nested(parent) => cur = *parent,
                Via::Call { caller, call } => {
                    if let Some(c) = call_at(files, *caller, *call) {
                        calls.push(location(files, caller.file, c.span));
                    }
                    cur = *caller;
                }
            }
        }
        None
    }

    /// Where handler-reachable code calls into `n`: its direct per-request call sites, and,
    /// when `n` is reached through other functions (a factory calling a factory, a service
    /// calling a repository), the call sites in handler code at the top of those paths.
    pub fn call_sites(&self, files: &[FileFacts], n: Node) -> Vec<Location> {
        let mut out: Vec<Location> = Vec::new();
        let mut seen: HashSet<Node> = HashSet::new();
        seen.insert(n);
        let mut queue = VecDeque::from([n]);
        // Bounded: every node is entered once.
        while let Some(cur) = queue.pop_front() {
            for &(caller, ci) in self.callers.get(&cur).map(Vec::as_slice).unwrap_or(&[]) {
                let in_handler = self.in_handler(caller);
                if cur == n || in_handler {
                    if let Some(c) = call_at(files, caller, ci) {
                        out.push(location(files, caller.file, c.span));
                    }
                }
                if !in_handler && seen.insert(caller) {
                    queue.push_back(caller);
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Is `n` a handler, or nested in one (a callback in its body)?
    fn in_handler(&self, n: Node) -> bool {
        let mut cur = n;
        for _ in 0..=self.per_request.len() {
            match self.per_request.get(&cur) {
                Some(Via::Root) => return true,
                Some(Via::Nested(parent)) => cur = *parent,
                _ => return false,
            }
        }
        false
    }

    /// Functions that may build a client each time they run: they construct one that is not
    /// cached, or contain or call (through resolved, uncached calls) a function that does.
    /// Functions that run once never count. The cross-file pass follows these: a file can only
    /// add a finding when it calls one of them, or registers one as a handler.
    pub fn client_builders(&self, files: &[FileFacts]) -> HashSet<Node> {
        // Who reaches `n`: its callers and the function it is nested in.
        let mut reached_from: HashMap<Node, Vec<Node>> = HashMap::new();
        for (caller, &(_, target)) in self.edges.pairs() {
            reached_from.entry(target).or_default().push(caller);
        }
        for (parent, &child) in self.children.pairs() {
            reached_from.entry(child).or_default().push(parent);
        }
        let mut hot: HashSet<Node> = HashSet::new();
        let mut queue: VecDeque<Node> = VecDeque::new();
        for (fi, file) in files.iter().enumerate() {
            for c in &file.facts.constructions {
                let Some(func) = c.function else { continue };
                let n = Node {
                    file: fi as u32,
                    func,
                };
                if c.fate != Fate::Cached && !runs_once(files, n) && hot.insert(n) {
                    queue.push_back(n);
                }
            }
        }
        // Every node is queued once.
        while let Some(n) = queue.pop_front() {
            for &from in reached_from.get(&n).map(Vec::as_slice).unwrap_or(&[]) {
                if !runs_once(files, from) && hot.insert(from) {
                    queue.push_back(from);
                }
            }
        }
        hot
    }

    /// Functions called from `n`, with the call index.
    pub fn callees(&self, n: Node) -> &[(usize, Node)] {
        self.edges.get(n)
    }

    /// Nested functions of `n`.
    pub fn children(&self, n: Node) -> &[Node] {
        self.children.get(n)
    }
}

/// Values grouped by node, in one sorted array instead of a map of small vectors: the call
/// graph of a big project has hundreds of thousands of functions, and a vector per node
/// costs an allocation each. Values keep the order they were added in.
#[derive(Debug)]
struct Grouped<T> {
    /// Sorted; `keys[i]` is the node of `values[i]`.
    keys: Vec<Node>,
    values: Vec<T>,
}

impl<T> Default for Grouped<T> {
    fn default() -> Self {
        Grouped {
            keys: Vec::new(),
            values: Vec::new(),
        }
    }
}

impl<T> Grouped<T> {
    fn new(mut pairs: Vec<(Node, T)>) -> Self {
        // Stable: the values of a node stay in the order they were added.
        pairs.sort_by_key(|(n, _)| *n);
        let (keys, values) = pairs.into_iter().unzip();
        Grouped { keys, values }
    }

    fn get(&self, n: Node) -> &[T] {
        let start = self.keys.partition_point(|k| *k < n);
        let end = start + self.keys[start..].partition_point(|k| *k == n);
        self.values.get(start..end).unwrap_or(&[])
    }

    fn pairs(&self) -> impl Iterator<Item = (Node, &T)> {
        self.keys.iter().copied().zip(&self.values)
    }
}

/// Does `n` run once per process (or is it unknown)? Such functions are never entered.
fn runs_once(files: &[FileFacts], n: Node) -> bool {
    files
        .get(n.file as usize)
        .and_then(|f| f.facts.function(n.func))
        .is_none_or(|f| f.runs_once.is_some())
}

fn call_at(files: &[FileFacts], caller: Node, ci: usize) -> Option<&Call> {
    files.get(caller.file as usize)?.facts.calls.get(ci)
}

pub(crate) fn location(files: &[FileFacts], file: u32, span: Span) -> Location {
    Location {
        path: files
            .get(file as usize)
            .map(|f| f.path.clone())
            .unwrap_or_default(),
        span,
    }
}

/// Drops the calls of a file that no build of the [`Graph`] can use, right after a frontend
/// lowered it: calls at module scope and calls whose result is cached (never edges), and calls
/// that cannot resolve to a function of any file. Facts are kept for the whole run and most
/// calls go to libraries (`vec.push(x)`, `JSON.parse(s)`, `len(xs)`), so this is most of their
/// memory on a big project.
///
/// What is kept is a superset of what [`Resolver`] can resolve, judged from this file alone:
/// a call resolves only through a function, class or method this file defines, or through a
/// name it imports; Rust paths (`db::connect()`) are always kept. The indices of the calls kept
/// change; nothing holds them before the graph is built.
pub fn prune_calls(facts: &mut Facts) {
    let Facts {
        functions,
        imports,
        calls,
        ..
    } = facts;
    if calls.is_empty() {
        return;
    }
    let mut names: HashSet<&str> = HashSet::new();
    let mut classes: HashSet<&str> = HashSet::new();
    let mut methods: HashSet<&str> = HashSet::new();
    for f in functions.iter() {
        let name = f.name.as_deref();
        match f.class.as_deref() {
            Some(class) => {
                classes.insert(class);
                methods.extend(name);
            }
            None => names.extend(name),
        }
    }
    let imports: HashSet<&str> = imports.iter().map(|i| i.local.as_str()).collect();
    calls.retain(|call| {
        if call.caller.is_none() || call.fate == Fate::Cached {
            return false;
        }
        let name = call.callee.name.as_str();
        match call.callee.receiver.as_deref() {
            None => names.contains(name) || classes.contains(name) || imports.contains(name),
            Some("this" | "self" | "Self" | "cls") => methods.contains(name),
            Some(receiver) if receiver.contains("::") => true,
            Some(receiver) => classes.contains(receiver) || imports.contains(receiver),
        }
    });
}

/// Resolves callees to functions: same file first, then through imports.
struct Resolver<'a> {
    files: &'a [FileFacts],
    modules: Modules<'a>,
    /// Per file: plain functions by name.
    functions: Vec<Table<&'a str>>,
    /// Per file: methods by (class, name).
    methods: Vec<Table<(&'a str, &'a str)>>,
    /// Per file: constructors by class.
    constructors: Vec<Table<&'a str>>,
}

/// Functions of a file by a key, sorted by key (and by id for the same key): a lookup table
/// without an allocation per key.
struct Table<K>(Vec<(K, FuncId)>);

impl<K: Ord + Copy> Table<K> {
    fn new(mut entries: Vec<(K, FuncId)>) -> Self {
        entries.sort_unstable();
        entries.shrink_to_fit();
        Table(entries)
    }

    /// The ids under `key`, in id order.
    fn get(&self, key: K) -> Vec<FuncId> {
        let start = self.0.partition_point(|(k, _)| *k < key);
        self.0[start..]
            .iter()
            .take_while(|(k, _)| *k == key)
            .map(|(_, id)| *id)
            .collect()
    }
}

impl<'a> Resolver<'a> {
    fn new(files: &'a [FileFacts], aliases: &'a [JsAliases], memo: Option<&'a ModuleMemo>) -> Self {
        let mut r = Resolver {
            files,
            modules: match memo {
                Some(m) => Modules::with_memo(files, aliases, m),
                None => Modules::new(files, aliases),
            },
            functions: Vec::with_capacity(files.len()),
            methods: Vec::with_capacity(files.len()),
            constructors: Vec::with_capacity(files.len()),
        };
        for file in files {
            let mut functions = Vec::new();
            let mut methods = Vec::new();
            let mut constructors = Vec::new();
            for (id, f) in file.facts.functions.iter().enumerate() {
                let id = id as FuncId;
                let Some(name) = f.name.as_deref() else {
                    continue;
                };
                match (f.kind, f.class.as_deref()) {
                    (connlint_core::FunctionKind::Constructor, Some(class)) => {
                        constructors.push((class, id));
                        methods.push(((class, name), id));
                    }
                    (_, Some(class)) => methods.push(((class, name), id)),
                    (_, None) => functions.push((name, id)),
                }
            }
            r.functions.push(Table::new(functions));
            r.methods.push(Table::new(methods));
            r.constructors.push(Table::new(constructors));
        }
        r
    }

    /// The functions a callee in `file` (called from `caller`, if any) may run.
    fn resolve(&self, file: u32, caller: Option<FuncId>, callee: &Callee) -> Vec<Node> {
        let mut ids = self.same_file(file, caller, callee);
        ids.retain(|&id| Some(id) != caller);
        if !ids.is_empty() {
            return ids.into_iter().map(|func| Node { file, func }).collect();
        }
        self.cross_file(file, callee)
    }

    fn same_file(&self, file: u32, caller: Option<FuncId>, callee: &Callee) -> Vec<FuncId> {
        let fi = file as usize;
        let (Some(functions), Some(methods), Some(constructors), Some(facts)) = (
            self.functions.get(fi),
            self.methods.get(fi),
            self.constructors.get(fi),
            self.files.get(fi).map(|f| &f.facts),
        ) else {
            return Vec::new();
        };
        match callee.receiver.as_deref() {
            None if callee.instantiation => constructors.get(callee.name.as_str()),
            None => {
                let candidates = functions.get(callee.name.as_str());
                // Prefer a function visible from the caller: nested in one of its ancestors
                // or at the top level.
                let ancestors: Vec<FuncId> = caller
                    .map(|c| facts.ancestors(c).collect())
                    .unwrap_or_default();
                let visible: Vec<FuncId> = candidates
                    .iter()
                    .copied()
                    .filter(|&c| {
                        facts
                            .function(c)
                            .is_some_and(|f| f.parent.is_none_or(|p| ancestors.contains(&p)))
                    })
                    .collect();
                if visible.is_empty() {
                    candidates
                } else {
                    visible
                }
            }
            Some("this" | "self" | "Self" | "cls") => {
                let class = caller.and_then(|c| {
                    facts
                        .ancestors(c)
                        .find_map(|a| facts.function(a).and_then(|f| f.class.as_deref()))
                });
                match class {
                    Some(class) => methods.get((class, callee.name.as_str())),
                    None => Vec::new(),
                }
            }
            Some(receiver) => {
                let mut ids = methods.get((receiver, callee.name.as_str()));
                if ids.is_empty() && callee.instantiation {
                    ids = constructors.get(receiver);
                }
                ids
            }
        }
    }

    fn cross_file(&self, file: u32, callee: &Callee) -> Vec<Node> {
        let name = callee.name.as_str();
        match callee.receiver.as_deref() {
            Some("this" | "self" | "Self" | "cls") => Vec::new(),
            None => match self.modules.imported(file, name) {
                // `const connect = require('./db'); connect()`: the module's default export.
                Some(Target::Module(m)) => match self.modules.callable_module(m) {
                    Some(t) => self.run_target(t),
                    None => Vec::new(),
                },
                Some(t) => self.run_target(t),
                None => Vec::new(),
            },
            Some(receiver) => {
                // `db.connect()` with `db` a module, `Repo.create()` with `Repo` an imported
                // class, `db::connect()` in Rust.
                let target = match receiver.split_once("::") {
                    Some(_) => self.modules.rust_path(file, receiver),
                    None => self.modules.imported(file, receiver),
                };
                match target {
                    Some(Target::Module(m)) => match self.modules.export(m, name) {
                        Some(Target::Class(..))
                            if !callee.instantiation && !self.is_python(file) =>
                        {
                            Vec::new()
                        }
                        Some(Target::Module(_)) | None => Vec::new(),
                        Some(t) => self.run_target(t),
                    },
                    Some(Target::Class(f, member)) => {
                        let Some(class) = self.modules.class_name(f, member) else {
                            return Vec::new();
                        };
                        let mut ids = self.modules.method(f, class, name);
                        if ids.is_empty() && callee.instantiation {
                            ids = self.modules.constructors(f, class);
                        }
                        nodes(f, ids)
                    }
                    Some(Target::Function(..)) | None => Vec::new(),
                }
            }
        }
    }

    fn is_python(&self, file: u32) -> bool {
        self.files
            .get(file as usize)
            .is_some_and(|f| f.lang.family() == connlint_core::LangFamily::Python)
    }

    /// What calling a function or instantiating a class (or calling a Python class, which
    /// instantiates it) runs.
    fn run_target(&self, t: Target) -> Vec<Node> {
        match t {
            Target::Function(f, id) => vec![Node { file: f, func: id }],
            Target::Class(f, member) => match self.modules.class_name(f, member) {
                Some(class) => nodes(f, self.modules.constructors(f, class)),
                None => Vec::new(),
            },
            Target::Module(_) => Vec::new(),
        }
    }
}

fn nodes(file: u32, ids: Vec<FuncId>) -> Vec<Node> {
    ids.into_iter().map(|func| Node { file, func }).collect()
}
