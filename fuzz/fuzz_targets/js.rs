//! Lowering arbitrary text as JavaScript never panics and keeps the Facts invariants.
#![no_main]

use connlint_core::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = connlint_fuzz::text(data);
    connlint_fuzz::analyze_checked(&src, Lang::JavaScript, connlint_fuzz::kb());
});
