#!/usr/bin/env python3
"""make_fixtures.py - write the XLSX reader's test fixtures and fuzz seeds.

usage: python3 tests/data/xlsx/make_fixtures.py   (from anywhere)

Writes, next to this script, small workbooks assembled part by part with
Python's zipfile (fixed dates, so the output is reproducible with the same
zlib), one workbook saved by openpyxl (when it is installed; its zip dates
and docProps/core.xml carry the time of the run), and broken inputs for the
error tests. Writes into tests/fuzz/corpus/xlsx/ the fuzz seeds: the
fixtures (but the 65 MiB bomb), small broken zips, and the "members" text
form of each fixture that tests/fuzz/fuzz_xlsx.c turns into a zip itself.
See PROVENANCE.md for what each file holds and what the tests expect.
"""
import io
import os
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "fuzz", "corpus", "xlsx")

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def content_types(parts):
    over = "".join(
        '<Override PartName="/%s" ContentType="%s"/>' % (p, t) for p, t in parts)
    return (DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension='
            '"xml" ContentType="application/xml"/>' + over + "</Types>")


def rels(items, rel_base=REL):
    body = "".join('<Relationship Id="%s" Type="%s/%s" Target="%s"/>' %
                   (i, rel_base, t, target) for i, t, target in items)
    return DECL + '<Relationships xmlns="%s">%s</Relationships>' % (PKG, body)


def workbook(sheets, ns=MAIN, rel_ns=REL):
    body = "".join(
        '<sheet name="%s" sheetId="%d"%s r:id="%s"/>' %
        (name, k + 1, ' state="%s"' % state if state else "", rid)
        for k, (name, state, rid) in enumerate(sheets))
    return (DECL + '<workbook xmlns="%s" xmlns:r="%s"><sheets>%s</sheets>'
            '</workbook>' % (ns, rel_ns, body))


def worksheet(rows, ns=MAIN, prolog=""):
    return (DECL + prolog + '<worksheet xmlns="%s"><sheetData>%s</sheetData>'
            '</worksheet>' % (ns, rows))


def sst(items, ns=MAIN):
    return (DECL + '<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>' %
            (ns, len(items), len(items), "".join(items)))


def simple_package(sheet_xml, shared=None):
    """A one-sheet workbook at the usual places."""
    parts = [("[Content_Types].xml", content_types([])),
             ("_rels/.rels", rels([("rId1", "officeDocument", "xl/workbook.xml")])),
             ("xl/workbook.xml", workbook([("Sheet1", None, "rId1")])),
             ("xl/worksheets/sheet1.xml", sheet_xml)]
    wb_rels = [("rId1", "worksheet", "worksheets/sheet1.xml")]
    if shared is not None:
        parts.append(("xl/sharedStrings.xml", shared))
        wb_rels.append(("rId2", "sharedStrings", "sharedStrings.xml"))
    parts.append(("xl/_rels/workbook.xml.rels", rels(wb_rels)))
    return parts


def zip_bytes(parts, compression=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return buf.getvalue()


def members_text(parts):
    """The text form fuzz_xlsx.c reads: "#members", then "@@ name" lines."""
    out = b"#members\n"
    for name, data in parts:
        data = data.encode("utf-8") if isinstance(data, str) else data
        out += b"@@ " + name.encode("utf-8") + b"\n" + data + b"\n"
    return out


def set_sizes(data, member, size):
    """Make the local and central headers of `member` declare `size`
    uncompressed bytes (a lying zip, as zip bombs are)."""
    data = bytearray(data)
    name = member.encode()
    pos = 0
    while True:  # local headers: signature, size at +22, name at +30
        pos = data.find(b"PK\x03\x04", pos)
        if pos < 0:
            break
        n = struct.unpack_from("<H", data, pos + 26)[0]
        if bytes(data[pos + 30:pos + 30 + n]) == name:
            struct.pack_into("<I", data, pos + 22, size)
        pos += 4
    pos = 0
    while True:  # central headers: size at +24, name at +46
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        n = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46:pos + 46 + n]) == name:
            struct.pack_into("<I", data, pos + 24, size)
        pos += 4
    return bytes(data)


# ---- good workbooks ---------------------------------------------------------

# features.xlsx: inline strings, cells and rows without `r`, rich text and
# phonetic runs in shared strings, _xHHHH_ escapes, every cell type,
# shared formulas, cells out of order, a sheet name with '&' and non-ASCII.
FEATURES_SST = sst([
    "<si><t>Plain</t></si>",
    '<si><r><t>Bold</t></r><r><rPr><i/></rPr><t xml:space="preserve"> and '
    'italic</t></r><rPh sb="0" eb="1"><t>ボ</t></rPh><phoneticPr fontId="1"/>'
    "</si>",
    "<si><t>Carriage_x000D_return</t></si>",
])
# a shared formula: A7 holds the text, A8 and B7 take it moved (B8 names
# an si without a master)
SHARED_MASTER = ("B2*2+SUM($B$2:B2)+Other!C1+'My Sheet'!$D4+COUNT(A:A)+"
                 'SUM(1:1)+LEN("A1")+LOG10(B2)+XFD1')
