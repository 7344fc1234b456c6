//! Cross-file name resolution: import specifiers to files, imported names to the functions
//! and classes they denote. Pure: it knows the project's file paths (as shown to users,
//! `/`-separated) and their Facts, never the file system.
//!
//! - JavaScript/TypeScript: relative specifiers with or without extension, `index` files,
//!   `.js` specifiers naming `.ts` sources, tsconfig/jsconfig `baseUrl` and `paths` aliases.
//! - Python: absolute module paths (searched from every ancestor folder of the importing file,
//!   since the project root is not known) and relative imports, `__init__.py` packages.
//! - Rust: `mod` declarations, `crate::`, `super::`, `self::` paths.

use crate::FileFacts;
use connlint_core::{FuncId, FunctionKind, Imported, LangFamily};
use foldhash::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{PoisonError, RwLock};

/// A tsconfig.json / jsconfig.json `compilerOptions.baseUrl` + `paths`, found in folder `dir`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsAliases {
    /// The folder of the tsconfig (display path, `/`-separated, "" for the working directory).
    pub dir: String,
    pub base_url: Option<String>,
    /// `"@/*": ["./src/*"]`
    pub paths: Vec<(String, Vec<String>)>,
}

/// What a name denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Function(u32, FuncId),
    /// A class (or Rust type) of a file, named by one of its members (the class's own name,
    /// whatever it is imported as): instantiating it runs its constructor.
    Class(u32, FuncId),
    Module(u32),
}

/// The most (file, name) pairs one resolution visits.
const MAX_HOPS: usize = 64;

/// The (file, name, is-export) steps a resolution has taken.
#[derive(Default)]
struct Seen(Vec<(u32, String, bool)>);

impl Seen {
    /// Records a step; false when it was taken before or the budget is spent.
    fn enter(&mut self, file: u32, name: &str, export: bool) -> bool {
        if self.0.len() >= MAX_HOPS
            || self
                .0
                .iter()
                .any(|(f, n, e)| *f == file && n == name && *e == export)
        {
            return false;
        }
        self.0.push((file, name.to_string(), export));
        true
    }
}

const JS_EXTS: [&str; 8] = ["ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts"];

/// Resolved specifiers, by what their resolution depends on: the importing file's folder for
/// JS/TS and Python (every file of a folder that imports `os` or `./db` gets the same answer,
/// and a Python absolute import tries every ancestor folder), the importing file itself for
/// Rust (`foo.rs` and `foo/mod.rs` differ). Keyed by file, the memo missed on nearly every
/// import, which made module resolution most of the rules' time. A resolution depends on the
/// project's paths only, not on the facts, so a memo can be kept across
/// [`crate::graph::Graph::build_with`] calls over the same files (the same paths in the same
/// order, parsed or not), as the name-following rounds of the command line do. The graph's
/// threads share it (see [`crate::graph::Graph::build_with`]).
#[derive(Default)]
pub struct ModuleMemo {
    /// The number of files it was filled for: another number means another project.
    files: AtomicUsize,
    /// Per language family (JS/TS, Python, Rust).
    maps: [RwLock<Resolved>; 3],
}

/// Per folder or file (see [`ModuleMemo`]), per specifier: the file it names, if any.
type Resolved = HashMap<String, HashMap<String, Option<u32>>>;

enum Memo<'a> {
    Own(ModuleMemo),
    Shared(&'a ModuleMemo),
}

pub struct Modules<'a> {
    files: &'a [FileFacts],
    by_path: HashMap<&'a str, u32>,
    aliases: &'a [JsAliases],
    memo: Memo<'a>,
}

