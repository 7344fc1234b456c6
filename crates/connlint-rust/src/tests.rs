//! Unit tests through one summary helper: `check(src)` lists the facts as short lines.

use super::*;
use connlint_core::{Fate, FuncId};

fn fname(f: &Facts, id: Option<FuncId>) -> String {
    match id.and_then(|i| f.function(i)) {
        Some(func) => func.name.as_deref().unwrap_or("<closure>").to_string(),
        None => "<module>".into(),
    }
}

fn fate(f: Fate) -> String {
    match f {
        Fate::Stored(t) => format!("stored:{t:?}").to_lowercase(),
        other => format!("{other:?}").to_lowercase(),
    }
}

/// One line per fact:
/// - `fn NAME kind [handler:FRAMEWORK] [once:REASON] [in:PARENT] [class:C] [pub]`
/// - `new CLIENT in FN fate [loop] [=BINDING]`
/// - `call [RECV::]NAME[()] in FN fate [loop]`
/// - `ref [RECV::]NAME FRAMEWORK`, `import LOCAL from SOURCE KIND`, `export NAME`,
///   `pool OPTION=VALUE`, `problem MESSAGE`
///
/// The facts of the unpruned parse. Every check also proves that pruning (see `prune`) leaves
/// the facts as they are once the calls no graph can use are dropped, as the driver does
/// ([`same_facts`]).
pub(crate) fn check(src: &str) -> Vec<String> {
    let kb = Knowledge::builtin();
    let full = analyze_unpruned(src, "x.rs", Lang::Rust, &kb);
    let same = same_facts(src, &kb);
    assert!(
        same.is_ok(),
        "pruning changed the facts of {:?}: {same:?}",
        src.get(..src.len().min(120))
    );
    summarize(src, &full)
}

/// Whether [`analyze`] and [`analyze_unpruned`] give the same Facts once
/// `connlint_rules::graph::prune_calls` has dropped the calls no graph can use (pruning
/// empties bodies whose calls would all be dropped); else both, printed.
fn same_facts(src: &str, kb: &Knowledge) -> Result<(), (String, String)> {
    let mut pruned = analyze(src, "x.rs", Lang::Rust, kb);
    let mut full = analyze_unpruned(src, "x.rs", Lang::Rust, kb);
    connlint_rules::graph::prune_calls(&mut pruned);
    connlint_rules::graph::prune_calls(&mut full);
    let (pruned, full) = (format!("{pruned:?}"), format!("{full:?}"));
    if pruned == full {
        Ok(())
    } else {
        Err((pruned, full))
    }
}

