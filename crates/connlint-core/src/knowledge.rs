//! Declarative knowledge: which calls build pooled clients, which close them, which shapes make
//! a function a handler, which idioms cache or run once. Loaded from the `rules/*.toml` packs
//! embedded at build time, and extended by configuration in the same schema.
//!
//! Name patterns (`calls`, `decorators`, handler `names`) are dotted paths as written in the
//! source, with `::` accepted as a separator too. A `*` segment matches any one segment; a
//! leading `*` matches any receiver expression, however long (`*.get` matches `app.get`,
//! `router.route('/x').get` and `this.app.get`). See [`pattern_matches`].

use crate::lang::LangFamily;
use serde::Deserialize;
use std::collections::BTreeMap;

/// One pack file, e.g. `rules/mongodb.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    pub pack: PackMeta,
    #[serde(default)]
    pub client: Vec<ClientSpec>,
    #[serde(default)]
    pub handler: Vec<HandlerSpec>,
    #[serde(default)]
    pub cache: Vec<CacheSpec>,
    #[serde(default)]
    pub startup: Vec<StartupSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackMeta {
    pub name: String,
    pub description: String,
}

/// What 0 means for a pool-size option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PoolZero {
    /// The driver reads 0 as "no limit".
    Unlimited,
    /// The driver refuses 0 at start-up.
    Rejected,
    /// The driver reads 0 as "not set" and uses its default (node-postgres `max: 0`).
    Default,
    /// 0 is an ordinary, bounded value (SQLAlchemy `max_overflow=0`: no connections beyond
    /// `pool_size`): nothing to report.
    Valid,
}

/// A pooled client and how it is built and closed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ClientSpec {
    /// Stable id, e.g. `mongodb-node`.
    pub id: String,
    pub lang: LangFamily,
    /// The library, for messages: "MongoDB Node.js driver".
    pub library: String,
    /// Module specifiers the symbol is imported from: `mongodb`, `pymongo`,
    /// `motor.motor_asyncio`, `mongodb::sync`.
    pub modules: Vec<String>,
    /// The exported symbol: `MongoClient`, `create_engine`, `Client`; `default` for the
    /// module itself (`import mongoose from 'mongoose'`, `const knex = require('knex')`).
    pub symbol: String,
    /// The name shown in messages when the symbol alone does not say it: `mongoose`, `knex()`.
    #[serde(default)]
    pub display: Option<String>,
    /// `new Symbol(..)` builds a client (JS).
    #[serde(default)]
    pub new: bool,
    /// `Symbol(..)` builds a client (Python classes, factory functions).
    #[serde(default)]
    pub call: bool,
    /// Static methods that build a client: `MongoClient.connect`, `Client::with_uri_str`.
    #[serde(default)]
    pub statics: Vec<String>,
    /// Static methods that start a builder (Rust `Client::builder()`, `PgPoolOptions::new()`):
    /// the client is built where the chain of method calls on it reaches one of `build`.
    #[serde(default)]
    pub builders: Vec<String>,
    /// Methods that finish a builder chain: `build`, `connect`, `connect_lazy`.
    #[serde(default)]
    pub build: Vec<String>,
    /// Tokens of a connected-already check (`readyState`): a construction inside an `if` whose
    /// condition tests one, or after an early `if (..) return` that does, is cached.
    #[serde(default)]
    pub guards: Vec<String>,
    /// Methods that close it.
    #[serde(default)]
    pub close: Vec<String>,
    /// Pool-size options, as written in option objects, keyword arguments and URIs.
    #[serde(default)]
    pub pool_options: Vec<String>,
    /// The library's default pool size.
    #[serde(default)]
    pub pool_default: Option<u64>,
    /// What 0 means for the pool-size options.
    #[serde(default)]
    pub pool_zero: Option<PoolZero>,
    /// Per-option defaults where an option's default differs from `pool-default`
    /// (`{ max_overflow = 10 }`).
    #[serde(default)]
    pub pool_option_defaults: BTreeMap<String, u64>,
    /// Per-option meanings of 0 where they differ from `pool-zero` (`{ max_overflow = "valid" }`).
    #[serde(default)]
    pub pool_option_zero: BTreeMap<String, PoolZero>,
    /// Calls (from the client's `modules`) whose keyword arguments carry the client's pool
    /// options into its constructor: `Limits` for `httpx.Client(limits=httpx.Limits(..))`,
    /// `TCPConnector` for `aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=..))`.
    #[serde(default)]
    pub pool_config: Vec<String>,
    /// Calls (from the client's `modules`) that build an object whose `symbol` method builds the
    /// client: `Session` for `boto3.Session().client('s3')` and `session.client('s3')`.
    #[serde(default)]
    pub factories: Vec<String>,
    /// Connection-string schemes whose query strings carry the pool options.
    #[serde(default)]
    pub uri_schemes: Vec<String>,
}

