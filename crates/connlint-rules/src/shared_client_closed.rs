use crate::graph::{location, Node};
use crate::leaks::applies;
use crate::resolve::Modules;
use crate::{declare_rule, Context};
use connlint_core::{
    Close, CloseGuard, Construction, Fate, Finding, FuncId, Imported, LangFamily, Name, Related,
    RuleId, Severity, StoreTarget,
};
use foldhash::{HashMap, HashMapExt};

declare_rule! {
    /// ## What it does
    /// Reports a handler (or code a handler reaches) that closes a client shared by every
    /// request: one created at module scope, cached behind a guard, or stored on module or
    /// global state.
    ///
    /// ## Why is this bad?
    /// The next request finds the shared client closed and fails (`MongoClientClosedError`,
    /// `InvalidOperation: Cannot use MongoClient after close`), or the driver silently
    /// reconnects and the pool is rebuilt on every request. This is common in code copied from
    /// tutorials: a `client.close()` at the end of a Next.js API route that imported the shared
    /// client.
    ///
    /// ## Example
    /// ```js
    /// const client = new MongoClient(uri);
    ///
    /// app.get("/users", async (req, res) => {
    ///   const users = await client.db().collection("users").find().toArray();
    ///   await client.close();
    ///   res.json(users);
    /// });
    /// ```
    ///
    /// Use instead:
    /// ```js
    /// const client = new MongoClient(uri);
    ///
    /// app.get("/users", async (req, res) => {
    ///   res.json(await client.db().collection("users").find().toArray());
    /// });
    ///
    /// process.on("SIGTERM", () => client.close()); // close it once, at shutdown
    /// ```
    pub static SHARED_CLIENT_CLOSED = {
        id: RuleId::SharedClientClosed,
        languages: &[LangFamily::Js, LangFamily::Python],
        severity: Severity::Error,
        tags: &["correctness", "reliability"],
    };
}

/// How many imports we follow from a module attribute to its definition (`from . import db`
/// + `db.client`, `import app.db` + `app.db.client`).
const MAX_IMPORT_HOPS: usize = 4;

/// The shared construction that `binding` names through the file's imports, when it is an
/// attribute of an imported module (`db.client`) or a name the import chain leads to.
fn shared_through_modules<'a>(
    ctx: &Context<'a>,
    modules: &Modules,
    fi: u32,
    binding: &str,
) -> Option<(u32, &'a Construction)> {
    let (mut file, mut binding) = modules.imported_value(fi, binding)?;
    for _ in 0..MAX_IMPORT_HOPS {
        let facts = &ctx.files.get(file as usize)?.facts;
        if let Some(c) = facts
            .constructions
            .iter()
            .find(|c| c.binding.as_deref() == Some(binding.as_str()) && is_shared(c))
        {
            return Some((file, c));
        }
        (file, binding) = modules.imported_value(file, &binding)?;
    }
    None
}

pub(crate) fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let mut modules: Option<Modules> = None;
    for (fi, file) in ctx.files.iter().enumerate() {
        if !applies(file) {
            continue;
        }
        let facts = &file.facts;
        if facts.closes.is_empty() {
            continue;
        }
        // Constructions by binding, in file order: each close looks its name up.
        let mut built: HashMap<&str, Vec<&Construction>> = HashMap::new();
        for c in &facts.constructions {
            if let Some(b) = c.binding.as_deref() {
                built.entry(b).or_default().push(c);
            }
        }
        for cl in &facts.closes {
            if cl.guard == CloseGuard::ShutdownHook {
                continue;
            }
            let Some(func) = cl.function else { continue };
            let node = Node {
                file: fi as u32,
                func,
            };
            if !ctx.graph.is_per_request(node) {
                continue;
            }
            // A client of the same name built in the closing function (or around it) is its
            // own, not the shared one.
            let same_name = built
                .get(cl.binding.as_str())
                .map_or(&[][..], Vec::as_slice);
            let local = same_name.iter().any(|c| {
                c.function
                    .is_some_and(|f| facts.ancestors(func).any(|a| a == f))
                    && !matches!(
                        c.fate,
                        Fate::Cached | Fate::Stored(StoreTarget::Module | StoreTarget::Global)
                    )
            });
            if local {
                continue;
            }
            let shared = same_name
                .iter()
                .copied()
                .find(|c| is_shared(c))
                .map(|c| (fi as u32, c))
                .or_else(|| {
                    let modules = modules.get_or_insert_with(|| match ctx.memo {
                        Some(m) => Modules::with_memo(ctx.files, &ctx.settings.js_aliases, m),
                        None => Modules::new(ctx.files, &ctx.settings.js_aliases),
                    });
                    shared_through_aliases(ctx, modules, fi as u32, cl)
                        .or_else(|| shared_through_modules(ctx, modules, fi as u32, &cl.binding))
                });
            let Some((shared_file, shared)) = shared else {
                continue;
            };
            let (_, name) = ctx.client_name(&shared.client);
            let mut related = vec![Related {
                location: location(ctx.files, shared_file, shared.span),
                message: format!("the shared {name} is created here, once per process"),
            }];
            if let Some(chain) = ctx.graph.chain(ctx.files, node) {
                if let Some((evidence_file, h)) = ctx.graph.handler(chain.handler) {
                    related.push(Related {
                        location: location(ctx.files, evidence_file, h.evidence),
                        message: format!(
                            "this {} handler runs on every {}",
                            h.framework,
                            h.trigger.noun()
                        ),
                    });
                }
            }
            out.push(Finding {
                rule: RuleId::SharedClientClosed,
                severity: Severity::Error,
                location: location(ctx.files, fi as u32, cl.span),
                message: format!(
                    "`{}.{}()` closes the {name} that every request shares: the next request finds it closed",
                    cl.binding, cl.method
                ),
                label: "closes the shared client".to_string(),
                related,
                help: Some(
                    match file.lang.family() {
                        LangFamily::Python => "remove this close; close the shared client once, at shutdown (`atexit.register(client.close)`, after `yield` in a FastAPI lifespan)",
                        _ => "remove this close; close the shared client once, in a shutdown hook (process.on('SIGTERM'), atexit, lifespan teardown)",
                    }
                    .to_string(),
                ),
            });
        }
    }
}

