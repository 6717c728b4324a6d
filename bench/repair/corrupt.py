#!/usr/bin/env python3
"""Deterministic corruption of valid Python files, for the repair benchmark.

    python3 bench/repair/corrupt.py OUT --from DIR [--from DIR ...] [--files 400] [--seed 1]

Takes the Python files under each --from directory that this interpreter compiles, and writes
--files of them into OUT/tree/ with exactly one corruption each, in the seeds' category mix
(unterminated strings 127, indentation 94, brackets 89, missing blocks 78, decimal literals 67,
triple quotes 43) and with the damage patterns of the earlier regex "repair" (a closing quote
moved past the bracket, a docstring that lost quotes, doubled triple quotes, a block body dedented
to its header). The file as it was before the corruption goes to OUT/originals/ (for prose and
docstring damage the generator first writes the business sentence into a comment or docstring of
the original, then lets it fall out). OUT/manifest.json lists each file's corruption. Every
corrupted file is checked to fail compile(). The same arguments give the same bytes.
"""
from __future__ import annotations

import argparse
import io
import json
import random
import re
import sys
import tokenize
from pathlib import Path

# (kind, category it plants, weight): the seeds' six categories split into the damage patterns
KINDS = [
    ("drop-closing-quote", "unterminated-string", 19.0),
    ("docstring-lost-quotes", "unterminated-string", 6.5),
    ("unexpected-indent", "unexpected-indent", 18.9),
    ("drop-closing-bracket", "unmatched-bracket", 7.0),
    ("wrong-closing-bracket", "unmatched-bracket", 3.5),
    ("extra-closing-bracket", "unmatched-bracket", 2.0),
    ("quote-moved-past-bracket", "unmatched-bracket", 5.4),
    ("body-dedented-to-header", "expected-indented-block", 12.7),
    ("empty-block", "expected-indented-block", 3.0),
    ("prose-out-of-comment", "invalid-decimal-literal", 8.0),
    ("prose-out-of-docstring", "invalid-decimal-literal", 5.5),
    ("drop-closing-triple-quote", "unterminated-triple-quoted-string", 5.6),
    ("doubled-triple-quotes", "other", 3.0),
]

PROSE = [
    "Protects $500K+ ARR from silent agent failures.",
    "Business value: 10x faster onboarding for enterprise tenants.",
    "Cuts p95 latency 2x-3x for the golden path.",
    "Keeps $1.2M in annual revenue safe from token replay.",
    "Saves 40% of support tickets, about $120K per year.",
]


