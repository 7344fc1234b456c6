//! Fingerprints that survive unrelated edits (SARIF `partialFingerprints`, GitLab, baselines).
//!
//! A fingerprint hashes what the finding *is*, not where it sits: the rule, the file path, the
//! whitespace-normalised text of the flagged code, the whitespace-normalised text of the line
//! it starts on, and a counter that tells apart identical (rule, code, line) findings of one
//! file in the order they are reported. Adding or removing lines above a finding does not
//! change it; editing the flagged line does.

use crate::position::Positions;
use crate::SourceLookup;
use connlint_core::Finding;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Fingerprints of `findings`, in the same order. Findings should be sorted (as for
/// rendering) so that the occurrence counters are deterministic.
pub fn fingerprints(findings: &[Finding], sources: &dyn SourceLookup) -> Vec<String> {
    let mut positions = Positions::new(sources);
    let mut seen: HashMap<[u8; 32], u32> = HashMap::new();
    findings
        .iter()
        .map(|f| {
            let (code, line) = match positions.file(&f.location.path) {
                Some(file) => (
                    normalise(file.slice(f.location.span)),
                    normalise(file.line_text(f.location.span.start)),
                ),
                // Without the source, the message is the best stand-in for the code.
                None => (normalise(&f.message), String::new()),
            };
            let mut h = Sha256::new();
            for part in [
                "connlint-fingerprint-v1",
                f.rule.as_str(),
                &f.location.path,
                &code,
                &line,
            ] {
                h.update((part.len() as u64).to_le_bytes());
                h.update(part.as_bytes());
            }
            let key: [u8; 32] = h.clone().finalize().into();
            let n = seen.entry(key).or_insert(0);
            *n += 1;
            h.update(n.to_le_bytes());
            hex(&h.finalize()[..16])
        })
        .collect()
}

/// Collapses every run of whitespace to one space and trims the ends.
fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use connlint_core::{Location, RuleId, Severity, Span};
    use std::collections::BTreeMap;
    use std::sync::Arc;

    fn finding_at(src: &str, needle: &str, nth: usize) -> Finding {
        let start = src.match_indices(needle).nth(nth).map_or(0, |(i, _)| i);
        Finding {
            rule: RuleId::ClientPerRequest,
            severity: Severity::Warning,
            location: Location {
                path: "app.js".into(),
                span: Span::new(start, start + needle.len()),
            },
            message: "m".into(),
            label: "l".into(),
            related: vec![],
            help: None,
        }
    }

    fn prints(src: &str, n: usize) -> Vec<String> {
        let mut sources: BTreeMap<String, Arc<str>> = BTreeMap::new();
        sources.insert("app.js".into(), Arc::from(src));
        let needle = "new MongoClient(uri)";
        let fs: Vec<Finding> = (0..n).map(|i| finding_at(src, needle, i)).collect();
        fingerprints(&fs, &sources)
    }

    #[test]
    fn stable_when_lines_are_added_above() {
        let before = "app.get('/', async () => {\n  const c = new MongoClient(uri);\n});\n";
        let after = format!("// a comment\nimport x from 'y';\n\n{before}");
        let indented = before.replace("  const", "      const");
        assert_eq!(prints(before, 1), prints(&after, 1));
        assert_eq!(prints(before, 1), prints(&indented, 1));
    }

    #[test]
    fn changes_when_the_flagged_line_changes() {
        let a = "const c = new MongoClient(uri);\n";
        let b = "const d = new MongoClient(uri);\n";
        assert_ne!(prints(a, 1), prints(b, 1));
    }

    #[test]
    fn identical_findings_get_distinct_fingerprints() {
        let src = "const c = new MongoClient(uri);\nconst c = new MongoClient(uri);\n";
        let p = prints(src, 2);
        assert_eq!(p.len(), 2);
        assert_ne!(p.first(), p.get(1));
        assert!(p.iter().all(|s| s.len() == 32));
    }
}
