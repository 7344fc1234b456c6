//! The call graph of the whole project and the questions rules ask of it: which functions run
//! once per request (reachable from a handler), and through which calls.
//!
//! Nodes are functions of any file. Edges are calls resolved to functions, plus containment: a
//! function nested in a per-request function (a callback, a closure) runs per request too.
//! Calls whose result is cached (`if (!client) client = await getClient()`) are not edges, and
//! functions that run once (`@lru_cache`, startup code, `OnceCell` initialisers) are never
//! entered.

use crate::FileFacts;
use connlint_core::{Call, FuncId, Location, Span};
use std::collections::hash_map::Entry;
use std::collections::{HashMap, VecDeque};

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
    /// Resolved call edges, by caller.
    edges: HashMap<Node, Vec<(usize, Node)>>,
    /// Children (nested functions), by parent.
    children: HashMap<Node, Vec<Node>>,
    /// Functions that run per request, with how they were reached.
    per_request: HashMap<Node, Via>,
    /// Incoming call edges into per-request functions, for related locations.
    callers: HashMap<Node, Vec<(Node, usize)>>,
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
    pub fn build(files: &[FileFacts]) -> Graph {
        let mut g = Graph::default();
        let resolver = Resolver::new(files);
        for (fi, file) in files.iter().enumerate() {
            let fi = fi as u32;
            for (id, f) in file.facts.functions.iter().enumerate() {
                if let Some(parent) = f.parent {
                    g.children
                        .entry(Node {
                            file: fi,
                            func: parent,
                        })
                        .or_default()
                        .push(Node {
                            file: fi,
                            func: id as FuncId,
                        });
                }
            }
            for (ci, call) in file.facts.calls.iter().enumerate() {
                let Some(caller) = call.caller else { continue };
                if call.fate == connlint_core::Fate::Cached {
                    continue;
                }
                let caller = Node {
                    file: fi,
                    func: caller,
                };
                for target in resolver.resolve(fi, caller.func, call) {
                    g.edges.entry(caller).or_default().push((ci, target));
                }
            }
        }
        g.compute_per_request(files);
        g
    }

    fn compute_per_request(&mut self, files: &[FileFacts]) {
        let mut queue = VecDeque::new();
        for (fi, file) in files.iter().enumerate() {
            for (id, f) in file.facts.functions.iter().enumerate() {
                if f.handler.is_some() && f.runs_once.is_none() {
                    let n = Node {
                        file: fi as u32,
                        func: id as FuncId,
                    };
                    self.per_request.insert(n, Via::Root);
                    queue.push_back(n);
                }
            }
        }
        let runs_once = |n: Node| {
            files
                .get(n.file as usize)
                .and_then(|f| f.facts.function(n.func))
                .is_none_or(|f| f.runs_once.is_some())
        };
        while let Some(n) = queue.pop_front() {
            for &child in self.children.get(&n).map(Vec::as_slice).unwrap_or(&[]) {
                if !runs_once(child) && !self.per_request.contains_key(&child) {
                    self.per_request.insert(child, Via::Nested(n));
                    queue.push_back(child);
                }
            }
            let edges = self.edges.get(&n).cloned().unwrap_or_default();
            for (ci, target) in edges {
                if runs_once(target) {
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

    /// Direct per-request call sites of `n` (where handler-reachable code calls it).
    pub fn call_sites(&self, files: &[FileFacts], n: Node) -> Vec<Location> {
        let mut out: Vec<Location> = self
            .callers
            .get(&n)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .filter_map(|(caller, ci)| {
                call_at(files, *caller, *ci).map(|c| location(files, caller.file, c.span))
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Functions called from `n`, with the call index.
    pub fn callees(&self, n: Node) -> &[(usize, Node)] {
        self.edges.get(&n).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Nested functions of `n`.
    pub fn children(&self, n: Node) -> &[Node] {
        self.children.get(&n).map(Vec::as_slice).unwrap_or(&[])
    }
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

/// Resolves callees to functions.
struct Resolver<'a> {
    files: &'a [FileFacts],
    /// Per file: plain functions by name.
    functions: Vec<HashMap<&'a str, Vec<FuncId>>>,
    /// Per file: methods by (class, name).
    methods: Vec<HashMap<(&'a str, &'a str), Vec<FuncId>>>,
    /// Per file: constructors by class.
    constructors: Vec<HashMap<&'a str, Vec<FuncId>>>,
}

impl<'a> Resolver<'a> {
    fn new(files: &'a [FileFacts]) -> Self {
        let mut r = Resolver {
            files,
            functions: Vec::with_capacity(files.len()),
            methods: Vec::with_capacity(files.len()),
            constructors: Vec::with_capacity(files.len()),
        };
        for file in files {
            let mut functions: HashMap<&str, Vec<FuncId>> = HashMap::new();
            let mut methods: HashMap<(&str, &str), Vec<FuncId>> = HashMap::new();
            let mut constructors: HashMap<&str, Vec<FuncId>> = HashMap::new();
            for (id, f) in file.facts.functions.iter().enumerate() {
                let id = id as FuncId;
                let Some(name) = f.name.as_deref() else {
                    continue;
                };
                match (f.kind, f.class.as_deref()) {
                    (connlint_core::FunctionKind::Constructor, Some(class)) => {
                        constructors.entry(class).or_default().push(id);
                        methods.entry((class, name)).or_default().push(id);
                    }
                    (_, Some(class)) => methods.entry((class, name)).or_default().push(id),
                    (_, None) => functions.entry(name).or_default().push(id),
                }
            }
            r.functions.push(functions);
            r.methods.push(methods);
            r.constructors.push(constructors);
        }
        r
    }

    fn resolve(&self, file: u32, caller: FuncId, call: &Call) -> Vec<Node> {
        let fi = file as usize;
        let (Some(functions), Some(methods), Some(constructors), Some(facts)) = (
            self.functions.get(fi),
            self.methods.get(fi),
            self.constructors.get(fi),
            self.files.get(fi).map(|f| &f.facts),
        ) else {
            return Vec::new();
        };
        let callee = &call.callee;
        let node = |func| Node { file, func };
        let ids: Vec<FuncId> = match callee.receiver.as_deref() {
            None if callee.instantiation => constructors
                .get(callee.name.as_str())
                .cloned()
                .unwrap_or_default(),
            None => {
                let candidates = functions
                    .get(callee.name.as_str())
                    .cloned()
                    .unwrap_or_default();
                // Prefer a function visible from the caller: nested in one of its ancestors
                // or at the top level.
                let ancestors: Vec<FuncId> = facts.ancestors(caller).collect();
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
                let class = facts
                    .ancestors(caller)
                    .find_map(|a| facts.function(a).and_then(|f| f.class.as_deref()));
                match class {
                    Some(class) => methods
                        .get(&(class, callee.name.as_str()))
                        .cloned()
                        .unwrap_or_default(),
                    None => Vec::new(),
                }
            }
            Some(receiver) => {
                let mut ids = methods
                    .get(&(receiver, callee.name.as_str()))
                    .cloned()
                    .unwrap_or_default();
                if ids.is_empty() && callee.instantiation {
                    ids = constructors.get(receiver).cloned().unwrap_or_default();
                }
                ids
            }
        };
        ids.into_iter()
            .filter(|&id| id != caller)
            .map(node)
            .collect()
    }
}
