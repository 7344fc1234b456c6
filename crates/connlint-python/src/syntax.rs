//! Small helpers over tree-sitter-python nodes. None of them recurses: every loop is bounded
//! by the input's size or by a fixed limit.

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
        .filter(|k| k.kind() != "comment")
        .collect()
}

/// Whether `child` is the `field` child of `parent`.
pub fn is_field(parent: Node<'_>, field: &str, child: Node<'_>) -> bool {
    parent
        .child_by_field_name(field)
        .is_some_and(|f| f.id() == child.id())
}

/// The dotted path of an identifier or attribute chain, as written: `app.router.add_get` gives
/// `["app", "router", "add_get"]`. A root that is not a name (a call, a subscript) becomes the
/// segment `"()"`, so `router.route('/x').get` gives `["()", "get"]`.
pub fn dotted(n: Node<'_>, src: &str) -> Vec<String> {
    let mut segs = Vec::new();
    let mut cur = n;
    for _ in 0..MAX_CHAIN {
        match cur.kind() {
            "identifier" => {
                segs.push(text(cur, src).to_string());
                segs.reverse();
                return segs;
            }
            "attribute" => {
                match cur.child_by_field_name("attribute") {
                    Some(a) => segs.push(text(a, src).to_string()),
                    None => break,
                }
                match cur.child_by_field_name("object") {
                    Some(o) => cur = o,
                    None => break,
                }
            }
            "parenthesized_expression" => match kids(cur).first() {
                Some(k) => cur = *k,
                None => break,
            },
            _ => break,
        }
    }
    segs.push("()".to_string());
    segs.reverse();
    segs
}

/// Whether a dotted path has a name at its root (not `"()"`).
pub fn is_name_path(segs: &[String]) -> bool {
    segs.first().is_some_and(|s| s != "()") && !segs.is_empty()
}

/// The value of a plain string literal (its contents, without quotes or prefix).
pub fn string_value(n: Node<'_>, src: &str) -> Option<String> {
    if n.kind() != "string" {
        return None;
    }
    let mut out = String::new();
    for k in kids(n) {
        match k.kind() {
            "string_content" => out.push_str(text(k, src)),
            "interpolation" => return None,
            _ => {}
        }
    }
    Some(out)
}

/// The first argument of a call if it is a string literal.
pub fn first_string_arg(args: Node<'_>, src: &str) -> Option<String> {
    kids(args).first().and_then(|a| string_value(*a, src))
}

/// Parses an integer literal (`400`, `1_000`); `None` for anything else.
pub fn int_value(n: Node<'_>, src: &str) -> Option<u64> {
    if n.kind() != "integer" {
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
