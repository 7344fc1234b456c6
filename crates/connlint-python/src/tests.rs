//! Unit tests through one helper: `check(src, path)` gives one summary line per fact.

use super::*;

fn check(src: &str, path: &str) -> Vec<String> {
    let kb = Knowledge::builtin();
    summary(src, &analyze(src, path, Lang::Python, &kb))
}

fn has(lines: &[String], want: &str) -> bool {
    lines.iter().any(|l| l.contains(want))
}

#[track_caller]
fn assert_has(lines: &[String], want: &str) {
    assert!(
        has(lines, want),
        "missing `{want}` in:\n{}",
        lines.join("\n")
    );
}

#[track_caller]
fn assert_not(lines: &[String], want: &str) {
    assert!(
        !has(lines, want),
        "unexpected `{want}` in:\n{}",
        lines.join("\n")
    );
}

#[test]
fn smoke() {
    let out = check(
        "from pymongo import MongoClient\n@app.route('/')\ndef index():\n    c = MongoClient()\n    return 'x'\n",
        "app.py",
    );
    assert_has(&out, "fn index Function handler=Flask/request at 2");
    assert_has(&out, "new pymongo line 4 in index binding=c fate=Local");
}

#[test]
fn client_spellings() {
    let src = r#"
from pymongo import MongoClient as MC
import pymongo
import pymongo as pm
import motor.motor_asyncio
from motor.motor_asyncio import AsyncIOMotorClient
from motor import motor_asyncio
from pymongo import AsyncMongoClient
import motor.motor_tornado

a = MC()
b = pymongo.MongoClient()
c = pm.MongoClient()
d = motor.motor_asyncio.AsyncIOMotorClient()
e = AsyncIOMotorClient()
f = motor_asyncio.AsyncIOMotorClient()
g = AsyncMongoClient()
h = motor.motor_tornado.MotorClient()
"""MongoClient() in a docstring"""
s = "MongoClient()"
# MongoClient() in a comment
"#;
    let out = check(src, "m.py");
    for (l, client) in [
        (11, "pymongo"),
        (12, "pymongo"),
        (13, "pymongo"),
        (14, "motor-asyncio"),
        (15, "motor-asyncio"),
        (16, "motor-asyncio"),
        (17, "pymongo-async"),
        (18, "motor-tornado"),
    ] {
        assert_has(&out, &format!("new {client} line {l} in <module>"));
    }
    assert_eq!(
        out.iter().filter(|l| l.starts_with("new ")).count(),
        8,
        "{out:#?}"
    );
}

#[test]
fn other_libraries_named_alike_are_not_clients() {
    let out = check(
        "from mongomock import MongoClient\nfrom app.db import MongoClient as M\nx = M()\n",
        "m.py",
    );
    assert_not(&out, "new ");
}

#[test]
fn functions_methods_lambdas() {
    let src = r#"
class Repo:
    def __init__(self, uri):
        self.client = MongoClient(uri)
    def find(self):
        def inner():
            pass
        return self.helper()
f = lambda: MongoClient()
async def g():
    pass
"#;
    let out = check(src, "m.py");
    assert_has(&out, "fn __init__ Constructor class=Repo");
    assert_has(&out, "fn find Method class=Repo");
    assert_has(&out, "fn inner Function parent=find");
    assert_has(&out, "fn f Closure");
    assert_has(&out, "fn g Function");
    assert_has(
        &out,
        "new pymongo line 4 in __init__ binding=self.client fate=Stored(Instance)",
    );
    assert_has(&out, "new pymongo line 9 in f binding=- fate=Returned");
    assert_has(&out, "call find -> self.helper fate=Returned");
    assert_has(&out, "export Repo");
    assert_has(&out, "export f");
    assert_has(&out, "export g");
}

#[test]
fn flask_shapes() {
    let src = r#"
from flask import Flask, g
from flask.views import MethodView
from .views import external
app = Flask(__name__)

@app.route("/a")
def a(): pass

@bp.post("/b")
def b(): pass

def c(): pass
app.add_url_rule("/c", view_func=c)
app.add_url_rule("/d", view_func=external)

class Users(MethodView):
    def get(self): pass
    def helper(self): pass

def not_a_handler(): pass
"#;
    let out = check(src, "app.py");
    assert_has(&out, "fn a Function handler=Flask/request at 7");
    assert_has(&out, "fn b Function handler=Flask/request at 10");
    assert_has(&out, "fn c Function handler=Flask/request at 14");
    assert_has(&out, "ref external Flask");
    assert_has(&out, "fn get Method class=Users handler=Flask/request");
    assert_not(&out, "fn helper Method class=Users handler");
    assert_not(&out, "fn not_a_handler Function handler");
}

