//! A knowledge pack (`rules/*.toml`) from arbitrary text: parsing never panics, and a pack that
//! parses can be added to the built-in knowledge and used by every frontend without a panic.
#![no_main]

use connlint_core::knowledge::Pack;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = connlint_fuzz::text(data);
    if let Ok(pack) = Pack::parse(&text, "fuzz.toml") {
        let mut kb = connlint_fuzz::kb().clone();
        kb.add(pack);
        connlint_fuzz::run_samples(&kb);
    }
});
