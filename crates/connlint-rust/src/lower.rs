//! Third pass: lowers functions, constructions, calls, imports, exports and pool settings into
//! Facts. Keeps a stack of ancestors so the fate of a value can be read off its context.

use crate::names::{path_segs, Names};
use crate::pos::Positions;
use crate::roles::{closure_key, written_path, Roles};
use crate::Kb;
use connlint_core::knowledge::pattern_matches;
use connlint_core::{
    Call, Callee, Construction, Export, Facts, Fate, FuncId, Function, FunctionKind, Handler,
    Import, Imported, PoolSetting, RunsOnce, Span, StoreTarget,
};
use foldhash::{HashMap, HashMapExt};
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Attribute, Block, Expr, FieldValue, Local, Stmt};

/// A node above the expression being looked at.
#[derive(Clone, Copy)]
pub enum Anc<'ast> {
    Expr(&'ast Expr),
    Local(&'ast Local),
    Field,
    Stmt(&'ast Stmt),
    Block(&'ast Block),
    /// The initialiser of a `static` or `const`.
    Static,
    /// The root of a function body: a value flowing here is returned.
    Body,
}

/// Where a function's body is, to follow its bindings.
#[derive(Clone, Copy)]
enum BodyRef<'ast> {
    Block(&'ast Block),
    Expr(&'ast Expr),
}

struct Frame<'ast> {
    id: Option<FuncId>,
    loops: u32,
    body: Option<BodyRef<'ast>>,
    /// A cache-initialising closure: what it returns is cached.
    cache: bool,
    /// Local names whose type is written down (parameters, annotated or `Type::new()` lets):
    /// name -> type name, so that `svc.handle()` can be resolved to `Service::handle`.
    types: Vec<(String, String)>,
    /// What becomes of each use of each local name in `body`, in order: built by one walk of
    /// the body the first time a binding is followed in this function.
    uses: Option<HashMap<String, Vec<Outcome>>>,
}

enum Outcome {
    Fate(Fate),
    /// Bound to a local name: follow its uses.
    Bind(String),
}

/// Methods that hand back (a form of) their receiver: the value flows through them.
const PASS_THROUGH_METHODS: &[&str] = &[
    "unwrap",
    "expect",
    "unwrap_or_else",
    "unwrap_or_default",
    "unwrap_unchecked",
    "clone",
    "into",
    "to_owned",
    "context",
    "with_context",
    "map_err",
    "ok",
];

/// Calls that wrap a value without consuming it.
fn is_wrapper(segs: &[String]) -> bool {
    match segs {
        [one] => matches!(one.as_str(), "Ok" | "Some" | "Err"),
        [.., ty, f] => {
            matches!(f.as_str(), "new" | "from")
                && matches!(
                    ty.as_str(),
                    "Arc" | "Rc" | "Box" | "Mutex" | "RwLock" | "RefCell" | "Cell" | "Pin"
                )
        }
        _ => false,
    }
}

fn is_static_name(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_uppercase())
        && s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

fn ptr_eq<T>(a: &T, b: &T) -> bool {
    std::ptr::eq(a, b)
}

/// What `anc` says happens to the value of `anc[idx]`.
fn classify(anc: &[Anc], idx: usize, kb: &Kb, roles: &Roles, cache_fn: bool) -> Outcome {
    let returned = if cache_fn {
        Fate::Cached
    } else {
        Fate::Returned
    };
    let mut i = idx;
    while i > 0 {
        let (Some(&child), Some(&parent)) = (anc.get(i), anc.get(i - 1)) else {
            break;
        };
        i -= 1;
        let child_expr = match child {
            Anc::Expr(e) => Some(e),
            _ => None,
        };
        let is_child = |e: &Expr| child_expr.is_some_and(|c| ptr_eq(c, e));
        match parent {
            Anc::Body => return Outcome::Fate(returned),
            Anc::Static => return Outcome::Fate(Fate::Stored(StoreTarget::Module)),
            Anc::Field => {}
            Anc::Local(l) => {
                let is_init = l.init.as_ref().is_some_and(|init| is_child(&init.expr));
                if !is_init {
                    return Outcome::Fate(Fate::Local);
                }
                let pat = match &l.pat {
                    syn::Pat::Type(t) => &*t.pat,
                    p => p,
                };
                return match pat {
                    syn::Pat::Ident(id) => Outcome::Bind(id.ident.to_string()),
                    _ => Outcome::Fate(Fate::Local),
                };
            }
            Anc::Stmt(s) => match s {
                Stmt::Expr(_, None) => {}
                _ => return Outcome::Fate(Fate::Local),
            },
            Anc::Block(b) => {
                // Only the tail statement's value leaves a block.
                let tail = b
                    .stmts
                    .last()
                    .is_some_and(|last| matches!(child, Anc::Stmt(s) if ptr_eq(s, last)))
                    && matches!(b.stmts.last(), Some(Stmt::Expr(_, None)));
                if !tail {
                    return Outcome::Fate(Fate::Local);
                }
            }
            Anc::Expr(p) => match p {
                Expr::Await(_)
                | Expr::Try(_)
                | Expr::Paren(_)
                | Expr::Group(_)
                | Expr::Reference(_)
                | Expr::Cast(_)
                | Expr::Tuple(_)
                | Expr::Array(_)
                | Expr::Struct(_)
                | Expr::Block(_)
                | Expr::Async(_)
                | Expr::Unsafe(_)
                | Expr::TryBlock(_) => {}
                Expr::If(x) => {
                    if is_child(&x.cond) {
                        return Outcome::Fate(Fate::Local);
                    }
                }
                Expr::Match(x) => {
                    if is_child(&x.expr) {
                        return Outcome::Fate(Fate::Local);
                    }
                }
                Expr::Closure(c) => {
                    return Outcome::Fate(if roles.cache_closures.contains_key(&closure_key(c)) {
                        Fate::Cached
                    } else {
                        returned
                    });
                }
                Expr::Return(_) => return Outcome::Fate(returned),
                Expr::MethodCall(m) => {
                    if is_child(&m.receiver) {
                        if PASS_THROUGH_METHODS.iter().any(|n| m.method == n) {
                            continue;
                        }
                        return Outcome::Fate(Fate::Local);
                    }
                    return Outcome::Fate(argument_fate(p, kb));
                }
                Expr::Call(c) => {
                    if is_child(&c.func) {
                        return Outcome::Fate(Fate::Local);
                    }
                    if let Expr::Path(f) = &*c.func {
                        if is_wrapper(&path_segs(&f.path)) {
                            continue;
                        }
                    }
                    return Outcome::Fate(argument_fate(p, kb));
                }
                Expr::Assign(a) => {
                    if !is_child(&a.right) {
                        return Outcome::Fate(Fate::Local);
                    }
                    return assign_target(&a.left);
                }
                _ => return Outcome::Fate(Fate::Local),
            },
        }
    }
    Outcome::Fate(Fate::Local)
}

/// The fate of a value passed as an argument of `call`.
fn argument_fate(call: &Expr, kb: &Kb) -> Fate {
    let path = written_path(call);
    let segs: Vec<&str> = path.iter().map(String::as_str).collect();
    if kb.state.iter().any(|p| pattern_matches(p, &segs)) {
        return Fate::Stored(StoreTarget::AppState);
    }
    if let Expr::MethodCall(m) = call {
        if let Some(root) = path.first() {
            if is_static_name(root) && path.len() == 2 {
                return if m.method == "set" {
                    Fate::Cached
                } else {
                    Fate::Stored(StoreTarget::Module)
                };
            }
        }
    }
    Fate::PassedOn
}

fn assign_target(left: &Expr) -> Outcome {
    match left {
        Expr::Path(p) if p.qself.is_none() => match path_segs(&p.path).as_slice() {
            [one] if is_static_name(one) => Outcome::Fate(Fate::Stored(StoreTarget::Module)),
            [one] => Outcome::Bind(one.clone()),
            _ => Outcome::Fate(Fate::Stored(StoreTarget::Module)),
        },
        Expr::Field(f) => match &*f.base {
            Expr::Path(b) if b.path.is_ident("self") => {
                Outcome::Fate(Fate::Stored(StoreTarget::Instance))
            }
            _ => Outcome::Fate(Fate::Stored(StoreTarget::Collection)),
        },
        Expr::Index(_) => Outcome::Fate(Fate::Stored(StoreTarget::Collection)),
        Expr::Unary(_) => Outcome::Fate(Fate::Stored(StoreTarget::Collection)),
        _ => Outcome::Fate(Fate::Local),
    }
}

/// Finds the uses of the local names in a body and what becomes of them.
struct UseFinder<'a, 'ast> {
    kb: &'a Kb,
    roles: &'a Roles,
    cache_fn: bool,
    anc: Vec<Anc<'ast>>,
    out: HashMap<String, Vec<Outcome>>,
}

impl<'ast> Visit<'ast> for UseFinder<'_, 'ast> {
    fn visit_expr(&mut self, e: &'ast Expr) {
        self.anc.push(Anc::Expr(e));
        if let Expr::Path(p) = e {
            if let (None, Some(name)) = (&p.qself, p.path.get_ident()) {
                let idx = self.anc.len() - 1;
                let outcome = classify(&self.anc, idx, self.kb, self.roles, self.cache_fn);
                self.out.entry(name.to_string()).or_default().push(outcome);
            }
        }
        syn::visit::visit_expr(self, e);
        self.anc.pop();
    }
    fn visit_local(&mut self, l: &'ast Local) {
        self.anc.push(Anc::Local(l));
        syn::visit::visit_local(self, l);
        self.anc.pop();
    }
    fn visit_field_value(&mut self, f: &'ast FieldValue) {
        self.anc.push(Anc::Field);
        syn::visit::visit_field_value(self, f);
        self.anc.pop();
    }
    fn visit_stmt(&mut self, s: &'ast Stmt) {
        self.anc.push(Anc::Stmt(s));
        syn::visit::visit_stmt(self, s);
        self.anc.pop();
    }
    fn visit_block(&mut self, b: &'ast Block) {
        self.anc.push(Anc::Block(b));
        syn::visit::visit_block(self, b);
        self.anc.pop();
    }
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

pub struct Lower<'a, 'ast> {
    pub kb: &'a Kb,
    pub names: &'a Names,
    pub roles: &'a Roles,
    pub pos: &'a Positions<'a>,
    pub src: &'a str,
    pub facts: Facts,
    /// Inside a `lazy_static!` body.
    pub in_lazy: bool,
    anc: Vec<Anc<'ast>>,
    frames: Vec<Frame<'ast>>,
    /// Self type, trait handler of the impl being lowered.
    impl_ctx: Vec<(Option<String>, Option<Handler>)>,
    /// Module nesting: exports only at the file's top level.
    mod_depth: u32,
}

impl<'a, 'ast> Lower<'a, 'ast> {
    pub fn new(
        kb: &'a Kb,
        names: &'a Names,
        roles: &'a Roles,
        pos: &'a Positions<'a>,
        src: &'a str,
    ) -> Self {
        Lower {
            kb,
            names,
            roles,
            pos,
            src,
            facts: Facts::default(),
            in_lazy: false,
            anc: Vec::new(),
            frames: vec![Frame {
                id: None,
                loops: 0,
                body: None,
                cache: false,
                types: Vec::new(),
                uses: None,
            }],
            impl_ctx: Vec::new(),
            mod_depth: 0,
        }
    }

    fn frame(&self) -> (Option<FuncId>, bool) {
        self.frames
            .last()
            .map_or((None, false), |f| (f.id, f.loops > 0))
    }

    fn push_function(&mut self, f: Function) -> FuncId {
        let id = FuncId::try_from(self.facts.functions.len()).unwrap_or(FuncId::MAX);
        self.facts.functions.push(f);
        id
    }

    fn attr_path(a: &Attribute) -> Vec<String> {
        path_segs(a.path())
    }

    fn gated(&self, imports: &[String]) -> bool {
        imports.is_empty() || imports.iter().any(|m| self.names.mentions(m))
    }

    /// A handler attribute (`#[get("/")]`, `#[handler]`) among `attrs`.
    fn attr_handler(&self, attrs: &[Attribute]) -> Option<Handler> {
        for spec in &self.kb.handlers {
            if spec.decorators.is_empty() || !spec.bases.is_empty() || !self.gated(&spec.imports) {
                continue;
            }
            for a in attrs {
                let segs = Self::attr_path(a);
                let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
                if spec.decorators.iter().any(|d| pattern_matches(d, &segs)) {
                    return Some(Handler {
                        framework: spec.framework.clone(),
                        trigger: spec.trigger.into(),
                        evidence: self.pos.span(a.span()),
                    });
                }
            }
        }
        None
    }

    fn startup(&self, name: &str, attrs: &[Attribute], head: Span) -> Option<RunsOnce> {
        for spec in &self.kb.startups {
            if spec.names.iter().any(|n| n == name) {
                return Some(RunsOnce {
                    reason: spec.reason.clone(),
                    evidence: head,
                });
            }
            for a in attrs {
                let segs = Self::attr_path(a);
                let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
                if spec.decorators.iter().any(|d| pattern_matches(d, &segs)) {
                    return Some(RunsOnce {
                        reason: spec.reason.clone(),
                        evidence: self.pos.span(a.span()),
                    });
                }
            }
        }
        self.roles.once_by_name.get(name).cloned()
    }

    fn enter(&mut self, f: Function, body: BodyRef<'ast>, cache: bool) {
        let id = self.push_function(f);
        self.frames.push(Frame {
            id: Some(id),
            loops: 0,
            body: Some(body),
            cache,
            types: Vec::new(),
            uses: None,
        });
    }

    fn bind_type(&mut self, pat: &syn::Pat, ty: Option<String>) {
        let (syn::Pat::Ident(id), Some(ty)) = (pat, ty) else {
            return;
        };
        if let Some(f) = self.frames.last_mut() {
            f.types.push((id.ident.to_string(), ty));
        }
    }

    fn bind_params<'p>(&mut self, params: impl Iterator<Item = &'p syn::Pat>) {
        for p in params {
            if let syn::Pat::Type(t) = p {
                self.bind_type(&t.pat, type_name(&t.ty));
            }
        }
    }

    /// The type of a local name, innermost function first.
    fn type_of(&self, name: &str) -> Option<&str> {
        self.frames.iter().rev().find_map(|f| {
            f.types
                .iter()
                .rev()
                .find(|(n, _)| n == name)
                .map(|(_, t)| t.as_str())
        })
    }

    fn leave(&mut self) {
        self.frames.pop();
    }

    fn lower_fn(
        &mut self,
        attrs: &'ast [Attribute],
        vis: &syn::Visibility,
        sig: &'ast syn::Signature,
        block: &'ast Block,
        method_of: Option<(Option<String>, Option<Handler>)>,
    ) {
        let name = sig.ident.to_string();
        let head = self.pos.span(sig.ident.span());
        let span = self.pos.between(
            attrs
                .first()
                .map_or(sig.fn_token.span, |a| a.pound_token.span),
            block.brace_token.span.close(),
        );
        let span = Span::new(
            span.start.min(head.start) as usize,
            span.end.max(head.end) as usize,
        );
        let is_method = method_of.is_some();
        let (class, impl_handler) = method_of.unwrap_or((None, None));
        let kind = if !is_method {
            FunctionKind::Function
        } else if name == "new" || name == "default" {
            FunctionKind::Constructor
        } else {
            FunctionKind::Method
        };
        let mut handler = self.attr_handler(attrs).or(impl_handler);
        if handler.is_none() && !is_method {
            handler = self.roles.handler_by_name.get(&name).cloned();
        }
        if handler.is_none() {
            handler = self.names_handler(&name, head);
        }
        let runs_once = self.startup(&name, attrs, head);
        let exported = !matches!(vis, syn::Visibility::Inherited);
        if exported && !is_method && self.mod_depth == 0 && self.frames.len() == 1 {
            self.facts.exports.push(Export {
                name: name.as_str().into(),
                local: Some(name.as_str().into()),
                from: None,
                span: head,
            });
        }
        let parent = self.frame().0;
        self.enter(
            Function {
                name: Some(name.into()),
                kind,
                span,
                head,
                parent,
                class: class.map(Into::into),
                handler: handler.map(Box::new),
                runs_once: runs_once.map(Box::new),
                exported,
            },
            BodyRef::Block(block),
            false,
        );
        for a in &sig.inputs {
            if let syn::FnArg::Typed(t) = a {
                self.bind_type(&t.pat, type_name(&t.ty));
            }
        }
        let saved = std::mem::take(&mut self.anc);
        self.anc.push(Anc::Body);
        self.visit_block(block);
        self.anc = saved;
        self.leave();
    }

    fn names_handler(&self, name: &str, head: Span) -> Option<Handler> {
        self.kb
            .handlers
            .iter()
            .find(|s| s.names.iter().any(|n| n == name) && self.gated(&s.imports))
            .map(|s| Handler {
                framework: s.framework.clone(),
                trigger: s.trigger.into(),
                evidence: head,
            })
    }

    /// The handler a trait impl makes of its methods (tonic services).
    fn impl_handler(&self, i: &syn::ItemImpl) -> Option<Handler> {
        let (_, trait_path, _) = i.trait_.as_ref()?;
        let trait_name = trait_path.segments.last()?.ident.to_string();
        for spec in &self.kb.handlers {
            if spec.bases.is_empty() || !self.gated(&spec.imports) {
                continue;
            }
            if !spec
                .bases
                .iter()
                .any(|b| b == "*" || connlint_core::knowledge::name_matches(b, &trait_name))
            {
                continue;
            }
            let evidence = if spec.decorators.is_empty() {
                Some(self.pos.span(trait_path.span()))
            } else {
                i.attrs.iter().find_map(|a| {
                    let segs = Self::attr_path(a);
                    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
                    spec.decorators
                        .iter()
                        .any(|d| pattern_matches(d, &segs))
                        .then(|| self.pos.span(a.span()))
                })
            };
            if let Some(evidence) = evidence {
                return Some(Handler {
                    framework: spec.framework.clone(),
                    trigger: spec.trigger.into(),
                    evidence,
                });
            }
        }
        None
    }

    fn fate_here(&mut self) -> (Fate, Option<String>) {
        let cache_fn = self.frames.last().is_some_and(|f| f.cache);
        let idx = self.anc.len().saturating_sub(1);
        match classify(&self.anc, idx, self.kb, self.roles, cache_fn) {
            Outcome::Fate(f) => (f, None),
            Outcome::Bind(name) => {
                self.find_uses();
                let fate = self.follow(&name, 0);
                (fate, Some(name))
            }
        }
    }

    /// Walks the current function's body once for the uses of its local names.
    fn find_uses(&mut self) {
        let Some(frame) = self.frames.last() else {
            return;
        };
        if frame.uses.is_some() {
            return;
        }
        let mut finder = UseFinder {
            kb: self.kb,
            roles: self.roles,
            cache_fn: frame.cache,
            anc: vec![Anc::Body],
            out: HashMap::new(),
        };
        match frame.body {
            Some(BodyRef::Block(b)) => finder.visit_block(b),
            Some(BodyRef::Expr(e)) => finder.visit_expr(e),
            None => {}
        }
        if let Some(frame) = self.frames.last_mut() {
            frame.uses = Some(finder.out);
        }
    }

    /// The strongest fate of the uses of `name` in the current function's body (its uses must
    /// have been found with [`Self::find_uses`]).
    fn follow(&self, name: &str, depth: u32) -> Fate {
        let Some(uses) = self.frames.last().and_then(|f| f.uses.as_ref()) else {
            return Fate::Local;
        };
        let mut fate = Fate::Local;
        for o in uses.get(name).map_or(&[][..], Vec::as_slice) {
            let f = match o {
                Outcome::Fate(f) => *f,
                Outcome::Bind(other) if other != name && depth < 4 => self.follow(other, depth + 1),
                Outcome::Bind(_) => Fate::Local,
            };
            fate = fate.stronger(f);
        }
        fate
    }

    /// `Client::with_uri_str(..)` where `Client` resolves to a known client.
    fn construction(&self, c: &syn::ExprCall) -> Option<String> {
        let Expr::Path(p) = &*c.func else { return None };
        if p.qself.is_some() {
            return None;
        }
        let segs = path_segs(&p.path);
        let (method, ty) = segs.split_last()?;
        if ty.is_empty() {
            return None;
        }
        self.client_of_type(ty, method, |spec| &spec.statics)
    }

    /// The client whose type `ty` resolves to and whose `methods(spec)` list `method`.
    fn client_of_type(
        &self,
        ty: &[String],
        method: &str,
        methods: impl Fn(&connlint_core::knowledge::ClientSpec) -> &Vec<String>,
    ) -> Option<String> {
        let full = self.names.resolve(ty);
        for spec in &self.kb.clients {
            if !methods(spec).iter().any(|s| s == method) {
                continue;
            }
            let hit = match full.split_last() {
                Some((sym, module)) if sym == &spec.symbol && !module.is_empty() => {
                    spec.modules.contains(&module.join("::"))
                }
                Some((sym, [])) if sym == &spec.symbol && !self.names.uses.contains_key(sym) => {
                    self.names
                        .globs
                        .iter()
                        .any(|g| spec.modules.contains(&g.join("::")))
                }
                _ => false,
            };
            if hit {
                return Some(spec.id.clone());
            }
        }
        None
    }

    /// `Client::builder().timeout(t).build()`, `PgPoolOptions::new().max_connections(5)
    /// .connect(url)`: the client a builder chain ending in `m` builds, with the chain's
    /// pool-size calls (recorded here: generic options such as `max_size` count only in the
    /// chain of a client that lists them).
    fn builder_chain(&mut self, m: &syn::ExprMethodCall) -> Option<String> {
        let end = m.method.to_string();
        if !self.kb.clients.iter().any(|c| c.build.contains(&end)) {
            return None;
        }
        let mut links: Vec<&syn::ExprMethodCall> = Vec::new();
        let mut cur: &Expr = &m.receiver;
        let root = loop {
            match cur {
                Expr::MethodCall(inner) => {
                    if links.len() >= 256 {
                        return None;
                    }
                    links.push(inner);
                    cur = &inner.receiver;
                }
                Expr::Paren(p) => cur = &p.expr,
                Expr::Call(c) => break c,
                _ => return None,
            }
        };
        let Expr::Path(p) = &*root.func else {
            return None;
        };
        if p.qself.is_some() {
            return None;
        }
        let segs = path_segs(&p.path);
        let (start, ty) = segs.split_last()?;
        if ty.is_empty() {
            return None;
        }
        let id = self.client_of_type(ty, start, |spec| &spec.builders)?;
        let spec = self.kb.clients.iter().find(|c| c.id == id)?;
        if !spec.build.contains(&end) {
            return None;
        }
        let options = spec.pool_options.clone();
        for link in links {
            let name = link.method.to_string();
            if link.args.len() == 1 && options.contains(&name) {
                if let Some(arg) = link.args.first() {
                    self.pool_setting_of(Some(&id), &name, arg);
                }
            }
        }
        Some(id)
    }

    fn record_call(&mut self, e: &'ast Expr) {
        let callee = match e {
            Expr::Call(c) => {
                let Expr::Path(p) = &*c.func else { return };
                if p.qself.is_some() {
                    return;
                }
                let segs = path_segs(&p.path);
                if is_wrapper(&segs) {
                    return;
                }
                match segs.as_slice() {
                    [] => return,
                    [one] => Callee {
                        receiver: None,
                        name: one.as_str().into(),
                        instantiation: one.starts_with(|c: char| c.is_uppercase()),
                    },
                    [.., ty, new] if new == "new" => Callee {
                        receiver: None,
                        name: ty.as_str().into(),
                        instantiation: true,
                    },
                    [prefix @ .., last] => Callee {
                        receiver: Some(prefix.join("::").into()),
                        name: last.as_str().into(),
                        instantiation: false,
                    },
                }
            }
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                let is_self = matches!(&*m.receiver, Expr::Path(p) if p.path.is_ident("self"));
                if !is_self && !self.names.methods.contains(&name) {
                    return;
                }
                let receiver = match &*m.receiver {
                    Expr::Path(p) if p.qself.is_none() => {
                        let segs = path_segs(&p.path);
                        match segs.as_slice() {
                            [one] => Some(self.type_of(one).unwrap_or(one).to_string()),
                            _ => Some(segs.join("::")),
                        }
                    }
                    Expr::Field(_) => Some(written_path(&m.receiver).join(".")),
                    _ => None,
                };
                Callee {
                    receiver: receiver.map(Into::into),
                    name: name.into(),
                    instantiation: false,
                }
            }
            _ => return,
        };
        let (caller, in_loop) = self.frame();
        let (fate, _) = self.fate_here();
        let span = match e {
            Expr::MethodCall(m) => self
                .pos
                .between(m.method.span(), m.paren_token.span.close()),
            Expr::Call(c) => call_span(c, self.pos),
            _ => self.pos.span(e.span()),
        };
        self.facts.calls.push(Call {
            caller,
            callee,
            span,
            in_loop,
            fate,
        });
    }

    fn pool_value(e: &Expr) -> Option<&syn::LitInt> {
        match e {
            Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Int(i),
                ..
            }) => Some(i),
            Expr::Call(c) => match (&*c.func, c.args.first()) {
                (Expr::Path(p), Some(arg)) if p.path.is_ident("Some") && c.args.len() == 1 => {
                    Self::pool_value(arg)
                }
                _ => None,
            },
            Expr::Paren(p) => Self::pool_value(&p.expr),
            _ => None,
        }
    }

    fn pool_setting(&mut self, option: &str, value: &Expr) {
        self.pool_setting_of(None, option, value);
    }

    /// A pool setting of the client `client` when known (a builder chain's), else of the first
    /// client listing `option`.
    fn pool_setting_of(&mut self, client: Option<&str>, option: &str, value: &Expr) {
        let lists =
            |c: &&connlint_core::knowledge::ClientSpec| c.pool_options.iter().any(|o| o == option);
        let Some(spec) = client
            .and_then(|id| self.kb.clients.iter().find(|c| c.id == id))
            .filter(lists)
            .or_else(|| self.kb.clients.iter().find(lists))
        else {
            return;
        };
        let Some(lit) = Self::pool_value(value) else {
            return;
        };
        let Ok(v) = lit.base10_parse::<u64>() else {
            return;
        };
        self.facts.pool_settings.push(PoolSetting {
            option: option.into(),
            client: Some(spec.id.as_str().into()),
            value: v,
            span: self.pos.span(lit.span()),
        });
    }

    /// `maxPoolSize=N` in a connection string literal.
    fn uri_pool(&mut self, lit: &syn::LitStr) {
        let span = self.pos.span(lit.span());
        let Some(text) = self.src.get(span.range()) else {
            return;
        };
        let lower = text.to_ascii_lowercase();
        for spec in &self.kb.clients {
            if !spec
                .uri_schemes
                .iter()
                .any(|s| lower.contains(&s.to_ascii_lowercase()))
            {
                continue;
            }
            let Some(q) = text.find('?') else { continue };
            let mut at = q + 1;
            for part in text.get(q + 1..).unwrap_or("").split(['&', ';']) {
                let start = at;
                at += part.len() + 1;
                let Some((key, val)) = part.split_once('=') else {
                    continue;
                };
                let norm: String = key
                    .chars()
                    .filter(|c| *c != '_')
                    .collect::<String>()
                    .to_ascii_lowercase();
                let matches = spec
                    .pool_options
                    .iter()
                    .any(|o| o.replace('_', "").to_ascii_lowercase() == norm);
                if !matches {
                    continue;
                }
                let digits: String = val.chars().take_while(char::is_ascii_digit).collect();
                let Ok(v) = digits.parse::<u64>() else {
                    continue;
                };
                let vstart = span.start as usize + start + key.len() + 1;
                self.facts.pool_settings.push(PoolSetting {
                    option: key.into(),
                    client: Some(spec.id.as_str().into()),
                    value: v,
                    span: Span::new(vstart, vstart + digits.len()),
                });
            }
            return;
        }
    }

    fn closure(&mut self, c: &'ast syn::ExprClosure) {
        let key = closure_key(c);
        let name = match self.anc.iter().rev().nth(1) {
            Some(Anc::Local(l)) => match &l.pat {
                syn::Pat::Ident(i) => Some(i.ident.to_string()),
                _ => None,
            },
            _ => None,
        };
        let head = self.pos.between(c.or1_token.span, c.or2_token.span);
        // Spanned::span re-prints the whole closure; a block body's brace is enough.
        let span = match &*c.body {
            Expr::Block(b) => self
                .pos
                .between(c.or1_token.span, b.block.brace_token.span.close()),
            Expr::Async(b) => self
                .pos
                .between(c.or1_token.span, b.block.brace_token.span.close()),
            body => self.pos.between(c.or1_token.span, body.span()),
        };
        let span = match (&c.capture, &c.asyncness) {
            (_, Some(a)) => Span::new(self.pos.span(a.span).start as usize, span.end as usize),
            (Some(m), None) => Span::new(self.pos.span(m.span).start as usize, span.end as usize),
            _ => span,
        };
        let parent = self.frame().0;
        let cache = self.roles.cache_closures.contains_key(&key);
        self.enter(
            Function {
                name: name.map(Into::into),
                kind: FunctionKind::Closure,
                span,
                head,
                parent,
                class: None,
                handler: self
                    .roles
                    .handler_by_closure
                    .get(&key)
                    .cloned()
                    .map(Box::new),
                runs_once: self.roles.once_by_closure.get(&key).cloned().map(Box::new),
                exported: false,
            },
            BodyRef::Expr(&c.body),
            cache,
        );
        self.bind_params(c.inputs.iter());
        self.visit_expr(&c.body);
        self.leave();
    }

    fn in_loop(&mut self, f: impl FnOnce(&mut Self)) {
        if let Some(fr) = self.frames.last_mut() {
            fr.loops += 1;
        }
        f(self);
        if let Some(fr) = self.frames.last_mut() {
            fr.loops = fr.loops.saturating_sub(1);
        }
    }

    fn import(&mut self, tree: &syn::UseTree, prefix: &mut Vec<String>, span: Span, public: bool) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.import(&p.tree, prefix, span, public);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let name = n.ident.to_string();
                if name == "self" {
                    if let Some(last) = prefix.last().cloned() {
                        self.push_import(
                            last,
                            prefix.join("::"),
                            Imported::Namespace,
                            span,
                            public,
                        );
                    }
                } else if prefix.is_empty() {
                    self.push_import(name.clone(), name, Imported::Namespace, span, public);
                } else {
                    self.push_import(
                        name.clone(),
                        prefix.join("::"),
                        Imported::Named(name.into()),
                        span,
                        public,
                    );
                }
            }
            syn::UseTree::Rename(r) => {
                let name = r.ident.to_string();
                let local = r.rename.to_string();
                if name == "self" || prefix.is_empty() {
                    let mut full = prefix.clone();
                    if name != "self" {
                        full.push(name);
                    }
                    self.push_import(local, full.join("::"), Imported::Namespace, span, public);
                } else {
                    self.push_import(
                        local,
                        prefix.join("::"),
                        Imported::Named(name.into()),
                        span,
                        public,
                    );
                }
            }
            syn::UseTree::Glob(_) => {}
            syn::UseTree::Group(g) => {
                for item in &g.items {
                    self.import(item, prefix, span, public);
                }
            }
        }
    }

    fn push_import(
        &mut self,
        local: String,
        source: String,
        imported: Imported,
        span: Span,
        public: bool,
    ) {
        if public && self.mod_depth == 0 {
            self.facts.exports.push(Export {
                name: local.as_str().into(),
                local: None,
                from: Some(source.as_str().into()),
                span,
            });
        }
        self.facts.imports.push(Import {
            local: local.into(),
            source: source.into(),
            imported,
            span,
        });
    }
}

