#!/usr/bin/env python3
"""Mutation sweep of the shipped templates (issue 15).

For every variable or attribute occurrence inside `{{ }}` and `{% %}` of every `.j2` file in
the templates folder, misspell it (one at a time: an `x` inserted before its last letter),
run `briefing check` on a copy of the example project and count how many mutants are
rejected with the right file and line (`templates/<file>:<line>:` in the output).

Names that bind (the target of `for`/`set`, macro names and parameters, `import … as x`),
keywords, filter and test names, keyword-argument names and string contents are not
mutated: they are not lookups in the data.

Issue 21 adds a second kind of mutant: every decision number cited through the data
(`beschluss_zitat("2026/04")`, `beschluss("2026/27")`) is replaced by one that
`beschluesse.yaml` does not have (year 1999); `check` must reject it at its file and line.

Usage: scripts/mutate-templates.py [path/to/briefing] [--stand 2026-11-28]
Exit status 1 if any mutant is not rejected at the right spot.
"""

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KEYWORDS = {
    "if", "elif", "else", "endif", "for", "in", "endfor", "set", "endset", "include",
    "import", "from", "as", "macro", "endmacro", "call", "endcall", "filter", "endfilter",
    "with", "endwith", "not", "and", "or", "is", "true", "false", "none", "True", "False",
    "None", "recursive", "raw", "endraw", "block", "endblock", "extends", "ignore", "missing",
    "continue", "break", "do", "autoescape", "endautoescape", "context", "without",
}
COMMENT = re.compile(r"\{#.*?#\}", re.S)
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
STRING = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'")
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def occurrences(text):
    """(offset, name) of every lookup in the template's tags."""
    found = []
    # Comments blanked (same length): their examples are not lookups.
    text = COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    for tag in TAG.finditer(text):
        body = tag.group(0)
        # Strings blanked, same length, so offsets stay.
        body = STRING.sub(lambda m: " " * len(m.group(0)), body)
        binding = set()
        head = body[2:].lstrip("-+ \t\n")
        if head.startswith("for "):
            target = re.match(r"for\s+(.*?)\s+in\s", head, re.S)
            if target:
                binding.update(NAME.findall(target.group(1)))
        if head.startswith("set "):
            target = re.match(r"set\s+(.*?)\s*=", head, re.S)
            if target:
                binding.update(NAME.findall(target.group(1)))
        if head.startswith("macro "):
            signature = re.match(r"macro\s+(\w+)\s*\((.*?)\)", head, re.S)
            if signature:
                binding.add(signature.group(1))
                binding.update(NAME.findall(re.sub(r"=[^,]*", "", signature.group(2))))
        alias = re.search(r"\bas\s+(\w+)", head)
        if alias and (head.startswith("import") or head.startswith("from")):
            binding.add(alias.group(1))
        for match in NAME.finditer(body):
            name = match.group(0)
            start = match.start()
            before = body[:start].rstrip()
            after = body[match.end():].lstrip()
            if name in KEYWORDS or name in binding or len(name) < 1:
                continue
            if before.endswith("|") or re.search(r"\bis(\s+not)?$", before):
                continue  # a filter or test name
            if after.startswith("=") and not after.startswith("=="):
                continue  # a keyword argument's name
            if before.endswith(("{{", "{%", "{%-", "{{-")) and name in ("endif",):
                continue
            if re.match(r"\d", before[-1:] or " ") and before.endswith("."):
                continue
            found.append((tag.start() + start, name))
    return found


DECISION = re.compile(r"beschluss(?:_zitat)?\(\s*[\"'](\d{4})/(\d+)[\"']")


def decision_numbers(text):
    """(offset, length) of every decision year cited through the data, outside comments."""
    text = COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return [(m.start(1), len(m.group(1))) for m in DECISION.finditer(text)]


def misspell(name):
    return name[:-1] + "x" + name[-1] if len(name) > 1 else name + "x"


def main():
    args = sys.argv[1:]
    binary = Path(args[0]) if args and not args[0].startswith("--") else REPO / "target/debug/briefing"
    stand = "2026-11-28"
    if "--stand" in args:
        stand = args[args.index("--stand") + 1]
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "example"
        project.mkdir()
        for part in ("inputs", "templates"):
            shutil.copytree(REPO / part, project / part)
        shutil.copy(REPO / "briefing.yaml", project / "briefing.yaml")
        clean = subprocess.run([binary, "check", "--stand", stand], cwd=project,
                               capture_output=True, text=True)
        if clean.returncode != 0:
            sys.exit(f"the unmutated example does not pass check:\n{clean.stderr}")
        total = rejected = 0
        misses = []
        for path in sorted((project / "templates").rglob("*.j2")):
            name = path.relative_to(project).as_posix()
            original = path.read_text(encoding="utf-8")
            mutants = [(offset, word, misspell(word)) for offset, word in occurrences(original)]
            mutants += [(offset, original[offset:offset + length], "1999")
                        for offset, length in decision_numbers(original)]
            for offset, word, replacement in mutants:
                line = original.count("\n", 0, offset) + 1
                mutant = original[:offset] + replacement + original[offset + len(word):]
                path.write_text(mutant, encoding="utf-8")
                result = subprocess.run([binary, "check", "--stand", stand], cwd=project,
                                        capture_output=True, text=True)
                total += 1
                spot = f"{name}:{line}:"
                if result.returncode != 0 and spot in result.stderr:
                    rejected += 1
                else:
                    first = (result.stderr.strip().splitlines() or ["(passed)"])[0]
                    misses.append(f"{spot} {word} -> {replacement}: exit {result.returncode}: {first}")
            path.write_text(original, encoding="utf-8")
        print(f"{rejected} of {total} mutants rejected with the right file and line")
        for miss in misses:
            print("  not caught:", miss)
        sys.exit(0 if rejected == total else 1)


if __name__ == "__main__":
    main()