impl ClientSpec {
    /// The name shown in messages: `MongoClient`, `Client::with_uri_str`.
    pub fn display(&self) -> &str {
        self.display.as_deref().unwrap_or(&self.symbol)
    }

    /// The default of one pool option (matched without regard to case).
    pub fn pool_default_for(&self, option: &str) -> Option<u64> {
        self.pool_option_defaults
            .iter()
            .find(|(o, _)| o.eq_ignore_ascii_case(option))
            .map(|(_, d)| *d)
            .or(self.pool_default)
    }

    /// What 0 means for one pool option (matched without regard to case).
    pub fn pool_zero_for(&self, option: &str) -> Option<PoolZero> {
        self.pool_option_zero
            .iter()
            .find(|(o, _)| o.eq_ignore_ascii_case(option))
            .map(|(_, z)| *z)
            .or(self.pool_zero)
    }
}

/// A shape that makes a function a handler. Exactly one matcher kind is set per entry:
/// `calls`, `decorators`, `bases`, `params`, `files` (+ `exports`), `names` or `directives`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HandlerSpec {
    /// Shown in messages: "Express", "FastAPI".
    pub framework: String,
    pub lang: LangFamily,
    #[serde(default = "default_trigger")]
    pub trigger: TriggerSpec,
    /// Registration calls: function-valued arguments (inline functions, names of functions,
    /// functions wrapped in another call such as `asyncHandler(fn)`) become handlers.
    #[serde(default)]
    pub calls: Vec<String>,
    /// With `calls`: keyword arguments or object keys that carry the handler
    /// (`view_func`, `endpoint`, `handler`). Empty: every function-valued argument.
    #[serde(default)]
    pub arg_keys: Vec<String>,
    /// Decorators (Python, TypeScript) or attributes (Rust) that make a function a handler.
    #[serde(default)]
    pub decorators: Vec<String>,
    /// With `decorators`: the class must carry one of these decorators (NestJS `Controller`).
    #[serde(default)]
    pub class_decorators: Vec<String>,
    /// Methods named `methods` of classes deriving from one of these bases (`View`,
    /// `RequestHandler`); a leading `*` matches a suffix (`*View`). For Rust, trait impls
    /// carrying one of `decorators` as an attribute.
    #[serde(default)]
    pub bases: Vec<String>,
    #[serde(default)]
    pub methods: Vec<String>,
    /// Parameter-name shapes: a function whose leading parameters are named so.
    #[serde(default)]
    pub params: Vec<Vec<String>>,
    /// With `params`: an annotation the first parameter must carry (`func.HttpRequest`).
    #[serde(default)]
    pub param_types: Vec<String>,
    /// File globs (matched against the `/`-separated path) that restrict this entry; with
    /// `exports`, exported names in such files are handlers.
    #[serde(default)]
    pub files: Vec<String>,
    /// Exported names that are handlers (`default`, `GET`, `handler`, `loader`).
    #[serde(default)]
    pub exports: Vec<String>,
    /// Function names that are handlers wherever they are defined (`getServerSideProps`).
    #[serde(default)]
    pub names: Vec<String>,
    /// Directive prologues that make the functions of a file or body handlers (`use server`).
    #[serde(default)]
    pub directives: Vec<String>,
    /// Only when the file imports one of these modules.
    #[serde(default)]
    pub imports: Vec<String>,
}

