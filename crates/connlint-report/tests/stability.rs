//! Fingerprints survive unrelated edits, end to end through SARIF, JSON and GitLab; and
//! JSON.md's example has the shape of the real output.

use connlint_core::{Finding, Location, Related, RuleId, Severity, Span};
use connlint_report::{render, Format, Report, Sources};
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::Arc;

const BODY: &str = "app.get('/é', async (req, res) => {\n  const client = new MongoClient(uri);\n});\nfor (const u of urls) {\n  const client = new MongoClient(uri);\n}\n";

fn report_for(src: &str, format: Format) -> Value {
    let needle = "new MongoClient(uri)";
    let findings: Vec<Finding> = src
        .match_indices(needle)
        .map(|(i, _)| Finding {
            rule: RuleId::ClientPerRequest,
            severity: Severity::Warning,
            location: Location {
                path: "src/app.js".into(),
                span: Span::new(i, i + needle.len()),
            },
            message: "MongoClient constructed on every request".into(),
            label: "here".into(),
            related: vec![Related {
                location: Location {
                    path: "src/app.js".into(),
                    span: Span::new(0, 7),
                },
                message: "handler".into(),
            }],
            help: None,
        })
        .collect();
    let mut sources = Sources::new();
    sources.insert("src/app.js".into(), Arc::from(src));
    let report = Report::new(&findings, &[], &sources, &[], "0.1.0");
    let mut out = Vec::new();
    render(format, &report, &mut out).unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{format}: {e}"))
}

fn sarif_prints(src: &str) -> Vec<Value> {
    let v = report_for(src, Format::Sarif);
    v["runs"][0]["results"]
        .as_array()
        .map(|rs| {
            rs.iter()
                .map(|r| r["partialFingerprints"]["connlint/v1"].clone())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn fingerprints_do_not_move_with_lines_added_above() {
    let before = sarif_prints(BODY);
    let after = sarif_prints(&format!(
        "'use strict';\n// 𝄞 a new comment\n\nconst x = 1;\r\n{BODY}"
    ));
    assert_eq!(before.len(), 2);
    assert_ne!(
        before.first(),
        before.get(1),
        "identical lines are told apart"
    );
    assert_eq!(before, after);
    // The line numbers did move.
    let v = report_for(&format!("\n\n{BODY}"), Format::Sarif);
    assert_eq!(
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        4
    );
}

#[test]
fn fingerprints_agree_across_formats() {
    let sarif = sarif_prints(BODY);
    let json: Vec<Value> = report_for(BODY, Format::Json)["findings"]
        .as_array()
        .map(|fs| fs.iter().map(|f| f["fingerprint"].clone()).collect())
        .unwrap_or_default();
    let gitlab: Vec<Value> = report_for(BODY, Format::Gitlab)
        .as_array()
        .map(|is| is.iter().map(|i| i["fingerprint"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(sarif, json);
    assert_eq!(sarif, gitlab);
}

/// Every key path of a JSON value, arrays collapsed to `[]`.
fn shape(v: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let p = format!("{prefix}.{k}");
                out.insert(p.clone());
                shape(v, &p, out);
            }
        }
        Value::Array(a) => {
            for v in a {
                shape(v, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn json_md_example_matches_the_output_shape() {
    let doc = include_str!("../JSON.md");
    let example = doc
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap_or_else(|| panic!("no json example in JSON.md"));
    let example: Value =
        serde_json::from_str(example).unwrap_or_else(|e| panic!("JSON.md example: {e}"));
    let mut documented = BTreeSet::new();
    shape(&example, "", &mut documented);
    let mut actual = BTreeSet::new();
    shape(&report_for(BODY, Format::Json), "", &mut actual);
    // The example has a notice and the fixture does not: compare what both have.
    let missing: Vec<_> = actual.difference(&documented).collect();
    assert!(missing.is_empty(), "not in JSON.md's example: {missing:?}");
    let stale: Vec<_> = documented
        .difference(&actual)
        .filter(|p| !p.starts_with(".notices[]"))
        .collect();
    assert!(
        stale.is_empty(),
        "in JSON.md but not in the output: {stale:?}"
    );
    assert_eq!(example["version"], 1);
}
