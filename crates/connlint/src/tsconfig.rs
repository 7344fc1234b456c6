//! tsconfig.json / jsconfig.json `compilerOptions.baseUrl` and `paths`, so that imports such
//! as Next.js' `@/lib/mongodb` resolve. The nearest file above each JavaScript/TypeScript file
//! applies; `extends` is not followed (a known limit).

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
            let text = std::fs::read_to_string(&path).ok()?;
            let dir = path.parent()?;
            let mut a = parse(&text)?;
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

/// Reads `compilerOptions.baseUrl` and `paths` from tsconfig text (JSON with comments and
/// trailing commas). `None` when it has neither or is not valid.
pub fn parse(text: &str) -> Option<JsAliases> {
    let json: serde_json::Value = serde_json::from_str(&strip_jsonc(text)).ok()?;
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
    fn strings_keep_their_slashes() {
        let a = parse(r#"{"compilerOptions": {"paths": {"//*": ["./a/*"]}}}"#).expect("aliases");
        assert_eq!(a.paths[0].0, "//*");
    }
}