fn default_trigger() -> TriggerSpec {
    TriggerSpec::Request
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TriggerSpec {
    Request,
    Event,
    Job,
}

impl From<TriggerSpec> for crate::facts::Trigger {
    fn from(t: TriggerSpec) -> Self {
        match t {
            TriggerSpec::Request => crate::facts::Trigger::Request,
            TriggerSpec::Event => crate::facts::Trigger::Event,
            TriggerSpec::Job => crate::facts::Trigger::Job,
        }
    }
}

/// Idioms that cache a value for the life of the process.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CacheSpec {
    pub lang: LangFamily,
    /// Memoising decorators: `functools.lru_cache`, `cache`, `cached_property`.
    #[serde(default)]
    pub decorators: Vec<String>,
    /// Lazy/static cell types: `OnceCell`, `OnceLock`, `Lazy`.
    #[serde(default)]
    pub types: Vec<String>,
    /// Macros that declare lazies: `lazy_static`.
    #[serde(default)]
    pub macros: Vec<String>,
    /// Methods whose closure argument runs once: `get_or_init`, `get_or_try_init`.
    #[serde(default)]
    pub init_methods: Vec<String>,
    /// Global objects used as caches: `globalThis`, `global`, `window`.
    #[serde(default)]
    pub globals: Vec<String>,
    /// Calls that hand a value to framework application state, which lives as long as the
    /// process: `web::Data::new`, `Extension`, `*.manage`, `*.with_state` (Rust).
    #[serde(default)]
    pub state: Vec<String>,
}

/// Code that runs once per process.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StartupSpec {
    pub lang: LangFamily,
    /// Shown in explanations: "FastAPI lifespan".
    pub reason: String,
    /// Function names that run once: `main`, `create_app`, `lifespan`.
    #[serde(default)]
    pub names: Vec<String>,
    /// Decorators that mark startup code: `*.on_event`, `asynccontextmanager`.
    #[serde(default)]
    pub decorators: Vec<String>,
    /// Registration calls whose function arguments run once: `*.on_startup`, `atexit.register`.
    #[serde(default)]
    pub calls: Vec<String>,
    /// Methods of classes deriving from these bases run once (Django `AppConfig.ready`).
    #[serde(default)]
    pub bases: Vec<String>,
    #[serde(default)]
    pub methods: Vec<String>,
    /// With `decorators`/`calls`: only when the first string argument is one of these
    /// (`@app.on_event("startup")`). Empty: any arguments.
    #[serde(default)]
    pub args: Vec<String>,
    /// These hooks run at shutdown or teardown, not at start-up: functions they register are not
    /// `runs_once`, and closes inside them are guarded (`CloseGuard::ShutdownHook`).
    #[serde(default)]
    pub shutdown: bool,
}

/// Everything known, merged from every enabled pack.
#[derive(Debug, Clone, Default)]
pub struct Knowledge {
    pub packs: Vec<PackMeta>,
    pub clients: Vec<ClientSpec>,
    pub handlers: Vec<HandlerSpec>,
    pub caches: Vec<CacheSpec>,
    pub startups: Vec<StartupSpec>,
}

/// A pack that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct PackError {
    pub origin: String,
    pub message: String,
}

/// The packs shipped in `rules/`, as (file name, TOML text).
pub const BUILTIN_PACKS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/packs.rs"));

impl Knowledge {
    /// Every built-in pack.
    pub fn builtin() -> Knowledge {
        let mut k = Knowledge::default();
        for (name, text) in BUILTIN_PACKS {
            // The built-in packs are checked by this crate's tests; a broken one is a build bug.
            let pack = Pack::parse(text, name).unwrap_or_else(|e| panic!("built-in pack: {e}"));
            k.add(pack);
        }
        k
    }

