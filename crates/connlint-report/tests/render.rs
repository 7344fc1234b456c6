//! Every format over one small, hand-built report: non-ASCII text (é, 𝄞), a CRLF file with a
//! tab, a finding whose handler is in another file, a file name with a space and unicode, and
//! notices. Output is snapshotted with insta; SARIF is also validated against the OASIS schema.

use connlint_core::{
    Finding, LangFamily, Location, Notice, NoticeKind, Related, RuleId, Severity, Span,
};
use connlint_report::{render, Format, Options, Report, RuleInfo, Sources};
use std::sync::Arc;

const APP_JS: &str = "const { MongoClient } = require('mongodb');\n// café 𝄞\napp.get('/é', async (req, res) => {\n  const note = \"𝄞\"; const client = new MongoClient(uri);\n  res.send(await client.db('x').collection('y').find().toArray());\n});\n";

const LOOP_TS: &str = "import { MongoClient } from 'mongodb';\r\nfor (const u of urls) {\r\n\tconst c = new MongoClient(u);\r\n}\r\n";

const ROUTES_JS: &str =
    "const { connect } = require('../lib/db');\nrouter.post('/ü', (req, res) => connect());\n";

const DB_JS: &str =
    "const { MongoClient } = require('mongodb');\nexports.connect = () => new MongoClient(uri);\n";

const CPR_DOC: &str = "## What it does\nChecks for pooled database clients constructed in code that runs once per request. Each construction opens a new connection pool.\n\n## Why is this bad?\nThe server runs out of connections under load.\n\n## Example\n```js\napp.get('/', () => new MongoClient(uri));\n```\n\nUse instead:\n```js\nconst client = new MongoClient(uri);\n```\n";

const LOOP_DOC: &str = "## What it does\nChecks for pooled database clients constructed inside a loop.\n\n## Why is this bad?\nEvery iteration opens a pool.\n";

/// The span of the `nth` occurrence of `needle` in `text`.
fn span_of(text: &str, needle: &str, nth: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("{needle:?} not in fixture"));
    Span::new(start, start + needle.len())
}

fn loc(path: &str, text: &str, needle: &str) -> Location {
    Location {
        path: path.into(),
        span: span_of(text, needle, 0),
    }
}

fn fixture() -> (Vec<Finding>, Vec<Notice>, Sources, Vec<RuleInfo>) {
    let mut sources = Sources::new();
    for (p, t) in [
        ("src/app.js", APP_JS),
        ("src/loop.ts", LOOP_TS),
        ("routes/my file é.js", ROUTES_JS),
        ("lib/db.js", DB_JS),
    ] {
        sources.insert(p.to_string(), Arc::from(t));
    }
    let handler = "this handler runs on every request";
    let mut findings = vec![
        Finding {
            rule: RuleId::ClientPerRequest,
            severity: Severity::Warning,
            location: loc("src/app.js", APP_JS, "new MongoClient(uri)"),
            message: "MongoClient constructed on every request to `/é`".into(),
            label: "a new connection pool per request".into(),
            related: vec![Related {
                location: loc("src/app.js", APP_JS, "app.get('/é', async (req, res) => {"),
                message: handler.into(),
            }],
            help: Some("create the client once at module scope and reuse it".into()),
        },
        Finding {
            rule: RuleId::ClientInLoop,
            severity: Severity::Warning,
            location: loc("src/loop.ts", LOOP_TS, "new MongoClient(u)"),
            message: "MongoClient constructed inside a loop".into(),
            label: "one pool per iteration".into(),
            related: vec![Related {
                location: loc("src/loop.ts", LOOP_TS, "for (const u of urls)"),
                message: "the loop".into(),
            }],
            help: Some("construct the client before the loop".into()),
        },
        Finding {
            rule: RuleId::ClientPerRequest,
            severity: Severity::Error,
            location: loc("lib/db.js", DB_JS, "new MongoClient(uri)"),
            message: "MongoClient constructed in `connect`, which a handler calls".into(),
            label: "a new connection pool per request".into(),
            related: vec![Related {
                location: loc(
                    "routes/my file é.js",
                    ROUTES_JS,
                    "router.post('/ü', (req, res) => connect())",
                ),
                message: handler.into(),
            }],
            help: None,
        },
    ];
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let notices = vec![
        Notice {
            kind: NoticeKind::ParseError,
            path: "src/loop.ts".into(),
            span: Some({
                let s = span_of(LOOP_TS, "}\r\n", 0);
                Span::new(s.start as usize, s.start as usize + 1)
            }),
            message: "syntax error; findings come from the parts that parsed".into(),
        },
        Notice {
            kind: NoticeKind::Unreadable,
            path: "secret, \"x\" & <y>.js".into(),
            span: None,
            message: "permission denied".into(),
        },
        Notice {
            kind: NoticeKind::Skipped,
            path: "dist/bundle.min.js".into(),
            span: None,
            message: "skipped: a line is longer than 10000 bytes (minified?)".into(),
        },
    ];
    let rules = vec![
        RuleInfo::from_doc(
            RuleId::ClientPerRequest,
            CPR_DOC,
            Severity::Warning,
            &["performance", "reliability"],
            &[LangFamily::Js, LangFamily::Python, LangFamily::Rust],
            Some("https://example.invalid/rules/client-per-request".into()),
        ),
        RuleInfo::from_doc(
            RuleId::ClientInLoop,
            LOOP_DOC,
            Severity::Warning,
            &["performance"],
            &[LangFamily::Js],
            None,
        ),
    ];
    (findings, notices, sources, rules)
}