fn summarize(src: &str, f: &Facts) -> Vec<String> {
    let mut out = Vec::new();
    for func in &f.functions {
        let mut s = format!(
            "fn {} {:?}",
            func.name.clone().unwrap_or_else(|| "<closure>".into()),
            func.kind
        )
        .to_lowercase();
        if let Some(h) = &func.handler {
            s += &format!(" handler:{}", h.framework);
        }
        if let Some(o) = &func.runs_once {
            s += &format!(" once:{}", o.reason);
        }
        if func.parent.is_some() {
            s += &format!(" in:{}", fname(f, func.parent));
        }
        if let Some(c) = &func.class {
            s += &format!(" class:{c}");
        }
        if func.exported {
            s += " pub";
        }
        out.push(s);
    }
    for c in &f.constructions {
        let text = src.get(c.span.range()).unwrap_or("?");
        let mut s = format!(
            "new {} in {} {}",
            c.client,
            fname(f, c.function),
            fate(c.fate)
        );
        if c.in_loop {
            s += " loop";
        }
        if let Some(b) = &c.binding {
            s += &format!(" ={b}");
        }
        s += &format!(" `{text}`");
        out.push(s);
    }
    for c in &f.calls {
        let recv = c
            .callee
            .receiver
            .clone()
            .map(|r| r + "::")
            .unwrap_or_default();
        let inst = if c.callee.instantiation { "!" } else { "" };
        let mut s = format!(
            "call {recv}{}{inst} in {} {}",
            c.callee.name,
            fname(f, c.caller),
            fate(c.fate)
        );
        if c.in_loop {
            s += " loop";
        }
        out.push(s);
    }
    for r in &f.handler_refs {
        let recv = r
            .callee
            .receiver
            .clone()
            .map(|r| r + "::")
            .unwrap_or_default();
        out.push(format!(
            "ref {recv}{} {}",
            r.callee.name, r.handler.framework
        ));
    }
    for i in &f.imports {
        out.push(format!(
            "import {} from {} {:?}",
            i.local, i.source, i.imported
        ));
    }
    for e in &f.exports {
        out.push(format!("export {}", e.name));
    }
    for p in &f.pool_settings {
        let text = src.get(p.span.range()).unwrap_or("?");
        out.push(format!("pool {}={} `{text}`", p.option, p.value));
    }
    for p in &f.problems {
        out.push(format!("problem {}", p.message));
    }
    out
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
fn assert_lacks(lines: &[String], unwanted: &str) {
    assert!(
        !has(lines, unwanted),
        "unexpected `{unwanted}` in:\n{}",
        lines.join("\n")
    );
}

#[test]
fn client_imports_and_aliases() {
    let l =
        check("use mongodb::Client;\nasync fn a() { let c = Client::with_uri_str(u).await; }\n");
    assert_has(
        &l,
        "new mongodb-rust in a local =c `Client::with_uri_str(u)`",
    );
    let l = check(
        "use mongodb::{Client, options::ClientOptions};\nfn a() { Client::with_options(o); }",
    );
    assert_has(&l, "new mongodb-rust in a");
    let l = check("use mongodb::Client as Mongo;\nfn a() { Mongo::with_uri_str(u); }");
    assert_has(&l, "new mongodb-rust in a");
    let l = check("use mongodb::sync::Client;\nfn a() { Client::with_uri_str(u); }");
    assert_has(&l, "new mongodb-rust in a");
    let l = check("fn a() { mongodb::Client::with_uri_str(u); }");
    assert_has(&l, "new mongodb-rust in a");
    let l = check("use mongodb;\nfn a() { mongodb::Client::with_uri_str(u); }");
    assert_has(&l, "new mongodb-rust in a");
    let l = check("use mongodb::sync;\nfn a() { sync::Client::with_uri_str(u); }");
    assert_has(&l, "new mongodb-rust in a");
    let l = check("use mongodb::*;\nfn a() { Client::with_uri_str(u); }");
    assert_has(&l, "new mongodb-rust in a");
    let l = check("type Db = mongodb::Client;\nfn a() { Db::with_uri_str(u); }");
    assert_has(&l, "new mongodb-rust in a");
}

#[test]
fn unrelated_clients_are_not_mongodb() {
    for src in [
        "use reqwest::Client;\nfn a() { Client::with_uri_str(u); }",
        "use redis::Client;\nfn a() { Client::with_options(u); }",
        "fn a() { Client::with_uri_str(u); }",
        "use mongodb::Client;\nfn a() { Client::new(); Client::builder(); }",
        "use mongodb::Client;\nfn a() { println!(\"{:?}\", Client::with_uri_str(u)); }",
    ] {
        assert_lacks(&check(src), "new mongodb-rust");
    }
}

#[test]
fn functions_methods_closures() {
    let l = check(
        "struct S;\nimpl S {\n pub fn new() -> Self { S }\n fn m(&self) { let f = |x| x; }\n}\npub fn top() {}\ntrait T { fn d(&self) {} }",
    );
    assert_has(&l, "fn new constructor class:S pub");
    assert_has(&l, "fn m method class:S");
    assert_has(&l, "fn f closure in:m");
    assert_has(&l, "fn top function pub");
    assert_has(&l, "fn d method class:T");
    assert_has(&l, "export top");
    assert_lacks(&l, "export new");
}

#[test]
fn actix_handlers() {
    let l = check(
        "use actix_web::{get, web, App};\n#[get(\"/\")]\nasync fn index() {}\n#[actix_web::post(\"/x\")]\nasync fn create() {}\nasync fn listed() {}\nasync fn other() {}\nfn app() { App::new().service(index).route(\"/l\", web::get().to(listed)).service(web::resource(\"/r\").route(web::post().to(handlers::list))); }",
    );
    assert_has(&l, "fn index function handler:actix-web");
    assert_has(&l, "fn create function handler:actix-web");
    assert_has(&l, "fn listed function handler:actix-web");
    assert_lacks(&l, "fn other function handler");
    assert_lacks(&l, "fn app function handler");
    assert_has(&l, "ref handlers::list actix-web");
}

#[test]
fn rocket_is_told_from_actix_by_imports() {
    let l = check("#[macro_use] extern crate rocket;\n#[get(\"/\")]\nfn index() {}\n#[launch]\nfn rocket() -> _ { rocket::build() }");
    assert_has(&l, "fn index function handler:Rocket");
    assert_has(&l, "fn rocket function once:main");
    let l = check("#[get(\"/\")]\nfn index() {}");
    assert_lacks(&l, "handler:");
}

#[test]
fn axum_handlers() {
    let l = check(
        "use axum::{routing::{get, on, MethodFilter}, Router, routing};\nasync fn h() {}\nasync fn h2() {}\nasync fn h3() {}\nasync fn h4() {}\nasync fn not_one() {}\nfn app() -> Router { Router::new().route(\"/\", get(h).post(h2)).route(\"/c\", get(|| async { 1 })).route(\"/o\", on(MethodFilter::GET, h3)).route(\"/r\", routing::get(h4)) }",
    );
    for h in ["h", "h2", "h3", "h4", "<closure>"] {
        assert_has(&l, &format!("fn {h} "));
        assert!(
            l.iter()
                .any(|x| x.starts_with(&format!("fn {h} ")) && x.contains("handler:axum")),
            "{h}: {l:#?}"
        );
    }
    assert_lacks(&l, "fn not_one function handler");
    assert_lacks(&l, "ref MethodFilter");
    let l = check("use axum::routing::get;\nuse crate::handlers::list;\nuse crate::more::*;\nfn app() { Router::new().route(\"/\", get(list).post(globbed).put(api::create)); let state = 1; }");
    assert_eq!(
        l.iter().filter(|x| x.starts_with("ref ")).count(),
        3,
        "{l:#?}"
    );
    assert_has(&l, "ref list axum");
    assert_has(&l, "ref globbed axum");
    assert_has(&l, "ref api::create axum");
}

#[test]
fn warp_poem_lambda_tonic() {
    let l = check("use warp::Filter;\nasync fn h() {}\nfn f() { let r = warp::path(\"x\").and(warp::get()).and_then(h); let v: Vec<i32> = xs.iter().map(|x| x + 1).collect(); }");
    assert_has(&l, "fn h function handler:warp");
    assert!(
        l.iter()
            .any(|x| x.starts_with("fn <closure>") && !x.contains("handler")),
        "{l:#?}"
    );
    let l = check("use poem::handler;\n#[handler]\nfn hello() {}");
    assert_has(&l, "fn hello function handler:poem");
    let l = check("use lambda_runtime::{service_fn, run};\nasync fn func(e: E) {}\n#[tokio::main]\nasync fn main() { run(service_fn(func)).await; }");
    assert_has(&l, "fn func function handler:AWS Lambda");
    assert_has(&l, "fn main function once:main");
    let l = check("use lambda_http::{service_fn, run};\nasync fn func(e: E) {}\nasync fn start() { lambda_http::run(service_fn(func)).await; }");
    assert_has(&l, "fn func function handler:AWS Lambda");
    let l = check("use tonic::{Request, Response};\nstruct G;\n#[tonic::async_trait]\nimpl Greeter for G { async fn say(&self) {} }\nimpl Other for G { fn plain(&self) {} }");
    assert_has(&l, "fn say method handler:tonic class:G");
    assert_lacks(&l, "fn plain method handler");
}

#[test]
fn fates_in_main_and_state() {
    let l = check(
        "use mongodb::Client;\nuse actix_web::{web, App, HttpServer};\n#[actix_web::main]\nasync fn main() {\n let client = Client::with_uri_str(u).await.unwrap();\n HttpServer::new(move || App::new().app_data(web::Data::new(client.clone())));\n}",
    );
    assert_has(&l, "fn main function once:main");
    assert_has(&l, "new mongodb-rust in main stored:appstate =client");
    let l = check("use mongodb::Client;\nasync fn main() { let c = Client::with_uri_str(u).await?; let app = Router::new().with_state(AppState { db: c }); }");
    assert_has(&l, "new mongodb-rust in main stored:appstate =c");
    let l = check("use mongodb::Client;\nasync fn main() { let c = Client::with_uri_str(u).await?; rocket::build().manage(c); }");
    assert_has(&l, "stored:appstate");
    let l = check("use mongodb::Client;\nasync fn main() { let c = Client::with_uri_str(u).await?; serve(c).await; }");
    assert_has(&l, "new mongodb-rust in main passedon =c");
    let l = check("use mongodb::Client;\nasync fn mk() -> Client { Client::with_uri_str(u).await.unwrap() }\nasync fn mk2() -> Result<Client> { let c = Client::with_uri_str(u).await?; Ok(c) }");
    assert_has(&l, "new mongodb-rust in mk returned");
    assert_has(&l, "new mongodb-rust in mk2 returned =c");
    let l = check(
        "use mongodb::Client;\nimpl S { fn set(&mut self) { self.c = Client::with_uri_str(u); } }",
    );
    assert_has(&l, "new mongodb-rust in set stored:instance");
}

#[test]
fn lazies_and_statics() {
    let l = check("use mongodb::sync::Client;\nuse once_cell::sync::Lazy;\nstatic C: Lazy<Client> = Lazy::new(|| Client::with_uri_str(U).unwrap());");
    assert_has(&l, "fn <closure> closure once:Lazy::new");
    assert_has(&l, "new mongodb-rust in <closure> cached");
    let l = check("use mongodb::Client;\nuse tokio::sync::OnceCell;\nstatic C: OnceCell<Client> = OnceCell::const_new();\nasync fn get() -> &'static Client { C.get_or_init(|| async { Client::with_uri_str(U).await.unwrap() }).await }");
    assert_has(&l, "fn <closure> closure once:get_or_init in:get");
    assert_has(&l, "new mongodb-rust in <closure> cached");
    let l = check("use mongodb::sync::Client;\nlazy_static! {\n static ref C: Client = Client::with_uri_str(U).unwrap();\n}");
    assert_has(&l, "new mongodb-rust in <module> cached");
    let l = check("use mongodb::Client;\nstatic C: OnceLock<Client> = OnceLock::new();\nasync fn init() { let c = Client::with_uri_str(U).await.unwrap(); C.set(c).ok(); }");
    assert_has(&l, "new mongodb-rust in init cached =c");
}

#[test]
fn calls_and_loops() {
    let l = check("use mongodb::Client;\nstruct S;\nimpl S { fn a(&self) { self.b(); Self::c(); helper(); let x = Thing::new(); } fn b(&self) {} }\nfn helper() { for u in urls() { Client::with_uri_str(u); } while x { go(); } loop { let c = Client::with_options(o); } }");
    assert_has(&l, "call self::b in a");
    assert_has(&l, "call Self::c in a");
    assert_has(&l, "call helper in a");
    assert_has(&l, "call Thing! in a local");
    assert_has(&l, "call urls in helper local");
    assert!(
        !l.iter()
            .any(|x| x.starts_with("call urls") && x.contains("loop")),
        "{l:#?}"
    );
    assert_has(&l, "call go in helper local loop");
    assert_has(
        &l,
        "new mongodb-rust in helper local loop `Client::with_uri_str(u)`",
    );
    assert_has(&l, "new mongodb-rust in helper local loop =c");
}

#[test]
fn method_receivers_resolve_to_written_types() {
    let l = check("struct S;\nimpl S { fn h(&self) {} }\nasync fn a(svc: web::Data<S>, r: &S) { svc.h(); r.h(); let n = S::new(); n.h(); let t: Arc<S> = x(); t.h(); |c: S| c.h(); }");
    assert_eq!(
        l.iter().filter(|x| x.starts_with("call S::h in")).count(),
        5,
        "{l:#?}"
    );
}

#[test]
fn imports_exports() {
    let l = check("use crate::db::connect;\nuse super::db;\nuse crate::a::{self, b as c};\nmod store;\npub use crate::x::y;\npub fn f() {}\npub static S: i32 = 1;\nfn g() {}");
    assert_has(&l, "import connect from crate::db Named(\"connect\")");
    assert_has(&l, "import db from super Named(\"db\")");
    assert_has(&l, "import a from crate::a Namespace");
    assert_has(&l, "import c from crate::a Named(\"b\")");
    assert_has(&l, "import store from self::store Namespace");
    assert_has(&l, "export y");
    assert_has(&l, "export f");
    assert_has(&l, "export S");
    assert_lacks(&l, "export g");
}

#[test]
fn pool_settings() {
    let l = check("fn f() {\n let o = ClientOptions::builder().max_pool_size(250).build();\n let p = ClientOptions { max_pool_size: Some(1000), ..Default::default() };\n options.max_pool_size = Some(500);\n let u = \"mongodb://h/?retryWrites=true&MAXPOOLSIZE=300\";\n let n = \"http://h/?maxPoolSize=1\";\n}");
    assert_has(&l, "pool max_pool_size=250 `250`");
    assert_has(&l, "pool max_pool_size=1000 `1000`");
    assert_has(&l, "pool max_pool_size=500 `500`");
    assert_has(&l, "pool MAXPOOLSIZE=300 `300`");
    assert_lacks(&l, "pool maxPoolSize=1");
}

#[test]
fn non_ascii_spans_are_bytes() {
    let src = "use mongodb::Client;\nfn é() { let s = \"héllo 𝄞\"; let c = Client::with_uri_str(\"ü\"); }";
    let l = check(src);
    assert_has(&l, "`Client::with_uri_str(\"ü\")`");
    let src = "\u{feff}use mongodb::Client;\nfn a() { /* ü */ Client::with_uri_str(u); }";
    assert_has(&check(src), "`Client::with_uri_str(u)`");
    let src = "#!/usr/bin/env run-cargo-script\nuse mongodb::Client;\nfn a() { Client::with_uri_str(u); }";
    assert_has(&check(src), "`Client::with_uri_str(u)`");
}

#[test]
fn blanked_regions_keep_the_offsets_of_what_follows() {
    // A pruned body and initialiser with characters outside ASCII, then kept code on the
    // same line: the blanking keeps bytes, and positions follow the blanked text.
    let src = "use mongodb::Client;\nstatic S: &str = \"ü𝄞\"; fn t() -> char { 'é' } fn a() { Client::with_uri_str(\"é\"); }";
    assert_has(&check(src), "`Client::with_uri_str(\"é\")`");
    // A syntax error after them is reported as without pruning.
    let l = check("static S: &str = \"ü\"; fn t() -> char { 'é' } fn a(x y) {}");
    assert_has(&l, "problem syntax error: expected `:`");
    // Code outside ASCII makes the light lexer give up: the file is parsed in full.
    let src = "use mongodb::Client;\nfn é() { 1 } fn a() { Client::with_uri_str(u); }";
    assert_has(&check(src), "`Client::with_uri_str(u)`");
}

#[test]
fn a_bad_escape_in_a_pruned_region_is_not_seen() {
    // proc-macro2 refuses `\q`; the light lexer does not look inside strings, and the body
    // that holds it is blanked before proc-macro2 lexes the file.
    let src = "use mongodb::Client;\nfn t() -> &'static str { \"\\q\" }\nfn a() { Client::with_uri_str(u); }";
    let kb = Knowledge::builtin();
    let full = analyze_unpruned(src, "x.rs", Lang::Rust, &kb);
    assert!(full.problems.first().is_some_and(|p| p.fatal), "{full:?}");
    let l = summarize(src, &analyze(src, "x.rs", Lang::Rust, &kb));
    assert_lacks(&l, "problem");
    assert_has(&l, "`Client::with_uri_str(u)`");
}

#[test]
fn syntax_errors_are_one_fatal_problem() {
    let src = "use mongodb::Client;\nfn a( { Client::with_uri_str(u); }\n// connlint-ignore client-per-request\n";
    let facts = analyze(src, "x.rs", Lang::Rust, &Knowledge::builtin());
    assert_eq!(facts.problems.len(), 1);
    assert!(facts.problems[0].fatal);
    assert!(facts.constructions.is_empty());
    assert_eq!(facts.suppression_comments.len(), 1);
    let l = check("fn a() { let s = \"unterminated; }");
    assert_has(&l, "problem unbalanced brackets, or an unterminated string");
    let l = check("fn a(x y) {}");
    assert_has(&l, "problem syntax error: expected `:`");
}

#[test]
fn suppression_comments_skip_strings() {
    let facts = analyze(
        "// connlint-ignore client-per-request\nfn a() { let s = \"// connlint-ignore no\"; let r = r#\"/* connlint-ignore */\"#; let c = '\"'; }\n/* connlint-ignore x */",
        "x.rs",
        Lang::Rust,
        &Knowledge::builtin(),
    );
    let texts: Vec<_> = facts
        .suppression_comments
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "// connlint-ignore client-per-request",
            "/* connlint-ignore x */"
        ]
    );
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let n = 100_000;
    for (open, close) in [("(", ")"), ("[", "]"), ("{", "}")] {
        let src = format!(
            "fn a() {{ let x = {}1{}; }}",
            open.repeat(n),
            close.repeat(n)
        );
        let l = check(&src);
        assert_has(&l, "problem brackets nested deeper than 256");
    }
    for chain in ["!", "-", "&", "*"] {
        let src = format!("fn a() {{ let x = {}1; }}", chain.repeat(n));
        assert_has(&check(&src), "problem an expression longer than");
    }
    let src = format!("fn a() {{ let x = 1{}; }}", " + 1".repeat(n));
    assert_has(&check(&src), "problem an expression longer than");
    let src = format!("fn a() {{ x{}; }}", ".f()".repeat(n));
    assert_has(&check(&src), "problem an expression longer than");
    let src = format!("fn a() {{ if a {{}}{} }}", " else if a {}".repeat(n));
    assert_has(&check(&src), "problem an expression longer than");
    // Commas that separate closure parameters or generic arguments do not end a run.
    let src = format!("fn a() {{ let f = {}1; }}", "|a, b| ".repeat(n));
    assert_has(&check(&src), "problem an expression longer than");
    let src = format!("type T = {}u8{};", "HashMap<u8, ".repeat(n), ">".repeat(n));
    assert_has(&check(&src), "problem an expression longer than");
}

