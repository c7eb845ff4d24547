#!/usr/bin/env python3
"""Finds pages left nearly empty (issue 16), above all by a section change: a change of page
size or orientation (`\\querformat`, `\\hochformat`) always starts a new page, so the page
before it ends wherever its content happens to end. This check fails when a page's text
reaches less than a third of the page's text area, whatever ends it (a section change, a
page break, a table row that does not fit). The last page of a document is not checked: it
ends where the document ends. The shipped overview has no section change any more, so the
rule for every page is what keeps this check from passing without judging anything.

It also fails on a bad page break (issue 24): a page whose body text ends with a heading
(a line set larger than the document's body text) or with a lead-in line (a line ending
with a colon, which introduces the list or table that then starts overleaf), and a page
whose only text is the end of a list begun on the page before, one or two items (list lines
only: a bullet or number at the left, or text indented beyond it) while less than half full.

Usage: scripts/check-pdf-pages.py PDF_OR_FOLDER...

Prints every page it measured with its fill (how far down the text area the body text
reaches; footnotes do not count, they sit at the bottom whatever the page holds). The text
area is measured, not read from the DOCX: running headers and footers are left out (see
body_lines), and the text area runs from the highest to the lowest body line of the whole
document, as distances from the top and the bottom edge, so it carries over between
portrait and landscape pages; its bottom margin is at most its top margin.
Exit status 1 when a page but the last is too empty. Needs pdfinfo and
pdftotext (poppler).
"""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

MIN_FILL = 1 / 3
XHTML = "{http://www.w3.org/1999/xhtml}"


def run(cmd) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def page_sizes(pdf: Path) -> list:
    """(width, height) in whole points of every page, rotation applied."""
    pages = int(re.search(r"^Pages:\s+(\d+)", run(["pdfinfo", str(pdf)]), re.M).group(1))
    info = run(["pdfinfo", "-f", "1", "-l", str(pages), str(pdf)])
    sizes = {int(n): (round(float(w)), round(float(h)))
             for n, w, h in re.findall(r"^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", info, re.M)}
    for n, rot in re.findall(r"^Page\s+(\d+) rot:\s+(\d+)", info, re.M):
        if int(rot) % 180 == 90:
            sizes[int(n)] = sizes[int(n)][::-1]
    return [sizes[n] for n in range(1, pages + 1)]


