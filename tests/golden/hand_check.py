#!/usr/bin/env python3
"""Hand-computed check of `assess score` for two example bids.

Usage: hand_check.py <path-to-assess-binary> <repo-root>

Runs
    assess score --tender templates/examples/cloud/tender.json \
        templates/examples/cloud/bid-kwelder.json \
        templates/examples/cloud/bid-zhenlan.json
(paths relative to the repo root) and compares the JSON output with values
typed by hand below.  Nothing here is read from the catalogue or from
rules/frameworks/csf-2026.json: every rung, point value and SEAL was read off
the calculator ladders (/work/shared/data/csf/README.md section 2 "Point
ladders" for points, csf-calculator-2026.json for the per-rung SEALs) and
typed in, and every sum below was worked out by hand.

Scoring (README section 3): objective points = sum of chosen rungs' points;
Sovereignty Score % = sum over objectives of weight% * points / 1000 with the
calc-2026 weights SOV-1 20, SOV-2 10, SOV-3 10, SOV-4 15, SOV-5 10, SOV-6 15,
SOV-7 15, SOV-8 5.  SEAL per objective = min SEAL of its answered criteria;
overall SEAL = min over all answered criteria.  Tender: weight profile
calc-2026, unknown_policy gap, caps enforce.  Both bids answer all 48
criteria, so no criterion has an evidence gap (the run gives no sanctions list,
so the SANCTIONS gate is "not screened": one gap, not a criterion).

Stdlib only.  Exit 0 and "hand_check: N passed, 0 failed" on success; exit 1
with one line per mismatch otherwise.
"""

import json
import os
import subprocess
import sys

WEIGHTS = {"SOV-1": 20, "SOV-2": 10, "SOV-3": 10, "SOV-4": 15,
           "SOV-5": 10, "SOV-6": 15, "SOV-7": 15, "SOV-8": 5}

