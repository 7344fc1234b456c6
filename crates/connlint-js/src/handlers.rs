//! Pass 3: which functions are handlers (and which run once), from the knowledge packs.

use crate::analyzer::{strip_quotes, Analyzer};
use crate::glob;
use crate::grammar::F;
use crate::syntax::{is_function, named_children, unwrap};
use connlint_core::knowledge::{pattern_matches, HandlerSpec, TriggerSpec};
use connlint_core::Name;
use connlint_core::{Callee, FuncId, Handler, HandlerRef, LangFamily, RunsOnce, Span};
use foldhash::HashSet;
use tree_sitter::Node;

/// A handler value resolved: a function of this file or a name defined elsewhere.
enum Res {
    Func(FuncId),
    Ref(Callee),
}

/// Receiver names (lowercased, as substrings) that make `x.get(fn)` a route registration even
/// without a path argument.
const ROUTER_NAMES: &[&str] = &["app", "router", "route", "server", "api", "fastify", "hono"];

/// Registration methods that other APIs also have (`cache.get(key, cb)`, `set.delete(x)`).
const AMBIGUOUS_VERBS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "del", "all", "use", "head", "options",
];

/// Methods whose function arguments are plain callbacks, never wrapped handlers.
const NOT_WRAPPERS: &[&str] = &[
    "map", "filter", "forEach", "reduce", "some", "every", "find", "then", "catch", "finally",
    "flatMap", "sort",
];

impl<'s, 't> Analyzer<'s, 't> {
    fn spec_applies(&self, spec: &HandlerSpec) -> bool {
        let imports_ok = spec.imports.is_empty()
            || spec.imports.iter().any(|m| {
                self.import_sources.iter().any(|s| {
                    s == m
                        || s.strip_prefix(m.as_str())
                            .is_some_and(|r| r.starts_with('/'))
                })
            });
        let files_ok =
            spec.files.is_empty() || spec.files.iter().any(|g| glob::matches(g, self.path));
        imports_ok && files_ok
    }

