#!/usr/bin/env python3
"""batch_test.py - `assess batch` as an analyst runs it.

usage: batch_test.py ASSESS SOURCE_DIR PART

Parts (one ctest each):
  archive   a .tar.gz and a .zip with a truncated notice, an empty file and a
            non-XML file in the middle, a gzip stream damaged half-way, a
            directory: found = processed + failed, and each failure is
            reported three ways (stderr, JSON lines error record, errors
            sheet) with file, member and reason; the good notices still
            give their rows
  jobs      the same JSON lines and workbook rows with --jobs 1, 2 and 4
  rollover  a lowered row limit (--sheet-rows) starts new sheets with their
            header; no row is lost or repeated
  workbook  summary counts, Dutch labels, a notice without lots gives one
            row, text that looks like a formula stays text
  outputs   an unwritable target: exit 1, no partial file; an earlier
            workbook stays untouched; usage errors exit 64

The expected counts are worked out from the files the test itself builds.
Needs openpyxl (Debian python3-openpyxl).
"""
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile

import openpyxl

ASSESS, SRC, PART = sys.argv[1], sys.argv[2], sys.argv[3]
RULES = os.path.join(SRC, "rules")
EFORMS = os.path.join(SRC, "tests", "data", "notices", "eforms")
checks = 0
failures = []


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)


def run(*args, env=None):
    p = subprocess.run([ASSESS, "batch", *args, "--rules", RULES],
                       capture_output=True, text=True, env=env)
    return p.returncode, p.stdout, p.stderr


def jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def sheet_rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def good(name):
    with open(os.path.join(EFORMS, name), "rb") as f:
        return f.read()


def build_packages(tmp):
    """A tar.gz and a zip, members in this order:
    1 can_24_minimal.xml (1 lot), 2 truncated.xml, 3 empty.xml,
    4 binary.bin, 5 cn_24_minimal.xml; counts: 5 found, 2 processed."""
    members = [
        ("m1-can.xml", good("can_24_minimal.xml")),
        ("m2-truncated.xml", good("cn_24_minimal.xml")[:3000]),
        ("m3-empty.xml", b""),
        ("m4-binary.bin", bytes(range(256))),
        ("m5-cn.xml", good("cn_24_minimal.xml")),
    ]
    tgz = os.path.join(tmp, "pkg.tar.gz")
    with tarfile.open(tgz, "w:gz") as t:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    z = os.path.join(tmp, "pkg.zip")
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as f:
        for name, data in members:
            f.writestr(name, data)
    return tgz, z, members


