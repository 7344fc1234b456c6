//! Rule logic over hand-built Facts. Each test states a small program shape through the
//! builder and checks the (rule, construction index) pairs reported.

use crate::{check, FileFacts, Settings};
use connlint_core::{
    Call, Callee, Close, CloseGuard, Construction, Facts, Fate, FuncId, Function, FunctionKind,
    Handler, Knowledge, Lang, RunsOnce, Span, Trigger,
};

#[derive(Default)]
struct B {
    facts: Facts,
    pos: usize,
}

impl B {
    fn span(&mut self) -> Span {
        self.pos += 10;
        Span::new(self.pos, self.pos + 5)
    }

    fn func(&mut self, name: &str, parent: Option<FuncId>) -> FuncId {
        let span = self.span();
        self.facts.functions.push(Function {
            name: Some(name.into()),
            kind: FunctionKind::Function,
            span,
            head: span,
            parent,
            class: None,
            handler: None,
            runs_once: None,
            exported: false,
        });
        (self.facts.functions.len() - 1) as FuncId
    }

    fn ctor(&mut self, class: &str) -> FuncId {
        let id = self.func("constructor", None);
        let f = &mut self.facts.functions[id as usize];
        f.kind = FunctionKind::Constructor;
        f.class = Some(class.into());
        id
    }

    fn handler(&mut self, name: &str) -> FuncId {
        let id = self.func(name, None);
        let evidence = self.span();
        self.facts.functions[id as usize].handler = Some(Box::new(Handler {
            framework: "Express".into(),
            trigger: Trigger::Request,
            evidence,
        }));
        id
    }

    fn once(&mut self, id: FuncId) {
        let evidence = self.span();
        self.facts.functions[id as usize].runs_once = Some(Box::new(RunsOnce {
            reason: "@lru_cache".into(),
            evidence,
        }));
    }

    fn build(&mut self, function: Option<FuncId>, in_loop: bool, fate: Fate) -> usize {
        let span = self.span();
        self.facts.constructions.push(Construction {
            client: "mongodb-node".into(),
            span,
            function,
            in_loop,
            binding: Some("client".into()),
            fate,
        });
        self.facts.constructions.len() - 1
    }

    fn call(&mut self, caller: Option<FuncId>, name: &str, new: bool, in_loop: bool, fate: Fate) {
        let span = self.span();
        self.facts.calls.push(Call {
            caller,
            callee: Callee {
                receiver: None,
                name: name.into(),
                instantiation: new,
            },
            span,
            in_loop,
            fate,
        });
    }

    fn close(&mut self, function: Option<FuncId>, binding: &str, guard: CloseGuard) -> usize {
        let span = self.span();
        self.facts.closes.push(Close {
            binding: binding.into(),
            method: "close".into(),
            span,
            function,
            guard,
            risky: None,
        });
        self.facts.closes.len() - 1
    }

    /// (rule, index of the construction, or of the close for close findings).
    fn findings(self) -> Vec<(String, usize)> {
        self.findings_in(Lang::JavaScript)
    }

    fn findings_in(self, lang: Lang) -> Vec<(String, usize)> {
        let mut spans: Vec<Span> = self.facts.constructions.iter().map(|c| c.span).collect();
        spans.extend(self.facts.closes.iter().map(|c| c.span));
        let constructions = self.facts.constructions.len();
        let files = vec![FileFacts {
            path: "a.js".into(),
            lang,
            facts: self.facts,
            profile: 0,
        }];
        check_pruned_too(&files, &Settings::default())
            .into_iter()
            .map(|f| {
                let idx = spans
                    .iter()
                    .position(|s| *s == f.location.span)
                    .map(|i| i.checked_sub(constructions).unwrap_or(i))
                    .unwrap_or(usize::MAX);
                (f.rule.as_str().to_string(), idx)
            })
            .collect()
    }
}

#[test]
fn construction_in_a_handler() {
    let mut b = B::default();
    let h = b.handler("list");
    b.build(Some(h), false, Fate::PassedOn);
    assert_eq!(b.findings(), vec![("client-per-request".into(), 0)]);
}