#[test]
fn long_lists_are_not_deep() {
    let n = 30_000;
    let src = format!(
        "const T: [u32; {n}] = [{}];
fn a() {{ match x {{ {} _ => 0 }} }}",
        "7, ".repeat(n),
        "A | B => 1, ".repeat(n / 4)
    );
    let l = check(&src);
    assert_lacks(&l, "problem");
    let fns = "fn f() {}\n".repeat(n);
    assert_lacks(&check(&fns), "problem");
}

#[test]
fn deep_but_allowed_syntax_is_analysed() {
    // Just under the limits, in the shapes syn recurses on most.
    let m = guard::MAX_CHAIN - 100;
    let d = guard::MAX_GROUP_DEPTH - 10;
    let shapes = [
        format!("fn a() {{ let x = {}1{}; }}", "(".repeat(d), ")".repeat(d)),
        format!("fn a() {{ let x = {}1; }}", "!".repeat(m)),
        format!("fn a() {{ let x = {}1; }}", "&".repeat(m)),
        format!("fn a() {{ let x = {}1; }}", "- ".repeat(m)),
        format!("fn a() {{ let x = 1{}; }}", " +1".repeat(m / 2)),
        format!("fn a() {{ x{}; }}", ".f()".repeat(m / 3)),
        format!("fn a() {{ x = {} 1; }}", "x = ".repeat(m / 2)),
        format!("fn a() {{ if a {{}}{} }}", " else if a {}".repeat(m / 4)),
        format!("fn a() {{ let x = {}1; }}", "|| ".repeat(m / 2)),
        format!("type T = {}u8;", "&".repeat(m)),
    ];
    for src in &shapes {
        let l = check(src);
        assert!(
            !has(&l, "problem"),
            "{}: {:?}",
            &src[..40],
            l.iter().find(|x| x.starts_with("problem"))
        );
    }
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(p) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&p) else {
            continue;
        };
        for e in rd.flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Facts with and without pruning, on every Rust fixture and on the workspace's own sources.