/// Built once per process: at module scope, behind a cache guard, or stored on module or global
/// state.
fn is_shared(c: &Construction) -> bool {
    c.function.is_none()
        || matches!(
            c.fate,
            Fate::Cached | Fate::Stored(StoreTarget::Module | StoreTarget::Global)
        )
}

/// How many alias steps are followed from a close, across files.
const MAX_ALIAS_STEPS: usize = 64;

/// Follows the closed binding through aliases (`const client = await clientPromise`) and
/// imports (`import clientPromise from '../lib/mongodb'`) to a shared client, if it ends at one.
fn shared_through_aliases<'a>(
    ctx: &Context<'a>,
    modules: &Modules,
    file: u32,
    cl: &Close,
) -> Option<(u32, &'a Construction)> {
    // (file, scope, name, only aliases before this offset in the scope)
    let mut work: Vec<(u32, Option<FuncId>, Name, Option<u32>)> =
        vec![(file, cl.function, cl.binding.clone(), Some(cl.span.start))];
    let mut seen: Vec<(u32, Name)> = Vec::new();
    let mut steps = 0;
    while let Some((fi, scope, name, before)) = work.pop() {
        steps += 1;
        if steps > MAX_ALIAS_STEPS {
            return None;
        }
        if seen.contains(&(fi, name.clone())) {
            continue;
        }
        seen.push((fi, name.clone()));
        let Some(facts) = ctx.files.get(fi as usize).map(|f| &f.facts) else {
            continue;
        };
        // The first step is the close's own binding, checked by the caller.
        if steps > 1 {
            if let Some(c) = facts
                .constructions
                .iter()
                .find(|c| c.binding.as_deref() == Some(name.as_str()) && is_shared(c))
            {
                return Some((fi, c));
            }
        }
        let visible = |a: Option<FuncId>| match (a, scope) {
            (None, _) => true,
            (Some(a), Some(s)) => facts.ancestors(s).any(|x| x == a),
            (Some(_), None) => false,
        };
        for a in facts.aliases.iter().filter(|a| a.name == name) {
            if !visible(a.function) {
                continue;
            }
            if a.function == scope && before.is_some_and(|b| a.span.start >= b) {
                continue;
            }
            work.push((fi, a.function, a.of.clone(), None));
        }
        for import in facts.imports.iter().filter(|i| i.local == name) {
            let exported = match &import.imported {
                Imported::Default => "default",
                Imported::Named(n) => n.as_str(),
                Imported::Namespace => continue,
            };
            let Some(m) = modules.module(fi, &import.source) else {
                continue;
            };
            let Some(target) = ctx.files.get(m as usize) else {
                continue;
            };
            for e in target
                .facts
                .exports
                .iter()
                .filter(|e| e.name == exported && e.from.is_none())
            {
                if let Some(local) = &e.local {
                    work.push((m, None, local.clone(), None));
                }
            }
        }
    }
    None
}
