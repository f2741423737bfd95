#!/usr/bin/env python3
"""The award through the CLI, with every expected number worked out by hand
beside the case (procurement-methods.md §1.3-1.5).

usage: award_cases.py ASSESS SOURCE_DIR

Bids are copies of templates/examples/cloud/bid-kwelder.json with their own
id and price; quality comes from an evaluator scores file (criterion "Q",
scale 0-100) so that the quality of each bid is what the case needs.
"""

import json
import os
import subprocess
import sys
import tempfile

from tally import check, summary

ASSESS, SRC = sys.argv[1], sys.argv[2]
EX = os.path.join(SRC, "templates", "examples", "cloud")


def near(a, b):
    return a is not None and abs(a - b) < 1e-9


def run(tmp, award, bids, mean_scores=None, countries=None, extra_scores=None):
    """bids: {id: (price, quality)}; countries: {id: country of every entity}"""
    base = json.load(open(os.path.join(EX, "bid-kwelder.json"), encoding="utf-8"))
    t = json.load(open(os.path.join(EX, "tender.json"), encoding="utf-8"))
    # one lot without a class: no SEAL minimums, so a bidder from any
    # country stays eligible unless the case knocks it out
    t["lots"] = [{"id": "1", "title": "the lot", "min_seal": {"SOV-8": 0}}]
    t["award"] = dict(award, scores="scores.json")
    d = os.path.join(tmp, "case")
    if os.path.isdir(d):
        for f in os.listdir(d):
            os.remove(os.path.join(d, f))
    else:
        os.makedirs(d)
    rows = []
    for bid_id, (price, q) in bids.items():
        b = dict(base, id=bid_id, price={"amount": price, "currency": "EUR"},
                 lot="1")
        if countries and bid_id in countries:
            b["entities"] = [dict(e, country=countries[bid_id]) for e in base["entities"]]
        json.dump(b, open(os.path.join(d, bid_id + ".json"), "w"))
        for ev, sc in (mean_scores or {}).get(bid_id, [("panel", q)]):
            rows.append({"bid": bid_id, "criterion": "Q", "evaluator": ev,
                         "score": sc, "reason": "worked example"})
    rows += extra_scores or []
    json.dump({"format": "assess-scores/1", "scores": rows,
               "overrides": getattr(run, "overrides", [])},
              open(os.path.join(d, "scores.json"), "w"))
    json.dump(t, open(os.path.join(d, "tender.json"), "w"))
    p = subprocess.run([ASSESS, "score", "--tender", os.path.join(d, "tender.json")] +
                       [os.path.join(d, i + ".json") for i in bids],
                       capture_output=True, text=True,
                       env=dict(os.environ, ASSESS_RULES=os.path.join(SRC, "rules")))
    if not p.stdout:
        return None, p
    full = json.loads(p.stdout)
    run.full = full
    return {b["id"]: b["award"] for b in full["bids"]}, p


LOWEST = {"method": "weighted", "price_scoring": "lowest",
          "weights": {"price": 50, "Q": 50}}
ABSOLUTE = {"method": "weighted", "price_scoring": "absolute",
            "price_bounds": {"min": 50, "max": 150}, "weights": {"price": 50, "Q": 50}}