def part_archive():
    tmp = tempfile.mkdtemp()
    try:
        tgz, z, members = build_packages(tmp)
        # a gzip stream damaged near its end (all the eForms examples, about
        # 400 KB compressed): the members before the damage are read, the
        # damage is one failure naming the archive or the member it hit
        big = os.path.join(tmp, "big.tar.gz")
        with tarfile.open(big, "w:gz") as t:
            for name in sorted(os.listdir(EFORMS)):
                if name.endswith(".xml"):
                    t.add(os.path.join(EFORMS, name), arcname=name)
        data = bytearray(open(big, "rb").read())
        at = len(data) * 9 // 10
        data[at:at + 64] = bytes(64)
        broken = os.path.join(tmp, "broken.tgz")
        open(broken, "wb").write(bytes(data))
        # a directory: a good file, an empty file, a non-notice XML
        d = os.path.join(tmp, "dir")
        os.mkdir(d)
        open(os.path.join(d, "a.xml"), "wb").write(good("can_24_minimal.xml"))
        open(os.path.join(d, "b.xml"), "wb").write(b"")
        open(os.path.join(d, "c.xml"), "wb").write(b"<html><body/></html>")
        out_x = os.path.join(tmp, "out.xlsx")
        out_j = os.path.join(tmp, "out.jsonl")
        rc, _, err = run(tgz, z, d, "-o", out_x, "--jsonl", out_j, "--jobs", "2")
        check(rc == 1, f"archive: exit status 1 expected, got {rc}")
        recs = jsonl(out_j)
        errs = [r for r in recs if "error" in r]
        rows = [r for r in recs if "error" not in r]
        # 5 + 5 members, 3 files; failures: 3 per package + 2 in the dir
        check(len(errs) == 8, f"archive: 8 error records, got {len(errs)}")
        summary = [l for l in err.splitlines() if "inputs found" in l]
        check(len(summary) == 1, "archive: one summary line on stderr")
        if summary:
            words = summary[0].split()
            found, processed, failed = int(words[2]), int(words[5]), int(words[7])
            check(found == 13 and failed == 8 and processed == 5,
                  f"archive: 13 found, 5 processed, 8 failed: {summary[0]}")
            check(found == processed + failed, "archive: found = processed + failed")
        for pkg in (tgz, z):
            for name, _ in members[1:4]:
                line = [l for l in err.splitlines()
                        if l.startswith(f"assess batch: {pkg}: {name}: ")]
                check(len(line) == 1, f"archive: stderr names {pkg} {name}")
                rec = [r for r in errs if r["source"] == pkg and r["member"] == name]
                check(len(rec) == 1 and rec[0]["error"],
                      f"archive: error record for {pkg} {name}")
        for name in ("b.xml", "c.xml"):
            path = os.path.join(d, name)
            check(any(l.startswith(f"assess batch: {path}: ") for l in err.splitlines()),
                  f"archive: stderr names {path}")
        check(any("<html>" in r["error"] for r in errs
                  if r["source"].endswith("c.xml")),
              "archive: a non-notice XML names its root element")
        check(any("empty" in r["error"] for r in errs if r["member"] == "m3-empty.xml"),
              "archive: the empty member is named empty")
        check(any("line" in r["error"] for r in errs if r["member"] == "m2-truncated.xml"),
              "archive: the truncated member's error has a line number")
        # every good notice gave its rows, in input order
        order = [(r["source"], r["member"]) for r in rows]
        expect_sources = [(tgz, "m1-can.xml"), (tgz, "m5-cn.xml"),
                          (z, "m1-can.xml"), (z, "m5-cn.xml"),
                          (os.path.join(d, "a.xml"), None)]
        seen = []
        for o in order:
            if not seen or seen[-1] != o:
                seen.append(o)
        check(seen == expect_sources, f"archive: rows in input order: {seen}")
        # the errors sheet lists the same failures with file, member, reason
        wb = openpyxl.load_workbook(out_x, read_only=True)
        check(wb.sheetnames[0] == "Summary" and wb.sheetnames[-1] == "Errors",
              f"archive: sheets {wb.sheetnames}")
        e_rows = sheet_rows(wb["Errors"])[1:]
        check(len(e_rows) == 8, f"archive: 8 rows on the errors sheet, got {len(e_rows)}")
        check([(r[0], r[1], r[2]) for r in e_rows] ==
              [(x["source"], x["member"], x["error"]) for x in errs],
              "archive: errors sheet = error records")
        n_rows = sheet_rows(wb["Notices"])[1:]
        check(len(n_rows) == len(rows), "archive: one sheet row per JSON row")
        wb.close()

        # the damaged stream
        rc, _, err = run(broken, "--jsonl", out_j)
        recs = jsonl(out_j)
        check(rc == 1, "archive: damaged stream exits 1")
        check(any(("broken" in r.get("error", "") and r["member"] is None) or
                  "cannot unpack" in r.get("error", "") for r in recs),
              "archive: damaged stream reported as such")
        check(len([r for r in recs if "error" not in r]) > 50,
              "archive: members before the damage are read")
        summary = [l for l in err.splitlines() if "inputs found" in l][0].split()
        check(int(summary[2]) == int(summary[5]) + int(summary[7]),
              "archive: damaged stream: found = processed + failed")
    finally:
        shutil.rmtree(tmp)