#[test]
fn pruning_keeps_the_facts_of_every_fixture_and_source() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let kb = Knowledge::builtin();
    let mut n = 0;
    for dir in ["testdata", "crates", "tests"] {
        for path in rust_files(&root.join(dir)) {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let same = same_facts(&text, &kb);
            assert!(
                same.is_ok(),
                "pruning changed the facts of {}: {same:?}",
                path.display()
            );
            n += 1;
        }
    }
    assert!(n > 50, "only {n} files found under {}", root.display());
}

#[test]
fn big_tables_beside_a_handler_keep_their_findings() {
    let table: String = (0..5000).map(|i| format!("{i}, ")).collect();
    let arms: String = (0..500).map(|i| format!("{i} => '{}', ", i % 10)).collect();
    let src = format!(
        "use actix_web::{{get, HttpResponse}};\nuse mongodb::Client;\n\
         pub static TABLE: [u16; 5000] = [{table}];\n\
         const PAIRS: &[(char, char)] = &[('a', 'b'), ('c', 'd')];\n\
         fn lookup(c: u32) -> char {{ match c {{ {arms} _ => '?' }} }}\n\
         pub enum Big {{ A, B, C }}\n\
         #[get(\"/\")]\nasync fn index() -> HttpResponse {{\n let c = Client::with_uri_str(\"mongodb://h/?maxPoolSize=7\").await;\n HttpResponse::Ok().finish()\n}}\n\
         impl Big {{ const T: [u8; 3] = [1, 2, 3]; fn get(&self) -> u8 {{ 3 }} fn mk() {{ Client::with_uri_str(u); }} }}\n"
    );
    // `check` compares with the unpruned facts.
    let l = check(&src);
    assert_has(&l, "fn index function handler:actix-web");
    assert_has(&l, "new mongodb-rust in index local =c");
    assert_has(&l, "pool maxPoolSize=7");
    assert_has(&l, "export TABLE");
    assert_has(&l, "fn lookup function");
    assert_has(&l, "fn get method class:Big");
    assert_has(&l, "new mongodb-rust in mk");
    // And the tables were not parsed.
    let kb = Kb::new(&Knowledge::builtin());
    let tokens: proc_macro2::TokenStream = src.parse().unwrap_or_default();
    let before = count_tokens(tokens);
    let toks = scan::lex(&src).unwrap_or_default();
    let rel = prune::Relevance::new(&kb, prune::census(&toks, &kb.watch));
    let text = prune::apply(&src, &prune::plan(&toks, &rel));
    let after = count_tokens(text.parse().unwrap_or_default());
    assert!(after < 300, "{before} tokens pruned to {after}");
}

