//! Pull-request mode: keep only findings on lines a change added or modified.
//!
//! `--diff-file FILE` reads a unified diff (as a review bot fetches it from an API);
//! `--diff-base REF` asks git for the diff between the merge base of REF and HEAD and the
//! working tree. git runs with external diff drivers, text conversion filters and fsmonitor
//! hooks switched off, so a hostile repository's configuration cannot make it run anything.

use anyhow::{bail, Context as _};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

/// Lines (1-based) added or changed, per path (`/`-separated, relative to the diff's root).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changed {
    pub lines: HashMap<String, BTreeSet<u32>>,
}

impl Changed {
    /// Is line `line` of `path` (a display path) part of the change?
    pub fn contains(&self, path: &str, line: u32) -> bool {
        let path = path.strip_prefix("./").unwrap_or(path);
        self.lines.get(path).is_some_and(|l| l.contains(&line))
    }
}

/// Parses a unified diff: the new-side line numbers of `+` lines, per new path.
pub fn parse_unified(text: &str) -> Changed {
    let mut out = Changed::default();
    let mut path: Option<String> = None;
    let mut line: u32 = 0;
    for raw in text.lines() {
        if let Some(rest) = raw.strip_prefix("+++ ") {
            let name = rest.split('\t').next().unwrap_or(rest).trim();
            path = if name == "/dev/null" {
                None
            } else {
                let name = unquote(name);
                Some(name.strip_prefix("b/").map(str::to_string).unwrap_or(name))
            };
            continue;
        }
        if raw.starts_with("--- ") || raw.starts_with("diff ") || raw.starts_with("index ") {
            continue;
        }
        if let Some(hunk) = raw.strip_prefix("@@ ") {
            // @@ -a,b +c,d @@
            line = hunk
                .split_whitespace()
                .find_map(|t| t.strip_prefix('+'))
                .and_then(|t| t.split(',').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            continue;
        }
        let Some(p) = &path else { continue };
        if raw.starts_with('+') {
            out.lines.entry(p.clone()).or_default().insert(line);
            line += 1;
        } else if raw.starts_with(' ') || raw.is_empty() {
            line += 1;
        }
        // '-' lines and "\ No newline at end of file" do not advance the new side.
    }
    out
}

/// git quotes unusual paths: `"a\tb.js"` with C escapes.
fn unquote(name: &str) -> String {
    let Some(inner) = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) else {
        return name.to_string();
    };
    let mut bytes = Vec::new();
    let mut it = inner.bytes().peekable();
    while let Some(b) = it.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match it.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(b'"') => bytes.push(b'"'),
            Some(b'\\') => bytes.push(b'\\'),
            Some(d @ b'0'..=b'7') => {
                let mut v = u32::from(d - b'0');
                for _ in 0..2 {
                    if let Some(&n @ b'0'..=b'7') = it.peek() {
                        v = v * 8 + u32::from(n - b'0');
                        it.next();
                    }
                }
                bytes.push(u8::try_from(v).unwrap_or(b'?'));
            }
            Some(other) => bytes.push(other),
            None => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The changes since the merge base of `base` and HEAD, including uncommitted ones, with
/// paths relative to `cwd` when the repository root is above it.
pub fn from_git(base: &str, cwd: &Path) -> anyhow::Result<Changed> {
    if base.starts_with('-') {
        bail!("--diff-base: `{base}` is not a revision");
    }
    let merge_base = git(cwd, &["merge-base", base, "HEAD"])
        .with_context(|| format!("--diff-base: cannot find the merge base of `{base}` and HEAD"))?;
    let merge_base = merge_base.trim();
    let diff = git(
        cwd,
        &[
            "diff",
            "--no-ext-diff",
            "--no-textconv",
            "--no-color",
            "--relative",
            "-U0",
            merge_base,
            "--",
        ],
    )
    .context("--diff-base: git diff failed")?;
    Ok(parse_unified(&diff))
}

fn git(cwd: &Path, args: &[&str]) -> anyhow::Result<String> {
    let out = Command::new("git")
        .args(["-c", "core.fsmonitor=false", "-c", "core.quotePath=true"])
        .args(args)
        .current_dir(cwd)
        .env("GIT_EXTERNAL_DIFF", "")
        .env("GIT_PAGER", "cat")
        .output()
        .context("cannot run git")?;
    if !out.status.success() {
        bail!("{}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_lines_per_file() {
        let diff = "diff --git a/src/a.js b/src/a.js\nindex 1..2 100644\n--- a/src/a.js\n+++ b/src/a.js\n@@ -1,3 +1,4 @@\n const a = 1;\n-const b = 2;\n+const b = 3;\n+const c = 4;\n const d = 5;\n@@ -10,0 +12,1 @@\n+x();\n--- a/old.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-gone\n";
        let c = parse_unified(diff);
        assert!(c.contains("src/a.js", 2));
        assert!(c.contains("src/a.js", 3));
        assert!(!c.contains("src/a.js", 1));
        assert!(!c.contains("src/a.js", 4));
        assert!(c.contains("src/a.js", 12));
        assert!(c.contains("./src/a.js", 12));
        assert!(!c.lines.contains_key("old.py"));
    }

    #[test]
    fn quoted_paths() {
        let diff = "+++ \"b/dir/caf\\303\\251 x.js\"\n@@ -0,0 +1 @@\n+a\n";
        let c = parse_unified(diff);
        assert!(c.contains("dir/café x.js", 1), "{c:?}");
    }
}