def all_notice_paths():
    base = os.path.join(SRC, "tests", "data", "notices")
    return [os.path.join(base, f) for f in sorted(os.listdir(base))]


def part_jobs():
    tmp = tempfile.mkdtemp()
    try:
        tgz, z, _ = build_packages(tmp)
        outs = {}
        for jobs in ("1", "2", "4"):
            j = os.path.join(tmp, f"j{jobs}.jsonl")
            x = os.path.join(tmp, f"j{jobs}.xlsx")
            rc, _, err = run(*all_notice_paths(), tgz, z, "--jobs", jobs,
                             "--jsonl", j, "-o", x)
            check(rc == 1, f"jobs {jobs}: exit 1 (the packages hold failures)")
            wb = openpyxl.load_workbook(x, read_only=True)
            rows = [sheet_rows(wb[n]) for n in wb.sheetnames if n != "Summary"]
            wb.close()
            outs[jobs] = (open(j, "rb").read(), rows)
        check(len(outs["1"][0]) > 10000, "jobs: the run produced rows")
        check(outs["1"][0] == outs["2"][0] == outs["4"][0],
              "jobs: JSON lines identical with --jobs 1, 2, 4")
        check(outs["1"][1] == outs["2"][1] == outs["4"][1],
              "jobs: workbook rows identical with --jobs 1, 2, 4")
    finally:
        shutil.rmtree(tmp)


def part_rollover():
    tmp = tempfile.mkdtemp()
    try:
        j = os.path.join(tmp, "r.jsonl")
        x = os.path.join(tmp, "r.xlsx")
        rc, _, err = run(EFORMS, "--jsonl", j, "-o", x, "--sheet-rows", "7")
        rows = [r for r in jsonl(j) if "error" not in r]
        n = len(rows)
        wb = openpyxl.load_workbook(x, read_only=True)
        sheets = [s for s in wb.sheetnames if s.startswith("Notices")]
        want = (n + 6) // 7
        check(len(sheets) == want, f"rollover: {want} sheets for {n} rows, got {len(sheets)}")
        check(sheets[:2] == ["Notices", "Notices (2)"], f"rollover: names {sheets[:2]}")
        got = []
        for s in sheets:
            data = sheet_rows(wb[s])
            check(data[0][0] == "Source file", f"rollover: header on {s}")
            check(1 <= len(data) - 1 <= 7, f"rollover: at most 7 rows on {s}")
            got += data[1:]
        wb.close()
        check(len(got) == n, f"rollover: {n} rows in all, got {len(got)}")
        check([(g[3], g[12]) for g in got] == [(r["notice_id"], r["lot"]) for r in rows],
              "rollover: the same rows in the same order as the JSON lines")
    finally:
        shutil.rmtree(tmp)