def page_lines(pdf: Path) -> list:
    """Per page: its height and its text lines as (top, bottom, left, text), top to bottom."""
    root = ET.fromstring(run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"]))
    pages = []
    for page in root.iter(f"{XHTML}page"):
        lines = []
        for line in page.iter(f"{XHTML}line"):
            text = " ".join(w.text or "" for w in line.iter(f"{XHTML}word")).strip()
            if text:
                lines.append(
                    (float(line.get("yMin")), float(line.get("yMax")), float(line.get("xMin")), text)
                )
        lines.sort()
        pages.append((float(page.get("height")), lines))
    return pages


def rows(lines: list) -> list:
    """The lines grouped into rows of the same top, each row's lines left to right. A header
    with a left and a right part is one line where they stand close and two where they do
    not (portrait and landscape); as a row it reads the same."""
    grouped = []
    for line in lines:
        if grouped and abs(grouped[-1][0][0] - line[0]) < 1:
            grouped[-1].append(line)
        else:
            grouped.append([line])
    return [sorted(row, key=lambda line: line[2]) for row in grouped]


def body_lines(pages: list, sizes: list) -> list:
    """Per page the lines that are not a running header or footer: the rows at the top and
    the bottom of a page whose text (digits aside, for page numbers; spaces aside) stands at
    the same distance from the page edge on every page of its size (or, for the only page
    of its size, on every page of the document). "Every page", not "another page": a long
    table's rows can repeat at the same place with other digits from page to page."""

    def text(row):
        return re.sub(r"\d+", "#", "".join(line[3] for line in row).replace(" ", ""))

    def top_key(row):
        return text(row), round(row[0][0])

    def bottom_key(row, height):
        return text(row), round(height - max(line[1] for line in row))

    def running(group):
        heads, feet = Counter(), Counter()
        for height, page_rows in group:
            heads.update({top_key(row) for row in page_rows})
            feet.update({bottom_key(row, height) for row in page_rows})
        everywhere = len(group)
        return ({k for k, n in heads.items() if n == everywhere},
                {k for k, n in feet.items() if n == everywhere})

    paged = [(height, rows(lines)) for height, lines in pages]
    by_size = {}
    for size, page in zip(sizes, paged):
        by_size.setdefault(size, []).append(page)
    whole = running(paged) if len(paged) > 1 else (set(), set())
    bodies = []
    for size, (height, page_rows) in zip(sizes, paged):
        group = by_size[size]
        heads, feet = running(group) if len(group) > 1 else whole
        start, end = 0, len(page_rows)
        while start < end and top_key(page_rows[start]) in heads:
            start += 1
        while end > start and bottom_key(page_rows[end - 1], height) in feet:
            end -= 1
        bodies.append(sorted(line for row in page_rows[start:end] for line in row))
    return bodies


def main_text(body: list) -> list:
    """The body lines above the footnotes. Footnotes sit at the bottom of the text area
    whatever the page holds, so they say nothing about how full it is. A footnote begins
    with its mark: a bare number, set smaller than the text, at the left edge."""
    if not body:
        return body
    heights = sorted(bottom - top for top, bottom, _, _ in body)
    typical = heights[len(heights) // 2]
    left = min(x for _, _, x, _ in body)
    for k, (top, bottom, x, text) in enumerate(body):
        if text.isdigit() and x - left < 2 and bottom - top < 0.75 * typical:
            return [line for line in body[:k] if line[0] < top - 2]
    return body


BULLET = re.compile(r"^([•–◦▪·-]|\d+[.)]|[a-z][.)])$")


def body_height(bodies: list) -> float:
    """The most common line height of the document's body text (rounded to 0.1 pt)."""
    heights = Counter(round(bottom - top, 1) for body in bodies for top, bottom, _, _ in body)
    return heights.most_common(1)[0][0] if heights else 0.0


def list_rows(text: list, left: float) -> list:
    """Per row of the page's main text: "bullet" for a row that starts a list item (a
    bullet or number standing apart at its left), "indented" for a row that starts right
    of the text's left edge, "text" otherwise."""
    kinds = []
    for row in rows(text):
        first = row[0]
        if len(row) > 1 and BULLET.match(first[3]):
            kinds.append("bullet")
        elif first[2] - left > 10:
            kinds.append("indented")
        else:
            kinds.append("text")
    return kinds


def break_problems(pdf: Path, pages: list, bodies: list, fills: list) -> dict:
    """Page number -> what is wrong with where it breaks (see the module's docstring)."""
    typical = body_height(bodies)
    texts = [main_text(body) for body in bodies]
    lefts = [min(x for _, _, x, _ in t) for t in texts if t]
    left = min(lefts) if lefts else 0.0
    problems = {}
    previous_kinds = []
    for number, (text, fill) in enumerate(zip(texts, fills), 1):
        found = []
        kinds = list_rows(text, left) if text else []
        if text and number < len(texts):
            last_row = rows(text)[-1]
            last = " ".join(line[3] for line in last_row)
            # A list item's bullet is a line of its own, with a glyph of its own height.
            height = max(b - t for t, b, _, text in last_row if not BULLET.match(text))\
                if any(not BULLET.match(line[3]) for line in last_row) else 0.0
            if typical and height > typical * 1.03 and not BULLET.match(last_row[0][3]) \
                    and not last.rstrip().endswith("."):
                found.append(f"ends with a heading: {last[:60]!r}")
            elif last.rstrip().endswith(":"):
                found.append(f"ends with a lead-in line: {last[-60:]!r}")
        continues_list = previous_kinds and previous_kinds[-1] != "text"
        items = kinds.count("bullet")
        # The orphan the readers saw: one or two items of a list left alone overleaf. A
        # longer tail on a page of its own (the last guiding questions) still reads as a list.
        if kinds and continues_list and all(k != "text" for k in kinds) \
                and (fill is None or fill < 0.5) and items <= 2:
            found.append(f"holds only the end of a list ({items} item(s) and the rest of one)")
        if found:
            problems[number] = found
        previous_kinds = kinds
    return problems


def measure(pdf: Path) -> tuple:
    """Per page: (size, fill), fill None for a page without body text; and per page the
    problems of its break (see break_problems)."""
    sizes = page_sizes(pdf)
    pages = page_lines(pdf)
    if len(pages) != len(sizes):
        raise SystemExit(f"{pdf}: pdfinfo counts {len(sizes)} pages, pdftotext {len(pages)}")
    bodies = body_lines(pages, sizes)
    filled = [(height, body) for (height, _), body in zip(pages, bodies) if body]
    if not filled:
        return [(size, None) for size in sizes], {}
    top_margin = min(body[0][0] for _, body in filled)
    # A document without a full page does not show where its text area ends; the bottom
    # margin is then taken as no larger than the top one (Word's and our default: equal).
    bottom_margin = min(
        [height - max(line[1] for line in body) for height, body in filled] + [top_margin]
    )
    result = []
    for size, (height, _), body in zip(sizes, pages, bodies):
        area = height - top_margin - bottom_margin
        text = main_text(body)
        if not text or area <= 0:
            result.append((size, None))
            continue
        reach = max(line[1] for line in text) - top_margin
        result.append((size, min(1.0, reach / area)))
    return result, break_problems(pdf, pages, bodies, [fill for _, fill in result])


def main() -> int:
    args = sys.argv[1:]
    if not args or any(a.startswith("-") for a in args):
        print(__doc__, file=sys.stderr)
        return 2
    pdfs = []
    for arg in map(Path, args):
        pdfs += sorted(arg.glob("*.pdf")) if arg.is_dir() else [arg]
    if not pdfs:
        print(f"no .pdf in {' '.join(args)}", file=sys.stderr)
        return 2
    failed = judged = changes = bad_breaks = 0
    for pdf in pdfs:
        pages, breaks = measure(pdf)
        problems = []
        print(f"{pdf.name}: {len(pages)} page(s)")
        for number, ((size, fill), following) in enumerate(zip(pages, pages[1:] + [None]), 1):
            shown = "no text" if fill is None else f"{fill:4.0%}"
            note = ""
            if following is not None and following[0] != size:
                note = f"  section change to {following[0][0]}x{following[0][1]} next"
                changes += 1
            if following is not None and (fill is None or fill < MIN_FILL):
                note += f": FAIL, less than {MIN_FILL:.0%} full"
                problems.append(number)
            judged += following is not None
            print(f"    page {number:3}  {size[0]}x{size[1]}  fill {shown}{note}")
            for problem in breaks.get(number, []):
                print(f"        FAIL: {problem}")
                if number not in problems:
                    problems.append(number)
                bad_breaks += 1
        failed += bool(problems)
        status = "FAIL" if problems else "ok"
        print(f"{status}: {pdf.name}"
              + (f": page(s) {', '.join(map(str, problems))} nearly empty or badly broken"
                 if problems else ""))
    print(f"{len(pdfs) - failed} of {len(pdfs)} documents without a nearly empty page or a bad "
          f"break ({judged} pages judged, {changes} of them before a section change; "
          f"{bad_breaks} bad break(s))")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
