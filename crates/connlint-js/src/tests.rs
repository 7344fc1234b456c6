//! Unit tests through one summary helper: each fact becomes a short line.

use crate::analyze;
use connlint_core::{Facts, Knowledge, Lang, LineIndex};
use std::path::Path;

fn line(src: &str, at: u32) -> usize {
    src.get(..at as usize)
        .map_or(0, |s| s.matches('\n').count())
        + 1
}

fn fname(f: &Facts, id: Option<u32>) -> String {
    match id.and_then(|i| f.function(i)) {
        None => "module".to_string(),
        Some(func) => func.name.as_deref().unwrap_or("<anon>").to_string(),
    }
}

/// Facts of `src` at `path` as short lines:
/// `handler NAME FRAMEWORK`, `ref RECV.NAME FRAMEWORK`, `once NAME`, `new LINE in FN FATE [loop]
/// [=binding]`, `close LINE BINDING GUARD [risky]`, `call FN->NAME FATE` (non-local results only),
/// `alias FN NAME=OF`, `problem LINE`, `pool VALUE`, `import LOCAL SOURCE`, `export NAME`.
pub fn check(src: &str, path: &str) -> Vec<String> {
    let lang = Lang::from_path(Path::new(path)).unwrap_or(Lang::JavaScript);
    let kb = Knowledge::builtin();
    let f = analyze(src, path, lang, &kb);
    let _ = LineIndex::new(src);
    let mut out = Vec::new();
    for (i, func) in f.functions.iter().enumerate() {
        let name = fname(&f, u32::try_from(i).ok());
        if let Some(h) = &func.handler {
            out.push(format!("handler {name} {}", h.framework));
        }
        if func.runs_once.is_some() {
            out.push(format!("once {name}"));
        }
    }
    for r in &f.handler_refs {
        let recv = r
            .callee
            .receiver
            .as_deref()
            .map(|r| format!("{r}."))
            .unwrap_or_default();
        out.push(format!(
            "ref {recv}{} {}",
            r.callee.name, r.handler.framework
        ));
    }
    for c in &f.constructions {
        let mut s = format!(
            "new {} in {} {:?}",
            line(src, c.span.start),
            fname(&f, c.function),
            c.fate
        );
        if c.in_loop {
            s.push_str(" loop");
        }
        if let Some(b) = &c.binding {
            s.push_str(&format!(" ={b}"));
        }
        out.push(s);
    }
    for c in &f.closes {
        let mut s = format!(
            "close {} {} {:?}",
            line(src, c.span.start),
            c.binding,
            c.guard
        );
        if c.risky.is_some() {
            s.push_str(" risky");
        }
        out.push(s);
    }
    for c in &f.calls {
        if c.fate != connlint_core::Fate::Local {
            out.push(format!(
                "call {}->{} {:?}",
                fname(&f, c.caller),
                c.callee.name,
                c.fate
            ));
        }
    }
    for a in &f.aliases {
        out.push(format!(
            "alias {} {}={}",
            fname(&f, a.function),
            a.name,
            a.of
        ));
    }
    for p in &f.problems {
        out.push(format!("problem {}", line(src, p.span.start)));
    }
    for p in &f.pool_settings {
        out.push(format!("pool {}", p.value));
    }
    for i in &f.imports {
        out.push(format!("import {} {}", i.local, i.source));
    }
    for e in &f.exports {
        out.push(format!("export {}", e.name));
    }
    out
}

fn has(out: &[String], want: &str) -> bool {
    out.iter().any(|l| l == want)
}

#[track_caller]
fn assert_has(src: &str, path: &str, want: &[&str]) {
    let out = check(src, path);
    for w in want {
        assert!(has(&out, w), "missing `{w}` in {out:#?}");
    }
}

#[track_caller]
fn assert_lacks(src: &str, path: &str, unwanted: &[&str]) {
    let out = check(src, path);
    for w in unwanted {
        assert!(
            !out.iter().any(|l| l.starts_with(w)),
            "unexpected `{w}` in {out:#?}"
        );
    }
}