def part_workbook():
    tmp = tempfile.mkdtemp()
    try:
        x = os.path.join(tmp, "w.xlsx")
        j = os.path.join(tmp, "w.jsonl")
        bri = os.path.join(EFORMS, "X01_EEIG.xml")
        can = os.path.join(EFORMS, "can_24_maximal.xml")
        rc, _, err = run(bri, can, "-o", x, "--jsonl", j, "--lang", "nl")
        check(rc == 0, f"workbook: exit 0, got {rc}: {err}")
        rows = jsonl(j)
        bri_rows = [r for r in rows if r["source"] == bri]
        check(len(bri_rows) == 1 and bri_rows[0]["lot"] is None,
              "workbook: a notice without lots gives one row")
        wb = openpyxl.load_workbook(x, read_only=True)
        check(wb.sheetnames == ["Samenvatting", "Aankondigingen", "Per aanbestedende dienst",
                                "Per land", "Per CPV-groep", "Fouten"],
              f"workbook: Dutch sheet names, got {wb.sheetnames}")
        summ = {r[0]: r[1] for r in sheet_rows(wb["Samenvatting"]) if r and r[0]}
        check(summ.get("Gevonden invoer (bestanden en archiefleden)") == 2,
              f"workbook: found 2 in the summary: {summ}")
        check(summ.get("Rijen (een per aankondiging en perceel)") == len(rows),
              "workbook: row count in the summary")
        data = sheet_rows(wb["Aankondigingen"])
        check(data[0][0] == "Bronbestand", "workbook: Dutch column header")
        wb.close()
        # a winner named like a formula stays text
        doc = good("can_24_minimal.xml").replace(b"Espaces Verts Lemire",
                                                 b"=HYPERLINK(&quot;x&quot;)")
        f = os.path.join(tmp, "formula.xml")
        open(f, "wb").write(doc)
        rc, _, err = run(f, "-o", x)
        wb = openpyxl.load_workbook(x)
        cells = [c for row in wb["Notices"].iter_rows() for c in row
                 if isinstance(c.value, str) and c.value.startswith("=HYPER")]
        check(len(cells) == 1 and cells[0].data_type == "s",
              "workbook: formula-like text is a string cell")
        wb.close()
        # the progress line: on a terminal only (script(1) gives one)
        rc, _, err = run(can, "--jsonl", os.devnull)
        check("notices/s" not in err, "workbook: no progress line without a terminal")
        cmd = " ".join([ASSESS, "batch", can, "--jsonl", os.devnull, "--rules", RULES])
        p = subprocess.run(["script", "-qec", cmd, os.devnull], capture_output=True, text=True)
        check("notices/s" in p.stdout and "ETA" in p.stdout,
              f"workbook: a progress line on a terminal: {p.stdout[-200:]!r}")
    finally:
        shutil.rmtree(tmp)


def part_outputs():
    tmp = tempfile.mkdtemp()
    try:
        x = os.path.join(tmp, "keep.xlsx")
        open(x, "wb").write(b"earlier workbook")
        bad = os.path.join(tmp, "no-such-dir", "out.xlsx")
        rc, _, err = run(EFORMS, "-o", bad)
        check(rc == 1 and not os.path.exists(bad), "outputs: unwritable target: exit 1, no file")
        check("no-such-dir" in err, "outputs: the error names the target")
        # a run whose JSON lines cannot be written leaves the workbook alone
        rc, _, err = run(EFORMS, "-o", x, "--jsonl", os.path.join(tmp, "nope", "r.jsonl"))
        check(rc == 1 and open(x, "rb").read() == b"earlier workbook",
              "outputs: an earlier workbook stays untouched")
        check(sorted(os.listdir(tmp)) == ["keep.xlsx"], f"outputs: no temporary files left: {os.listdir(tmp)}")
        for args in (["--jobs", "0", EFORMS, "--jsonl", "-"],
                     ["--jobs", "x", EFORMS, "--jsonl", "-"],
                     ["--sheet-rows", "1048576", EFORMS, "-o", x],
                     [EFORMS],
                     ["--lang", "de", EFORMS, "-o", x]):
            rc, _, err = run(*args)
            check(rc == 64, f"outputs: usage error for {args}: {rc}")
    finally:
        shutil.rmtree(tmp)


