#!/usr/bin/env python3
"""Check every number of rules/frameworks/csf-2026.json against the
Commission calculator catalogue (tests/data/csf/csf-calculator-2026.json,
provenance in tests/data/csf/README.md): 8 objectives, 48 criteria, 235
rungs, each rung's points and SEAL, the labels, both weight profiles, and
the catalogue's stated maxima (objective maxima and 100.0756 / 100.08045).
usage: framework_catalogue.py FRAMEWORK CATALOGUE"""
import sys
import json

fw = json.load(open(sys.argv[1], encoding="utf-8"))
cat = json.load(open(sys.argv[2], encoding="utf-8"))
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


crit = {c["id"]: c for c in cat["criteria"]}
fcrit = [c for o in fw["objectives"] for c in o["criteria"]]
check(len(fw["objectives"]) == cat["counts"]["objectives"] == 8, "8 objectives")
check(len(fcrit) == cat["counts"]["criteria"] == 48, "48 criteria")
check(sum(len(c["rungs"]) for c in fcrit) == cat["counts"]["rungs"] == 235,
      "235 rungs")
for o, co in zip(fw["objectives"], cat["objectives"]):
    check(o["id"] == co["id"], "objective order %s" % o["id"])
    check([c["id"] for c in o["criteria"]] == co["criteria"],
          "criteria of %s" % o["id"])
    centi = sum(round(c["rungs"][-1]["points"] * 100) for c in o["criteria"])
    check(centi == co["actual_max_points_centi"],
          "%s maximum %d centi-points" % (o["id"], co["actual_max_points_centi"]))
for c in fcrit:
    k = crit[c["id"]]
    check(c["question"] == k["question"], "%s question" % c["id"])
    check(len(c["rungs"]) == k["rung_count"], "%s rung count" % c["id"])
    for r, kr in zip(c["rungs"], k["rungs"]):
        check(round(r["points"] * 100) == kr["points_centi"],
              "%s rung %d points" % (c["id"], kr["index"]))
        check(r["seal"] == kr["seal"], "%s rung %d seal" % (c["id"], kr["index"]))
        check(r["label"] == (kr["label"] if kr["label"] is not None
                             else kr["label_editorial"]),
              "%s rung %d label" % (c["id"], kr["index"]))
for pid, p in cat["weight_profiles"].items():
    check(fw["weight_profiles"][pid]["weights"] == p["weights_percent"],
          "weights %s" % pid)
    total = sum(p["weights_percent"][o["id"]] * o["actual_max_points_centi"]
                for o in cat["objectives"]) / 100000
    check(abs(total - cat["scoring"]["maximal_response_score_percent"][pid]) < 1e-9,
          "maximal score %s = %s" % (pid, total))
check(fw["default_weight_profile"] == cat["default_weight_profile"],
      "default weight profile")
check([s["name"]["en"] for s in fw["seal_levels"]] ==
      [s["name"] for s in cat["seal_levels"]], "SEAL level names")
print("framework_catalogue: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
