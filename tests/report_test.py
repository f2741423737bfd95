#!/usr/bin/env python3
"""The XLSX report as a user and an auditor meet it.

usage: report_test.py ASSESS SOURCE_DIR [PART ...]

Parts (all by default):
  golden     the example report equals tests/golden/cloud-report.xlsx part by
             part, XML element by element (xlsx_compare.py)
  values     sheets, headers and every number read back with openpyxl equal the
             results JSON (which golden_hand_check checks by hand); nl labels
  determinism  same inputs and timestamp: identical bytes, from any directory
             and with SOURCE_DATE_EPOCH; atomic output keeps the old file
  safe       formula-looking text stays text, sheet names fitted, long text cut
             with a marker
  large      a 200-bid tender stays readable (sheet names, widths, charts)
  verify     assess verify: clean report, cells edited through openpyxl, a
             deleted row, a swapped bid, another registry
  recalc     LibreOffice recalculates every formula to the JSON values
             (needs libreoffice-calc; fails without it)

Needs python3-openpyxl (Debian). Expected values come from the results JSON
of the same run; tests/golden/hand_check.py checks that JSON by hand.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import soffice  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import xlsx_compare  # noqa: E402

ASSESS, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
PARTS = sys.argv[3:]
EX = os.path.join(SRC, "templates", "examples", "cloud")
TENDER = os.path.join(EX, "tender.json")
BIDS = sorted(os.path.join(EX, f) for f in os.listdir(EX) if f.startswith("bid-"))
TS = "2026-11-22T10:00:00Z"
TOL = 5e-5
failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(*args, env=None, cwd=None):
    e = dict(os.environ, ASSESS_RULES=os.path.join(SRC, "rules"))
    e.pop("SOURCE_DATE_EPOCH", None)
    if env:
        e.update(env)
    return subprocess.run([ASSESS, *args], capture_output=True, text=True,
                          env=e, cwd=cwd)


def score(tmp, name, *extra, bids=None, lang="en"):
    out = os.path.join(tmp, name + ".xlsx")
    js = os.path.join(tmp, name + ".json")
    p = run("score", "--tender", TENDER, "--timestamp", TS, "--lang", lang,
            "-o", out, "--json", js, *extra, *(bids or BIDS))
    check(p.returncode == 0, f"score {name}: exit {p.returncode}: {p.stderr}")
    with open(js, encoding="utf-8") as f:
        return out, json.load(f)


def near(a, b):
    return isinstance(a, (int, float)) and abs(a - b) <= TOL


def summary_rows(ws):
    """Rows of the summary table keyed by bid id (header at row 16)."""
    head = [c.value for c in ws[16]]
    rows = {}
    for r in ws.iter_rows(min_row=17, values_only=True):
        if r[1]:
            rows[r[1]] = dict(zip(head, r))
    return head, rows


# ---------------------------------------------------------------- golden
def part_golden(tmp):
    out, _ = score(tmp, "golden")
    golden = os.path.join(SRC, "tests", "golden", "cloud-report.xlsx")
    diff = xlsx_compare.compare(golden, out)
    check(not diff, "report differs from tests/golden/cloud-report.xlsx "
          "(regenerate: see tests/golden/README.md): " + "; ".join(diff[:5]))
    # the golden workbook's numbers against the hand computation of
    # tests/golden/hand_check.py (points, SEAL and score typed by hand)
    sys.path.insert(0, os.path.join(HERE, "golden"))
    import hand_check
    wb = openpyxl.load_workbook(golden, data_only=True)
    for bid, objs, total, seal in (
            ("bid-kwelder", hand_check.KWELDER_OBJ, hand_check.KWELDER_TOTAL,
             hand_check.KWELDER_SEAL),
            ("bid-zhenlan", hand_check.ZHENLAN_OBJ, hand_check.ZHENLAN_TOTAL,
             hand_check.ZHENLAN_SEAL)):
        ws = wb[bid]
        for k, (oid, (points, oseal)) in enumerate(objs.items()):
            check(ws.cell(12 + k, 1).value == oid and
                  near(ws.cell(12 + k, 4).value, points) and
                  ws.cell(12 + k, 6).value == oseal,
                  f"golden {bid} {oid}: {points} points, SEAL-{oseal} by hand")
        check(near(ws["G20"].value, total), f"golden {bid}: score {total} by hand")
        check(ws["G21"].value == seal, f"golden {bid}: SEAL-{seal} by hand")
        _, rows = summary_rows(wb["Summary"])
        check(near(rows[bid]["Sovereignty Score (%)"], total),
              f"golden summary {bid}: {total} by hand")


# ---------------------------------------------------------------- values
def part_values(tmp):
    out, res = score(tmp, "values")
    wb = openpyxl.load_workbook(out)          # formulas
    wv = openpyxl.load_workbook(out, data_only=True)  # cached values
    names = wb.sheetnames
    bids = {b["id"]: b for b in res["bids"]}
    want = ["Summary", "Charts", *[], "Flags", "Evidence gaps", "Framework", "Audit"]
    check(names[:2] == want[:2] and names[-4:] == want[2:],
          f"fixed sheets: {names}")
    check(set(names[2:-4]) == set(bids), f"one sheet per bid: {names[2:-4]}")
    s = wv["Summary"]
    check(s["A1"].value == "Sovereignty assessment of bids", "summary title")
    check(s["C4"].value == res["tender"]["title"], "summary tender title")
    check(s["C6"].value == res["tender"]["assessment_date"], "assessment date")
    check(s["C11"].value == "not screened against a sanctions list",
          "summary says not screened")
    check(wb["Summary"].freeze_panes == "C17", "summary header frozen")
    check(wb["Summary"].auto_filter.ref is not None and
          wb["Summary"].auto_filter.ref.startswith("A16:"), "summary autofilter")
    head, rows = summary_rows(s)
    check(head[:8] == ["Lot", "Bid", "Tenderer", "Country",
                       "Sovereignty Score (%)", "SEAL", "Gate",
                       "Sovereignty rank"], f"summary header {head[:8]}")
    check(len(rows) == len(bids), "a summary row per bid")
    gate_words = {"passed": "passed", "failed": "failed", "unknown": "unknown"}
    for bid, b in bids.items():
        r = rows.get(bid, {})
        check(near(r.get("Sovereignty Score (%)"), b["score_percent"]),
              f"{bid}: summary score {r.get('Sovereignty Score (%)')} vs "
              f"{b['score_percent']}")
        check(r.get("SEAL") == b["seal"] or (r.get("SEAL") in ("", None) and
                                             b["seal"] is None),
              f"{bid}: summary SEAL")
        check(r.get("Gate") == gate_words[b["gate"]["status"]], f"{bid}: gate")
        rank = b["sovereignty_rank"]
        check(r.get("Sovereignty rank") == (rank if rank else "not ranked"),
              f"{bid}: rank")
        for oid, o in b["objectives"].items():
            check(near(r.get(oid), o["score_percent"]), f"{bid}: {oid} score")
        sev = {}
        for f in b["flags"]:
            sev[f["severity"]] = sev.get(f["severity"], 0) + 1
        for name in ("blocker", "high", "medium", "low", "info"):
            check(r.get("Flags: " + name) == sev.get(name, 0),
                  f"{bid}: flags {name}")
        # the bid's own sheet: criteria rows and live formulas
        ws, wf = wv[bid], wb[bid]
        check(ws["G20"].value is not None and near(ws["G20"].value,
                                                   b["score_percent"]),
              f"{bid}: sheet score")
        check(isinstance(wf["G20"].value, str) and
              wf["G20"].value.startswith("=SUM("), f"{bid}: score is a formula")
        crit = {}
        for row in ws.iter_rows(min_row=24, values_only=True):
            if row[1]:
                crit[row[1]] = row
        check(len(crit) == len(b["criteria"]), f"{bid}: a row per criterion")
        for cid, c in b["criteria"].items():
            row = crit.get(cid)
            if not row:
                continue
            check(near(row[6], c["points"]), f"{bid} {cid}: points")
            check(row[4] == c["rung"], f"{bid} {cid}: rung")
            check(row[7] == c["seal"], f"{bid} {cid}: SEAL")
        for k, oid in enumerate(b["objectives"]):
            o = b["objectives"][oid]
            check(near(ws.cell(12 + k, 4).value, o["points"]),
                  f"{bid}: {oid} points subtotal")
            check(str(wf.cell(12 + k, 4).value).startswith("=SUM(G"),
                  f"{bid}: {oid} subtotal is a formula")
            # weighted % = weight% x objective score% / 100
            check(near(ws.cell(12 + k, 7).value,
                       o["weight_percent"] * o["score_percent"] / 100),
                  f"{bid}: {oid} weighted {ws.cell(12 + k, 7).value}")
    # flags sheet: one row per flag
    fl = wv["Flags"]
    n_flags = sum(len(b["flags"]) for b in res["bids"])
    check(fl.max_row - 1 == n_flags, f"flags rows {fl.max_row - 1} vs {n_flags}")
    check([c.value for c in fl[1]] == ["Bid", "Lot", "Family", "Severity", "Code",
                                       "Criterion", "Message", "Entity chain",
                                       "Laws", "Basis"], "flags header")
    # evidence gaps: the sanctions list was not given
    gaps = [r for r in wv["Evidence gaps"].iter_rows(min_row=2, values_only=True)]
    check(any(r[2] == "SANCTIONS" and "no sanctions list" in (r[3] or "")
              for r in gaps), "gaps say not screened")
    n_gaps = sum(len(b["evidence_gaps"]) for b in res["bids"])
    check(sum(1 for r in gaps if r[0] in bids) >= n_gaps,
          "every evidence gap listed")
    # framework: a row per rung
    fw = json.load(open(os.path.join(SRC, "rules", "frameworks",
                                     "csf-2026.json"), encoding="utf-8"))
    n_rungs = sum(len(c["rungs"]) for o in fw["objectives"]
                  for c in o["criteria"])
    check(wv["Framework"].max_row - 1 == n_rungs,
          f"framework rows {wv['Framework'].max_row - 1} vs {n_rungs}")
    # audit: digests of every input and rule file, also as properties
    audit = {r[2]: r for r in wv["Audit"].iter_rows(min_row=18, values_only=True)
             if r[0] and r[3]}
    for inp in res["inputs"]:
        check(inp["file"] in audit and audit[inp["file"]][3] == inp["sha256"],
              f"audit digest of {inp['file']}")
    for b in res["bids"]:
        check(audit.get(b["file"], [None] * 4)[3] == b["sha256"],
              f"audit digest of {b['file']}")
    check("labels.en.json" in audit, "audit lists the labels file")
    with zipfile.ZipFile(out) as z:
        custom = z.read("docProps/custom.xml").decode()
    check(res["framework"]["sha256"] in custom, "custom property digest")
    check(TS in custom, "custom property generation time")
    # no absolute paths anywhere in the workbook
    with zipfile.ZipFile(out) as z:
        blob = b"".join(z.read(n) for n in z.namelist())
    check(SRC.encode() not in blob, "no absolute path in the workbook")
    # Dutch
    out_nl, _ = score(tmp, "values-nl", lang="nl")
    nl = openpyxl.load_workbook(out_nl, data_only=True)
    check(nl.sheetnames[0] == "Samenvatting" and nl.sheetnames[-1] ==
          "Verantwoording", f"nl sheet names {nl.sheetnames}")
    check(nl["Samenvatting"]["A16"].value == "Perceel", "nl header")


# ---------------------------------------------------------------- determinism
def part_determinism(tmp):
    a, _ = score(tmp, "det-a")
    b, _ = score(tmp, "det-b")
    check(open(a, "rb").read() == open(b, "rb").read(), "same run, same bytes")
    # from another directory with relative paths, and the time from the
    # environment instead of --timestamp
    work = os.path.join(tmp, "elsewhere")
    os.makedirs(work)
    shutil.copytree(EX, os.path.join(work, "ex"))
    c = os.path.join(tmp, "det-c.xlsx")
    p = run("score", "--tender", "ex/tender.json", "-o", c, "ex",
            env={"SOURCE_DATE_EPOCH": "1795341600"}, cwd=work)  # = TS
    check(p.returncode == 0, f"score from elsewhere: {p.stderr}")
    check(open(a, "rb").read() == open(c, "rb").read(),
          "other directory and SOURCE_DATE_EPOCH: same bytes")
    # atomic: a failing run leaves the old report as it was, and no temp file
    before = open(a, "rb").read()
    p = run("score", "--tender", TENDER, "--timestamp", TS, "-o", a, *BIDS,
            env={"ASSESS_TEMPLATES": os.path.join(tmp, "no-such-dir")})
    check(p.returncode == 1 and "labels.en.json" in p.stderr,
          f"missing labels: exit 1 naming the file ({p.returncode}, {p.stderr})")
    check(open(a, "rb").read() == before, "failed run keeps the old report")
    check(not [f for f in os.listdir(tmp) if ".tmp-" in f],
          "no temporary file left")
    z1, z2 = os.path.join(tmp, "z1.xlsx"), os.path.join(tmp, "z2.xlsx")
    for z in (z1, z2):
        run("score", "--tender", TENDER, "-o", z, *BIDS, env={"SOURCE_DATE_EPOCH": "0"})
    check(open(z1, "rb").read() == open(z2, "rb").read(),
          "SOURCE_DATE_EPOCH=0: same bytes (the clock is never read)")
    p = run("score", "--tender", TENDER, "--timestamp", "yesterday", "-o", a,
            *BIDS)
    check(p.returncode == 64 and "--timestamp" in p.stderr, "bad --timestamp")
    p = run("score", "--tender", TENDER, "--lang", "de", "-o", a, *BIDS)
    check(p.returncode == 64 and "--lang" in p.stderr, "bad --lang")


# ---------------------------------------------------------------- safe
def hostile_bid(src, bid_id, tenderer, evidence):
    with open(src, encoding="utf-8") as f:
        b = json.load(f)
    b["id"] = bid_id
    for e in b["entities"]:
        if e["id"] == b["tenderer"]:
            e["name"] = tenderer
    first = next(iter(b["answers"]))
    b["answers"][first]["evidence"] = evidence
    return b


def part_safe(tmp):
    d = os.path.join(tmp, "hostile")
    os.makedirs(d)
    src = BIDS[0]
    cases = [
        ("=HYPERLINK(\"http://x\",\"a\")", "=cmd|' /C calc'!A0", "+1+1"),
        ("a[b]:c*d?e/f\\g'", "@SUM(A1)", "-2+3"),
        ("A-very-long-bid-identifier-that-exceeds-thirty-one", "Name", "x" * 40000),
        ("a-very-long-bid-identifier-that-exceeds-thirty-one-too", "Other", "é" * 20000),
        ("history", "History Ltd", "ok"),
    ]
    for k, (bid_id, name, ev) in enumerate(cases):
        with open(os.path.join(d, f"b{k}.json"), "w", encoding="utf-8") as f:
            json.dump(hostile_bid(src, bid_id, name, ev), f)
    out = os.path.join(tmp, "hostile.xlsx")
    p = run("score", "--tender", TENDER, "--timestamp", TS, "-o", out, d)
    check(p.returncode == 0, f"hostile bids scored: {p.stderr}")
    wb = openpyxl.load_workbook(out)
    names = wb.sheetnames
    check(all(len(n.encode("utf-16-le")) // 2 <= 31 for n in names),
          f"sheet names within 31: {names}")
    check(all(not set(n) & set("[]:*?/\\") for n in names), "no bad characters")
    check(len({n.lower() for n in names}) == len(names), "names unique")
    check("History" not in names and "history" not in names, "History reserved")
    s = wb["Summary"]
    col_b = [s.cell(r, 2) for r in range(17, 17 + len(cases))]
    col_c = [s.cell(r, 3) for r in range(17, 17 + len(cases))]
    ids = {c.value for c in col_b}
    check(cases[0][0] in ids, "a bid id that looks like a formula is kept")
    for c in col_b + col_c:
        check(c.data_type == "s", f"{c.coordinate} {c.value!r} is text")
    # evidence: cut with a visible marker, within Excel's limit
    found = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=24, max_row=24):
            v = row[9].value if len(row) > 9 else None
            if isinstance(v, str) and v.endswith("... [truncated]"):
                found += 1
                check(len(v) <= 32767, "cut text within 32,767 characters")
            if isinstance(v, str) and v.startswith(("+", "-")):
                check(row[9].data_type == "s", "evidence '+1+1' is text")
    check(found == 2, f"two long texts cut with the marker ({found})")
    p = run("verify", out, "--tender", TENDER, d)
    check(p.returncode == 0, f"hostile report verifies: {p.stdout} {p.stderr}")
    # long UTF-8 names, emoji ids that clash after cutting, and two bids
    # with the same file name in two folders
    d2 = os.path.join(tmp, "hostile2")
    for sub, (bid_id, name) in (("a", ("\U0001F600" * 15 + "a", "x" + "é" * 700)),
                                ("b", ("\U0001F600" * 15 + "ab", "y" * 300))):
        os.makedirs(os.path.join(d2, sub))
        with open(os.path.join(d2, sub, "bid.json"), "w", encoding="utf-8") as f:
            json.dump(hostile_bid(src, bid_id, name, "ok"), f)
    out2 = os.path.join(tmp, "hostile2.xlsx")
    p = run("score", "--tender", TENDER, "--timestamp", TS, "-o", out2,
            os.path.join(d2, "a"), os.path.join(d2, "b"))
    check(p.returncode == 0, f"long names scored: {p.stderr}")
    wb2 = openpyxl.load_workbook(out2)
    check(all(len(n.encode("utf-16-le")) // 2 <= 31 for n in wb2.sheetnames),
          f"emoji sheet names within 31 units: {wb2.sheetnames}")
    check(wb2["Summary"]["C18"].value in ("x" + "é" * 700, "y" * 300),
          "a 701-character name kept whole")
    p = run("verify", out2, "--tender", TENDER, os.path.join(d2, "a"),
            os.path.join(d2, "b"))
    check(p.returncode == 0, f"same file name twice verifies: {p.stdout} {p.stderr}")


# ---------------------------------------------------------------- large
def part_large(tmp):
    d = os.path.join(tmp, "large")
    subprocess.run([sys.executable, os.path.join(HERE, "bench", "gen_bids.py"),
                    d, "200", "7"], check=True)
    out = os.path.join(tmp, "large.xlsx")
    p = run("score", "--tender", os.path.join(d, "tender.json"), "--timestamp",
            TS, "-o", out, d)
    check(p.returncode == 0, f"200 bids: {p.stderr}")
    wb = openpyxl.load_workbook(out)
    check(len(wb.sheetnames) == 206, f"206 sheets ({len(wb.sheetnames)})")
    s = wb["Summary"]
    for col in "ABCDE":
        w = s.column_dimensions[col].width
        check(w and 6 <= w <= 52, f"summary column {col} fitted ({w})")
    with zipfile.ZipFile(out) as z:
        charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/"))
        check(len(charts) == 4, f"a bar and a radar chart per lot ({charts})")
        for n in charts:
            x = z.read(n).decode()
            if "radarChart" in x:
                check(x.count("<c:ser>") <= 5, f"{n}: at most five bids")
            if "barChart" in x:
                check(x.count("<c:ser>") == 1 and "<c:orientation val=\"maxMin\"/>" in x,
                      f"{n}: one series, best on top")


# ---------------------------------------------------------------- verify
def edit(path, out, fn):
    wb = openpyxl.load_workbook(path)
    fn(wb)
    wb.save(out)


def verify(report, *inputs, rules=None):
    args = ["verify", report]
    if inputs:
        args += ["--tender", TENDER, *inputs]
    if rules:
        args += ["--rules", rules]
    return run(*args)


def part_verify(tmp):
    out, res = score(tmp, "verify")
    p = verify(out, *BIDS)
    check(p.returncode == 0 and "ok" in p.stdout,
          f"clean report verifies: {p.returncode} {p.stdout} {p.stderr}")
    p = verify(out)
    check(p.returncode == 0, f"digests only: {p.returncode} {p.stdout}")
    first = sorted(res["bids"], key=lambda b: (b["lot"], b["sovereignty_rank"] or 99))[0]
    bid = first["id"]

    def points(wb):  # SOV-1.1's points of the first bid: 125.01 -> 999
        wb[bid]["G24"] = 999

    def rung(wb):
        wb[bid]["E25"] = 0

    def score_cell(wb):
        wb["Summary"]["E17"] = 99.5

    def delete_row(wb):
        wb[bid].delete_rows(30)

    def label(wb):
        wb["Flags"]["A2"] = "someone-else"

    for name, fn, cell in [("points", points, f"{bid}!G24"),
                           ("rung", rung, f"{bid}!E25"),
                           ("score", score_cell, "Summary!E17"),
                           ("deleted row", delete_row, f"{bid}!B30"),
                           ("text", label, "Flags!A2")]:
        t = os.path.join(tmp, f"tampered-{name.replace(' ', '-')}.xlsx")
        edit(out, t, fn)
        p = verify(t, *BIDS)
        check(p.returncode == 2, f"tampered {name}: exit {p.returncode} {p.stderr}")
        check(cell + ":" in p.stdout, f"tampered {name}: names {cell}:\n{p.stdout}")
    # a swapped input: another bid under the same file name
    swap = os.path.join(tmp, "swap")
    shutil.copytree(EX, swap)
    shutil.copy(os.path.join(EX, "bid-zhenlan.json"),
                os.path.join(swap, "bid-kwelder.json"))
    p = run("verify", out, "--tender", TENDER, *sorted(
        os.path.join(swap, f) for f in os.listdir(swap) if f.startswith("bid-")))
    check(p.returncode in (1, 2), f"swapped bid: exit {p.returncode}")
    check("bid-kwelder.json" in p.stdout + p.stderr, "swapped bid named")
    # a bid left out
    p = verify(out, *BIDS[1:])
    check(p.returncode == 2 and os.path.basename(BIDS[0]) in p.stdout and
          "not given" in p.stdout, f"missing bid named: {p.stdout}")
    # another registry in this installation
    rules = os.path.join(tmp, "rules")
    shutil.copytree(os.path.join(SRC, "rules"), rules)
    ent = os.path.join(rules, "registry", "entities.json")
    with open(ent, encoding="utf-8") as f:
        doc = json.load(f)
    doc["entities"][0]["source_date"] = "2026-12-01"
    with open(ent, "w", encoding="utf-8") as f:
        json.dump(doc, f)
    p = verify(out, rules=rules)
    check(p.returncode == 2 and "registry entities.json: made with 2026-" in
          p.stdout and "this installation has 2026-12-01" in p.stdout,
          f"other registry named with dates: {p.stdout}")
    # not a workbook
    junk = os.path.join(tmp, "junk.xlsx")
    with open(junk, "w") as f:
        f.write("not a zip")
    p = verify(junk)
    check(p.returncode == 1 and "junk.xlsx" in p.stderr, f"junk: {p.stderr}")


# ---------------------------------------------------------------- extension
def part_extension(tmp):
    """An extension beside the CSF: its own sheet, a summary column, its
    flags and gaps, its file in the Audit sheet; verify still passes."""
    t = json.load(open(TENDER, encoding="utf-8"))
    t["extensions"] = ["nl-autonomy"]
    tp = os.path.join(tmp, "tender.json")
    json.dump(t, open(tp, "w"))
    out, js = os.path.join(tmp, "ext.xlsx"), os.path.join(tmp, "ext.json")
    p = run("score", "--tender", tp, "--timestamp", TS, "-o", out, "--json", js, *BIDS)
    check(p.returncode == 0, f"extension report: {p.stderr}")
    res = json.load(open(js, encoding="utf-8"))
    wb = openpyxl.load_workbook(out, data_only=True)
    check("nl-autonomy" in wb.sheetnames, f"extension sheet: {wb.sheetnames}")
    head, rows = summary_rows(wb["Summary"])
    check("nl-autonomy (%)" in head, "summary column for the extension")
    ext = wb["nl-autonomy"]
    rows_all = list(ext.iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows_all)
               if r[0] == "Bid" and r[2] == "Extension score (%)")
    by_bid = {r[0]: r for r in rows_all[top + 1:top + 1 + len(BIDS)]}
    check(any(str(r[0]).startswith("Lot 1: Weight (%) class default; Gate DATA-ACT-EXIT "
                                   "(class default)") for r in rows_all[:top]),
          "the extension sheet says where weights and gates came from")
    for b in res["bids"]:
        e = b["extensions"]["nl-autonomy"]
        check(near(rows[b["id"]]["nl-autonomy (%)"], e["score_percent"]),
              f"{b['id']}: summary extension score")
        check(near(by_bid[b["id"]][2], e["score_percent"]),
              f"{b['id']}: extension sheet score")
        check(rows[b["id"]]["Sovereignty Score (%)"] is not None and
              near(rows[b["id"]]["Sovereignty Score (%)"], b["score_percent"]),
              f"{b['id']}: the CSF score is unchanged")
    n_crit = len(res["bids"][0]["extensions"]["nl-autonomy"]["criteria"])
    long_rows = [r for r in rows_all[top + 2 + len(BIDS):]
                 if r[0] in {b["id"] for b in res["bids"]}]
    check(len(long_rows) == n_crit * len(BIDS), "a row per bid and extension criterion")
    flags = [r for r in wb["Flags"].iter_rows(min_row=2, values_only=True)]
    n_flags = sum(len(b["flags"]) + len(b["extensions"]["nl-autonomy"]["flags"])
                  for b in res["bids"])
    check(len(flags) == n_flags, f"flags sheet has the extension's flags too "
          f"({len(flags)} vs {n_flags})")
    audit = {r[2]: r for r in wb["Audit"].iter_rows(min_row=18, values_only=True)
             if r[0]}
    check(audit.get("nl-autonomy.json", [None])[0] == "extension",
          "Audit lists the extension framework")
    p = run("verify", out, "--tender", tp, *BIDS)
    check(p.returncode == 0, f"extension report verifies: {p.stdout} {p.stderr}")


# ---------------------------------------------------------------- award
def part_award(tmp):
    """The Award sheet: live formulas with the JSON's numbers, an override
    with who, when and why; LibreOffice recalculates the totals; verify."""
    t = json.load(open(TENDER, encoding="utf-8"))
    t["award"] = {"method": "weighted", "price_scoring": "absolute",
                  "price_bounds": {"min": 1000000, "max": 6000000},
                  "weights": {"price": 40, "sovereignty": 40, "service": 20},
                  "scores": "scores.json", "tie_breaks": ["quality", "price"]}
    tp = os.path.join(tmp, "tender.json")
    json.dump(t, open(tp, "w"))
    rows = [{"bid": os.path.basename(b)[:-5], "criterion": "service", "evaluator": ev,
             "score": sc, "reason": "demo scoring of the service description"}
            for b in BIDS for ev, sc in (("ann", 60), ("bob", 80))]
    json.dump({"format": "assess-scores/1", "scores": rows,
               "overrides": [{"bid": "bid-kwelder", "criterion": "service", "value": 90,
                              "reason": "clarification of 2026-11-20 on the SLA",
                              "evaluator": "panel", "date": "2026-11-21"}]},
              open(os.path.join(tmp, "scores.json"), "w"))
    out, js = os.path.join(tmp, "award.xlsx"), os.path.join(tmp, "award.json")
    p = run("score", "--tender", tp, "--timestamp", TS, "-o", out, "--json", js, *BIDS)
    check(p.returncode == 0, f"award report: {p.stderr}")
    res = json.load(open(js, encoding="utf-8"))
    kw = next(b for b in res["bids"] if b["id"] == "bid-kwelder")["award"]
    check(kw["criteria"]["service"]["score"] == 90 and
          kw["criteria"]["service"]["override"]["evaluator"] == "panel",
          f"the override counts and is recorded: {kw}")
    wb = openpyxl.load_workbook(out)
    wv = openpyxl.load_workbook(out, data_only=True)
    check("Award" in wb.sheetnames and "Diagnostics" in wb.sheetnames,
          "an Award and a Diagnostics sheet")
    ws, wf = wv["Award"], wb["Award"]
    head = [c.value for c in ws[6]]
    rows = {r[1]: dict(zip(head, r)) for r in ws.iter_rows(min_row=7, values_only=True)
            if r[1] in {b["id"] for b in res["bids"]}}
    formulas = {r[1].value: r for r in wf.iter_rows(min_row=7) if r[1].value}
    for b in res["bids"]:
        a, row = b["award"], rows.get(b["id"], {})
        if a["eligible"]:
            check(near(row.get("Total"), a["total"]) and
                  near(row.get("Price score"), a["price_score"]),
                  f"{b['id']}: Award sheet numbers {row} vs {a}")
            f = formulas[b["id"]]
            check(str(f[head.index("Total")].value).startswith("=(") and
                  str(f[head.index("Price score")].value).startswith("=MAX("),
                  f"{b['id']}: total and price score are formulas")
        check(row.get("Award rank") == a["rank"], f"{b['id']}: award rank")
    check("panel" in (rows["bid-kwelder"].get("Overrides (who, when, why)") or ""),
          "the override is shown with who, when and why")
    p = run("verify", out, "--tender", tp, *BIDS)
    check(p.returncode == 0, f"award report verifies: {p.stdout} {p.stderr}")
    # a letter to a losing bidder: its own scores and reasons, the winner's,
    # the standstill end (decision 2026-11-22 + 20 days), and no trace of
    # any other bidder (name, id or total)
    ranked = sorted((b for b in res["bids"] if b["award"]["rank"] and b["lot"] == "1"),
                    key=lambda b: b["award"]["rank"])
    win, loser = ranked[0], ranked[-1]
    others = [b for b in res["bids"] if b["id"] not in (win["id"], loser["id"])]
    # (bids of lot 2 are others too: a letter is about the bidder's own lot)
    letter = os.path.join(tmp, "letter.xlsx")
    p = run("letter", "--tender", tp, "--bidder", loser["id"], "--timestamp", TS,
            "-o", letter, *BIDS)
    check(p.returncode == 0, f"letter: {p.stderr}")
    lw = openpyxl.load_workbook(letter)
    cells = [c.value for ws in lw.worksheets for row in ws.iter_rows() for c in row
             if c.value is not None]
    text = " ".join(str(v) for v in cells)
    check(loser["tenderer_name"] in text and win["tenderer_name"] in text,
          "the letter names the bidder and the winner")
    check("2026-12-12" in text, "standstill ends 20 days after 2026-11-22")
    dg = wv["Diagnostics"]
    win1 = next(b for b in res["bids"] if b["lot"] == "1" and b["award"]["rank"] == 1)
    check(dg["A5"].value == "1" and dg["B5"].value == win1["id"] and
          dg["C5"].value in ("yes", "no"), "the Diagnostics sheet names the lot's winner")
    for o in others:
        check(o["tenderer_name"] not in text and o["id"] not in text,
              f"the letter says nothing of {o['id']}")
        check(o["award"]["total_rounded"] is None or
              not any(isinstance(v, float) and near(v, o["award"]["total_rounded"])
                      and not near(v, win["award"]["total_rounded"])
                      and not near(v, loser["award"]["total_rounded"]) for v in cells),
              f"no total of {o['id']} in the letter")
    check("demo scoring of the service description" in text,
          "the bidder's own reasons are in the letter")
    p = run("letter", "--tender", TENDER, "--bidder", loser["id"], "-o", letter, *BIDS)
    check(p.returncode == 1 and "award section" in p.stderr, "a letter needs an award")
    # the same with lowest/price and a price factor for non-EU bidders: the
    # price score formulas use the lot's lowest evaluated price
    t["award"] = dict(t["award"], price_scoring="lowest",
                      preference=[{"mode": "price-factor", "value": 0.1,
                                   "legal_basis": "announced basis", "announced": True}])
    json.dump(t, open(tp, "w"))
    out2, js2 = os.path.join(tmp, "award2.xlsx"), os.path.join(tmp, "award2.json")
    p = run("score", "--tender", tp, "--timestamp", TS, "-o", out2, "--json", js2, *BIDS)
    res2 = json.load(open(js2, encoding="utf-8"))
    if soffice.binary():
        for path, result in ((out, res), (out2, res2)):
            bare = os.path.join(tmp, "bare.xlsx")
            edit(path, bare, lambda wb: None)
            sub = os.path.join(tmp, "lo-" + os.path.basename(path))
            os.makedirs(sub, exist_ok=True)
            got, log = soffice.save_as_xlsx(bare, sub, recalc=True)
            check(got is not None, f"LibreOffice: {log}")
            if not got:
                continue
            rv = openpyxl.load_workbook(got, data_only=True)["Award"]
            rec = {r[1]: dict(zip(head, r)) for r in rv.iter_rows(min_row=7,
                                                                   values_only=True)
                   if r[1] in rows}
            for b in result["bids"]:
                if b["award"]["eligible"]:
                    check(near(rec[b["id"]].get("Total"), b["award"]["total"]) and
                          near(rec[b["id"]].get("Price score"), b["award"]["price_score"]),
                          f"{b['id']} ({os.path.basename(path)}): LibreOffice "
                          f"recalculates {rec[b['id']]} vs {b['award']}")


# ---------------------------------------------------------------- recalc


def part_recalc(tmp):
    check(soffice.binary() is not None, "soffice not found: install libreoffice-calc "
          "(the README's first command does)")
    if not soffice.binary():
        return
    out, res = score(tmp, "recalc")
    # openpyxl keeps formulas but drops cached values: whatever LibreOffice
    # shows afterwards it computed itself
    bare = os.path.join(tmp, "bare.xlsx")
    edit(out, bare, lambda wb: None)
    got, log = soffice.save_as_xlsx(bare, tmp, recalc=True)
    check(got is not None, f"LibreOffice converted: {log}")
    if not got:
        return
    wb = openpyxl.load_workbook(got, data_only=True)
    _, rows = summary_rows(wb["Summary"])
    for b in res["bids"]:
        r = rows.get(b["id"], {})
        check(near(r.get("Sovereignty Score (%)"), b["score_percent"]),
              f"recalc {b['id']}: score {r.get('Sovereignty Score (%)')} vs "
              f"{b['score_percent']}")
        check(r.get("SEAL") == b["seal"], f"recalc {b['id']}: SEAL")
        ws = wb[b["id"]]
        for k, (oid, o) in enumerate(b["objectives"].items()):
            check(near(ws.cell(12 + k, 4).value, o["points"]),
                  f"recalc {b['id']}: {oid} points")
            check(near(ws.cell(12 + k, 5).value, o["score_percent"]),
                  f"recalc {b['id']}: {oid} score")
            check(ws.cell(12 + k, 6).value == o["seal"] or
                  (o["seal"] is None and ws.cell(12 + k, 6).value in ("", None)),
                  f"recalc {b['id']}: {oid} SEAL")
            check(near(ws.cell(12 + k, 7).value,
                       o["weight_percent"] * o["score_percent"] / 100),
                  f"recalc {b['id']}: {oid} weighted")
        check(near(ws["G20"].value, b["score_percent"]), f"recalc {b['id']}: score")
    # the report as LibreOffice saves it, with and without recalculation,
    # still verifies: quotes it drops from sheet names are no difference
    for recalc in (False, True):
        sub = os.path.join(tmp, f"resave-{recalc}")
        os.makedirs(sub)
        saved, log = soffice.save_as_xlsx(out, sub, recalc=recalc)
        check(saved is not None, f"LibreOffice saved the report: {log}")
        if saved:
            p = verify(saved, *BIDS)
            check(p.returncode == 0, f"LibreOffice-saved report (recalc={recalc}) "
                  f"verifies: {p.stdout} {p.stderr}")


def main():
    parts = {"golden": part_golden, "values": part_values,
             "determinism": part_determinism, "safe": part_safe,
             "large": part_large, "verify": part_verify,
             "extension": part_extension, "award": part_award,
             "recalc": part_recalc}
    for name in PARTS or parts:
        with tempfile.TemporaryDirectory() as tmp:
            parts[name](tmp)
    print(f"report_test: {checks - len(failures)}/{checks} checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
