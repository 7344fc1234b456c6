//! Small helpers over tree-sitter-python nodes. None of them recurses: every loop is bounded
//! by the input's size or by a fixed limit.

use crate::grammar::{field, g, kind, K};
use connlint_core::Span;
use tree_sitter::Node;

/// Longest attribute chain we follow (`a.b.c.d...`).
const MAX_CHAIN: usize = 64;

pub fn span(n: Node<'_>) -> Span {
    Span::new(n.start_byte(), n.end_byte())
}

pub fn text<'s>(n: Node<'_>, src: &'s str) -> &'s str {
    src.get(n.start_byte()..n.end_byte()).unwrap_or("")
}

/// Named children, skipping comments.
pub fn kids<'t>(n: Node<'t>) -> Vec<Node<'t>> {
    let mut c = n.walk();
    n.named_children(&mut c)
        .filter(|k| kind(*k) != K::Comment)
        .collect()
}

/// The first named child that is not a comment.
pub fn first_kid(n: Node<'_>) -> Option<Node<'_>> {
    let mut c = n.walk();
    let first = n.named_children(&mut c).find(|k| kind(*k) != K::Comment);
    first
}

/// Whether `child` is the `field` child of `parent` (a field id).
pub fn is_field(parent: Node<'_>, f: u16, child: Node<'_>) -> bool {
    field(parent, f).is_some_and(|x| x.id() == child.id())
}

/// The dotted path of an identifier or attribute chain, as written: `app.router.add_get` gives
/// `["app", "router", "add_get"]`. A root that is not a name (a call, a subscript) becomes the
/// segment `"()"`, so `router.route('/x').get` gives `["()", "get"]`.
pub fn dotted<'s>(n: Node<'_>, src: &'s str) -> Vec<&'s str> {
    let f = &g().f;
    let mut segs = Vec::new();
    let mut cur = n;
    for _ in 0..MAX_CHAIN {
        match kind(cur) {
            K::Identifier => {
                segs.push(text(cur, src));
                segs.reverse();
                return segs;
            }
            K::Attribute => {
                match field(cur, f.attribute) {
                    Some(a) => segs.push(text(a, src)),
                    None => break,
                }
                match field(cur, f.object) {
                    Some(o) => cur = o,
                    None => break,
                }
            }
            K::ParenthesizedExpression => match first_kid(cur) {
                Some(k) => cur = k,
                None => break,
            },
            _ => break,
        }
    }
    segs.push("()");
    segs.reverse();
    segs
}

/// The last segment of [`dotted`], without building the path.
pub fn last_seg<'s>(n: Node<'_>, src: &'s str) -> &'s str {
    let f = &g().f;
    let mut cur = n;
    for _ in 0..MAX_CHAIN {
        match kind(cur) {
            K::Identifier => return text(cur, src),
            K::Attribute => return field(cur, f.attribute).map_or("()", |a| text(a, src)),
            K::ParenthesizedExpression => match first_kid(cur) {
                Some(k) => cur = k,
                None => break,
            },
            _ => break,
        }
    }
    "()"
}

/// Whether a dotted path has a name at its root (not `"()"`).
pub fn is_name_path(segs: &[&str]) -> bool {
    segs.first().is_some_and(|s| *s != "()") && !segs.is_empty()
}

/// The value of a plain string literal (its contents, without quotes or prefix).
pub fn string_value(n: Node<'_>, src: &str) -> Option<String> {
    if kind(n) != K::String {
        return None;
    }
    let mut out = String::new();
    for k in kids(n) {
        match kind(k) {
            K::StringContent => out.push_str(text(k, src)),
            K::Interpolation => return None,
            _ => {}
        }
    }
    Some(out)
}

/// The first argument of a call if it is a string literal.
pub fn first_string_arg(args: Node<'_>, src: &str) -> Option<String> {
    first_kid(args).and_then(|a| string_value(a, src))
}

/// Parses an integer literal (`400`, `1_000`); `None` for anything else.
pub fn int_value(n: Node<'_>, src: &str) -> Option<u64> {
    if kind(n) != K::Integer {
        return None;
    }
    let t: String = text(n, src).chars().filter(|c| *c != '_').collect();
    t.parse().ok()
}

/// Whether `word` occurs in `hay` as a whole name (not part of a longer name or attribute).
pub fn contains_word(hay: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let is_name = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let mut from = 0;
    while let Some(pos) = hay.get(from..).and_then(|h| h.find(word)) {
        let start = from + pos;
        let end = start + word.len();
        let before = hay.get(..start).and_then(|s| s.chars().next_back());
        let after = hay.get(end..).and_then(|s| s.chars().next());
        if !before.is_some_and(is_name) && !after.is_some_and(|c| is_name(c) && c != '.') {
            return true;
        }
        from = end;
    }
    false
}

/// Matches a `/`-separated path against a glob: `*` matches within a segment, `**` matches
/// any number of segments. A pattern without `/` matches the file name.
pub fn glob_matches(pattern: &str, path: &str) -> bool {
    let path = path.trim_start_matches("./");
    let pat: Vec<&str> = pattern.split('/').collect();
    let segs: Vec<&str> = path.split('/').collect();
    if pat.len() == 1 {
        return segs
            .last()
            .is_some_and(|name| pat.first().is_some_and(|p| segment_matches(p, name)));
    }
    // Unless the pattern ends in `**`, its last segment must match the file name.
    if let (Some(lp), Some(ls)) = (pat.last(), segs.last()) {
        if *lp != "**" && !segment_matches(lp, ls) {
            return false;
        }
    }
    // Dynamic programming over (pattern index, path index): no recursion.
    let (np, ns) = (pat.len(), segs.len());
    let mut ok = vec![vec![false; ns + 1]; np + 1];
    if let Some(row) = ok.get_mut(np) {
        if let Some(cell) = row.get_mut(ns) {
            *cell = true;
        }
    }
    for i in (0..np).rev() {
        for j in (0..=ns).rev() {
            let p = pat.get(i).copied().unwrap_or("");
            let next_row =
                |ii: usize, jj: usize| ok.get(ii).and_then(|r| r.get(jj)).copied().unwrap_or(false);
            let v = if p == "**" {
                next_row(i + 1, j) || (j < ns && next_row(i, j + 1))
            } else {
                j < ns
                    && segs.get(j).is_some_and(|s| segment_matches(p, s))
                    && next_row(i + 1, j + 1)
            };
            if let Some(cell) = ok.get_mut(i).and_then(|r| r.get_mut(j)) {
                *cell = v;
            }
        }
    }
    ok.first().and_then(|r| r.first()).copied().unwrap_or(false)
}

/// `*` within one segment: `*.py`, `test_*`, `views.py`.
fn segment_matches(pattern: &str, seg: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == seg,
        Some((pre, post)) => {
            seg.len() >= pre.len() + post.len() && seg.starts_with(pre) && seg.ends_with(post)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_matches("**/views.py", "app/polls/views.py"));
        assert!(glob_matches("**/views.py", "views.py"));
        assert!(glob_matches("views.py", "a/b/views.py"));
        assert!(!glob_matches("views.py", "a/b/views_test.py"));
        assert!(glob_matches("**/views/*.py", "app/views/users.py"));
        assert!(!glob_matches("**/views/*.py", "app/views.py"));
    }

    #[test]
    fn words() {
        assert!(contains_word("client is None", "client"));
        assert!(!contains_word("self.client is None", "client"));
        assert!(contains_word("self.client is None", "self.client"));
        assert!(!contains_word("client_x is None", "client"));
        assert!(contains_word("not _clients.get(k)", "_clients"));
    }
}
