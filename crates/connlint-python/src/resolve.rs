//! After the walk: decisions that need the whole file. Handler classification (decorators,
//! registration calls, bases, parameter shapes), `runs_once`, fates followed through local
//! bindings, shutdown-hook closes, risky calls, and which calls reach the file's own code.

use crate::syntax::glob_matches;
use crate::walk::{as_strs, ArgVal, Deco, Role, Target, Walk};
use connlint_core::facts::*;
use connlint_core::knowledge::{name_matches, pattern_matches, HandlerSpec};
use connlint_core::{LangFamily, Span};
use std::collections::{HashMap, HashSet};

/// Object names whose attributes are framework application state (Flask `g` is per request).
const APP_STATE: &[&str] = &[
    "g",
    "app",
    "state",
    "config",
    "extensions",
    "current_app",
    "registry",
    "locals",
];

/// How many inherited classes we follow.
const MAX_BASES: usize = 256;

/// Functions of the file a registration names (with the call as evidence), and names it does
/// not define.
type Registered = (Vec<(FuncId, Span)>, Vec<(Callee, Span)>);

fn rank(f: Fate) -> u8 {
    match f {
        Fate::Local => 0,
        Fate::PassedOn => 1,
        Fate::Returned => 2,
        Fate::ContextManaged => 3,
        Fate::Stored(_) => 4,
        Fate::Cached => 5,
    }
}

