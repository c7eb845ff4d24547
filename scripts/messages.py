#!/usr/bin/env python3
"""Lists the texts a user can read that are still English.

Usage: scripts/messages.py [--all]

Every string literal in src/ outside test modules is a candidate: messages of errors and
warnings, progress and summary lines, help texts (doc comments of the clap types count too,
since clap prints them). A literal is reported when it reads as English: it holds at least
two words from a list of frequent English function words and no German one. With --all,
every candidate literal is printed, for reviewing the wording of all messages together.

Exit code 1 when an English text is found, so CI keeps it that way.
"""

import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

ENGLISH = {
    "the", "is", "are", "was", "were", "be", "been", "cannot", "can", "not", "no", "must",
    "should", "does", "do", "has", "have", "of", "to", "for", "with", "from", "this", "that",
    "these", "only", "file", "folder", "missing", "found", "invalid", "unknown", "error",
    "warning", "expected", "allowed", "run", "first", "please", "write", "read", "it", "its",
    "than", "at", "most", "least", "into", "which", "there", "any", "every", "or", "and",
    "an", "a", "on", "by", "as", "if", "when",
}
GERMAN = {
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "ist", "sind",
    "nicht", "kein", "keine", "und", "oder", "mit", "für", "von", "im", "in", "auf", "bitte",
    "wird", "werden", "wurde", "kann", "darf", "muss", "fehlt", "datei", "ordner", "zeile",
    "spalte", "fehler", "warnung", "nur", "noch", "schon", "aus", "als", "bei", "nach",
}
# Literals that are not prose: format strings of data, paths, XML, MIME, identifiers.
SKIP = re.compile(r"^[\s{}:%,./\\<>=\"'#*|()\[\]_\-+0-9A-Za-z]*$")

LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
DOC = re.compile(r"^\s*///\s?(.*)$")


def code_of(path: Path) -> list:
    """(line number, text) of the file's lines before its test module."""
    lines = path.read_text(encoding="utf-8").split("\n")
    out = []
    in_tests = False
    for number, line in enumerate(lines, 1):
        if re.match(r"^#\[cfg\(test\)\]", line):
            in_tests = True
        if in_tests:
            continue
        out.append((number, line))
    return out


def words(text: str) -> list:
    return re.findall(r"[A-Za-zÄÖÜäöüß]+", text)


def is_english(text: str) -> bool:
    found = words(text)
    # Case matters: "IT" in "IT-Planungsrat" is not the English "it".
    english = sum(1 for w in found if w in ENGLISH)
    german = sum(1 for w in found if w.lower() in GERMAN)
    return english >= 2 and german == 0


def candidates():
    clap_files = {SRC / "cli" / "args.rs"}
    for path in sorted(SRC.rglob("*.rs")):
        if "tests" in path.relative_to(SRC).parts or path.name == "tests.rs":
            continue  # test modules in files of their own
        lines = code_of(path)
        for index, (number, line) in enumerate(lines):
            stripped = line.strip()
            if stripped.startswith("//") and not stripped.startswith("///"):
                continue
            if path in clap_files:
                doc = DOC.match(line)
                # clap prints the doc comments of arguments and commands as help, not those
                # of the structs and enums that hold them.
                following = next(
                    (l for _, l in lines[index + 1 :] if not l.strip().startswith(("///", "#["))),
                    "",
                )
                holder = re.match(r"\s*(pub )?(struct|enum|const|fn) ", following)
                if doc and not holder:
                    yield path, number, doc.group(1)
            if stripped.startswith("///") or stripped.startswith("//!"):
                continue
            for literal in LITERAL.findall(line):
                if len(words(literal)) >= 3 and not SKIP.match(literal):
                    yield path, number, literal


def main() -> int:
    show_all = "--all" in sys.argv
    english = 0
    for path, number, text in candidates():
        flagged = is_english(text)
        if flagged:
            english += 1
        if flagged or show_all:
            mark = "EN " if flagged else "   "
            print(f"{mark}{path.relative_to(SRC.parent)}:{number}: {text}")
    print(f"{english} English text(s) found")
    return 1 if english else 0


if __name__ == "__main__":
    sys.exit(main())
