#!/usr/bin/env python3
"""Make the deliberately broken corpus files by mutating valid ones (deterministic, seed 1).

Each mutation is a typical syntax slip: a missing ';', '}' , ')' or '{', a misspelt operator,
a stray token, commas for semicolons in a for-header, a doubled binary operator. A mutant is kept
only if the compiler (g++ -std=c++17 / gcc -std=c11, -fsyntax-only) rejects it with a *syntax*
diagnostic ("expected ...", "stray ...", ...), which is checked here.

usage: python3 test/corpus/tools/make_invalid.py cpp|c COUNT
"""
import os, random, re, subprocess, sys

lang, count = sys.argv[1], int(sys.argv[2])
root = os.path.join(os.path.dirname(__file__), "..")
src_dir = os.path.join(root, lang)
out_dir = os.path.join(root, lang + "-invalid")
ext = ".cpp" if lang == "cpp" else ".c"
cc = ["g++", "-std=c++17"] if lang == "cpp" else ["gcc", "-std=c11"]
SYNTAX = re.compile(r"error: (expected|stray|missing terminating|unterminated|.*before .* token|.*at end of input)")

def m_drop_semicolon(lines, rnd):
    cands = [i for i, l in enumerate(lines) if l.rstrip().endswith(";") and not l.lstrip().startswith("#") and "for" not in l]
    i = rnd.choice(cands); l = lines[i].rstrip(); lines[i] = l[:-1] + "\n"; return lines
def m_drop_close_brace(lines, rnd):
    cands = [i for i, l in enumerate(lines) if l.strip() == "}"]
    i = rnd.choice(cands); del lines[i]; return lines
def m_drop_open_brace(lines, rnd):
    cands = [i for i, l in enumerate(lines) if l.rstrip().endswith("{") and ("if" in l or "for" in l or "while" in l)]
    i = rnd.choice(cands); lines[i] = lines[i].rstrip()[:-1].rstrip() + "\n"; return lines
def m_drop_paren(lines, rnd):
    cands = [i for i, l in enumerate(lines) if re.search(r"\b(if|while)\s*\(.*\)", l)]
    i = rnd.choice(cands); l = lines[i]; j = l.rfind(")"); lines[i] = l[:j] + l[j + 1:]; return lines
def m_bad_operator(lines, rnd):
    pats = [(r" <= ", " =< "), (r" >= ", " => "), (r" == ", " === "), (r" && ", " &&& "), (r" != ", " !== "), (r" \+= ", " =+= ")]
    cands = [(i, p) for i, l in enumerate(lines) for p in pats if re.search(p[0], l) and not l.lstrip().startswith("#")]
    i, (a, b) = rnd.choice(cands); lines[i] = re.sub(a, b, lines[i], count=1); return lines
def m_stray_token(lines, rnd):
    cands = [i for i, l in enumerate(lines) if l.rstrip().endswith(";") and not l.lstrip().startswith("#")]
    i = rnd.choice(cands); tok = rnd.choice([")", "]", "@", ": ;", "?"]); l = lines[i].rstrip()
    lines[i] = l[:-1] + " " + tok + ";\n"; return lines
def m_for_commas(lines, rnd):
    cands = [i for i, l in enumerate(lines) if re.search(r"\bfor\s*\([^;:]*;[^;]*;", l)]
    i = rnd.choice(cands); l = lines[i]; s = l.index("for"); j = l.index(";", s); k = l.index(";", j + 1)
    lines[i] = l[:j] + "," + l[j + 1:k] + "," + l[k + 1:]; return lines
def m_double_binop(lines, rnd):
    cands = [i for i, l in enumerate(lines) if re.search(r"\w \* \w| / \w| % \w", l) and not l.lstrip().startswith("#")]
    i = rnd.choice(cands); lines[i] = re.sub(r" ([/%]) (\w)", r" \1 \1 \2", lines[i], count=1) if re.search(r" [/%] \w", lines[i]) else re.sub(r"(\w) \* (\w)", r"\1 * / \2", lines[i], count=1); return lines
def m_missing_comma(lines, rnd):
    cands = [i for i, l in enumerate(lines) if re.search(r"\w\([^()]*\w, \w[^()]*\)", l) and not l.lstrip().startswith("#")]
    i = rnd.choice(cands); m = re.search(r"\w\([^()]*?\w(, )\w[^()]*\)", lines[i])
    lines[i] = lines[i][: m.start(1)] + " " + lines[i][m.end(1):]; return lines
def m_unclosed_call(lines, rnd):
    cands = [i for i, l in enumerate(lines) if re.search(r"\w\([^()]*\);\s*$", l) and not l.lstrip().startswith("#")]
    i = rnd.choice(cands); l = lines[i].rstrip(); lines[i] = l[:-2] + ";\n"; return lines

MUTATIONS = [m_drop_semicolon, m_drop_close_brace, m_drop_open_brace, m_drop_paren, m_bad_operator,
             m_stray_token, m_for_commas, m_double_binop, m_missing_comma, m_unclosed_call]

rnd = random.Random(1)
files = sorted(f for f in os.listdir(src_dir) if f.endswith(ext))
os.makedirs(out_dir, exist_ok=True)
made = len([f for f in os.listdir(out_dir) if f.endswith(ext)])
attempts = 0
fails = 0
k = made
while made < count and attempts < 3000:
    attempts += 1
    f = rnd.choice(files)
    mut = MUTATIONS[k % len(MUTATIONS)]
    fails += 1
    if fails > 40:  # this mutation does not apply to the remaining files: next one
        k += 1
        fails = 0
    base = f[: -len(ext)]
    name = f"{base}__{mut.__name__[2:]}{ext}"
    path = os.path.join(out_dir, name)
    if os.path.exists(path):
        continue
    lines = open(os.path.join(src_dir, f)).readlines()
    try:
        new = mut(list(lines), rnd)
    except (ValueError, IndexError):
        continue
    if new == lines:
        continue
    text = "".join(new)
    tmp = "/tmp/_mutant" + ext
    open(tmp, "w").write(text)
    r = subprocess.run(cc + ["-fsyntax-only", tmp], capture_output=True, text=True)
    first = next((l for l in r.stderr.splitlines() if "error:" in l), "")
    if r.returncode == 0 or not SYNTAX.search(first):
        continue
    open(path, "w").write(text)
    made += 1
    k += 1
    fails = 0
print(f"{made} files in {out_dir} after {attempts} attempts")
