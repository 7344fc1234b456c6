//! Languages connlint reads, decided by file extension.

use serde::{Deserialize, Serialize};
use std::path::Path;

/// The grammar a file is parsed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// `.js .mjs .cjs .jsx`
    JavaScript,
    /// `.ts .mts .cts`
    TypeScript,
    /// `.tsx`
    Tsx,
    /// `.py .pyi`
    Python,
    /// `.rs`
    Rust,
}

/// Language families share knowledge packs: JavaScript and TypeScript use the same clients and
/// frameworks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LangFamily {
    Js,
    Python,
    Rust,
}

impl LangFamily {
    pub fn as_str(self) -> &'static str {
        match self {
            LangFamily::Js => "js",
            LangFamily::Python => "python",
            LangFamily::Rust => "rust",
        }
    }

    /// Human name for documentation and `connlint rules`.
    pub fn display(self) -> &'static str {
        match self {
            LangFamily::Js => "JavaScript/TypeScript",
            LangFamily::Python => "Python",
            LangFamily::Rust => "Rust",
        }
    }
}

impl Lang {
    /// The language of a path, from its extension; `None` for files connlint does not read.
    pub fn from_path(path: &Path) -> Option<Lang> {
        let ext = path.extension()?.to_str()?;
        Some(match ext {
            "js" | "mjs" | "cjs" | "jsx" => Lang::JavaScript,
            "ts" | "mts" | "cts" => {
                // `.d.ts` declaration files hold no code that runs.
                let name = path.file_name()?.to_str()?;
                if name.ends_with(".d.ts") || name.ends_with(".d.mts") || name.ends_with(".d.cts") {
                    return None;
                }
                Lang::TypeScript
            }
            "tsx" => Lang::Tsx,
            "py" => Lang::Python,
            "rs" => Lang::Rust,
            _ => return None,
        })
    }

    pub fn family(self) -> LangFamily {
        match self {
            Lang::JavaScript | Lang::TypeScript | Lang::Tsx => LangFamily::Js,
            Lang::Python => LangFamily::Python,
            Lang::Rust => LangFamily::Rust,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::JavaScript => "javascript",
            Lang::TypeScript => "typescript",
            Lang::Tsx => "tsx",
            Lang::Python => "python",
            Lang::Rust => "rust",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions() {
        let l = |p: &str| Lang::from_path(Path::new(p));
        assert_eq!(l("a/b.cjs"), Some(Lang::JavaScript));
        assert_eq!(l("a/b.jsx"), Some(Lang::JavaScript));
        assert_eq!(l("a/b.mts"), Some(Lang::TypeScript));
        assert_eq!(l("a/b.tsx"), Some(Lang::Tsx));
        assert_eq!(l("a/b.d.ts"), None);
        assert_eq!(l("a/b.py"), Some(Lang::Python));
        assert_eq!(l("a/b.rs"), Some(Lang::Rust));
        assert_eq!(l("a/b.go"), None);
        assert_eq!(l("Makefile"), None);
    }
}
