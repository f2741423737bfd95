#!/usr/bin/env python3
"""checks_cases.py - every archive check of rules/checks/archive.json fires
in one case and stays quiet in its twin.

usage: checks_cases.py ASSESS SOURCE_DIR

Each case is a one-lot OCDS release built here (the easiest notice to
write by hand), read by `assess batch --jsonl`; the test compares the
checks that fired for the lot with the expectation written beside the
case. The reasoning for each expectation is in the case's comment.
"""
import copy
import json
import os
import subprocess
import sys
import tempfile



def release(**kw):
    """A release of one cloud-neutral lot: road works, two tenders, quality
    and price criteria without sovereignty terms, three years, a Dutch
    winner. Keyword arguments change one thing at a time."""
    r = {
        "ocid": "ocds-test-1", "id": "r1", "date": "2025-03-01T00:00:00Z",
        "tag": ["award"],
        "parties": [
            {"id": "B", "name": "Gemeente Testdam", "address": {"country": "NL"},
             "roles": ["buyer"]},
            {"id": "S", "name": "Wegenbouw Testdam B.V.",
             "address": {"country": "NL"}, "roles": ["supplier"]},
        ],
        "buyer": {"id": "B"},
        "tender": {
            "id": "T1", "title": "Onderhoud wegen",
            "description": "Onderhoud van gemeentelijke wegen.",
            "procurementMethod": "open",
            "numberOfTenderers": 2,
            "items": [{"id": "1", "classification": {"scheme": "CPV", "id": "45233141"},
                       "relatedLot": "L1"}],
            "lots": [{"id": "L1", "title": "Wegen",
                      "contractPeriod": {"durationInDays": 1096},
                      "awardCriteria": {"criteria": [
                          {"type": "quality", "name": "Plan van aanpak"},
                          {"type": "price", "name": "Prijs"}]}}],
        },
        "awards": [{"id": "A1", "status": "active", "relatedLots": ["L1"],
                    "suppliers": [{"id": "S"}],
                    "value": {"amount": 100000, "currency": "EUR"}}],
    }
    for path, value in kw.items():
        node = r
        keys = path.split("__")
        for k in keys[:-1]:
            node = node[int(k)] if isinstance(node, list) else node[k]
        last = keys[-1]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
    return r


CLOUD = {"tender__items": [{"id": "1", "classification": {"scheme": "CPV", "id": "72317000"},
                            "relatedLot": "L1"}]}


def cloud(**kw):
    d = dict(CLOUD)
    d.update(kw)
    return d