#[test]
fn module_scope_and_plain_functions_are_fine() {
    let mut b = B::default();
    let f = b.func("setup", None);
    b.build(None, false, Fate::Local);
    b.build(Some(f), false, Fate::Returned);
    assert_eq!(b.findings(), vec![]);
}

#[test]
fn nested_callback_of_a_handler() {
    let mut b = B::default();
    let h = b.handler("list");
    let cb = b.func("cb", Some(h));
    b.build(Some(cb), false, Fate::PassedOn);
    assert_eq!(b.findings(), vec![("client-per-request".into(), 0)]);
}

#[test]
fn helpers_are_followed_transitively_and_cycles_end() {
    let mut b = B::default();
    let h = b.handler("list");
    let service = b.func("service", None);
    let factory = b.func("factory", None);
    b.call(Some(h), "service", false, false, Fate::Local);
    b.call(Some(service), "factory", false, false, Fate::Returned);
    b.call(Some(factory), "service", false, false, Fate::Local);
    b.build(Some(factory), false, Fate::Returned);
    assert_eq!(b.findings(), vec![("client-per-request".into(), 0)]);
}

#[test]
fn cached_constructions_and_cached_calls_are_fine() {
    let mut b = B::default();
    let h = b.handler("list");
    let factory = b.func("factory", None);
    b.call(Some(h), "factory", false, false, Fate::Cached);
    b.build(Some(factory), false, Fate::Returned);
    b.build(Some(h), false, Fate::Cached);
    assert_eq!(b.findings(), vec![]);
}

#[test]
fn functions_that_run_once_stop_the_walk() {
    let mut b = B::default();
    let h = b.handler("list");
    let factory = b.func("factory", None);
    b.once(factory);
    b.call(Some(h), "factory", false, false, Fate::Returned);
    b.build(Some(factory), false, Fate::Returned);
    assert_eq!(b.findings(), vec![]);
}

#[test]
fn a_client_class_instantiated_in_a_handler() {
    let mut b = B::default();
    let h = b.handler("list");
    let ctor = b.ctor("Repo");
    b.call(Some(h), "Repo", true, false, Fate::Local);
    b.build(
        Some(ctor),
        false,
        Fate::Stored(connlint_core::StoreTarget::Instance),
    );
    assert_eq!(b.findings(), vec![("client-per-request".into(), 0)]);
}

#[test]
fn a_client_class_instantiated_at_module_scope_is_fine() {
    let mut b = B::default();
    let ctor = b.ctor("Repo");
    b.call(None, "Repo", true, false, Fate::Local);
    b.build(
        Some(ctor),
        false,
        Fate::Stored(connlint_core::StoreTarget::Instance),
    );
    assert_eq!(b.findings(), vec![]);
}

#[test]
fn loops_outside_handlers() {
    let mut b = B::default();
    let script = b.func("migrate", None);
    let factory = b.func("connect", None);
    b.build(Some(script), true, Fate::PassedOn);
    b.build(None, true, Fate::PassedOn);
    b.call(Some(script), "connect", false, true, Fate::Local);
    b.build(Some(factory), false, Fate::Returned);
    assert_eq!(
        b.findings(),
        vec![
            ("client-in-loop".into(), 0),
            ("client-in-loop".into(), 1),
            ("client-in-loop".into(), 2)
        ]
    );
}

#[test]
fn a_loop_inside_a_handler_is_only_client_per_request() {
    let mut b = B::default();
    let h = b.handler("list");
    b.build(Some(h), true, Fate::PassedOn);
    assert_eq!(b.findings(), vec![("client-per-request".into(), 0)]);
}

#[test]
fn an_unguarded_close_of_a_local_client() {
    let mut b = B::default();
    let f = b.func("job", None);
    b.build(Some(f), false, Fate::Local);
    b.close(Some(f), "client", CloseGuard::None);
    assert_eq!(b.findings(), vec![("close-not-in-finally".into(), 0)]);
}