#[test]
fn flask_g_is_per_request_not_cached() {
    let src = r#"
from flask import g
from pymongo import MongoClient
def get_db():
    if 'db' not in g:
        g.db = MongoClient()
    return g.db
"#;
    let out = check(src, "app.py");
    assert_has(&out, "binding=g.db fate=Stored(AppState)");
}

#[test]
fn fastapi_and_depends() {
    let src = r#"
from fastapi import FastAPI, Depends, APIRouter
from .deps import get_settings
app = FastAPI()
router = APIRouter()

def get_db():
    return MongoClient()

@app.get("/items")
async def items(db=Depends(get_db), s=Depends(get_settings)):
    pass

@router.post("/x")
def x(): pass

@app.websocket("/ws")
async def ws(sock): pass
"#;
    let out = check(src, "main.py");
    assert_has(&out, "fn get_db Function handler=FastAPI/request at 11");
    assert_has(&out, "fn items Function handler=FastAPI/request at 10");
    assert_has(&out, "fn x Function handler=FastAPI/request");
    assert_has(&out, "fn ws Function handler=FastAPI/request");
    assert_has(&out, "ref get_settings FastAPI");
}

#[test]
fn startup_code_runs_once() {
    let src = r#"
from contextlib import asynccontextmanager
from fastapi import FastAPI
from functools import lru_cache, cached_property
import functools

@asynccontextmanager
async def my_lifespan(app):
    app.state.client = AsyncMongoClient()
    yield
    app.state.client.close()

app = FastAPI(lifespan=my_lifespan)

@app.on_event("startup")
async def boot(): pass

@app.on_event("shutdown")
async def bye():
    app.state.client.close()

@lru_cache
def cached(): return MongoClient()

@functools.cache
def cached2(): return MongoClient()

class A:
    @cached_property
    def db(self): return MongoClient()

def create_app():
    return 1

class Cfg(AppConfig):
    def ready(self): pass
"#;
    let out = check(src, "main.py");
    assert_has(&out, "fn my_lifespan Function once=FastAPI lifespan");
    assert_has(&out, "fn boot Function once=start-up event");
    assert_not(&out, "fn bye Function once");
    assert_has(&out, "fn cached Function once=@lru_cache");
    assert_has(&out, "fn cached2 Function once=@functools.cache");
    assert_has(&out, "fn db Method class=A once=@cached_property");
    assert_has(&out, "fn create_app Function once=application factory");
    assert_has(
        &out,
        "fn ready Method class=Cfg once=Django AppConfig.ready",
    );
    assert_has(
        &out,
        "close app.state.client.close in my_lifespan guard=ShutdownHook",
    );
    assert_has(
        &out,
        "close app.state.client.close in bye guard=ShutdownHook",
    );
}

#[test]
fn global_guard_is_cached() {
    let src = r#"
from pymongo import MongoClient
client = None
_clients = {}
def get_client():
    global client
    if client is None:
        client = MongoClient()
    return client
def early():
    global client
    if client is not None:
        return client
    client = MongoClient()
    return client
def per_key(k):
    if k not in _clients:
        _clients[k] = MongoClient()
    return _clients[k]
def unguarded():
    global client
    client = MongoClient()
def local():
    c = MongoClient()
    return c
def ored():
    global client
    client = client or MongoClient()
"#;
    let out = check(src, "db.py");
    assert_has(
        &out,
        "new pymongo line 8 in get_client binding=client fate=Cached",
    );
    assert_has(
        &out,
        "new pymongo line 14 in early binding=client fate=Cached",
    );
    assert_has(
        &out,
        "new pymongo line 18 in per_key binding=_clients[k] fate=Cached",
    );
    assert_has(
        &out,
        "new pymongo line 22 in unguarded binding=client fate=Stored(Module)",
    );
    assert_has(&out, "new pymongo line 24 in local binding=c fate=Returned");
    assert_has(
        &out,
        "new pymongo line 28 in ored binding=client fate=Cached",
    );
}

