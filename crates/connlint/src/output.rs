//! Writing the report: to standard output, or atomically to a file.

use crate::{ColorArg, FormatArg};
use anyhow::Context as _;
use connlint_core::{Finding, LineIndex, Notice};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

pub struct Report<'a> {
    pub findings: &'a [Finding],
    pub notices: &'a [Notice],
    pub sources: &'a HashMap<String, Arc<str>>,
    pub files_checked: usize,
    pub elapsed: Duration,
}

/// Renders the report and writes it where asked.
pub fn emit(
    report: &Report,
    format: FormatArg,
    _color: ColorArg,
    output: Option<&Path>,
) -> anyhow::Result<()> {
    let mut buf = Vec::new();
    render(report, format, &mut buf)?;
    match output {
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            lock.write_all(&buf)?;
            lock.flush()?;
        }
        Some(path) => write_atomically(path, &buf)?,
    }
    Ok(())
}

fn render(report: &Report, format: FormatArg, out: &mut Vec<u8>) -> anyhow::Result<()> {
    let pos = |path: &str, offset: u32| -> (u32, u32) {
        match report.sources.get(path) {
            Some(text) => {
                let lc = LineIndex::new(text).line_col(offset, text);
                (lc.line, lc.column)
            }
            None => (0, 0),
        }
    };
    match format {
        FormatArg::Json => {
            let findings: Vec<serde_json::Value> = report
                .findings
                .iter()
                .map(|f| {
                    let (line, column) = pos(&f.location.path, f.location.span.start);
                    serde_json::json!({
                        "rule": f.rule.as_str(),
                        "severity": f.severity.as_str(),
                        "path": f.location.path,
                        "line": line,
                        "column": column,
                        "message": f.message,
                    })
                })
                .collect();
            let notices: Vec<serde_json::Value> = report
                .notices
                .iter()
                .map(|n| serde_json::json!({"path": n.path, "message": n.message}))
                .collect();
            serde_json::to_writer_pretty(
                &mut *out,
                &serde_json::json!({"findings": findings, "notices": notices}),
            )?;
            out.push(b'\n');
        }
        FormatArg::Text => {
            for f in report.findings {
                let (line, column) = pos(&f.location.path, f.location.span.start);
                writeln!(
                    out,
                    "{}:{line}:{column}: {}[{}]: {}",
                    f.location.path,
                    f.severity.as_str(),
                    f.rule,
                    f.message
                )?;
            }
            for n in report.notices {
                writeln!(out, "{}: note: {}", n.path, n.message)?;
            }
            eprintln!(
                "{} finding(s) in {} file(s) checked in {:.2}s",
                report.findings.len(),
                report.files_checked,
                report.elapsed.as_secs_f64()
            );
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// failed run never leaves a half-written report behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.flush())
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