#[test]
fn guarded_closes_are_fine() {
    for guard in [
        CloseGuard::Finally,
        CloseGuard::ContextManager,
        CloseGuard::Using,
        CloseGuard::PromiseFinally,
        CloseGuard::EveryPath,
    ] {
        let mut b = B::default();
        let f = b.func("job", None);
        b.build(Some(f), false, Fate::Local);
        let cb = b.func("cb", Some(f));
        b.close(Some(cb), "client", guard);
        assert_eq!(b.findings(), vec![], "{guard:?}");
    }
}

#[test]
fn never_closed_unless_handed_off() {
    let mut b = B::default();
    let f = b.func("job", None);
    b.build(Some(f), false, Fate::Local);
    b.build(Some(f), false, Fate::Returned);
    b.build(
        Some(f),
        false,
        Fate::Stored(connlint_core::StoreTarget::Instance),
    );
    b.build(Some(f), false, Fate::PassedOn);
    b.build(Some(f), false, Fate::ContextManaged);
    assert_eq!(b.findings(), vec![("client-never-closed".into(), 0)]);
}

#[test]
fn a_handler_client_never_closed_gets_both_rules() {
    let mut b = B::default();
    let h = b.handler("list");
    b.build(Some(h), false, Fate::Local);
    assert_eq!(
        b.findings(),
        vec![
            ("client-per-request".into(), 0),
            ("client-never-closed".into(), 0)
        ]
    );
}

#[test]
fn a_handler_closing_the_shared_client() {
    let mut b = B::default();
    b.build(None, false, Fate::Local);
    let h = b.handler("list");
    b.close(Some(h), "client", CloseGuard::None);
    let hook = b.func("shutdown", None);
    b.close(Some(hook), "client", CloseGuard::ShutdownHook);
    let plain = b.func("script", None);
    b.close(Some(plain), "client", CloseGuard::None);
    assert_eq!(b.findings(), vec![("shared-client-closed".into(), 0)]);
}

#[test]
fn leak_rules_never_fire_on_rust() {
    let mut b = B::default();
    let f = b.func("job", None);
    b.build(Some(f), false, Fate::Local);
    b.build(Some(f), false, Fate::Local);
    b.close(Some(f), "client", CloseGuard::None);
    assert_eq!(b.findings_in(Lang::Rust), vec![]);
}

/// The findings, checked to be the same when every file's calls are pruned as the binary
/// prunes them after lowering ([`crate::graph::prune_calls`]).
fn check_pruned_too(files: &[FileFacts], settings: &Settings) -> Vec<connlint_core::Finding> {
    let findings = check(files, &Knowledge::builtin(), settings);
    let mut pruned = files.to_vec();
    for f in &mut pruned {
        crate::graph::prune_calls(&mut f.facts);
    }
    assert_eq!(
        check(&pruned, &Knowledge::builtin(), settings),
        findings,
        "pruning the calls changed the findings"
    );
    findings
}

fn project(files: Vec<(&str, Lang, B)>) -> Vec<(String, String, usize)> {
    let files: Vec<FileFacts> = files
        .into_iter()
        .map(|(path, lang, b)| FileFacts {
            path: path.to_string(),
            lang,
            facts: b.facts,
            profile: 0,
        })
        .collect();
    let mut settings = Settings::default();
    settings.js_aliases.push(crate::resolve::JsAliases {
        dir: "web".into(),
        base_url: Some(".".into()),
        paths: vec![("@/*".into(), vec!["./src/*".into()])],
    });
    check_pruned_too(&files, &settings)
        .into_iter()
        .map(|f| {
            let line = f.related.len();
            (f.location.path, f.rule.as_str().to_string(), line)
        })
        .collect()
}

fn import(b: &mut B, local: &str, source: &str, imported: connlint_core::Imported) {
    let span = b.span();
    b.facts.imports.push(connlint_core::Import {
        local: local.into(),
        source: source.into(),
        imported,
        span,
    });
}