impl<'ast> Visit<'ast> for Lower<'_, 'ast> {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.lower_fn(&f.attrs, &f.vis, &f.sig, &f.block, None);
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let class = match &*i.self_ty {
            syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        };
        let handler = self.impl_handler(i);
        self.impl_ctx.push((class, handler));
        for item in &i.items {
            self.visit_impl_item(item);
        }
        self.impl_ctx.pop();
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        let ctx = self.impl_ctx.last().cloned().unwrap_or((None, None));
        self.lower_fn(&f.attrs, &f.vis, &f.sig, &f.block, Some(ctx));
    }

    fn visit_item_trait(&mut self, t: &'ast syn::ItemTrait) {
        self.impl_ctx.push((Some(t.ident.to_string()), None));
        for item in &t.items {
            if let syn::TraitItem::Fn(f) = item {
                if let Some(block) = &f.default {
                    let ctx = self.impl_ctx.last().cloned().unwrap_or((None, None));
                    self.lower_fn(
                        &f.attrs,
                        &syn::Visibility::Inherited,
                        &f.sig,
                        block,
                        Some(ctx),
                    );
                }
            }
        }
        self.impl_ctx.pop();
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        let name = m.ident.to_string();
        if m.content.is_none() && self.mod_depth == 0 {
            let span = self.pos.span(m.ident.span());
            self.facts.imports.push(Import {
                local: name.as_str().into(),
                source: format!("self::{name}").into(),
                imported: Imported::Namespace,
                span,
            });
        }
        self.mod_depth += 1;
        syn::visit::visit_item_mod(self, m);
        self.mod_depth -= 1;
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        if self.frames.len() > 1 {
            return;
        }
        let span = self.pos.span(u.span());
        let public = !matches!(u.vis, syn::Visibility::Inherited);
        let mut prefix = Vec::new();
        self.import(&u.tree, &mut prefix, span, public);
    }

    fn visit_item_static(&mut self, s: &'ast syn::ItemStatic) {
        self.static_like(&s.vis, &s.ident, &s.expr);
    }

    fn visit_item_const(&mut self, c: &'ast syn::ItemConst) {
        self.static_like(&c.vis, &c.ident, &c.expr);
    }

    fn visit_local(&mut self, l: &'ast Local) {
        self.anc.push(Anc::Local(l));
        syn::visit::visit_local(self, l);
        self.anc.pop();
        let (pat, ty) = match &l.pat {
            syn::Pat::Type(t) => (&*t.pat, type_name(&t.ty)),
            p => (p, l.init.as_ref().and_then(|i| init_type(&i.expr))),
        };
        self.bind_type(pat, ty);
    }

    fn visit_field_value(&mut self, f: &'ast FieldValue) {
        self.anc.push(Anc::Field);
        if let syn::Member::Named(n) = &f.member {
            let name = n.to_string();
            if connlint_core::knowledge::option_names_pool(&name) {
                self.pool_setting(&name, &f.expr);
            }
        }
        syn::visit::visit_field_value(self, f);
        self.anc.pop();
    }

    fn visit_stmt(&mut self, s: &'ast Stmt) {
        self.anc.push(Anc::Stmt(s));
        syn::visit::visit_stmt(self, s);
        self.anc.pop();
    }

    fn visit_block(&mut self, b: &'ast Block) {
        self.anc.push(Anc::Block(b));
        syn::visit::visit_block(self, b);
        self.anc.pop();
    }

    fn visit_expr(&mut self, e: &'ast Expr) {
        self.anc.push(Anc::Expr(e));
        match e {
            Expr::Closure(c) => {
                self.closure(c);
                self.anc.pop();
                return;
            }
            Expr::ForLoop(f) => {
                self.visit_pat(&f.pat);
                self.visit_expr(&f.expr);
                self.in_loop(|s| s.visit_block(&f.body));
                self.anc.pop();
                return;
            }
            Expr::While(w) => {
                self.in_loop(|s| {
                    s.visit_expr(&w.cond);
                    s.visit_block(&w.body);
                });
                self.anc.pop();
                return;
            }
            Expr::Loop(l) => {
                self.in_loop(|s| s.visit_block(&l.body));
                self.anc.pop();
                return;
            }
            Expr::Call(c) => {
                if let Some(client) = self.construction(c) {
                    let (function, in_loop) = self.frame();
                    let (mut fate, binding) = self.fate_here();
                    if self.in_lazy && function.is_none() {
                        fate = Fate::Cached;
                    }
                    self.facts.constructions.push(Construction {
                        client: client.into(),
                        span: call_span(c, self.pos),
                        function,
                        in_loop,
                        binding: binding.map(Into::into),
                        fate,
                    });
                } else {
                    self.record_call(e);
                }
            }
            Expr::MethodCall(m) => {
                let method = m.method.to_string();
                if m.args.len() == 1 && connlint_core::knowledge::option_names_pool(&method) {
                    if let Some(arg) = m.args.first() {
                        self.pool_setting(&method, arg);
                    }
                }
                if let Some(client) = self.builder_chain(m) {
                    let (function, in_loop) = self.frame();
                    let (mut fate, binding) = self.fate_here();
                    if self.in_lazy && function.is_none() {
                        fate = Fate::Cached;
                    }
                    self.facts.constructions.push(Construction {
                        client: client.into(),
                        span: self.pos.span(e.span()),
                        function,
                        in_loop,
                        binding: binding.map(Into::into),
                        fate,
                    });
                } else {
                    self.record_call(e);
                }
            }
            Expr::Assign(a) => {
                if let Expr::Field(f) = &*a.left {
                    if let syn::Member::Named(n) = &f.member {
                        let name = n.to_string();
                        if connlint_core::knowledge::option_names_pool(&name) {
                            self.pool_setting(&name, &a.right);
                        }
                    }
                }
            }
            Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => self.uri_pool(s),
            _ => {}
        }
        syn::visit::visit_expr(self, e);
        self.anc.pop();
    }
}