FEATURES_SHEET1 = worksheet(
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Question</t></is></c>'
    '<c t="inlineStr"><is><t>Answer</t></is></c><c t="s"><v>0</v></c></row>'
    '<row><c t="inlineStr"><is><r><t xml:space="preserve">Rich </t></r><r><rPr>'
    "<b/></rPr><t>inline</t></r></is></c><c><v>2.5</v></c><c t=\"s\"><v>1</v>"
    "</c></row>"
    '<row r="5"><c r="B5" t="s"><v>2</v></c><c t="e"><v>#DIV/0!</v></c>'
    '<c t="b"><v>0</v></c></row>'
    '<row><c t="d"><v>2026-11-22</v></c><c t="str"><f>"a"&amp;"b"</f><v>ab</v>'
    '</c><c t="inlineStr"><is><t>line1_x000D_&#10;line2</t></is></c>'
    '<c s="1"/></row>'
    '<row r="7"><c r="A7"><f t="shared" ref="A7:B8" si="0">' + SHARED_MASTER +
    '</f><v>5</v></c><c r="B7"><f t="shared" si="0"/><v>1</v></c></row>'
    '<row r="8"><c r="A8"><f t="shared" si="0"/><v>0</v></c>'
    '<c r="B8"><f t="shared" si="3"/><v>2</v></c></row>'
    '<row r="9"><c r="C9" t="inlineStr"><is><t xml:space="preserve"> padded '
    '</t></is></c><c r="D9" t="inlineStr"><is><t>_x005F_x000D_ stays</t></is>'
    '</c><c r="E9" t="inlineStr"><is><t>smile _xD83D__xDE00_</t></is></c>'
    '<c r="F9" t="b"><v>1</v></c></row>'
    '<row r="3"><c r="A3"><v>-1.5E-3</v></c><c r="XFD3"><v>7</v></c></row>'
    '<row r="1048576"><c r="A1048576" t="str"><v></v></c></row>')
FEATURES_SHEET2 = worksheet('<row r="1"><c r="A1"><v>1</v></c></row>')
FEATURES = [
    ("[Content_Types].xml", content_types([])),
    ("_rels/.rels", rels([("rId1", "officeDocument", "xl/workbook.xml")])),
    ("xl/workbook.xml", workbook([("Answers", None, "rId1"),
                                  ("R&amp;D ✓ données", "veryHidden", "rId2")])),
    ("xl/_rels/workbook.xml.rels", rels([
        ("rId1", "worksheet", "worksheets/sheet1.xml"),
        ("rId2", "worksheet", "worksheets/sheet2.xml"),
        ("rId3", "sharedStrings", "sharedStrings.xml")])),
    ("xl/worksheets/sheet1.xml", FEATURES_SHEET1),
    ("xl/worksheets/sheet2.xml", FEATURES_SHEET2),
    ("xl/sharedStrings.xml", FEATURES_SST),
]

# strict.xlsx: strict namespaces, the workbook part found through
# _rels/.rels at an unusual place and in another case, targets absolute,
# with "..", and %-escaped; members that climb out or are absolute are
# never looked up (they would clash with real parts).
STRICT_PARTS = [
    ("[Content_Types].xml", content_types([])),
    ("_rels/.rels", rels([("rId1", "officeDocument", "Book/Workbook.xml")],
                         rel_base=STRICT_REL)),
    ("book/workbook.xml", workbook([("First", "hidden", "rId7"),
                                    ("Second", None, "rId8")],
                                   ns=STRICT, rel_ns=STRICT_REL)),
    ("book/_rels/workbook.xml.rels", rels([
        ("rId7", "worksheet", "/book/sheets/one.xml"),
        ("rId8", "worksheet", "./sheets/../sheets/two%20b.xml"),
        ("rId9", "sharedStrings", "../shared/strings.xml")], rel_base=STRICT_REL)),
    ("book/sheets/one.xml", worksheet(
        '<row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2"><v>1e3</v></c></row>',
        ns=STRICT)),
    ("book/sheets/two b.xml", worksheet(
        '<row><c t="s"><v>1</v></c></row>', ns=STRICT)),
    ("shared/strings.xml", sst(["<si><t>strict</t></si>",
                                "<si><t>spaced part</t></si>"], ns=STRICT)),
    ("../book/sheets/one.xml", worksheet("<row><c><v>666</v></c></row>")),
    ("/book/sheets/two b.xml", worksheet("<row><c><v>666</v></c></row>")),
]