#[test]
fn a_factory_in_another_file_through_an_alias_and_a_reexport() {
    use connlint_core::Imported;
    // web/src/app/api/route.ts: handler calls getDb() from "@/lib"
    let mut route = B::default();
    let h = route.handler("GET");
    import(
        &mut route,
        "getDb",
        "@/lib",
        Imported::Named("getDb".into()),
    );
    route.call(Some(h), "getDb", false, false, Fate::Local);
    // web/src/lib/index.ts: export * from "./mongodb"
    let mut index = B::default();
    let span = index.span();
    index.facts.exports.push(connlint_core::Export {
        name: "*".into(),
        local: None,
        from: Some("./mongodb".into()),
        span,
    });
    // web/src/lib/mongodb.ts: export function getDb() { return new MongoClient() }
    let mut db = B::default();
    let f = db.func("getDb", None);
    db.build(Some(f), false, Fate::Returned);
    let found = project(vec![
        ("web/src/app/api/route.ts", Lang::TypeScript, route),
        ("web/src/lib/index.ts", Lang::TypeScript, index),
        ("web/src/lib/mongodb.ts", Lang::TypeScript, db),
    ]);
    assert_eq!(
        found,
        vec![(
            "web/src/lib/mongodb.ts".into(),
            "client-per-request".into(),
            2
        )]
    );
}

#[test]
fn python_modules_classes_and_handler_refs() {
    use connlint_core::Imported;
    // app/views.py: `from .repo import Repo`; list() does Repo(); registered elsewhere.
    let mut views = B::default();
    let list = views.func("list", None);
    import(&mut views, "Repo", ".repo", Imported::Named("Repo".into()));
    views.call(Some(list), "Repo", true, false, Fate::Local);
    // app/urls.py: `from app import views`; path("", views.list) as a handler reference.
    let mut urls = B::default();
    import(&mut urls, "views", "app", Imported::Named("views".into()));
    let evidence = urls.span();
    urls.facts.handler_refs.push(connlint_core::HandlerRef {
        callee: Callee {
            receiver: Some("views".into()),
            name: "list".into(),
            instantiation: false,
        },
        handler: Handler {
            framework: "Django".into(),
            trigger: Trigger::Request,
            evidence,
        },
    });
    // app/repo.py: class Repo: def __init__(self): self.client = MongoClient()
    let mut repo = B::default();
    let ctor = repo.ctor("Repo");
    repo.facts.functions[ctor as usize].name = Some("__init__".into());
    repo.build(
        Some(ctor),
        false,
        Fate::Stored(connlint_core::StoreTarget::Instance),
    );
    let found = project(vec![
        ("app/views.py", Lang::Python, views),
        ("app/urls.py", Lang::Python, urls),
        ("app/repo.py", Lang::Python, repo),
        ("app/__init__.py", Lang::Python, B::default()),
    ]);
    assert_eq!(
        found,
        vec![("app/repo.py".into(), "client-per-request".into(), 2)]
    );
}

#[test]
fn rust_mod_and_crate_paths() {
    use connlint_core::Imported;
    let mut main = B::default();
    let h = main.handler("list");
    import(&mut main, "db", "db", Imported::Namespace);
    main.facts.calls.push(Call {
        caller: Some(h),
        callee: Callee {
            receiver: Some("db".into()),
            name: "connect".into(),
            instantiation: false,
        },
        span: Span::new(900, 905),
        in_loop: false,
        fate: Fate::Local,
    });
    let mut db = B::default();
    let f = db.func("connect", None);
    db.build(Some(f), false, Fate::Returned);
    let found = project(vec![
        ("svc/src/main.rs", Lang::Rust, main),
        ("svc/src/db.rs", Lang::Rust, db),
    ]);
    assert_eq!(
        found,
        vec![("svc/src/db.rs".into(), "client-per-request".into(), 2)]
    );
}

