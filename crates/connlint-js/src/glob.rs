//! Minimal path globs for file-convention handlers: `**` matches any number of segments
//! (zero included), `*` any run of characters inside one segment.

/// Whether `/`-separated `path` matches `pattern`.
pub fn matches(pattern: &str, path: &str) -> bool {
    let pat: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    let segs: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    // reach[j]: the first i pattern segments can match the first j path segments.
    let mut reach = vec![false; segs.len() + 1];
    reach[0] = true;
    for p in &pat {
        let mut next = vec![false; segs.len() + 1];
        if *p == "**" {
            let mut any = false;
            for j in 0..=segs.len() {
                any |= reach[j];
                next[j] = any;
            }
        } else {
            for j in 0..segs.len() {
                if reach[j] && segment_matches(p, segs[j]) {
                    next[j + 1] = true;
                }
            }
        }
        reach = next;
    }
    reach[segs.len()]
}

fn segment_matches(pattern: &str, seg: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == seg;
    }
    let mut rest = seg;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i == parts.len() - 1 {
            return rest.len() >= part.len() && rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(at) => rest = &rest[at + part.len()..],
                None => return false,
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn globs() {
        assert!(matches(
            "**/pages/api/**",
            "testdata/js/nextjs/pages/api/x.js"
        ));
        assert!(matches("**/pages/api/**", "pages/api/users/[id].ts"));
        assert!(!matches("**/pages/api/**", "pages/index.js"));
        assert!(matches("**/app/**/route.*", "src/app/api/users/route.ts"));
        assert!(matches("**/app/**/route.*", "app/route.js"));
        assert!(!matches("**/app/**/route.*", "app/api/router.ts"));
        assert!(matches("**/+server.*", "./src/routes/api/+server.ts"));
        assert!(matches("**/+page.server.*", "src/routes/+page.server.js"));
    }
}
