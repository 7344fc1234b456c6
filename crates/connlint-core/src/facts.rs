//! The language-neutral model every frontend lowers a file into, and every rule reads.
//!
//! A frontend knows its syntax and the knowledge packs (which calls build clients, which shapes
//! make a function a handler); it records *what it saw* here. Rules never look at syntax.
//!
//! Invariants:
//! - `functions[i].parent < i`: a parent is always recorded before its children.
//! - Every `FuncId` stored anywhere indexes into `functions`.
//! - Spans are byte ranges into the file's text as given to the frontend.

use crate::span::Span;

/// An identifier, a module path or an option key in the Facts. A name of up to 24 bytes is
/// stored inline, without an allocation of its own: the Facts of every file are kept until the
/// rules have run, and on a large tree they are most of the memory.
pub use compact_str::CompactString as Name;
use serde::Serialize;

/// Index into [`Facts::functions`].
pub type FuncId = u32;

/// Everything the rules need to know about one file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facts {
    pub functions: Vec<Function>,
    pub constructions: Vec<Construction>,
    pub closes: Vec<Close>,
    pub calls: Vec<Call>,
    pub pool_settings: Vec<PoolSetting>,
    /// Bindings that hold the value of another name: `const client = await clientPromise`,
    /// `const p = client.connect()`. Lets the rules see that a close of `client` closes a
    /// shared client.
    pub aliases: Vec<Alias>,
    /// Names used as handlers that the file does not define (registered by name, imported from
    /// elsewhere): resolved across files.
    pub handler_refs: Vec<HandlerRef>,
    pub imports: Vec<Import>,
    pub exports: Vec<Export>,
    /// Comments that mention `connlint-ignore`, with their text.
    pub suppression_comments: Vec<Comment>,
    /// Syntax errors the parser recovered from (or could not).
    pub problems: Vec<ParseProblem>,
}

impl Facts {
    /// Gives back the spare capacity of every list. Facts are kept for the whole run, for
    /// every file parsed; the lists grow by doubling while a file is lowered, and on a big
    /// project that slack is about a third of their memory.
    pub fn shrink_to_fit(&mut self) {
        let Facts {
            functions,
            constructions,
            closes,
            calls,
            pool_settings,
            aliases,
            handler_refs,
            imports,
            exports,
            suppression_comments,
            problems,
        } = self;
        functions.shrink_to_fit();
        constructions.shrink_to_fit();
        closes.shrink_to_fit();
        calls.shrink_to_fit();
        pool_settings.shrink_to_fit();
        aliases.shrink_to_fit();
        handler_refs.shrink_to_fit();
        imports.shrink_to_fit();
        exports.shrink_to_fit();
        suppression_comments.shrink_to_fit();
        problems.shrink_to_fit();
    }

    /// The function with this id.
    pub fn function(&self, id: FuncId) -> Option<&Function> {
        self.functions.get(id as usize)
    }

    /// Ids of `id` and all its ancestors, innermost first.
    pub fn ancestors(&self, id: FuncId) -> impl Iterator<Item = FuncId> + '_ {
        let mut next = Some(id);
        std::iter::from_fn(move || {
            let cur = next?;
            next = self.function(cur).and_then(|f| f.parent);
            Some(cur)
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FunctionKind {
    /// A named function declaration (`function f`, `def f`, `fn f`).
    Function,
    /// A method of a class or impl.
    Method,
    /// A class constructor (`constructor`, `__init__`, Rust `new`/`default`).
    Constructor,
    /// An anonymous function: arrow, function expression, lambda, closure.
    Closure,
}

/// A function-like piece of code.
#[derive(Debug, Clone, Serialize)]
pub struct Function {
    /// The name it is declared or bound under (`const f = () => ..` gives `f`), if any.
    pub name: Option<Name>,
    pub kind: FunctionKind,
    /// The whole function.
    pub span: Span,
    /// A short span for labels: the name, or the `function`/`def`/`fn`/`=>` head.
    pub head: Span,
    pub parent: Option<FuncId>,
    /// The class (JS/Python) or impl self type (Rust) it is a method of.
    pub class: Option<Name>,
    /// Set when this function runs once per request, event or job. Boxed, as is `runs_once`:
    /// few functions have either, and every function of every file parsed is kept for the
    /// whole run (this makes a `Function` 96 bytes instead of 152).
    pub handler: Option<Box<Handler>>,
    /// Set when the function runs once per process or memoises its result (`@lru_cache`,
    /// startup hooks, `main`, `OnceCell::get_or_init` closures): clients built here are not
    /// per request even if a handler calls it.
    pub runs_once: Option<Box<RunsOnce>>,
    /// Exported from its module (`export`, `module.exports`, `pub`, or Python module scope).
    pub exported: bool,
}

/// What runs a handler repeatedly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trigger {
    Request,
    Event,
    Job,
}

impl Trigger {
    /// "request", "event", "job": for messages.
    pub fn noun(self) -> &'static str {
        match self {
            Trigger::Request => "request",
            Trigger::Event => "event",
            Trigger::Job => "job",
        }
    }
}

/// Why a function is a handler.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Handler {
    /// Framework name from the knowledge pack, e.g. "Express", "FastAPI", "axum".
    pub framework: String,
    pub trigger: Trigger,
    /// The code that proves it: the decorator, the registration call, the attribute, the
    /// exported name, the parameter list.
    pub evidence: Span,
}

