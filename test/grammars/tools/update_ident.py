#!/usr/bin/env python3
"""Regenerate the `IDENTIFIER: /.../` line of a Lark grammar so that it excludes every keyword:
every double-quoted word literal ("int", "while", ...) in the grammar is a keyword, except the
words of a `// not-reserved: w1 w2` line (contextual keywords such as C++ `override`, `final`), plus
the words of a `// reserved: w1 w2` line (keywords spelled by regex terminals, such as C++ `or`).

usage: python3 test/grammars/tools/update_ident.py grammars/c.lark grammars/cpp.lark
"""
import os, re, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
for path in sys.argv[1:]:
    src = open(path).read()
    body = "\n".join(l for l in src.splitlines() if not l.lstrip().startswith("//"))
    kws = set(re.findall(r'"([A-Za-z_][A-Za-z0-9_]*)"i?', body))
    # identifier character classes and case-insensitivity: `// identifier: [ci] FIRST REST`
    m = re.search(r"^//\s*identifier:\s*(ci\s+)?(\S+)\s+(\S+)\s*$", src, flags=re.M)
    opts = (["--ci"] if m and m.group(1) else []) + ([m.group(2), m.group(3)] if m else ["A-Za-z_", "A-Za-z0-9_"])
    # a grammar may list contextual words that stay identifiers: `// not-reserved: override final`
    for m in re.finditer(r"^//\s*not-reserved:(.*)$", src, flags=re.M):
        kws -= set(m.group(1).split())
    # and keywords that no double-quoted literal spells (written as regex terminals): `// reserved: and or`
    for m in re.finditer(r"^//\s*reserved:(.*)$", src, flags=re.M):
        kws |= set(m.group(1).split())
    kws = sorted(kws)
    rx = subprocess.run([sys.executable, os.path.join(here, "ident_regex.py")] + opts + kws,
                        capture_output=True, text=True, check=True).stdout.strip()
    new, n = re.subn(r"^IDENTIFIER: .*$", lambda m: "IDENTIFIER: " + rx, src, flags=re.M)
    assert n == 1, f"{path}: expected exactly one IDENTIFIER line"
    open(path, "w").write(new)
    print(f"{path}: IDENTIFIER excludes {len(kws)} keywords ({len(rx)} chars)")
