//! Snapshots of the text report on small Python fixtures (testdata/python/report), run from the
//! workspace root the way a user would: `connlint check FILE --format text --color never`.
//! The summary line goes to stderr (it carries a timing) and is not part of the snapshot.

mod common;

use common::text_report;

/// Issue 3: a Flask view that builds a client on every request.
#[test]
fn flask_client_per_request() {
    insta::assert_snapshot!(text_report("testdata/python/report/flask_view.py"));
}

/// Issue 3: a FastAPI dependency (pulled in with `Depends`) that builds a client per request.
#[test]
fn fastapi_dependency_client_per_request() {
    insta::assert_snapshot!(text_report("testdata/python/report/fastapi_depends.py"));
}

/// Issue 6: a close that an exception skips, with the construction, the first risky call
/// and the `with` form in the help.
#[test]
fn close_not_in_finally() {
    insta::assert_snapshot!(text_report("testdata/python/report/close_skipped.py"));
}