/// Why a function runs once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunsOnce {
    /// Short reason for explanations, e.g. "@lru_cache", "FastAPI lifespan", "main".
    pub reason: String,
    pub evidence: Span,
}

/// What becomes of a freshly built client (or of a factory call's result).
///
/// A frontend follows the value through its binding inside the function and records the
/// strongest fact, in this order: `Cached` > `Stored` > `ContextManaged` > `Returned` >
/// `PassedOn` > `Local`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fate {
    /// Kept in a local binding, or discarded.
    Local,
    /// Passed as an argument to a call that is not one of its own methods.
    PassedOn,
    /// Returned (or yielded) from the function.
    Returned,
    /// Handed to a context manager: `with`, `async with`, `using`, `await using`.
    ContextManaged,
    /// Stored outside the function.
    Stored(StoreTarget),
    /// Built behind a memoising guard (`if (!client)`, `??=`, `||`, `is None`), or in a
    /// static/lazy cell (`OnceCell`, `Lazy`, `lazy_static!`).
    Cached,
}

impl Fate {
    /// The position in the documented order: a stronger fate wins when a value has several.
    pub fn strength(self) -> u8 {
        match self {
            Fate::Local => 0,
            Fate::PassedOn => 1,
            Fate::Returned => 2,
            Fate::ContextManaged => 3,
            Fate::Stored(_) => 4,
            Fate::Cached => 5,
        }
    }

    /// The stronger of two fates (the first on a tie).
    pub fn stronger(self, other: Fate) -> Fate {
        if other.strength() > self.strength() {
            other
        } else {
            self
        }
    }
}

/// Where a client that escapes its function is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StoreTarget {
    /// A module-level variable, a `global` declaration, a `static`.
    Module,
    /// `globalThis`, `global`, `window`.
    Global,
    /// `this.x` / `self.x`.
    Instance,
    /// Framework application state: `app.locals`, `app.state`, `app.config`, `req.app`,
    /// Flask `g` (per request!), axum `State`, actix `web::Data`.
    AppState,
    /// Into an object literal or collection that escapes.
    Collection,
}

/// A construction of a client that the knowledge packs know.
#[derive(Debug, Clone, Serialize)]
pub struct Construction {
    /// The client's id in the knowledge pack (e.g. `mongodb-node`).
    pub client: Name,
    /// The whole construction expression (`new MongoClient(uri)`).
    pub span: Span,
    /// The enclosing function, `None` at module scope.
    pub function: Option<FuncId>,
    /// Inside a loop body of its function (or of module scope).
    pub in_loop: bool,
    /// The name it is bound to (`client`, `this.client`, `self.client`), if any.
    pub binding: Option<Name>,
    pub fate: Fate,
}