impl<'a> Modules<'a> {
    pub fn new(files: &'a [FileFacts], aliases: &'a [JsAliases]) -> Self {
        let by_path = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.as_str(), i as u32))
            .collect();
        Modules {
            files,
            by_path,
            aliases,
            memo: Memo::Own(ModuleMemo::default()),
        }
    }

    /// Resolves with a memo kept from earlier builds over the same files.
    pub fn with_memo(
        files: &'a [FileFacts],
        aliases: &'a [JsAliases],
        memo: &'a ModuleMemo,
    ) -> Self {
        if memo.files.load(Ordering::Relaxed) != files.len() {
            for map in &memo.maps {
                map.write().unwrap_or_else(PoisonError::into_inner).clear();
            }
            memo.files.store(files.len(), Ordering::Relaxed);
        }
        Modules {
            memo: Memo::Shared(memo),
            ..Modules::new(files, aliases)
        }
    }

    fn memo(&self) -> &ModuleMemo {
        match &self.memo {
            Memo::Own(m) => m,
            Memo::Shared(m) => m,
        }
    }

    fn file(&self, path: &str) -> Option<u32> {
        self.by_path.get(path).copied()
    }

    fn path(&self, file: u32) -> &str {
        self.files
            .get(file as usize)
            .map(|f| f.path.as_str())
            .unwrap_or("")
    }

    /// The file an import specifier of `from` names, if it is in the project.
    pub fn module(&self, from: u32, source: &str) -> Option<u32> {
        let family = self.files.get(from as usize)?.lang.family();
        let path = self.path(from);
        // What the resolution depends on (see [`ModuleMemo`]).
        let (index, context) = match family {
            LangFamily::Js => (0, parent(path)),
            LangFamily::Python => (1, parent(path)),
            LangFamily::Rust => (2, path),
        };
        let memo = &self.memo().maps[index];
        let hit = memo
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(context)
            .and_then(|m| m.get(source).copied());
        if let Some(hit) = hit {
            return hit;
        }
        let found = match family {
            LangFamily::Js => self.js_module(from, source),
            LangFamily::Python => self.py_module(from, source),
            LangFamily::Rust => self.rust_module(from, source),
        };
        memo.write()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(context.to_string())
            .or_default()
            .insert(source.to_string(), found);
        found
    }

    fn js_module(&self, from: u32, spec: &str) -> Option<u32> {
        let dir = parent(self.path(from));
        if spec.starts_with("./") || spec.starts_with("../") || spec == "." || spec == ".." {
            return self.js_candidates(&join(dir, spec));
        }
        // Aliases of the nearest tsconfig/jsconfig above the importing file only: in a
        // monorepo each package's config governs its own files.
        let nearest = self
            .aliases
            .iter()
            .filter(|a| is_ancestor(&a.dir, dir))
            .max_by_key(|a| a.dir.len());
        if let Some(a) = nearest {
            let base = join(&a.dir, a.base_url.as_deref().unwrap_or("."));
            for (pattern, targets) in &a.paths {
                let Some(rest) = match_alias(pattern, spec) else {
                    continue;
                };
                for t in targets {
                    let target = t.replacen('*', rest, 1);
                    if let Some(f) = self.js_candidates(&join(&base, &target)) {
                        return Some(f);
                    }
                }
            }
            if a.base_url.is_some() {
                if let Some(f) = self.js_candidates(&join(&base, spec)) {
                    return Some(f);
                }
            }
        }
        None
    }

    fn js_candidates(&self, base: &str) -> Option<u32> {
        if let Some(f) = self.file(base) {
            return Some(f);
        }
        // `./db.js` written for a `db.ts` source (TypeScript ESM).
        let stem = ["js", "jsx", "mjs", "cjs"]
            .iter()
            .find_map(|e| base.strip_suffix(&format!(".{e}")));
        for b in std::iter::once(base).chain(stem) {
            for ext in JS_EXTS {
                if let Some(f) = self.file(&format!("{b}.{ext}")) {
                    return Some(f);
                }
            }
        }
        for ext in JS_EXTS {
            if let Some(f) = self.file(&join(base, &format!("index.{ext}"))) {
                return Some(f);
            }
        }
        None
    }

    fn py_module(&self, from: u32, source: &str) -> Option<u32> {
        let dir = parent(self.path(from));
        let dots = source.chars().take_while(|c| *c == '.').count();
        let rest = &source[dots..];
        let rel = rest.replace('.', "/");
        if dots > 0 {
            let mut base = dir.to_string();
            for _ in 1..dots {
                base = parent(&base).to_string();
            }
            return self.py_candidates(&base, &rel);
        }
        // Absolute: from the importing file's folder up to the root.
        let mut base = dir.to_string();
        loop {
            if let Some(f) = self.py_candidates(&base, &rel) {
                return Some(f);
            }
            if base.is_empty() || base == "." || base == "/" {
                return None;
            }
            base = parent(&base).to_string();
        }
    }

    fn py_candidates(&self, base: &str, rel: &str) -> Option<u32> {
        let module = if rel.is_empty() {
            base.to_string()
        } else {
            join(base, rel)
        };
        if !rel.is_empty() {
            if let Some(f) = self.file(&format!("{module}.py")) {
                return Some(f);
            }
        }
        self.file(&join(&module, "__init__.py"))
    }

    fn rust_module(&self, from: u32, source: &str) -> Option<u32> {
        let path = self.path(from);
        let segs: Vec<&str> = source.split("::").filter(|s| !s.is_empty()).collect();
        let mut dir = rust_mod_dir(path);
        let mut rest: &[&str] = &segs;
        match segs.first() {
            Some(&"crate") => {
                dir = self.rust_crate_root(path)?;
                rest = &segs[1..];
            }
            Some(&"self") => rest = &segs[1..],
            Some(&"super") => {
                let mut d = rust_mod_dir(path);
                let mut i = 0;
                while segs.get(i) == Some(&"super") {
                    d = parent(&d).to_string();
                    i += 1;
                }
                dir = d;
                rest = &segs[i..];
            }
            _ => {}
        }
        if rest.is_empty() {
            return None;
        }
        let mut file = None;
        for seg in rest {
            let a = join(&dir, &format!("{seg}.rs"));
            let b = join(&dir, &format!("{seg}/mod.rs"));
            file = self.file(&a).or_else(|| self.file(&b));
            let f = file?;
            dir = rust_mod_dir(self.path(f));
        }
        file
    }

    /// The folder of the crate root (`main.rs` or `lib.rs`) above a Rust file.
    fn rust_crate_root(&self, path: &str) -> Option<String> {
        let mut dir = parent(path).to_string();
        loop {
            for root in ["lib.rs", "main.rs"] {
                if self.file(&join(&dir, root)).is_some() {
                    return Some(dir);
                }
            }
            if dir.is_empty() || dir == "." || dir == "/" {
                return None;
            }
            dir = parent(&dir).to_string();
        }
    }

    /// What `local` (a name used in `file`) denotes through the file's imports.
    pub fn imported(&self, file: u32, local: &str) -> Option<Target> {
        self.imported_at(file, local, &mut Seen::default())
    }

    /// [`Modules::imported`], remembering the (file, name) pairs already tried so that import
    /// cycles and diamonds of `export *` end, and chains longer than [`MAX_HOPS`] give up.
    fn imported_at(&self, file: u32, local: &str, seen: &mut Seen) -> Option<Target> {
        if !seen.enter(file, local, false) {
            return None;
        }
        let facts = &self.files.get(file as usize)?.facts;
        let import = facts.imports.iter().find(|i| i.local == local)?;
        match &import.imported {
            Imported::Namespace => self
                .module(file, &import.source)
                .map(Target::Module)
                .or_else(|| {
                    // Rust `use crate::db::connect;` recorded as a path.
                    let (module, name) = import.source.rsplit_once("::")?;
                    let m = self.module(file, module)?;
                    self.export_at(m, name, seen)
                }),
            Imported::Default => {
                let m = self.module(file, &import.source)?;
                self.export_at(m, "default", seen)
                    .or(Some(Target::Module(m)))
            }
            Imported::Named(name) => {
                if let Some(m) = self.module(file, &import.source) {
                    if let Some(t) = self.export_at(m, name, seen) {
                        return Some(t);
                    }
                }
                // Python `from app import db` naming a submodule.
                let sep = match self.files.get(file as usize)?.lang.family() {
                    LangFamily::Python => ".",
                    LangFamily::Rust => "::",
                    LangFamily::Js => return None,
                };
                let full = if import.source.ends_with('.') {
                    format!("{}{name}", import.source)
                } else {
                    format!("{}{sep}{name}", import.source)
                };
                self.module(file, &full).map(Target::Module)
            }
        }
    }

    /// Where a value used in `file` as `binding` (`client`, `db.client`) comes from through
    /// the file's imports: the module that defines it and the binding there.
    /// `from .db import client` + `client` gives (db.py, `client`); `from . import db` +
    /// `db.client` and `import app.db` + `app.db.client` give (db.py, `client`).
    pub fn imported_value(&self, file: u32, binding: &str) -> Option<(u32, String)> {
        let f = self.files.get(file as usize)?;
        let (root, rest) = match binding.split_once('.') {
            Some((r, x)) => (r, Some(x)),
            None => (binding, None),
        };
        let import = f.facts.imports.iter().find(|i| i.local == root)?;
        match &import.imported {
            Imported::Named(name) => {
                // `from app import db` naming a submodule.
                if let (Some(rest), LangFamily::Python) = (rest, f.lang.family()) {
                    let full = if import.source.ends_with('.') {
                        format!("{}{name}", import.source)
                    } else {
                        format!("{}.{name}", import.source)
                    };
                    if let Some(m) = self.module(file, &full) {
                        return Some((m, rest.to_string()));
                    }
                }
                let m = self.module(file, &import.source)?;
                Some((
                    m,
                    rest.map_or_else(|| name.to_string(), |r| format!("{name}.{r}")),
                ))
            }
            Imported::Namespace => {
                // `import app.db` binds `app`; the module is named by the whole path.
                let rest = binding
                    .strip_prefix(import.source.as_str())
                    .and_then(|r| r.strip_prefix('.'))
                    .filter(|_| import.source.split('.').next() == Some(root))
                    .or(rest)?;
                Some((self.module(file, &import.source)?, rest.to_string()))
            }
            Imported::Default => {
                let m = self.module(file, &import.source)?;
                Some((
                    m,
                    rest.map_or_else(|| "default".to_string(), str::to_string),
                ))
            }
        }
    }

    /// What a Rust path names (`routes::users`, `crate::db`, `db::Repo`, `super::helpers`):
    /// a module, or an item of one. The first segment is `crate`/`self`/`super`, a name the
    /// file brings in with `use`/`mod`, or a child module of the file's own module.
    pub fn rust_path(&self, file: u32, path: &str) -> Option<Target> {
        let (first, rest) = path.split_once("::").unwrap_or((path, ""));
        let full = if matches!(first, "crate" | "self" | "super") {
            path.to_string()
        } else {
            let facts = &self.files.get(file as usize)?.facts;
            match facts.imports.iter().find(|i| i.local == first) {
                Some(i) => {
                    let head = match &i.imported {
                        Imported::Named(n) => format!("{}::{n}", i.source),
                        _ => i.source.to_string(),
                    };
                    if rest.is_empty() {
                        head
                    } else {
                        format!("{head}::{rest}")
                    }
                }
                None => format!("self::{path}"),
            }
        };
        if let Some(m) = self.module(file, &full) {
            return Some(Target::Module(m));
        }
        // An item of a module: `crate::db::Repo`.
        let (module, item) = full.rsplit_once("::")?;
        let m = self.module(file, module)?;
        self.export(m, item)
    }

    /// The function or class a module exports under `name`, following re-exports.
    pub fn export(&self, file: u32, name: &str) -> Option<Target> {
        self.export_at(file, name, &mut Seen::default())
    }

    fn export_at(&self, file: u32, name: &str, seen: &mut Seen) -> Option<Target> {
        if !seen.enter(file, name, true) {
            return None;
        }
        let facts = &self.files.get(file as usize)?.facts;
        for e in facts
            .exports
            .iter()
            .filter(|e| e.name == name || e.name == "*")
        {
            match &e.from {
                Some(from) => {
                    let inner = if e.name == "*" {
                        name
                    } else {
                        e.local.as_deref().unwrap_or(name)
                    };
                    if let Some(m) = self.module(file, from) {
                        if let Some(t) = self.export_at(m, inner, seen) {
                            return Some(t);
                        }
                    }
                }
                None if e.name != "*" => {
                    let local = e.local.as_deref().unwrap_or(name);
                    if let Some(t) = self.local(file, local, seen) {
                        return Some(t);
                    }
                }
                None => {}
            }
        }
        if name == "default" {
            return None;
        }
        // Python and Rust modules expose their top-level names without export lists; a JS
        // file's `export function f` may be recorded only as an exported function.
        self.local(file, name, seen)
    }

    /// A top-level function or class named `name` in `file`, or a name it imports.
    fn local(&self, file: u32, name: &str, seen: &mut Seen) -> Option<Target> {
        let facts = &self.files.get(file as usize)?.facts;
        if let Some(id) = facts.functions.iter().position(|f| {
            f.parent.is_none() && f.class.is_none() && f.name.as_deref() == Some(name)
        }) {
            return Some(Target::Function(file, id as FuncId));
        }
        if let Some(member) = facts
            .functions
            .iter()
            .position(|f| f.class.as_deref() == Some(name))
        {
            return Some(Target::Class(file, member as FuncId));
        }
        if facts.imports.iter().any(|i| i.local == name) {
            return self.imported_at(file, name, seen);
        }
        None
    }

    /// The name of the class `member` belongs to.
    pub fn class_name(&self, file: u32, member: FuncId) -> Option<&'a str> {
        self.files
            .get(file as usize)?
            .facts
            .function(member)?
            .class
            .as_deref()
    }

    /// What calling or instantiating module `m` itself runs: its default export (CommonJS
    /// `module.exports = connect` / `= ReportStore`, bound by `const x = require(...)`).
    pub fn callable_module(&self, m: u32) -> Option<Target> {
        match self.export(m, "default")? {
            Target::Module(_) => None,
            t => Some(t),
        }
    }

    /// The constructor(s) of class `class` in `file`.
    pub fn constructors(&self, file: u32, class: &str) -> Vec<FuncId> {
        let Some(facts) = self.files.get(file as usize).map(|f| &f.facts) else {
            return Vec::new();
        };
        facts
            .functions
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                f.kind == FunctionKind::Constructor && f.class.as_deref() == Some(class)
            })
            .map(|(i, _)| i as FuncId)
            .collect()
    }

    /// A method `name` of class `class` in `file`.
    pub fn method(&self, file: u32, class: &str, name: &str) -> Vec<FuncId> {
        let Some(facts) = self.files.get(file as usize).map(|f| &f.facts) else {
            return Vec::new();
        };
        facts
            .functions
            .iter()
            .enumerate()
            .filter(|(_, f)| f.class.as_deref() == Some(class) && f.name.as_deref() == Some(name))
            .map(|(i, _)| i as FuncId)
            .collect()
    }
}