fn options() -> Options {
    Options {
        color: false,
        src_root: Some("/home/dev/my project".into()),
        information_uri: Some("https://example.invalid/connlint".into()),
    }
}

fn output(format: Format) -> String {
    let (findings, notices, sources, rules) = fixture();
    let report =
        Report::new(&findings, &notices, &sources, &rules, "0.1.0").with_options(options());
    let mut out = Vec::new();
    render(format, &report, &mut out).unwrap_or_else(|e| panic!("render {format}: {e}"));
    String::from_utf8(out).unwrap_or_else(|e| panic!("{format} is not UTF-8: {e}"))
}

#[test]
fn text() {
    insta::assert_snapshot!(output(Format::Text));
}

#[test]
fn json() {
    insta::assert_snapshot!(output(Format::Json));
}

#[test]
fn sarif() {
    insta::assert_snapshot!(output(Format::Sarif));
}

#[test]
fn github() {
    insta::assert_snapshot!(output(Format::Github));
}

#[test]
fn rdjson() {
    insta::assert_snapshot!(output(Format::Rdjson));
}

#[test]
fn gitlab() {
    insta::assert_snapshot!(output(Format::Gitlab));
}

#[test]
fn junit() {
    insta::assert_snapshot!(output(Format::Junit));
}

fn sarif_schema() -> jsonschema::Validator {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sarif-2.1.0.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let schema: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("schema does not compile: {e}"))
}