def part_groups():
    """Winners resolved to supplier groups through the registry, on the
    notice's publication date: Silo AI Oy (FI) is AMD's from 2024-08-09
    (rules/registry/entities.json, link silo-ai -> amd), so a notice
    published the day before names Silo AI as its own group and one
    published that day names AMD (US); Microsoft Ireland Operations Ltd
    (an alias) is Microsoft's; an unknown winner has no group."""
    tmp = tempfile.mkdtemp()
    try:
        base = good("can_24_minimal.xml")
        cases = [("Silo AI Oy", b"FIN", "2024-08-08", "silo-ai", "FI"),
                 ("Silo AI Oy", b"FIN", "2024-08-09", "amd", "US"),
                 ("Microsoft Ireland Operations Ltd", b"IRL", "2024-01-01",
                  "microsoft-corp", "US"),
                 ("Espaces Verts Lemire", b"FRA", "2024-01-01", None, None)]
        paths = []
        for i, (name, a3, date, _, _) in enumerate(cases):
            doc = base.replace(b"Espaces Verts Lemire", name.encode())
            # the winner's country (the fourth organisation) and a
            # publication date (OPP-012) in the notice's extension
            head, sep, tail = doc.rpartition(b"ORG-0004")
            tail = tail.replace(b">FRA<", b">" + a3 + b"<", 1)
            doc = head + sep + tail
            doc = doc.replace(b"<efext:EformsExtension>",
                              b"<efext:EformsExtension><efac:Publication>"
                              b"<efbc:NoticePublicationID schemeName=\"ojs-notice-id\">"
                              b"00000001-2024</efbc:NoticePublicationID>"
                              b"<efbc:PublicationDate>" + date.encode() +
                              b"+01:00</efbc:PublicationDate></efac:Publication>", 1)
            f = os.path.join(tmp, "g%d.xml" % i)
            open(f, "wb").write(doc)
            paths.append(f)
        # 40 rounds on 4 threads: the name keys are made by every worker at
        # once (a strtok in them once mixed up the threads' names)
        j = os.path.join(tmp, "g.jsonl")
        rc, _, err = run(*(paths * 40), "--jsonl", j, "--jobs", "4")
        check(rc == 0, f"groups: exit 0: {err}")
        rows = jsonl(j)
        check(len(rows) == 40 * len(cases), f"groups: {40 * len(cases)} rows")
        for row, (name, _, date, group, country) in zip(rows, cases * 40):
            w = row["awards"][0]["winners"][0] if row["awards"] else {}
            check(row["publication_date"] == date, f"groups: date {date}")
            check(w.get("name") == name, f"groups: winner {name}: {w}")
            check(w.get("group") == group and w.get("group_country") == country,
                  f"groups: {name} on {date}: group {group} ({country}), got "
                  f"{w.get('group')} ({w.get('group_country')})")
    finally:
        shutil.rmtree(tmp)


def part_merge():
    """--shard K/N and assess merge give exactly one run's rows, counts and
    aggregates: every test notice (three formats, failures among them) and a
    package, in 3 shards, merged in another order."""
    tmp = tempfile.mkdtemp()
    try:
        tgz, _, _ = build_packages(tmp)
        paths = all_notice_paths() + [tgz]
        one = {x: os.path.join(tmp, "one." + x) for x in ("xlsx", "jsonl", "json")}
        rc1, _, err1 = run(*paths, "-o", one["xlsx"], "--jsonl", one["jsonl"],
                           "--aggregates", one["json"], "--jobs", "2")
        parts = []
        for k in (1, 2, 3):
            part = os.path.join(tmp, "part%d.jsonl" % k)
            rc, _, err = run(*paths, "--shard", "%d/3" % k, "--part", part)
            check(rc in (0, 1) and os.path.exists(part), f"merge: shard {k}: {err[-300:]}")
            parts.append(part)
        m = {x: os.path.join(tmp, "m." + x) for x in ("xlsx", "jsonl", "json")}
        p = subprocess.run([ASSESS, "merge", parts[2], parts[0], parts[1], "-o", m["xlsx"],
                            "--jsonl", m["jsonl"], "--aggregates", m["json"],
                            "--rules", RULES], capture_output=True, text=True)
        check(p.returncode == rc1, f"merge: exit status {p.returncode} as the run's {rc1}")
        line1 = [l for l in err1.splitlines() if "inputs found" in l][0]
        line2 = [l for l in p.stderr.splitlines() if "inputs found" in l][0]
        check(line1.split(";")[0].split(":")[1] == line2.split(";")[0].split(":")[1],
              f"merge: the same counts: {line1} / {line2}")
        check(open(one["jsonl"], "rb").read() == open(m["jsonl"], "rb").read(),
              "merge: JSON lines identical to one run")
        check(open(one["json"], "rb").read() == open(m["json"], "rb").read(),
              "merge: aggregates identical to one run")
        w1 = openpyxl.load_workbook(one["xlsx"], read_only=True)
        w2 = openpyxl.load_workbook(m["xlsx"], read_only=True)
        check(w1.sheetnames == w2.sheetnames, "merge: the same sheets")
        for name in w1.sheetnames:
            a, b = sheet_rows(w1[name]), sheet_rows(w2[name])
            if name == "Summary":  # the paths are the run's; the counts too
                a, b = a[:9], b[:9]
            check(a == b, f"merge: sheet {name} identical")
        w1.close()
        w2.close()
        # a missing and a repeated shard are refused
        p = subprocess.run([ASSESS, "merge", parts[0], parts[1], "--jsonl", m["jsonl"],
                            "--rules", RULES], capture_output=True, text=True)
        check(p.returncode == 1 and "shard 3/3 is missing" in p.stderr,
              f"merge: a missing shard named: {p.stderr}")
        p = subprocess.run([ASSESS, "merge", parts[0], parts[0], parts[1], parts[2],
                            "--jsonl", m["jsonl"], "--rules", RULES],
                           capture_output=True, text=True)
        check(p.returncode == 1 and "given twice" in p.stderr,
              f"merge: a repeated shard named: {p.stderr}")
    finally:
        shutil.rmtree(tmp)