/// The folder of a `/`-separated path ("" for a bare file name).
pub fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) => "/",
        Some(i) => &path[..i],
        None => "",
    }
}

/// Joins and normalises `a/b` + `../c` -> `a/c`, keeping leading `..` and a leading `/`.
pub fn join(base: &str, rel: &str) -> String {
    // Most joins need no normalising (a folder and a file name): one allocation, where
    // splitting and joining the segments was the better part of resolving a module.
    let normal = |p: &str| !p.is_empty() && p.split('/').all(|s| !matches!(s, "" | "." | ".."));
    if !rel.starts_with('/') && normal(base.strip_prefix('/').unwrap_or(base)) && normal(rel) {
        return format!("{base}/{rel}");
    }
    let absolute = rel.starts_with('/') || (base.starts_with('/') && !rel.starts_with('/'));
    let full = if rel.starts_with('/') || base.is_empty() || base == "." {
        rel.to_string()
    } else {
        format!("{base}/{rel}")
    };
    let mut out: Vec<&str> = Vec::new();
    for seg in full.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if matches!(out.last(), Some(l) if *l != "..") {
                    out.pop();
                } else if !absolute {
                    out.push("..");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

fn is_ancestor(dir: &str, of: &str) -> bool {
    dir.is_empty() || dir == "." || of == dir || of.starts_with(&format!("{dir}/"))
}

fn match_alias<'s>(pattern: &str, spec: &'s str) -> Option<&'s str> {
    match pattern.split_once('*') {
        Some((pre, post)) => spec
            .strip_prefix(pre)
            .and_then(|r| r.strip_suffix(post))
            .filter(|_| spec.len() >= pre.len() + post.len()),
        None => (pattern == spec).then_some(""),
    }
}