# ---------------------------------------------------------------------------
# bid-kwelder (tenderer kwelder-cloud, NL; lot 1)
#
# Fact caps (rules/frameworks/csf-2026.json) checked against the bid file:
#   SOV-1.1 chain kwelder-cloud (NL) -> kwelder-groep (NL, 100 %) ->
#           stichting-kwelder (NL, 60 %, decisive influence): all EEA,
#           cap not triggered.
#   SOV-2.1 tenderer country NL (EEA): cap not triggered.
#   SOV-3.1 key_management "customer-exclusive" -> derived rung 4; declared 4;
#           lower of the two = 4, nothing lowered.
#   SOV-3.4 data NL, DE; backup DE: all EEA, cap not triggered.
#   SOV-4.2 admin NL: cap not triggered.
#   SOV-4.4 support NL: cap not triggered.
#   SOV-5.6 supplier ardentis is US -> cap "at most rung 3" IS triggered, but
#           the declared rung is 2 (<= 3), so it does not bind.
#   => no cap binds; every scored rung equals the declared rung.
# ---------------------------------------------------------------------------
KWELDER = {
    #  criterion: (rung, points, seal)
    "SOV-1.1": (3, 125.01, 4),
    "SOV-1.2": (4, 125,    4),
    "SOV-1.3": (2, 83.34,  3),
    "SOV-1.4": (3, 93.75,  4),
    "SOV-1.5": (4, 125,    4),
    "SOV-1.6": (2, 62.5,   4),
    "SOV-1.7": (2, 83,     4),   # SOV-1.7 middle rung is 83, not 83.34
    "SOV-1.8": (3, 93.75,  2),
    # SOV-1: 125.01 + 125 + 83.34 + 93.75 + 125 + 62.5 + 83 + 93.75 = 791.35
    #        SEAL min(4,4,3,4,4,4,4,2) = 2 (SOV-1.8)

    "SOV-2.1": (2, 167,    4),
    "SOV-2.2": (4, 167,    4),
    "SOV-2.3": (4, 167,    4),
    "SOV-2.4": (3, 125.25, 3),
    "SOV-2.5": (3, 125.25, 4),
    "SOV-2.6": (3, 125.25, 4),
    # SOV-2: 167 + 167 + 167 + 125.25 + 125.25 + 125.25 = 501 + 375.75 = 876.75
    #        SEAL min(4,4,4,3,4,4) = 3 (SOV-2.4)

    "SOV-3.1": (4, 200, 4),
    "SOV-3.2": (3, 150, 3),
    "SOV-3.3": (3, 150, 3),
    "SOV-3.4": (4, 200, 4),
    "SOV-3.5": (3, 150, 3),
    # SOV-3: 200 + 150 + 150 + 200 + 150 = 850
    #        SEAL min(4,3,3,4,3) = 3

    "SOV-4.1": (3, 125.25, 4),
    "SOV-4.2": (4, 167,    4),
    "SOV-4.3": (3, 125.25, 3),
    "SOV-4.4": (3, 125.25, 3),
    "SOV-4.5": (4, 167,    4),
    "SOV-4.6": (3, 125.25, 3),
    # SOV-4: 125.25 + 167 + 125.25 + 125.25 + 167 + 125.25 = 501 + 334 = 835
    #        SEAL min(4,4,3,3,4,3) = 3

    "SOV-5.1": (2, 71.5,   3),
    "SOV-5.2": (3, 107.25, 3),
    "SOV-5.3": (2, 71.5,   4),
    "SOV-5.4": (2, 71.5,   3),
    "SOV-5.5": (4, 143,    4),
    "SOV-5.6": (2, 71.5,   2),
    "SOV-5.7": (3, 107.25, 3),
    # SOV-5: 71.5 + 107.25 + 71.5 + 71.5 + 143 + 71.5 + 107.25
    #        = 286 + 214.5 + 143 = 643.5
    #        SEAL min(3,3,4,3,4,2,3) = 2 (SOV-5.6)

    "SOV-6.1": (3, 150, 3),
    "SOV-6.2": (3, 150, 3),
    "SOV-6.3": (3, 150, 4),
    "SOV-6.4": (3, 150, 3),
    "SOV-6.5": (1, 50,  3),
    # SOV-6: 150 + 150 + 150 + 150 + 50 = 650
    #        SEAL min(3,3,4,3,3) = 3

    "SOV-7.1": (2, 71.5,   2),
    "SOV-7.2": (4, 143,    4),
    "SOV-7.3": (3, 107.25, 3),
    "SOV-7.4": (4, 143,    4),
    "SOV-7.5": (3, 107.25, 3),
    "SOV-7.6": (2, 71.5,   4),
    "SOV-7.7": (4, 143,    4),
    # SOV-7: 71.5 + 143 + 107.25 + 143 + 107.25 + 71.5 + 143
    #        = 143 + 429 + 214.5 = 786.5
    #        SEAL min(2,4,3,4,3,4,4) = 2 (SOV-7.1)

    "SOV-8.1": (3, 187.5, 4),
    "SOV-8.2": (3, 187.5, 4),
    "SOV-8.3": (3, 187.5, 3),
    "SOV-8.4": (4, 250,   4),
    # SOV-8: 187.5 + 187.5 + 187.5 + 250 = 812.5
    #        SEAL min(4,4,3,4) = 3 (SOV-8.3)
}
KWELDER_OBJ = {  # objective: (points, seal)
    "SOV-1": (791.35, 2),
    "SOV-2": (876.75, 3),
    "SOV-3": (850,    3),
    "SOV-4": (835,    3),
    "SOV-5": (643.5,  2),
    "SOV-6": (650,    3),
    "SOV-7": (786.5,  2),
    "SOV-8": (812.5,  3),
}
# 20*791.35/1000 + 10*876.75/1000 + 10*850/1000 + 15*835/1000
#   + 10*643.5/1000 + 15*650/1000 + 15*786.5/1000 + 5*812.5/1000
# = 15.827 + 8.7675 + 8.5 + 12.525 + 6.435 + 9.75 + 11.7975 + 4.0625
# = 77.6645
KWELDER_TOTAL = 77.6645
# overall SEAL = min(2,3,3,3,2,3,2,3) = 2
KWELDER_SEAL = 2

