//! Frontend: lowers one source file into [`Facts`].

use connlint_core::{Facts, Knowledge, Lang};

/// Lowers `src` (the text of the file at `path`, `/`-separated) into Facts. Never fails:
/// syntax problems are recorded in `Facts::problems`.
pub fn analyze(src: &str, path: &str, lang: Lang, kb: &Knowledge) -> Facts {
    let _ = (src, path, lang, kb);
    Facts::default()
}
