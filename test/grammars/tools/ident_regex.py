#!/usr/bin/env python3
"""Print an ECMA-262 regex (no lookaround) matching identifiers that are not reserved words.

Terminal regexes cannot use lookaround, so "an identifier but not a keyword" is spelled out over
the keyword trie: at each trie node the identifier may end (unless the prefix is a keyword),
continue along a trie edge, or leave the trie with any other identifier character.

usage: ident_regex.py [--ci] FIRST_CLASS REST_CLASS kw1 kw2 ...
  FIRST_CLASS / REST_CLASS: character classes *contents* without brackets, ASCII only,
  e.g. 'A-Za-z_' 'A-Za-z0-9_'. --ci: keywords are case-insensitive (SQL).
"""
import sys

args = sys.argv[1:]
ci = False
if args and args[0] == "--ci":
    ci, args = True, args[1:]
first_cls, rest_cls, kws = args[0], args[1], args[2:]

def expand(cls):
    out, i = set(), 0
    while i < len(cls):
        if i + 2 < len(cls) and cls[i + 1] == "-":
            out |= {chr(c) for c in range(ord(cls[i]), ord(cls[i + 2]) + 1)}; i += 3
        else:
            out.add(cls[i]); i += 1
    return out

FIRST, REST = expand(first_cls), expand(rest_cls)
norm = (lambda s: s.lower()) if ci else (lambda s: s)
trie = {}
for k in kws:
    node = trie
    for ch in norm(k):
        node = node.setdefault(ch, {})
    node["$"] = True

def cls(chars):
    """A character class for a set of ASCII chars, compressed into ranges."""
    cs = sorted(ord(c) for c in chars)
    parts, i = [], 0
    while i < len(cs):
        j = i
        while j + 1 < len(cs) and cs[j + 1] == cs[j] + 1: j += 1
        esc = lambda c: ("\\" + chr(c)) if chr(c) in "\\]^-[" else chr(c)
        parts.append(esc(cs[i]) if j == i else esc(cs[i]) + ("-" if j > i + 1 else "") + esc(cs[j]))
        i = j + 1
    return "[" + "".join(parts) + "]"

def edge(ch):
    if ci and ch.isalpha():
        return cls({ch.lower(), ch.upper()})
    return "\\" + ch if ch in "\\.^$|?*+()[]{}/" else ch

def covered(node):
    s = set()
    for ch in node:
        if ch == "$": continue
        s |= {ch.lower(), ch.upper()} if ci else {ch}
    return s

def rest(node):
    """suffixes after a non-empty prefix at `node`"""
    alts = [edge(ch) + rest(child) for ch, child in sorted(node.items()) if ch != "$"]
    other = REST - covered(node)
    alts.append(cls(other) + cls(REST) + "*")
    body = "(?:" + "|".join(alts) + ")"
    return body if node.get("$") else body + "?"

alts = [edge(ch) + rest(child) for ch, child in sorted(trie.items())]
other = FIRST - covered(trie)
alts.append(cls(other) + cls(REST) + "*")
print("/(?:" + "|".join(alts) + ")/")