# ---------------------------------------------------------------------------
# bid-zhenlan (tenderer zhenlan-nl, NL; lot 2)
#
# Fact caps checked against the bid file:
#   SOV-1.1 chain zhenlan-nl (NL) -> zhenlan-sg (SG, 100 %) ->
#           zhenlan-group (CN, 100 %): SG and CN outside the EEA -> cap "at
#           most rung 1" IS triggered; declared rung 0, so it does not bind.
#   SOV-2.1 tenderer country NL (EEA): cap not triggered (declared 1 anyway).
#   SOV-3.1 key_management "provider-primary" -> derived rung 1; declared 1;
#           lower of the two = 1, nothing lowered.
#   SOV-3.4 data locations include SG -> cap "at most rung 2" IS triggered;
#           declared rung 2 = the cap, so it does not lower anything.
#   SOV-4.2 admin locations include CN -> cap "at most 3" IS triggered;
#           declared 1, does not bind.
#   SOV-4.4 support locations include SG, CN -> cap "at most 2" IS
#           triggered; declared 1, does not bind.
#   SOV-5.6 only subcontractor spaarndam-colo (NL): cap not triggered.
#   => four caps trigger, none binds; every scored rung equals the declared
#      rung.
# ---------------------------------------------------------------------------
ZHENLAN = {
    "SOV-1.1": (0, 0,     1),
    "SOV-1.2": (0, 0,     4),
    "SOV-1.3": (0, 0,     2),
    "SOV-1.4": (0, 0,     4),
    "SOV-1.5": (1, 31.25, 4),
    "SOV-1.6": (0, 0,     4),
    "SOV-1.7": (0, 0,     4),
    "SOV-1.8": (0, 0,     0),
    # SOV-1: 0 + 0 + 0 + 0 + 31.25 + 0 + 0 + 0 = 31.25
    #        SEAL min(1,4,2,4,4,4,4,0) = 0 (SOV-1.8)

    "SOV-2.1": (1, 84,    1),
    "SOV-2.2": (0, 0,     1),
    "SOV-2.3": (0, 0,     1),
    "SOV-2.4": (1, 41.75, 1),
    "SOV-2.5": (0, 0,     4),
    "SOV-2.6": (0, 0,     3),
    # SOV-2: 84 + 0 + 0 + 41.75 + 0 + 0 = 125.75
    #        SEAL min(1,1,1,1,4,3) = 1

    "SOV-3.1": (1, 50,  1),
    "SOV-3.2": (1, 50,  1),
    "SOV-3.3": (1, 50,  1),
    "SOV-3.4": (2, 100, 1),
    "SOV-3.5": (2, 100, 2),
    # SOV-3: 50 + 50 + 50 + 100 + 100 = 350
    #        SEAL min(1,1,1,1,2) = 1

    "SOV-4.1": (1, 41.75, 1),
    "SOV-4.2": (1, 41.75, 1),
    "SOV-4.3": (1, 41.75, 1),
    "SOV-4.4": (1, 41.75, 2),
    "SOV-4.5": (0, 0,     0),
    "SOV-4.6": (1, 41.75, 2),
    # SOV-4: 41.75 + 41.75 + 41.75 + 41.75 + 0 + 41.75 = 5 * 41.75 = 208.75
    #        SEAL min(1,1,1,2,0,2) = 0 (SOV-4.5)

    "SOV-5.1": (0, 0, 1),
    "SOV-5.2": (0, 0, 1),
    "SOV-5.3": (0, 0, 4),
    "SOV-5.4": (0, 0, 0),
    "SOV-5.5": (0, 0, 1),
    "SOV-5.6": (0, 0, 1),
    "SOV-5.7": (0, 0, 1),
    # SOV-5: 0 + 0 + 0 + 0 + 0 + 0 + 0 = 0
    #        SEAL min(1,1,4,0,1,1,1) = 0 (SOV-5.4)

    "SOV-6.1": (1, 50, 1),
    "SOV-6.2": (1, 50, 0),
    "SOV-6.3": (0, 0,  2),
    "SOV-6.4": (1, 50, 2),
    "SOV-6.5": (0, 0,  0),
    # SOV-6: 50 + 50 + 0 + 50 + 0 = 150
    #        SEAL min(1,0,2,2,0) = 0 (SOV-6.2, SOV-6.5)

    "SOV-7.1": (1, 35.75, 1),
    "SOV-7.2": (2, 71.5,  4),
    "SOV-7.3": (1, 35.75, 1),
    "SOV-7.4": (2, 71.5,  1),
    "SOV-7.5": (1, 35.75, 1),
    "SOV-7.6": (1, 35.75, 1),
    "SOV-7.7": (1, 35.75, 1),
    # SOV-7: 35.75 + 71.5 + 35.75 + 71.5 + 35.75 + 35.75 + 35.75
    #        = 5 * 35.75 + 2 * 71.5 = 178.75 + 143 = 321.75
    #        SEAL min(1,4,1,1,1,1,1) = 1

    "SOV-8.1": (2, 125,  4),
    "SOV-8.2": (0, 0,    0),
    "SOV-8.3": (0, 0,    1),
    "SOV-8.4": (1, 62.5, 4),
    # SOV-8: 125 + 0 + 0 + 62.5 = 187.5
    #        SEAL min(4,0,1,4) = 0 (SOV-8.2)
}
ZHENLAN_OBJ = {
    "SOV-1": (31.25,  0),
    "SOV-2": (125.75, 1),
    "SOV-3": (350,    1),
    "SOV-4": (208.75, 0),
    "SOV-5": (0,      0),
    "SOV-6": (150,    0),
    "SOV-7": (321.75, 1),
    "SOV-8": (187.5,  0),
}
# 20*31.25/1000 + 10*125.75/1000 + 10*350/1000 + 15*208.75/1000
#   + 10*0/1000 + 15*150/1000 + 15*321.75/1000 + 5*187.5/1000
# = 0.625 + 1.2575 + 3.5 + 3.13125 + 0 + 2.25 + 4.82625 + 0.9375
# = 16.5275
ZHENLAN_TOTAL = 16.5275
# overall SEAL = min(0,1,1,0,0,0,1,0) = 0
ZHENLAN_SEAL = 0

