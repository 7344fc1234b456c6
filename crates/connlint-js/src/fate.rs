//! Pass 4: what becomes of each construction and call result, and which closes are guarded.

use crate::analyzer::Analyzer;
use crate::grammar::F;
use crate::syntax::{self, is_function, named_children, unwrap, MAX_UP};
use connlint_core::Name;
use connlint_core::{
    Call, Callee, Close, CloseGuard, Construction, Fate, FuncId, LangFamily, RunsOnce, Span,
    StoreTarget,
};
use foldhash::{HashMap, HashMapExt, HashSet};
use tree_sitter::Node;

/// How many uses of a binding are followed, and how many aliases deep.
const MAX_USES: usize = 200;
const MAX_ALIAS_DEPTH: u32 = 3;

const SHUTDOWN_EVENTS: &[&str] = &[
    "SIGINT",
    "SIGTERM",
    "SIGHUP",
    "SIGQUIT",
    "SIGUSR2",
    "exit",
    "beforeExit",
];

/// Methods whose result is the client itself (or a promise of it): `connect()` and the
/// `EventEmitter` methods that return `this`.
pub(crate) const RETURNS_SELF: &[&str] = &[
    "connect",
    "on",
    "once",
    "addListener",
    "prependListener",
    "prependOnceListener",
    "off",
    "removeListener",
    "removeAllListeners",
    "setMaxListeners",
];

/// `needle` occurs in `hay` as a whole name (not part of a longer identifier or path).
fn contains_token(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let mut from = 0;
    while let Some(at) = hay.get(from..).and_then(|h| h.find(needle)) {
        let start = from + at;
        let end = start + needle.len();
        let before = hay.get(..start).and_then(|s| s.chars().next_back());
        let after = hay.get(end..).and_then(|s| s.chars().next());
        let ok_before = !before.is_some_and(|c| ident(c) || c == '.');
        let ok_after = !after.is_some_and(ident);
        if ok_before && ok_after {
            return true;
        }
        from = end;
    }
    false
}

