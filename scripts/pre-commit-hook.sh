#!/bin/sh
# The pre-commit hook (see .pre-commit-hooks.yaml): runs `connlint check` on the files
# pre-commit passes. The first run builds connlint from this clone of the repository with cargo
# (release profile, the committed Cargo.lock) into its own target/ folder; later runs reuse the
# binary. Set CONNLINT_BIN to use a connlint binary you already have instead.
set -eu

if [ -n "${CONNLINT_BIN:-}" ]; then
    bin=$CONNLINT_BIN
else
    root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd -P)
    bin=$root/target/release/connlint
    if [ ! -x "$bin" ]; then
        if ! command -v cargo >/dev/null 2>&1; then
            echo "connlint: the pre-commit hook builds connlint with cargo; install Rust (https://rustup.rs) or set CONNLINT_BIN" >&2
            exit 2
        fi
        echo "connlint: building connlint (once per hook version)..." >&2
        # Parallel hook processes wait on cargo's lock on the target folder, then find it built.
        cargo build --release --locked --quiet \
            --manifest-path "$root/Cargo.toml" --target-dir "$root/target" \
            -p connlint >&2
    fi
fi

exec "$bin" check "$@"
