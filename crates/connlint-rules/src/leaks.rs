//! What the leak rules share: which constructions are function-local, and their closes.

use crate::FileFacts;
use connlint_core::{Close, Construction, Facts, Fate, LangFamily};
use foldhash::{HashMap, HashMapExt};

/// Is this client owned by its function (so the function must close it)? Module-scope, cached
/// and stored clients live longer; returned ones are closed by whoever receives them.
pub(crate) fn is_function_local(c: &Construction) -> bool {
    c.function.is_some() && matches!(c.fate, Fate::Local | Fate::PassedOn | Fate::ContextManaged)
}

/// The leak rules only apply where closing is the program's job (not Rust: Drop closes).
pub(crate) fn applies(file: &FileFacts) -> bool {
    file.lang.family() != LangFamily::Rust
}

/// A file's closes by binding, so that finding the closes of each construction is a lookup
/// rather than a scan of the file (files with tens of thousands of each exist).
pub(crate) struct Closes<'a> {
    facts: &'a Facts,
    by_binding: HashMap<&'a str, Vec<&'a Close>>,
}

impl<'a> Closes<'a> {
    pub(crate) fn new(facts: &'a Facts) -> Self {
        let mut by_binding: HashMap<&str, Vec<&Close>> = HashMap::new();
        for cl in &facts.closes {
            by_binding.entry(cl.binding.as_str()).or_default().push(cl);
        }
        Closes { facts, by_binding }
    }

    /// Closes of `c`'s binding in its function or in functions nested in it, in file order.
    pub(crate) fn of(&self, c: &Construction) -> Vec<&'a Close> {
        let (Some(func), Some(binding)) = (c.function, c.binding.as_deref()) else {
            return Vec::new();
        };
        let facts = self.facts;
        self.by_binding
            .get(binding)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(|cl| {
                cl.function
                    .is_some_and(|f| facts.ancestors(f).any(|a| a == func))
            })
            .filter(|cl| cl.span.start >= c.span.start || cl.function != c.function)
            .collect()
    }
}