def part_aggregates():
    """The indicators worked out by hand for six award releases of one buyer
    (OCDS, built with checks_cases.release):
      r1 Microsoft Ireland (IE; group microsoft-corp, US)  600 EUR, 1 tender
      r2 Wolk B.V. (NL, not in the registry)               300 EUR, 3 tenders
      r3 Wolk B.V. (NL)                                    100 EUR, 1 tender
      r4 Acme Inc. (US, not in the registry)                50 USD, no count
      r5 a contract amendment (cont-modif): not an award, not counted
      r6 a cloud lot (CPV 72317000) whose criteria value exit, Wolk B.V.,
         no value, no tender count; r1 is a cloud lot with price only
    EUR: EU/EEA 2 awards (r2, r3), value 400; US 1 (r1), value 600; groups
    microsoft-corp 600 and Wolk 400: shares 0.6 and 0.4, HHI = (0.36 +
    0.16) x 10,000 = 5,200, CR4 = 100 %. USD: US 1 award, 50, HHI 10,000.
    r6 has no value: one EU/EEA award under currency ''. Lots with a tender
    count: r1, r2, r3; single tender: r1, r3. Cloud lots with criteria: r1
    (price only) and r6 (exit): 2, of which 1 with a sovereignty criterion.
    CPV groups: 452 (road works 45233141) and 723 (72317000)."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from checks_cases import release
    tmp = tempfile.mkdtemp()
    try:
        def supplier(name, country):
            return {"id": "S", "name": name, "address": {"country": country},
                    "roles": ["supplier"]}
        cloud_items = [{"id": "1", "classification": {"scheme": "CPV", "id": "72317000"},
                        "relatedLot": "L1"}]
        rels = [
            release(id="r1", parties__1=supplier("Microsoft Ireland Operations Limited", "IE"),
                    tender__numberOfTenderers=1, tender__items=cloud_items,
                    **{"tender__lots__0__awardCriteria": {"criteria": [{"type": "price", "name": "Prijs"}]},
                       "awards__0__value": {"amount": 600, "currency": "EUR"}}),
            release(id="r2", parties__1=supplier("Wolk B.V.", "NL"), tender__numberOfTenderers=3,
                    **{"awards__0__value": {"amount": 300, "currency": "EUR"}}),
            release(id="r3", parties__1=supplier("Wolk B.V.", "NL"), tender__numberOfTenderers=1,
                    **{"awards__0__value": {"amount": 100, "currency": "EUR"}}),
            release(id="r4", parties__1=supplier("Acme Inc.", "US"), tender__numberOfTenderers=None,
                    **{"awards__0__value": {"amount": 50, "currency": "USD"}}),
            release(id="r5", tag=["contractAmendment"], parties__1=supplier("Wolk B.V.", "NL"),
                    **{"awards__0__value": {"amount": 999, "currency": "EUR"}}),
            release(id="r6", parties__1=supplier("Wolk B.V.", "NL"), tender__items=cloud_items,
                    tender__numberOfTenderers=None,
                    **{"tender__lots__0__awardCriteria": {"criteria": [
                        {"type": "quality", "name": "Exitplan en overdraagbaarheid"},
                        {"type": "price", "name": "Prijs"}]},
                       "awards__0__value": None}),
        ]
        paths = []
        for i, r in enumerate(rels):
            if r["tender"].get("numberOfTenderers") is None:
                r["tender"].pop("numberOfTenderers", None)
            if r["awards"][0].get("value") is None:
                r["awards"][0].pop("value")
            r["ocid"] = "ocds-agg-%d" % i
            f = os.path.join(tmp, "r%d.json" % i)
            json.dump(r, open(f, "w"))
            paths.append(f)
        agg = os.path.join(tmp, "agg.json")
        rc, _, err = run(*paths, "--aggregates", agg)
        check(rc == 0, f"aggregates: exit 0: {err}")
        a = json.load(open(agg))
        buyers = a["by_buyer"]
        check(len(buyers) == 1 and buyers[0]["key"] == "Gemeente Testdam"
              and buyers[0]["country"] == "NL", f"aggregates: one buyer: {buyers}")
        b = buyers[0]
        cur = {c["currency"]: c for c in b["currencies"]}
        check(sorted(cur) == ["", "EUR", "USD"], f"aggregates: currencies {sorted(cur)}")
        eur, usd = cur.get("EUR", {}), cur.get("USD", {})
        r = eur.get("regions", {})
        check(r.get("EU/EEA") == {"awards": 2, "value": 400} and
              r.get("US") == {"awards": 1, "value": 600},
              f"aggregates: EUR by region {r}")
        check(cur[""]["regions"]["EU/EEA"]["awards"] == 1,
              "aggregates: the award without value under currency ''")
        check(eur.get("supplier_groups") == 2 and abs(eur.get("hhi", 0) - 5200) < 1e-6
              and abs(eur.get("cr4_percent", 0) - 100) < 1e-9,
              f"aggregates: EUR HHI 5200, CR4 100: {eur}")
        check(usd.get("regions", {}).get("US") == {"awards": 1, "value": 50}
              and usd.get("hhi") == 10000, f"aggregates: USD {usd}")
        check(b["lots_with_tender_count"] == 3 and b["single_tender_lots"] == 2,
              f"aggregates: single tender 2 of 3: {b}")
        check(b["cloud_ai_lots_with_criteria"] == 2 and b["with_sovereignty_criterion"] == 1,
              f"aggregates: sovereignty criterion in 1 of 2 cloud lots: {b}")
        check([c["key"] for c in a["by_buyer_country"]] == ["NL"], "aggregates: by country")
        check(sorted(c["key"] for c in a["by_cpv_group"]) == ["452" + "00000", "723" + "00000"],
              f"aggregates: CPV groups {[c['key'] for c in a['by_cpv_group']]}")
    finally:
        shutil.rmtree(tmp)


PARTS = {"merge": part_merge, "aggregates": part_aggregates, "groups": part_groups, "archive": part_archive, "jobs": part_jobs, "rollover": part_rollover,
         "workbook": part_workbook, "outputs": part_outputs}
PARTS[PART]()
for f in failures:
    print("FAIL:", f)
print(f"batch_{PART}: {checks} checks, {len(failures)} failed")
sys.exit(1 if failures else 0)