#[test]
fn client_aliases() {
    let src = r#"
const { MongoClient: MC } = require('mongodb');
import { MongoClient as M2 } from 'mongodb';
import * as mongo from 'mongodb';
const mongodb = require('mongodb');
const a = new MC(uri);
const b = new M2(uri);
const c = new mongo.MongoClient(uri);
const d = new mongodb.MongoClient(uri);
const e = await mongodb.MongoClient.connect(uri);
const f = require('mongodb').MongoClient.connect(uri);
const g = MC.connect(uri);
"#;
    assert_has(
        src,
        "a.js",
        &[
            "new 6 in module Stored(Module) =a",
            "new 7 in module Stored(Module) =b",
            "new 8 in module Stored(Module) =c",
            "new 9 in module Stored(Module) =d",
            "new 10 in module Stored(Module) =e",
            "new 11 in module Stored(Module) =f",
            "new 12 in module Stored(Module) =g",
            "import MC mongodb",
            "import mongo mongodb",
        ],
    );
}

#[test]
fn bare_name_counts_unless_rebound() {
    assert_has(
        "const c = new MongoClient(u);",
        "a.js",
        &["new 1 in module Stored(Module) =c"],
    );
    assert_lacks(
        "class MongoClient {}\nconst c = new MongoClient(u);",
        "a.js",
        &["new "],
    );
    assert_lacks(
        "import { MongoClient } from './fake';\nconst c = new MongoClient(u);",
        "a.js",
        &["new "],
    );
    assert_lacks(
        "// new MongoClient(uri)\nconst s = 'new MongoClient(uri)';",
        "a.js",
        &["new "],
    );
}

#[test]
fn express_handlers_and_helpers() {
    let src = r#"
const express = require('express');
const app = express();
const router = express.Router();
app.get('/a', async (req, res) => {
  const client = new MongoClient(uri);
  await client.connect();
  res.json(await helper());
});
router.route('/b').post(named);
app.use('/c', asyncHandler(async (rq, rs) => {}));
app.get('/d', controller.list);
async function named(rq, rs) {}
function helper() {
  for (const x of xs) {
    const c = new MongoClient(x);
  }
  return 1;
}
"#;
    assert_has(
        src,
        "a.js",
        &[
            "handler <anon> Express",
            "handler named Express",
            "ref controller.list Express",
            "new 6 in <anon> Local =client",
            "new 16 in helper Local loop =c",
        ],
    );
    let out = check(src, "a.js");
    assert_eq!(
        out.iter().filter(|l| l.starts_with("handler")).count(),
        3,
        "{out:#?}"
    );
}

#[test]
fn guards_make_cached() {
    let src = r#"
let client;
let cached = global.mongo || { conn: null, promise: null };
export async function getClient() {
  if (!client) client = new MongoClient(uri);
  return client;
}
export async function a() { client ??= new MongoClient(uri); return client; }
export async function b() { client = client || new MongoClient(uri); return client; }
export async function c() {
  if (cached.conn) return cached.conn;
  cached.promise = MongoClient.connect(uri);
  cached.conn = await cached.promise;
  return cached.conn;
}
export async function d() {
  const cl = new MongoClient(uri);
  global._mongoClientPromise = cl.connect();
}
export function e() { return new MongoClient(uri); }
export function f() { this.client = new MongoClient(uri); }
export function g() { app.locals.db = new MongoClient(uri); }
export function h() { other = new MongoClient(uri); }
export async function i() { await using c = new MongoClient(uri); }
"#;
    assert_has(
        src,
        "lib.js",
        &[
            "new 5 in getClient Cached =client",
            "new 8 in a Cached =client",
            "new 9 in b Cached =client",
            "new 12 in c Cached =cached.promise",
            "new 17 in d Cached =cl",
            "new 20 in e Returned",
            "new 21 in f Stored(Instance) =this.client",
            "new 22 in g Stored(AppState) =app.locals.db",
            "new 23 in h Stored(Module) =other",
        ],
    );
}

#[test]
fn closes_and_guards() {
    let src = r#"
async function a() {
  const client = new MongoClient(uri);
  try { await client.db().collection('x').find(); } finally { await client.close(); }
}
async function b() {
  const client = new MongoClient(uri);
  await client.db().collection('x').insertOne({});
  await client.close();
}
function c() {
  const client = new MongoClient(uri);
  return client.connect().then(() => work()).finally(() => client.close());
}
process.on('SIGINT', async () => { await shared.close(); process.exit(0); });
async function d() {
  const client = new MongoClient(uri);
  try { await work(client); await client.close(); } catch (e) { await client.close(); throw e; }
}
"#;
    assert_has(
        src,
        "a.js",
        &[
            "close 4 client Finally risky",
            "close 9 client None risky",
            "close 13 client PromiseFinally",
            "close 15 shared ShutdownHook",
            "close 18 client EveryPath risky",
        ],
    );
}