fn count_tokens(t: proc_macro2::TokenStream) -> usize {
    let mut n = 0;
    let mut stack = vec![t.into_iter()];
    while let Some(top) = stack.last_mut() {
        match top.next() {
            Some(proc_macro2::TokenTree::Group(g)) => {
                n += 1;
                stack.push(g.stream().into_iter());
            }
            Some(_) => n += 1,
            None => {
                stack.pop();
            }
        }
    }
    n
}

#[test]
#[ignore]
fn corpus_smoke() {
    let Ok(dir) = std::env::var("CORPUS") else {
        return;
    };
    let kb = Knowledge::builtin();
    let (mut n, mut bad, mut cons, mut gave_up) = (0, 0, 0, 0);
    let start = std::time::Instant::now();
    for path in rust_files(std::path::Path::new(&dir)) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let f = analyze(&text, "x.rs", Lang::Rust, &kb);
        if scan::lex(parse_text(&text).2).is_err() {
            gave_up += 1;
            eprintln!("{}: the light lexer gave up", path.display());
        }
        n += 1;
        cons += f.constructions.len();
        if let Some(p) = f.problems.first() {
            bad += 1;
            eprintln!("{}: {}", path.display(), p.message);
        }
    }
    eprintln!(
        "{n} files, {bad} with problems, {cons} constructions, the light lexer gave up on {gave_up}, {:?}",
        start.elapsed()
    );
}

