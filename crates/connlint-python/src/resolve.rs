//! After the walk: decisions that need the whole file. Handler classification (decorators,
//! registration calls, bases, parameter shapes), `runs_once`, fates followed through local
//! bindings, shutdown-hook closes, risky calls, and which calls reach the file's own code.

use crate::syntax::glob_matches;
use crate::walk::{as_strs, ArgVal, CloseSite, Deco, Role, Target, Use, Walk};
use connlint_core::facts::*;
use connlint_core::knowledge::{may_end_in, name_matches, pattern_matches};
use connlint_core::{LangFamily, Span};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

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

/// Constructions (indexes, in source order) by function and binding.
type ByBinding = HashMap<(Option<FuncId>, Name), Vec<usize>>;

/// The uses of one local name, by position, for following values through it.
#[derive(Debug, Clone, Default)]
pub struct UseIndex {
    /// Positions of the uses, sorted.
    pos: Vec<u32>,
    /// `suffix[i]`: the strongest fate among uses `i..`.
    suffix: Vec<Fate>,
    /// Names the value is copied into, with the (sorted) positions where that happens.
    aliases: Vec<(String, Vec<u32>)>,
}

/// How many local names a value is followed through (`c = client`, `res = [client]`).
const MAX_ALIASES: usize = 16;

/// How many inherited classes we follow.
const MAX_BASES: usize = 256;