/// The folder holding a Rust file's child modules.
fn rust_mod_dir(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let dir = parent(path);
    match name {
        "main.rs" | "lib.rs" | "mod.rs" => dir.to_string(),
        other => join(dir, other.trim_end_matches(".rs")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins() {
        assert_eq!(join("a/b", "../c"), "a/c");
        assert_eq!(join("a/b", "./c/d"), "a/b/c/d");
        assert_eq!(join("", "./c"), "c");
        assert_eq!(join("a", "../../c"), "../c");
        assert_eq!(join("/x/y", "../z"), "/x/z");
        assert_eq!(join("/x/y", "a/b.py"), "/x/y/a/b.py");
        assert_eq!(join("x", "a"), "x/a");
        assert_eq!(join("x/", "a"), "x/a");
        assert_eq!(join("/", "a"), "/a");
        assert_eq!(join(".", "a"), "a");
        assert_eq!(join("x", ""), "x");
        assert_eq!(parent("a/b/c.js"), "a/b");
        assert_eq!(parent("c.js"), "");
    }

    #[test]
    fn aliases() {
        assert_eq!(match_alias("@/*", "@/lib/db"), Some("lib/db"));
        assert_eq!(match_alias("~lib", "~lib"), Some(""));
        assert_eq!(match_alias("@/*", "react"), None);
    }

    #[test]
    fn rust_module_dirs() {
        assert_eq!(rust_mod_dir("src/main.rs"), "src");
        assert_eq!(rust_mod_dir("src/db.rs"), "src/db");
        assert_eq!(rust_mod_dir("src/db/mod.rs"), "src/db");
    }
}