    /// Only the built-in client packs named in `names` (by their `[pack] name`), plus every
    /// framework-only pack.
    pub fn builtin_only(names: &[String]) -> Knowledge {
        let mut k = Knowledge::default();
        for (file, text) in BUILTIN_PACKS {
            let pack = Pack::parse(text, file).unwrap_or_else(|e| panic!("built-in pack: {e}"));
            // Framework-only packs (no clients) are always on: `packs` chooses client libraries.
            if names.contains(&pack.pack.name) || pack.client.is_empty() {
                k.add(pack);
            }
        }
        k
    }

    /// The names of the built-in packs.
    pub fn builtin_pack_names() -> Vec<String> {
        Knowledge::builtin()
            .packs
            .into_iter()
            .map(|p| p.name)
            .collect()
    }

    pub fn add(&mut self, pack: Pack) {
        self.packs.push(pack.pack);
        self.clients.extend(pack.client);
        self.handlers.extend(pack.handler);
        self.caches.extend(pack.cache);
        self.startups.extend(pack.startup);
    }

    pub fn client(&self, id: &str) -> Option<&ClientSpec> {
        self.clients.iter().find(|c| c.id == id)
    }

    pub fn clients_for(&self, lang: LangFamily) -> impl Iterator<Item = &ClientSpec> {
        self.clients.iter().filter(move |c| c.lang == lang)
    }

    pub fn handlers_for(&self, lang: LangFamily) -> impl Iterator<Item = &HandlerSpec> {
        self.handlers.iter().filter(move |h| h.lang == lang)
    }

    pub fn caches_for(&self, lang: LangFamily) -> impl Iterator<Item = &CacheSpec> {
        self.caches.iter().filter(move |h| h.lang == lang)
    }

    pub fn startups_for(&self, lang: LangFamily) -> impl Iterator<Item = &StartupSpec> {
        self.startups.iter().filter(move |h| h.lang == lang)
    }

    /// Byte strings whose absence proves a file of `lang` builds no known client: the
    /// prefilter skips such files.
    ///
    /// A client is reachable only through its symbol (`MongoClient`) or, for generic symbols
    /// such as `Client` or `client` that appear everywhere, through its module (`reqwest`,
    /// `boto3`), which an import or a qualified path must name.
    pub fn prefilter_tokens(&self, lang: LangFamily) -> Vec<String> {
        let mut tokens: Vec<String> = Vec::new();
        for c in self.clients_for(lang) {
            if is_distinctive(&c.symbol) {
                tokens.push(c.symbol.clone());
            } else if lang == LangFamily::Js {
                // JS imports spell the module as a quoted specifier: `'pg'`, `"pg/lib"`.
                // A bare `pg` would match everywhere.
                for m in &c.modules {
                    for q in ['\'', '"', '`'] {
                        tokens.push(format!("{q}{m}{q}"));
                        tokens.push(format!("{q}{m}/"));
                    }
                }
            } else {
                // A module is named in an import or a qualified path, never bare: a bare
                // `requests` or `redis` is in every other docstring.
                for m in &c.modules {
                    let root = split_path(m.trim_start_matches('@')).next().unwrap_or(m);
                    if lang == LangFamily::Python {
                        // `import requests`, `from requests import`, `import os, requests`,
                        // `from .compat import requests`.
                        tokens.push(format!("import {root}"));
                        tokens.push(format!("from {root}"));
                        tokens.push(format!(", {root}"));
                    } else {
                        // `use redis::Client`, `redis::Client::open`, `use redis as r`.
                        tokens.push(format!("{root}::"));
                        tokens.push(format!("use {root}"));
                    }
                }
            }
        }
        tokens.sort();
        tokens.dedup();
        tokens
    }
}

