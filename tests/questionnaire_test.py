#!/usr/bin/env python3
"""The vendor questionnaire round trip: assess questionnaire, fill, assess import.

usage: questionnaire_test.py ASSESS SOURCE_DIR [PART ...]

Parts (all by default):
  shape      sheets, the hidden Lists sheet with framework id, version and
             digest, protection (answer cells unlocked, the rest locked),
             dropdowns by range, rung numbers on repeated labels (SOV-8.2-8.4),
             Dutch labels, the same tender giving the same bytes
  roundtrip  every example bid written into the questionnaire with openpyxl
             (as a vendor's spreadsheet program would), imported, and scored:
             the results equal those of the bid's own JSON; one bid also with
             licensed technology, export-controlled items and an AI model
  libreoffice  a filled questionnaire saved by LibreOffice imports cleanly
  bad        an invalid answer, a missing bid id, a country that does not
             exist and a percentage of 140: all reported in one run, each
             with its sheet and cell; a questionnaire for another framework
             version refused naming both versions; not a questionnaire

Needs python3-openpyxl; the libreoffice part needs libreoffice-calc.
"""

import copy
import json
import os
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import soffice  # noqa: E402

ASSESS, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
PARTS = sys.argv[3:]
EX = os.path.join(SRC, "templates", "examples", "cloud")
TENDER = os.path.join(EX, "tender.json")
BIDS = sorted(os.path.join(EX, f) for f in os.listdir(EX) if f.startswith("bid-"))
FW = json.load(open(os.path.join(SRC, "rules", "frameworks", "csf-2026.json"),
                    encoding="utf-8"))
# the service facts in the order of assess/questionnaire/layout.c (q_fields)
SERVICE = [(None, "name"), (None, "description"), (None, "data_locations"),
           (None, "backup_locations"), (None, "support_locations"),
           (None, "admin_locations"), (None, "key_management"),
           (None, "certifications"), (None, "controlled_items"),
           ("exit", "plan"), ("exit", "plan_tested"), ("exit", "formats"),
           ("exit", "egress_charges"), ("exit", "switching_charges"),
           ("exit", "notice_months"), ("exit", "transition_days"),
           ("exit", "retrieval_days"), ("exit", "functional_equivalence"),
           ("exit", "licence_portability"), ("exit", "unique_services_percent"),
           ("exit", "identity_standards"), ("exit", "swipo"), ("exit", "export"),
           ("control", "fallback_tested"), ("control", "disconnect_tested"),
           ("control", "kill_switches"), ("control", "escrow"),
           ("control", "knowledge_transfer"), ("openness", "open_standards"),
           ("openness", "open_source"), ("openness", "governance"),
           ("ai_model", "name"),
           ("ai_model", "weights"), ("ai_model", "licence"),
           ("ai_model", "origin_country"), ("ai_model", "self_hostable"),
           ("ai_model", "training_data_summary"),
           ("ai_model", "fine_tune_ownership"), ("ai_model", "export_control"),
           ("ai_model", "licence_class"), ("ai_model", "training_data"),
           ("ai_model", "self_hosting"), ("ai_model", "inference_api"),
           ("ai_model", "no_training_on_customer_data"), ("ai_model", "dutch_quality"),
           ("ai_model", "suspended")]
CODE_LISTS = {"data_locations", "backup_locations", "support_locations",
              "admin_locations", "identity_standards", "kill_switches"}
failures, checks = [], 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(*args):
    env = dict(os.environ, ASSESS_RULES=os.path.join(SRC, "rules"))
    return subprocess.run([ASSESS, *args], capture_output=True, text=True, env=env)


def make(tmp, lang="en", name="q"):
    out = os.path.join(tmp, f"{name}-{lang}.xlsx")
    p = run("questionnaire", "--tender", TENDER, "--lang", lang, "-o", out)
    check(p.returncode == 0, f"questionnaire {lang}: {p.stderr}")
    return out


def meta(wb):
    lists = next(ws for ws in wb.worksheets if ws["A1"].value == "format")
    return lists, {r[0]: r[1] for r in lists.iter_rows(max_col=2, values_only=True)
                   if r[0]}


def criteria():
    for o in FW["objectives"]:
        for c in o["criteria"]:
            yield o["id"], c