#[test]
fn a_view_closing_a_client_imported_from_another_module() {
    use connlint_core::Imported;
    // app/db.py: `client = MongoClient()` at module scope; `local = ...` in a function.
    let mut db = B::default();
    db.build(None, false, Fate::Local);
    let f = db.func("make", None);
    db.build(Some(f), false, Fate::Local);
    db.facts.constructions[1].binding = Some("local".into());
    // app/views.py: three spellings of the shared client, and a name the module builds in a
    // function (not shared).
    let mut views = B::default();
    let h = views.handler("users");
    import(
        &mut views,
        "client",
        ".db",
        Imported::Named("client".into()),
    );
    import(&mut views, "dbmod", ".", Imported::Named("db".into()));
    import(&mut views, "app", "app.db", Imported::Namespace);
    import(&mut views, "local", ".db", Imported::Named("local".into()));
    views.close(Some(h), "client", CloseGuard::None);
    views.close(Some(h), "dbmod.client", CloseGuard::Finally);
    views.close(Some(h), "app.db.client", CloseGuard::None);
    views.close(Some(h), "local", CloseGuard::None);
    // A script function (not per request) closing it is silent.
    let script = views.func("script", None);
    views.close(Some(script), "client", CloseGuard::None);
    let found = project(vec![
        ("app/db.py", Lang::Python, db),
        ("app/views.py", Lang::Python, views),
        ("app/__init__.py", Lang::Python, B::default()),
    ]);
    let shared: Vec<_> = found
        .iter()
        .filter(|(p, r, _)| p == "app/views.py" && r == "shared-client-closed")
        .collect();
    assert_eq!(shared.len(), 3, "{found:?}");
}

#[test]
fn a_close_inside_a_context_manager_is_redundant_not_a_leak() {
    let mut b = B::default();
    let f = b.func("work", None);
    b.build(Some(f), false, Fate::ContextManaged);
    b.close(Some(f), "client", CloseGuard::None);
    assert_eq!(b.findings_in(Lang::Python), vec![]);
    let mut b = B::default();
    let f = b.func("work", None);
    b.build(Some(f), false, Fate::Local);
    b.close(Some(f), "client", CloseGuard::None);
    assert_eq!(
        b.findings_in(Lang::Python),
        vec![("close-not-in-finally".into(), 0)]
    );
}

#[test]
fn import_cycles_and_reexport_diamonds_end() {
    use connlint_core::Imported;
    // a.js: import { x } from './b'; b.js: export * from './a'; export * from './c';
    // c.js: export * from './b'. Nothing defines x: resolution must give up, not recurse.
    let mut a = B::default();
    let h = a.handler("h");
    import(&mut a, "x", "./b", Imported::Named("x".into()));
    a.call(Some(h), "x", false, false, Fate::Local);
    let star = |b: &mut B, from: &str| {
        let span = b.span();
        b.facts.exports.push(connlint_core::Export {
            name: "*".into(),
            local: None,
            from: Some(from.into()),
            span,
        });
    };
    let mut b = B::default();
    star(&mut b, "./a");
    star(&mut b, "./c");
    let mut c = B::default();
    star(&mut c, "./b");
    star(&mut c, "./a");
    import(&mut c, "x", "./a", Imported::Named("x".into()));
    let found = project(vec![
        ("a.js", Lang::JavaScript, a),
        ("b.js", Lang::JavaScript, b),
        ("c.js", Lang::JavaScript, c),
    ]);
    assert!(found.is_empty());
}