/// Whether a pool option's name says it sizes a pool (`maxPoolSize`, `pool_size`,
/// `max_pool_connections`). Such options are pool settings wherever they are written; generic
/// ones (`max`, `connectionLimit`, `max_connections`, `max_size`) only in the arguments of a
/// construction of a client that lists them (or in its builder chain).
pub fn option_names_pool(option: &str) -> bool {
    option.to_ascii_lowercase().contains("pool")
}

/// A symbol rare enough in unrelated code to gate parsing on: `MongoClient`, `create_engine`,
/// `PrismaClient`; not `Client`, `Pool`, `client`, `Redis`. Only such a symbol counts when a
/// file uses it without importing it: an unresolved `Client` is nothing.
pub fn is_distinctive(symbol: &str) -> bool {
    symbol.len() >= 8
}

impl Pack {
    /// Parses a pack; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Pack, PackError> {
        let pack: Pack = toml::from_str(text).map_err(|e| PackError {
            origin: origin.to_string(),
            message: e.to_string(),
        })?;
        pack.validate_entries().map_err(|message| PackError {
            origin: origin.to_string(),
            message,
        })?;
        Ok(pack)
    }

    /// Checks what the schema alone cannot: every client can be built, every handler entry
    /// sets exactly one matcher kind.
    pub fn validate_entries(&self) -> Result<(), String> {
        for c in &self.client {
            if !c.new && !c.call && c.statics.is_empty() && c.builders.is_empty() {
                return Err(format!(
                    "client `{}` has no way to be built: set `new`, `call`, `statics` or `builders`",
                    c.id
                ));
            }
            if c.builders.is_empty() != c.build.is_empty() {
                return Err(format!(
                    "client `{}`: `builders` and `build` go together",
                    c.id
                ));
            }
            let per_option = c
                .pool_option_defaults
                .keys()
                .chain(c.pool_option_zero.keys());
            for o in per_option {
                if !c.pool_options.iter().any(|p| p.eq_ignore_ascii_case(o)) {
                    return Err(format!(
                        "client `{}`: `{o}` has a per-option setting but is not in `pool-options`",
                        c.id
                    ));
                }
            }
        }
        for h in &self.handler {
            let kinds = [
                !h.calls.is_empty(),
                !h.decorators.is_empty() && h.bases.is_empty(),
                !h.bases.is_empty(),
                !h.params.is_empty(),
                !h.exports.is_empty(),
                !h.names.is_empty(),
                !h.directives.is_empty(),
            ];
            if kinds.iter().filter(|k| **k).count() != 1 {
                return Err(format!(
                    "handler entry for `{}` must set exactly one of `calls`, `decorators`, \
                     `bases`, `params`, `exports`, `names`, `directives`",
                    h.framework
                ));
            }
        }
        Ok(())
    }
}

/// Matches a dotted pattern against a path as written (`["app", "get"]`).
///
/// Segments match exactly or through `*` (any one segment). A leading `*` matches one or
/// more leading segments, so `*.get` matches `app.get` and `a.b.get` but not `get`. A `**`
/// segment matches zero or more segments anywhere (`warp.**.map` matches
/// `warp.path.and.map`).
pub fn pattern_matches(pattern: &str, path: &[&str]) -> bool {
    // This runs for every call site against every pattern of the packs: most pairs differ in
    // their last name, which is cheap to see.
    may_end_in(pattern, path.last().copied().unwrap_or("")) && segments_of_match(pattern, path)
}

/// Whether a dotted pattern can match a path whose last segment is `last`: a pattern whose
/// last segment is a name matches only paths that end in that name (see [`pattern_matches`]);
/// one ending in `*` or `**`, or with no segment, may match anything.
pub fn may_end_in(pattern: &str, last: &str) -> bool {
    last_name(pattern).is_none_or(|p| p == last)
}