#[test]
fn file_conventions() {
    assert_has(
        "export default async function handler(req, res) { const c = new MongoClient(u); }",
        "web/pages/api/users.js",
        &["handler handler Next.js pages API"],
    );
    assert_lacks(
        "export default function Page() { return null }",
        "web/pages/index.js",
        &["handler"],
    );
    assert_has(
        "export async function GET() {}\nexport const POST = async () => {};\nfunction util() {}",
        "app/api/users/route.ts",
        &[
            "handler GET Next.js App Router",
            "handler POST Next.js App Router",
        ],
    );
    assert_has(
        "'use server'\nexport async function save(data) {}\nasync function local() {}",
        "app/actions.ts",
        &["handler save Next.js server action"],
    );
    assert_lacks(
        "'use server'\nasync function local() {}",
        "app/actions.ts",
        &["handler"],
    );
    assert_has(
        "export const actions = { default: async ({ request }) => {} };\nexport async function load() {}",
        "src/routes/+page.server.ts",
        &["handler default SvelteKit", "handler load SvelteKit"],
    );
    assert_has(
        "exports.handler = async (event) => {};",
        "lambda/index.js",
        &["handler handler AWS Lambda"],
    );
    assert_has(
        "const handler = async (event) => {};\nmodule.exports = { handler };",
        "lambda/index.js",
        &["handler handler AWS Lambda"],
    );
}

#[test]
fn nest_controllers() {
    let src = r#"
@Controller('users')
export class UsersController {
  constructor(private readonly svc: UsersService) {}
  @Get()
  async list() { const c = new MongoClient(uri); }
  helper() {}
}
"#;
    let out = check(src, "users.controller.ts");
    assert!(has(&out, "handler list NestJS"), "{out:#?}");
    assert!(!has(&out, "handler helper NestJS"), "{out:#?}");
}

#[test]
fn nest_decorators_before_each_member_only() {
    // A comment between decorator and method; a decorated field; an undecorated method after
    // a decorated one; a nested class in between: each member gets the run right before it.
    let src = r#"
@Controller('users')
export class UsersController {
  @Get()
  // lists users
  async list() {}
  helper() {}
  @Post()
  create = async () => { class Inner { inner() {} } };
  after() {}
}
"#;
    let out = check(src, "users.controller.ts");
    for want in ["handler list NestJS", "handler create NestJS"] {
        assert!(has(&out, want), "missing {want}: {out:#?}");
    }
    for not in ["helper", "inner", "after"] {
        assert!(
            !has(&out, &format!("handler {not} NestJS")),
            "{not}: {out:#?}"
        );
    }
}

#[test]
fn queues_sockets_and_servers() {
    let src = r#"
import { Worker } from 'bullmq';
const w = new Worker('q', async (job) => {});
io.on('connection', (s) => { socket.on('msg', (m) => {}); });
http.createServer((rq, rs) => {});
functions.https.onRequest(async (rq, rs) => {});
"#;
    let out = check(src, "a.ts");
    for want in ["BullMQ", "socket.io", "Node.js http", "Cloud Functions"] {
        assert!(
            out.iter()
                .any(|l| l.starts_with("handler") && l.ends_with(want)),
            "{want}: {out:#?}"
        );
    }
}

#[test]
fn syntax_errors_keep_facts() {
    let src = "app.get('/', async (req, res) => {\n  const c = new MongoClient(u);\n});\nfunction broken( {\n";
    let out = check(src, "a.js");
    assert!(out.iter().any(|l| l.starts_with("problem")), "{out:#?}");
    assert!(has(&out, "new 2 in <anon> Local =c"), "{out:#?}");
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = 100_000;
    let src = format!("{}1{}", "(".repeat(depth), ")".repeat(depth));
    let _ = check(&src, "a.js");
    let src = format!(
        "{}new MongoClient(u);{}",
        "function f(){".repeat(20_000),
        "}".repeat(20_000)
    );
    let out = check(&src, "a.js");
    assert!(out.iter().any(|l| l.starts_with("new 1 in f")), "{out:?}");
    let src = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let _ = check(&src, "a.js");
    // Rescanning analyses stay bounded: every level binds a call result and a client.
    let src = format!(
        "function g() {{}}\n{}{}",
        "function f(req, res){ const x = g(); const c = new MongoClient(u); ".repeat(3_000),
        "}".repeat(3_000)
    );
    let _ = check(&src, "a.js");
}

