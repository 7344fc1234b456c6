#!/usr/bin/env python3
"""The floor under connlint's time on the plain corpus: tree-sitter's parse alone of the Python
and JS files connlint parses there, on one thread (see bench/README.md, "Where the time goes").

    pip install tree-sitter==0.26.1 tree-sitter-python==0.25.0 tree-sitter-javascript==0.25.0
    CONNLINT_TRACE=files target/release/connlint check --format json CORPUS -o /dev/null 2>trace.txt
    bench/parse-floor.py trace.txt

The grammars are the versions connlint builds in (Cargo.lock); tree-sitter's own library may
differ by a minor version from connlint's. TypeScript files, if any, are left out (they would
only add to the floor).
"""
import re
import resource
import sys

import tree_sitter_javascript
import tree_sitter_python
from tree_sitter import Language, Parser

PY = Parser(Language(tree_sitter_python.language()))
JS = Parser(Language(tree_sitter_javascript.language()))
TRACED = re.compile(r": (/\S+): [0-9.]+ ms to analyse")


def main(trace):
    paths = []
    with open(trace) as f:
        for line in f:
            m = TRACED.search(line)
            if m and m.group(1).endswith((".py", ".js", ".mjs", ".cjs")):
                paths.append(m.group(1))
    texts = []
    for p in paths:
        with open(p, "rb") as f:
            texts.append((p, f.read()))
    before = resource.getrusage(resource.RUSAGE_SELF)
    for p, text in texts:
        (PY if p.endswith(".py") else JS).parse(text)
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    size = sum(len(t) for _, t in texts)
    print(f"{len(texts)} files, {size} bytes: tree-sitter parse alone {cpu:.3f} s of CPU")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
