#!/usr/bin/env python3
"""hostile_test.py - hostile inputs: each gives its expected clear error or
safe result, never a crash, a hang or unbounded memory.

usage: hostile_test.py ASSESS SOURCE_DIR

Every case runs the binary with a 60 s timeout and an address-space limit
of 2 GiB (RLIMIT_AS; skipped under ASan, which reserves more), and checks
the exit status and a substring of the message named beside it. The small
hostile files live in tests/data/hostile/ (see its README); the large ones
(a zip bomb, a 10 GB member, deep nesting) are made here, in a temporary
directory, because they are bigger than the repository should carry or are
made of repetition.
"""
import gzip
import io
import json
import os
import resource
import subprocess
import sys
import tarfile
import tempfile

from tally import check, summary
import zipfile

ASSESS, SRC = sys.argv[1], sys.argv[2]
RULES = os.path.join(SRC, "rules")
HOSTILE = os.path.join(SRC, "tests", "data", "hostile")
ASAN = "asan" in os.path.abspath(ASSESS)


def limit():
    if not ASAN:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def run(args, stdin=None):
    try:
        p = subprocess.run([ASSESS, *args, "--rules", RULES], capture_output=True,
                           timeout=60, preexec_fn=limit, input=stdin)
    except subprocess.TimeoutExpired:
        return None, "", "timeout"
    return p.returncode, p.stdout.decode("utf-8", "replace"), \
        p.stderr.decode("utf-8", "replace")


def expect(name, args, code, needle):
    """Exit status `code`, `needle` in stderr (or stdout), no crash."""
    rc, out, err = run(args)
    check(rc is not None, f"{name}: finished in time")
    check(rc == code, f"{name}: exit {code} expected, got {rc}: {err[-300:]}")
    check(needle in err + out, f"{name}: message with {needle!r}: {err[-300:]}")
    check("Sanitizer" not in err and "Segmentation" not in err, f"{name}: no crash")
    return rc, out, err


def notice_cases(tmp):
    h = lambda f: os.path.join(HOSTILE, f)
    # XML: every DOCTYPE is refused, so no entity is ever expanded or fetched
    expect("XXE local file", ["notice", h("xxe-local-file.xml")], 1, "DOCTYPE")
    expect("billion laughs", ["notice", h("billion-laughs.xml")], 1, "DOCTYPE")
    expect("external DTD", ["notice", h("external-dtd.xml")], 1, "DOCTYPE")
    expect("internal subset", ["notice", h("internal-subset.xml")], 1, "DOCTYPE")
    expect("XXE over the network", ["notice", h("xxe-network.xml")], 1, "DOCTYPE")
    # a schemaLocation naming a URL is read without fetching anything
    rc, out, _ = expect("schemaLocation URL", ["notice", h("schema-location-url.xml")],
                        0, "eforms")
    expect("NUL byte in XML", ["notice", h("nul-byte.xml")], 1, "line")
    expect("invalid UTF-8 in XML", ["notice", h("invalid-utf8.xml")], 1, "line")
    expect("BOM before XML", ["notice", h("bom.xml")], 0, "eforms")
    # JSON (OCDS)
    expect("BOM before JSON", ["notice", h("bom.json")], 1, "byte-order mark")
    rc, out, err = expect("duplicate key hiding a country", ["notice", h("duplicate-country.json")],
                          1, "duplicate key 'country'")
    check("US" not in out, "duplicate key: neither value is used")
    expect("1e999", ["notice", h("huge-number.json")], 1, "")
    expect("NaN", ["notice", h("nan.json")], 1, "malformed JSON")
    rc, out, _ = expect("-0", ["notice", h("negative-zero.json")], 0, "ocds")
    check('"amount": 0' in out or '"amount": -0' not in out, "-0 is read as 0")
    expect("invalid UTF-8 in JSON", ["notice", h("invalid-utf8.json")], 1, "UTF-8")
    expect("NUL escape in JSON", ["notice", h("nul-escape.json")], 1, "\\u0000")
    # deep nesting, made here
    deep_xml = os.path.join(tmp, "deep.xml")
    with open(deep_xml, "w") as f:
        f.write("<ContractNotice xmlns='urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2'>"
                + "<a>" * 100000 + "</a>" * 100000 + "</ContractNotice>")
    expect("deep XML", ["notice", deep_xml], 1, "line")
    deep_json = os.path.join(tmp, "deep.json")
    with open(deep_json, "w") as f:
        f.write("[" * 100000 + "]" * 100000)
    expect("deep JSON", ["notice", deep_json], 1, "deeper")
    # 10,001 lots: the first 10,000 are delivered and the limit is said
    import re
    base = open(os.path.join(SRC, "tests", "data", "notices", "eforms",
                             "cn_24_minimal.xml")).read()
    m = re.search(r"<cac:ProcurementProjectLot>.*?</cac:ProcurementProjectLot>", base, re.S)
    lots = "".join(m.group(0).replace("LOT-0001", "LOT-%05d" % i) for i in range(10001))
    many = os.path.join(tmp, "many-lots.xml")
    open(many, "w").write(base[:m.start()] + lots + base[m.end():])
    rc, out, err = expect("10,001 lots", ["notice", many], 1, "more than 10000 lots")
    check(out.count('"id": "LOT-') == 10000, "10,001 lots: the first 10,000 delivered")
    # a file over the limit: refused before it is read
    big = os.path.join(tmp, "big.xml")
    with open(big, "wb") as f:
        f.truncate(65 * 1024 * 1024)
    expect("file over 64 MiB", ["notice", big], 1, "limit")