#[test]
fn fates_and_closes() {
    let src = r#"
import atexit
from contextlib import closing
from pymongo import MongoClient
def w():
    with MongoClient() as c:
        c.db.find()
def passed():
    use(MongoClient())
def fin():
    client = MongoClient()
    try:
        client.db.find()
    finally:
        client.close()
def plain():
    client = MongoClient()
    client.db.insert_one({})
    client.close()
def every():
    client = MongoClient()
    try:
        work(client)
        client.close()
    except BaseException:
        client.close()
        raise
def closed():
    client = MongoClient()
    with closing(client):
        pass
shared = MongoClient()
atexit.register(shared.close)
"#;
    let out = check(src, "m.py");
    assert_has(
        &out,
        "new pymongo line 6 in w binding=c fate=ContextManaged",
    );
    assert_has(&out, "new pymongo line 9 in passed binding=- fate=PassedOn");
    assert_has(
        &out,
        "close client.close in fin guard=Finally risky=client.db.find()",
    );
    assert_has(
        &out,
        "close client.close in plain guard=None risky=client.db.insert_one({})",
    );
    assert_has(
        &out,
        "close client.close in every guard=EveryPath risky=work(client)",
    );
    assert_has(
        &out,
        "new pymongo line 29 in closed binding=client fate=ContextManaged",
    );
    assert_has(&out, "close client.close in closed guard=ContextManager");
    assert_has(&out, "close shared.close in <module> guard=ShutdownHook");
}

#[test]
fn loops_and_calls() {
    let src = r#"
from pymongo import MongoClient
from .db import connect
import app.db as adb
class Repo:
    def __init__(self):
        self.c = MongoClient()
def helper():
    return MongoClient()
for uri in uris:
    MongoClient(uri)
while True:
    x = [MongoClient(u) for u in uris]
def h():
    r = Repo()
    c = helper()
    connect()
    adb.get()
    for i in range(3):
        helper()
    return c
"#;
    let out = check(src, "m.py");
    assert_has(&out, "new pymongo line 11 in <module> loop");
    assert_has(&out, "new pymongo line 13 in <module> loop");
    assert_has(&out, "call h -> Repo new fate=Local");
    assert_has(&out, "call h -> helper fate=Returned");
    assert_has(&out, "call h -> connect fate=Local");
    assert_has(&out, "call h -> adb.get fate=Local");
    assert_has(&out, "call h -> helper loop fate=Local");
    assert_has(&out, "import connect from .db Named(\"connect\")");
    assert_has(&out, "import adb from app.db Namespace");
}

#[test]
fn pool_settings() {
    let src = r#"
from pymongo import MongoClient
a = MongoClient(maxPoolSize=400)
b = MongoClient("mongodb://h:27017/?retryWrites=true&maxPoolSize=500")
c = MongoClient(maxpoolsize=0)
"#;
    let out = check(src, "m.py");
    assert_has(&out, "pool maxPoolSize=400 client=pymongo");
    assert_has(&out, "pool maxPoolSize=500 client=-");
    assert_has(&out, "pool maxpoolsize=0 client=pymongo");
}

#[test]
fn pool_options_carried_by_config_calls() {
    let src = r#"
import httpx
from aiohttp import TCPConnector
a = httpx.Client(limits=httpx.Limits(max_connections=300))
b = TCPConnector(limit=0)
c = dict(max_connections=7)
d = other.Limits(max_connections=9)
"#;
    let out = check(src, "m.py");
    assert_has(&out, "pool max_connections=300 client=httpx-client");
    assert_has(&out, "pool limit=0 client=aiohttp-session");
    assert_not(&out, "=7 ");
    assert_not(&out, "=9 ");
}

#[test]
fn clients_from_factory_objects() {
    let src = r#"
import boto3
session = boto3.Session()
a = session.client("s3")
b = boto3.Session().resource("dynamodb")
c = boto3.session.Session().client("sqs")
d = unrelated.client("s3")
e = boto3.Session().table("x")
"#;
    let out = check(src, "m.py");
    assert_has(&out, "new boto3-client line 4");
    assert_has(&out, "new boto3-resource line 5");
    assert_has(&out, "new boto3-client line 6");
    assert_not(&out, "line 7");
    assert_not(&out, "line 8");
}

#[test]
fn syntax_errors_keep_the_rest() {
    let src = "from pymongo import MongoClient\n@app.route('/')\ndef h():\n    c = MongoClient()\n\ndef broken(:\n    pass\n";
    let out = check(src, "m.py");
    assert_has(&out, "problem line");
    assert_has(&out, "new pymongo line 4 in h");
    assert_has(&out, "fn h Function handler=Flask");
}

