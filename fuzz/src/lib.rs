//! Shared pieces of the fuzz targets: the knowledge built once, the frontend dispatch, and the
//! invariants every `Facts` must hold (see `connlint_core::facts`).

use connlint_core::{Facts, Knowledge, Lang, Span};
use std::sync::OnceLock;

/// The built-in knowledge, built once per process.
pub fn kb() -> &'static Knowledge {
    static KB: OnceLock<Knowledge> = OnceLock::new();
    KB.get_or_init(Knowledge::builtin)
}

/// The fuzzer's bytes as source text. Invalid UTF-8 becomes U+FFFD (three bytes each), which
/// keeps multi-byte characters in play; the binary itself refuses invalid UTF-8 before parsing.
pub fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// The frontend for a language, as the binary picks it.
pub fn analyze(src: &str, path: &str, lang: Lang, kb: &Knowledge) -> Facts {
    match lang {
        Lang::JavaScript | Lang::TypeScript | Lang::Tsx => {
            connlint_js::analyze(src, path, lang, kb)
        }
        Lang::Python => connlint_python::analyze(src, path, lang, kb),
        Lang::Rust => connlint_rust::analyze(src, path, lang, kb),
    }
}

/// A path that makes file-convention handlers (Next.js `pages/api/**`, ...) apply, so those code
/// paths are fuzzed too.
pub fn path_for(lang: Lang) -> &'static str {
    match lang {
        Lang::JavaScript => "pages/api/fuzz.js",
        Lang::TypeScript => "app/api/fuzz/route.ts",
        Lang::Tsx => "pages/api/fuzz.tsx",
        Lang::Python => "app/views.py",
        Lang::Rust => "src/main.rs",
    }
}

/// Analyses `src` and checks the Facts invariants; panics (a fuzzer crash) when one breaks.
pub fn analyze_checked(src: &str, lang: Lang, kb: &Knowledge) -> Facts {
    let facts = analyze(src, path_for(lang), lang, kb);
    check_invariants(&facts, src);
    facts
}

/// The invariants of `connlint_core::facts`: parents come before children, every function id
/// indexes `functions`, and every span is a byte range inside `src` on character boundaries
/// (renderers slice the text with them).
pub fn check_invariants(facts: &Facts, src: &str) {
    let n = facts.functions.len();
    let id_ok = |id: Option<u32>| id.is_none_or(|i| (i as usize) < n);
    let span_ok = |s: Span| {
        s.start <= s.end
            && (s.end as usize) <= src.len()
            && src.is_char_boundary(s.start as usize)
            && src.is_char_boundary(s.end as usize)
    };
    let mut spans: Vec<(&str, Span)> = Vec::new();
    for (i, f) in facts.functions.iter().enumerate() {
        assert!(
            f.parent.is_none_or(|p| (p as usize) < i),
            "function {i} has parent {:?} not before it",
            f.parent
        );
        spans.push(("function.span", f.span));
        spans.push(("function.head", f.head));
        if let Some(h) = &f.handler {
            spans.push(("handler.evidence", h.evidence));
        }
        if let Some(r) = &f.runs_once {
            spans.push(("runs_once.evidence", r.evidence));
        }
    }
    for c in &facts.constructions {
        assert!(id_ok(c.function), "construction in unknown function {:?}", c.function);
        spans.push(("construction", c.span));
    }
    for c in &facts.closes {
        assert!(id_ok(c.function), "close in unknown function {:?}", c.function);
        spans.push(("close", c.span));
        if let Some(r) = c.risky {
            spans.push(("close.risky", r));
        }
    }
    for c in &facts.calls {
        assert!(id_ok(c.caller), "call from unknown function {:?}", c.caller);
        spans.push(("call", c.span));
    }
    for r in &facts.handler_refs {
        spans.push(("handler_ref.evidence", r.handler.evidence));
    }
    spans.extend(facts.imports.iter().map(|x| ("import", x.span)));
    spans.extend(facts.exports.iter().map(|x| ("export", x.span)));
    spans.extend(facts.pool_settings.iter().map(|x| ("pool_setting", x.span)));
    spans.extend(facts.suppression_comments.iter().map(|x| ("comment", x.span)));
    spans.extend(facts.problems.iter().map(|x| ("problem", x.span)));
    for (what, s) in spans {
        assert!(
            span_ok(s),
            "{what} span {}..{} is not a range of character boundaries inside the {}-byte text",
            s.start,
            s.end,
            src.len()
        );
    }
}

/// Small sources in each language that reach most matcher kinds; the `pack` and `config` targets
/// run them with the fuzzed knowledge added.
pub const SAMPLES: [(Lang, &str); 4] = [
    (
        Lang::JavaScript,
        "const { MongoClient } = require('mongodb');\nconst app = require('express')();\n\
         app.get('/u', async (req, res) => {\n  const c = new MongoClient(uri, { maxPoolSize: 500 });\n  \
         try { await c.connect(); } finally { await c.close(); }\n});\n\
         export default async function handler(req, res) { helper(); }\nfunction helper() { return new MongoClient(u); }\n",
    ),
    (
        Lang::TypeScript,
        "import { MongoClient } from 'mongodb';\nexport async function GET(req: Request) {\n  \
         const c: MongoClient = new MongoClient(process.env.URI!);\n  await c.close();\n}\n",
    ),
    (
        Lang::Python,
        "from pymongo import MongoClient\nfrom flask import Flask\napp = Flask(__name__)\n\n\
         @app.route('/u')\ndef users():\n    c = MongoClient(maxPoolSize=0)\n    for i in range(3):\n        \
         d = MongoClient()\n    with MongoClient() as m:\n        pass\n    c.close()\n",
    ),
    (
        Lang::Rust,
        "use mongodb::Client;\n#[get(\"/u\")]\nasync fn users() -> String {\n    \
         let c = Client::with_uri_str(\"mongodb://h/?maxPoolSize=1000\").await.unwrap();\n    \
         for _ in 0..3 { let d = Client::with_options(o); }\n    String::new()\n}\n",
    ),
];

/// Runs every sample with `kb`, checking the invariants.
pub fn run_samples(kb: &Knowledge) {
    for (lang, src) in SAMPLES {
        analyze_checked(src, lang, kb);
    }
}