def archive_cases(tmp):
    notice = open(os.path.join(SRC, "tests", "data", "notices", "eforms",
                               "can_24_minimal.xml"), "rb").read()
    # names that would escape an unpacking directory: nothing is unpacked,
    # the names are only reported
    z = os.path.join(tmp, "traversal.zip")
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("../../../../tmp/evil.xml", notice)
        f.writestr("/etc/passwd", b"root:x:0:0")
    rc, out, err = expect("path traversal and absolute names", ["batch", z, "--jsonl", "-"],
                          1, "/etc/passwd")
    rows = [json.loads(l) for l in out.splitlines() if l.strip()]
    check(any(r.get("member") == "../../../../tmp/evil.xml" and "error" not in r for r in rows),
          "traversal: the member is read in place under its own name")
    check(not os.path.exists("/tmp/evil.xml"), "traversal: nothing written outside")
    # a symbolic link and a hard link in a tar
    t = os.path.join(tmp, "links.tar")
    with tarfile.open(t, "w") as f:
        i = tarfile.TarInfo("passwd-link"); i.type = tarfile.SYMTYPE; i.linkname = "/etc/passwd"
        f.addfile(i)
        i = tarfile.TarInfo("ok.xml"); i.size = len(notice); f.addfile(i, io.BytesIO(notice))
    expect("symbolic link member", ["batch", t, "--jsonl", "-"], 1, "not a regular file")
    # a zip bomb: 200 MB of zeros deflated to about 200 KB
    bomb = os.path.join(tmp, "bomb.zip")
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as f:
        with f.open("bomb.xml", "w") as m:
            chunk = b"\0" * (1 << 20)
            for _ in range(200):
                m.write(chunk)
        f.writestr("after.xml", notice)
    check(os.path.getsize(bomb) < 2 << 20, "the bomb is small")
    rc, out, err = expect("zip bomb", ["batch", bomb, "--jsonl", "-"], 1, "limit")
    check(any(json.loads(l).get("member") == "after.xml" and "error" not in json.loads(l)
              for l in out.splitlines() if l.strip()), "zip bomb: the next member is read")
    # a member that is 10 GB when unpacked: its header says so; refused
    # without unpacking, and the archive's rest is not unpacked either
    ten = os.path.join(tmp, "ten-gb.tar.gz")
    with open(ten, "wb") as raw:
        gz = gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1, mtime=0)
        info = tarfile.TarInfo("huge.xml")
        info.size = 10 * 1000 ** 3
        gz.write(info.tobuf(format=tarfile.GNU_FORMAT))
        chunk = b"\0" * (1 << 20)
        for _ in range(64):  # 64 MiB of it is enough to prove the point
            gz.write(chunk)
        gz.close()
    rc, out, err = expect("10 GB member", ["batch", ten, "--jsonl", "-"], 1, "limit")


def formula_cases(tmp):
    """Text that a spreadsheet would run stays text in the workbook and is
    neutralised (a leading apostrophe) in the JSON lines."""
    notice = open(os.path.join(SRC, "tests", "data", "notices", "eforms",
                               "can_24_minimal.xml"), "rb").read()
    for lead in ("=", "+", "-", "@"):
        doc = notice.replace(b"Espaces Verts Lemire", lead.encode() + b"cmd|' /C calc'!A0")
        f = os.path.join(tmp, "formula.xml")
        open(f, "wb").write(doc)
        rc, out, err = expect(f"formula {lead}", ["batch", f, "--jsonl", "-"], 0, "")
        row = json.loads(out.splitlines()[0])
        name = row["awards"][0]["winners"][0]["name"]
        check(name == "'" + lead + "cmd|' /C calc'!A0",
              f"formula {lead}: neutralised in the JSON lines: {name!r}")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        notice_cases(tmp)
        archive_cases(tmp)
        formula_cases(tmp)
    return summary("hostile")


sys.exit(main())