#[test]
fn deep_nesting_does_not_overflow() {
    let n = 100_000;
    let src = format!("x = {}1{}\n", "(".repeat(n), ")".repeat(n));
    let _ = check(&src, "deep.py");
    let src = format!("x = {}MongoClient(){}\n", "[".repeat(n), "]".repeat(n));
    let _ = check(&src, "deep.py");
    let mut src = String::new();
    for i in 0..2000 {
        src.push_str(&" ".repeat(i));
        src.push_str("if x:\n");
    }
    src.push_str(&" ".repeat(2000));
    src.push_str("MongoClient()\n");
    let _ = check(&src, "deep.py");
}

#[test]
fn garbage_never_panics() {
    for src in [
        "",
        "\0\0\0",
        "def",
        "(((",
        "@",
        "class A(:\n def",
        "lambda: lambda: MongoClient(",
        "é = MongoClient(maxPoolSize=é)",
    ] {
        let _ = check(src, "x.py");
    }
}

#[test]
fn django_shapes() {
    let views = "from pymongo import MongoClient\ndef index(request):\n    pass\ndef helper(x):\n    pass\n";
    let out = check(views, "shop/views.py");
    assert_has(&out, "fn index Function handler=Django/request at 2");
    assert_not(&out, "fn helper Function handler");
    let out = check(views, "shop/models.py");
    assert_not(&out, "handler=");
    let src = r#"
from django.views.generic import ListView
from rest_framework import viewsets
from rest_framework.decorators import action, api_view
from django.urls import path
from . import views
class Base(ListView):
    pass
class Items(Base):
    def get_queryset(self): pass
    def helper(self): pass
class VS(viewsets.ModelViewSet):
    @action(detail=True)
    def archive(self, request, pk=None): pass
@api_view(["GET"])
def f(request): pass
urlpatterns = [path("x/", views.index)]
"#;
    let out = check(src, "shop/api.py");
    assert_has(
        &out,
        "fn get_queryset Method class=Items handler=Django/request",
    );
    assert_not(&out, "fn helper Method class=Items handler");
    assert_has(&out, "fn archive Method class=VS handler=Django");
    assert_has(&out, "fn f Function handler=Django/request");
    assert_has(&out, "ref views.index Django");
}

#[test]
fn other_frameworks() {
    let src = r#"
from aiohttp import web
routes = web.RouteTableDef()
@routes.get("/")
async def a(request): pass
async def b(request): pass
async def c(request): pass
app = web.Application()
app.router.add_get("/b", b)
app.add_routes([web.get("/c", c)])
async def boot(app): pass
app.on_startup.append(boot)
"#;
    let out = check(src, "server.py");
    assert_has(&out, "fn a Function handler=aiohttp/request");
    assert_has(&out, "fn b Function handler=aiohttp/request");
    assert_has(&out, "fn c Function handler=aiohttp/request");
    assert_has(&out, "fn boot Function once=start-up hook");

    let src = "import tornado.web\nclass H(tornado.web.RequestHandler):\n    def get(self): pass\n    def util(self): pass\n";
    let out = check(src, "h.py");
    assert_has(&out, "fn get Method class=H handler=Tornado/request");
    assert_not(&out, "fn util Method class=H handler");

    let src = "def lambda_handler(event, context): pass\ndef x(event, context): pass\ndef y(a, b): pass\nclass K:\n    def m(event, context): pass\n";
    let out = check(src, "lambda_function.py");
    assert_has(&out, "fn lambda_handler Function handler=AWS Lambda/event");
    assert_has(&out, "fn x Function handler=AWS Lambda/event");
    assert_not(&out, "fn y Function handler");
    assert_not(&out, "fn m Method class=K handler");

    let src = "import azure.functions as func\napp = func.FunctionApp()\n@app.route(route='x')\ndef f(req): pass\ndef main(req: func.HttpRequest): pass\ndef other(req): pass\n";
    let out = check(src, "function_app.py");
    assert_has(&out, "fn f Function handler=Azure Functions/request");
    assert_has(&out, "fn main Function handler=Azure Functions/request");
    assert_not(&out, "fn other Function handler");

    let src = "import functions_framework\n@functions_framework.http\ndef f(request): pass\n@functions_framework.cloud_event\ndef g(e): pass\n";
    let out = check(src, "main.py");
    assert_has(&out, "fn f Function handler=Google Cloud Functions/request");
    assert_has(&out, "fn g Function handler=Google Cloud Functions/event");

    let src = "from celery import shared_task\nimport dramatiq\n@app.task(bind=True)\ndef a(self): pass\n@shared_task\ndef b(): pass\n@dramatiq.actor\ndef c(): pass\ndef d(): pass\n";
    let out = check(src, "tasks.py");
    assert_has(&out, "fn a Function handler=Celery/job");
    assert_has(&out, "fn b Function handler=Celery/job");
    assert_has(&out, "fn c Function handler=Dramatiq/job");
    assert_not(&out, "fn d Function handler");

    let src = "from starlette.routing import Route\nfrom .views import ext\nasync def home(request): pass\nroutes = [Route('/', home), Route('/x', endpoint=ext)]\n";
    let out = check(src, "app.py");
    assert_has(&out, "fn home Function handler=Starlette/request");
    assert_has(&out, "ref ext Starlette");
}