/// What guarantees a close runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CloseGuard {
    /// Nothing: an exception before it skips it.
    None,
    /// Inside a `finally` whose `try` covers the work.
    Finally,
    /// `with`/`async with`/`contextlib.closing`.
    ContextManager,
    /// JS `using`/`await using`.
    Using,
    /// A promise chain `.finally(() => client.close())`.
    PromiseFinally,
    /// Closed on every path, including the exceptional one (try body + rethrowing catch).
    EveryPath,
    /// A shutdown hook: `process.on('SIGINT')`, `atexit.register`, lifespan teardown.
    ShutdownHook,
}

/// A call that closes a client binding (`client.close()`, `await client.close()`).
#[derive(Debug, Clone, Serialize)]
pub struct Close {
    /// The binding closed: `client`, `this.client`, `self.client`, `db.client`.
    pub binding: Name,
    /// The close method, e.g. `close`, `$disconnect`.
    pub method: Name,
    pub span: Span,
    pub function: Option<FuncId>,
    pub guard: CloseGuard,
    /// The first call between the client's construction and this close that can throw.
    pub risky: Option<Span>,
}

/// The callee of a call, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Callee {
    /// `this`/`self`/a module alias/an object name, if the call is `recv.name(..)`.
    pub receiver: Option<Name>,
    pub name: Name,
    /// `new Name(..)` in JS; a call of a class name in Python; `Type::new` in Rust.
    pub instantiation: bool,
}

/// A call from a function (or module scope) to something that may be a function of this
/// project. Calls to known client constructors are [`Construction`]s, not calls.
#[derive(Debug, Clone, Serialize)]
pub struct Call {
    pub caller: Option<FuncId>,
    pub callee: Callee,
    pub span: Span,
    pub in_loop: bool,
    /// What becomes of the result.
    pub fate: Fate,
}

/// A name used as a handler but defined elsewhere (imported, or `controller.list`).
#[derive(Debug, Clone, Serialize)]
pub struct HandlerRef {
    pub callee: Callee,
    pub handler: Handler,
}

/// What an import binds locally.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "name")]
pub enum Imported {
    /// `import { x } from`, `from m import x`, `use m::x`, `require('m').x`.
    Named(Name),
    /// `import x from`, `const x = require('m')` of a default export.
    Default,
    /// `import * as x`, `import m as x`, `const x = require('m')`, Rust `mod`/module paths.
    Namespace,
}

/// An import of a name from another module.
#[derive(Debug, Clone, Serialize)]
pub struct Import {
    /// The local name.
    pub local: Name,
    /// The module specifier as written (`./lib/db`, `app.db`, `.db`, `crate::db`).
    pub source: Name,
    pub imported: Imported,
    pub span: Span,
}

/// A name a module exports.
#[derive(Debug, Clone, Serialize)]
pub struct Export {
    /// The exported name; `default` for a default export.
    pub name: Name,
    /// The local name it exports, when it is a local binding.
    pub local: Option<Name>,
    /// Re-exports: the module it comes from (`export { x } from './y'`, `export * from`).
    pub from: Option<Name>,
    pub span: Span,
}

/// A pool-size setting with a literal value.
#[derive(Debug, Clone, Serialize)]
pub struct PoolSetting {
    /// The option as written (`maxPoolSize`, `max_pool_size`, `maxpoolsize` in a URI).
    pub option: Name,
    /// The client id it configures, when known.
    pub client: Option<Name>,
    pub value: u64,
    /// The literal value.
    pub span: Span,
}

/// A comment mentioning `connlint-ignore`.
#[derive(Debug, Clone, Serialize)]
pub struct Comment {
    pub span: Span,
    pub text: String,
}

/// A syntax problem. The frontend still reports facts from the parts that parsed.
#[derive(Debug, Clone, Serialize)]
pub struct ParseProblem {
    pub span: Span,
    pub message: String,
    /// The parser gave up on the whole file: no facts were extracted.
    pub fatal: bool,
}

/// `name` holds the value of `of` (awaited, or through a method that returns its receiver such
/// as `connect()`): `const client = await clientPromise`, `clientPromise = global._mongo`.
#[derive(Debug, Clone, Serialize)]
pub struct Alias {
    /// The binding assigned.
    pub name: Name,
    /// The name or member path (`global._mongoClientPromise`) it takes its value from.
    pub of: Name,
    /// The function the assignment is in, `None` at module scope.
    pub function: Option<FuncId>,
    /// The whole declarator or assignment.
    pub span: Span,
}
