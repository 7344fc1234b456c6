//! First pass: what names mean in this file (`use` declarations, type aliases, extern crates),
//! which crates it mentions, which functions it defines, and the bodies of `lazy_static!`.

use foldhash::{HashMap, HashSet};
use syn::visit::Visit;

/// Name resolution for one file.
#[derive(Default)]
pub struct Names {
    /// Local name -> the full path it stands for (`Mongo` -> `mongodb::Client`).
    pub uses: HashMap<String, Vec<String>>,
    /// Modules imported with `*`.
    pub globs: Vec<Vec<String>>,
    /// First segments of every `use`, `extern crate` and multi-segment path: the crates the
    /// file mentions.
    pub roots: HashSet<String>,
    /// Names of free functions defined in the file.
    pub free_fns: HashSet<String>,
    /// Names of methods defined in the file.
    pub methods: HashSet<String>,
}

impl Names {
    /// The full path a path as written stands for, as far as this file tells.
    pub fn resolve(&self, segs: &[String]) -> Vec<String> {
        let Some((first, rest)) = segs.split_first() else {
            return Vec::new();
        };
        match self.uses.get(first) {
            Some(full) if !matches!(first.as_str(), "crate" | "self" | "super" | "Self") => {
                let mut out = full.clone();
                out.extend(rest.iter().cloned());
                out
            }
            _ => segs.to_vec(),
        }
    }

    pub fn mentions(&self, module: &str) -> bool {
        let root = connlint_core::knowledge::split_path(module).next();
        root.is_some_and(|r| self.roots.contains(r))
    }
}

pub fn path_segs(path: &syn::Path) -> Vec<String> {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}

/// Collects [`Names`] and the token bodies of lazy-static macros.
pub struct Collector<'k> {
    pub names: Names,
    pub lazy_macros: &'k [String],
    /// Items parsed from `lazy_static! { .. }` bodies (with `static ref` read as `static`).
    pub lazy_bodies: Vec<syn::File>,
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        let mut prefix = Vec::new();
        self.use_tree(&u.tree, &mut prefix);
    }

    fn visit_item_extern_crate(&mut self, e: &'ast syn::ItemExternCrate) {
        let name = e.ident.to_string();
        self.names.roots.insert(name.clone());
        let local = e
            .rename
            .as_ref()
            .map_or(name.clone(), |(_, r)| r.to_string());
        self.names.uses.insert(local, vec![name]);
    }

    fn visit_item_type(&mut self, t: &'ast syn::ItemType) {
        if let syn::Type::Path(p) = &*t.ty {
            if p.qself.is_none() {
                let full = self.names.resolve(&path_segs(&p.path));
                self.names.uses.insert(t.ident.to_string(), full);
            }
        }
        syn::visit::visit_item_type(self, t);
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.names.free_fns.insert(f.sig.ident.to_string());
        syn::visit::visit_item_fn(self, f);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.names.methods.insert(f.sig.ident.to_string());
        syn::visit::visit_impl_item_fn(self, f);
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        if p.segments.len() > 1 {
            if let Some(first) = p.segments.first() {
                self.names.roots.insert(first.ident.to_string());
            }
        }
        syn::visit::visit_path(self, p);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        let is_lazy = m
            .path
            .segments
            .last()
            .is_some_and(|s| self.lazy_macros.iter().any(|l| s.ident == l));
        if is_lazy {
            if let Ok(file) = syn::parse2::<syn::File>(drop_static_ref(m.tokens.clone())) {
                self.lazy_bodies.push(file);
            }
        }
        syn::visit::visit_macro(self, m);
    }
}

impl Collector<'_> {
    fn use_tree(&mut self, tree: &syn::UseTree, prefix: &mut Vec<String>) {
        match tree {
            syn::UseTree::Path(p) => {
                if prefix.is_empty() {
                    self.names.roots.insert(p.ident.to_string());
                }
                prefix.push(p.ident.to_string());
                self.use_tree(&p.tree, prefix);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let name = n.ident.to_string();
                if prefix.is_empty() {
                    self.names.roots.insert(name.clone());
                }
                self.bind(name, prefix);
            }
            syn::UseTree::Rename(r) => {
                if prefix.is_empty() {
                    self.names.roots.insert(r.ident.to_string());
                }
                let mut full = prefix.clone();
                if r.ident != "self" {
                    full.push(r.ident.to_string());
                }
                self.names.uses.insert(r.rename.to_string(), full);
            }
            syn::UseTree::Glob(_) => self.names.globs.push(prefix.clone()),
            syn::UseTree::Group(g) => {
                for item in &g.items {
                    self.use_tree(item, prefix);
                }
            }
        }
    }

    fn bind(&mut self, name: String, prefix: &[String]) {
        if name == "self" {
            if let Some(last) = prefix.last() {
                self.names.uses.insert(last.clone(), prefix.to_vec());
            }
            return;
        }
        let mut full = prefix.to_vec();
        full.push(name.clone());
        self.names.uses.insert(name, full);
    }
}

/// `lazy_static!` writes `static ref NAME: T = ..;`; dropping `ref` makes it a static item.
fn drop_static_ref(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    let mut out = Vec::new();
    let mut after_static = false;
    for tt in tokens {
        let is_ref = matches!(&tt, proc_macro2::TokenTree::Ident(i) if i == "ref");
        if !(after_static && is_ref) {
            after_static = matches!(&tt, proc_macro2::TokenTree::Ident(i) if i == "static");
            out.push(tt);
        } else {
            after_static = false;
        }
    }
    out.into_iter().collect()
}
