//! Client packs end to end: `packs = [...]` in connlint.toml chooses them, a team's own
//! `[[client]]` entries join them, and `connlint rules` lists them.

mod common;

use std::fs;
use std::path::Path;

const JS: &str = "const express = require('express');
const { MongoClient } = require('mongodb');
const { PrismaClient } = require('@prisma/client');
const { Pool } = require('pg');
const app = express();

app.get('/a', async (req, res) => {
  const mongo = new MongoClient(process.env.MONGO_URL);
  const prisma = new PrismaClient();
  const pool = new Pool();
  try {
    res.json(await mongo.db().collection('a').findOne());
  } finally {
    await mongo.close();
    await prisma.$disconnect();
    await pool.end();
  }
});
";

const PY: &str = "from flask import Flask
from sqlalchemy import create_engine

app = Flask(__name__)


@app.route('/x')
def x():
    engine = create_engine('postgresql://db/app')
    try:
        return 'ok'
    finally:
        engine.dispose()
";

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    fs::write(p, text).expect("write");
}

/// (file name, line, rule, message) of every finding of `connlint check --format json`.
fn findings(dir: &Path) -> Vec<(String, u64, String, String)> {
    let out = common::connlint(dir, &["check", "--format", "json", "."]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "bad JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap_or_default();
            (
                path.rsplit('/').next().unwrap_or(path).to_string(),
                f["start"]["line"].as_u64().unwrap_or(0),
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn per_request_lines(found: &[(String, u64, String, String)], file: &str) -> Vec<u64> {
    found
        .iter()
        .filter(|(f, _, r, _)| f == file && r == "client-per-request")
        .map(|(_, l, _, _)| *l)
        .collect()
}

#[test]
fn every_pack_is_on_by_default() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "app.js", JS);
    write(dir.path(), "app.py", PY);
    let found = findings(dir.path());
    assert_eq!(
        per_request_lines(&found, "app.js"),
        vec![8, 9, 10],
        "{found:?}"
    );
    assert_eq!(per_request_lines(&found, "app.py"), vec![9], "{found:?}");
    // The client library is named in each message.
    let messages: Vec<&str> = found.iter().map(|(_, _, _, m)| m.as_str()).collect();
    for library in [
        "MongoDB Node.js driver",
        "Prisma Client",
        "node-postgres",
        "SQLAlchemy",
    ] {
        assert!(
            messages.iter().any(|m| m.contains(library)),
            "{library} not named in {messages:?}"
        );
    }
}

#[test]
fn packs_setting_switches_the_other_packs_off() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "app.js", JS);
    write(dir.path(), "app.py", PY);
    write(dir.path(), "connlint.toml", "packs = [\"mongodb\"]\n");
    let found = findings(dir.path());
    // Only the MongoClient is a client now; the Flask and Express handlers are still known
    // (framework packs stay on), so the MongoDB finding remains.
    assert_eq!(per_request_lines(&found, "app.js"), vec![8], "{found:?}");
    assert!(per_request_lines(&found, "app.py").is_empty(), "{found:?}");
    assert!(
        found
            .iter()
            .all(|(_, _, _, m)| !m.contains("Prisma") && !m.contains("node-postgres")),
        "{found:?}"
    );
}

#[test]
fn a_team_adds_its_own_pack_in_config() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "app.js",
        "const express = require('express');
const { Warehouse } = require('@acme/warehouse');
const app = express();
app.get('/w', async (req, res) => {
  const w = new Warehouse({ lanes: 500 });
  try {
    res.json(await w.get());
  } finally {
    await w.shutdown();
  }
});
",
    );
    write(
        dir.path(),
        "connlint.toml",
        "packs = [\"mongodb\"]

[[client]]
id = \"acme-warehouse\"
lang = \"js\"
library = \"Acme Warehouse\"
modules = [\"@acme/warehouse\"]
symbol = \"Warehouse\"
new = true
close = [\"shutdown\"]
pool-options = [\"lanes\"]
",
    );
    let found = findings(dir.path());
    assert_eq!(per_request_lines(&found, "app.js"), vec![5], "{found:?}");
    assert!(
        found.iter().any(|(_, l, r, m)| *l == 5
            && r == "pool-size-too-large"
            && m.starts_with("lanes of 500")),
        "{found:?}"
    );
}

#[test]
fn rules_lists_the_packs_and_what_they_recognise() {
    let out = common::connlint(&common::root(), &["rules"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "prisma",
        "new PrismaClient() from @prisma/client; closed by $disconnect()",
        "createPool() from mysql2",
        "PgPoolOptions::new()...connect",
        "Client::builder()...build() from reqwest",
        "client(), Session().client(), session.Session().client() from boto3",
        "pool size: pool_size (default 5, 0 = no limit), max_overflow (default 10, 0 allowed)",
        "pool size: max (default 10, 0 = the default)",
        "pool size: max_connections (default 100) (in Limits())",
        "pool size: limit (default 100, 0 = no limit) (in TCPConnector())",
        "cached behind a check of readyState / conn / isConnected",
        "pool size: connection_limit (0 = no limit)",
    ] {
        assert!(text.contains(needle), "`{needle}` missing from:\n{text}");
    }
}