#[test]
fn commonjs_default_export_class_and_registration_evidence() {
    use connlint_core::Imported;
    // controllers/report.js: `const Store = require('../models/store')`; summary() does
    // `new Store()`; it looks like a handler by its parameters only.
    let mut ctl = B::default();
    let summary = ctl.handler("summary");
    ctl.facts.functions[summary as usize].handler = Some(Box::new(Handler {
        framework: "request handler".into(),
        trigger: Trigger::Request,
        evidence: Span::new(1, 2),
    }));
    import(&mut ctl, "Store", "../models/store", Imported::Namespace);
    ctl.call(Some(summary), "Store", true, false, Fate::Local);
    let span = ctl.span();
    ctl.facts.exports.push(connlint_core::Export {
        name: "summary".into(),
        local: Some("summary".into()),
        from: None,
        span,
    });
    // routes.js: `router.get('/r', report.summary)`.
    let mut routes = B::default();
    import(
        &mut routes,
        "report",
        "./controllers/report",
        Imported::Namespace,
    );
    routes.facts.handler_refs.push(connlint_core::HandlerRef {
        callee: Callee {
            receiver: Some("report".into()),
            name: "summary".into(),
            instantiation: false,
        },
        handler: Handler {
            framework: "Express".into(),
            trigger: Trigger::Request,
            evidence: Span::new(500, 510),
        },
    });
    // models/store.js: `class Store { constructor() { this.c = new MongoClient() } }`,
    // `module.exports = Store`.
    let mut store = B::default();
    let ctor = store.ctor("Store");
    store.build(
        Some(ctor),
        false,
        Fate::Stored(connlint_core::StoreTarget::Instance),
    );
    let span = store.span();
    store.facts.exports.push(connlint_core::Export {
        name: "default".into(),
        local: Some("Store".into()),
        from: None,
        span,
    });
    let files: Vec<FileFacts> = [
        ("controllers/report.js", ctl),
        ("routes.js", routes),
        ("models/store.js", store),
    ]
    .into_iter()
    .map(|(path, b)| FileFacts {
        path: path.into(),
        lang: Lang::JavaScript,
        facts: b.facts,
        profile: 0,
    })
    .collect();
    let found = check_pruned_too(&files, &Settings::default());
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(f.location.path, "models/store.js");
    // The registration is shown as the handler evidence, not the parameter shape.
    assert_eq!(f.related[0].location.path, "routes.js");
    assert_eq!(f.related[0].location.span, Span::new(500, 510));
    assert_eq!(f.related[1].location.path, "controllers/report.js");
}

#[test]
fn rust_handler_registered_by_module_path_through_mod_rs() {
    use connlint_core::Imported;
    // src/main.rs: `mod routes;` and `.route("/", get(routes::users::list))`.
    let mut main = B::default();
    import(&mut main, "routes", "self::routes", Imported::Namespace);
    main.facts.handler_refs.push(connlint_core::HandlerRef {
        callee: Callee {
            receiver: Some("routes::users".into()),
            name: "list".into(),
            instantiation: false,
        },
        handler: Handler {
            framework: "axum".into(),
            trigger: Trigger::Request,
            evidence: Span::new(500, 510),
        },
    });
    // src/routes/mod.rs (not parsed: no facts) and src/routes/users.rs building a client.
    let mut users = B::default();
    let list = users.func("list", None);
    users.build(Some(list), false, Fate::Local);
    let found = project(vec![
        ("src/main.rs", Lang::Rust, main),
        ("src/routes/mod.rs", Lang::Rust, B::default()),
        ("src/routes/users.rs", Lang::Rust, users),
    ]);
    assert_eq!(
        found,
        vec![("src/routes/users.rs".into(), "client-per-request".into(), 1)]
    );
}

#[test]
fn only_the_nearest_tsconfig_applies() {
    use connlint_core::Imported;
    // pkg/src/route.ts imports "@/lib/legacy", which only the outer config maps.
    let mut route = B::default();
    let h = route.handler("GET");
    import(
        &mut route,
        "legacy",
        "@/lib/legacy",
        Imported::Named("legacy".into()),
    );
    route.call(Some(h), "legacy", false, false, Fate::Local);
    let mut shared = B::default();
    let f = shared.func("legacy", None);
    shared.build(Some(f), false, Fate::Returned);
    let files: Vec<FileFacts> = [
        ("pkg/src/route.ts", route),
        ("shared/lib/legacy.ts", shared),
    ]
    .into_iter()
    .map(|(path, b)| FileFacts {
        path: path.into(),
        lang: Lang::TypeScript,
        facts: b.facts,
        profile: 0,
    })
    .collect();
    let alias = |dir: &str, target: &str| crate::resolve::JsAliases {
        dir: dir.into(),
        base_url: Some(".".into()),
        paths: vec![("@/*".into(), vec![target.into()])],
    };
    let mut settings = Settings {
        js_aliases: vec![alias("", "./shared/*"), alias("pkg", "./src/*")],
        ..Settings::default()
    };
    assert!(check_pruned_too(&files, &settings).is_empty());
    // Without the package's own config, the outer one applies.
    settings.js_aliases = vec![alias("", "./shared/*")];
    assert_eq!(check_pruned_too(&files, &settings).len(), 1);
}

