//! Writing the report: to standard output, or atomically to a file.

use crate::{ColorArg, FormatArg};
use anyhow::Context as _;
use connlint_core::{Finding, Notice};
use connlint_report::{ColorChoice, Format, Options, RuleInfo};
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
    let r = connlint_report::Report::new(
        report.findings,
        report.notices,
        report.sources,
        &rules,
        env!("CARGO_PKG_VERSION"),
    )
    .with_options(options);
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
