use crate::graph::{location, Node};
use crate::{declare_rule, Context};
use connlint_core::{Fate, Finding, LangFamily, Related, RuleId, Severity};

declare_rule! {
    /// ## What it does
    /// Reports a pooled client (such as MongoDB's `MongoClient`) that is constructed in code
    /// that runs once per request, event or job: a request handler, a callback nested in one,
    /// or a function that a handler calls, directly or through other functions and files.
    ///
    /// ## Why is this bad?
    /// A client owns a connection pool. Building one per request opens a new pool on every
    /// request: connections pile up faster than they are closed, the server's connection count
    /// climbs like a staircase until it refuses everyone ("connection pool is full",
    /// `MongoTimeoutError`, "too many connections"), and every request pays for a TCP, TLS and
    /// authentication handshake. Closing the client in `finally` does not help: the pool per
    /// request is the problem.
    ///
    /// ## Example
    /// ```js
    /// app.get("/users", async (req, res) => {
    ///   const client = new MongoClient(process.env.MONGODB_URI);
    ///   const users = await client.db().collection("users").find().toArray();
    ///   res.json(users);
    /// });
    /// ```
    ///
    /// Use instead:
    /// ```js
    /// const client = new MongoClient(process.env.MONGODB_URI); // once per process
    ///
    /// app.get("/users", async (req, res) => {
    ///   const users = await client.db().collection("users").find().toArray();
    ///   res.json(users);
    /// });
    /// ```
    ///
    /// In Python, build the client at module scope or in startup code (FastAPI `lifespan`,
    /// Flask `create_app`) and reuse it; in Rust, build it once in `main` and share it through
    /// application state (axum `State`, actix-web `web::Data`, Rocket `manage`). A memoising
    /// guard (`if (!client) client = new MongoClient(uri)`, `@lru_cache`, `OnceCell`) also
    /// keeps it to one per process.
    ///
    /// ## References
    /// - MongoDB Node.js driver: "Connection Pools" and "Manage Connections"
    /// - PyMongo FAQ: "How does connection pooling work in PyMongo?"
    pub static CLIENT_PER_REQUEST = {
        id: RuleId::ClientPerRequest,
        languages: &[LangFamily::Js, LangFamily::Python, LangFamily::Rust],
        severity: Severity::Error,
        tags: &["correctness", "performance", "reliability"],
    };
}

pub(crate) fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for (fi, file) in ctx.files.iter().enumerate() {
        for c in &file.facts.constructions {
            let Some(func) = c.function else { continue };
            if c.fate == Fate::Cached {
                continue;
            }
            let node = Node {
                file: fi as u32,
                func,
            };
            if !ctx.graph.is_per_request(node) {
                continue;
            }
            let Some(chain) = ctx.graph.chain(ctx.files, node) else {
                continue;
            };
            let Some((evidence_file, handler)) = ctx.graph.handler(chain.handler) else {
                continue;
            };
            let (library, name) = ctx.client_name(&c.client);
            let noun = handler.trigger.noun();
            let mut related = vec![Related {
                location: location(ctx.files, evidence_file, handler.evidence),
                message: format!("this {} handler runs on every {noun}", handler.framework),
            }];
            let mut sites = ctx.graph.call_sites(ctx.files, node);
            if sites.is_empty() {
                sites = chain.calls.clone();
            }
            for site in sites.into_iter().take(10) {
                related.push(Related {
                    location: site,
                    message: format!("called on every {noun} from here"),
                });
            }
            let help = match file.lang.family() {
                LangFamily::Js => format!(
                    "create the {name} once at module scope (or behind a cached promise) and reuse it in every {noun}"
                ),
                LangFamily::Python => format!(
                    "create the {name} once at module scope or in startup code (lifespan, create_app, AppConfig.ready) and reuse it in every {noun}"
                ),
                LangFamily::Rust => format!(
                    "build the {name} once in main and share it through application state (axum State, actix-web web::Data, Rocket manage), or keep it in a OnceCell"
                ),
            };
            out.push(Finding {
                rule: RuleId::ClientPerRequest,
                severity: Severity::Error,
                location: location(ctx.files, fi as u32, c.span),
                message: format!(
                    "{name} created on every {noun}: each one opens a new {library} connection pool"
                ),
                label: format!("a new {name} and connection pool per {noun}"),
                related,
                help: Some(help),
            });
        }
    }
}