/// Functions of the file a registration names (with the call as evidence), and names it does
/// not define.
type Registered = (Vec<(FuncId, Span)>, Vec<(Callee, Span)>);

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
                let last = d.path.last().map_or("", String::as_str);
                // Only a pattern that can end in the decorator's last segment is matched.
                let mut candidates = patterns.iter().filter(|p| may_end_in(p, last)).peekable();
                if candidates.peek().is_none() {
                    return false;
                }
                let path = as_strs(&d.path);
                candidates.any(|p| pattern_matches(p, &path))
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
                                    name: n.as_str().into(),
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
                                receiver: Some(recv.into()),
                                name: name.into(),
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
        let kb = self.kb;
        for spec in kb.handlers_for(LangFamily::Python) {
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
                        f.handler = Some(Box::new(mk(sp)));
                    }
                }
            }
        }
    }

    fn set_once(&mut self, id: FuncId, reason: &str, evidence: Span) {
        if let Some(f) = self.facts.functions.get_mut(id as usize) {
            if f.runs_once.is_none() {
                f.runs_once = Some(Box::new(RunsOnce {
                    reason: reason.to_string(),
                    evidence,
                }));
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
        let kb = self.kb;
        for s in kb.startups_for(LangFamily::Python).filter(|s| !s.shutdown) {
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
                    // Behind a guard on process-wide state it is a cache; Flask's `g` lives
                    // for one request only.
                    if guarded && root != "g" {
                        Fate::Cached
                    } else {
                        Fate::Stored(StoreTarget::AppState)
                    }
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
            Role::Assign {
                target, guarded, ..
            } => self.store_fate(target, *guarded, func),
        }
    }

    /// The local name a value written in `role` is bound to, if it stays local there (so its
    /// uses decide its fate).
    fn local_name(&self, role: &Role, func: Option<FuncId>) -> Option<String> {
        match role {
            Role::Assign {
                target: Target::Name(n),
                ..
            } if self.role_fate(role, func) == Fate::Local => Some(n.clone()),
            Role::Context(Some(n)) => Some(n.clone()),
            _ => None,
        }
    }

    /// Indexes `uses` for [`Self::follow`].
    fn index_uses(&mut self) {
        let mut index = HashMap::new();
        for ((func, name), uses) in &self.uses {
            let mut uses: Vec<&Use> = uses.iter().collect();
            uses.sort_by_key(|u| u.pos);
            let mut suffix = vec![Fate::Local; uses.len()];
            let mut best = Fate::Local;
            for (i, u) in uses.iter().enumerate().rev() {
                let f = self.role_fate(&u.role, *func);
                if f.strength() > best.strength() {
                    best = f;
                }
                if let Some(slot) = suffix.get_mut(i) {
                    *slot = best;
                }
            }
            let mut aliases: HashMap<String, Vec<u32>> = HashMap::new();
            for u in &uses {
                if let Some(alias) = self.local_name(&u.role, *func) {
                    aliases.entry(alias).or_default().push(u.pos);
                }
            }
            index.insert(
                (*func, name.clone()),
                UseIndex {
                    pos: uses.iter().map(|u| u.pos).collect(),
                    suffix,
                    aliases: aliases.into_iter().collect(),
                },
            );
        }
        self.use_index = index;
    }

    /// The fate of a value written in `role` in `func` at `end`, following local bindings
    /// through the rest of the function: its own name, then the names it is copied or put
    /// into (`c = client`, `res = {"client": client}`), a bounded number of them.
    fn follow(&self, role: &Role, func: Option<FuncId>, end: u32) -> Fate {
        let mut fate = self.role_fate(role, func);
        let mut work: Vec<(String, u32)> = self
            .local_name(role, func)
            .map(|n| (n, end))
            .into_iter()
            .collect();
        // Each name is followed from the earliest point it receives the value.
        let mut seen: HashMap<String, u32> = HashMap::new();
        while let Some((name, from)) = work.pop() {
            if seen.get(&name).is_some_and(|f| *f <= from)
                || (seen.len() >= MAX_ALIASES && !seen.contains_key(&name))
            {
                continue;
            }
            seen.insert(name.clone(), from);
            let Some(ix) = self.use_index.get(&(func, name)) else {
                continue;
            };
            let first = ix.pos.partition_point(|p| *p < from);
            if let Some(f) = ix.suffix.get(first) {
                if f.strength() > fate.strength() {
                    fate = *f;
                }
            }
            for (alias, at) in &ix.aliases {
                let j = at.partition_point(|p| *p < from);
                if let Some(p) = at.get(j) {
                    work.push((alias.clone(), *p));
                }
            }
        }
        fate
    }

    fn resolve_fates(&mut self) {
        self.index_uses();
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
        // A generator that yields its client and closes it after the `yield` (a FastAPI
        // dependency) keeps it: the close is its own, and must be guaranteed.
        let mut yields: HashMap<Option<FuncId>, Vec<u32>> = HashMap::new();
        for (f, pos) in &self.yields {
            yields.entry(*f).or_default().push(*pos);
        }
        for v in yields.values_mut() {
            v.sort_unstable();
        }
        let mut last_close: HashMap<(Option<FuncId>, &str), u32> = HashMap::new();
        for cl in &self.facts.closes {
            let e = last_close
                .entry((cl.function, cl.binding.as_str()))
                .or_default();
            *e = (*e).max(cl.span.start);
        }
        let mut keeps = Vec::new();
        for (i, c) in self.facts.constructions.iter().enumerate() {
            let (Fate::Returned, Some(binding)) = (c.fate, &c.binding) else {
                continue;
            };
            let Some(ys) = c.function.and_then(|_| yields.get(&c.function)) else {
                continue;
            };
            let Some(first_yield) = ys.get(ys.partition_point(|p| *p < c.span.end)) else {
                continue;
            };
            if last_close
                .get(&(c.function, binding.as_str()))
                .is_some_and(|last| last > first_yield)
            {
                keeps.push(i);
            }
        }
        for i in keeps {
            if let Some(c) = self.facts.constructions.get_mut(i) {
                c.fate = Fate::Local;
            }
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
                            if self.is_close_method(m) && !recv.is_empty() {
                                extra.push(Close {
                                    binding: recv.join(".").into(),
                                    method: m.as_str().into(),
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
        let mut by_binding: ByBinding = HashMap::new();
        for (i, k) in self.facts.constructions.iter().enumerate() {
            if let Some(b) = &k.binding {
                by_binding
                    .entry((k.function, b.clone()))
                    .or_default()
                    .push(i);
            }
        }
        let mut yields: HashMap<FuncId, u32> = HashMap::new();
        for (f, pos) in &self.yields {
            if let Some(f) = f {
                let e = yields.entry(*f).or_insert(*pos);
                *e = (*e).min(*pos);
            }
        }
        let mut closes = std::mem::take(&mut self.facts.closes);
        let sites = std::mem::take(&mut self.close_sites);
        self.settle_guards(&mut closes, &sites, &by_binding);
        for c in &mut closes {
            if c.guard == CloseGuard::None {
                if let Some(f) = c.function {
                    let after_yield = self
                        .facts
                        .function(f)
                        .is_some_and(|x| x.runs_once.is_some())
                        && yields.get(&f).is_some_and(|pos| *pos < c.span.start);
                    if hooks.contains(&f) || after_yield {
                        c.guard = CloseGuard::ShutdownHook;
                    }
                }
            }
            if c.risky.is_none() {
                c.risky = self.construction_of(c, &by_binding).and_then(|k| {
                    self.first_call(c.function, k.span.end, c.span.start, Some(c.span))
                });
            }
        }
        // A bound close handed to a shutdown hook is that hook's, not a callback's.
        let hooked: HashSet<Span> = extra.iter().map(|e| e.span).collect();
        closes.retain(|c| !hooked.contains(&c.span));
        closes.extend(extra);
        closes.sort_by_key(|c| c.span.start);
        self.facts.closes = closes;
    }

    /// Settles the guards of the closes the walk recorded, with their sites:
    /// - in a `finally`: guarded, if its `try` covers the work since the construction;
    /// - in a `try` body (or `else`) whose catch-all handler closes the same binding and
    ///   re-raises: closed on every path, with the same proviso;
    /// - otherwise not guarded. A close the first call before an uncovering `try` skips gets
    ///   that call as its risky one.
    fn settle_guards(&self, closes: &mut [Close], sites: &[CloseSite], by_binding: &ByBinding) {
        let rethrows: HashSet<(Name, Option<FuncId>, usize)> = closes
            .iter()
            .zip(sites)
            .filter_map(|(c, s)| Some((c.binding.clone(), c.function, s.rethrow?)))
            .collect();
        for (c, s) in closes.iter_mut().zip(sites) {
            if c.guard == CloseGuard::ContextManager {
                continue;
            }
            let (guard, t) = match (s.finally, s.body) {
                (Some(t), _) => (CloseGuard::Finally, t),
                (None, Some(t)) if rethrows.contains(&(c.binding.clone(), c.function, t)) => {
                    (CloseGuard::EveryPath, t)
                }
                _ => {
                    c.guard = CloseGuard::None;
                    continue;
                }
            };
            c.guard = guard;
            // The work between the construction and the `try` is not covered by it.
            let Some(&try_start) = self.tries.get(t) else {
                continue;
            };
            let uncovered = self
                .construction_of(c, by_binding)
                .filter(|k| k.span.end <= try_start)
                .and_then(|k| self.first_call(c.function, k.span.end, try_start, None));
            if let Some(call) = uncovered {
                c.guard = CloseGuard::None;
                c.risky = Some(call);
            }
        }
    }

    /// The construction of the binding a close closes: the last one before it in its function.
    fn construction_of(&self, close: &Close, by_binding: &ByBinding) -> Option<&Construction> {
        let list = by_binding.get(&(close.function, close.binding.clone()))?;
        // In source order: the candidates start before the close; the last one that also ends
        // before it (a construction can hold another in its arguments).
        let before = list.partition_point(|&i| {
            self.facts
                .constructions
                .get(i)
                .is_some_and(|k| k.span.start < close.span.start)
        });
        list.get(..before)?
            .iter()
            .rev()
            .filter_map(|&i| self.facts.constructions.get(i))
            .find(|k| k.span.end <= close.span.start)
    }

    /// The first call of `func` that starts at or after `from` and ends by `until`, other than
    /// one around `inner` (`print(client.close())`).
    fn first_call(
        &self,
        func: Option<FuncId>,
        from: u32,
        until: u32,
        inner: Option<Span>,
    ) -> Option<Span> {
        // Calls are recorded in source order (pre-order), so the first candidate is found by
        // binary search.
        let calls = self.all_calls.get(func.map_or(0, |f| f as usize + 1))?;
        let first = calls.partition_point(|sp| sp.start < from);
        calls
            .get(first..)?
            .iter()
            .take_while(|sp| sp.start < until)
            .find(|sp| sp.end <= until && !inner.is_some_and(|i| sp.contains(i)))
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
                    functions.contains(*name)
                        || classes.contains(*name)
                        || self.aliases.contains_key(*name)
                }
                Some(root) => {
                    *root == "self"
                        || *root == "cls"
                        || classes.contains(*root)
                        || self.aliases.contains_key(*root)
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
                        Some(recv.join(".").into())
                    },
                    name: (*name).into(),
                    instantiation: recv.is_empty() && classes.contains(*name),
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
        assert!(Fate::Cached.strength() > Fate::Stored(StoreTarget::Module).strength());
        assert!(Fate::ContextManaged.strength() > Fate::Returned.strength());
    }
}
