//! Tables the walk derives from the knowledge (close methods, pool options, registration
//! patterns by last segment, ...). Building them costs about as much as walking a small file,
//! so each thread keeps the last ones it built, with the knowledge they came from: they are
//! reused only for knowledge that gives exactly the same inputs.

use connlint_core::{Knowledge, LangFamily};
use std::cell::RefCell;
use std::rc::Rc;

pub struct Tables {
    /// What they were built from (see [`inputs`]).
    inputs: Vec<Option<String>>,
    /// Sorted, without duplicates (these tables are sorted vectors rather than hash sets).
    pub close_methods: Vec<String>,
    /// Without duplicates (ignoring case), in the order of the packs.
    pub pool_options: Vec<String>,
    /// The length of the longest of `pool_options`.
    pub max_option_len: usize,
    pub uri_schemes: Vec<String>,
    /// Registration-call patterns (handlers, startup and shutdown hooks) whose last segment
    /// is a name, as (last segment, pattern), sorted: a callee can match only those ending in
    /// its own last segment, and `reg_wild`.
    pub reg_by_last: Vec<(String, String)>,
    /// Registration-call patterns whose last segment is not a plain name (`*`, `**`).
    pub reg_wild: Vec<String>,
    /// Last segments of what builds a client, a factory or pool options (symbols, statics,
    /// factories, pool configs), sorted, without duplicates.
    pub builder_last: Vec<String>,
}

/// Every string of the knowledge the tables are built from, in order, with `None` after each
/// list (so that two different knowledges never give the same sequence).
fn inputs<'k>(kb: &'k Knowledge, out: &mut impl FnMut(Option<&'k str>)) {
    for c in kb.clients_for(LangFamily::Python) {
        let lists = [
            std::slice::from_ref(&c.symbol),
            &c.statics,
            &c.factories,
            &c.pool_config,
            &c.close,
            &c.pool_options,
            &c.uri_schemes,
        ];
        for list in lists {
            for s in list {
                out(Some(s));
            }
            out(None);
        }
    }
    for h in kb.handlers_for(LangFamily::Python) {
        h.calls.iter().for_each(|s| out(Some(s)));
        out(None);
    }
    for s in kb.startups_for(LangFamily::Python) {
        s.calls.iter().for_each(|s| out(Some(s)));
        out(None);
    }
}

impl Tables {
    fn build(kb: &Knowledge) -> Tables {
        let mut all = Vec::new();
        inputs(kb, &mut |s| all.push(s.map(str::to_string)));
        let mut close_methods: Vec<String> = Vec::new();
        let mut pool_options: Vec<String> = Vec::new();
        let mut uri_schemes: Vec<String> = Vec::new();
        let mut builder_last: Vec<String> = Vec::new();
        for c in kb.clients_for(LangFamily::Python) {
            close_methods.extend(c.close.iter().cloned());
            for o in &c.pool_options {
                if !pool_options.iter().any(|p| p.eq_ignore_ascii_case(o)) {
                    pool_options.push(o.clone());
                }
            }
            for s in &c.uri_schemes {
                if !uri_schemes.contains(s) {
                    uri_schemes.push(s.clone());
                }
            }
            let lasts = std::iter::once(&c.symbol)
                .chain(&c.statics)
                .chain(&c.factories)
                .chain(&c.pool_config);
            for name in lasts {
                builder_last.push(name.rsplit('.').next().unwrap_or(name).to_string());
            }
        }
        close_methods.sort_unstable();
        close_methods.dedup();
        builder_last.sort_unstable();
        builder_last.dedup();
        let patterns = kb
            .handlers_for(LangFamily::Python)
            .flat_map(|h| &h.calls)
            .chain(kb.startups_for(LangFamily::Python).flat_map(|s| &s.calls));
        let mut reg_by_last = Vec::new();
        let mut reg_wild = Vec::new();
        for p in patterns {
            match connlint_core::knowledge::split_path(p).last() {
                Some(last) if last != "*" && last != "**" => {
                    reg_by_last.push((last.to_string(), p.clone()))
                }
                _ => reg_wild.push(p.clone()),
            }
        }
        reg_by_last.sort_unstable();
        Tables {
            inputs: all,
            close_methods,
            max_option_len: pool_options.iter().map(String::len).max().unwrap_or(0),
            pool_options,
            uri_schemes,
            reg_by_last,
            reg_wild,
            builder_last,
        }
    }

    /// Whether these tables are those `kb` gives.
    fn built_from(&self, kb: &Knowledge) -> bool {
        let mut i = 0;
        let mut same = true;
        inputs(kb, &mut |s| {
            same = same && self.inputs.get(i).is_some_and(|x| x.as_deref() == s);
            i += 1;
        });
        same && i == self.inputs.len()
    }
}

thread_local! {
    /// The tables this thread built last.
    static LAST: RefCell<Option<Rc<Tables>>> = const { RefCell::new(None) };
}

/// The tables for `kb`.
pub fn tables(kb: &Knowledge) -> Rc<Tables> {
    LAST.with(|cell| {
        let Ok(mut slot) = cell.try_borrow_mut() else {
            return Rc::new(Tables::build(kb));
        };
        if let Some(t) = slot.as_ref().filter(|t| t.built_from(kb)) {
            return Rc::clone(t);
        }
        let t = Rc::new(Tables::build(kb));
        *slot = Some(Rc::clone(&t));
        t
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_follow_the_knowledge() {
        let mut kb = Knowledge::builtin();
        let t = tables(&kb);
        assert!(t.builder_last.iter().any(|s| s == "MongoClient"));
        assert!(
            Rc::ptr_eq(&t, &tables(&kb)),
            "reused for the same knowledge"
        );
        // A changed pack gives new tables.
        if let Some(c) = kb.clients.iter_mut().find(|c| c.lang == LangFamily::Python) {
            c.close.push("zap".to_string());
        }
        let u = tables(&kb);
        assert!(!Rc::ptr_eq(&t, &u));
        assert!(u.close_methods.iter().any(|s| s == "zap"));
        assert!(!t.close_methods.iter().any(|s| s == "zap"));
    }
}
