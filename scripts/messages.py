#!/usr/bin/env python3
"""Lists the texts a user can read that are still English, or that live outside src/messages/.

Usage: scripts/messages.py [--all | --self-test]

Every string literal in src/ outside test modules is a candidate: messages of errors and
warnings, progress and summary lines, help texts (doc comments of the clap types count too,
since clap prints them). A literal is reported when it reads as English: it holds at least
two words from a list of frequent English function words and no German one. With --all,
every candidate literal is printed, for reviewing the wording of all messages together.

Every message a user of the command line reads lives in src/messages/ (issue 15: one place, so
the wording can be reviewed together). A German literal of three or more words anywhere else is
reported too, except in the files listed in DOCUMENT_LANGUAGE: they hold the words of the
documents (grammar, dates, titles), not messages.

Exit code 1 when an English text or a message outside src/messages/ is found, so CI keeps it
that way.
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
# Literals that are not prose: identifiers, paths, XML, MIME types and other data without
# spaces between words. (A class of ASCII letters and spaces here would skip every plain
# English sentence, which is how "cannot write the file" once went unnoticed.)
SKIP = re.compile(r"^(\S*|<.*>)$", re.DOTALL)

MESSAGES = SRC / "messages"

# German literals that are the documents' own words (or setting values), not messages, and why:
# file -> (reason, the literals' beginnings; None for every literal of the file).
DOCUMENT_LANGUAGE = {
    "assemble.rs": ("document titles and subjects (properties, running header)", None),
    "calendar.rs": ("the calendar files' own words (a cancelled event's description)", None),
    "model/notes.rs": ("the overview's data-quality notes, worded for its reader", None),
    "model/types.rs": ("the note kinds' labels in the overview", ["Zeile nicht übernommen"]),
    "settings.rs": ("the default sender's name, a setting value", ["FITKO (Föderale"]),
    "load/config.rs": ("the default sender's name, a setting value", ["FITKO (Föderale"]),
    "render/filters/people.rs": ("the role nouns the grammar filters write", None),
}

# Files no user reads: the package self-check that tests and fuzz targets run on documents.
DEVELOPER_ONLY = {"docx/check.rs"}

# A literal right after one of these is not shown to anyone: the text of an invariant that
# cannot fail (`expect`, `unreachable!`), or a pattern matched against a library's message.
NOT_SHOWN = re.compile(
    r"(\.expect|unreachable!|panic!|assert!|assert_eq!|debug_assert!|\.contains|\.starts_with|"
    r"\.ends_with|\.strip_prefix|\.strip_suffix|\.find|\.matches|\.replace)\(\s*$|==\s*$"
)

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


def is_german(text: str) -> bool:
    found = words(text)
    return len(found) >= 3 and (
        any(w.lower() in GERMAN for w in found) or re.search(r"[äöüÄÖÜß„“]", text) is not None
    )


def misplaced(path: Path, text: str) -> bool:
    """A German message outside src/messages/ (and outside the documents' own words)."""
    if MESSAGES in path.parents:
        return False
    _, allowed = DOCUMENT_LANGUAGE.get(str(path.relative_to(SRC)), ("", []))
    if allowed is None or any(text.startswith(start) for start in allowed):
        return False
    return is_german(text)


def is_attribute_or_doc(line: str) -> bool:
    """A line of a doc comment or of an attribute (which may span several lines)."""
    stripped = line.strip()
    return (
        stripped.startswith(("///", "#["))
        or stripped.endswith(",")
        or stripped in (")]", "]")
        or re.match(r"^[a-z_]+( = .*)?,?$", stripped) is not None
    )


def literals(code: str):
    """(line number, text, offset) of every string literal in Rust source, comments skipped.

    A literal may span lines; a backslash at a line's end joins the next line without its
    leading whitespace, as Rust does.
    """
    i, line, n = 0, 1, len(code)
    while i < n:
        c = code[i]
        if c == "\n":
            line += 1
            i += 1
        elif code.startswith("//", i):
            end = code.find("\n", i)
            i = n if end < 0 else end
        elif code.startswith("/*", i):
            end = code.find("*/", i + 2)
            end = n if end < 0 else end + 2
            line += code.count("\n", i, end)
            i = end
        elif c == "r" and re.match(r'r#*"', code[i:]) and not re.match(r"\w", code[i - 1 : i] or " "):
            hashes = re.match(r"r(#*)\"", code[i:]).group(1)
            body_start = i + 2 + len(hashes)
            end = code.find('"' + hashes, body_start)
            end = n if end < 0 else end
            yield line, code[body_start:end], i
            line += code.count("\n", i, end)
            i = end + 1 + len(hashes)
        elif c == '"':
            j, text, start_line = i + 1, [], line
            while j < n and code[j] != '"':
                if code[j] == "\\" and j + 1 < n:
                    if code[j + 1] == "\n":
                        line += 1
                        j += 2
                        while j < n and code[j] in " \t\n":
                            line += code[j] == "\n"
                            j += 1
                        continue
                    text.append(code[j : j + 2])
                    j += 2
                    continue
                line += code[j] == "\n"
                text.append(code[j])
                j += 1
            yield start_line, "".join(text), i
            i = j + 1
        elif c == "'" and re.match(r"'(\\.[^']*|[^\\'])'", code[i:]):
            i += re.match(r"'(\\.[^']*|[^\\'])'", code[i:]).end()
        else:
            i += 1


def candidates():
    clap_files = {SRC / "cli" / "args.rs"}
    for path in sorted(SRC.rglob("*.rs")):
        if "tests" in path.relative_to(SRC).parts or path.name == "tests.rs":
            continue  # test modules in files of their own
        lines = code_of(path)
        if path in clap_files:
            for index, (number, line) in enumerate(lines):
                doc = DOC.match(line)
                if not doc:
                    continue
                # clap prints the doc comment of an argument or command as its help, unless an
                # explicit `help`/`about` (from src/messages/) overrides it; the doc comments of
                # the structs and enums that hold them are never printed.
                rest = [l for _, l in lines[index + 1 :]]
                item = next((i for i, l in enumerate(rest) if not is_attribute_or_doc(l)), len(rest))
                attributes = " ".join(rest[:item])
                holder = item < len(rest) and re.match(r"\s*(pub )?(struct|enum|const|fn) ", rest[item])
                explicit = re.search(r"\b(help|about)\s*=", attributes)
                if not holder and not explicit:
                    yield path, number, doc.group(1)
        if str(path.relative_to(SRC)) in DEVELOPER_ONLY:
            continue
        code = "\n".join(line for _, line in lines)
        for number, literal, offset in literals(code):
            if NOT_SHOWN.search(code[max(0, offset - 40) : offset]):
                continue
            if len(words(literal)) >= 3 and not SKIP.match(literal):
                yield path, number, literal


SELF_TEST = r'''
fn shown() -> String {
    let _ = "nur eine Vorlage".contains("x");
    format!("die Datei fehlt \
             im Ordner {name}")
}
fn english() -> &'static str { "the file is missing here" }
fn invariant() { x.expect("the template is valid"); }
'''


def self_test() -> int:
    """Runs the rules on a snippet whose verdicts are known, so CI notices a check that stopped
    finding anything."""
    found = [(n, s) for n, s, _ in literals(SELF_TEST)]
    assert (4, "die Datei fehlt im Ordner {name}") in found, found
    path = SRC / "load" / "example.rs"
    assert misplaced(path, "die Datei fehlt im Ordner {name}")
    assert not misplaced(MESSAGES / "inputs.rs", "die Datei fehlt im Ordner {name}")
    assert is_english("the file is missing here")
    assert not is_english("die Datei fehlt im Ordner")
    assert NOT_SHOWN.search(SELF_TEST[: SELF_TEST.index('"the template')])
    assert not SKIP.match("the file is missing here") and SKIP.match("word/document.xml")
    print("self-test ok")
    return 0


def main() -> int:
    if "--self-test" in sys.argv:
        return self_test()
    show_all = "--all" in sys.argv
    english = outside = 0
    for path, number, text in candidates():
        flagged = is_english(text)
        stray = not flagged and misplaced(path, text)
        english += flagged
        outside += stray
        if flagged or stray or show_all:
            mark = "EN " if flagged else "OUT" if stray else "   "
            print(f"{mark}{path.relative_to(SRC.parent)}:{number}: {text}")
    print(f"{english} English text(s) found")
    print(f"{outside} message(s) outside src/messages/ found")
    return 1 if english or outside else 0


if __name__ == "__main__":
    sys.exit(main())
