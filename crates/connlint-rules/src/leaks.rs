//! What the leak rules share: which constructions are function-local, and their closes.

use crate::FileFacts;
use connlint_core::{Close, Construction, Facts, Fate, LangFamily};

/// Is this client owned by its function (so the function must close it)? Module-scope, cached
/// and stored clients live longer; returned ones are closed by whoever receives them.
pub(crate) fn is_function_local(c: &Construction) -> bool {
    c.function.is_some() && matches!(c.fate, Fate::Local | Fate::PassedOn | Fate::ContextManaged)
}

/// The leak rules only apply where closing is the program's job (not Rust: Drop closes).
pub(crate) fn applies(file: &FileFacts) -> bool {
    file.lang.family() != LangFamily::Rust
}

/// Closes of `c`'s binding in its function or in functions nested in it.
pub(crate) fn closes_of<'a>(facts: &'a Facts, c: &Construction) -> Vec<&'a Close> {
    let (Some(func), Some(binding)) = (c.function, c.binding.as_deref()) else {
        return Vec::new();
    };
    facts
        .closes
        .iter()
        .filter(|cl| cl.binding == binding)
        .filter(|cl| {
            cl.function
                .is_some_and(|f| facts.ancestors(f).any(|a| a == func))
        })
        .filter(|cl| cl.span.start >= c.span.start || cl.function != c.function)
        .collect()
}