impl<'ast> Lower<'_, 'ast> {
    fn static_like(&mut self, vis: &syn::Visibility, ident: &syn::Ident, expr: &'ast Expr) {
        if !matches!(vis, syn::Visibility::Inherited)
            && self.mod_depth == 0
            && self.frames.len() == 1
        {
            let name = ident.to_string();
            self.facts.exports.push(Export {
                name: name.as_str().into(),
                local: Some(name.into()),
                from: None,
                span: self.pos.span(ident.span()),
            });
        }
        let saved = std::mem::take(&mut self.anc);
        self.anc.push(Anc::Static);
        self.visit_expr(expr);
        self.anc = saved;
    }
}

/// Wrappers whose first type argument is the type that methods are called on.
const TYPE_WRAPPERS: &[&str] = &["Data", "State", "Extension", "Arc", "Rc", "Box"];

/// The name of a written type: `Service`, `&Service`, `web::Data<Service>` -> `Service`.
fn type_name(ty: &syn::Type) -> Option<String> {
    let mut ty = ty;
    for _ in 0..8 {
        match ty {
            syn::Type::Reference(r) => ty = &r.elem,
            syn::Type::Paren(p) => ty = &p.elem,
            syn::Type::Path(p) if p.qself.is_none() => {
                let last = p.path.segments.last()?;
                let inner = match &last.arguments {
                    syn::PathArguments::AngleBracketed(a)
                        if TYPE_WRAPPERS.iter().any(|w| last.ident == w) =>
                    {
                        a.args.iter().find_map(|g| match g {
                            syn::GenericArgument::Type(t) => Some(t),
                            _ => None,
                        })
                    }
                    _ => None,
                };
                match inner {
                    Some(t) => ty = t,
                    None => return Some(last.ident.to_string()),
                }
            }
            _ => return None,
        }
    }
    None
}

/// The type a `let` initialiser evidently has: `Type::new(..)`, `Type { .. }`.
fn init_type(e: &Expr) -> Option<String> {
    match e {
        Expr::Call(c) => match &*c.func {
            Expr::Path(p) => match path_segs(&p.path).as_slice() {
                [.., ty, f] if f == "new" || f == "default" => Some(ty.clone()),
                _ => None,
            },
            _ => None,
        },
        Expr::Struct(s) => s.path.segments.last().map(|l| l.ident.to_string()),
        Expr::Await(a) => init_type(&a.base),
        Expr::Try(t) => init_type(&t.expr),
        _ => None,
    }
}

/// From the callee to the closing parenthesis, without re-printing the arguments.
pub fn call_span(c: &syn::ExprCall, pos: &Positions) -> Span {
    pos.between(c.func.span(), c.paren_token.span.close())
}
