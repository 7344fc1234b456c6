use crate::graph::location;
use crate::leaks::{applies, is_function_local, Closes};
use crate::{declare_rule, Context};
use connlint_core::{CloseGuard, Fate, Finding, LangFamily, Related, RuleId, Severity};

declare_rule! {
    /// ## What it does
    /// Reports a `close()` of a function-local client that is not guaranteed to run: it is not
    /// in a `finally` block, not handled by a context manager (`with`, `async with`,
    /// `contextlib.closing`), `using`/`await using` or a promise's `.finally`, and not repeated
    /// on the exceptional path.
    ///
    /// ## Why is this bad?
    /// The first exception between opening the client and closing it skips the `close()`.
    /// The client's pool and its sockets stay open until the process exits; under a steady
    /// trickle of failing requests the connection count only grows.
    ///
    /// ## Example
    /// ```js
    /// const client = new MongoClient(uri);
    /// const doc = await client.db().collection("jobs").findOne({ id });
    /// await client.close();
    /// ```
    ///
    /// Use instead:
    /// ```js
    /// const client = new MongoClient(uri);
    /// try {
    ///   const doc = await client.db().collection("jobs").findOne({ id });
    /// } finally {
    ///   await client.close();
    /// }
    /// ```
    ///
    /// With the MongoDB Node.js driver 6.9+ and TypeScript 5.2+, `await using client = new
    /// MongoClient(uri)` closes it on every path. In Python, `with MongoClient(uri) as client:`.
    pub static CLOSE_NOT_IN_FINALLY = {
        id: RuleId::CloseNotInFinally,
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
        for c in file
            .facts
            .constructions
            .iter()
            .filter(|c| is_function_local(c))
        {
            // A context manager (`with`, `using`) closes it on every path: another close is
            // redundant, not a leak.
            if c.fate == Fate::ContextManaged {
                continue;
            }
            let closes = closes.of(c);
            // Closed on every path elsewhere (finally, context manager): the unguarded close
            // is redundant, not a leak.
            if closes.iter().any(|cl| cl.guard != CloseGuard::None) {
                continue;
            }
            let (_, name) = ctx.client_name(&c.client);
            for cl in closes {
                let mut related = vec![Related {
                    location: location(ctx.files, fi as u32, c.span),
                    message: "client created here".to_string(),
                }];
                if let Some(risky) = cl.risky {
                    related.push(Related {
                        location: location(ctx.files, fi as u32, risky),
                        message: format!("if this throws, {}() is skipped", cl.method),
                    });
                }
                let help = match file.lang.family() {
                    LangFamily::Python => format!(
                        "use `with {name}(...) as {b}:` so the client is closed on every path, or call `{b}.{m}()` in a `finally:` block",
                        b = cl.binding,
                        m = cl.method
                    ),
                    _ if !cl.binding.contains('.') => format!(
                        "move it into `finally`: `try {{ ... }} finally {{ await {b}.{m}(); }}`, or declare the client with `await using {b} = new {name}(...)` (mongodb driver 6.9+)",
                        b = cl.binding,
                        m = cl.method
                    ),
                    _ => format!(
                        "move it into `finally`: `try {{ ... }} finally {{ await {b}.{m}(); }}`",
                        b = cl.binding,
                        m = cl.method
                    ),
                };
                out.push(Finding {
                    rule: RuleId::CloseNotInFinally,
                    severity: Severity::Warning,
                    location: location(ctx.files, fi as u32, cl.span),
                    message: format!(
                        "`{}.{}()` is skipped when an exception is thrown before it: the {name}'s connections leak",
                        cl.binding, cl.method
                    ),
                    label: "not closed when an exception is thrown before this".to_string(),
                    related,
                    help: Some(help),
                });
            }
        }
    }
}
