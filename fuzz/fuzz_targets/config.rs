//! A configuration file (`connlint.toml`, or `[tool.connlint]` in `pyproject.toml`) from
//! arbitrary text: parsing never panics, and a configuration that parses builds a knowledge
//! that every frontend can use.
//!
//! The parser lives in the binary crate, which has no library target; the target compiles its
//! source file directly, with a stand-in for the one binary-crate helper it names.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../crates/connlint/src/config.rs"]
mod config;

/// Stand-in for `crates/connlint/src/walk.rs`, which `config::load_file` calls (never reached
/// here: the target only parses text).
#[allow(dead_code)]
mod walk {
    pub fn display_path(path: &std::path::Path, _cwd: &std::path::Path) -> String {
        path.to_string_lossy().into_owned()
    }
}

fuzz_target!(|data: &[u8]| {
    let text = connlint_fuzz::text(data);
    for pyproject in [false, true] {
        let name = if pyproject { "pyproject.toml" } else { "connlint.toml" };
        if let Ok(Some(cfg)) = config::parse(&text, name, pyproject) {
            connlint_fuzz::run_samples(&config::knowledge(Some(&cfg)));
        }
    }
});