# ---- broken workbooks (each gives one error the test expects) ---------------

NO_WORKBOOK = [
    ("[Content_Types].xml", content_types([])),
    ("docProps/app.xml", DECL + "<Properties/>"),
]
DOCTYPE = simple_package(worksheet(
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&boom;</t></is></c></row>',
    prolog='<!DOCTYPE worksheet [<!ENTITY boom "boom">]>\n'))
SST_INDEX = simple_package(
    worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s">'
              "<v>2</v></c></row>"),
    shared=sst(["<si><t>one</t></si>", "<si><t>two</t></si>"]))
BAD_REF = simple_package(worksheet(
    '<row r="1"><c r="XFD1"><v>1</v></c><c r="XFE1"><v>2</v></c></row>'))


def openpyxl_workbook(path):
    """Saved by openpyxl: inline strings, absolute targets, a formula
    without a cached value (<f> with an empty <v>), a date, a bool and a
    very hidden sheet."""
    try:
        import datetime
        import openpyxl
    except ImportError:
        print("openpyxl not installed: %s left as it is" % path)
        return
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Scores"
    ws["A1"] = "Bid"
    ws["B1"] = 3
    ws["B2"] = 4.25
    ws["B3"] = "=SUM(B1:B2)"
    ws["C1"] = True
    ws["C2"] = datetime.datetime(2026, 11, 22)
    ws["D4"] = "Ünïcode ✓"
    hidden = wb.create_sheet("Secret")
    hidden.sheet_state = "veryHidden"
    hidden["A1"] = 1
    wb.save(path)


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def main():
    os.makedirs(CORPUS, exist_ok=True)
    fixtures = {
        "features.xlsx": FEATURES,
        "strict.xlsx": STRICT_PARTS,
        "no-workbook.xlsx": NO_WORKBOOK,
        "doctype.xlsx": DOCTYPE,
        "sst-index.xlsx": SST_INDEX,
        "bad-ref.xlsx": BAD_REF,
    }
    for name, parts in fixtures.items():
        data = zip_bytes(parts)
        write(os.path.join(HERE, name), data)
        write(os.path.join(CORPUS, name), data)
        write(os.path.join(CORPUS, name[:-5] + ".members"), members_text(parts))
    write(os.path.join(HERE, "not-a-zip.xlsx"), b"Question,Answer\nA,1\n")

    # bomb.xlsx: 65 MiB of zeros (~65 KiB deflated) declared as 1,000 bytes
    bomb = simple_package(worksheet("<row/>"))
    bomb = [(n, d) for n, d in bomb if n != "xl/worksheets/sheet1.xml"]
    bomb.append(("xl/worksheets/sheet1.xml", bytes(65 << 20)))
    write(os.path.join(HERE, "bomb.xlsx"),
          set_sizes(zip_bytes(bomb), "xl/worksheets/sheet1.xml", 1000))
    # declared-size.xlsx: a small sheet whose headers declare 100 MiB
    write(os.path.join(HERE, "declared-size.xlsx"),
          set_sizes(zip_bytes(simple_package(worksheet("<row/>"))),
                    "xl/worksheets/sheet1.xml", 100 << 20))

    openpyxl_workbook(os.path.join(HERE, "openpyxl.xlsx"))
    if os.path.exists(os.path.join(HERE, "openpyxl.xlsx")):
        with open(os.path.join(HERE, "openpyxl.xlsx"), "rb") as f:
            write(os.path.join(CORPUS, "openpyxl.xlsx"), f.read())

    # broken zips for the corpus
    good = zip_bytes(FEATURES)
    write(os.path.join(CORPUS, "broken-truncated.zip"), good[:len(good) // 2])
    crc = bytearray(zip_bytes(FEATURES, compression=zipfile.ZIP_STORED))
    at = crc.find(b"<sheetData>")  # stored: the data as written
    crc[at + 1] ^= 0x20
    write(os.path.join(CORPUS, "broken-crc.zip"), bytes(crc))
    write(os.path.join(CORPUS, "broken-empty.zip"),
          b"PK\x05\x06" + bytes(18))
    write(os.path.join(CORPUS, "broken-no-central.zip"),
          good[:good.find(b"PK\x01\x02")])
    write(os.path.join(CORPUS, "broken-stored-dup.zip"),
          zip_bytes(FEATURES + [("XL/Workbook.xml", "<x/>")],
                    compression=zipfile.ZIP_STORED))
    write(os.path.join(CORPUS, "declared-size.xlsx"),
          set_sizes(zip_bytes(simple_package(worksheet("<row/>"))),
                    "xl/worksheets/sheet1.xml", 100 << 20))
    write(os.path.join(CORPUS, "not-a-zip.xlsx"), b"Question,Answer\nA,1\n")


if __name__ == "__main__":
    main()
