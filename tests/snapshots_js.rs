//! Snapshots of the text report of the leak rules on JavaScript and TypeScript: the labels
//! ("client created here", "if this throws, close() is skipped") and the `help:` lines.

mod common;

use common::text_report;

#[test]
fn javascript_leak_report() {
    let report = text_report("testdata/js/leaks/report/report.js");
    assert!(report.contains("client created here"));
    insta::assert_snapshot!(report);
}

#[test]
fn typescript_leak_report() {
    let report = text_report("testdata/ts/leaks/report/report.ts");
    assert!(report.contains("if this throws, close() is skipped"));
    insta::assert_snapshot!(report);
}