/// A large generated file; run with `--ignored --nocapture` to see how long analysis takes.
#[test]
#[ignore]
fn large_file_timing() {
    let mut src = String::from("from flask import Flask\nfrom pymongo import MongoClient\napp = Flask(__name__)\nclient = None\n");
    for i in 0..5000 {
        src.push_str(&format!(
            "@app.route('/{i}')\ndef h{i}(request):\n    global client\n    if client is None:\n        client = MongoClient(maxPoolSize={i})\n    c = MongoClient()\n    try:\n        helper{i}(c)\n        x = c.db.find()\n    finally:\n        c.close()\n    return c\ndef helper{i}(c):\n    return [MongoClient(u) for u in c]\n"
        ));
    }
    let kb = Knowledge::builtin();
    let t = std::time::Instant::now();
    let facts = analyze(&src, "big.py", Lang::Python, &kb);
    eprintln!("{} bytes, {:?}", src.len(), t.elapsed());
    assert_eq!(facts.constructions.len(), 15000);
}

#[test]
fn close_guards_need_a_covering_try_and_a_closing_catch_all() {
    let src = r#"
from pymongo import MongoClient
def uncovered():
    client = MongoClient()
    client.admin.command("ping")
    try:
        client.db.find()
    finally:
        client.close()
def covered():
    client = MongoClient()
    db = client.app
    try:
        db.find()
    finally:
        client.close()
def inside():
    client = None
    try:
        client = MongoClient()
        client.db.find()
    finally:
        client.close()
def rethrow_no_close():
    client = MongoClient()
    try:
        client.db.find()
        client.close()
    except BaseException:
        raise
def rethrow_close():
    client = MongoClient()
    try:
        client.db.find()
        client.close()
    except:
        client.close()
        raise
def narrow():
    client = MongoClient()
    try:
        client.db.find()
        client.close()
    except Exception:
        client.close()
        raise
def in_else():
    client = MongoClient()
    try:
        client.db.find()
    except BaseException:
        client.close()
        raise
    else:
        client.close()
"#;
    let out = check(src, "m.py");
    assert_has(
        &out,
        r#"close client.close in uncovered guard=None risky=client.admin.command("ping")"#,
    );
    assert_has(&out, "close client.close in covered guard=Finally");
    assert_has(&out, "close client.close in inside guard=Finally");
    assert_has(&out, "close client.close in rethrow_no_close guard=None");
    assert_has(&out, "close client.close in rethrow_close guard=EveryPath");
    assert_not(&out, "in narrow guard=EveryPath");
    assert_has(&out, "close client.close in in_else guard=EveryPath");
}