def main():
    with tempfile.TemporaryDirectory() as tmp:
        # 50/50, lowest/price: A 50*100/100 + 0.5*70 = 85.00;
        # B 50*100/130 + 0.5*90 = 38.4615 + 45 = 83.4615 -> A wins
        r, p = run(tmp, LOWEST, {"A": (100, 70), "B": (130, 90)})
        check(r and near(r["A"]["total"], 85) and near(r["B"]["total"], 50 * 100 / 130 + 45)
              and r["A"]["rank"] == 1 and r["B"]["rank"] == 2, f"A and B: {r} {p.stderr}")
        check(near(r["B"]["total_rounded"], 83.46), "rounded to 2 decimals")
        # add C (60, 20): P_min = 60; A 50*0.6 + 35 = 65; B 50*60/130 + 45 =
        # 68.0769; C 50 + 10 = 60 -> B wins: a losing bid flipped the order
        r, p = run(tmp, LOWEST, {"A": (100, 70), "B": (130, 90), "C": (60, 20)})
        check(r and near(r["A"]["total"], 65) and near(r["C"]["total"], 60) and
              r["B"]["rank"] == 1 and r["A"]["rank"] == 2 and r["C"]["rank"] == 3,
              f"A, B, C with lowest/price: {r}")
        # ... and the stability diagnostic flags it: without C, A wins again
        diag = run.full["award"]["diagnostics"][0]
        check(diag["winner"] == "B" and diag["stable"] is False and
              r["C"]["removal_changes_winner_to"] == "A" and
              r["A"]["removal_changes_winner_to"] is None, f"stability: {diag} {r}")
        # abnormally low: median price 100, 0.8 x 100 = 80 > 60 -> C flagged
        check(r["C"]["abnormally_low"] and not r["A"]["abnormally_low"],
              "abnormally low price")
        # absolute bounds 50..150: A 50*0.5 + 35 = 60; B 50*0.2 + 45 = 55;
        # C 50*0.9 + 10 = 55 -> A wins with or without C
        r, _ = run(tmp, ABSOLUTE, {"A": (100, 70), "B": (130, 90), "C": (60, 20)})
        check(r and near(r["A"]["total"], 60) and r["A"]["rank"] == 1 and
              near(r["B"]["total"], 55) and near(r["C"]["total"], 55),
              f"absolute with C: {r}")
        check(run.full["award"]["diagnostics"][0]["stable"] is True,
              "absolute scoring is stable")
        r, _ = run(tmp, ABSOLUTE, {"A": (100, 70), "B": (130, 90)})
        check(r and r["A"]["rank"] == 1 and r["B"]["rank"] == 2, "absolute without C")
        # weight sensitivity: with w_P = 50 - d and w_Q = 50 + d,
        # A = 60 + 0.2 d and B = 55 + 0.7 d; B passes A when d > 10: 11 points
        ws = run.full["award"]["diagnostics"][0]["weight_sensitivity"]
        check(ws == {"points": 11, "weight": "price down"}, f"weight sensitivity: {ws}")
        # linear between lowest and highest: A (130-100)/(130-60) = 0.428571;
        # B 0; C 1 -> A 21.4286 + 35 = 56.4286; B 45; C 60 -> C wins
        r, _ = run(tmp, dict(LOWEST, price_scoring="linear"),
                   {"A": (100, 70), "B": (130, 90), "C": (60, 20)})
        check(r and near(r["A"]["total"], 50 * 30 / 70 + 35) and near(r["B"]["total"], 45)
              and r["C"]["rank"] == 1, f"linear: {r}")
        # log, A = 2: PS = 1 - ln(P/60)/ln 2; A: 1 - ln(5/3)/ln 2 = 0.263034
        import math
        r, _ = run(tmp, dict(LOWEST, price_scoring="log", log_base=2),
                   {"A": (100, 70), "C": (60, 20)})
        check(r and near(r["A"]["price_score"], 100 * (1 - math.log(100 / 60) / math.log(2))),
              f"log: {r}")
        # knock-out: a ceiling of 125 removes B from every reference set:
        # A vs C as above without B: P_min 60 -> A 65, C 60
        r, _ = run(tmp, dict(LOWEST, price_ceiling=125),
                   {"A": (100, 70), "B": (130, 90), "C": (60, 20)})
        check(r and not r["B"]["eligible"] and "ceiling" in r["B"]["knock_out"] and
              r["B"]["rank"] is None and r["A"]["rank"] == 1 and near(r["A"]["total"], 65),
              f"price ceiling: {r}")
        # minimum quality 50 removes C (20): A vs B as the first case
        r, _ = run(tmp, dict(LOWEST, min_quality=50),
                   {"A": (100, 70), "B": (130, 90), "C": (60, 20)})
        check(r and not r["C"]["eligible"] and r["A"]["rank"] == 1 and near(r["A"]["total"], 85),
              f"minimum quality: {r}")
        # monetised, V_Q = 50: F = P - 50 * Q/100: A 65, B 85, C 50 -> C wins
        r, _ = run(tmp, {"method": "monetised", "weights": {"Q": 100}, "values": {"Q": 50}},
                   {"A": (100, 70), "B": (130, 90), "C": (60, 20)})
        check(r and near(r["A"]["total"], 65) and near(r["B"]["total"], 85) and
              r["C"]["rank"] == 1 and r["B"]["rank"] == 3, f"monetised: {r}")
        # value for money Q/P: A 0.7, B 0.6923, C 0.3333 -> A
        r, _ = run(tmp, {"method": "value-for-money", "weights": {"price": 50, "Q": 50}},
                   {"A": (100, 70), "B": (130, 90), "C": (60, 20)})
        check(r and near(r["A"]["total"], 0.7) and r["A"]["rank"] == 1 and r["C"]["rank"] == 3,
              f"value for money: {r}")
        # rounding on a .xx5: bounds 0..200, price 100 -> 25; Q 34.25 -> 17.125;
        # total 42.125 -> half-up 42.13, half-even 42.12
        rnd = dict(ABSOLUTE, price_bounds={"min": 0, "max": 200})
        r, _ = run(tmp, dict(rnd, rounding={"decimals": 2, "mode": "half-up"}),
                   {"A": (100, 34.25)})
        check(r and near(r["A"]["total"], 42.125) and near(r["A"]["total_rounded"], 42.13),
              f"half-up: {r}")
        r, _ = run(tmp, dict(rnd, rounding={"decimals": 2, "mode": "half-even"}),
                   {"A": (100, 34.25)})
        check(r and near(r["A"]["total_rounded"], 42.12), f"half-even: {r}")
        # rounding stage: each criterion first (Q 34.125 -> 34.13 half-up,
        # 0.5 x 34.13 = 17.065 -> total 42.065) or the total only (42.0625)
        r, _ = run(tmp, dict(rnd, rounding={"decimals": 2, "stage": "criterion"}),
                   {"A": (100, 34.125)})
        check(r and near(r["A"]["total"], 42.065), f"stage criterion: {r}")
        r, _ = run(tmp, dict(rnd, rounding={"decimals": 2, "stage": "total"}),
                   {"A": (100, 34.125)})
        check(r and near(r["A"]["total"], 42.0625), f"stage total: {r}")
        # a tie decided by the tie-breaks: absolute 50..150, A (100, 70) = 60;
        # D (110, 80) = 50*0.4 + 40 = 60 (60.00 rounded) -> quality decides: D
        r, _ = run(tmp, dict(ABSOLUTE, tie_breaks=["quality", "price"]),
                   {"A": (100, 70), "D": (110, 80)})
        check(r and r["D"]["rank"] == 1 and r["A"]["rank"] == 2 and
              r["D"]["tie_break"] == "quality", f"tie on quality: {r}")
        # with price first, A (cheaper) wins the same tie
        r, _ = run(tmp, dict(ABSOLUTE, tie_breaks=["price"]),
                   {"A": (100, 70), "D": (110, 80)})
        check(r and r["A"]["rank"] == 1 and r["A"]["tie_break"] == "price",
              f"tie on price: {r}")
        # no tie-break left: they share the rank, and the tie is named
        r, _ = run(tmp, ABSOLUTE, {"A": (100, 70), "D": (110, 80)})
        check(r and r["A"]["rank"] == r["D"]["rank"] == 1 and
              r["A"]["tie_break"] == "unresolved", f"unresolved tie: {r}")
        # evaluators combined by mean: (60 + 80) / 2 = 70, every score kept
        r, _ = run(tmp, LOWEST, {"A": (100, 0)},
                   mean_scores={"A": [("ann", 60), ("bob", 80)]})
        check(r and near(r["A"]["criteria"]["Q"]["score"], 70) and
              len(r["A"]["criteria"]["Q"]["evaluators"]) == 2, f"mean of evaluators: {r}")
        # ---- European preference, absolute 50..150, 50 % price / 50 % Q:
        # E (EU, 110, 70): 50*0.4 + 35 = 55; U (US: GPA-covered, 100, 70):
        # 50*0.5 + 35 = 60 -> U wins without a preference
        EU = {"E": (110, 70), "U": (100, 70)}
        US = {"U": "US"}
        basis = "Regulation (EU) 2022/1031 art. 6; announced in section 4 of the tender"

        def pref(mode, value=None, **kw):
            # against every non-EU/EEA bidder here; the default is only the
            # bidders not covered by an agreement (Kolin), checked below
            p = {"mode": mode, "legal_basis": basis, "announced": True,
                 "against": "non-eu"}
            if value is not None:
                p["value"] = value
            p.update(kw)
            return dict(ABSOLUTE, preference=[p])
        r, _ = run(tmp, ABSOLUTE, EU, countries=US)
        check(r and r["U"]["rank"] == 1 and r["U"]["category"] == "covered" and
              r["E"]["category"] == "eu-eea", f"no preference: {r}")
        # price factor 0.2: U is evaluated at 120 -> 50*0.3 + 35 = 50 < 55: E
        # wins; U's contract price stays 100; the preference decided it
        r, _ = run(tmp, pref("price-factor", 0.2), EU, countries=US)
        d = run.full["award"]["diagnostics"][0]
        check(r and r["E"]["rank"] == 1 and near(r["U"]["evaluated_price"], 120) and
              near(r["U"]["total"], 50) and d["preference_decided"] is True and
              d["winner_without_preference"] == "U", f"price factor: {r} {d}")
        # by default a preference works only against bidders not covered by
        # an agreement: the US bidder (GPA) keeps its price, a Chinese one
        # is evaluated at 100 x 1.2 = 120 -> 50*0.3 + 35 = 50
        dflt = dict(ABSOLUTE, preference=[{"mode": "price-factor", "value": 0.2,
                                           "legal_basis": basis, "announced": True}])
        r, _ = run(tmp, dflt, EU, countries=US)
        check(r and r["U"]["rank"] == 1 and near(r["U"]["evaluated_price"], 100),
              f"default: GPA-covered bidder untouched: {r}")
        r, _ = run(tmp, dflt, EU, countries={"U": "CN"})
        check(r and r["E"]["rank"] == 1 and near(r["U"]["evaluated_price"], 120),
              f"default: not-covered bidder evaluated higher: {r}")
        # score adjustment +10 for EU bids: E 65 > U 60
        r, _ = run(tmp, pref("score-adjustment", 10), EU, countries=US)
        check(r and r["E"]["rank"] == 1 and near(r["E"]["total"], 65), f"adjustment: {r}")
        # an exact tie (E 60 = U 60 at absolute 50..150: E priced 100) with a
        # band: the EU bid goes first and the other moves down
        r, _ = run(tmp, pref("tie-band", 0.03), {"E": (100, 70), "U": (100, 70)},
                   countries=US)
        check(r and r["E"]["rank"] == 1 and r["U"]["rank"] == 2, f"band in a tie: {r}")
        # a band of 3 (300 %) is refused: fractions only
        r, p = run(tmp, pref("tie-band", 3), EU, countries=US)
        check(p.returncode == 1 and "$.award.preference[0].value" in p.stderr,
              f"band as a fraction: {p.stderr}")
        # tie band 10 %: |60 - 55| = 5 <= 6 -> E first; with 3 % (1.8) U stays
        r, _ = run(tmp, pref("tie-band", 0.10), EU, countries=US)
        check(r and r["E"]["rank"] == 1 and r["U"]["rank"] == 2 and
              r["E"]["tie_break"] == "preference band", f"tie band 10 %: {r}")
        r, _ = run(tmp, pref("tie-band"), EU, countries=US)
        check(r and r["U"]["rank"] == 1, f"tie band 3 %: {r}")
        # exclusion of bidders without an agreement: C (CN, 60, 70) would win
        # with 50*0.9 + 35 = 80, but China is not a GPA party
        r, _ = run(tmp, pref("exclude-not-covered"), dict(EU, C=(60, 70)),
                   countries={"U": "US", "C": "CN"})
        check(r and r["C"]["category"] == "not-covered" and not r["C"]["eligible"] and
              "agreement" in r["C"]["knock_out"] and r["U"]["rank"] == 1,
              f"exclude not covered: {r}")
        # union added value, weight 10 (cap 15/120 = 12.5 %), E 100 and U 0:
        # E 20 + 28 + 10 = 58, U 25 + 28 = 53 -> E; without it U -> decided
        uav = dict(ABSOLUTE, weights={"price": 50, "Q": 40, "union-added-value": 10},
                   preference=[{"mode": "union-added-value", "legal_basis": basis,
                                "announced": True}])
        ux = [{"bid": "E", "criterion": "union-added-value", "evaluator": "panel",
               "score": 100, "reason": "EU hardware and software"},
              {"bid": "U", "criterion": "union-added-value", "evaluator": "panel",
               "score": 0, "reason": "none declared"}]
        r, _ = run(tmp, uav, EU, countries=US, extra_scores=ux)
        d = run.full["award"]["diagnostics"][0]
        check(r and near(r["E"]["total"], 58) and r["E"]["rank"] == 1 and
              d["union_added_value_decided"] is True and
              d["winner_without_union_added_value"] == "U", f"union added value: {r} {d}")
        over = dict(uav, weights={"price": 45, "Q": 40, "union-added-value": 15})
        r, p = run(tmp, over, EU, countries=US, extra_scores=ux)
        check(p.returncode == 1 and "above the cap of 12.50 %" in p.stderr,
              f"cap: {p.stderr}")
        # every mode needs its legal basis and an announcement
        r, p = run(tmp, dict(ABSOLUTE, preference=[{"mode": "tie-band",
                                                     "announced": False}]), EU)
        check(p.returncode == 1 and "legal basis" in p.stderr and "announced" in p.stderr,
              f"no legal basis, not announced: {p.stderr}")
        # an override of a framework criterion after a clarification: the
        # value is the rung that counts (SOV-2.2 down to rung 0)
        r, _ = run(tmp, LOWEST, {"A": (100, 70)})
        before = next(b for b in run.full["bids"])["criteria"]["SOV-2.2"]["rung"]
        run.overrides = [{"bid": "A", "criterion": "SOV-2.2", "value": 0,
                          "reason": "clarification: the legal opinion was withdrawn",
                          "evaluator": "panel", "date": "2026-11-20"}]
        r, _ = run(tmp, LOWEST, {"A": (100, 70)})
        after = next(b for b in run.full["bids"])["criteria"]["SOV-2.2"]
        check(before > 0 and after["rung"] == 0, f"framework override: {before} -> {after}")
        run.overrides = [{"bid": "A", "criterion": "SOV-2.2", "value": 9,
                          "reason": "x", "evaluator": "panel", "date": "2026-11-20"}]
        r, p = run(tmp, LOWEST, {"A": (100, 70)})
        check(p.returncode == 1 and "9 is not a rung" in p.stderr, f"bad override: {p.stderr}")
        run.overrides = []
        # a price of 0 cannot be scored relative to the lowest price
        r, _ = run(tmp, LOWEST, {"A": (100, 70), "Z": (0, 10)})
        check(r and not r["Z"]["eligible"] and "cannot be scored" in r["Z"]["knock_out"]
              and near(r["A"]["total"], 85), f"zero price: {r}")
        # the price basis: a bid priced in another currency is knocked out
        r, _ = run(tmp, dict(LOWEST, currency="USD"), {"A": (100, 70)})
        check(r and not r["A"]["eligible"] and "currency" in r["A"]["knock_out"],
              f"price basis: {r}")
        # the preference tie-break: equal totals (absolute 50..150: A 60,
        # D 60), D from the EU and A from the US -> D first
        r, _ = run(tmp, dict(ABSOLUTE, tie_breaks=["preference"]),
                   {"A": (100, 70), "D": (110, 80)}, countries={"A": "US"})
        check(r and r["D"]["rank"] == 1 and r["D"]["tie_break"] == "preference",
              f"preference tie-break: {r}")
        # a criterion nobody can score is refused with its path
        r, p = run(tmp, dict(LOWEST, weights={"price": 50, "X": 50}), {"A": (100, 70)})
        check(p.returncode == 1 and "$.award.weights" in p.stderr and "'X'" in p.stderr,
              f"unknown criterion: {p.stderr}")
    return summary("award_cases")


if __name__ == "__main__":
    sys.exit(main())
