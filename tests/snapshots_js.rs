//! Snapshots of the text report of the leak rules on JavaScript and TypeScript: the labels
//! ("client created here", "if this throws, close() is skipped") and the `help:` lines.

mod common;

/// `connlint check <fixture> --format text --color never`, run from the workspace root; the
/// summary line goes to stderr and is not part of the snapshot.
fn text_report(fixture: &str) -> String {
    let out = common::connlint(
        &common::root(),
        &["check", fixture, "--format", "text", "--color", "never"],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "findings expected\nstderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 report")
}

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
