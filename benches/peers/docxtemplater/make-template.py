#!/usr/bin/env python3
"""Makes the docxtemplater template from one of briefing's own briefings (issue 25, peer figure).

Usage: make-template.py BRIEFING.docx TEMPLATE.docx

The template is the same document (styles, footnotes, header, footer, every paragraph) with
the spokesperson's name as a tag and the first data row of each table (contacts, meetings)
as a row loop; the other data rows go. So docxtemplater fills and zips a document of the
same size, with fewer tags than briefing's template evaluates (the decisions and the texts
stay as they are): its figure is, if anything, on the fast side.
"""

import re
import sys
import zipfile

source, target = sys.argv[1], sys.argv[2]
TABLES = [("kontakte", ["name", "funktion", "telefon", "email"]),
          ("termine", ["datum", "sitzung", "ort", "bemerkung"])]


def tag_row(row, loop, fields):
    cells = re.findall(r"<w:tc>.*?</w:tc>", row, flags=re.S)
    assert len(cells) == len(fields), (len(cells), fields)
    for index, (cell, field) in enumerate(zip(cells, fields)):
        texts = re.findall(r"<w:t(?: [^>]*)?>[^<]*</w:t>", cell)
        tag = "{" + field + "}"
        if index == 0:
            tag = "{#" + loop + "}" + tag
        if index == len(fields) - 1:
            tag += "{/" + loop + "}"
        if texts:
            new = cell.replace(texts[0], '<w:t xml:space="preserve">' + tag + "</w:t>", 1)
            for text in texts[1:]:
                new = new.replace(text, "<w:t></w:t>", 1)
        else:
            new = cell.replace("</w:p>", '<w:r><w:t xml:space="preserve">' + tag + "</w:t></w:r></w:p>", 1)
        row = row.replace(cell, new, 1)
    return row


with zipfile.ZipFile(source) as zin:
    parts = {name: zin.read(name) for name in zin.namelist()}
xml = parts["word/document.xml"].decode("utf-8")
xml = re.sub(r"Vorname\d+ Nachname\d+", "{name}", xml)
tables = re.findall(r"<w:tbl>.*?</w:tbl>", xml, flags=re.S)
assert len(tables) >= 2, len(tables)
for table, (loop, fields) in zip(tables, TABLES):
    rows = re.findall(r"<w:tr[ >].*?</w:tr>", table, flags=re.S)
    new = table.replace(rows[1], tag_row(rows[1], loop, fields), 1)
    for row in rows[2:]:
        new = new.replace(row, "", 1)
    xml = xml.replace(table, new, 1)
parts["word/document.xml"] = xml.encode("utf-8")
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
    for name, data in parts.items():
        zout.writestr(name, data)
print(f"{target}: {len(xml)} characters of document.xml, tags: {xml.count('{')}")
