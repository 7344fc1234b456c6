use crate::graph::{location, Node};
use crate::leaks::applies;
use crate::resolve::Modules;
use crate::{declare_rule, Context};
use connlint_core::{
    CloseGuard, Construction, Fate, Finding, LangFamily, Related, RuleId, Severity, StoreTarget,
};

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

/// How many imports we follow from a name to its definition (`from .db import client`, where
/// `db` itself imported it).
const MAX_IMPORT_HOPS: usize = 4;

/// The shared (module-scope or cached) construction that `binding` names in file `fi`: one of
/// the file's own, or one it imports from another module of the project.
fn shared_construction<'a>(
    ctx: &Context<'a>,
    modules: &Modules,
    fi: u32,
    binding: &str,
) -> Option<(u32, &'a Construction)> {
    let (mut file, mut binding) = (fi, binding.to_string());
    for _ in 0..=MAX_IMPORT_HOPS {
        let facts = &ctx.files.get(file as usize)?.facts;
        let found = facts.constructions.iter().find(|c| {
            c.binding.as_deref() == Some(binding.as_str())
                && (c.function.is_none()
                    || matches!(
                        c.fate,
                        Fate::Cached | Fate::Stored(StoreTarget::Module | StoreTarget::Global)
                    ))
        });
        if let Some(c) = found {
            return Some((file, c));
        }
        (file, binding) = modules.imported_value(file, &binding)?;
    }
    None
}

pub(crate) fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let modules = Modules::new(ctx.files, &ctx.settings.js_aliases);
    for (fi, file) in ctx.files.iter().enumerate() {
        if !applies(file) {
            continue;
        }
        let facts = &file.facts;
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
            let local = facts.constructions.iter().any(|c| {
                c.binding.as_deref() == Some(cl.binding.as_str())
                    && c.function
                        .is_some_and(|f| facts.ancestors(func).any(|a| a == f))
                    && !matches!(
                        c.fate,
                        Fate::Cached | Fate::Stored(StoreTarget::Module | StoreTarget::Global)
                    )
            });
            if local {
                continue;
            }
            let Some((shared_file, shared)) =
                shared_construction(ctx, &modules, fi as u32, &cl.binding)
            else {
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