#[test]
fn pool_settings() {
    let src = "const c = new MongoClient('mongodb://h/db?retryWrites=true&maxPoolSize=500', { maxPoolSize: 200 });\nconst u = `mongodb+srv://${h}/?MAXPOOLSIZE=7`;";
    assert_has(src, "a.js", &["pool 500", "pool 200", "pool 7"]);
}

#[test]
fn calls_carry_result_fates() {
    let src = r#"
function makeClient() { return new MongoClient(uri); }
let cache;
app.get('/', (req, res) => {
  cache = cache || makeClient();
  const repo = new Repo();
});
"#;
    assert_has(
        src,
        "a.js",
        &[
            "call <anon>->makeClient Cached",
            "new 2 in makeClient Returned",
        ],
    );
}

#[test]
fn imports_exports_and_refs() {
    let src = r#"
import def, { a as b } from './x';
import * as ns from 'lib';
const { c, d: e } = require('./y');
export { b as bee };
export * from './z';
export default handler;
module.exports.f = function () {};
app.get('/q', b, ns.list);
"#;
    assert_has(
        src,
        "a.js",
        &[
            "import def ./x",
            "import b ./x",
            "import ns lib",
            "import c ./y",
            "import e ./y",
            "export bee",
            "export *",
            "export default",
            "export f",
            "ref b Express",
            "ref ns.list Express",
        ],
    );
}

#[test]
fn run_once_and_frameworks() {
    let src = r#"
import Koa from 'koa';
import fastifyFactory from 'fastify';
const getClient = once(async () => new MongoClient(uri));
const app = new Koa();
app.use(async (ctx) => {});
const f = fastifyFactory();
f.route({ method: 'GET', url: '/', handler: async (q, r) => {} });
app.listen(3000, () => { boot(); });
"#;
    assert_has(
        src,
        "a.ts",
        &[
            "once <anon>",
            "handler <anon> Koa",
            "handler handler Fastify",
            "new 4 in <anon> Returned",
        ],
    );
    let out = check(src, "a.ts");
    assert_eq!(
        out.iter().filter(|l| l.starts_with("once")).count(),
        2,
        "{out:#?}"
    );
}

#[test]
fn tsx_and_syntax_messages() {
    let src =
        "export default function P() { return <div>{x}</div>; }\nconst c = new MongoClient(u);";
    assert_has(src, "a.tsx", &["new 2 in module Stored(Module) =c"]);
    assert_lacks(src, "a.tsx", &["problem"]);
    let kb = Knowledge::builtin();
    let f = analyze("function f( {", "a.js", Lang::JavaScript, &kb);
    assert!(
        f.problems.iter().all(|p| !p.fatal && !p.message.is_empty()),
        "{:?}",
        f.problems
    );
    assert!(!f.problems.is_empty());
}

#[test]
fn methods_registered_through_instances() {
    let src = r#"
class UsersController {
  async list(rq, rs) {}
  helper() {}
}
const users = new UsersController();
const plain = { show: async (a, b) => {}, other() {} };
router.get('/users', users.list.bind(users));
router.get('/show', plain.show);
"#;
    let out = check(src, "a.js");
    assert!(has(&out, "handler list Express"), "{out:#?}");
    assert!(has(&out, "handler show Express"), "{out:#?}");
    assert!(!out.iter().any(|l| l.starts_with("ref")), "{out:#?}");
    assert_eq!(
        out.iter().filter(|l| l.starts_with("handler")).count(),
        2,
        "{out:#?}"
    );
}

#[test]
fn using_declarations() {
    let src = "export async function i() {\n  await using c = new MongoClient(uri);\n}\n";
    assert_has(src, "a.js", &["new 2 in i ContextManaged =c"]);
    assert_has(src, "a.ts", &["new 2 in i ContextManaged =c"]);
}

#[test]
fn derived_values_do_not_hand_the_client_off() {
    let src = r#"
async function a(res) {
  const client = new MongoClient(uri);
  res.json(await client.db().collection('x').find().toArray());
}
async function b() {
  const client = new MongoClient(uri);
  const doc = await client.db().collection('x').findOne();
  return doc;
}
function c() {
  const client = new MongoClient(uri);
  return { client, db: client.db() };
}
function d() {
  return new MongoClient(uri).connect();
}
function e() {
  this.db = new MongoClient(uri).db();
}
"#;
    assert_has(
        src,
        "a.js",
        &[
            "new 3 in a Local =client",
            "new 7 in b Local =client",
            "new 12 in c Returned =client",
            "new 16 in d Returned",
            "new 19 in e Stored(Instance) =this.db",
        ],
    );
}

