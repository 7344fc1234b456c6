//! Writing the report: to standard output, or atomically to a file.

use crate::{ColorArg, FormatArg};
use anyhow::Context as _;
use connlint_core::{Finding, Notice};
use connlint_report::{BaselineSummary, ColorChoice, Format, Options, RuleInfo};
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

pub struct Report<'a> {
    pub findings: &'a [Finding],
    pub notices: &'a [Notice],
    pub sources: &'a HashMap<String, Arc<str>>,
    pub files_checked: usize,
    pub elapsed: Duration,
    /// One per finding, computed over the whole run (before baseline and diff filtering).
    pub fingerprints: &'a [String],
    /// The `--baseline` file and what it hid.
    pub baseline: Option<(&'a Path, BaselineSummary)>,
}

/// Where the rules' documentation is published (the repository's `docs/rules/`).
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Rule metadata for the renderers, from the rules' own documentation.
pub fn rule_infos() -> Vec<RuleInfo> {
    connlint_rules::all_rules()
        .into_iter()
        .map(|m| {
            RuleInfo::from_doc(
                m.id,
                &m.doc(),
                m.default_severity,
                m.tags,
                m.languages,
                Some(format!("{REPOSITORY}/blob/main/docs/rules/{}.md", m.id)),
            )
        })
        .collect()
}

/// Renders the report and writes it where asked; the summary line goes to stderr in text
/// mode.
pub fn emit(
    report: &Report,
    format: FormatArg,
    color: ColorArg,
    output: Option<&Path>,
    cwd: &Path,
) -> anyhow::Result<()> {
    let use_color = output.is_none()
        && format == FormatArg::Text
        && match color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => ColorChoice::Auto.should_color(
                std::io::stdout().is_terminal(),
                std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            ),
        };
    let rules = rule_infos();
    let options = Options {
        color: use_color,
        src_root: Some(cwd.to_string_lossy().into_owned()),
        information_uri: Some(REPOSITORY.to_string()),
    };
    let mut r = connlint_report::Report::new(
        report.findings,
        report.notices,
        report.sources,
        &rules,
        env!("CARGO_PKG_VERSION"),
    )
    .with_options(options)
    .with_fingerprints(report.fingerprints);
    if let Some((_, b)) = report.baseline {
        r = r.with_baseline(b);
    }
    let mut buf = Vec::new();
    connlint_report::render(format.into(), &r, &mut buf)?;
    match output {
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            lock.write_all(&buf)?;
            lock.flush()?;
        }
        Some(path) => write_atomically(path, &buf)?,
    }
    if format == FormatArg::Text {
        eprintln!(
            "{}",
            connlint_report::summary_line(
                report.findings,
                report.notices,
                report.files_checked,
                report.elapsed
            )
        );
        if let Some((path, b)) = report.baseline {
            eprintln!("{}", crate::baseline::summary_line(path, b));
        }
    }
    Ok(())
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Github => Format::Github,
            FormatArg::Rdjson => Format::Rdjson,
            FormatArg::Gitlab => Format::Gitlab,
            FormatArg::Junit => Format::Junit,
        }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a
/// failed run never leaves a half-written report behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    // `-o /dev/null` or a named pipe: renaming a temporary file over it would replace the
    // device (as root) or fail; such targets are written directly.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        f.write_all(bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
        return Ok(());
    }
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