    fn handler_specs(&self) -> Vec<&'s HandlerSpec> {
        self.kb
            .handlers_for(LangFamily::Js)
            .filter(|s| self.spec_applies(s))
            .collect()
    }

    /// The names the call patterns of `specs` and of the startup and cache packs end in
    /// ([`connlint_core::knowledge::pattern_ends`]); `None` when any call may match.
    fn call_ends(&self, specs: &[&'s HandlerSpec]) -> Option<HashSet<&'s str>> {
        let patterns = specs
            .iter()
            .flat_map(|s| &s.calls)
            .chain(self.kb.startups_for(LangFamily::Js).flat_map(|s| &s.calls))
            .chain(
                self.kb
                    .caches_for(LangFamily::Js)
                    .flat_map(|c| &c.init_methods),
            );
        connlint_core::knowledge::pattern_ends(patterns)
    }

    /// Functions of this file named `name` that a bare identifier can refer to.
    fn fn_named(&self, name: &str) -> Option<FuncId> {
        self.fn_of_name.get(name).copied()
    }

    fn method_of(&self, owner: &str, name: &str) -> Option<FuncId> {
        self.method_of_owner
            .get(&(Name::from(owner), Name::from(name)))
            .copied()
    }

    fn is_imported(&self, name: &str) -> bool {
        self.import_of.contains_key(name)
    }

    /// What a handler-position value refers to. `objects`: look into object literals too
    /// (`export const actions = { .. }`).
    fn resolve(&self, v: Node<'_>, depth: u32, objects: bool, out: &mut Vec<Res>) {
        if depth > 4 {
            return;
        }
        let v = unwrap(self.g, v);
        if is_function(self.g.kind(v)) {
            if let Some(id) = self.fn_by_node.get(&v.id()) {
                out.push(Res::Func(*id));
            }
            return;
        }
        match self.g.kind(v) {
            "identifier" | "shorthand_property_identifier" => {
                let name = self.text(v);
                if let Some(id) = self.fn_named(name) {
                    out.push(Res::Func(id));
                } else if self.is_imported(name) {
                    out.push(Res::Ref(Callee {
                        receiver: None,
                        name: name.into(),
                        instantiation: false,
                    }));
                }
            }
            "member_expression" => {
                let (Some(obj), Some(prop)) =
                    (self.g.field(v, F::Object), self.g.field(v, F::Property))
                else {
                    return;
                };
                let prop = self.text(prop);
                let obj_text = self.text(obj);
                if self.g.kind(obj) == "this" {
                    let cls = self
                        .enclosing_fn(v)
                        .and_then(|f| self.fn_by_node.get(&f.id()))
                        .and_then(|id| self.facts.functions.get(*id as usize))
                        .and_then(|f| f.class.clone());
                    if let Some(id) = cls.and_then(|c| self.method_of(&c, prop)) {
                        out.push(Res::Func(id));
                    }
                } else if let Some(id) = self.method_of(obj_text, prop).or_else(|| {
                    let class = self.instance_of.get(obj_text)?;
                    self.method_of(class, prop)
                }) {
                    out.push(Res::Func(id));
                } else if matches!(self.g.kind(obj), "identifier" | "member_expression") {
                    out.push(Res::Ref(Callee {
                        receiver: Some(obj_text.into()),
                        name: prop.into(),
                        instantiation: false,
                    }));
                }
            }
            "call_expression" => {
                let Some(f) = self.g.field(v, F::Function) else {
                    return;
                };
                let f = unwrap(self.g, f);
                if self.g.kind(f) == "member_expression" {
                    let method = self
                        .g
                        .field(f, F::Property)
                        .map(|p| self.text(p))
                        .unwrap_or("");
                    if method == "bind" {
                        if let Some(o) = self.g.field(f, F::Object) {
                            self.resolve(o, depth + 1, false, out);
                        }
                        return;
                    }
                    if NOT_WRAPPERS.contains(&method) {
                        return;
                    }
                } else if self.g.kind(f) != "identifier" {
                    return;
                }
                // A wrapper such as `asyncHandler(fn)`: its function arguments are the handler.
                if let Some(args) = self.g.field(v, F::Arguments) {
                    for a in named_children(self.g, args) {
                        let a = unwrap(self.g, a);
                        if is_function(self.g.kind(a))
                            || matches!(self.g.kind(a), "identifier" | "call_expression")
                        {
                            self.resolve(a, depth + 1, false, out);
                        }
                    }
                }
            }
            "array" => {
                for e in named_children(self.g, v) {
                    self.resolve(e, depth + 1, false, out);
                }
            }
            "object" if objects => {
                for prop in named_children(self.g, v) {
                    match self.g.kind(prop) {
                        "pair" => {
                            if let Some(val) = self.g.field(prop, F::Value) {
                                self.resolve(val, depth + 1, false, out);
                            }
                        }
                        "method_definition" => self.resolve(prop, depth + 1, false, out),
                        "shorthand_property_identifier" => {
                            if let Some(id) = self.fn_named(self.text(prop)) {
                                out.push(Res::Func(id));
                            }
                        }
                        _ => {}
                    }
                }
            }
            // `export default function handler` / `export function GET`: the declaration.
            _ if is_function(self.g.kind(v)) => {}
            _ => {}
        }
    }

    fn mark(&mut self, res: Vec<Res>, spec: &HandlerSpec, evidence: Span) {
        for r in res {
            let handler = Handler {
                framework: spec.framework.clone(),
                trigger: spec.trigger.into(),
                evidence,
            };
            match r {
                Res::Func(id) => {
                    if let Some(f) = self.facts.functions.get_mut(id as usize) {
                        if f.handler.is_none() {
                            f.handler = Some(Box::new(handler));
                        }
                    }
                }
                Res::Ref(callee) => {
                    let key = (
                        callee.receiver.clone(),
                        callee.name.clone(),
                        callee.instantiation,
                        evidence,
                    );
                    if self.handler_ref_keys.insert(key) {
                        self.facts.handler_refs.push(HandlerRef { callee, handler });
                    }
                }
            }
        }
    }

    fn mark_once(&mut self, res: Vec<Res>, reason: &str, evidence: Span) {
        for r in res {
            if let Res::Func(id) = r {
                if let Some(f) = self.facts.functions.get_mut(id as usize) {
                    if f.runs_once.is_none() {
                        f.runs_once = Some(Box::new(RunsOnce {
                            reason: reason.to_string(),
                            evidence,
                        }));
                    }
                }
            }
        }
    }

    /// The handler-position values of a registration call.
    fn registered_values(&self, site: Node<'t>, arg_keys: &[String]) -> Vec<Node<'t>> {
        let Some(args) = self.g.field(site, F::Arguments) else {
            return Vec::new();
        };
        let args = named_children(self.g, args);
        if arg_keys.is_empty() {
            return args;
        }
        let mut out = Vec::new();
        for a in args {
            let a = unwrap(self.g, a);
            if self.g.kind(a) != "object" {
                continue;
            }
            for prop in named_children(self.g, a) {
                let key = match self.g.kind(prop) {
                    "pair" => self.g.field(prop, F::Key),
                    "method_definition" => self.g.field(prop, F::Name),
                    "shorthand_property_identifier" => Some(prop),
                    _ => None,
                };
                let Some(key) = key else { continue };
                if !arg_keys.iter().any(|k| k == strip_quotes(self.text(key))) {
                    continue;
                }
                match self.g.kind(prop) {
                    "pair" => out.extend(self.g.field(prop, F::Value)),
                    _ => out.push(prop),
                }
            }
        }
        out
    }

    /// A `*.get(..)`-style registration with a wildcard receiver must look like a route: a
    /// path-like argument (`'/users'`, `'*'`, a regex, an array of paths), or a receiver named
    /// like an app, router or server. `cache.get(key, cb)` (redis v3, node-cache) is neither.
    fn route_shaped(
        &self,
        site: Node<'_>,
        pattern: &str,
        path: &[&str],
        spec: &HandlerSpec,
    ) -> bool {
        let method = path.last().copied().unwrap_or("");
        if !pattern.starts_with("*.")
            || !AMBIGUOUS_VERBS.contains(&method)
            || !spec.arg_keys.is_empty()
            || spec.trigger != TriggerSpec::Request
        {
            return true;
        }
        let receiver = path
            .len()
            .checked_sub(2)
            .and_then(|i| path.get(i))
            .map(|r| r.to_ascii_lowercase())
            .unwrap_or_default();
        if ROUTER_NAMES.iter().any(|n| receiver.contains(n)) {
            return true;
        }
        let Some(args) = self.g.field(site, F::Arguments) else {
            return false;
        };
        named_children(self.g, args).into_iter().any(|a| {
            let a = unwrap(self.g, a);
            let path_like = |n: Node<'_>| match self.g.kind(n) {
                "string" | "template_string" => {
                    let t = strip_quotes(self.text(n));
                    t.starts_with('/') || t == "*"
                }
                "regex" => true,
                _ => false,
            };
            path_like(a)
                || (self.g.kind(a) == "array"
                    && named_children(self.g, a).into_iter().any(path_like))
        })
    }

    pub fn classify_handlers(&mut self) {
        let specs = self.handler_specs();
        // Exported flags first: directives and export conventions use them.
        let exported: Vec<(Name, Node<'t>, Span)> = self
            .exported_values
            .iter()
            .map(|e| (e.name.clone(), e.value, e.evidence))
            .collect();
        for (_, value, _) in &exported {
            let mut res = Vec::new();
            self.resolve(*value, 0, true, &mut res);
            for r in res {
                if let Res::Func(id) = r {
                    if let Some(f) = self.facts.functions.get_mut(id as usize) {
                        f.exported = true;
                    }
                }
            }
        }

        // Registration calls, and calls whose function arguments run once. A call whose last
        // name no pattern can end in is none of them (most calls of a file).
        let ends = self.call_ends(&specs);
        let sites: Vec<Node<'t>> = self.sites.iter().map(|s| s.node).collect();
        for site in &sites {
            let callee = match self.g.kind(*site) {
                "new_expression" => self.g.field(*site, F::Constructor),
                _ => self.g.field(*site, F::Function),
            };
            let Some(callee) = callee else { continue };
            if let Some(ends) = &ends {
                if !ends.contains(self.last_of_path(callee).unwrap_or("")) {
                    continue;
                }
            }
            let path = self.path_of(callee);
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            let evidence = Self::span(callee);
            for spec in &specs {
                let hit = spec.calls.iter().find(|p| pattern_matches(p, &path));
                if let Some(pattern) = hit {
                    if !self.route_shaped(*site, pattern, &path, spec) {
                        continue;
                    }
                    let mut res = Vec::new();
                    for v in self.registered_values(*site, &spec.arg_keys) {
                        self.resolve(v, 0, false, &mut res);
                    }
                    if !res.is_empty() {
                        self.mark(res, spec, evidence);
                        break;
                    }
                }
            }
            let once_reason = self
                .kb
                .startups_for(LangFamily::Js)
                .find(|s| s.calls.iter().any(|p| pattern_matches(p, &path)))
                .map(|s| s.reason.clone())
                .or_else(|| {
                    self.kb
                        .caches_for(LangFamily::Js)
                        .any(|c| c.init_methods.iter().any(|p| pattern_matches(p, &path)))
                        .then(|| format!("memoised by `{}`", path.join(".")))
                });
            if let Some(reason) = once_reason {
                let mut res = Vec::new();
                for v in self.registered_values(*site, &[]) {
                    let v = unwrap(self.g, v);
                    if is_function(self.g.kind(v)) || self.g.kind(v) == "identifier" {
                        self.resolve(v, 0, false, &mut res);
                    }
                }
                self.mark_once(res, &reason, evidence);
            }
        }

        // Decorators (NestJS).
        for spec in specs.iter().filter(|s| !s.decorators.is_empty()) {
            let mut hits = Vec::new();
            for (id, info) in self.fns.iter().enumerate() {
                let class_ok = spec.class_decorators.is_empty()
                    || info.class_decorators.iter().any(|d| {
                        let d: Vec<&str> = d.iter().map(String::as_str).collect();
                        spec.class_decorators.iter().any(|p| pattern_matches(p, &d))
                    });
                if !class_ok {
                    continue;
                }
                for (path, span) in &info.decorators {
                    let path: Vec<&str> = path.iter().map(String::as_str).collect();
                    if spec.decorators.iter().any(|p| pattern_matches(p, &path)) {
                        hits.push((id, *span));
                        break;
                    }
                }
            }
            for (id, span) in hits {
                if let Ok(id) = FuncId::try_from(id) {
                    self.mark(vec![Res::Func(id)], spec, span);
                }
            }
        }

        // Exported names under file conventions (Next.js, SvelteKit, Remix, Lambda).
        for spec in specs.iter().filter(|s| !s.exports.is_empty()) {
            for (name, value, evidence) in &exported {
                if spec.exports.iter().any(|e| e == name) {
                    let mut res = Vec::new();
                    self.resolve(*value, 0, true, &mut res);
                    self.mark(res, spec, *evidence);
                }
            }
        }

        // Names, directives, startup names.
        for id in 0..self.facts.functions.len() {
            let Ok(fid) = FuncId::try_from(id) else { break };
            let (name, head, parent, exported) = match self.facts.functions.get(id) {
                Some(f) => (f.name.clone(), f.head, f.parent, f.exported),
                None => continue,
            };
            if let Some(name) = &name {
                for spec in specs.iter().filter(|s| !s.names.is_empty()) {
                    if spec.names.iter().any(|n| n == name) {
                        self.mark(vec![Res::Func(fid)], spec, head);
                    }
                }
                let once = self
                    .kb
                    .startups_for(LangFamily::Js)
                    .find(|s| s.names.iter().any(|n| n == name))
                    .map(|s| s.reason.clone());
                if let Some(reason) = once {
                    self.mark_once(vec![Res::Func(fid)], &reason, head);
                }
            }
            let body = self
                .fns
                .get(id)
                .and_then(|i| self.g.field(i.node, F::Body))
                .filter(|b| self.g.kind(*b) == "statement_block");
            let own = body.map(|b| self.directives_of(b)).unwrap_or_default();
            for spec in specs.iter().filter(|s| !s.directives.is_empty()) {
                let own_hit = own.iter().find(|(d, _)| spec.directives.contains(d));
                let file_hit = (parent.is_none() && exported)
                    .then(|| {
                        self.file_directives
                            .iter()
                            .find(|(d, _)| spec.directives.contains(d))
                    })
                    .flatten();
                if let Some((_, span)) = own_hit.or(file_hit) {
                    let span = *span;
                    self.mark(vec![Res::Func(fid)], spec, span);
                }
            }
        }

        // Request-shaped parameters, last: the weakest evidence.
        for spec in specs.iter().filter(|s| !s.params.is_empty()) {
            let mut hits = Vec::new();
            for (id, info) in self.fns.iter().enumerate() {
                let (names, span) = self.param_names(info.node);
                if spec.params.iter().any(|shape| {
                    shape.len() <= names.len()
                        && shape
                            .iter()
                            .zip(&names)
                            .all(|(s, n)| n.as_deref() == Some(s.as_str()))
                }) {
                    hits.push((id, span));
                }
            }
            for (id, span) in hits {
                if let Ok(id) = FuncId::try_from(id) {
                    self.mark(vec![Res::Func(id)], spec, span);
                }
            }
        }
    }

    /// Parameter names of a function (None for patterns), and the span of the list.
    fn param_names(&self, f: Node<'_>) -> (Vec<Option<Name>>, Span) {
        if let Some(p) = self.g.field(f, F::Parameter) {
            return (vec![Some(self.text(p).into())], Self::span(p));
        }
        let Some(params) = self.g.field(f, F::Parameters) else {
            return (Vec::new(), Self::span(f));
        };
        let names = named_children(self.g, params)
            .into_iter()
            .map(|p| {
                let p = match self.g.kind(p) {
                    "required_parameter" | "optional_parameter" => {
                        self.g.field(p, F::Pattern).or(self.g.field(p, F::Name))?
                    }
                    "assignment_pattern" => self.g.field(p, F::Left)?,
                    _ => p,
                };
                (self.g.kind(p) == "identifier").then(|| self.text(p).into())
            })
            .collect();
        (names, Self::span(params))
    }
}
