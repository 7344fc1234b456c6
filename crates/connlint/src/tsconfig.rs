//! tsconfig.json / jsconfig.json `compilerOptions.baseUrl` and `paths`, so that imports such
//! as Next.js' `@/lib/mongodb` resolve. The nearest file above each JavaScript/TypeScript file
//! applies (as in TypeScript, a package's own tsconfig hides the ones above it); a relative
//! `extends` is followed, so a package's `baseUrl`/`paths` may come from a shared base file.

use connlint_rules::resolve::JsAliases;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Finds the aliases governing every folder in `dirs` (absolute paths).
pub fn discover(dirs: impl IntoIterator<Item = PathBuf>, cwd: &Path) -> Vec<JsAliases> {
    let mut seen: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    let mut found: HashSet<PathBuf> = HashSet::new();
    for dir in dirs {
        let mut visited = Vec::new();
        let mut cur = Some(dir.as_path());
        let mut hit = None;
        while let Some(d) = cur {
            if let Some(h) = seen.get(d) {
                hit = h.clone();
                break;
            }
            visited.push(d.to_path_buf());
            if let Some(f) = ["tsconfig.json", "jsconfig.json"]
                .iter()
                .map(|n| d.join(n))
                .find(|p| p.is_file())
            {
                hit = Some(f);
                break;
            }
            cur = d.parent();
        }
        for v in visited {
            seen.insert(v, hit.clone());
        }
        if let Some(h) = hit {
            found.insert(h);
        }
    }
    let mut out: Vec<JsAliases> = found
        .into_iter()
        .filter_map(|path| {
            let dir = path.parent()?;
            let mut a = load(&path, dir, 0)?;
            a.dir = crate::walk::display_path(dir, cwd);
            if a.dir == "." {
                a.dir = String::new();
            }
            Some(a)
        })
        .collect();
    out.sort_by(|a, b| a.dir.cmp(&b.dir));
    out
}

/// The most `extends` links followed (they may form a cycle).
const MAX_EXTENDS: u32 = 8;

/// The aliases of the config file `path`, with `baseUrl` expressed relative to `dir` (the
/// folder of the config that governs the files), following relative `extends`. A config
/// without aliases still counts: it hides the configs above it.
fn load(path: &Path, dir: &Path, depth: u32) -> Option<JsAliases> {
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&strip_jsonc(&text)).ok()?;
    let own = parse_value(&json);
    let here = path.parent()?;
    // Folder of this config, relative to `dir`.
    let rel = relative(dir, here);
    let mut a = JsAliases::default();
    if depth < MAX_EXTENDS {
        let parents: Vec<&str> = match json.get("extends") {
            Some(serde_json::Value::String(e)) => vec![e.as_str()],
            Some(serde_json::Value::Array(list)) => {
                list.iter().filter_map(|v| v.as_str()).collect()
            }
            _ => Vec::new(),
        };
        for e in parents.into_iter().filter(|e| e.starts_with('.')) {
            let mut target = here.join(e);
            if !target.is_file() && !e.ends_with(".json") {
                target = here.join(format!("{e}.json"));
            }
            if let Some(parent) = load(&target, dir, depth + 1) {
                if parent.base_url.is_some() {
                    a.base_url = parent.base_url;
                }
                if !parent.paths.is_empty() {
                    a.paths = parent.paths;
                }
            }
        }
    }
    if let Some(own) = own {
        if let Some(b) = own.base_url {
            a.base_url = Some(join_rel(&rel, &b));
        }
        if !own.paths.is_empty() {
            a.paths = own.paths;
            // Without a `baseUrl`, `paths` are relative to the config that declares them.
            if a.base_url.is_none() && !rel.is_empty() {
                a.base_url = Some(rel.clone());
            }
        }
    }
    Some(a)
}

/// `to` relative to `from` (both absolute), `/`-separated; "" when they are the same.
fn relative(from: &Path, to: &Path) -> String {
    let f: Vec<_> = from.components().collect();
    let t: Vec<_> = to.components().collect();
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = Vec::new();
    for _ in common..f.len() {
        parts.push("..".into());
    }
    for c in t.iter().skip(common) {
        parts.push(c.as_os_str().to_string_lossy().into_owned());
    }
    parts.join("/")
}

