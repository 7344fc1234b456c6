//! Second pass: which functions the knowledge packs make handlers or run-once code by the way
//! they are *used* (registration calls, `Lazy::new(|| ..)`, `get_or_init(|| ..)`), before the
//! functions themselves are lowered.

use crate::names::{path_segs, Names};
use crate::pos::Positions;
use crate::Kb;
use connlint_core::knowledge::pattern_matches;
use connlint_core::{Callee, Handler, HandlerRef, RunsOnce, Span};
use foldhash::HashMap;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Expr, ExprClosure};

/// Roles found for functions, keyed by free-function name or closure address.
#[derive(Default)]
pub struct Roles {
    pub handler_by_name: HashMap<String, Handler>,
    pub handler_by_closure: HashMap<usize, Handler>,
    pub once_by_closure: HashMap<usize, RunsOnce>,
    pub once_by_name: HashMap<String, RunsOnce>,
    /// Closures that initialise a cache: what they return is cached.
    pub cache_closures: HashMap<usize, ()>,
    pub handler_refs: Vec<HandlerRef>,
}

pub fn closure_key(c: &ExprClosure) -> usize {
    std::ptr::from_ref(c) as usize
}

/// The path a call is written with: `web::get().to` -> `web.get.to`,
/// `Router::new().route` -> `Router.new.route`. Unrepresentable receivers give `?`.
pub fn written_path(e: &Expr) -> Vec<String> {
    let mut rev: Vec<String> = Vec::new();
    let mut cur = e;
    loop {
        match cur {
            Expr::Path(p) if p.qself.is_none() => {
                let mut segs = path_segs(&p.path);
                segs.reverse();
                rev.extend(segs);
                break;
            }
            Expr::Call(c) => cur = &c.func,
            Expr::MethodCall(m) => {
                rev.push(m.method.to_string());
                cur = &m.receiver;
            }
            Expr::Field(f) => {
                match &f.member {
                    syn::Member::Named(i) => rev.push(i.to_string()),
                    syn::Member::Unnamed(i) => rev.push(i.index.to_string()),
                }
                cur = &f.base;
            }
            Expr::Macro(m) => {
                let mut segs = path_segs(&m.mac.path);
                segs.reverse();
                rev.extend(segs);
                break;
            }
            Expr::Await(a) => cur = &a.base,
            Expr::Try(t) => cur = &t.expr,
            Expr::Paren(p) => cur = &p.expr,
            Expr::Reference(r) => cur = &r.expr,
            _ => {
                rev.push("?".to_string());
                break;
            }
        }
    }
    rev.reverse();
    rev
}

/// The last segment [`written_path`] gives for a call or method call, without building the
/// whole path.
fn last_written_segment(e: &Expr) -> Option<String> {
    let mut cur = e;
    loop {
        match cur {
            Expr::Path(p) if p.qself.is_none() => {
                return p.path.segments.last().map(|s| s.ident.to_string())
            }
            Expr::Call(c) => cur = &c.func,
            Expr::MethodCall(m) => return Some(m.method.to_string()),
            Expr::Field(f) => {
                return Some(match &f.member {
                    syn::Member::Named(i) => i.to_string(),
                    syn::Member::Unnamed(i) => i.index.to_string(),
                })
            }
            Expr::Macro(m) => return m.mac.path.segments.last().map(|s| s.ident.to_string()),
            Expr::Await(a) => cur = &a.base,
            Expr::Try(t) => cur = &t.expr,
            Expr::Paren(p) => cur = &p.expr,
            Expr::Reference(r) => cur = &r.expr,
            _ => return Some("?".to_string()),
        }
    }
}

/// The last segments of the handler and startup call patterns, when every pattern ends in a
/// name: a call whose written path ends otherwise cannot match any of them.
pub fn call_pattern_ends(kb: &Kb) -> Option<foldhash::HashSet<String>> {
    let patterns = kb
        .handlers
        .iter()
        .flat_map(|h| h.calls.iter())
        .chain(kb.startups.iter().flat_map(|s| s.calls.iter()));
    crate::prune::owned_ends(patterns)
}

/// The callee path of a call or method call (`web.get.to`) and the short evidence span.
fn call_path(e: &Expr, pos: &Positions) -> Option<(Vec<String>, Span)> {
    match e {
        Expr::Call(c) => Some((written_path(&c.func), crate::lower::call_span(c, pos))),
        Expr::MethodCall(m) => Some((
            written_path(e),
            pos.between(m.method.span(), m.paren_token.span.close()),
        )),
        _ => None,
    }
}

fn str_refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

pub struct RoleFinder<'a> {
    pub kb: &'a Kb,
    pub names: &'a Names,
    pub pos: &'a Positions<'a>,
    pub roles: Roles,
    /// See [`call_pattern_ends`].
    pub pattern_ends: Option<&'a foldhash::HashSet<String>>,
}

enum Candidate<'ast> {
    Closure(&'ast ExprClosure),
    Path(Vec<String>),
}

/// Function-valued arguments of a registration call: closures and paths, also inside calls
/// that wrap them (`get(h).post(h2)`, `web::post().to(h)`, `service_fn(h)`).
fn candidates<'ast>(args: impl Iterator<Item = &'ast Expr>) -> Vec<Candidate<'ast>> {
    let mut out = Vec::new();
    let mut stack: Vec<&'ast Expr> = args.collect();
    let mut budget = 256usize;
    while let Some(e) = stack.pop() {
        budget = budget.saturating_sub(1);
        if budget == 0 {
            break;
        }
        match e {
            Expr::Closure(c) => out.push(Candidate::Closure(c)),
            Expr::Path(p) if p.qself.is_none() => {
                let segs = path_segs(&p.path);
                let fn_like = segs
                    .last()
                    .and_then(|s| s.chars().next())
                    .is_some_and(|c| c.is_lowercase() || c == '_');
                if fn_like && segs.first().is_none_or(|f| f != "self") {
                    out.push(Candidate::Path(segs));
                }
            }
            Expr::Call(c) => stack.extend(c.args.iter()),
            Expr::MethodCall(m) => {
                stack.push(&m.receiver);
                stack.extend(m.args.iter());
            }
            Expr::Paren(p) => stack.push(&p.expr),
            Expr::Reference(r) => stack.push(&r.expr),
            Expr::Await(a) => stack.push(&a.base),
            _ => {}
        }
    }
    out
}

