#!/usr/bin/env python3
"""Finds words that LibreOffice breaks mid-word (issue 16): converts every .docx of a folder
to PDF with one headless soffice, reads each PDF back with pdftotext -raw and compares its
words with the DOCX's.

Usage: scripts/check-pdf-words.py FOLDER [--dejavu-only] [--keep DIR]

A word broken mid-word shows as a line-end fragment that joined with the next line's start
gives a word of the DOCX ("Geschäftsstell" + "e"), or as any fragment the DOCX does not
have. --dejavu-only hides Liberation Sans from fontconfig, so LibreOffice falls back to
DejaVu Sans (about 10 % wider than Arial) as on a Linux machine without fonts-liberation.
It also checks the tables (issue 24): every table of a document is set in one font size
(the w:sz of the runs in its w:tbl elements; a document with tables of two sizes fails),
and no e-mail address or web address is broken across lines (each must stand whole on one
line of the PDF's text).

Exit status 1 when a broken word or address or a second table font size is found. Needs
soffice, pdftotext and pdffonts.
"""

import html
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

WORD = re.compile(r"\w+")
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://[^\s<>\"]+")

HIDE_LIBERATION = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont><glob>*Liberation*</glob></rejectfont></selectfont>
</fontconfig>
"""


def story_text(docx: Path) -> str:
    """Visible text of body, footnotes, headers and footers; footnote marks as numbers."""
    parts = []
    with zipfile.ZipFile(docx) as z:
        for name in z.namelist():
            if not re.fullmatch(r"word/(document|footnotes|header\d+|footer\d+)\.xml", name):
                continue
            xml = z.read(name).decode("utf-8")
            xml = re.sub(r"<w:instrText[^>]*>.*?</w:instrText>", "", xml)
            xml = re.sub(r'<w:footnoteReference w:id="(\d+)"/>', r"<w:t>\1</w:t>", xml)
            xml = re.sub(
                r'(<w:footnote w:id="(\d+)">.*?)<w:footnoteRef/>', r"\1<w:t>\2</w:t>", xml, flags=re.S
            )
            xml = xml.replace("<w:noBreakHyphen/>", "-")
            xml = re.sub(r"</w:p>|<w:br/>|<w:tab/>", "\n", xml)
            parts.append(html.unescape(re.sub(r"<[^>]*>", "", xml)))
    return "\n".join(parts)


def table_sizes(docx: Path) -> set:
    """The font sizes (half-points) of the runs with text in the body's tables. A run
    without w:sz takes the table style's size, shown as "style"."""
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    sizes = set()
    for table in re.findall(r"<w:tbl>.*?</w:tbl>", xml, flags=re.S):
        for run in re.findall(r"<w:r>(.*?)</w:r>", table, flags=re.S):
            if "<w:t" not in run:
                continue
            size = re.search(r'<w:sz w:val="(\d+)"/>', run)
            sizes.add(size.group(1) if size else "style")
    return sizes


def broken_addresses(docx: Path, pdf_text: str) -> tuple:
    """(addresses of the DOCX, those that stand on no single line of the PDF's text)."""
    addresses = sorted(set(ADDRESS.findall(story_text(docx))))
    lines = {re.sub(r"\s+", "", line) for line in pdf_text.splitlines()}
    joined = "\n".join(lines)
    return addresses, [a for a in addresses if a.rstrip(".,;)") not in joined]


def check(docx: Path, pdf: Path) -> list:
    words = set(WORD.findall(story_text(docx)))
    pages = int(re.search(r"^Pages:\s+(\d+)", run(["pdfinfo", str(pdf)]), re.M).group(1))
    text = run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"]).replace("\u2011", "-")
    problems = []
    lines = [line for line in text.splitlines() if line.strip()]
    for line, following in zip(lines, lines[1:]):
        end = re.search(r"(\w+)$", line)
        start = re.match(r"(\w+)", following)
        if end and start:
            a, b = end.group(1), start.group(1)
            if a + b in words and not (a in words and b in words):
                problems.append(f"broken mid-word: {a}|{b}")
    for fragment in sorted(set(WORD.findall(text)) - words):
        if not (fragment.isdigit() and int(fragment) <= pages):
            problems.append(f"not a word of the DOCX: {fragment!r}")
    _, broken = broken_addresses(docx, text)
    problems += [f"address broken across lines: {a}" for a in broken]
    sizes = table_sizes(docx)
    if len(sizes) > 1:
        problems.append(f"tables in {len(sizes)} font sizes: {', '.join(sorted(sizes))} half-points")
    return problems


def run(cmd, env=None) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout


def main() -> int:
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(args[0])
    dejavu_only = "--dejavu-only" in args
    keep = Path(args[args.index("--keep") + 1]) if "--keep" in args else None
    docs = sorted(folder.glob("*.docx"))
    if not docs:
        print(f"no .docx in {folder}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="check-pdf-words-") as tmp:
        tmp = Path(tmp)
        env = dict(os.environ)
        if dejavu_only:
            conf = tmp / "fonts.conf"
            conf.write_text(HIDE_LIBERATION, encoding="utf-8")
            env["FONTCONFIG_FILE"] = str(conf)
        out = keep or tmp / "pdf"
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
             "--convert-to", "pdf", "--outdir", str(out), *map(str, docs)],
            check=True, capture_output=True, env=env, timeout=600,
        )
        failed = 0
        for docx in docs:
            pdf = out / (docx.stem + ".pdf")
            fonts = sorted(set(re.findall(r"^\S+?\+(\S+)", run(["pdffonts", str(pdf)]), re.M)))
            problems = check(docx, pdf)
            status = "FAIL" if problems else "ok"
            sizes = ", ".join(sorted(table_sizes(docx))) or "no tables"
            print(f"{status}: {docx.name} (fonts: {', '.join(fonts)}; table size: {sizes})")
            for problem in problems:
                print(f"    {problem}")
            failed += bool(problems)
            if dejavu_only and any("Liberation" in f for f in fonts):
                print("    Liberation Sans was not hidden")
                failed += 1
    print(f"{len(docs) - failed} of {len(docs)} documents without broken words"
          + (" (DejaVu Sans only)" if dejavu_only else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
