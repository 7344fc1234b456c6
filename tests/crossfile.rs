//! Cross-file findings at the JSON level: a client built in a helper, a client class or a
//! dependency of another file is reported once, at the construction, with the handler and the
//! call sites that make it run per request as related locations.

mod common;

use serde_json::Value;

/// The findings connlint reports on a fixture project.
fn findings(project: &str) -> Vec<Value> {
    let (_, json) = common::actual_marks(&format!("testdata/projects/{project}"));
    json["findings"].as_array().cloned().unwrap_or_default()
}

/// The single finding of `rule` at `path:line`; fails if there are none or several.
fn the_finding<'a>(all: &'a [Value], rule: &str, path: &str, line: u64) -> &'a Value {
    let hits: Vec<&Value> = all
        .iter()
        .filter(|f| f["rule"] == rule && f["path"] == path && f["start"]["line"] == line)
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "expected exactly one {rule} at {path}:{line}, got {hits:#?}"
    );
    hits[0]
}

/// The related locations of a finding as (path, line, message) triples, sorted.
fn related(f: &Value) -> Vec<(String, u64, String)> {
    let mut out: Vec<(String, u64, String)> = f["related"]
        .as_array()
        .expect("related array")
        .iter()
        .map(|r| {
            (
                r["path"].as_str().expect("related path").to_string(),
                r["start"]["line"].as_u64().expect("related line"),
                r["message"].as_str().expect("related message").to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

fn lines_in(rel: &[(String, u64, String)], path: &str) -> Vec<u64> {
    rel.iter()
        .filter(|(p, _, _)| p == path)
        .map(|(_, l, _)| *l)
        .collect()
}

#[test]
fn express_factory_three_files_away() {
    let p = "testdata/projects/express-mvc";
    let all = findings("express-mvc");
    let f = the_finding(&all, "client-per-request", &format!("{p}/lib/db.js"), 9);
    let rel = related(f);
    // The registration of the controller in the routes file is the handler evidence.
    assert_eq!(lines_in(&rel, &format!("{p}/routes/index.js")), vec![10]);
    assert!(rel
        .iter()
        .any(|(path, _, m)| path.ends_with("routes/index.js") && m.contains("Express handler")));
    // Every place that calls the factory per request, including through the module cycle.
    assert_eq!(
        lines_in(&rel, &format!("{p}/services/userService.js")),
        vec![5, 10]
    );
    assert_eq!(
        lines_in(&rel, &format!("{p}/services/auditService.js")),
        vec![10]
    );
    // The cached helper stays silent.
    assert!(all
        .iter()
        .all(|f| f["path"] != format!("{p}/lib/db.js") || f["start"]["line"] == 9));
}

#[test]
fn client_class_instantiated_in_another_file() {
    let p = "testdata/projects/express-mvc";
    let all = findings("express-mvc");
    let f = the_finding(
        &all,
        "client-per-request",
        &format!("{p}/models/reportStore.js"),
        7,
    );
    let rel = related(f);
    assert_eq!(
        lines_in(&rel, &format!("{p}/controllers/reportController.js")),
        vec![5]
    );
    assert_eq!(lines_in(&rel, &format!("{p}/routes/index.js")), vec![15]);
}

#[test]
fn nextjs_factory_of_factory_lists_the_handler_call_sites() {
    let p = "testdata/projects/nextjs-app/src";
    let all = findings("nextjs-app");
    let f = the_finding(&all, "client-per-request", &format!("{p}/lib/client.ts"), 6);
    let rel = related(f);
    // The factory's direct caller (the factory that returns its result) ...
    assert_eq!(lines_in(&rel, &format!("{p}/lib/db.ts")), vec![6]);
    // ... and the handlers' call sites up the chain, through `@/lib` (barrel, `export *`) and
    // a renamed re-export.
    assert_eq!(
        lines_in(&rel, &format!("{p}/app/api/orders/route.ts")),
        vec![4, 5]
    );
    assert_eq!(lines_in(&rel, &format!("{p}/pages/api/items.ts")), vec![7]);
    // The cached helper is silent.
    assert!(all
        .iter()
        .all(|f| f["path"] != format!("{p}/lib/mongodb.ts")));
}

#[test]
fn axum_client_type_and_module_paths() {
    let p = "testdata/projects/axum-app/src";
    let all = findings("axum-app");
    let f = the_finding(&all, "client-per-request", &format!("{p}/repo.rs"), 11);
    let rel = related(f);
    assert_eq!(lines_in(&rel, &format!("{p}/main.rs")), vec![14]);
    assert_eq!(lines_in(&rel, &format!("{p}/routes/reports.rs")), vec![5]);
    let f = the_finding(&all, "client-per-request", &format!("{p}/db.rs"), 9);
    let rel = related(f);
    assert_eq!(lines_in(&rel, &format!("{p}/routes/users.rs")), vec![5]);
    assert_eq!(lines_in(&rel, &format!("{p}/routes/helpers.rs")), vec![5]);
    assert_eq!(lines_in(&rel, &format!("{p}/routes/orders.rs")), vec![5]);
}

#[test]
fn fastapi_dependency_in_another_module() {
    let p = "testdata/projects/fastapi-app/app";
    let all = findings("fastapi-app");
    let f = the_finding(
        &all,
        "client-per-request",
        &format!("{p}/dependencies.py"),
        14,
    );
    let rel = related(f);
    assert_eq!(rel.len(), 1, "{rel:?}");
    assert_eq!(lines_in(&rel, &format!("{p}/routers/users.py")), vec![11]);
    assert!(rel[0].2.contains("FastAPI"));
}
