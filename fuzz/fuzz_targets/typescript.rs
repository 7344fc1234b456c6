//! Lowering arbitrary text as TypeScript and as TSX never panics and keeps the Facts invariants.
#![no_main]

use connlint_core::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = connlint_fuzz::text(data);
    connlint_fuzz::analyze_checked(&src, Lang::TypeScript, connlint_fuzz::kb());
    connlint_fuzz::analyze_checked(&src, Lang::Tsx, connlint_fuzz::kb());
});
