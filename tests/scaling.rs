//! Scaling: a generated file with thousands of handlers gets exactly the findings of each one,
//! on the right lines. The indexes that keep the analysis linear (locals, uses of a binding,
//! closes by binding, call sites by function) must find what a scan of the file would find,
//! however many other handlers, closes and bindings of other names the file has.

mod common;

use std::collections::BTreeSet;

/// How many handler blocks the generated file has (each of four shapes in turn).
const BLOCKS: usize = 2_000;

/// The source and the expected findings as (rule, line).
fn generate() -> (String, BTreeSet<(String, usize)>) {
    let mut lines: Vec<String> = Vec::new();
    let mut want = BTreeSet::new();
    let push = |lines: &mut Vec<String>, s: String| {
        lines.push(s);
        lines.len()
    };
    let mut expect = |rule: &str, line: usize| {
        want.insert((rule.to_string(), line));
    };
    push(
        &mut lines,
        "const { MongoClient } = require('mongodb');".into(),
    );
    push(&mut lines, "const express = require('express');".into());
    push(&mut lines, "const app = express();".into());
    push(
        &mut lines,
        "const shared = new MongoClient(process.env.URI);".into(),
    );
    for i in 0..BLOCKS {
        match i % 4 {
            // Built per request and closed in `finally`.
            0 => {
                push(
                    &mut lines,
                    format!("app.get('/a{i}', async (req, res) => {{"),
                );
                let l = push(
                    &mut lines,
                    format!("  const c{i} = new MongoClient(process.env.URI);"),
                );
                expect("client-per-request", l);
                push(&mut lines, format!("  try {{ res.json(await c{i}.db('a').collection('x{i}').findOne({{}})); }}"));
                push(&mut lines, format!("  finally {{ await c{i}.close(); }}"));
                push(&mut lines, "});".into());
            }
            // Closed after an awaited call that may throw.
            1 => {
                push(
                    &mut lines,
                    format!("app.post('/b{i}', async (req, res) => {{"),
                );
                let l = push(
                    &mut lines,
                    format!("  const c{i} = new MongoClient(process.env.URI);"),
                );
                expect("client-per-request", l);
                push(
                    &mut lines,
                    format!("  const doc = await c{i}.db('a').collection('y').findOne({{}});"),
                );
                let l = push(&mut lines, format!("  await c{i}.close();"));
                expect("close-not-in-finally", l);
                push(&mut lines, "  res.json(doc);".into());
                push(&mut lines, "});".into());
            }
            // Never closed, used through an alias.
            2 => {
                push(
                    &mut lines,
                    format!("app.put('/c{i}', async (req, res) => {{"),
                );
                let l = push(
                    &mut lines,
                    format!("  const c{i} = new MongoClient(process.env.URI);"),
                );
                expect("client-per-request", l);
                expect("client-never-closed", l);
                push(&mut lines, format!("  const d{i} = c{i};"));
                push(
                    &mut lines,
                    format!("  res.json(await d{i}.db('a').collection('z').find({{}}).toArray());"),
                );
                push(&mut lines, "});".into());
            }
            // Built by a helper the handler calls; the handler closes the shared client.
            _ => {
                push(&mut lines, format!("function make{i}() {{"));
                let l = push(
                    &mut lines,
                    "  return new MongoClient(process.env.URI);".into(),
                );
                expect("client-per-request", l);
                push(&mut lines, "}".into());
                push(
                    &mut lines,
                    format!("app.delete('/d{i}', async (req, res) => {{"),
                );
                push(&mut lines, format!("  const m{i} = make{i}();"));
                push(
                    &mut lines,
                    format!(
                        "  try {{ res.json(await m{i}.db('a').collection('w').findOne({{}})); }}"
                    ),
                );
                push(&mut lines, format!("  finally {{ await m{i}.close(); }}"));
                let l = push(&mut lines, "  await shared.close();".into());
                expect("shared-client-closed", l);
                push(&mut lines, "});".into());
            }
        }
    }
    let mut src = lines.join("\n");
    src.push('\n');
    (src, want)
}

#[test]
fn thousands_of_handlers_each_get_their_findings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (src, want) = generate();
    std::fs::write(dir.path().join("big.js"), src).expect("write");
    let out = common::connlint(dir.path(), &["check", "--format", "json", "big.js"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let got: BTreeSet<(String, usize)> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["start"]["line"].as_u64().unwrap_or_default() as usize,
            )
        })
        .collect();
    let missing: Vec<_> = want.difference(&got).take(10).collect();
    let extra: Vec<_> = got.difference(&want).take(10).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:?}, extra {extra:?} (of {} wanted, {} found)",
        want.len(),
        got.len()
    );
    // One finding per (rule, line): no duplicates hidden by the set.
    assert_eq!(v["findings"].as_array().map(Vec::len), Some(want.len()));
    // The risky call between construction and close is the awaited query right before it.
    for f in v["findings"].as_array().into_iter().flatten() {
        if f["rule"] != "close-not-in-finally" {
            continue;
        }
        let line = f["start"]["line"].as_u64().unwrap_or_default();
        let risky: Vec<u64> = f["related"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|r| {
                r["message"]
                    .as_str()
                    .unwrap_or("")
                    .starts_with("if this throws")
            })
            .filter_map(|r| r["start"]["line"].as_u64())
            .collect();
        assert_eq!(risky, vec![line - 1], "{f}");
    }
}
