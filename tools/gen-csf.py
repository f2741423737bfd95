#!/usr/bin/env python3
"""Generate rules/frameworks/csf-2026.json from the CSF calculator catalogue.

Usage: python3 tools/gen-csf.py CATALOGUE.json RULES.json [OUTPUT]

CATALOGUE is csf-calculator-2026.json (a copy with its provenance is in
tests/data/csf/); RULES is tools/csf-2026-rules.json, the hand-written fact
rules merged into each criterion. Points, SEAL levels, labels, questions and
weights are copied from the catalogue unchanged; where the calculator cell is
blank (SOV-1.6 rungs 1 and 3) the editorial label is used and marked in a
note. Output is deterministic (1-space indent, trailing newline).
"""
import json
import sys

SEAL_NL = ["Geen soevereiniteit", "Jurisdictionele soevereiniteit",
           "Datasoevereiniteit", "Technologische soevereiniteit",
           "Volledige digitale soevereiniteit"]


def main(argv):
    if len(argv) not in (3, 4):
        sys.stderr.write(__doc__)
        return 64
    cat = json.load(open(argv[1], encoding="utf-8"))
    extra = json.load(open(argv[2], encoding="utf-8"))
    rules = extra["rules"]
    crit = {c["id"]: c for c in cat["criteria"]}
    unknown = set(rules) - set(crit)
    if unknown:
        sys.stderr.write("rules for unknown criteria: %s\n" % sorted(unknown))
        return 1
    src = cat["source"]["ec_documents"]
    out = {
        "format": "assess-framework/1",
        "id": "csf-2026",
        "version": "2026-06-01",
        "title": "European Commission Cloud Sovereignty Framework, "
                 "Annex \"Sovereignty assessment calculator\" (2026-06-01)",
        "attribution": src["reuse"],
        "source": {
            "framework": src["framework_v1_2_1"]["url"],
            "implementation_guidance": src["implementation_guidance"]["url"],
            "calculator": src["annex_calculator"]["url"],
            "transcriptions": [t["repo"] + ": " + t.get("catalogue_copy_read", t.get("role", ""))
                               for t in cat["source"]["transcriptions"]],
            "generated_by": "tools/gen-csf.py from csf-calculator-2026.json "
                            "(format " + cat["format"] + ") and tools/csf-2026-rules.json",
        },
        "nominal_points": cat["objectives"][0]["nominal_max_points"],
        "seal_levels": [{"level": s["level"],
                         "name": {"en": s["name"], "nl": SEAL_NL[s["level"]]}}
                        for s in cat["seal_levels"]],
        "weight_profiles": {
            pid: {"label": p["label"], "weights": p["weights_percent"],
                  "evidence": p["evidence"]}
            for pid, p in cat["weight_profiles"].items()},
        "default_weight_profile": cat["default_weight_profile"],
        "objectives": [],
    }
    for ob in cat["objectives"]:
        o = {"id": ob["id"], "title": ob["title"],
             "description": ob["description"], "criteria": []}
        for cid in ob["criteria"]:
            c = crit[cid]
            rungs = []
            for r in c["rungs"]:
                rung = {"label": r["label"] if r["label"] is not None
                        else r["label_editorial"],
                        "points": r["points"], "seal": r["seal"]}
                if r["label"] is None:
                    rung["note"] = ("calculator cell blank; editorial label "
                                    "from flavienbwk/cloud-sovereignty-score")
                rungs.append(rung)
            cc = {"id": cid, "title": c["title"], "question": c["question"],
                  "rungs": rungs}
            if c.get("notes"):
                cc["notes"] = c["notes"]
            if cid in rules:
                cc["rules"] = rules[cid]
            o["criteria"].append(cc)
        out["objectives"].append(o)
    for key in ("control_caps", "gates"):
        if key in extra:
            out[key] = extra[key]
    text = json.dumps(out, indent=1, ensure_ascii=False) + "\n"
    if len(argv) == 4 and argv[3] != "-":
        with open(argv[3], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
