#!/usr/bin/env python3
"""Writes small .xls and .ods files that are well-formed but make calamine 0.38 lay out huge
sheets (cells far apart, absurd DIMENSIONS, DIFAT-listed FAT, repeated .ods rows/columns).
Used for the memory measurements in fuzz/README.md and as seeds for the xlsx fuzz target.
Usage: python3 fuzz/make_hostile_sheets.py OUTDIR"""
import struct, sys, os, zipfile

END, FREE, FATSECT, DIFSECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFC

def record(kind, data=b""):
    return struct.pack("<HH", kind, len(data)) + data

def number(row, col, value=1.0):
    return record(0x0203, struct.pack("<HHHd", row, col, 15, value))

def label(row, col, text):
    t = text.encode("latin-1")
    return record(0x0204, struct.pack("<HHHHB", row, col, 15, len(t), 0) + t)

def dimensions(rows, cols):
    return record(0x0200, struct.pack("<IIHHH", rows[0], rows[1], cols[0], cols[1], 0))

def bof(kind):
    return record(0x0809, struct.pack("<HH", 0x0600, kind) + bytes(12))

def workbook_stream(sheets):
    def globals(positions):
        g = bof(0x0005)
        for pos, (name, _) in zip(positions, sheets):
            n = name.encode("latin-1")
            g += record(0x0085, struct.pack("<IBBBB", pos, 0, 0, len(n), 0) + n)
        return g + record(0x000A)
    length = len(globals([0] * len(sheets)))
    bodies, positions = b"", []
    for _, recs in sheets:
        positions.append(length + len(bodies))
        bodies += bof(0x0010) + recs + record(0x000A)
    return globals(positions) + bodies

def compound_file(data, difat=False, name="Workbook"):
    stream = data + bytes(max(0, 4096 - len(data)))
    stream += bytes((-len(stream)) % 512)
    n = len(stream) // 512
    # Sectors: FAT sectors, the directory, the DIFAT sector (if any), then the stream.
    k = 1
    while 128 * k < k + 1 + int(difat) + n:
        k += 1
    assert k <= (1 if difat else 109), "FAT fits the header (or one DIFAT slot)"
    directory, first = k, k + 1 + int(difat)
    fat = [FATSECT] * k + [END] + ([DIFSECT] if difat else [])
    fat += [END if i + 1 == n else first + i + 1 for i in range(n)]
    fat += [FREE] * (128 * k - len(fat))
    h = bytearray(512)
    h[0:8] = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    struct.pack_into("<HHHHH", h, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", h, 44, k, directory, 0, 4096, END, 0,
                     k + 1 if difat else END, 1 if difat else 0)
    for slot in range(109):
        struct.pack_into("<I", h, 76 + 4 * slot, slot if slot < k and not difat else FREE)
    d = bytearray(512)
    def entry(i, nm, kind, start, size):
        at = i * 128
        u = (nm + "\0").encode("utf-16-le")
        d[at:at + len(u)] = u
        struct.pack_into("<HBB", d, at + 64, len(u), kind, 1)
        struct.pack_into("<III", d, at + 68, FREE, FREE, FREE)
        struct.pack_into("<II", d, at + 116, start, size)
    entry(0, "Root Entry", 5, END, 0)
    entry(1, name, 2, first, len(stream))
    struct.pack_into("<I", d, 76, 1)
    out = bytes(h) + struct.pack(f"<{len(fat)}I", *fat) + bytes(d)
    if difat:
        out += struct.pack("<128I", *([0] + [FREE] * 126 + [END]))
    return out + stream

HEADER = label(0, 0, "Konferenz") + label(0, 1, "Datum") + label(1, 0, "IMK") + label(1, 1, "10.12.2026")

def ods(content_rows, name="Termine"):
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet>'
        f'<table:table table:name="{name}">{content_rows}</table:table>'
        '</office:spreadsheet></office:body></office:document-content>')
    return content

def write_ods(path, content):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?>'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '</manifest:manifest>')
        z.writestr("content.xml", content)

def cell(text):
    return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'

ODS_HEADER = (f'<table:table-row>{cell("Konferenz")}{cell("Datum")}</table:table-row>'
              f'<table:table-row>{cell("IMK")}{cell("10.12.2026")}</table:table-row>')

def label_sst(row, col, index):
    return record(0x00FD, struct.pack("<HHHI", row, col, 15, index))

def with_shared_strings(stream, texts):
    """The stream with an SST record of 8-bit `texts` after the globals' BOF."""
    data = struct.pack("<II", len(texts), len(texts))
    for t in texts:
        data += struct.pack("<HB", len(t), 0) + t.encode("latin-1")
    sst = record(0x00FC, data)
    bof_len = 20
    out = bytearray(stream[:bof_len] + sst + stream[bof_len:])
    at = bof_len + len(sst) + 4  # the first BoundSheet8's position
    struct.pack_into("<I", out, at, struct.unpack_from("<I", out, at)[0] + len(sst))
    return bytes(out)

def main(out):
    os.makedirs(out, exist_ok=True)
    files = {
        # A plain list: read normally (the seeds' baseline).
        "xls-small.xls": compound_file(workbook_stream([("Termine", HEADER)])),
        "xls-difat.xls": compound_file(workbook_stream([("Termine", HEADER)]), difat=True),
        # 65 536 rows x 256 columns: the most a well-formed .xls sheet holds.
        "xls-full-sheet.xls": compound_file(workbook_stream([("Termine", HEADER + number(65535, 255))])),
        # A cell in column 65 536: calamine does not hold cells to Excel's 256 columns.
        "xls-far-column.xls": compound_file(workbook_stream([("Termine", HEADER + number(65535, 65535))])),
        # DIMENSIONS declaring 2^32 rows: calamine reserves room for all of them.
        "xls-dimensions.xls": compound_file(workbook_stream([("Termine", dimensions((0, 0xFFFFFFFF), (0, 256)) + HEADER)])),
        # One 65 000-character shared string in 2 000 cells: calamine copies it into each.
        "xls-shared-text.xls": compound_file(with_shared_strings(workbook_stream(
            [("Termine", HEADER + b"".join(label_sst(2 + i, 3, 0) for i in range(2000)))]),
            ["x" * 65000])),
        # 20 sheets of 1000 x 256: each within a sheet's limits, together not.
        "xls-many-sheets.xls": compound_file(workbook_stream(
            [("Termine", HEADER)] + [(f"S{i}", number(0, 0) + number(999, 255)) for i in range(20)])),
    }
    value = '<table:table-cell office:value-type="float" office:value="1"'
    contents = {
        "ods-small.ods": ods(ODS_HEADER),
        # One value, 1 048 573 empty rows, a row of 16 384 values: calamine's own cap
        # (100 million cells) is what stops it.
        "ods-repeated-rows.ods": ods(ODS_HEADER
            + '<table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>'
            + f'<table:table-row>{value} table:number-columns-repeated="95"/></table:table-row>'),
        # 3 000 rows of 16 384 repeated values.
        "ods-repeated-columns.ods": ods(ODS_HEADER
            + f'<table:table-row>{value} table:number-columns-repeated="16384"/></table:table-row>' * 3000),
    }
    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    for name, content in contents.items():
        write_ods(os.path.join(out, name), content)
    for name in sorted(os.listdir(out)):
        print(name, os.path.getsize(os.path.join(out, name)))

if __name__ == "__main__":
    main(sys.argv[1])