/// The name a dotted pattern's matches end in; `None` when it ends in `*` or `**`, or has no
/// segment, and may match any last name.
pub fn last_name(pattern: &str) -> Option<&str> {
    pattern
        .rsplit(['.', ':'])
        .find(|s| !s.is_empty())
        .filter(|p| *p != "*" && *p != "**")
}

/// The names the matches of `patterns` end in (see [`last_name`]), collected into `C`, or
/// `None` when one of them ends in a wildcard (or has no segment) and may match a path ending
/// in anything. A call whose written path ends in any other name matches none of the patterns.
pub fn pattern_ends<'p, C: FromIterator<&'p str>>(
    patterns: impl IntoIterator<Item = &'p String>,
) -> Option<C> {
    patterns.into_iter().map(|p| last_name(p)).collect()
}

/// [`pattern_matches`] without its quick test on the last name.
fn segments_of_match(pattern: &str, path: &[&str]) -> bool {
    let pat: Vec<&str> = split_path(pattern).collect();
    if pat.contains(&"**") {
        return globstar_match(&pat, path);
    }
    match pat.split_first() {
        Some((&"*", rest)) if !rest.is_empty() => {
            path.len() > rest.len() && segments_match(rest, &path[path.len() - rest.len()..])
        }
        _ => segments_match(&pat, path),
    }
}

/// Matching with `**` segments, without recursion: `reach[j]` says whether the pattern read
/// so far can end right before `path[j]`.
fn globstar_match(pat: &[&str], path: &[&str]) -> bool {
    let mut reach = vec![false; path.len() + 1];
    reach[0] = true;
    for p in pat {
        let mut next = vec![false; path.len() + 1];
        for j in 0..=path.len() {
            if !reach[j] {
                continue;
            }
            if *p == "**" {
                next[j..].iter_mut().for_each(|n| *n = true);
                break;
            }
            if let Some(seg) = path.get(j) {
                if *p == "*" || p == seg {
                    next[j + 1] = true;
                }
            }
        }
        reach = next;
    }
    reach[path.len()]
}

fn segments_match(pat: &[&str], path: &[&str]) -> bool {
    pat.len() == path.len() && pat.iter().zip(path).all(|(p, s)| *p == "*" || p == s)
}

/// Splits `a.b::c` into `["a", "b", "c"]`.
pub fn split_path(path: &str) -> impl Iterator<Item = &str> {
    path.split(['.', ':']).filter(|s| !s.is_empty())
}