CASES = [
    # CLOUD-AI: CPV 72317000 (data storage) is on the cloud list; road works
    # 45233141 are not; the keyword "hosting" in the description; AI in Dutch;
    # the Italian word "ai" ("to the") is no AI keyword.
    # (the base release's criteria value no sovereignty, so a cloud lot
    # also gets NO-SOVEREIGNTY-CRITERION)
    ("cloud by CPV", cloud(), {"CLOUD-AI", "NO-SOVEREIGNTY-CRITERION"}),
    ("road works", {}, set()),
    ("cloud by keyword", {"tender__description": "Hosting van de gemeentelijke website."},
     {"CLOUD-AI", "NO-SOVEREIGNTY-CRITERION"}),
    ("AI by keyword", {"tender__description": "Een chatdienst met kunstmatige intelligentie."},
     {"CLOUD-AI", "NO-SOVEREIGNTY-CRITERION"}),
    ("Italian ai", {"tender__description": "Servizi ai cittadini."}, set()),
    # NON-EU-WINNER: a cloud lot won by a US company the registry does not
    # know; by Microsoft Ireland (IE, group Microsoft, US); by a Dutch
    # company with a US beneficial owner; quiet: Dutch, and Silo AI the day
    # before AMD bought it (2024-08-08: its own group, FI).
    ("US winner", cloud(parties__1={"id": "S", "name": "Acme Cloud Inc.",
                                    "address": {"country": "US"}, "roles": ["supplier"]}),
     {"CLOUD-AI", "NON-EU-WINNER", "NO-SOVEREIGNTY-CRITERION"}),
    ("Microsoft Ireland", cloud(parties__1={"id": "S", "name": "Microsoft Ireland Operations Limited",
                                            "address": {"country": "IE"}, "roles": ["supplier"]}),
     {"CLOUD-AI", "NON-EU-WINNER", "NO-SOVEREIGNTY-CRITERION"}),
    ("US owner", cloud(parties__1={"id": "S", "name": "Wolk Testdam B.V.",
                                   "address": {"country": "NL"}, "roles": ["supplier"],
                                   "beneficialOwners": [{"name": "J. Doe", "nationalities": ["US"]}]}),
     {"CLOUD-AI", "NON-EU-WINNER", "NO-SOVEREIGNTY-CRITERION"}),
    ("Silo AI before AMD", cloud(date="2024-08-08T00:00:00Z",
                                 parties__1={"id": "S", "name": "Silo AI Oy",
                                             "address": {"country": "FI"}, "roles": ["supplier"]}),
     {"CLOUD-AI", "NO-SOVEREIGNTY-CRITERION"}),
    ("Silo AI from AMD", cloud(date="2024-08-09T00:00:00Z",
                               parties__1={"id": "S", "name": "Silo AI Oy",
                                           "address": {"country": "FI"}, "roles": ["supplier"]}),
     {"CLOUD-AI", "NO-SOVEREIGNTY-CRITERION", "NON-EU-WINNER"}),
    # BRAND-NO-EQUIVALENT: "Microsoft 365" without "or equivalent"; with
    # "of gelijkwaardig" (Dutch); "laws" holds "aws" but not as a word.
    ("brand", {"tender__description": "Levering van Microsoft 365 licenties."},
     {"BRAND-NO-EQUIVALENT"}),
    ("brand or equivalent", {"tender__description":
                             "Levering van Microsoft 365 licenties of gelijkwaardig."}, set()),
    ("aws inside laws", {"tender__description": "Onderhoud volgens de laws of the land."}, set()),
    # SINGLE-TENDER: one tender received; two is the default.
    ("single tender", {"tender__numberOfTenderers": 1}, {"SINGLE-TENDER"}),
    # PRICE-ONLY: a cloud lot with only a price criterion; the same for road
    # works stays quiet (not cloud or AI).
    ("cloud price only", cloud(**{"tender__lots__0__awardCriteria": {"criteria": [
        {"type": "price", "name": "Prijs"}]}}),
     {"CLOUD-AI", "PRICE-ONLY", "NO-SOVEREIGNTY-CRITERION"}),
    ("road works price only", {"tender__lots__0__awardCriteria": {"criteria": [
        {"type": "price", "name": "Prijs"}]}}, set()),
    # NO-SOVEREIGNTY-CRITERION: quiet when a quality criterion values exit
    # and portability, and when no criteria are published at all (unknown).
    ("cloud with exit criterion", cloud(**{"tender__lots__0__awardCriteria": {"criteria": [
        {"type": "quality", "name": "Exitstrategie en overdraagbaarheid van data"},
        {"type": "price", "name": "Prijs"}]}}), {"CLOUD-AI"}),
    ("cloud without criteria", cloud(**{"tender__lots__0__awardCriteria": {"criteria": []}}),
     {"CLOUD-AI"}),
    # LONG-LOCK-IN (4 years = 48 months): 1461 days = 1461 * 12 / 365.25 =
    # 48.0 months exactly, not longer; with one renewal 96 > 48; 1827 days =
    # 60.02 months.
    ("four years", {"tender__lots__0__contractPeriod": {"durationInDays": 1461}}, set()),
    ("four years and a renewal", {"tender__lots__0__contractPeriod": {"durationInDays": 1461},
                                  "tender__lots__0__renewal": {"maximumRenewals": 1}},
     {"LONG-LOCK-IN"}),
    ("five years", {"tender__lots__0__contractPeriod": {"durationInDays": 1827}},
     {"LONG-LOCK-IN"}),
    # TECHNICAL-EXCLUSIVITY: limited (negotiated without publication) for
    # technical reasons; the same for urgency stays quiet.
    ("technical exclusivity", {"tender__procurementMethod": "limited",
                               "tender__procurementMethodRationaleClassifications":
                                   [{"scheme": "eu-direct-award-justification", "id": "technical"}]},
     {"TECHNICAL-EXCLUSIVITY"}),
    ("urgency", {"tender__procurementMethod": "limited",
                 "tender__procurementMethodRationaleClassifications":
                     [{"scheme": "eu-direct-award-justification", "id": "urgency"}]}, set()),
]


def main():
    ASSESS, SRC = sys.argv[1], sys.argv[2]
    RULES = os.path.join(SRC, "rules")
    checks = failures = 0
    fired_somewhere, quiet_somewhere = set(), set()
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, (name, kw, _) in enumerate(CASES):
            p = os.path.join(tmp, "%02d.json" % i)
            with open(p, "w") as f:
                json.dump(release(**copy.deepcopy(kw)), f)
            paths.append(p)
        out = os.path.join(tmp, "rows.jsonl")
        rc = subprocess.run([ASSESS, "batch", *paths, "--jsonl", out, "--rules", RULES],
                            capture_output=True, text=True)
        rows = [json.loads(l) for l in open(out)]
        checks += 1
        if rc.returncode != 0 or len(rows) != len(CASES):
            failures += 1
            print("FAIL: batch run:", rc.returncode, rc.stderr[-500:])
        for (name, _, want), row in zip(CASES, rows):
            got = set(row.get("checks", []))
            checks += 1
            if got != want:
                failures += 1
                print(f"FAIL: {name}: expected {sorted(want)}, got {sorted(got)}")
            fired_somewhere |= got
    all_ids = {c["id"] for c in json.load(open(os.path.join(RULES, "checks", "archive.json")))["checks"]}
    checks += 1
    if fired_somewhere != all_ids:
        failures += 1
        print("FAIL: checks that never fired:", sorted(all_ids - fired_somewhere))
    print(f"checks_cases: {checks} checks, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
