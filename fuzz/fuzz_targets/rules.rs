//! The whole pipeline on arbitrary input: the first byte picks the language, the rest is split
//! at NUL bytes into up to four files of a small project (so imports and cross-file handler
//! references are resolved too); every file is lowered and the rules run over all of them.
#![no_main]

use connlint_core::Lang;
use connlint_rules::{FileFacts, Settings};
use libfuzzer_sys::fuzz_target;

const LANGS: [(Lang, &str); 5] = [
    (Lang::JavaScript, "js"),
    (Lang::TypeScript, "ts"),
    (Lang::Tsx, "tsx"),
    (Lang::Python, "py"),
    (Lang::Rust, "rs"),
];
const DIRS: [&str; 4] = ["src/app", "src/db", "pages/api", "src"];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let (lang, ext) = LANGS[usize::from(first) % LANGS.len()];
    let kb = connlint_fuzz::kb();
    let texts: Vec<String> = rest
        .split(|&b| b == 0)
        .take(DIRS.len())
        .map(|part| connlint_fuzz::text(part).into_owned())
        .collect();
    let files: Vec<FileFacts> = texts
        .iter()
        .enumerate()
        .map(|(i, src)| {
            let path = if lang == Lang::Rust && i == 0 {
                "src/main.rs".to_string()
            } else {
                format!("{}/m{i}.{ext}", DIRS[i % DIRS.len()])
            };
            let facts = connlint_fuzz::analyze(src, &path, lang, kb);
            connlint_fuzz::check_invariants(&facts, src);
            FileFacts {
                path,
                lang,
                facts,
                profile: 0,
            }
        })
        .collect();
    let findings = connlint_rules::check(&files, kb, &Settings::default());
    for f in &findings {
        let Some(i) = files.iter().position(|file| file.path == f.location.path) else {
            panic!("finding in a file that was not checked: {}", f.location.path);
        };
        let (s, src) = (f.location.span, &texts[i]);
        assert!(
            s.start <= s.end
                && (s.end as usize) <= src.len()
                && src.is_char_boundary(s.start as usize)
                && src.is_char_boundary(s.end as usize),
            "finding span {}..{} outside its {}-byte file",
            s.start,
            s.end,
            src.len()
        );
    }
});
