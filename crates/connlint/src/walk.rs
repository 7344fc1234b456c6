//! Finding the files to check.
//!
//! Directories are walked with `ignore` (honouring `.gitignore`, `.ignore`, hidden files, and
//! never following symlinks); a file named on the command line is always checked, whatever the
//! ignore files say, as pre-commit passes file names.

use connlint_core::Lang;
use std::path::{Path, PathBuf};

/// A file to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub path: PathBuf,
    /// The path shown to users: relative to the working directory when under it, `/`-separated.
    pub display: String,
    pub lang: Lang,
    /// The file's bytes when they come from standard input (`--stdin-filename`).
    pub stdin: Option<std::sync::Arc<[u8]>>,
}

#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    pub no_ignore: bool,
}

/// A problem with a path named on the command line.
#[derive(Debug, thiserror::Error)]
pub enum WalkError {
    #[error("{0}: no such file or directory")]
    Missing(String),
    #[error("{0}: not a JavaScript, TypeScript, Python or Rust file name")]
    UnknownLanguage(String),
}

/// A per-entry problem met while walking (unreadable directory, symlink loop).
#[derive(Debug, Clone)]
pub struct WalkProblem {
    pub path: String,
    pub message: String,
}

/// Lists the files to check under `paths`, sorted and without duplicates.
pub fn collect(
    paths: &[PathBuf],
    opts: &WalkOptions,
    cwd: &Path,
) -> Result<(Vec<Candidate>, Vec<WalkProblem>), WalkError> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for root in paths {
        let meta = std::fs::symlink_metadata(root)
            .map_err(|_| WalkError::Missing(display_path(root, cwd)))?;
        if !meta.is_dir() {
            // Named explicitly: checked whatever the ignore files say. Symlinks and special
            // files are dealt with when reading.
            if let Some(lang) = Lang::from_path(root) {
                out.push(Candidate {
                    path: root.clone(),
                    display: display_path(root, cwd),
                    lang,
                    stdin: None,
                });
            } else if meta.file_type().is_symlink() && std::fs::metadata(root).is_err() {
                return Err(WalkError::Missing(display_path(root, cwd)));
            }
            continue;
        }
        let mut builder = ignore::WalkBuilder::new(root);
        builder
            .follow_links(false)
            .hidden(!opts.no_ignore)
            .ignore(!opts.no_ignore)
            .git_ignore(!opts.no_ignore)
            .git_global(!opts.no_ignore)
            .git_exclude(!opts.no_ignore)
            .parents(!opts.no_ignore)
            .require_git(false);
        if !opts.no_ignore {
            // Dependency and build folders hold code nobody here wrote.
            builder.filter_entry(|e| {
                !(e.file_type().is_some_and(|t| t.is_dir())
                    && matches!(
                        e.file_name().to_str(),
                        Some("node_modules" | "bower_components" | "__pycache__" | "target")
                    ))
            });
        }
        // In parallel: listing folders and reading ignore files is most of the walk's time.
        // The order does not matter, everything is sorted below.
        let found = std::sync::Mutex::new((Vec::new(), Vec::new()));
        builder.build_parallel().run(|| {
            // Each thread's share is handed over when its visitor is dropped.
            let mut flush = Flush {
                found: &found,
                mine: Vec::new(),
                errs: Vec::new(),
            };
            Box::new(move |entry| {
                match entry {
                    Ok(e) => {
                        if !e.file_type().is_some_and(|t| t.is_file()) {
                            return ignore::WalkState::Continue;
                        }
                        if let Some(lang) = Lang::from_path(e.path()) {
                            flush.mine.push(Candidate {
                                path: e.path().to_path_buf(),
                                display: display_path(e.path(), cwd),
                                lang,
                                stdin: None,
                            });
                        }
                    }
                    Err(err) => flush.errs.push(WalkProblem {
                        path: err_path(&err)
                            .map(|p| display_path(&p, cwd))
                            .unwrap_or_default(),
                        message: err.to_string(),
                    }),
                }
                ignore::WalkState::Continue
            })
        });
        let (files, errs) = found
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        out.extend(files);
        problems.extend(errs);
    }
    out.sort_by(|a, b| a.display.cmp(&b.display));
    out.dedup_by(|a, b| a.display == b.display);
    problems.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    Ok((out, problems))
}

/// One walker thread's findings, handed over to the shared list when the thread is done.
struct Flush<'a> {
    found: &'a std::sync::Mutex<(Vec<Candidate>, Vec<WalkProblem>)>,
    mine: Vec<Candidate>,
    errs: Vec<WalkProblem>,
}

impl Drop for Flush<'_> {
    fn drop(&mut self) {
        let mut found = self
            .found
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        found.0.append(&mut self.mine);
        found.1.append(&mut self.errs);
    }
}

fn err_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } => err_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

/// The path as shown to users: relative to `cwd` when under it, with `/` separators.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let rel = if path.is_absolute() {
        path.strip_prefix(cwd).unwrap_or(path)
    } else {
        path
    };
    let mut parts: Vec<String> = Vec::new();
    for c in rel.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::RootDir => parts.push(String::new()),
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    let s = parts.join("/");
    if s.is_empty() {
        ".".to_string()
    } else {
        s
    }
}