#[test]
fn sarif_is_valid_against_the_oasis_schema() {
    let validator = sarif_schema();
    let sarif: serde_json::Value = serde_json::from_str(&output(Format::Sarif))
        .unwrap_or_else(|e| panic!("SARIF is not JSON: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF schema errors:\n{}",
        errors.join("\n")
    );
    // The schema accepts a lot; check what GitHub relies on, too.
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        "file:///home/dev/my%20project/"
    );
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap_or_else(|| panic!("no rules"));
    for r in rules {
        for key in ["shortDescription", "fullDescription"] {
            assert!(r[key]["text"].is_string(), "{key} missing in {r}");
        }
        assert!(r["help"]["text"].is_string() && r["help"]["markdown"].is_string());
        assert!(r["defaultConfiguration"]["level"].is_string());
        assert!(r["properties"]["tags"].is_array());
    }
    for result in run["results"]
        .as_array()
        .unwrap_or_else(|| panic!("no results"))
    {
        let idx = result["ruleIndex"]
            .as_u64()
            .unwrap_or_else(|| panic!("no ruleIndex"));
        assert_eq!(rules[idx as usize]["id"], result["ruleId"]);
        assert!(result["partialFingerprints"]["connlint/v1"].is_string());
        let artifact = &result["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(artifact["uriBaseId"], "%SRCROOT%");
    }
}

#[test]
fn sarif_columns_are_utf16_code_units() {
    let sarif: serde_json::Value = serde_json::from_str(&output(Format::Sarif)).unwrap_or_default();
    // Line 4 of app.js: `  const note = "𝄞"; const client = new MongoClient(uri);`
    // 35 characters precede the construction; 𝄞 is one char but two UTF-16 units, so it
    // starts at char column 36 and UTF-16 column 37.
    let region = sarif["runs"][0]["results"]
        .as_array()
        .and_then(|rs| {
            rs.iter().find(|r| {
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/app.js"
            })
        })
        .map(|r| r["locations"][0]["physicalLocation"]["region"].clone())
        .unwrap_or_default();
    assert_eq!(region["startLine"], 4);
    assert_eq!(region["startColumn"], 37);
    assert_eq!(region["endColumn"], 57);
    let json: serde_json::Value = serde_json::from_str(&output(Format::Json)).unwrap_or_default();
    let f = json["findings"]
        .as_array()
        .and_then(|fs| fs.iter().find(|f| f["path"] == "src/app.js"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(f["start"]["column"], 36);
    assert_eq!(f["start"]["column_utf16"], 37);
}

#[test]
fn a_sarif_with_nothing_to_report_is_valid_too() {
    let report = Report::new(&[], &[], &connlint_report::NoSources, &[], "0.1.0");
    let mut out = Vec::new();
    render(Format::Sarif, &report, &mut out).unwrap_or_else(|e| panic!("{e}"));
    let sarif: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
    assert!(sarif_schema().is_valid(&sarif));
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
}

/// Issue 8: the SARIF must validate under Microsoft's SARIF multitool, with no error and no
/// warning. Runs when `npx` is available (it fetches `@microsoft/sarif-multitool` from the npm
/// registry); skipped, saying so, when it is not or the package cannot be fetched. Set
/// `CONNLINT_SKIP_SARIF_MULTITOOL=1` to skip it on purpose.
#[test]
fn sarif_validates_under_the_sarif_multitool() {
    if std::env::var_os("CONNLINT_SKIP_SARIF_MULTITOOL").is_some() {
        eprintln!("skipped: CONNLINT_SKIP_SARIF_MULTITOOL is set");
        return;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let input = dir.path().join("connlint.sarif");
    let verdict = dir.path().join("validation.sarif");
    std::fs::write(&input, output(Format::Sarif)).unwrap_or_else(|e| panic!("{e}"));
    let run = std::process::Command::new("npx")
        .args(["--yes", "@microsoft/sarif-multitool@5.7.0", "validate"])
        .arg(&input)
        .arg("--output")
        .arg(&verdict)
        .args(["--log", "ForceOverwrite", "--level", "Error", "Warning"])
        .env("npm_config_cache", dir.path().join("npm-cache"))
        .env("npm_config_fetch_retries", "1")
        .env("npm_config_fetch_timeout", "60000")
        .env("npm_config_update_notifier", "false")
        .output();
    let run = match run {
        Ok(r) => r,
        Err(e) => {
            eprintln!("skipped: npx is not available ({e})");
            return;
        }
    };
    let Ok(text) = std::fs::read_to_string(&verdict) else {
        eprintln!(
            "skipped: the SARIF multitool did not run (exit {:?}):\n{}",
            run.status.code(),
            String::from_utf8_lossy(&run.stderr)
        );
        return;
    };
    let log: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("multitool output: {e}"));
    let problems: Vec<String> = log["runs"][0]["results"]
        .as_array()
        .map(|rs| {
            rs.iter()
                .map(|r| format!("{} {} {}", r["level"], r["ruleId"], r["message"]))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        problems.is_empty(),
        "SARIF multitool:\n{}\n{}",
        problems.join("\n"),
        String::from_utf8_lossy(&run.stdout)
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
}