fn join_rel(rel: &str, p: &str) -> String {
    if rel.is_empty() {
        p.to_string()
    } else {
        format!("{rel}/{p}")
    }
}

/// Reads `compilerOptions.baseUrl` and `paths` from tsconfig text (JSON with comments and
/// trailing commas). `None` when it has neither or is not valid.
#[cfg(test)]
pub fn parse(text: &str) -> Option<JsAliases> {
    let json: serde_json::Value = serde_json::from_str(&strip_jsonc(text)).ok()?;
    parse_value(&json)
}

fn parse_value(json: &serde_json::Value) -> Option<JsAliases> {
    let opts = json.get("compilerOptions")?;
    let base_url = opts
        .get("baseUrl")
        .and_then(|v| v.as_str())
        .map(str::to_string);
    let mut paths = Vec::new();
    if let Some(map) = opts.get("paths").and_then(|v| v.as_object()) {
        for (pattern, targets) in map {
            let targets: Vec<String> = targets
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|t| t.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            paths.push((pattern.clone(), targets));
        }
    }
    if base_url.is_none() && paths.is_empty() {
        return None;
    }
    Some(JsAliases {
        dir: String::new(),
        base_url,
        paths,
    })
}

/// Removes `//` and `/* */` comments and trailing commas outside strings.
fn strip_jsonc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_str = false;
    while let Some(c) = chars.next() {
        if in_str {
            out.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_str = true;
                out.push(c);
            }
            '/' if chars.peek() == Some(&'/') => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for n in chars.by_ref() {
                    if prev == '*' && n == '/' {
                        break;
                    }
                    prev = n;
                }
            }
            ',' => {
                // Drop a comma followed (after whitespace) by a closing bracket.
                let rest: String = chars.clone().take_while(|c| c.is_whitespace()).collect();
                let next = chars.clone().nth(rest.chars().count());
                if !matches!(next, Some('}' | ']')) {
                    out.push(',');
                }
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_paths_with_comments_and_trailing_commas() {
        let a = parse(
            r#"{
  // Next.js
  "compilerOptions": {
    "baseUrl": ".", /* root */
    "paths": { "@/*": ["./src/*"], "~lib/*": ["lib/*",], },
  },
}"#,
        )
        .expect("aliases");
        assert_eq!(a.base_url.as_deref(), Some("."));
        assert!(a
            .paths
            .contains(&("@/*".to_string(), vec!["./src/*".to_string()])));
        assert!(a
            .paths
            .contains(&("~lib/*".to_string(), vec!["lib/*".to_string()])));
    }

    #[test]
    fn extends_and_nearest_config() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        let pkg = root.join("packages/api");
        std::fs::create_dir_all(pkg.join("src")).expect("mkdir");
        std::fs::write(
            root.join("tsconfig.base.json"),
            r#"{"compilerOptions": {"baseUrl": ".", "paths": {"~/*": ["shared/*"]}}}"#,
        )
        .expect("write");
        std::fs::write(
            pkg.join("tsconfig.json"),
            r#"{"extends": "../../tsconfig.base", "compilerOptions": {"strict": true}}"#,
        )
        .expect("write");
        std::fs::create_dir_all(root.join("other")).expect("mkdir");
        std::fs::write(
            root.join("other/tsconfig.json"),
            r#"{"compilerOptions": {}}"#,
        )
        .expect("write");
        let found = discover([pkg.join("src"), root.join("other")], root);
        let api = found
            .iter()
            .find(|a| a.dir.ends_with("packages/api"))
            .expect("api config");
        assert_eq!(api.base_url.as_deref(), Some("../../."));
        assert_eq!(api.paths[0].0, "~/*");
        // A config without aliases is kept: it hides the ones above it.
        let other = found
            .iter()
            .find(|a| a.dir.ends_with("other"))
            .expect("other config");
        assert!(other.paths.is_empty() && other.base_url.is_none());
    }

    #[test]
    fn strings_keep_their_slashes() {
        let a = parse(r#"{"compilerOptions": {"paths": {"//*": ["./a/*"]}}}"#).expect("aliases");
        assert_eq!(a.paths[0].0, "//*");
    }
}