EXPECTED = {
    "bid-kwelder": (KWELDER, KWELDER_OBJ, KWELDER_TOTAL, KWELDER_SEAL),
    "bid-zhenlan": (ZHENLAN, ZHENLAN_OBJ, ZHENLAN_TOTAL, ZHENLAN_SEAL),
}

EPS = 1e-9


def self_check():
    """Make sure the hand-typed tables agree with the hand-written sums.

    This guards against a typo in this file; it is not a check of the tool and
    is not counted in N."""
    problems = []
    for bid, (crit, obj, total, seal) in EXPECTED.items():
        if len(crit) != 48:
            problems.append("%s: hand table has %d criteria, not 48"
                            % (bid, len(crit)))
        for o, (pts, oseal) in obj.items():
            rows = [v for k, v in crit.items() if k.split(".")[0] == o]
            s = sum(v[1] for v in rows)
            if abs(s - pts) > EPS:
                problems.append("%s %s: table sums to %r, comment says %r"
                                % (bid, o, s, pts))
            if min(v[2] for v in rows) != oseal:
                problems.append("%s %s: table SEAL min differs from %r"
                                % (bid, o, oseal))
        w = sum(WEIGHTS[o] * obj[o][0] / 1000 for o in WEIGHTS)
        if abs(w - total) > EPS:
            problems.append("%s: weighted sum %r != hand total %r"
                            % (bid, w, total))
        if min(v[1] for v in obj.values()) != seal:
            problems.append("%s: overall SEAL differs from %r" % (bid, seal))
    if problems:
        for p in problems:
            print("hand_check: SELF-CHECK FAILED: " + p)
        sys.exit(1)


def main():
    if len(sys.argv) != 3:
        print("usage: hand_check.py <assess-binary> <repo-root>",
              file=sys.stderr)
        return 2
    assess, root = sys.argv[1], sys.argv[2]
    self_check()

    cmd = [os.path.abspath(assess), "score", "--tender",
           "templates/examples/cloud/tender.json",
           "templates/examples/cloud/bid-kwelder.json",
           "templates/examples/cloud/bid-zhenlan.json"]
    proc = subprocess.run(cmd, cwd=root, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
    try:
        out = json.loads(proc.stdout.decode("utf-8"))
    except ValueError as e:
        print("hand_check: cannot parse assess output as JSON (%s); exit "
              "status %d; stderr:\n%s"
              % (e, proc.returncode, proc.stderr.decode("utf-8", "replace")))
        return 1

    passed = 0
    failed = 0

    def check(bid, field, expected, actual, ok):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL %s %s: expected %r, actual %r"
                  % (bid, field, expected, actual))

    def num_eq(a, b):
        return (isinstance(b, (int, float)) and not isinstance(b, bool)
                and abs(a - b) < EPS)

    bids = {b.get("id"): b for b in out.get("bids", [])}
    for bid, (crit, obj, total, seal) in EXPECTED.items():
        b = bids.get(bid)
        check(bid, "present in output", True, b is not None, b is not None)
        if b is None:
            continue
        acrit = b.get("criteria", {})
        for cid, (rung, pts, cseal) in crit.items():
            a = acrit.get(cid, {})
            check(bid, cid + ".rung", rung, a.get("rung"),
                  a.get("rung") == rung)
            check(bid, cid + ".points", pts, a.get("points"),
                  num_eq(pts, a.get("points")))
            check(bid, cid + ".seal", cseal, a.get("seal"),
                  a.get("seal") == cseal)
        aobj = b.get("objectives", {})
        for oid, (pts, oseal) in obj.items():
            a = aobj.get(oid, {})
            check(bid, oid + ".points", pts, a.get("points"),
                  num_eq(pts, a.get("points")))
            check(bid, oid + ".seal", oseal, a.get("seal"),
                  a.get("seal") == oseal)
        check(bid, "score_percent", total, b.get("score_percent"),
              num_eq(total, b.get("score_percent")))
        check(bid, "seal", seal, b.get("seal"), b.get("seal") == seal)

    print("hand_check: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