def lines_of(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def tokens(text: str) -> list[tokenize.TokenInfo]:
    return list(tokenize.generate_tokens(io.StringIO(text).readline))


def offset_of(lines: list[str], row: int, col: int) -> int:
    return sum(len(x) for x in lines[: row - 1]) + col


def compiles(text: str) -> bool:
    try:
        compile(text, "<corrupted>", "exec", dont_inherit=True)
        return True
    except (SyntaxError, ValueError):
        return False


class Corrupter:
    def __init__(self, rng: random.Random):
        self.rng = rng

    # Each method returns (original, corrupted) or None when the file has no site for it.

    def drop_closing_quote(self, text):
        toks = [t for t in tokens(text) if t.type == tokenize.STRING and t.start[0] == t.end[0]
                and not t.string.endswith(('"""', "'''")) and len(t.string) >= 2]
        if not toks:
            return None
        t = self.rng.choice(toks)
        lines = lines_of(text)
        end = offset_of(lines, *t.end)
        return text, text[: end - 1] + text[end:]

    def docstring_lost_quotes(self, text):
        sites = []
        for m in re.finditer(r'(?m)^([ \t]*)("""|\'\'\')([^"\'\n]+)\2[ \t]*$', text):
            sites.append(m)
        if not sites:
            return None
        m = self.rng.choice(sites)
        q = m.group(2)[0]
        damaged = m.group(1) + q * 2 + m.group(3) + q
        return text, text[: m.start()] + damaged + text[m.end():]

    def unexpected_indent(self, text):
        lines = lines_of(text)
        candidates = self.simple_lines(text)
        if not candidates:
            return None
        row = self.rng.choice(candidates)
        extra = self.rng.choice(["    ", "    ", "  ", "        "])
        rows = [row]
        if self.rng.random() < 0.3 and row + 1 in candidates and indent(lines[row]) == indent(lines[row - 1]):
            rows.append(row + 1)
        out = list(lines)
        for r in rows:
            out[r - 1] = extra + out[r - 1]
        return text, "".join(out)

    def simple_lines(self, text):
        """Rows of simple statements that are not the first of their block and lie outside brackets and strings."""
        lines = lines_of(text)
        toks = tokens(text)
        starts = {}
        prev_type = tokenize.NEWLINE
        for t in toks:
            if t.type in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING):
                if t.type in (tokenize.INDENT, tokenize.DEDENT):
                    prev_type = t.type
                continue
            if prev_type in (tokenize.NEWLINE,) and t.type not in (tokenize.NEWLINE, tokenize.ENDMARKER):
                starts[t.start[0]] = t
            prev_type = t.type
        rows = []
        for row, t in starts.items():
            if row < 2:
                continue
            prev = lines[row - 2].rstrip()
            if not prev or prev.endswith((":", "\\", ",", "(", "[", "{")) or prev.lstrip().startswith(("@", "#")):
                continue
            if t.string in ("def", "class", "if", "for", "while", "with", "try", "elif", "else", "except", "finally",
                            "async", "@", "return", "import", "from"):
                continue
            if indent(lines[row - 1]) != indent(lines[row - 2]):
                continue
            rows.append(row)
        return rows

    def closing_brackets(self, text):
        return [t for t in tokens(text) if t.type == tokenize.OP and t.string in ")]}"]

    def drop_closing_bracket(self, text):
        toks = self.closing_brackets(text)
        if not toks:
            return None
        t = self.rng.choice(toks)
        at = offset_of(lines_of(text), *t.start)
        return text, text[:at] + text[at + 1:]

    def wrong_closing_bracket(self, text):
        toks = self.closing_brackets(text)
        if not toks:
            return None
        t = self.rng.choice(toks)
        at = offset_of(lines_of(text), *t.start)
        other = self.rng.choice([c for c in ")]}" if c != t.string])
        return text, text[:at] + other + text[at + 1:]

    def extra_closing_bracket(self, text):
        toks = self.closing_brackets(text)
        if not toks:
            return None
        t = self.rng.choice(toks)
        at = offset_of(lines_of(text), *t.start)
        return text, text[:at] + t.string + text[at:]

    def quote_moved_past_bracket(self, text):
        """A string, then code, then the closer of the bracket around it at the end of the line: the quote moves past the closer."""
        toks = tokens(text)
        sites = []
        for i, t in enumerate(toks):
            if t.type != tokenize.STRING or t.start[0] != t.end[0] or t.string.endswith(('"""', "'''")):
                continue
            depth = 0
            for j in range(i + 1, len(toks)):
                u = toks[j]
                if u.start[0] != t.start[0] or u.type in (tokenize.NEWLINE, tokenize.NL, tokenize.COMMENT):
                    break
                if u.type == tokenize.OP and u.string in "([{":
                    depth += 1
                elif u.type == tokenize.OP and u.string in ")]}":
                    if depth == 0:
                        rest = [v for v in toks[j + 1:] if v.start[0] == t.start[0]
                                and v.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.COMMENT)]
                        if not rest or [v.string for v in rest] == [":"]:
                            sites.append((t, u))
                        break
                    depth -= 1
                elif u.type == tokenize.STRING:
                    break
        if not sites:
            return None
        t, u = self.rng.choice(sites)
        lines = lines_of(text)
        quote_at = offset_of(lines, *t.end) - 1
        closer_at = offset_of(lines, *u.start)
        q = text[quote_at]
        moved = text[:quote_at] + text[quote_at + 1: closer_at + 1] + q + text[closer_at + 1:]
        return text, moved

    def blocks(self, text):
        """(header row, body rows) of compound statements whose body has several lines at one deeper level."""
        lines = lines_of(text)
        out = []
        for row, line in enumerate(lines, 1):
            s = line.strip()
            if not re.match(r"(if|for|while|with|def|async def|elif|else|try|except|finally)\b.*:\s*$", s):
                continue
            ind = len(indent(line))
            body = []
            body_indent = None
            for r in range(row + 1, len(lines) + 1):
                b = lines[r - 1]
                if not b.strip():
                    body.append(r)
                    continue
                w = len(indent(b))
                if w <= ind:
                    break
                body_indent = w if body_indent is None else body_indent
                body.append(r)
            while body and not lines[body[-1] - 1].strip():
                body.pop()
            if body and body_indent is not None:
                out.append((row, body, ind, body_indent))
        return out

    def body_dedented_to_header(self, text):
        blocks = self.blocks(text)
        if not blocks:
            return None
        row, body, ind, body_indent = self.rng.choice(blocks)
        lines = lines_of(text)
        unit = body_indent - ind
        out = list(lines)
        for r in body:
            if out[r - 1].strip():
                out[r - 1] = out[r - 1][unit:] if out[r - 1][:unit].strip() == "" else out[r - 1]
        return text, "".join(out)

    def empty_block(self, text):
        lines = lines_of(text)
        sites = [i for i, l in enumerate(lines) if l.strip() == "pass" and i > 0 and lines[i - 1].rstrip().endswith(":")
                 and (i + 1 >= len(lines) or len(indent(lines[i + 1])) < len(indent(l)) or not lines[i + 1].strip())]
        if not sites:
            # a block that ends the module: give the original one
            m = re.search(r"(?m)^def (\w+)\(", text)
            if not m:
                return None
            original = text.rstrip("\n") + "\n\n\nclass PendingError(Exception):\n    pass\n"
            return original, original[: original.rindex("    pass\n")]
        i = self.rng.choice(sites)
        return text, "".join(lines[:i] + lines[i + 1:])

    def prose_out_of_comment(self, text):
        rows = self.simple_lines(text) + [r for r in self.statement_rows(text) if r > 1]
        if not rows:
            return None
        row = self.rng.choice(sorted(set(rows)))
        lines = lines_of(text)
        ind = indent(lines[row - 1])
        sentence = self.rng.choice(PROSE)
        original = lines[: row - 1] + [f"{ind}# {sentence}\n"] + lines[row - 1:]
        corrupted = lines[: row - 1] + [f"{ind}{sentence}\n"] + lines[row - 1:]
        return "".join(original), "".join(corrupted)

    def statement_rows(self, text):
        lines = lines_of(text)
        return [r for r, l in enumerate(lines, 1) if re.match(r"\s*(def|class|return|if|for)\b", l)]

    def docstrings(self, text):
        return list(re.finditer(r'(?m)^([ \t]*)("""|\'\'\')([^"\'\n]+)\2[ \t]*$', text))

    def prose_out_of_docstring(self, text):
        sites = self.docstrings(text)
        if not sites:
            return None
        m = self.rng.choice(sites)
        ind, q, body = m.group(1), m.group(2), m.group(3)
        sentence = self.rng.choice(PROSE)
        original = f"{ind}{q}{body}\n\n{ind}{sentence}\n{ind}{q}"
        corrupted = f"{ind}{q}{body}\n\n{ind}{q}\n{ind}{sentence}"
        return text[: m.start()] + original + text[m.end():], text[: m.start()] + corrupted + text[m.end():]

    def drop_closing_triple_quote(self, text):
        sites = [t for t in tokens(text) if t.type == tokenize.STRING and t.string.endswith(('"""', "'''"))
                 and t.string[:3] in ('"""', "'''")]
        if not sites:
            return None
        t = self.rng.choice(sites)
        lines = lines_of(text)
        end = offset_of(lines, *t.end)
        start_of_line = end - t.end[1]
        if lines[t.end[0] - 1].strip() == t.string[-3:] and t.start[0] != t.end[0]:
            # a closing line of its own: the whole line goes
            nxt = start_of_line + len(lines[t.end[0] - 1])
            return text, text[:start_of_line] + text[nxt:]
        return text, text[: end - 3] + text[end:]

    def doubled_triple_quotes(self, text):
        sites = self.docstrings(text)
        if not sites:
            return None
        m = self.rng.choice(sites)
        ind, q, body = m.group(1), m.group(2), m.group(3)
        original = f"{ind}{q}{body}\n\n{ind}Details of {body.strip().rstrip('.').lower()} for the audit.\n{ind}{q}"
        corrupted = f"{ind}{q}{q}{body}\n\n{ind}Details of {body.strip().rstrip('.').lower()} for the audit.\n{ind}{q}{q}"
        return text[: m.start()] + original + text[m.end():], text[: m.start()] + corrupted + text[m.end():]


def indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def sources(dirs: list[Path]) -> list[tuple[str, str]]:
    out = []
    for d in dirs:
        for p in sorted(d.rglob("*.py")):
            rel = p.relative_to(d).as_posix()
            if any(part in ("backups", "__pycache__", "work") for part in p.relative_to(d).parts) or p.stat().st_size < 300 \
                    or p.stat().st_size > 200_000:
                continue
            try:
                text = p.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            if "\r" in text or "\t" in text or not compiles(text):
                continue
            try:
                tokens(text)
            except (tokenize.TokenError, SyntaxError, IndentationError):
                continue
            out.append((f"{d.name}/{rel}", text))
    return out


def choose_kinds(rng: random.Random, count: int) -> list[tuple[str, str]]:
    total = sum(w for _, _, w in KINDS)
    exact = [(k, c, count * w / total) for k, c, w in KINDS]
    chosen = {k: int(x) for k, _, x in exact}
    for k, _, x in sorted(exact, key=lambda e: e[2] - int(e[2]), reverse=True)[: count - sum(chosen.values())]:
        chosen[k] += 1
    category = {k: c for k, c, _ in KINDS}
    result = [(k, category[k]) for k, n in chosen.items() for _ in range(n)]
    rng.shuffle(result)
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--from", dest="sources", type=Path, action="append", required=True)
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} exists and is not empty")
    rng = random.Random(args.seed)
    pool = sources(args.sources)
    if not pool:
        parser.error("no valid Python files under the --from directories")
    corrupter = Corrupter(rng)
    manifest = {}
    kinds = choose_kinds(rng, args.files)
    for n, (kind, category) in enumerate(kinds):
        method = getattr(corrupter, kind.replace("-", "_"))
        for _attempt in range(200):
            name, text = rng.choice(pool)
            made = method(text)
            if made is None:
                continue
            original, corrupted = made
            if original == corrupted or compiles(corrupted) or not compiles(original):
                continue
            try:
                compile(corrupted, "x", "exec", dont_inherit=True)
            except SyntaxError as e:
                message = e.msg
            except ValueError as e:
                message = str(e)
            rel = f"case_{n:04d}_{kind}.py"
            for sub, body in (("tree", corrupted), ("originals", original)):
                target = args.out / sub / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(body, encoding="utf-8")
            manifest[rel] = {"kind": kind, "category": category, "source": name, "message": message}
            break
        else:
            print(f"no site for {kind} after 200 tries", file=sys.stderr)
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(manifest)} corrupted files from {len(pool)} valid ones")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