def fill(wb, bid, yes="yes", no="no"):
    """Write a bid declaration into a questionnaire as a vendor would."""
    _, m = meta(wb)
    b = wb[m["bid"]]
    b["B2"], b["B3"], b["B4"] = bid["id"], bid["tenderer"], bid["lot"]
    if bid.get("price"):
        b["B5"], b["B6"] = bid["price"]["amount"], bid["price"]["currency"]
    if bid.get("notes"):
        b["B7"] = bid["notes"]
    for oid, c in criteria():
        ws = wb[m["objective " + oid]]
        row = next(r for r in range(2, 20) if ws.cell(r, 1).value == c["id"])
        a = bid["answers"].get(c["id"])
        if not a:
            continue
        ws.cell(row, 3).value = f"[{a['rung']}] {c['rungs'][a['rung']]['label']}"
        ws.cell(row, 4).value = a.get("evidence")
        ws.cell(row, 5).value = a.get("confidence")
    e = wb[m["entities"]]
    lic = wb[m["licences"]]
    lrow = 2
    for i, ent in enumerate(bid["entities"]):
        r = i + 2
        vals = [ent["id"], ent["name"], ent["country"], ent["role"],
                ent.get("kind"), ent.get("parent"), ent.get("control_percent"),
                None, ent.get("registry_id"),
                ", ".join(ent["layers"]) if "layers" in ent else None,
                ent.get("access"), ent.get("share_of_value_percent")]
        if "decisive_influence" in ent:
            vals[7] = yes if ent["decisive_influence"] else no
        for col, v in enumerate(vals, start=1):
            if v is not None:
                e.cell(r, col).value = v
        for t in ent.get("licensed_technology", []):
            lic.cell(lrow, 1).value = ent["id"]
            lic.cell(lrow, 2).value = t["licensor"]
            lic.cell(lrow, 3).value = t["country"]
            lic.cell(lrow, 4).value = t.get("what")
            lrow += 1
    s = wb[m["service"]]
    svc = bid.get("service", {})
    for i, (obj, key) in enumerate(SERVICE):
        src = svc.get(obj, {}) if obj else svc
        if key not in src:
            continue
        v = src[key]
        if isinstance(v, bool):
            v = yes if v else no
        elif isinstance(v, list):
            v = (", " if key in CODE_LISTS else "; ").join(v) if v else "none"
        s.cell(i + 2, 2).value = v


def results(path_tender, bids):
    p = run("score", "--tender", path_tender, *bids)
    return p.returncode, json.loads(p.stdout) if p.stdout else None


def same_result(a, b):
    strip = lambda x: {k: v for k, v in x.items() if k not in ("file", "sha256")}
    return strip(a) == strip(b)


# ---------------------------------------------------------------- shape
def part_shape(tmp):
    q = make(tmp)
    wb = openpyxl.load_workbook(q)
    lists, m = meta(wb)
    check(m.get("format") == "assess-questionnaire/1", "format in Lists")
    check(m.get("framework") == "csf-2026" and m.get("version") == FW["version"],
          "framework id and version")
    import hashlib
    sha = hashlib.sha256(open(os.path.join(SRC, "rules", "frameworks",
                                           "csf-2026.json"), "rb").read()).hexdigest()
    check(m.get("sha256") == sha, "framework digest")
    check(lists.sheet_state == "hidden", "Lists sheet hidden")
    names = wb.sheetnames
    check(names[:2] == ["Instructions", "Bid"] and
          names[2:10] == [f"Answers SOV-{k}" for k in range(1, 9)] and
          names[10:] == ["Entities", "Technology licences", "Service facts", "Lists"],
          f"sheets {names}")
    for ws in wb.worksheets:
        check(ws.protection.sheet, f"{ws.title} protected")
    a = wb["Answers SOV-8"]
    check(a["C2"].protection.locked is False and a["D2"].protection.locked is False,
          "answer and evidence cells unlocked")
    check(a["A2"].protection.locked is not False and
          a["B2"].protection.locked is not False, "id and question locked")
    dv = {str(d.sqref): d.formula1 for d in a.data_validations.dataValidation}
    check(all(f.startswith("'Lists'!$") and "$$" not in f for f in dv.values()),
          f"dropdowns by range: {dv}")
    # SOV-8.2, 8.3, 8.4 repeat labels; the rung number tells them apart
    for r, cid in ((3, "SOV-8.2"), (4, "SOV-8.3"), (5, "SOV-8.4")):
        col = dv.get(f"C{r}", "").split("!")[1].split(":")[0].replace("$", "")
        letters = "".join(ch for ch in col if ch.isalpha())
        values = [lists[f"{letters}{k}"].value for k in range(1, 10)
                  if lists[f"{letters}{k}"].value]
        crit = next(c for _, c in criteria() if c["id"] == cid)
        labels = [x["label"] for x in crit["rungs"]]
        check(len(set(labels)) < len(labels),
              f"{cid} repeats a label in the framework")
        check(values == [f"[{k}] {l}" for k, l in enumerate(labels)],
              f"{cid}: list {values}")
    e = wb["Entities"]
    edv = {str(d.sqref): (d.type, d.formula1, d.formula2)
           for d in e.data_validations.dataValidation}
    check(edv.get("G2:G101") == ("decimal", "0", "100") and
          edv.get("L2:L101") == ("decimal", "0", "100"), f"percentages 0-100 {edv}")
    check(any(k.startswith("C2") and v[0] == "list" for k, v in edv.items()),
          "country dropdown")
    # Dutch
    qn = make(tmp, "nl")
    nl = openpyxl.load_workbook(qn)
    check(nl.sheetnames[:3] == ["Instructies", "Inschrijving", "Antwoorden SOV-1"],
          f"nl sheets {nl.sheetnames[:3]}")
    # same tender, same bytes
    q2 = make(tmp, name="again")
    check(open(q, "rb").read() == open(q2, "rb").read(), "deterministic")


