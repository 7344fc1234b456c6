#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ with the project's fixtures, examples and knowledge packs, so the
# fuzzers start from real code instead of empty input. Run from anywhere; safe to repeat.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$root/fuzz/corpus"
seed() { # seed TARGET EXT...
    local target="$1"
    shift
    mkdir -p "$corpus/$target"
    for ext in "$@"; do
        find "$root/testdata" "$root/examples" "$root/tests" -type f -name "*.$ext" 2>/dev/null |
            while read -r f; do
                cp "$f" "$corpus/$target/$(printf '%s' "$f" | sha1sum | cut -c1-16).$ext"
            done
    done
}
seed js js mjs cjs jsx
seed typescript ts mts cts tsx
seed python py
seed rust rs
mkdir -p "$corpus/pack" "$corpus/config" "$corpus/rules"
cp "$root"/rules/*.toml "$corpus/pack/"
find "$root/testdata" "$root/examples" -type f \( -name 'connlint.toml' -o -name '.connlint.toml' -o -name 'pyproject.toml' \) 2>/dev/null |
    while read -r f; do cp "$f" "$corpus/config/$(printf '%s' "$f" | sha1sum | cut -c1-16).toml"; done
cat >"$corpus/config/sample-connlint.toml" <<'TOML'
select = ["client-per-request", "client-in-loop", "pool-size-too-large"]
ignore = ["client-never-closed"]
extend-exclude = ["vendor/**", "**/*.min.js"]
packs = ["mongodb", "frameworks-js"]
[severity]
client-in-loop = "warning"
[pool]
max-pool-size = 50
instances = 4
server-connection-limit = 500
[limits]
max-file-size = 1000000
max-line-length = 10000
[[client]]
id = "acme-js"
lang = "js"
library = "acme"
symbol = "AcmeClient"
new = true
modules = ["acme"]
close = ["close"]
pool-options = ["poolSize"]
uri-schemes = ["acme://"]
TOML
printf '[project]\nname = "x"\n[tool.connlint]\nignore = ["client-in-loop"]\n[tool.connlint.pool]\nmax-pool-size = 10\n' >"$corpus/config/sample-pyproject.toml"
# The rules target reads a language byte first: 0 js, 1 ts, 2 tsx, 3 python, 4 rust.
for pair in 0:js 1:ts 3:py 4:rs; do
    byte="${pair%%:*}"
    ext="${pair##*:}"
    find "$root/testdata" "$root/examples" -type f -name "*.$ext" 2>/dev/null | while read -r f; do
        { printf "\\x0$byte"; cat "$f"; } >"$corpus/rules/$(printf '%s' "$f" | sha1sum | cut -c1-16)"
    done
done
echo "seeded: $(find "$corpus" -type f | wc -l) files under $corpus"
