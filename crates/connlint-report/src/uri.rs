//! File paths as URIs (RFC 3986), for SARIF.

/// Percent-encodes every byte of `s` except the unreserved characters and the characters of
/// `keep`.
fn encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || keep.contains(&b)
        {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// A path as SARIF wants it: `Relative(uri)` for a path relative to the source root,
/// `Absolute(uri)` (a `file://` URI) for an absolute one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PathUri {
    Relative(String),
    Absolute(String),
}

/// Converts a finding's path (`/`-separated, relative to the source root or absolute) to a
/// URI reference. Every character that is not unreserved is percent-encoded, `:` included, so a
/// relative path whose first segment holds a colon cannot be read as a scheme.
pub(crate) fn path_uri(path: &str) -> PathUri {
    let mut p = path;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    if p.starts_with('/') {
        return PathUri::Absolute(format!("file://{}", encode(p, b"/")));
    }
    if let Some(abs) = windows_absolute(p) {
        return PathUri::Absolute(abs);
    }
    PathUri::Relative(encode(p, b"/"))
}

/// `C:/x` or `C:\x` as `file:///C:/x`.
fn windows_absolute(p: &str) -> Option<String> {
    let bytes = p.as_bytes();
    let drive = *bytes.first()?;
    if drive.is_ascii_alphabetic()
        && bytes.get(1) == Some(&b':')
        && matches!(bytes.get(2), Some(b'/' | b'\\'))
    {
        let rest = p.get(3..)?.replace('\\', "/");
        return Some(format!(
            "file:///{}:/{}",
            char::from(drive),
            encode(&rest, b"/")
        ));
    }
    None
}

/// The `file://` URI of a directory, ending in `/` (SARIF `originalUriBaseIds`).
pub(crate) fn dir_uri(dir: &str) -> String {
    let mut uri = match path_uri(dir) {
        PathUri::Absolute(u) => u,
        // Not absolute: the caller broke the contract; keep a URI that is at least well formed.
        PathUri::Relative(r) => format!("file:///{r}"),
    };
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_percent_encoded() {
        assert_eq!(
            path_uri("./src/my app/é 𝄞.js"),
            PathUri::Relative("src/my%20app/%C3%A9%20%F0%9D%84%9E.js".into())
        );
        assert_eq!(
            path_uri("a:b/c#d?e%f.js"),
            PathUri::Relative("a%3Ab/c%23d%3Fe%25f.js".into())
        );
        assert_eq!(
            path_uri("new\nline.js"),
            PathUri::Relative("new%0Aline.js".into())
        );
    }

    #[test]
    fn absolute_paths_become_file_uris() {
        assert_eq!(
            path_uri("/tmp/x y.js"),
            PathUri::Absolute("file:///tmp/x%20y.js".into())
        );
        assert_eq!(
            path_uri("C:\\src\\a.js"),
            PathUri::Absolute("file:///C:/src/a.js".into())
        );
        assert_eq!(dir_uri("/home/me/proj"), "file:///home/me/proj/");
        assert_eq!(dir_uri("/"), "file:///");
    }
}
