use crate::graph::location;
use crate::{declare_rule, Context};
use connlint_core::knowledge::PoolZero;
use connlint_core::{Finding, LangFamily, RuleId, Severity};

declare_rule! {
    /// ## What it does
    /// Reports a pool-size setting (`maxPoolSize`, `max_pool_size`) whose literal value is above
    /// the configured threshold (100 by default), is 0, or, when a fleet budget is configured,
    /// exceeds the server's connection limit once multiplied by the number of instances.
    ///
    /// ## Why is this bad?
    /// Every instance of an application opens up to its pool size in connections. A large pool
    /// multiplied by many instances (or by the processes of a pre-fork server) exhausts the
    /// database's connection limit long before it helps throughput. What a pool size of 0 means
    /// depends on the library, as its pack records: no limit at all (MongoDB Node.js driver,
    /// mysql2, redis-py, aiohttp), refused at start-up (PyMongo 4, the MongoDB Rust driver,
    /// Sequelize, psycopg_pool, bb8, r2d2), or read as "unset" so that the default applies
    /// (node-postgres).
    ///
    /// ## Example
    /// ```js
    /// const client = new MongoClient(uri, { maxPoolSize: 1000 });
    /// ```
    ///
    /// Use instead:
    /// ```js
    /// const client = new MongoClient(uri, { maxPoolSize: 50 });
    /// ```
    ///
    /// Size pools from the server's limit: `instances × maxPoolSize` must stay below it, with
    /// room for administration and deployments. Set `instances` and `server-connection-limit`
    /// in `connlint.toml` to have connlint do the arithmetic.
    pub static POOL_SIZE_TOO_LARGE = {
        id: RuleId::PoolSizeTooLarge,
        languages: &[LangFamily::Js, LangFamily::Python, LangFamily::Rust],
        severity: Severity::Warning,
        tags: &["reliability", "configuration"],
    };
}

pub(crate) fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for (fi, file) in ctx.files.iter().enumerate() {
        let limits = &ctx.settings.profile(file.profile).pool;
        let family = file.lang.family();
        for setting in &file.facts.pool_settings {
            let spec = setting
                .client
                .as_deref()
                .and_then(|id| ctx.kb.client(id))
                .or_else(|| {
                    ctx.kb.clients_for(family).find(|c| {
                        c.pool_options
                            .iter()
                            .any(|o| o.eq_ignore_ascii_case(&setting.option))
                    })
                });
            let library = spec.map(|c| c.library.as_str()).unwrap_or("the driver");
            let default_value = spec.and_then(|c| c.pool_default_for(&setting.option));
            let default = default_value
                .map(|d| format!(" (the default is {d})"))
                .unwrap_or_default();
            let option = &setting.option;
            let value = setting.value;
            let fleet = match (limits.instances, limits.server_connection_limit) {
                (Some(n), Some(limit)) if value.saturating_mul(n) > limit => Some((n, limit)),
                _ => None,
            };
            let (message, label, help) = if value == 0 {
                match spec.and_then(|c| c.pool_zero_for(&setting.option)) {
                    Some(PoolZero::Valid) => continue,
                    Some(PoolZero::Default) => (
                        format!(
                            "{option}=0 is ignored by {library}: it falls back to the default{}",
                            default_value.map(|d| format!(" of {d}")).unwrap_or_default()
                        ),
                        "0 means \"use the default\" here".to_string(),
                        format!("remove the setting, or set the positive {option} you meant, sized from the server's connection limit"),
                    ),
                    Some(PoolZero::Rejected) => (
                        format!("{option}=0 is rejected by {library} at start-up: it needs a positive pool size{default}"),
                        "0 is not a valid pool size here".to_string(),
                        format!("remove the setting to use the default, or set a positive {option} sized from the server's connection limit"),
                    ),
                    None => (
                        format!("{option}=0 is not a usable pool size for {library}"),
                        "0 is not a bounded, positive pool size".to_string(),
                        format!("remove the setting to use the default{default}, or set a positive {option} sized from the server's connection limit"),
                    ),
                    Some(PoolZero::Unlimited) => (
                        format!("{option}=0 means no limit in {library}: one instance can open as many connections as it has concurrent operations"),
                        "0 means an unlimited pool".to_string(),
                        format!("set a bounded {option}{default}, sized from the server's connection limit"),
                    ),
                }
            } else if let Some((n, limit)) = fleet {
                (
                    format!(
                        "{option} of {value} exceeds the server's connection budget: {value} × {n} instances = {} > {limit}",
                        value.saturating_mul(n)
                    ),
                    format!("{value} connections per instance"),
                    format!("keep {option} × instances below {limit}: at most {} per instance", limit / n.max(1)),
                )
            } else if value > limits.max_pool_size {
                (
                    format!(
                        "{option} of {value} is above the limit of {}: each instance may open up to {value} connections{default}",
                        limits.max_pool_size
                    ),
                    format!("up to {value} connections per instance"),
                    format!(
                        "lower {option} to {} or less, sized so that instances × pool size stays below the server's connection limit",
                        limits.max_pool_size
                    ),
                )
            } else {
                continue;
            };
            out.push(Finding {
                rule: RuleId::PoolSizeTooLarge,
                severity: Severity::Warning,
                location: location(ctx.files, fi as u32, setting.span),
                message,
                label,
                related: Vec::new(),
                help: Some(help),
            });
        }
    }
}