#[test]
fn promise_chains_closing_both_ways() {
    let src = r#"
function a() {
  const client = new MongoClient(uri);
  client.db().collection('x').insertOne({}).then(() => client.close());
}
function b() {
  const client = new MongoClient(uri);
  work(client.db()).then(() => client.close()).catch((e) => { client.close(); throw e; });
}
function c() {
  const client = new MongoClient(uri);
  work(client.db()).then(() => client.close(), () => client.close());
}
function d() {
  const client = new MongoClient(uri);
  try { work(client.db()); client.close(); } catch (e) { client.close(); }
}
"#;
    assert_has(
        src,
        "a.js",
        &[
            "close 4 client None",
            "close 8 client EveryPath",
            "close 12 client EveryPath",
            "close 16 client EveryPath risky",
        ],
    );
}

#[test]
fn class_field_initialisers_run_in_the_constructor() {
    let src = r#"
class Repo {
  client = new MongoClient(uri);
  static shared = new MongoClient(uri);
  handle = async () => new MongoClient(uri);
}
"#;
    let out = check(src, "a.js");
    assert!(
        has(&out, "new 3 in constructor Stored(Instance) =this.client"),
        "{out:#?}"
    );
    assert!(
        has(&out, "new 4 in module Stored(Instance) =this.shared"),
        "{out:#?}"
    );
    assert!(has(&out, "new 5 in handle Returned"), "{out:#?}");
}

#[test]
fn get_with_a_key_and_callback_is_not_a_route() {
    let src = r#"
const cache = redis.createClient();
cache.get('config', (err, v) => { const c = new MongoClient(v); });
store.get(key, (err, v) => { const c = new MongoClient(v); });
router.get(async (req, res) => {});
users.get('/users', async (req, res) => {});
app.use(async (req, res, next) => next());
"#;
    let out = check(src, "a.js");
    let handlers: Vec<&String> = out.iter().filter(|l| l.starts_with("handler")).collect();
    assert_eq!(handlers.len(), 3, "{out:#?}");
}

#[test]
fn aliases_of_shared_values() {
    let src = r#"
import clientPromise from '../lib/mongodb';
const mongo = new MongoClient(uri);
const ready = mongo.connect();
global._p = mongo.connect();
export default async function handler(req, res) {
  const client = await clientPromise;
  const other = (await ready);
  const db = client.db();
}
"#;
    assert_has(
        src,
        "pages/api/x.js",
        &[
            "alias module ready=mongo",
            "alias module global._p=mongo",
            "alias handler client=clientPromise",
            "alias handler other=ready",
        ],
    );
    assert_lacks(src, "pages/api/x.js", &["alias handler db="]);
}

#[test]
fn closes_of_using_declarations_are_guarded() {
    let src = r#"
async function a() {
  await using client = new MongoClient(uri);
  await client.db().collection('x').find();
  await client.close();
}
"#;
    assert_has(
        src,
        "a.ts",
        &[
            "new 3 in a ContextManaged =client",
            "close 5 client Using risky",
        ],
    );
}

#[test]
fn aliases_live_where_their_name_is_declared() {
    let src = r#"
let clientPromise;
function init() { clientPromise = mongo.connect(); }
function f() { let x; x = y; }
function g() { global._p = mongo.connect(); }
"#;
    assert_has(
        src,
        "a.js",
        &[
            "alias module clientPromise=mongo",
            "alias f x=y",
            "alias module global._p=mongo",
        ],
    );
}

#[test]
fn an_inline_require_stands_for_the_module() {
    let src = r#"
export async function a() { await require('mongoose').connect(uri); }
export async function b() { const k = require('knex')({ client: 'pg' }); return k; }
export async function c() { const r = new (require('ioredis'))(); return r; }
export async function d() { await require('other').connect(uri); }
export async function e() { const m = require('mongoose'); return m; }
"#;
    let out = check(src, "lib.js");
    for want in ["new 2 in a", "new 3 in b", "new 4 in c"] {
        assert!(out.iter().any(|l| l.starts_with(want)), "{want}: {out:#?}");
    }
    for not in ["new 5", "new 6"] {
        assert!(!out.iter().any(|l| l.starts_with(not)), "{not}: {out:#?}");
    }
}