impl Walk<'_> {
    pub fn resolve(&mut self, path: &str) {
        self.classify_handlers(path);
        self.classify_runs_once();
        self.resolve_fates();
        self.resolve_closes();
        self.resolve_calls();
    }

    fn decos_match(&self, decos: &[Deco], patterns: &[String], args: &[String]) -> Option<Span> {
        decos
            .iter()
            .find(|d| {
                patterns
                    .iter()
                    .any(|p| pattern_matches(p, &as_strs(&d.path)))
                    && (args.is_empty() || d.first_str.as_ref().is_some_and(|s| args.contains(s)))
            })
            .map(|d| d.span)
    }

    /// Whether class `c` derives (in this file, transitively) from a base matching `patterns`;
    /// gives the span of the base in `c`'s own list.
    fn inherits(&self, c: usize, patterns: &[String]) -> Option<Span> {
        let class = self.classes.get(c)?;
        for (base, sp) in &class.bases {
            let mut seen: HashSet<String> = HashSet::new();
            let mut work = vec![base.clone()];
            while let Some(b) = work.pop() {
                if seen.len() > MAX_BASES || !seen.insert(b.clone()) {
                    continue;
                }
                let last = b.rsplit('.').next().unwrap_or(&b);
                let hit = patterns.iter().any(|p| {
                    if p.contains('.') {
                        *p == b
                    } else {
                        name_matches(p, last)
                    }
                });
                if hit {
                    return Some(*sp);
                }
                for other in self.classes.iter().filter(|k| k.name == last) {
                    work.extend(other.bases.iter().map(|(n, _)| n.clone()));
                }
            }
        }
        None
    }

    /// The function a name refers to from `scope`: a sibling defined in the same function,
    /// else a module-level one, else any non-method of that name.
    fn find_function(&self, name: &str, scope: Option<FuncId>) -> Option<FuncId> {
        let cands: Vec<(usize, &Function)> = self
            .facts
            .functions
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                f.name.as_deref() == Some(name)
                    && !matches!(f.kind, FunctionKind::Method | FunctionKind::Constructor)
            })
            .collect();
        cands
            .iter()
            .find(|(_, f)| f.parent == scope)
            .or_else(|| cands.iter().find(|(_, f)| f.parent.is_none()))
            .or_else(|| cands.first())
            .map(|(i, _)| *i as FuncId)
    }

    fn imports_ok(&self, modules: &[String]) -> bool {
        modules.is_empty() || modules.iter().any(|m| self.imports_module(m))
    }

    /// Functions registered by calls matching `patterns`: (function, evidence) and names
    /// defined elsewhere.
    fn registered(
        &self,
        patterns: &[String],
        arg_keys: &[String],
        args_filter: &[String],
    ) -> Registered {
        let mut found = Vec::new();
        let mut refs = Vec::new();
        for reg in &self.regs {
            if !patterns
                .iter()
                .any(|p| pattern_matches(p, &as_strs(&reg.path)))
            {
                continue;
            }
            if !args_filter.is_empty()
                && !reg
                    .first_str
                    .as_ref()
                    .is_some_and(|s| args_filter.contains(s))
            {
                continue;
            }
            for (key, val, _) in &reg.args {
                if let Some(k) = key {
                    if !arg_keys.is_empty() && !arg_keys.contains(k) {
                        continue;
                    }
                }
                match val {
                    ArgVal::Lambda(start) => {
                        if let Some(id) = self.lambdas.get(start) {
                            found.push((*id, reg.span));
                        }
                    }
                    ArgVal::Name(n) => match self.find_function(n, reg.func) {
                        Some(id) => found.push((id, reg.span)),
                        None if !self.module_names.contains(n) || self.aliases.contains_key(n) => {
                            refs.push((
                                Callee {
                                    receiver: None,
                                    name: n.clone(),
                                    instantiation: false,
                                },
                                reg.span,
                            ))
                        }
                        None => {}
                    },
                    ArgVal::Attr(segs) => {
                        let (name, recv) = match segs.split_last() {
                            Some((n, r)) => (n.clone(), r.join(".")),
                            None => continue,
                        };
                        refs.push((
                            Callee {
                                receiver: Some(recv),
                                name,
                                instantiation: false,
                            },
                            reg.span,
                        ));
                    }
                    ArgVal::Other => {}
                }
            }
        }
        (found, refs)
    }

    fn classify_handlers(&mut self, path: &str) {
        let specs: Vec<HandlerSpec> = self.kb.handlers_for(LangFamily::Python).cloned().collect();
        for spec in &specs {
            if !self.imports_ok(&spec.imports) {
                continue;
            }
            if !spec.files.is_empty() && !spec.files.iter().any(|g| glob_matches(g, path)) {
                continue;
            }
            let mk = |evidence: Span| Handler {
                framework: spec.framework.clone(),
                trigger: spec.trigger.into(),
                evidence,
            };
            let mut hits: Vec<(FuncId, Span)> = Vec::new();
            if !spec.calls.is_empty() {
                let (found, refs) = self.registered(&spec.calls, &spec.arg_keys, &[]);
                hits = found;
                for (callee, sp) in refs {
                    if !self.facts.handler_refs.iter().any(|r| r.callee == callee) {
                        self.facts.handler_refs.push(HandlerRef {
                            callee,
                            handler: mk(sp),
                        });
                    }
                }
            } else if !spec.bases.is_empty() {
                for (i, f) in self.facts.functions.iter().enumerate() {
                    let Some(c) = self.funcs.get(i).and_then(|r| r.class) else {
                        continue;
                    };
                    let name = f.name.as_deref().unwrap_or("");
                    if !spec.methods.is_empty() && !spec.methods.iter().any(|m| m == name) {
                        continue;
                    }
                    if let Some(sp) = self.inherits(c, &spec.bases) {
                        hits.push((i as FuncId, sp));
                    }
                }
            } else if !spec.decorators.is_empty() {
                for (i, raw) in self.funcs.iter().enumerate() {
                    if let Some(sp) = self.decos_match(&raw.decorators, &spec.decorators, &[]) {
                        hits.push((i as FuncId, sp));
                    }
                }
            } else if !spec.params.is_empty() {
                for (i, f) in self.facts.functions.iter().enumerate() {
                    let Some(raw) = self.funcs.get(i) else {
                        continue;
                    };
                    if f.kind != FunctionKind::Function || f.parent.is_some() {
                        continue;
                    }
                    let shape_ok = spec.params.iter().any(|shape| {
                        raw.params.len() >= shape.len()
                            && shape.iter().zip(&raw.params).all(|(a, b)| a == b)
                    });
                    let type_ok = spec.param_types.is_empty()
                        || raw.first_type.as_ref().is_some_and(|t| {
                            spec.param_types.iter().any(|p| {
                                t == p
                                    || t.ends_with(&format!(".{p}"))
                                    || p.ends_with(&format!(".{t}"))
                            })
                        });
                    if shape_ok && type_ok {
                        hits.push((i as FuncId, raw.params_span));
                    }
                }
            } else if !spec.names.is_empty() || !spec.exports.is_empty() {
                for (i, f) in self.facts.functions.iter().enumerate() {
                    let name = f.name.as_deref().unwrap_or("");
                    let by_name = spec.names.iter().any(|n| n == name);
                    let by_export = f.exported && spec.exports.iter().any(|n| n == name);
                    if by_name || by_export {
                        hits.push((i as FuncId, f.head));
                    }
                }
            }
            for (id, sp) in hits {
                if let Some(f) = self.facts.functions.get_mut(id as usize) {
                    if f.handler.is_none() {
                        f.handler = Some(mk(sp));
                    }
                }
            }
        }
    }

    fn set_once(&mut self, id: FuncId, reason: &str, evidence: Span) {
        if let Some(f) = self.facts.functions.get_mut(id as usize) {
            if f.runs_once.is_none() {
                f.runs_once = Some(RunsOnce {
                    reason: reason.to_string(),
                    evidence,
                });
            }
        }
    }

    /// Functions registered as shutdown or teardown hooks.
    fn shutdown_hooks(&self) -> HashSet<FuncId> {
        let mut out = HashSet::new();
        for s in self
            .kb
            .startups_for(LangFamily::Python)
            .filter(|s| s.shutdown)
        {
            if !s.decorators.is_empty() {
                for (i, raw) in self.funcs.iter().enumerate() {
                    if self
                        .decos_match(&raw.decorators, &s.decorators, &s.args)
                        .is_some()
                    {
                        out.insert(i as FuncId);
                    }
                }
            }
            if !s.calls.is_empty() {
                let (found, _) = self.registered(&s.calls, &[], &s.args);
                out.extend(found.into_iter().map(|(f, _)| f));
            }
        }
        out
    }

    fn classify_runs_once(&mut self) {
        let caches: Vec<String> = self
            .kb
            .caches_for(LangFamily::Python)
            .flat_map(|c| c.decorators.iter().cloned())
            .collect();
        let mut once: Vec<(FuncId, String, Span)> = Vec::new();
        for (i, raw) in self.funcs.iter().enumerate() {
            if let Some(d) = raw
                .decorators
                .iter()
                .find(|d| caches.iter().any(|p| pattern_matches(p, &as_strs(&d.path))))
            {
                once.push((i as FuncId, format!("@{}", d.path.join(".")), d.span));
            }
        }
        let startups: Vec<_> = self
            .kb
            .startups_for(LangFamily::Python)
            .filter(|s| !s.shutdown)
            .cloned()
            .collect();
        for s in &startups {
            for (i, f) in self.facts.functions.iter().enumerate() {
                let name = f.name.as_deref().unwrap_or("");
                if !s.names.is_empty()
                    && f.kind == FunctionKind::Function
                    && s.names.iter().any(|n| n == name)
                {
                    once.push((i as FuncId, s.reason.clone(), f.head));
                }
                let Some(raw) = self.funcs.get(i) else {
                    continue;
                };
                if !s.decorators.is_empty() {
                    if let Some(sp) = self.decos_match(&raw.decorators, &s.decorators, &s.args) {
                        once.push((i as FuncId, s.reason.clone(), sp));
                    }
                }
                if !s.bases.is_empty() {
                    if let Some(c) = raw.class {
                        let method_ok = s.methods.is_empty() || s.methods.iter().any(|m| m == name);
                        if method_ok {
                            if let Some(sp) = self.inherits(c, &s.bases) {
                                once.push((i as FuncId, s.reason.clone(), sp));
                            }
                        }
                    }
                }
            }
            if !s.calls.is_empty() {
                let (found, _) = self.registered(&s.calls, &[], &s.args);
                for (id, sp) in found {
                    once.push((id, s.reason.clone(), sp));
                }
            }
        }
        for (id, reason, sp) in once {
            self.set_once(id, &reason, sp);
        }
    }

    /// Where a target lives, from its shape and the file's module-level names.
    fn store_fate(&self, target: &Target, guarded: bool, func: Option<FuncId>) -> Fate {
        let module_level = |name: &str| {
            self.module_names.contains(name)
                || self.aliases.contains_key(name)
                || self.classes.iter().any(|c| c.name == name)
                || self.globals.contains(&(func, name.to_string()))
        };
        let shared = |guarded: bool| {
            if guarded {
                Fate::Cached
            } else {
                Fate::Stored(StoreTarget::Module)
            }
        };
        match target {
            Target::Name(n) => {
                if func.is_none() || self.globals.contains(&(func, n.clone())) {
                    shared(guarded)
                } else {
                    Fate::Local
                }
            }
            Target::Attr(segs, _) | Target::Sub(segs, _) => {
                let root = segs.first().map(String::as_str).unwrap_or("");
                let container = if matches!(target, Target::Attr(..)) {
                    segs.get(..segs.len().saturating_sub(1)).unwrap_or(&[])
                } else {
                    &segs[..]
                };
                if root == "self" && container.len() == 1 {
                    Fate::Stored(StoreTarget::Instance)
                } else if container.iter().any(|s| APP_STATE.contains(&s.as_str())) {
                    Fate::Stored(StoreTarget::AppState)
                } else if root == "self" {
                    Fate::Stored(StoreTarget::Instance)
                } else if root == "cls" || module_level(root) {
                    shared(guarded)
                } else {
                    Fate::Stored(StoreTarget::Collection)
                }
            }
            Target::Other => Fate::Local,
        }
    }

    fn role_fate(&self, role: &Role, func: Option<FuncId>) -> Fate {
        match role {
            Role::Local => Fate::Local,
            Role::PassedOn => Fate::PassedOn,
            Role::Returned => Fate::Returned,
            Role::Context(_) => Fate::ContextManaged,
            Role::Assign { target, guarded } => self.store_fate(target, *guarded, func),
        }
    }

    /// The fate of a value written in `role` in `func` at `end`, following a local binding
    /// through the rest of the function.
    fn follow(&self, role: &Role, func: Option<FuncId>, end: u32) -> Fate {
        let mut fate = self.role_fate(role, func);
        let local = match role {
            Role::Assign {
                target: Target::Name(n),
                ..
            } if fate == Fate::Local => Some(n.clone()),
            Role::Context(Some(n)) => Some(n.clone()),
            _ => None,
        };
        if let Some(name) = local {
            let uses = self
                .uses
                .get(&(func, name))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            for u in uses.iter().filter(|u| u.pos >= end) {
                let f = self.role_fate(&u.role, func);
                if rank(f) > rank(fate) {
                    fate = f;
                }
            }
        }
        fate
    }

    fn resolve_fates(&mut self) {
        let fates: Vec<Fate> = self
            .facts
            .constructions
            .iter()
            .zip(&self.cons_roles)
            .map(|(c, role)| self.follow(role, c.function, c.span.end))
            .collect();
        for (c, f) in self.facts.constructions.iter_mut().zip(fates) {
            c.fate = f;
        }
    }

    fn resolve_closes(&mut self) {
        let hooks = self.shutdown_hooks();
        // `atexit.register(client.close)`.
        let mut extra = Vec::new();
        for s in self
            .kb
            .startups_for(LangFamily::Python)
            .filter(|s| s.shutdown)
        {
            for reg in &self.regs {
                if !s
                    .calls
                    .iter()
                    .any(|p| pattern_matches(p, &as_strs(&reg.path)))
                {
                    continue;
                }
                for (_, val, sp) in &reg.args {
                    if let ArgVal::Attr(segs) = val {
                        if let Some((m, recv)) = segs.split_last() {
                            if self.close_methods.contains(m) && !recv.is_empty() {
                                extra.push(Close {
                                    binding: recv.join("."),
                                    method: m.clone(),
                                    span: *sp,
                                    function: reg.func,
                                    guard: CloseGuard::ShutdownHook,
                                    risky: None,
                                });
                            }
                        }
                    }
                }
            }
        }
        let mut by_func: HashMap<Option<FuncId>, Vec<usize>> = HashMap::new();
        for (i, k) in self.facts.constructions.iter().enumerate() {
            by_func.entry(k.function).or_default().push(i);
        }
        let mut closes = std::mem::take(&mut self.facts.closes);
        for c in &mut closes {
            if c.guard == CloseGuard::None {
                if let Some(f) = c.function {
                    let after_yield = self
                        .facts
                        .function(f)
                        .is_some_and(|x| x.runs_once.is_some())
                        && self
                            .yields
                            .iter()
                            .any(|(yf, pos)| *yf == Some(f) && *pos < c.span.start);
                    if hooks.contains(&f) || after_yield {
                        c.guard = CloseGuard::ShutdownHook;
                    }
                }
            }
            c.risky = self.risky(c, &by_func);
        }
        closes.extend(extra);
        closes.sort_by_key(|c| c.span.start);
        self.facts.closes = closes;
    }

    /// The first call between the binding's construction (in the same function) and the close.
    fn risky(&self, close: &Close, by_func: &HashMap<Option<FuncId>, Vec<usize>>) -> Option<Span> {
        let cons = by_func
            .get(&close.function)?
            .iter()
            .filter_map(|&i| self.facts.constructions.get(i))
            .filter(|k| {
                k.function == close.function
                    && k.binding.as_deref() == Some(close.binding.as_str())
                    && k.span.end <= close.span.start
            })
            .max_by_key(|k| k.span.start)?;
        // Calls are recorded in source order (pre-order), so the first candidate is found by
        // binary search.
        let calls = self.all_calls.get(&close.function)?;
        let from = calls.partition_point(|sp| sp.start < cons.span.end);
        calls
            .get(from..)?
            .iter()
            .take_while(|sp| sp.start < close.span.start)
            .find(|sp| sp.end <= close.span.start && !sp.contains(close.span))
            .copied()
    }

    fn resolve_calls(&mut self) {
        let classes: HashSet<&str> = self.classes.iter().map(|c| c.name.as_str()).collect();
        let functions: HashSet<&str> = self
            .facts
            .functions
            .iter()
            .filter_map(|f| f.name.as_deref())
            .collect();
        let mut out = Vec::new();
        for c in &self.calls {
            let Some((name, recv)) = c.path.split_last() else {
                continue;
            };
            let keep = match recv.first() {
                None => {
                    functions.contains(name.as_str())
                        || classes.contains(name.as_str())
                        || self.aliases.contains_key(name)
                }
                Some(root) => {
                    root == "self"
                        || root == "cls"
                        || classes.contains(root.as_str())
                        || self.aliases.contains_key(root)
                }
            };
            if !keep {
                continue;
            }
            out.push(Call {
                caller: c.func,
                callee: Callee {
                    receiver: if recv.is_empty() {
                        None
                    } else {
                        Some(recv.join("."))
                    },
                    name: name.clone(),
                    instantiation: recv.is_empty() && classes.contains(name.as_str()),
                },
                span: c.span,
                in_loop: c.in_loop,
                fate: self.follow(&c.role, c.func, c.span.end),
            });
        }
        self.facts.calls = out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_follow_the_documented_order() {
        assert!(rank(Fate::Cached) > rank(Fate::Stored(StoreTarget::Module)));
        assert!(rank(Fate::ContextManaged) > rank(Fate::Returned));
    }
}