impl RoleFinder<'_> {
    fn args(e: &Expr) -> Vec<&Expr> {
        match e {
            Expr::Call(c) => c.args.iter().collect(),
            Expr::MethodCall(m) => m.args.iter().collect(),
            _ => Vec::new(),
        }
    }

    fn registration(&mut self, e: &Expr) {
        if let Some(ends) = self.pattern_ends {
            if last_written_segment(e).is_none_or(|last| !ends.contains(&last)) {
                return;
            }
        }
        let Some((path, evidence)) = call_path(e, self.pos) else {
            return;
        };
        let segs = str_refs(&path);
        for spec in &self.kb.handlers {
            if spec.calls.is_empty()
                || !spec.calls.iter().any(|p| pattern_matches(p, &segs))
                || !(spec.imports.is_empty() || spec.imports.iter().any(|m| self.names.mentions(m)))
            {
                continue;
            }
            let handler = Handler {
                framework: spec.framework.clone(),
                trigger: spec.trigger.into(),
                evidence,
            };
            for cand in candidates(Self::args(e).into_iter()) {
                match cand {
                    Candidate::Closure(c) => {
                        self.roles
                            .handler_by_closure
                            .entry(closure_key(c))
                            .or_insert_with(|| handler.clone());
                    }
                    Candidate::Path(p) => self.path_handler(p, &handler),
                }
            }
        }
        for spec in &self.kb.startups {
            if !spec.calls.iter().any(|p| pattern_matches(p, &segs)) {
                continue;
            }
            let once = RunsOnce {
                reason: spec.reason.clone(),
                evidence,
            };
            for cand in candidates(Self::args(e).into_iter()) {
                match cand {
                    Candidate::Closure(c) => {
                        self.roles
                            .once_by_closure
                            .insert(closure_key(c), once.clone());
                    }
                    Candidate::Path(p) if p.len() == 1 => {
                        if let Some(name) = p.into_iter().next() {
                            self.roles.once_by_name.insert(name, once.clone());
                        }
                    }
                    Candidate::Path(_) => {}
                }
            }
        }
    }

    fn path_handler(&mut self, p: Vec<String>, handler: &Handler) {
        let [name] = p.as_slice() else {
            let name = p.last().cloned().unwrap_or_default();
            let receiver = Some(p[..p.len().saturating_sub(1)].join("::"));
            self.push_ref(receiver, name, handler);
            return;
        };
        if self.names.free_fns.contains(name) {
            self.roles
                .handler_by_name
                .entry(name.clone())
                .or_insert_with(|| handler.clone());
        } else if self.names.uses.contains_key(name) || !self.names.globs.is_empty() {
            // Imported by name, or perhaps through a `use handlers::*`.
            self.push_ref(None, name.clone(), handler);
        }
    }

    fn push_ref(&mut self, receiver: Option<String>, name: String, handler: &Handler) {
        let seen = self.roles.handler_refs.iter().any(|r| {
            r.callee.receiver.as_deref() == receiver.as_deref()
                && r.callee.name == name
                && r.handler.framework == handler.framework
        });
        if seen {
            return;
        }
        self.roles.handler_refs.push(HandlerRef {
            callee: Callee {
                receiver: receiver.map(Into::into),
                name: name.into(),
                instantiation: false,
            },
            handler: handler.clone(),
        });
    }

    /// `Lazy::new(|| ..)`, `LazyLock::new(..)`, `cell.get_or_init(|| ..)`.
    fn cache_init(&mut self, e: &Expr) {
        let (reason, args): (String, Vec<&Expr>) = match e {
            Expr::Call(c) => {
                let Expr::Path(p) = &*c.func else { return };
                let segs = path_segs(&p.path);
                let [.., ty, method] = segs.as_slice() else {
                    return;
                };
                if method != "new" || !self.kb.cache_types.iter().any(|t| t == ty) {
                    return;
                }
                (format!("{ty}::new"), c.args.iter().collect())
            }
            Expr::MethodCall(m) => {
                let method = m.method.to_string();
                if !self.kb.cache_methods.contains(&method) {
                    return;
                }
                (method, m.args.iter().collect())
            }
            _ => return,
        };
        let evidence = pos_of(e, self.pos);
        for a in args {
            if let Expr::Closure(c) = a {
                let key = closure_key(c);
                self.roles.cache_closures.insert(key, ());
                self.roles.once_by_closure.insert(
                    key,
                    RunsOnce {
                        reason: reason.clone(),
                        evidence,
                    },
                );
            }
        }
    }
}

fn pos_of(e: &Expr, pos: &Positions) -> Span {
    match e {
        Expr::MethodCall(m) => pos.between(m.method.span(), m.paren_token.span.close()),
        Expr::Call(c) => crate::lower::call_span(c, pos),
        _ => pos.span(e.span()),
    }
}

impl<'ast> Visit<'ast> for RoleFinder<'_> {
    fn visit_expr(&mut self, e: &'ast Expr) {
        if matches!(e, Expr::Call(_) | Expr::MethodCall(_)) {
            self.registration(e);
            self.cache_init(e);
        }
        syn::visit::visit_expr(self, e);
    }
}