# ---------------------------------------------------------------- roundtrip
EXTRA = {  # a bid using the parts the examples leave out
    "licensed_technology": [{"licensor": "Nimbus Web Services, Inc.",
                             "country": "US", "what": "hyperscale cloud stack"}],
    "controlled_items": ["accelerators (ECCN 3A090)", "crypto, ECCN 5D002"],
    "ai_model": {"name": "Model X", "weights": "api-only", "licence": "proprietary",
                 "origin_country": "US", "self_hostable": False,
                 "training_data_summary": False, "fine_tune_ownership": "provider",
                 "export_control": "EAR 4E091", "licence_class": "proprietary",
                 "training_data": "summary", "self_hosting": "api-only",
                 "inference_api": "compatible", "no_training_on_customer_data": True,
                 "dutch_quality": "top-tier", "suspended": False},
    # the facts of the nl-autonomy extension
    "exit_extra": {"functional_equivalence": "best-effort",
                   "licence_portability": "surcharge", "unique_services_percent": 35,
                   "identity_standards": ["oidc", "scim"], "swipo": "declared",
                   "export": "documented"},
    "control": {"fallback_tested": True, "disconnect_tested": False,
                "kill_switches": [], "escrow": "eu", "knowledge_transfer": True},
    "openness": {"open_standards": "partial", "open_source": "osi",
                 "governance": "foundation"},
}


def roundtrip_one(tmp, q, src, lang, yes, no, bid=None):
    bid = bid or json.load(open(src, encoding="utf-8"))
    wb = openpyxl.load_workbook(q)
    fill(wb, bid, yes, no)
    filled = os.path.join(tmp, f"filled-{bid['id']}-{lang}.xlsx")
    wb.save(filled)
    out = os.path.join(tmp, f"imported-{bid['id']}-{lang}.json")
    p = run("import", filled, "-o", out)
    check(p.returncode == 0, f"import {bid['id']} ({lang}): {p.stderr}")
    if p.returncode:
        return None, filled
    orig = os.path.join(tmp, f"orig-{bid['id']}.json")
    json.dump(bid, open(orig, "w"))
    rc1, r1 = results(TENDER, [orig])
    rc2, r2 = results(TENDER, [out])
    check(rc1 == rc2 == 0 and same_result(r1["bids"][0], r2["bids"][0]),
          f"{bid['id']} ({lang}): scored the same from JSON and questionnaire")
    got = json.load(open(out, encoding="utf-8"))
    check(got["answers"].keys() == bid["answers"].keys() and
          all(got["answers"][k]["rung"] == v["rung"]
              for k, v in bid["answers"].items()), f"{bid['id']}: every rung")
    for k in ("SOV-8.2", "SOV-8.3", "SOV-8.4"):
        if k in bid["answers"]:
            check(got["answers"][k]["rung"] == bid["answers"][k]["rung"],
                  f"{bid['id']}: {k} (repeated labels)")
    check(got["entities"] == bid["entities"], f"{bid['id']}: entities")
    check(got.get("service") == bid.get("service"), f"{bid['id']}: service facts")
    return out, filled


def part_roundtrip(tmp):
    q = make(tmp)
    for src in BIDS:
        roundtrip_one(tmp, q, src, "en", "yes", "no")
    qn = make(tmp, "nl")
    roundtrip_one(tmp, qn, BIDS[0], "nl", "ja", "nee")
    bid = json.load(open(BIDS[1], encoding="utf-8"))
    bid = copy.deepcopy(bid)
    bid["id"] = "bid-extra"
    bid["entities"][0]["licensed_technology"] = EXTRA["licensed_technology"]
    bid["service"]["controlled_items"] = EXTRA["controlled_items"]
    bid["service"]["ai_model"] = EXTRA["ai_model"]
    bid["service"]["exit"].update(EXTRA["exit_extra"])
    bid["service"]["control"] = EXTRA["control"]
    bid["service"]["openness"] = EXTRA["openness"]
    roundtrip_one(tmp, q, None, "en", "yes", "no", bid=bid)


