//! Scanned text never reaches the terminal raw, and no input makes a renderer panic.

use connlint_core::{Finding, Location, Notice, NoticeKind, Related, RuleId, Severity, Span};
use connlint_report::{render, Format, NoSources, Options, Report, Sources};
use std::sync::Arc;

const PATH: &str = "evil\u{1b}[2J\u{202e}sj.js";
const SRC: &str = "// header\napp.get('/', (req, res) => { /*\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e} } \u{2066}*/ const c = new MongoClient(uri); });\n";

fn hostile() -> (Vec<Finding>, Vec<Notice>, Sources) {
    let start = SRC.find("new MongoClient(uri)").unwrap_or(0);
    let handler = SRC.find("app.get").unwrap_or(0);
    let findings = vec![Finding {
        rule: RuleId::ClientPerRequest,
        severity: Severity::Warning,
        location: Location {
            path: PATH.into(),
            span: Span::new(start, start + "new MongoClient(uri)".len()),
        },
        message: "client `\u{1b}[2J\u{202e}x` built per request".into(),
        label: "label \u{1b}[31mred\u{202e}".into(),
        related: vec![Related {
            location: Location {
                path: PATH.into(),
                span: Span::new(handler, handler + 7),
            },
            message: "handler \u{202e}".into(),
        }],
        help: Some("help \u{1b}[2J".into()),
    }];
    let notices = vec![Notice {
        kind: NoticeKind::Unreadable,
        path: format!("{PATH}\nsecond line"),
        span: None,
        message: "cannot read \u{1b}[2J".into(),
    }];
    let mut sources = Sources::new();
    sources.insert(PATH.into(), Arc::from(SRC));
    (findings, notices, sources)
}

fn output(format: Format, color: bool) -> String {
    let (findings, notices, sources) = hostile();
    let report = Report::new(&findings, &notices, &sources, &[], "0.1.0").with_options(Options {
        color,
        ..Options::default()
    });
    let mut out = Vec::new();
    render(format, &report, &mut out).unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8(out).unwrap_or_else(|e| panic!("{e}"))
}

fn assert_no_raw_controls(out: &str, allow_esc: bool) {
    for (i, c) in out.char_indices() {
        let bad = match c {
            '\u{1b}' => !allow_esc,
            '\n' | '\t' => false,
            c => connlint_report::escape::is_dangerous(c),
        };
        assert!(!bad, "raw {c:?} at byte {i} in:\n{out}");
    }
}

