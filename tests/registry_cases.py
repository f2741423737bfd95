#!/usr/bin/env python3
"""Run the chain, registry, sanctions and Russia 5k cases of
tests/data/registry/cases.json through `assess score` and check every
expectation (see the note at the top of that file).

usage: registry_cases.py ASSESS REPO
"""
import json
import os
import subprocess
import sys
import tempfile

ANSWERS = {"SOV-1.1": {"rung": 3}, "SOV-2.1": {"rung": 2}, "SOV-2.2": {"rung": 4},
           "SOV-2.3": {"rung": 4}, "SOV-5.6": {"rung": 4}}


def main():
    assess, repo = sys.argv[1], sys.argv[2]
    data = os.path.join(repo, "tests", "data")
    cases = json.load(open(os.path.join(data, "registry", "cases.json"), encoding="utf-8"))["cases"]
    tender = json.load(open(os.path.join(data, "registry", "tender.json"), encoding="utf-8"))
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, case in enumerate(cases):
            t = dict(tender)
            if "date" in case:
                t["assessment_date"] = case["date"]
            tpath = os.path.join(tmp, "tender-%d.json" % i)
            json.dump(t, open(tpath, "w", encoding="utf-8"))
            bid = {"id": "case-%d" % i, "tenderer": "t", "lot": "1",
                   "entities": case["entities"],
                   "service": case.get("service", {"data_locations": ["NL"]}),
                   "answers": ANSWERS}
            bpath = os.path.join(tmp, "bid-%d.json" % i)
            json.dump(bid, open(bpath, "w", encoding="utf-8"), ensure_ascii=False)
            cmd = [assess, "score", "--rules", os.path.join(repo, "rules"),
                   "--tender", tpath, "--json", "-"]
            if "sanctions" in case:
                cmd += ["--sanctions", os.path.join(data, "sanctions", case["sanctions"])]
            p = subprocess.run(cmd + [bpath], capture_output=True, text=True)
            errors = []
            try:
                res = json.loads(p.stdout)
                b = res["bids"][0]
            except (ValueError, IndexError, KeyError):
                errors.append("no result (exit %d): %s" % (p.returncode, p.stderr.strip()))
                b = None
            if b is not None:
                errors += check(case["expect"], res, b)
            if errors:
                failed += 1
                print("FAIL: %s" % case["name"])
                for e in errors:
                    print("    " + e)
            else:
                passed += 1
    print("registry_cases: %d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


def check(exp, res, b):
    errs = []
    codes = [f["code"] for f in b["flags"]]
    for c in exp.get("flags", []):
        if c not in codes:
            errs.append("flag %s missing (flags: %s)" % (c, codes))
    for c in exp.get("no_flags", []):
        if c in codes:
            errs.append("flag %s present" % c)
    for code, laws in exp.get("laws", {}).items():
        named = set(l for f in b["flags"] if f["code"] == code for l in f["laws"])
        for law in laws:
            if law not in named:
                errs.append("flag %s does not name law %s (%s)" % (code, law, sorted(named)))
    all_laws = set(l for f in b["flags"] for l in f["laws"])
    for law in exp.get("no_laws", []):
        if law in all_laws:
            errs.append("a flag names law %s" % law)
    for crit, (rung, source) in exp.get("rungs", {}).items():
        c = b["criteria"][crit]
        if (c["rung"], c["source"]) != (rung, source):
            errs.append("%s: rung %s (%s), expected %s (%s)" % (crit, c["rung"], c["source"], rung, source))
    for obj, seal in exp.get("seal", {}).items():
        if b["objectives"][obj]["seal"] != seal:
            errs.append("%s SEAL %s, expected %s" % (obj, b["objectives"][obj]["seal"], seal))
    for crit, outcome in exp.get("outcomes", {}).items():
        if b["criteria"][crit]["outcome"] != outcome:
            errs.append("%s outcome %s, expected %s" % (crit, b["criteria"][crit]["outcome"], outcome))
    checks = {c["gate"]: c["status"] for c in b["gate"]["checks"]}
    for gate, status in exp.get("gates", {}).items():
        if checks.get(gate) != status:
            errs.append("gate %s is %s, expected %s" % (gate, checks.get(gate), status))
    if "gate" in exp and b["gate"]["status"] != exp["gate"]:
        errs.append("gate status %s, expected %s" % (b["gate"]["status"], exp["gate"]))
    if exp.get("gate") == "passed" and not b["gate"]["passed"]:
        errs.append("gate.passed is false")
    if exp.get("gate") in ("unknown", "failed") and b["gate"]["passed"]:
        errs.append("gate.passed is true for a %s gate" % exp["gate"])
    if "rank" in exp and b["sovereignty_rank"] != exp["rank"]:
        errs.append("rank %s, expected %s" % (b["sovereignty_rank"], exp["rank"]))
    if "chain" in exp and b["chain"] != exp["chain"]:
        errs.append("chain %s, expected %s" % (b["chain"], exp["chain"]))
    for code, text in exp.get("detail", {}).items():
        msgs = [f["message"]["en"] for f in b["flags"] if f["code"] == code]
        if not any(text in m for m in msgs):
            errs.append("no %s flag message contains %r (%s)" % (code, text, msgs))
    if "screening" in exp and res["sanctions_screening"]["status"] != exp["screening"]:
        errs.append("screening %s" % res["sanctions_screening"]["status"])
    if "gap" in exp and not any(g["criterion"] == exp["gap"] for g in b["evidence_gaps"]):
        errs.append("no evidence gap for %s" % exp["gap"])
    if "gap_text" in exp and not any(exp["gap_text"] in g["reason"]["en"] for g in b["evidence_gaps"]):
        errs.append("no evidence gap mentions %r" % exp["gap_text"])
    return errs


if __name__ == "__main__":
    sys.exit(main())
