use crate::graph::location;
use crate::leaks::{applies, Closes};
use crate::{declare_rule, Context};
use connlint_core::{Fate, Finding, LangFamily, RuleId, Severity};

declare_rule! {
    /// ## What it does
    /// Reports a client constructed in a function that never closes it and never hands it
    /// off: it is not returned or yielded, not stored on `this`/`self`, module, global or
    /// application state, not handed to a context manager and not passed to another call.
    ///
    /// ## Why is this bad?
    /// Nothing else holds a reference to the client, so nothing will ever close it. Its pool
    /// keeps its sockets (and the server keeps their memory and connection slots) until the
    /// process exits. In a handler this happens on every request.
    ///
    /// ## Example
    /// ```python
    /// def count_users(uri):
    ///     client = MongoClient(uri)
    ///     return client.app.users.count_documents({})
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def count_users(uri):
    ///     with MongoClient(uri) as client:
    ///         return client.app.users.count_documents({})
    /// ```
    ///
    /// Better still, create one client per process and reuse it.
    pub static CLIENT_NEVER_CLOSED = {
        id: RuleId::ClientNeverClosed,
        languages: &[LangFamily::Js, LangFamily::Python],
        severity: Severity::Warning,
        tags: &["reliability", "resource-leak"],
    };
}

pub(crate) fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for (fi, file) in ctx.files.iter().enumerate() {
        if !applies(file) || file.facts.constructions.is_empty() {
            continue;
        }
        let closes = Closes::new(&file.facts);
        for c in &file.facts.constructions {
            if c.function.is_none() || c.fate != Fate::Local {
                continue;
            }
            if !closes.of(c).is_empty() {
                continue;
            }
            let (library, name) = ctx.client_name(&c.client);
            let close = ctx
                .kb
                .client(&c.client)
                .and_then(|s| s.close.first().cloned())
                .unwrap_or_else(|| "close".to_string());
            let help = match file.lang.family() {
                LangFamily::Python => format!(
                    "create it once per process and reuse it, or use `with {name}(...) as client:` so it is closed"
                ),
                _ => format!(
                    "create it once per process and reuse it, or close it in `finally {{ await client.{close}(); }}`"
                ),
            };
            out.push(Finding {
                rule: RuleId::ClientNeverClosed,
                severity: Severity::Warning,
                location: location(ctx.files, fi as u32, c.span),
                message: format!(
                    "{name} is never closed: its {library} connection pool stays open until the process exits"
                ),
                label: format!("this {name} is never closed or handed off"),
                related: Vec::new(),
                help: Some(help),
            });
        }
    }
}