#[test]
fn text_output_escapes_snippets_messages_and_file_names() {
    let out = output(Format::Text, false);
    assert_no_raw_controls(&out, false);
    assert!(out.contains("evil\\u{1b}[2J\\u{202e}sj.js"), "{out}");
    assert!(
        out.contains("client `\\u{1b}[2J\\u{202e}x` built per request"),
        "{out}"
    );
    assert!(
        out.contains("/*\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{202e} } \\u{2066}*/"),
        "{out}"
    );
    assert!(out.contains("help: help \\u{1b}[2J"), "{out}");
    assert!(out.contains("\\u{a}second line"), "{out}");
    // The header shows the column in the original file, the carets sit under the
    // construction in the escaped line.
    let col = SRC
        .lines()
        .nth(1)
        .and_then(|l| l.find("new MongoClient"))
        .map(|b| SRC.lines().nth(1).unwrap_or("")[..b].chars().count() + 1)
        .unwrap_or(0);
    assert!(out.contains(&format!(":2:{col}")), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let code = lines
        .iter()
        .position(|l| l.contains("const c = new MongoClient"))
        .unwrap_or_else(|| panic!("{out}"));
    let caret_line = lines.get(code + 1).copied().unwrap_or("");
    let code_line = lines.get(code).copied().unwrap_or("");
    let code_col = code_line.find("new MongoClient").unwrap_or(0);
    let caret_col = caret_line.find('^').unwrap_or(usize::MAX);
    // `find` counts bytes; everything left of the construction in the escaped line is ASCII.
    assert_eq!(code_col, caret_col, "\n{code_line}\n{caret_line}");
}

#[test]
fn colored_text_output_only_has_the_escapes_it_adds() {
    let out = output(Format::Text, true);
    assert!(out.contains("\u{1b}["), "color was asked for");
    assert!(
        !out.contains("\u{1b}[2J") && !out.contains("\u{1b}]0"),
        "{out}"
    );
    assert_no_raw_controls(&out, true);
}

#[test]
fn ci_formats_escape_too() {
    for format in [Format::Github, Format::Junit] {
        let out = output(format, false);
        assert_no_raw_controls(&out, false);
    }
    // JSON formats carry the data faithfully; serde escapes the control characters.
    for format in [Format::Json, Format::Sarif, Format::Rdjson, Format::Gitlab] {
        let out = output(format, false);
        assert!(!out.contains('\u{1b}'), "{format}: {out}");
        let _: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{format}: {e}"));
    }
}

#[test]
fn github_file_property_keeps_the_real_path_escaped() {
    let out = output(Format::Github, false);
    assert!(
        out.contains("file=evil\\u{1b}[2J\\u{202e}sj.js%0Asecond line"),
        "{out}"
    );
}

/// Spans past the end, inside a multi-byte character, reversed; files without a source.
#[test]
fn bad_spans_and_missing_sources_never_panic() {
    let text = "é𝄞\r\n";
    let spans = [
        Span { start: 1, end: 2 },
        Span { start: 3, end: 999 },
        Span { start: 5, end: 1 },
        Span {
            start: u32::MAX,
            end: u32::MAX,
        },
        Span { start: 0, end: 0 },
        Span { start: 7, end: 8 },
    ];
    let findings: Vec<Finding> = spans
        .iter()
        .flat_map(|&span| {
            ["a.js", "missing.js"].map(|path| Finding {
                rule: RuleId::PoolSizeTooLarge,
                severity: Severity::Note,
                location: Location {
                    path: path.into(),
                    span,
                },
                message: "m".into(),
                label: "l".into(),
                related: vec![Related {
                    location: Location {
                        path: "gone.js".into(),
                        span,
                    },
                    message: "r".into(),
                }],
                help: None,
            })
        })
        .collect();
    let kinds = [
        NoticeKind::ParseError,
        NoticeKind::Skipped,
        NoticeKind::Unreadable,
        NoticeKind::Internal,
        NoticeKind::Suppression,
    ];
    let notices: Vec<Notice> = spans
        .iter()
        .zip(kinds.iter().cycle())
        .map(|(&span, &kind)| Notice {
            kind,
            path: "a.js".into(),
            span: Some(span),
            message: "boom".into(),
        })
        .collect();
    let mut sources = Sources::new();
    sources.insert("a.js".into(), Arc::from(text));
    let schema_path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sarif-2.1.0.json");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(schema_path).unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let schema = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{e}"));
    for format in Format::ALL {
        for src in [&sources as &dyn connlint_report::SourceLookup, &NoSources] {
            let report = Report::new(&findings, &notices, src, &[], "0");
            let mut out = Vec::new();
            render(format, &report, &mut out).unwrap_or_else(|e| panic!("{format}: {e}"));
            assert!(!out.is_empty(), "{format}");
            if format == Format::Sarif {
                let sarif: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
                let errors: Vec<String> =
                    schema.iter_errors(&sarif).map(|e| e.to_string()).collect();
                assert!(errors.is_empty(), "{}", errors.join("\n"));
            }
        }
    }
}

/// Issue 9: file names with spaces, unicode and newlines are written correctly everywhere.
#[test]
fn odd_file_names_in_every_format() {
    let path = "dir/new\nline é 𝄞.js";
    let src = "new MongoClient(uri);\n";
    let findings = vec![Finding {
        rule: RuleId::ClientInLoop,
        severity: Severity::Warning,
        location: Location {
            path: path.into(),
            span: Span::new(0, 20),
        },
        message: "m".into(),
        label: "l".into(),
        related: vec![],
        help: None,
    }];
    let mut sources = Sources::new();
    sources.insert(path.into(), Arc::from(src));
    let report = Report::new(&findings, &[], &sources, &[], "0");
    let out = |format: Format| {
        let mut out = Vec::new();
        render(format, &report, &mut out).unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8(out).unwrap_or_else(|e| panic!("{e}"))
    };
    assert!(out(Format::Text).contains("--> dir/new\\u{a}line é 𝄞.js:1:1"));
    assert!(out(Format::Sarif).contains("\"uri\": \"dir/new%0Aline%20%C3%A9%20%F0%9D%84%9E.js\""));
    assert!(out(Format::Github).contains("file=dir/new%0Aline é 𝄞.js,"));
    assert!(out(Format::Junit).contains("classname=\"dir/new&#10;line é 𝄞.js\""));
    for format in [Format::Json, Format::Rdjson, Format::Gitlab] {
        assert!(
            out(format).contains("\"dir/new\\nline é 𝄞.js\""),
            "{format}: {}",
            out(format)
        );
    }
}
