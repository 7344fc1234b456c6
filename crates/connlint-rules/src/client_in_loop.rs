use crate::graph::{location, Node};
use crate::{declare_rule, Context};
use connlint_core::{Fate, Finding, LangFamily, Related, RuleId, Severity};
use foldhash::{HashMap, HashMapExt};
use std::collections::VecDeque;

declare_rule! {
    /// ## What it does
    /// Reports a pooled client constructed inside a loop, or in a function called from inside a
    /// loop, in code that is not a request handler (scripts, migrations, batch jobs, tests).
    ///
    /// ## Why is this bad?
    /// Every iteration opens a new connection pool. A loop over a thousand items opens a
    /// thousand pools, and unless each is closed before the next iteration their sockets pile up
    /// until the server refuses new connections. Even when closed, each iteration pays for a
    /// full connection handshake.
    ///
    /// ## Example
    /// ```python
    /// for tenant in tenants:
    ///     client = MongoClient(uri)
    ///     client[tenant].events.delete_many({"old": True})
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// client = MongoClient(uri)
    /// for tenant in tenants:
    ///     client[tenant].events.delete_many({"old": True})
    /// client.close()
    /// ```
    pub static CLIENT_IN_LOOP = {
        id: RuleId::ClientInLoop,
        languages: &[LangFamily::Js, LangFamily::Python, LangFamily::Rust],
        severity: Severity::Warning,
        tags: &["performance", "reliability"],
    };
}

pub(crate) fn check(ctx: &Context, out: &mut Vec<Finding>) {
    // Functions called from inside a loop (outside handlers), transitively, with the loop call.
    let mut looped: HashMap<Node, connlint_core::Location> = HashMap::new();
    let mut queue = VecDeque::new();
    for (fi, file) in ctx.files.iter().enumerate() {
        for (ci, call) in file.facts.calls.iter().enumerate() {
            if !call.in_loop || call.fate == Fate::Cached {
                continue;
            }
            let Some(caller) = call.caller.map(|func| Node {
                file: fi as u32,
                func,
            }) else {
                // Module-scope loops: resolve through the graph is not possible without a
                // caller node; module-level loops calling helpers are handled below.
                continue;
            };
            if ctx.graph.is_per_request(caller) {
                continue;
            }
            for &(edge_ci, target) in ctx.graph.callees(caller) {
                if edge_ci != ci {
                    continue;
                }
                if let std::collections::hash_map::Entry::Vacant(e) = looped.entry(target) {
                    e.insert(location(ctx.files, fi as u32, call.span));
                    queue.push_back(target);
                }
            }
        }
    }
    while let Some(n) = queue.pop_front() {
        let Some(site) = looped.get(&n).cloned() else {
            continue;
        };
        let next: Vec<Node> = ctx
            .graph
            .callees(n)
            .iter()
            .map(|(_, t)| *t)
            .chain(ctx.graph.children(n).iter().copied())
            .collect();
        for t in next {
            if let std::collections::hash_map::Entry::Vacant(e) = looped.entry(t) {
                e.insert(site.clone());
                queue.push_back(t);
            }
        }
    }

    for (fi, file) in ctx.files.iter().enumerate() {
        for c in &file.facts.constructions {
            if c.fate == Fate::Cached {
                continue;
            }
            let node = c.function.map(|func| Node {
                file: fi as u32,
                func,
            });
            if node.is_some_and(|n| ctx.graph.is_per_request(n)) {
                continue; // client-per-request covers it
            }
            let runs_once = c
                .function
                .and_then(|f| file.facts.function(f))
                .is_some_and(|f| f.runs_once.is_some());
            let via = node.and_then(|n| looped.get(&n));
            if !c.in_loop && (runs_once || via.is_none()) {
                continue;
            }
            let (library, name) = ctx.client_name(&c.client);
            let mut related = Vec::new();
            if !c.in_loop {
                if let Some(site) = via {
                    related.push(Related {
                        location: site.clone(),
                        message: "called inside a loop here".to_string(),
                    });
                }
            }
            out.push(Finding {
                rule: RuleId::ClientInLoop,
                severity: Severity::Warning,
                location: location(ctx.files, fi as u32, c.span),
                message: format!(
                    "{name} created inside a loop: every iteration opens a new {library} connection pool"
                ),
                label: format!("a new {name} on every iteration"),
                related,
                help: Some(format!(
                    "create the {name} once before the loop and reuse it in every iteration"
                )),
            });
        }
    }
}
