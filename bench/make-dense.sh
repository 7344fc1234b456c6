#!/usr/bin/env bash
# make-dense.sh [--force] CORPUS -- build the "dense" variant of the benchmark corpus.
#
# Copies CORPUS to CORPUS-dense (without the fetch script's .work/ folder) and appends to every
# source file one extra function that really constructs a MongoDB client and is not a handler:
#   .js .mjs .cjs .jsx .ts .mts .cts .tsx   export function __bench() { return new MongoClient(process.env.X); }
#   .py                                     def __bench(): return MongoClient()
#   .rs                                     pub async fn __bench() { let _ = mongodb::Client::with_uri_str("").await; }
# so that no byte-level prefilter can skip a file: the dense corpus measures parsing and analysis.
# TypeScript declaration files (.d.ts, .d.mts, .d.cts) are left alone: they hold no code (connlint
# skips them) and an implementation would make them invalid.
# A file that does not end with a newline gets one first (otherwise a trailing `// comment` or an
# indented Python block would swallow the new function).
#
# Idempotent: a finished copy holds a .dense-ok marker and is kept; --force rebuilds it.
# Needs: bash, coreutils, python3. Prints the number of files changed per language.
set -euo pipefail

force=0
if [[ "${1:-}" == "--force" ]]; then force=1; shift; fi
[[ $# -eq 1 ]] || { echo "usage: $0 [--force] CORPUS" >&2; exit 2; }
[[ -d "$1" ]] || { echo "$0: $1: not a directory" >&2; exit 2; }

SRC="$(cd "$1" && pwd)"
DENSE="$SRC-dense"
PY="${PYTHON:-python3}"

if [[ -f "$DENSE/.dense-ok" && $force -eq 0 ]]; then
  echo "dense corpus ready in $DENSE (kept; --force rebuilds it)"
  exit 0
fi

TMP="$DENSE.tmp"
rm -rf -- "$TMP"
mkdir -p -- "$TMP"
# Copy every top-level entry but .work/ (downloads of the fetch script, not corpus).
shopt -s dotglob nullglob
for entry in "$SRC"/*; do
  [[ "$(basename -- "$entry")" == ".work" ]] && continue
  cp -a -- "$entry" "$TMP/"
done
shopt -u dotglob nullglob

"$PY" - "$TMP" <<'PYEOF'
import os, sys

root = sys.argv[1]
JS = 'export function __bench() { return new MongoClient(process.env.X); }\n'
PY = 'def __bench(): return MongoClient()\n'
RS = 'pub async fn __bench() { let _ = mongodb::Client::with_uri_str("").await; }\n'
snippets = {}
for ext in ('.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'):
    snippets[ext] = ('js', JS)
snippets['.py'] = ('py', PY)
snippets['.rs'] = ('rs', RS)

counts = {'js': 0, 'py': 0, 'rs': 0}
for dirpath, dirnames, filenames in os.walk(root):
    dirnames.sort()
    for name in sorted(filenames):
        path = os.path.join(dirpath, name)
        if os.path.islink(path) or not os.path.isfile(path):
            continue
        lower = name.lower()
        if lower.endswith(('.d.ts', '.d.mts', '.d.cts')):
            continue
        ext = os.path.splitext(lower)[1]
        if ext not in snippets:
            continue
        lang, text = snippets[ext]
        with open(path, 'rb+') as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            prefix = b''
            if size > 0:
                f.seek(size - 1)
                if f.read(1) != b'\n':
                    # CRLF files end with \r\n, so a missing \n means a missing line end.
                    prefix = b'\n'
            f.seek(0, os.SEEK_END)
            f.write(prefix + text.encode())
        counts[lang] += 1
print('dense: appended to %d JS/TS, %d Python, %d Rust files' % (counts['js'], counts['py'], counts['rs']))
PYEOF

touch "$TMP/.dense-ok"
rm -rf -- "$DENSE"
mv -- "$TMP" "$DENSE"
echo "dense corpus ready in $DENSE"