# ---------------------------------------------------------------- libreoffice


def part_libreoffice(tmp):
    check(soffice.binary() is not None, "soffice not found: install libreoffice-calc")
    if not soffice.binary():
        return
    q = make(tmp, "nl")
    wb = openpyxl.load_workbook(q)
    bid = json.load(open(BIDS[0], encoding="utf-8"))
    fill(wb, bid, "ja", "nee")
    filled = os.path.join(tmp, "filled.xlsx")
    wb.save(filled)
    saved, log = soffice.save_as_xlsx(filled, tmp, recalc=False)
    check(saved is not None, f"LibreOffice saved it: {log}")
    if not saved:
        return
    with zipfile.ZipFile(saved) as z:
        check("xl/sharedStrings.xml" in z.namelist(), "LibreOffice wrote shared strings")
    out = os.path.join(tmp, "lo.json")
    p = run("import", saved, "-o", out)
    check(p.returncode == 0, f"LibreOffice file imports: {p.stderr}")
    if p.returncode == 0:
        rc1, r1 = results(TENDER, [BIDS[0]])
        rc2, r2 = results(TENDER, [out])
        check(same_result(r1["bids"][0], r2["bids"][0]),
              "LibreOffice file scores as the JSON")


# ---------------------------------------------------------------- bad
def part_bad(tmp):
    q = make(tmp, "nl")
    wb = openpyxl.load_workbook(q)
    bid = json.load(open(BIDS[0], encoding="utf-8"))
    fill(wb, bid, "ja", "nee")
    wb["Inschrijving"]["B2"] = None                  # missing bid id
    wb["Antwoorden SOV-2"]["C7"] = "maybe"          # not an answer
    wb["Organisaties"]["C2"] = "XX"                  # no such country
    wb["Organisaties"]["G3"] = 140                   # percentage of 140
    bad = os.path.join(tmp, "bad.xlsx")
    wb.save(bad)
    p = run("import", bad)
    check(p.returncode == 1 and not p.stdout, f"bad fill: exit {p.returncode}")
    for frag in ("Inschrijving!B2: a bid id is required",
                 "Antwoorden SOV-2!C7: 'maybe' is not one of the answers",
                 "Organisaties!C2: 'XX' is not an ISO 3166-1 country code",
                 "Organisaties!G3: 140 is not a percentage from 0 to 100"):
        check(frag in p.stderr, f"bad fill names '{frag}':\n{p.stderr}")
    # references and bounds named by cell, not by JSON path
    wb = openpyxl.load_workbook(q)
    fill(wb, bid, "ja", "nee")
    wb["Inschrijving"]["B3"] = "nobody"             # tenderer not an entity
    wb["Inschrijving"]["B5"] = None                  # currency without a price
    wb["Organisaties"]["A4"] = wb["Organisaties"]["A2"].value  # duplicate id
    wb["Organisaties"]["F2"] = "ghost"               # unknown parent
    wb["Dienstfeiten"]["B16"] = 5000                 # notice months
    refs = os.path.join(tmp, "refs.xlsx")
    wb.save(refs)
    p = run("import", refs)
    for frag in ("Inschrijving!B3: 'nobody' is not an entity id",
                 "Inschrijving!B5: a currency is given but no price",
                 f"Organisaties!A4: entity id '{bid['entities'][0]['id']}' is also "
                 "used in row 2",
                 "Organisaties!F2: 'ghost' is not an entity id",
                 "Dienstfeiten!B16: 5000 is not a number from 0 to 1200"):
        check(frag in p.stderr, f"names '{frag}':\n{p.stderr}")
    # made for another framework version
    wb = openpyxl.load_workbook(q)
    fill(wb, bid, "ja", "nee")
    lists, _ = meta(wb)
    lists["B3"] = "2025-01-01"
    lists["B4"] = "0" * 64
    old = os.path.join(tmp, "old.xlsx")
    wb.save(old)
    p = run("import", old)
    check(p.returncode == 1 and "version 2025-01-01" in p.stderr and
          f"this installation has version {FW['version']}" in p.stderr,
          f"other framework version named: {p.stderr}")
    # not a questionnaire
    p = run("import", os.path.join(SRC, "tests", "golden", "cloud-report.xlsx"))
    check(p.returncode == 1 and "not a questionnaire" in p.stderr,
          f"a report is not a questionnaire: {p.stderr}")


def main():
    parts = {"shape": part_shape, "roundtrip": part_roundtrip,
             "libreoffice": part_libreoffice, "bad": part_bad}
    for name in PARTS or parts:
        with tempfile.TemporaryDirectory() as tmp:
            parts[name](tmp)
    print(f"questionnaire_test: {checks - len(failures)}/{checks} checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