/// Matches a class-name pattern: exact, or `*Suffix`.
pub fn name_matches(pattern: &str, name: &str) -> bool {
    match pattern.strip_prefix('*') {
        Some(suffix) => name.ends_with(suffix),
        None => pattern == name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_packs_parse() {
        for (name, text) in BUILTIN_PACKS {
            if let Err(e) = Pack::parse(text, name) {
                panic!("{e}");
            }
        }
        let k = Knowledge::builtin();
        assert!(k.clients.iter().any(|c| c.id == "mongodb-node"));
    }

    #[test]
    fn patterns() {
        assert!(pattern_matches("*.get", &["app", "get"]));
        assert!(pattern_matches("*.get", &["this", "app", "get"]));
        assert!(!pattern_matches("*.get", &["get"]));
        assert!(pattern_matches("app.task", &["app", "task"]));
        assert!(!pattern_matches("app.task", &["celery", "task"]));
        assert!(pattern_matches("actix_web::get", &["actix_web", "get"]));
        assert!(pattern_matches(
            "*.router.add_get",
            &["app", "router", "add_get"]
        ));
        assert!(pattern_matches("web.*", &["web", "get"]));
        assert!(pattern_matches(
            "warp::**.map",
            &["warp", "path", "and", "map"]
        ));
        assert!(pattern_matches("warp::**.map", &["warp", "map"]));
        assert!(!pattern_matches("warp::**.map", &["iter", "map"]));
        assert!(!pattern_matches("warp::**.map", &["warp", "map", "x"]));
        // A long pattern.
        let long = "a.b.c.d.e.f.g.h.i.j";
        let path: Vec<&str> = long.split('.').collect();
        assert!(pattern_matches(long, &path));
        assert!(pattern_matches("*.c.d.e.f.g.h.i.j", &path));
        assert!(!pattern_matches(long, path.get(1..).unwrap_or(&[])));
        assert!(pattern_matches("a.**.h.i.j", &path));
        assert!(!pattern_matches("a.b.c.d.e.f.g.h.i.x", &path));
    }

    /// The quick test on the last name never changes what the full match says.
    #[test]
    fn the_last_name_test_agrees_with_the_full_match() {
        let patterns = [
            "*.get",
            "app.get",
            "get",
            "*",
            "**",
            "**.get",
            "web.*",
            "warp::**.map",
            "a.**",
            "**.x",
            "*.x.*",
            "get.",
            "",
            "a::b",
            "a::b.get",
            "*.*",
            "x..get",
        ];
        let paths: [&[&str]; 14] = [
            &[],
            &[""],
            &["a", ""],
            &["x.get"],
            &["get"],
            &["x"],
            &["app", "get"],
            &["this", "app", "get"],
            &["a", "b", "get"],
            &["web", "get"],
            &["warp", "path", "map"],
            &["a", "x"],
            &["x", "get"],
            &["a", "b"],
        ];
        let mut hits = 0;
        for p in patterns {
            for path in paths {
                let want = segments_of_match(p, path);
                assert_eq!(pattern_matches(p, path), want, "{p} {path:?}");
                if want {
                    assert!(
                        may_end_in(p, path.last().copied().unwrap_or("")),
                        "{p} {path:?}"
                    );
                    // What the JS/TS handler matching relies on to skip calls by last name.
                    assert!(
                        last_name(p).is_none_or(|l| path.last() == Some(&l)),
                        "{p} {path:?}"
                    );
                }
                hits += usize::from(want);
            }
        }
        assert!(hits > 10, "{hits}");
        assert!(!may_end_in("*.get", "post"));
        assert_eq!(last_name("app.get"), Some("get"));
        assert_eq!(last_name("axum::routing::get"), Some("get"));
        assert_eq!(last_name("router.*"), None);
        assert_eq!(last_name("warp.**"), None);
        assert_eq!(last_name(""), None);
    }

    #[test]
    fn prefilter_tokens_avoid_generic_symbols() {
        let text = "[pack]\nname='x'\ndescription='y'\n[[client]]\nid='r'\nlang='rust'\nlibrary='reqwest'\nmodules=['reqwest']\nsymbol='Client'\nstatics=['new']\n[[client]]\nid='m'\nlang='rust'\nlibrary='m'\nmodules=['mongodb']\nsymbol='MongoClientX'\nstatics=['new']\n";
        let mut k = Knowledge::default();
        k.add(Pack::parse(text, "x").expect("pack"));
        assert_eq!(
            k.prefilter_tokens(LangFamily::Rust),
            vec!["MongoClientX", "reqwest::", "use reqwest"]
        );
    }

    /// Every built-in client passes the prefilter in a file that builds it: its symbol is a
    /// token, or each of its modules (which the import or qualified path names) holds one.
    #[test]
    fn prefilter_lets_every_builtin_client_through() {
        let k = Knowledge::builtin();
        for c in &k.clients {
            let tokens = k.prefilter_tokens(c.lang);
            let by_symbol = tokens.contains(&c.symbol);
            // JS tokens quote the specifier (`'pg'`), others name the module's root in an
            // import or a path.
            let by_module = c.modules.iter().all(|m| {
                tokens.iter().any(|t| {
                    let bare = t
                        .trim_start_matches("import ")
                        .trim_start_matches("from ")
                        .trim_start_matches(", ")
                        .trim_start_matches("use ")
                        .trim_end_matches("::");
                    m.contains(bare) || t.trim_matches(['\'', '"', '`', '/']) == m
                })
            });
            assert!(by_symbol || by_module, "{} slips past the prefilter", c.id);
        }
        let py = k.prefilter_tokens(LangFamily::Python);
        assert!(py.contains(&"import boto3".to_string()), "{py:?}");
        assert!(!py.contains(&"requests".to_string()), "{py:?}");
        assert!(!py.contains(&"client".to_string()), "{py:?}");
        let js = k.prefilter_tokens(LangFamily::Js);
        assert!(js.contains(&"'pg'".to_string()), "{js:?}");
        assert!(!js.contains(&"pg".to_string()), "{js:?}");
        let rust = k.prefilter_tokens(LangFamily::Rust);
        assert!(rust.contains(&"reqwest::".to_string()), "{rust:?}");
        assert!(!rust.contains(&"Client".to_string()), "{rust:?}");
    }

    #[test]
    fn builders_need_build_methods() {
        let err = Pack::parse(
            "[pack]\nname='x'\ndescription='y'\n[[client]]\nid='a'\nlang='rust'\nlibrary='l'\nmodules=['m']\nsymbol='S'\nbuilders=['builder']\n",
            "x.toml",
        )
        .unwrap_err();
        assert!(err.to_string().contains("go together"), "{err}");
    }

    #[test]
    fn pool_named_options() {
        assert!(option_names_pool("maxPoolSize"));
        assert!(option_names_pool("max_pool_connections"));
        assert!(!option_names_pool("max"));
        assert!(!option_names_pool("connectionLimit"));
    }

    #[test]
    fn per_option_pool_facts_override_the_client_wide_ones() {
        let text = "[pack]\nname='x'\ndescription='y'\n[[client]]\nid='e'\nlang='python'\nlibrary='l'\nmodules=['m']\nsymbol='make'\ncall=true\npool-options=['pool_size','max_overflow']\npool-default=5\npool-zero='unlimited'\npool-option-defaults={ max_overflow = 10 }\npool-option-zero={ max_overflow = 'valid' }\n";
        let pack = Pack::parse(text, "x.toml").expect("pack");
        let c = &pack.client[0];
        assert_eq!(c.pool_default_for("pool_size"), Some(5));
        assert_eq!(c.pool_default_for("MAX_OVERFLOW"), Some(10));
        assert_eq!(c.pool_zero_for("pool_size"), Some(PoolZero::Unlimited));
        assert_eq!(c.pool_zero_for("max_overflow"), Some(PoolZero::Valid));
        let err = Pack::parse(
            &text.replace(
                "pool-option-zero={ max_overflow",
                "pool-option-zero={ maxsize",
            ),
            "x.toml",
        )
        .unwrap_err();
        assert!(err.to_string().contains("not in `pool-options`"), "{err}");
    }

    /// A per-option override in a built-in pack says something the client-wide value does not.
    #[test]
    fn builtin_per_option_overrides_differ_from_the_client_wide_values() {
        let k = Knowledge::builtin();
        for c in &k.clients {
            for (o, z) in &c.pool_option_zero {
                assert_ne!(Some(*z), c.pool_zero, "{}: redundant override of {o}", c.id);
            }
            for (o, d) in &c.pool_option_defaults {
                assert_ne!(
                    Some(*d),
                    c.pool_default,
                    "{}: redundant default of {o}",
                    c.id
                );
            }
        }
    }

    #[test]
    fn class_names() {
        assert!(name_matches("*View", "ListView"));
        assert!(name_matches("View", "View"));
        assert!(!name_matches("View", "ListView"));
    }

    #[test]
    fn unknown_keys_are_errors() {
        let err = Pack::parse(
            "[pack]\nname='x'\ndescription='y'\n[[client]]\nid='a'\nlang='js'\nlibrary='l'\nmodules=[]\nsymbol='S'\nnew=true\nbogus=1\n",
            "x.toml",
        )
        .unwrap_err();
        assert!(err.to_string().contains("bogus"), "{err}");
    }
}
