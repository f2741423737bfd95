#!/usr/bin/env python3
"""Compare two XLSX files part by part, XML element by element
(libxlsxwriter's test habit: never raw bytes, so a difference is named by its
part and element path).

usage: xlsx_compare.py EXPECTED.xlsx GOT.xlsx   (exit 0 when equal)

Both workbooks are unzipped; the part lists must be equal; each XML part is
parsed and compared element by element (tag, attributes, text with
surrounding whitespace stripped); other parts byte by byte. The created
date needs no dropping: assess pins it to the generation time.
"""

import sys
import zipfile
import xml.etree.ElementTree as ET


def _walk(a, b, path, out):
    here = f"{path}/{a.tag.split('}')[-1]}"
    if a.tag != b.tag:
        out.append(f"{here}: element {b.tag} instead of {a.tag}")
        return
    if a.attrib != b.attrib:
        out.append(f"{here}: attributes {b.attrib} instead of {a.attrib}")
    if (a.text or "").strip() != (b.text or "").strip():
        out.append(f"{here}: text {(b.text or '').strip()[:80]!r} instead of "
                   f"{(a.text or '').strip()[:80]!r}")
    ca, cb = list(a), list(b)
    if len(ca) != len(cb):
        out.append(f"{here}: {len(cb)} children instead of {len(ca)}")
    for i, (x, y) in enumerate(zip(ca, cb)):
        _walk(x, y, f"{here}[{i}]", out)


def compare(expected, got):
    """List of differences, each naming the part and the element."""
    out = []
    with zipfile.ZipFile(expected) as za, zipfile.ZipFile(got) as zb:
        na, nb = sorted(za.namelist()), sorted(zb.namelist())
        if na != nb:
            out.append(f"parts differ: missing {sorted(set(na) - set(nb))}, "
                       f"extra {sorted(set(nb) - set(na))}")
        for name in na:
            if name not in nb:
                continue
            da, db = za.read(name), zb.read(name)
            if name.endswith((".xml", ".rels")):
                diffs = []
                _walk(ET.fromstring(da), ET.fromstring(db), "", diffs)
                out += [f"{name}: {d}" for d in diffs]
            elif da != db:
                out.append(f"{name}: bytes differ")
    return out


if __name__ == "__main__":
    d = compare(sys.argv[1], sys.argv[2])
    for line in d[:50]:
        print(line)
    sys.exit(1 if d else 0)