#[test]
fn doc_comments_macros_and_method_calls_keep_their_facts() {
    // `check` compares with the unpruned facts.
    let l = check(
        "//! Module docs.\nuse actix_web::{get, web, App};\nuse mongodb::Client;\n\
         /// The index.\n#[get(\"/\")]\nasync fn index() { log!(\"{}\", Client::with_uri_str(u)); }\n\
         /// mongodb://h/?maxPoolSize=4\nstruct S { n: usize }\n\
         impl S {\n /// Size.\n fn size(&self) -> usize { self.n.max(1) }\n fn twice(&self) -> usize { self.size() * 2 }\n fn other(&self, s: &S) -> usize { s.size() }\n fn only_std(&self) -> usize { self.n.min(3).pow(2) }\n}\n\
         fn app() { App::new().service(index); }\n\
         fn registered(a: App) { a.service(listed); }\nasync fn listed() {}\n\
         macro_rules! m { () => { Client::with_uri_str(u) } }\n\
         fn first(xs: &[u8]) -> Option<u8> { xs.iter().copied().find(#[inline] |x| *x > 1) }\n",
    );
    assert_has(&l, "fn index function handler:actix-web");
    assert_has(&l, "fn listed function handler:actix-web");
    assert_has(&l, "call self::size in twice local");
    assert_has(&l, "call S::size in other returned");
    assert_has(&l, "pool maxPoolSize=4");
    assert_has(&l, "fn <closure> closure in:first");
    assert_lacks(&l, "new mongodb-rust");
}