#[test]
fn subscript_receivers_and_aliases() {
    let src = r#"
from pymongo import MongoClient
clients = {}
clients['a'] = MongoClient()
def cleanup():
    clients["a"].close()
def aliased():
    client = MongoClient()
    c = client
    return c
def boxed():
    client = MongoClient()
    res = {"client": client}
    holder = [res]
    return holder
def element():
    pair = (MongoClient(), 1)
    return pair
def boxed_local():
    client = MongoClient()
    res = [client]
    print(res)
"#;
    let out = check(src, "m.py");
    assert_has(
        &out,
        r#"new pymongo line 4 in <module> binding=clients["a"] fate=Stored(Module)"#,
    );
    assert_has(&out, r#"close clients["a"].close in cleanup"#);
    assert_has(
        &out,
        "new pymongo line 8 in aliased binding=client fate=Returned",
    );
    assert_has(
        &out,
        "new pymongo line 12 in boxed binding=client fate=Returned",
    );
    assert_has(
        &out,
        "new pymongo line 17 in element binding=- fate=Returned",
    );
    assert_has(
        &out,
        "new pymongo line 20 in boxed_local binding=client fate=Local",
    );
}

#[test]
fn bound_closes_and_generators_that_close_what_they_yield() {
    let src = r#"
import atexit
from pymongo import MongoClient
def stack_cb(stack):
    client = MongoClient()
    stack.callback(client.close)
def at_exit():
    client = MongoClient()
    atexit.register(client.close)
def dep():
    client = MongoClient()
    yield client
    client.close()
def dep_kept():
    client = MongoClient()
    yield client
"#;
    let out = check(src, "m.py");
    assert_has(&out, "close client.close in stack_cb guard=ContextManager");
    assert_has(&out, "close client.close in at_exit guard=ShutdownHook");
    assert_not(&out, "close client.close in at_exit guard=ContextManager");
    assert_has(&out, "new pymongo line 11 in dep binding=client fate=Local");
    assert_has(&out, "close client.close in dep guard=None");
    assert_has(
        &out,
        "new pymongo line 15 in dep_kept binding=client fate=Returned",
    );
}

#[test]
fn getattr_guards_on_app_state_cache_but_g_stays_per_request() {
    let src = r#"
from flask import g
from pymongo import MongoClient
def a(request):
    if getattr(request.app.state, "mongo", None) is None:
        request.app.state.mongo = MongoClient()
def b():
    if not hasattr(g, 'mongo'):
        g.mongo = MongoClient()
def c(request):
    request.app.state.mongo = MongoClient()
"#;
    let out = check(src, "m.py");
    assert_has(
        &out,
        "new pymongo line 6 in a binding=request.app.state.mongo fate=Cached",
    );
    assert_has(
        &out,
        "new pymongo line 9 in b binding=g.mongo fate=Stored(AppState)",
    );
    assert_has(
        &out,
        "new pymongo line 11 in c binding=request.app.state.mongo fate=Stored(AppState)",
    );
}

#[test]
fn a_lambda_is_one_function() {
    // The `lambda` keyword token has the same kind as the expression: it is no function.
    let src = "from flask import Flask\napp = Flask(__name__)\nf = lambda: MongoClient()\napp.add_url_rule('/', view_func=lambda: MongoClient())\n";
    let out = check(src, "app.py");
    let functions: Vec<&String> = out.iter().filter(|l| l.starts_with("fn ")).collect();
    assert_eq!(functions.len(), 2, "{}", out.join("\n"));
    assert_has(&out, "fn <lambda> Closure handler=Flask/request at 4");
}

/// The single walk gives the facts of the two-pass walk (imports and definitions first),
/// also where it must fall back to it: names imported or defined after they are used.
#[test]
fn single_pass_gives_the_two_pass_facts() {
    let kb = Knowledge::builtin();
    let same = |src: &str| {
        let one = analyze(src, "app.py", Lang::Python, &kb);
        let two = analyze_two_pass(src, "app.py", &kb);
        assert_eq!(format!("{one:?}"), format!("{two:?}"), "{src}");
        summary(src, &one)
    };
    // Imported after the use: the use still sees the import.
    let out = same("def h():\n    return MC()\nfrom pymongo import MongoClient as MC\n");
    assert_has(&out, "new pymongo line 2 in h");
    // Defined after the use: a local `MongoClient` is not the driver's.
    let out = same("def h():\n    return MongoClient()\ndef MongoClient():\n    pass\n");
    assert_not(&out, "new ");
    // Rebound after the use: the last import wins, as in the two-pass walk.
    same("import redis as db\ndef h():\n    return db.Redis()\nimport pymongo as db\n");
    // The same import again in another function changes nothing.
    let out = same(
        "def a():\n    from pymongo import MongoClient\n    return MongoClient()\n\
         def b():\n    from pymongo import MongoClient\n    return MongoClient()\n",
    );
    assert_has(&out, "new pymongo line 3 in a");
    assert_has(&out, "new pymongo line 6 in b");
    // Every Python fixture.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata");
    let mut stack = vec![root];
    let mut seen = 0;
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "py") {
                if let Ok(src) = std::fs::read_to_string(&p) {
                    same(&src);
                    seen += 1;
                }
            }
        }
    }
    assert!(seen > 10, "only {seen} Python fixtures found");
}