/// (option, message) of the pool-size findings for these settings.
fn pool_messages(settings: &[(&str, &str, u64)]) -> Vec<(String, String)> {
    let mut facts = Facts::default();
    for (i, (client, option, value)) in settings.iter().enumerate() {
        facts.pool_settings.push(connlint_core::PoolSetting {
            option: (*option).into(),
            client: Some((*client).into()),
            value: *value,
            span: Span::new(i * 10, i * 10 + 2),
        });
    }
    let files = vec![FileFacts {
        path: "a.py".into(),
        lang: Lang::Python,
        facts,
        profile: 0,
    }];
    check_pruned_too(&files, &Settings::default())
        .into_iter()
        .map(|f| {
            let option = settings
                .iter()
                .enumerate()
                .find(|(i, _)| f.location.span.start as usize == i * 10)
                .map(|(_, s)| s.1.to_string())
                .unwrap_or_default();
            (option, f.message)
        })
        .collect()
}

#[test]
fn what_zero_means_is_per_option() {
    let found = pool_messages(&[
        ("sqlalchemy-engine", "pool_size", 0),
        ("sqlalchemy-engine", "max_overflow", 0),
        ("sqlalchemy-engine", "max_overflow", 500),
        ("pg-pool", "max", 0),
    ]);
    let options: Vec<&str> = found.iter().map(|(o, _)| o.as_str()).collect();
    // `max_overflow=0` (no overflow) is an ordinary setting.
    assert_eq!(
        options,
        vec!["pool_size", "max_overflow", "max"],
        "{found:?}"
    );
    assert!(found[0].1.contains("means no limit"), "{found:?}");
    // The default quoted is the option's own: 10 for max_overflow, not pool_size's 5.
    assert!(found[1].1.contains("(the default is 10)"), "{found:?}");
    assert!(
        found[2].1.contains("ignored by node-postgres") && found[2].1.contains("default of 10"),
        "{found:?}"
    );
}

#[test]
fn pruning_keeps_the_calls_that_may_resolve_and_drops_the_rest() {
    use connlint_core::Imported;
    let callee = |receiver: Option<&str>, name: &str| Callee {
        receiver: receiver.map(Into::into),
        name: name.into(),
        instantiation: false,
    };
    let mut b = B::default();
    let f = b.func("handler", None);
    b.func("helper", None);
    let m = b.func("save", None);
    b.facts.functions[m as usize].class = Some("Repo".into());
    import(&mut b, "db", "./db", Imported::Namespace);
    let calls = [
        (Some(f), callee(None, "helper"), true),
        (Some(f), callee(None, "db"), true),
        (Some(f), callee(Some("db"), "connect"), true),
        (Some(f), callee(Some("this"), "save"), true),
        (Some(f), callee(Some("Repo"), "save"), true),
        (Some(f), callee(Some("crate::db"), "connect"), true),
        (Some(f), callee(None, "len"), false),
        (Some(f), callee(Some("items"), "push"), false),
        (Some(f), callee(Some("self"), "close"), false),
        (None, callee(None, "helper"), false),
    ];
    for (caller, callee, _) in &calls {
        let span = b.span();
        b.facts.calls.push(Call {
            caller: *caller,
            callee: callee.clone(),
            span,
            in_loop: false,
            fate: Fate::Local,
        });
    }
    let span = b.span();
    b.facts.calls.push(Call {
        caller: Some(f),
        callee: callee(None, "helper"),
        span,
        in_loop: false,
        fate: Fate::Cached,
    });
    crate::graph::prune_calls(&mut b.facts);
    let kept: Vec<&Callee> = b.facts.calls.iter().map(|c| &c.callee).collect();
    let expected: Vec<&Callee> = calls
        .iter()
        .filter(|(_, _, keep)| *keep)
        .map(|(_, c, _)| c)
        .collect();
    assert_eq!(kept, expected);
}
