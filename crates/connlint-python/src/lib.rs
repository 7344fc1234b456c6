//! Python frontend: lowers one `.py` file into [`Facts`] with tree-sitter-python.
//!
//! One iterative walk over the tree records the imports and defined names as it meets them
//! along with everything else; the few files where it looked a name up before its import or
//! definition are walked again in two passes (imports and defined names first). Then
//! [`resolve`] decides what needs the whole file: handlers, `runs_once`, fates through
//! bindings, close guards, calls into the file's own code. Knowledge of clients and frameworks
//! comes from the packs (`rules/mongodb.toml`, `rules/frameworks-python.toml`); this crate only
//! implements the kinds of matcher.

mod grammar;
mod resolve;
mod syntax;
mod tables;
mod walk;

use connlint_core::{Facts, Knowledge, Lang, ParseProblem, Span};
use std::cell::RefCell;
use tree_sitter::Parser;

thread_local! {
    /// One parser per thread, created on first use.
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

fn parse(src: &str) -> Result<tree_sitter::Tree, String> {
    PARSER.with(|cell| {
        let mut slot = cell.try_borrow_mut().map_err(|e| e.to_string())?;
        if slot.is_none() {
            let mut p = Parser::new();
            p.set_language(&tree_sitter_python::LANGUAGE.into())
                .map_err(|e| e.to_string())?;
            *slot = Some(p);
        }
        let parser = slot.as_mut().ok_or("no parser")?;
        parser
            .parse(src, None)
            .ok_or_else(|| "the parser gave up".to_string())
    })
}

/// Lowers `src` (the text of the file at `path`, `/`-separated) into Facts. Never fails:
/// syntax problems are recorded in `Facts::problems`.
pub fn analyze(src: &str, path: &str, lang: Lang, kb: &Knowledge) -> Facts {
    let _ = lang;
    let tree = match parse(src) {
        Ok(t) => t,
        Err(message) => {
            return Facts {
                problems: vec![ParseProblem {
                    span: Span::new(0, 0),
                    message,
                    fatal: true,
                }],
                ..Facts::default()
            }
        }
    };
    // One walk that also collects the imports and definitions; in the rare file where it
    // looked one up before meeting it, the two-pass walk.
    let mut w = walk::Walk::new(src, kb);
    w.walk(&tree, true);
    if !w.single_pass_held() {
        w = walk::Walk::new(src, kb);
        w.prepass(&tree);
        w.walk(&tree, false);
    }
    w.resolve(path);
    w.facts
}

/// [`analyze`] with the two-pass walk always (imports and definitions first): the reference
/// the single pass is checked against.
#[doc(hidden)]
pub fn analyze_two_pass(src: &str, path: &str, kb: &Knowledge) -> Facts {
    let Ok(tree) = parse(src) else {
        return analyze(src, path, Lang::Python, kb);
    };
    let mut w = walk::Walk::new(src, kb);
    w.prepass(&tree);
    w.walk(&tree, false);
    w.resolve(path);
    w.facts
}

/// One line per fact, for tests: stable, short, independent of the Facts layout.
#[doc(hidden)]
pub fn summary(src: &str, facts: &Facts) -> Vec<String> {
    // 1-based line of a byte offset.
    let line = |s: Span| {
        src.get(..s.start as usize)
            .map_or(1, |p| p.bytes().filter(|b| *b == b'\n').count() + 1)
    };
    let fname = |id: Option<u32>| match id.and_then(|i| facts.function(i)) {
        Some(f) => f.name.clone().unwrap_or_else(|| "<lambda>".into()),
        None => "<module>".into(),
    };
    let mut out = Vec::new();
    for f in &facts.functions {
        let mut s = format!(
            "fn {} {:?}",
            f.name.as_deref().unwrap_or("<lambda>"),
            f.kind
        );
        if let Some(c) = &f.class {
            s.push_str(&format!(" class={c}"));
        }
        if let Some(p) = f.parent {
            s.push_str(&format!(" parent={}", fname(Some(p))));
        }
        if let Some(h) = &f.handler {
            s.push_str(&format!(
                " handler={}/{} at {}",
                h.framework,
                h.trigger.noun(),
                line(h.evidence)
            ));
        }
        if let Some(o) = &f.runs_once {
            s.push_str(&format!(" once={}", o.reason));
        }
        out.push(s);
    }
    for c in &facts.constructions {
        out.push(format!(
            "new {} line {} in {}{} binding={} fate={:?}",
            c.client,
            line(c.span),
            fname(c.function),
            if c.in_loop { " loop" } else { "" },
            c.binding.as_deref().unwrap_or("-"),
            c.fate
        ));
    }
    for c in &facts.closes {
        out.push(format!(
            "close {}.{} in {} guard={:?} risky={}",
            c.binding,
            c.method,
            fname(c.function),
            c.guard,
            c.risky.map_or("-".to_string(), |r| src
                .get(r.range())
                .unwrap_or("?")
                .to_string())
        ));
    }
    for c in &facts.calls {
        out.push(format!(
            "call {} -> {}{}{}{} fate={:?}",
            fname(c.caller),
            c.callee
                .receiver
                .as_deref()
                .map(|r| format!("{r}."))
                .unwrap_or_default(),
            c.callee.name,
            if c.callee.instantiation { " new" } else { "" },
            if c.in_loop { " loop" } else { "" },
            c.fate
        ));
    }
    for r in &facts.handler_refs {
        out.push(format!(
            "ref {}{} {}",
            r.callee
                .receiver
                .as_deref()
                .map(|r| format!("{r}."))
                .unwrap_or_default(),
            r.callee.name,
            r.handler.framework
        ));
    }
    for i in &facts.imports {
        out.push(format!(
            "import {} from {} {:?}",
            i.local, i.source, i.imported
        ));
    }
    for e in &facts.exports {
        out.push(format!("export {}", e.name));
    }
    for p in &facts.pool_settings {
        out.push(format!(
            "pool {}={} client={}",
            p.option,
            p.value,
            p.client.as_deref().unwrap_or("-")
        ));
    }
    for p in &facts.problems {
        out.push(format!("problem line {} {}", line(p.span), p.message));
    }
    out
}

#[cfg(test)]
mod tests;