impl<'s, 't> Analyzer<'s, 't> {
    fn func_node(&self, func: Option<FuncId>) -> Option<Node<'t>> {
        func.and_then(|f| self.fns.get(f as usize)).map(|i| i.node)
    }

    fn root_of(&self, n: Node<'_>) -> Name {
        let mut cur = n;
        for _ in 0..MAX_UP {
            match self.g.kind(cur) {
                "member_expression" | "subscript_expression" => {
                    match self.g.field(cur, F::Object) {
                        Some(o) => cur = o,
                        None => break,
                    }
                }
                k if syntax::is_transparent(k) => match cur.named_child(0) {
                    Some(o) => cur = o,
                    None => break,
                },
                _ => break,
            }
        }
        self.text(cur).into()
    }

    fn is_global_cache(&self, root: &str) -> bool {
        let mut globals = self
            .kb
            .caches_for(LangFamily::Js)
            .flat_map(|c| c.globals.iter());
        globals.any(|g| g == root)
    }

    /// An enclosing `if` (inside the function) whose condition tests `target`.
    fn guarded_by_if(&self, n: Node<'_>, target: &str) -> bool {
        let mut cur = n;
        for _ in 0..MAX_UP {
            let Some(p) = self.parent(cur) else {
                return false;
            };
            if is_function(self.g.kind(p)) {
                return false;
            }
            if self.g.kind(p) == "if_statement" {
                let in_cond = self.g.field(p, F::Condition).map(|c| c.id()) == Some(cur.id());
                if !in_cond {
                    if let Some(c) = self.g.field(p, F::Condition) {
                        if contains_token(self.text(c), target) {
                            return true;
                        }
                    }
                }
            }
            cur = p;
        }
        false
    }

    /// `n` sits in an `if` whose condition mentions `token` (a property too:
    /// `mongoose.connection.readyState`), or follows an early `if (..token..) return`.
    fn checked_first(&self, n: Node<'_>, func: Option<FuncId>, token: &str) -> bool {
        let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
        let mentions = |cond: Node<'_>| {
            let hay = self.text(cond);
            hay.match_indices(token).any(|(at, _)| {
                let before = hay.get(..at).and_then(|s| s.chars().next_back());
                let after = hay.get(at + token.len()..).and_then(|s| s.chars().next());
                !before.is_some_and(ident) && !after.is_some_and(ident)
            })
        };
        let mut cur = n;
        for _ in 0..MAX_UP {
            let Some(p) = self.parent(cur) else { break };
            if is_function(self.g.kind(p)) {
                break;
            }
            if self.g.kind(p) == "if_statement" {
                if let Some(c) = self.g.field(p, F::Condition) {
                    if c.id() != cur.id() && mentions(c) {
                        return true;
                    }
                }
            }
            cur = p;
        }
        self.early_returns(func)
            .iter()
            .take_while(|(start, _)| *start < n.start_byte())
            .any(|(_, cond)| mentions(*cond))
    }

    /// The conditions of `if (..) return ..;` statements at the top level of a function's
    /// body, with their start, in source order.
    fn early_returns(&self, func: Option<FuncId>) -> &[(usize, Node<'t>)] {
        func.and_then(|f| self.early_returns.get(f as usize))
            .map_or(&[], Vec::as_slice)
    }

    /// Fills `early_returns` for every function: one pass over their bodies' statements.
    pub fn index_early_returns(&mut self) {
        let mut all = Vec::with_capacity(self.fns.len());
        for info in &self.fns {
            let mut found = Vec::new();
            let body = self
                .g
                .field(info.node, F::Body)
                .filter(|b| self.g.kind(*b) == "statement_block");
            for stmt in body.map(|x| named_children(self.g, x)).unwrap_or_default() {
                if self.g.kind(stmt) != "if_statement" {
                    continue;
                }
                let (Some(cond), Some(cons)) = (
                    self.g.field(stmt, F::Condition),
                    self.g.field(stmt, F::Consequence),
                ) else {
                    continue;
                };
                let returns = self.g.kind(cons) == "return_statement"
                    || (self.g.kind(cons) == "statement_block"
                        && named_children(self.g, cons)
                            .first()
                            .is_some_and(|s| self.g.kind(*s) == "return_statement"));
                if returns {
                    found.push((stmt.start_byte(), cond));
                }
            }
            all.push(found);
        }
        self.early_returns = all;
    }

    /// An early `if (cache.conn) return cache.conn;` before `n` in its function body.
    fn early_return_guard(
        &self,
        n: Node<'_>,
        func: Option<FuncId>,
        root: &str,
        target: &str,
    ) -> bool {
        self.early_returns(func)
            .iter()
            .take_while(|(start, _)| *start < n.start_byte())
            .any(|(_, cond)| {
                let c = self.text(*cond);
                contains_token(c, root) || contains_token(c, target)
            })
    }

    /// Where a value assigned to `left` goes.
    fn store(
        &mut self,
        left: Node<'t>,
        at: Node<'t>,
        func: Option<FuncId>,
        or_left: &[String],
        depth: u32,
    ) -> Fate {
        let target = self.text(left).to_string();
        let root = self.root_of(left);
        let guarded = or_left.contains(&target)
            || self.guarded_by_if(at, &target)
            || self.early_return_guard(at, func, &root, &target);
        match self.g.kind(left) {
            "identifier" => {
                if func.is_some() && self.is_local(func, &target) {
                    self.follow_uses(&target, func, Some(left), depth + 1)
                } else if guarded {
                    Fate::Cached
                } else {
                    Fate::Stored(StoreTarget::Module)
                }
            }
            "member_expression" | "subscript_expression" => {
                if self.is_global_cache(&root) || guarded {
                    return Fate::Cached;
                }
                if root == "this" {
                    return Fate::Stored(StoreTarget::Instance);
                }
                let path = self.path_of(left);
                let inner = &path[..path.len().saturating_sub(1)];
                let app = inner.iter().any(|s| s == "app")
                    || matches!(root.as_str(), "app" | "fastify" | "server")
                    || (inner.iter().any(|s| s == "locals") && root != "res");
                if app {
                    return Fate::Stored(StoreTarget::AppState);
                }
                if func.is_some() && self.is_local(func, &root) {
                    Fate::Local
                } else {
                    Fate::Stored(StoreTarget::Module)
                }
            }
            _ => Fate::Local,
        }
    }

    /// Follows the value produced at `n` upward to where it lands. Returns the fate and the
    /// binding it lands in, if any.
    fn fate_of(&mut self, n: Node<'t>, func: Option<FuncId>, depth: u32) -> (Fate, Option<Name>) {
        let mut derived = false;
        let (fate, binding) = self.fate_of_value(n, func, depth, &mut derived);
        // `client.db().collection(..).find()` handed on or returned is a value derived from the
        // client, not the client: the caller cannot close it. Storing a derived value still
        // keeps the client alive with it.
        if derived && matches!(fate, Fate::Returned | Fate::PassedOn) {
            return (Fate::Local, binding);
        }
        (fate, binding)
    }

    fn fate_of_value(
        &mut self,
        n: Node<'t>,
        func: Option<FuncId>,
        depth: u32,
        derived: &mut bool,
    ) -> (Fate, Option<Name>) {
        let mut cur = n;
        let mut or_left: Vec<String> = Vec::new();
        for _ in 0..MAX_UP {
            let Some(p) = self.parent(cur) else {
                return (Fate::Local, None);
            };
            let is_field = |f: F| self.g.field(p, f).map(|c| c.id()) == Some(cur.id());
            match self.g.kind(p) {
                k if syntax::is_transparent(k) => cur = p,
                "member_expression" if is_field(F::Object) => {
                    let method = self
                        .g
                        .field(p, F::Property)
                        .map(|x| self.text(x))
                        .unwrap_or("");
                    let call = self
                        .parent(p)
                        .filter(|g| self.g.kind(*g) == "call_expression")
                        .filter(|g| self.g.field(*g, F::Function).map(|f| f.id()) == Some(p.id()));
                    let closes = self
                        .clients
                        .iter()
                        .any(|c| c.close.iter().any(|m| m == method));
                    // `new MongoClient(uri).connect()` resolves to the client itself, and a
                    // promise chain carries it on; any other method (`client.db()`) yields
                    // something derived from it: see `fate_of`.
                    if !RETURNS_SELF.contains(&method)
                        && !matches!(method, "then" | "catch" | "finally")
                    {
                        *derived = true;
                    }
                    match call {
                        Some(g) if !closes => cur = g,
                        _ => return (Fate::Local, None),
                    }
                }
                "ternary_expression" if !is_field(F::Condition) => cur = p,
                "binary_expression" => {
                    let op = self
                        .g
                        .field(p, F::Operator)
                        .map(|o| self.text(o))
                        .unwrap_or("");
                    if !matches!(op, "||" | "??" | "&&") {
                        return (Fate::Local, None);
                    }
                    if is_field(F::Right) {
                        if let Some(l) = self.g.field(p, F::Left) {
                            or_left.push(self.text(unwrap(self.g, l)).to_string());
                        }
                    }
                    cur = p;
                }
                "pair" if is_field(F::Value) => match self.parent(p) {
                    Some(o) => cur = o,
                    None => return (Fate::Local, None),
                },
                "array" | "spread_element" => cur = p,
                "object" if self.g.kind(cur) == "shorthand_property_identifier" => cur = p,
                "arguments" => {
                    let Some(call) = self.parent(p) else {
                        return (Fate::Local, None);
                    };
                    let f = self.g.field(call, F::Function).map(|x| unwrap(self.g, x));
                    if let Some(f) = f.filter(|f| self.g.kind(*f) == "member_expression") {
                        let method = self
                            .g
                            .field(f, F::Property)
                            .map(|x| self.text(x))
                            .unwrap_or("");
                        let root = self.root_of(f);
                        if matches!(method, "set" | "decorate")
                            && matches!(root.as_str(), "app" | "fastify" | "server")
                        {
                            return (Fate::Stored(StoreTarget::AppState), None);
                        }
                        if matches!(method, "set" | "push" | "add" | "unshift")
                            && !(func.is_some() && self.is_local(func, &root))
                        {
                            if self.is_global_cache(&root) {
                                return (Fate::Cached, None);
                            }
                            return (Fate::Stored(StoreTarget::Collection), None);
                        }
                    }
                    return (Fate::PassedOn, None);
                }
                "variable_declarator" if is_field(F::Value) => {
                    let Some(name) = self.g.field(p, F::Name) else {
                        return (Fate::Local, None);
                    };
                    let using = self.parent(p).is_some_and(|d| {
                        self.g.kind(d) == "using_declaration"
                            || self.text(d).starts_with("using ")
                            || self.text(d).starts_with("await using ")
                    });
                    if self.g.kind(name) != "identifier" {
                        return (Fate::Local, None);
                    }
                    let binding = self.text(name).to_string();
                    if using {
                        return (Fate::ContextManaged, Some(binding.into()));
                    }
                    if func.is_none() {
                        return (Fate::Stored(StoreTarget::Module), Some(binding.into()));
                    }
                    let fate = self.follow_uses(&binding, func, Some(name), depth + 1);
                    return (fate, Some(binding.into()));
                }
                "assignment_expression" if is_field(F::Right) => {
                    let Some(left) = self.g.field(p, F::Left) else {
                        return (Fate::Local, None);
                    };
                    let binding = self.text(left).to_string();
                    // tree-sitter-typescript 0.23 reads `await using c = ..` as an
                    // assignment under `await`: the statement text tells.
                    let stmt = self
                        .parent(p)
                        .filter(|x| self.g.kind(*x) == "await_expression")
                        .and_then(|x| self.parent(x))
                        .or_else(|| self.parent(p))
                        .filter(|x| self.g.kind(*x) == "expression_statement");
                    if stmt.is_some_and(|x| {
                        let t = self.text(x);
                        t.starts_with("await using ") || t.starts_with("using ")
                    }) {
                        return (Fate::ContextManaged, Some(binding.into()));
                    }
                    let fate = self.store(left, p, func, &or_left, depth);
                    return (fate, Some(binding.into()));
                }
                "augmented_assignment_expression" if is_field(F::Right) => {
                    let Some(left) = self.g.field(p, F::Left) else {
                        return (Fate::Local, None);
                    };
                    let binding = self.text(left).to_string();
                    let op = self
                        .g
                        .field(p, F::Operator)
                        .map(|o| self.text(o))
                        .unwrap_or("");
                    if matches!(op, "??=" | "||=") {
                        return (Fate::Cached, Some(binding.into()));
                    }
                    let fate = self.store(left, p, func, &or_left, depth);
                    return (fate, Some(binding.into()));
                }
                "return_statement" | "yield_expression" => return (Fate::Returned, None),
                "arrow_function" if is_field(F::Body) => return (Fate::Returned, None),
                "field_definition" | "public_field_definition" => {
                    let name = self
                        .g
                        .field(p, F::Property)
                        .or_else(|| self.g.field(p, F::Name))
                        .map(|x| format!("this.{}", self.text(x)));
                    return (Fate::Stored(StoreTarget::Instance), name.map(Into::into));
                }
                "export_statement" => return (Fate::Stored(StoreTarget::Module), None),
                _ => return (Fate::Local, None),
            }
        }
        (Fate::Local, None)
    }

    /// The strongest fate among the uses of local `name` in `func`.
    fn follow_uses(
        &mut self,
        name: &str,
        func: Option<FuncId>,
        decl: Option<Node<'t>>,
        depth: u32,
    ) -> Fate {
        if depth > MAX_ALIAS_DEPTH {
            return Fate::Local;
        }
        let Some(scope) = self.func_node(func) else {
            return Fate::Local;
        };
        let skip = decl.map(|d| d.id());
        let (start, end) = (scope.start_byte(), scope.end_byte());
        // The identifiers named `name` inside the scope, in source order.
        let all = self.idents.get(name).map_or(&[][..], Vec::as_slice);
        let lo = all.partition_point(|n| n.start_byte() < start);
        let mut uses = Vec::new();
        for n in all.get(lo..).unwrap_or(&[]) {
            if self.scan_budget == 0 {
                return Fate::Local;
            }
            self.scan_budget -= 1;
            if n.start_byte() >= end || uses.len() >= MAX_USES {
                break;
            }
            if n.end_byte() <= end && Some(n.id()) != skip {
                uses.push(*n);
            }
        }
        let mut best = Fate::Local;
        for u in uses {
            // A reassignment of the name is not a use of the value.
            if self.parent(u).is_some_and(|p| {
                matches!(
                    self.g.kind(p),
                    "assignment_expression" | "augmented_assignment_expression"
                ) && self.g.field(p, F::Left).map(|l| l.id()) == Some(u.id())
            }) {
                continue;
            }
            let (mut fate, _) = self.fate_of(u, func, depth);
            // Returned from a nested function is not returned from this one.
            if fate == Fate::Returned && self.enclosing_fn(u).map(|f| f.id()) != Some(scope.id()) {
                fate = Fate::Local;
            }
            best = best.stronger(fate);
            if best == Fate::Cached {
                break;
            }
        }
        best
    }

    fn simple_receiver(&self, n: Node<'_>) -> Option<Name> {
        let n = unwrap(self.g, n);
        match self.g.kind(n) {
            "identifier" | "this" => Some(self.text(n).into()),
            "member_expression" => {
                let obj = self.g.field(n, F::Object)?;
                self.simple_receiver(obj)?;
                let t = self.text(n);
                (!t.contains(['(', '\n', ' '])).then(|| t.into())
            }
            _ => None,
        }
    }

    fn callee_of(&self, site: Node<'_>) -> Option<Callee> {
        let (f, instantiation) = match self.g.kind(site) {
            "new_expression" => (self.g.field(site, F::Constructor)?, true),
            _ => (self.g.field(site, F::Function)?, false),
        };
        let f = unwrap(self.g, f);
        match self.g.kind(f) {
            "identifier" => Some(Callee {
                receiver: None,
                name: self.text(f).into(),
                instantiation,
            }),
            "member_expression" => {
                let obj = self.g.field(f, F::Object)?;
                let prop = self.g.field(f, F::Property)?;
                Some(Callee {
                    receiver: Some(self.simple_receiver(obj)?),
                    name: self.text(prop).into(),
                    instantiation,
                })
            }
            _ => None,
        }
    }

    /// Whether a callee may be a function or class of this project, worth a fate.
    fn callee_known(&self, c: &Callee) -> bool {
        let local = self.declared.contains(&c.name) || self.fn_names.contains(&c.name);
        let imported = |n: &str| self.import_of.contains_key(n);
        match &c.receiver {
            None => local || imported(&c.name),
            Some(r) => {
                r == "this"
                    || r.starts_with("this.")
                    || imported(r)
                    || self.declared.contains(r)
                    || local
            }
        }
    }

    fn close_guard(&self, close: Node<'_>, binding: &str, method: &str) -> CloseGuard {
        let mut cur = close;
        for _ in 0..MAX_UP {
            let Some(p) = self.parent(cur) else { break };
            if is_function(self.g.kind(p)) {
                break;
            }
            match self.g.kind(p) {
                "finally_clause" => return CloseGuard::Finally,
                "try_statement" => {
                    let in_body = self.g.field(p, F::Body).map(|b| b.id()) == Some(cur.id());
                    let handler = self.g.field(p, F::Handler);
                    let in_handler = handler.map(|h| h.id()) == Some(cur.id());
                    if let (Some(h), Some(body)) = (handler, self.g.field(p, F::Body)) {
                        let closes_in = |n: Node<'_>| {
                            let needle = format!("{binding}.{method}(");
                            self.text(n).contains(&needle)
                        };
                        // A JS `catch` catches everything, so a close in the body and
                        // another in the handler cover every path, whether it rethrows or not.
                        if (in_body && closes_in(h)) || (in_handler && closes_in(body)) {
                            return CloseGuard::EveryPath;
                        }
                    }
                }
                _ => {}
            }
            cur = p;
        }
        // At a function boundary: `.finally(() => c.close())`, `process.on('SIGINT', ..)`.
        let mut f = self.enclosing_fn(close);
        let mut first = true;
        for _ in 0..MAX_UP {
            let Some(func) = f else { break };
            let mut up = func;
            while let Some(p) = self
                .parent(up)
                .filter(|p| syntax::is_transparent(self.g.kind(*p)))
            {
                up = p;
            }
            let call = self
                .parent(up)
                .filter(|a| self.g.kind(*a) == "arguments")
                .and_then(|a| self.parent(a))
                .filter(|c| self.g.kind(*c) == "call_expression");
            if let Some(call) = call {
                let path = self
                    .g
                    .field(call, F::Function)
                    .map(|x| self.path_of(x))
                    .unwrap_or_default();
                let last = path.last().map(String::as_str).unwrap_or("");
                if first && last == "finally" {
                    return CloseGuard::PromiseFinally;
                }
                if first
                    && matches!(last, "then" | "catch")
                    && self.chain_closes_both_ways(call, binding, method)
                {
                    return CloseGuard::EveryPath;
                }
                let first_arg = self
                    .g
                    .field(call, F::Arguments)
                    .and_then(|a| named_children(self.g, a).into_iter().next())
                    .map(|a| crate::analyzer::strip_quotes(self.text(a)).to_string());
                if matches!(last, "on" | "once" | "addListener" | "prependListener")
                    && path.first().map(String::as_str) == Some("process")
                    && first_arg.is_some_and(|e| SHUTDOWN_EVENTS.contains(&e.as_str()))
                {
                    return CloseGuard::ShutdownHook;
                }
            }
            first = false;
            f = self.enclosing_fn(func);
        }
        CloseGuard::None
    }

    /// A promise chain around `call` (a `.then`/`.catch` call) that closes `binding` both on
    /// success (a `.then` callback) and on failure (a later `.catch`, or the second callback of
    /// a `.then`).
    fn chain_closes_both_ways(&self, call: Node<'_>, binding: &str, method: &str) -> bool {
        let needle = format!("{binding}.{method}(");
        // The outermost call of the chain.
        let mut top = call;
        for _ in 0..MAX_UP {
            let up = self
                .parent(top)
                .filter(|m| self.g.kind(*m) == "member_expression")
                .and_then(|m| self.parent(m))
                .filter(|c| self.g.kind(*c) == "call_expression");
            match up {
                Some(c) => top = c,
                None => break,
            }
        }
        // Walk down the chain, outermost first: remember whether a later `.catch` closes.
        let mut catch_closes_later = false;
        let mut cur = Some(top);
        for _ in 0..MAX_UP {
            let Some(c) = cur.filter(|c| self.g.kind(*c) == "call_expression") else {
                break;
            };
            let f = self.g.field(c, F::Function).map(|x| unwrap(self.g, x));
            let Some(f) = f.filter(|f| self.g.kind(*f) == "member_expression") else {
                break;
            };
            let name = self
                .g
                .field(f, F::Property)
                .map(|p| self.text(p))
                .unwrap_or("");
            let args = self
                .g
                .field(c, F::Arguments)
                .map(|x| named_children(self.g, x))
                .unwrap_or_default();
            let closes = |a: &Node<'_>| self.text(*a).contains(&needle);
            match name {
                "catch" if args.first().is_some_and(closes) => catch_closes_later = true,
                "then"
                    if args.first().is_some_and(closes)
                        && (catch_closes_later || args.get(1).is_some_and(closes)) =>
                {
                    return true;
                }
                _ => {}
            }
            cur = self.g.field(f, F::Object).map(|x| unwrap(self.g, x));
        }
        false
    }

    pub fn record_fates(&mut self) {
        let sites: Vec<(Node<'t>, Option<FuncId>, bool)> = self
            .sites
            .iter()
            .map(|s| (s.node, s.func, s.in_loop))
            .collect();
        let close_methods: HashSet<String> = self
            .clients
            .iter()
            .flat_map(|c| c.close.iter().cloned())
            .collect();
        // Indexes over what is recorded so far, so that each close costs a lookup, not a scan
        // of the file: sites by function (in source order), construction spans by (function,
        // binding) and `using` bindings by name, in recording order.
        let mut sites_of: HashMap<Option<FuncId>, Vec<Node<'t>>> = HashMap::new();
        for (node, func, _) in &sites {
            sites_of.entry(*func).or_default().push(*node);
        }
        let mut built: HashMap<(Option<FuncId>, Name), Vec<Span>> = HashMap::new();
        let mut using: HashMap<Name, Vec<FuncId>> = HashMap::new();
        for (node, func, in_loop) in &sites {
            let (node, func, in_loop) = (*node, *func, *in_loop);
            if let Some(idx) = self.client_built(node) {
                let client = self
                    .clients
                    .get(idx)
                    .map(|c| c.id.clone())
                    .unwrap_or_default();
                let (mut fate, binding) = self.fate_of(node, func, 0);
                // A connected-already check of the pack (`mongoose.connection.readyState`).
                let guards = self
                    .clients
                    .get(idx)
                    .map(|c| c.guards.clone())
                    .unwrap_or_default();
                if guards.iter().any(|g| self.checked_first(node, func, g)) {
                    fate = Fate::Cached;
                }
                if let Some(b) = &binding {
                    built
                        .entry((func, b.clone()))
                        .or_default()
                        .push(Self::span(node));
                    if let (Fate::ContextManaged, Some(f)) = (fate, func) {
                        using.entry(b.clone()).or_default().push(f);
                    }
                }
                self.facts.constructions.push(Construction {
                    client: client.into(),
                    span: Self::span(node),
                    function: func,
                    in_loop,
                    binding,
                    fate,
                });
                continue;
            }
            if self.require_source(node).is_some() {
                continue;
            }
            let Some(callee) = self.callee_of(node) else {
                continue;
            };
            if callee.receiver.is_some() && close_methods.contains(callee.name.as_str()) {
                let binding = callee.receiver.clone().unwrap_or_default();
                let mut guard = self.close_guard(node, &binding, &callee.name);
                if guard == CloseGuard::None
                    && self
                        .declared_with_using(using.get(&binding).map_or(&[], Vec::as_slice), func)
                {
                    guard = CloseGuard::Using;
                }
                let span = Self::span(node);
                let built_at = built
                    .get(&(func, binding.clone()))
                    .and_then(|v| v.iter().rev().find(|b| b.end <= span.start))
                    .copied();
                let func_sites = sites_of.get(&func).map_or(&[][..], Vec::as_slice);
                let risky = built_at.and_then(|b| self.risky_between(b, func_sites, span));
                self.facts.closes.push(Close {
                    binding,
                    method: callee.name.clone(),
                    span,
                    function: func,
                    guard,
                    risky,
                });
            }
            let fate = if self.callee_known(&callee) {
                self.fate_of(node, func, 0).0
            } else {
                Fate::Local
            };
            self.facts.calls.push(Call {
                caller: func,
                callee,
                span: Self::span(node),
                in_loop,
                fate,
            });
        }
        self.module_iifes();
        self.alias_scopes();
    }

    /// An alias assigned in a function to a name it does not declare lives in the scope that
    /// declares it (module scope when none does); one assigned to `global.x`/`globalThis.x`
    /// lives at module scope.
    fn alias_scopes(&mut self) {
        for i in 0..self.facts.aliases.len() {
            let Some(a) = self.facts.aliases.get(i) else {
                continue;
            };
            let (name, mut scope) = (a.name.clone(), a.function);
            let root = name.split('.').next().unwrap_or("");
            if name.contains('.') {
                if self.is_global_cache(root) || matches!(root, "global" | "globalThis" | "window")
                {
                    scope = None;
                }
            } else {
                for _ in 0..MAX_UP {
                    let Some(f) = scope else { break };
                    if self.is_local(Some(f), &name) {
                        break;
                    }
                    scope = self.facts.function(f).and_then(|x| x.parent);
                }
            }
            if let Some(a) = self.facts.aliases.get_mut(i) {
                a.function = scope;
            }
        }
    }

    /// `binding` was declared with `using`/`await using` in `func` or around it: the
    /// declaration closes it on every path, whatever an explicit close does. `declared_in`:
    /// the functions that declare a client of that name with `using`.
    fn declared_with_using(&self, declared_in: &[FuncId], func: Option<FuncId>) -> bool {
        let Some(func) = func else { return false };
        declared_in
            .iter()
            .any(|f| self.facts.ancestors(func).any(|a| a == *f))
    }

    /// The first awaited call (else the first call) between a construction at `built` and a
    /// close at `close`; `sites`: the call sites of their function, in source order.
    fn risky_between(&self, built: Span, sites: &[Node<'t>], close: Span) -> Option<Span> {
        let from = sites.partition_point(|n| n.start_byte() < built.end as usize);
        let mut first = None;
        for n in sites.get(from..).unwrap_or(&[]) {
            if n.start_byte() > close.start as usize {
                break;
            }
            if n.end_byte() > close.start as usize {
                continue;
            }
            if let Some(p) = self
                .parent(*n)
                .filter(|p| self.g.kind(*p) == "await_expression")
            {
                return Some(Self::span(p));
            }
            first = first.or(Some(*n));
        }
        first.map(Self::span)
    }

    /// `(async () => { .. })()` at module scope runs once.
    fn module_iifes(&mut self) {
        for (i, info) in self.fns.iter().enumerate() {
            let Some(f) = self.facts.functions.get(i) else {
                continue;
            };
            if f.parent.is_some() || f.runs_once.is_some() {
                continue;
            }
            let mut up = info.node;
            while let Some(p) = self
                .parent(up)
                .filter(|p| self.g.kind(*p) == "parenthesized_expression")
            {
                up = p;
            }
            let called = self.parent(up).is_some_and(|c| {
                self.g.kind(c) == "call_expression"
                    && self.g.field(c, F::Function).map(|x| x.id()) == Some(up.id())
            });
            if called {
                let head = f.head;
                if let Some(f) = self.facts.functions.get_mut(i) {
                    f.runs_once = Some(Box::new(RunsOnce {
                        reason: "module-scope IIFE".to_string(),
                        evidence: head,
                    }));
                }
            }
        }
    }
}
