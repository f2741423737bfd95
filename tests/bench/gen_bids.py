#!/usr/bin/env python3
"""Generate a tender profile and N varied bid declarations for benchmarking.

usage: gen_bids.py OUTDIR N [SEED]

Writes OUTDIR/tender.json (the shape of templates/examples/cloud/tender.json:
two lots, classes share and access) and OUTDIR/bid-00001.json ...
OUTDIR/bid-NNNNN.json. Each bid starts from one of the example bids in
templates/examples/cloud/bid-*.json, picked by a PRNG seeded with SEED
(default 1), and then gets a unique id, a random lot and price, new entity
names and countries, new data/backup/support/admin locations, a random
key_management and exit plan, and a random rung within the criterion's range
for every one of the framework's criteria (ranges from
rules/frameworks/csf-2026.json), so that the framework's fact rules fire for
some bids and not for others. The same OUTDIR N SEED always gives the same
files, byte for byte. Standard library only.
"""

import copy
import glob
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
EXAMPLES = os.path.join(ROOT, "templates", "examples", "cloud")
FRAMEWORK = os.path.join(ROOT, "rules", "frameworks", "csf-2026.json")

# Real ISO 3166-1 alpha-2 codes. EEA = EU 27 + IS, LI, NO.
EU = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR",
      "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO",
      "SE", "SI", "SK"]
EEA_ONLY = ["IS", "LI", "NO"]
NON_EEA = ["US", "GB", "CH", "CN", "SG", "IN", "JP", "CA", "AU", "KR", "BR",
           "IL", "AE", "TR", "UA", "ZA"]

KEY_MANAGEMENT = ["provider", "provider-primary", "shared", "customer-primary",
                  "customer-exclusive"]
CONFIDENCE = ["high", "medium", "low"]
CHARGES = ["none", "cost-based", "commercial"]
ACCESS = ["none", "data", "privileged"]
CURRENCIES = ["EUR"] * 8 + ["SEK", "DKK", "PLN", "CHF"]

STEMS = ["Alder", "Basalt", "Corvane", "Dunmere", "Eskerra", "Fjelde", "Galvera",
         "Halcyra", "Isenbrand", "Jorvik", "Kestrel", "Lumora", "Meridane",
         "Norrvik", "Ostravel", "Polderra", "Quillan", "Rheinau", "Solvane",
         "Tessaro", "Ulvenborg", "Valdera", "Westmark", "Ysolde", "Zephyra"]
WORDS = ["Cloud", "Data", "Compute", "Digital", "Networks", "Systems",
         "Infrastructure", "Hosting", "Technologies", "Services"]
LEGAL_FORM = {
    "NL": "B.V.", "BE": "SA/NV", "DE": "GmbH", "AT": "GmbH", "LI": "AG",
    "CH": "AG", "FR": "SAS", "LU": "S.A.", "IT": "S.p.A.", "ES": "S.L.",
    "PT": "Lda.", "IE": "Limited", "GB": "Ltd", "SE": "AB", "DK": "A/S",
    "NO": "AS", "IS": "ehf.", "FI": "Oy", "PL": "sp. z o.o.", "CZ": "s.r.o.",
    "SK": "s.r.o.", "HU": "Kft.", "RO": "S.R.L.", "BG": "EOOD", "HR": "d.o.o.",
    "SI": "d.o.o.", "GR": "S.A.", "CY": "Ltd", "MT": "Ltd", "EE": "OU",
    "LV": "SIA", "LT": "UAB", "US": "Inc.", "CA": "Inc.", "AU": "Pty Ltd",
    "CN": "Co., Ltd.", "SG": "Pte. Ltd.", "IN": "Private Limited",
    "JP": "K.K.", "KR": "Co., Ltd.", "BR": "Ltda.", "IL": "Ltd.",
    "AE": "FZ-LLC", "TR": "A.S.", "UA": "LLC", "ZA": "(Pty) Ltd",
}


def usage(msg=None):
    if msg:
        sys.stderr.write("gen_bids.py: %s\n" % msg)
    sys.stderr.write("usage: gen_bids.py OUTDIR N [SEED]\n")
    sys.exit(2)


def load_ranges():
    with open(FRAMEWORK, encoding="utf-8") as f:
        fw = json.load(f)
    ranges = []
    for obj in fw["objectives"]:
        for crit in obj["criteria"]:
            ranges.append((crit["id"], len(crit["rungs"])))
    return ranges


def load_examples():
    paths = sorted(glob.glob(os.path.join(EXAMPLES, "bid-*.json")))
    if not paths:
        usage("no example bids in %s" % EXAMPLES)
    out = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            out.append((os.path.basename(p), json.load(f)))
    return out


def country(rng, p_outside):
    """An EEA country, or with probability p_outside a non-EEA one."""
    if rng.random() < p_outside:
        return rng.choice(NON_EEA)
    return rng.choice(EU) if rng.random() < 0.9 else rng.choice(EEA_ONLY)


def locations(rng, home, p_outside, allow_empty=False):
    """1-3 distinct countries, usually including home; rarely empty."""
    if allow_empty and rng.random() < 0.05:
        return []
    n = rng.randint(1, 3)
    out = [home] if rng.random() < 0.8 else []
    while len(out) < n:
        c = country(rng, p_outside)
        if c not in out:
            out.append(c)
    return out


def company_name(rng, cc):
    return "%s %s %s" % (rng.choice(STEMS), rng.choice(WORDS),
                         LEGAL_FORM.get(cc, "Ltd"))


def vary_entities(rng, entities, tenderer):
    """New names, countries, control shares and access for every entity.
    Entity ids and the parent links of the example are kept (they are
    consistent), so the tenderer and every parent still resolve."""
    # per bid, the chance that an entity sits outside the EEA: a third of
    # the bids are all-EEA, the rest mix in non-EEA parents and suppliers
    p_outside = rng.choice([0.0, 0.1, 0.4])
    for e in entities:
        cc = country(rng, p_outside)
        e["country"] = cc
        e["name"] = company_name(rng, cc)
        if "parent" in e:
            e["control_percent"] = rng.choice([25, 40, 51, 66, 85, 100, 100])
            if rng.random() < 0.3:
                e["decisive_influence"] = rng.random() < 0.5
            else:
                e.pop("decisive_influence", None)
        if e["role"] in ("subcontractor", "supplier"):
            e["access"] = rng.choice(ACCESS)
            e["share_of_value_percent"] = rng.randint(1, 40)
    # now and then one extra subcontractor or supplier
    if rng.random() < 0.3:
        cc = country(rng, 0.35)
        ids = {e["id"] for e in entities}
        k = 1
        while "extra-%d" % k in ids:
            k += 1
        entities.append({
            "id": "extra-%d" % k,
            "name": company_name(rng, cc),
            "country": cc,
            "role": rng.choice(["subcontractor", "supplier"]),
            "layers": rng.sample(["compute", "storage", "network", "iam",
                                  "platform", "security", "software-supply",
                                  "edge", "facilities", "support", "admin"],
                                 rng.randint(1, 3)),
            "access": rng.choice(ACCESS),
            "share_of_value_percent": rng.randint(1, 30),
        })
    home = next(e["country"] for e in entities if e["id"] == tenderer)
    return home


def vary_service(rng, svc, home):
    p_outside = rng.choice([0.0, 0.0, 0.15, 0.4])
    svc["data_locations"] = locations(rng, home, p_outside)
    svc["backup_locations"] = locations(rng, home, p_outside, allow_empty=True)
    svc["support_locations"] = locations(rng, home, p_outside, allow_empty=True)
    svc["admin_locations"] = locations(rng, home, p_outside, allow_empty=True)
    svc["key_management"] = rng.choice(KEY_MANAGEMENT)
    ex = svc.setdefault("exit", {})
    ex["plan"] = rng.random() < 0.8
    ex["plan_tested"] = ex["plan"] and rng.random() < 0.5
    ex["egress_charges"] = rng.choice(CHARGES)
    ex["switching_charges"] = rng.choice(CHARGES)
    ex["notice_months"] = rng.choice([0, 1, 2, 3, 6, 12])
    ex["transition_days"] = rng.choice([0, 30, 60, 90, 180])
    ex["retrieval_days"] = rng.choice([0, 14, 30, 60, 90])
    if "ai_model" in svc:
        svc["ai_model"]["origin_country"] = country(rng, 0.4)


def make_bid(rng, i, examples, ranges):
    src_name, src = rng.choice(examples)
    bid = copy.deepcopy(src)
    bid["id"] = "bid-%05d" % i
    bid["lot"] = rng.choice(["1", "2"])
    bid["price"] = {"amount": rng.randrange(150, 9000) * 1000 +
                    rng.choice([0, 0, 0, 500, 250.5]),
                    "currency": rng.choice(CURRENCIES)}
    home = vary_entities(rng, bid["entities"], bid["tenderer"])
    vary_service(rng, bid.setdefault("service", {}), home)
    old = bid.get("answers", {})
    answers = {}
    for cid, n in ranges:
        a = {"rung": rng.randrange(n)}
        ev = old.get(cid, {}).get("evidence")
        if ev is not None and rng.random() < 0.9:
            a["evidence"] = ev
        if rng.random() < 0.9:
            a["confidence"] = rng.choice(CONFIDENCE)
        answers[cid] = a
    bid["answers"] = answers
    bid["notes"] = "Generated by tests/bench/gen_bids.py from %s." % src_name
    return bid


def make_tender(examples_dir):
    with open(os.path.join(examples_dir, "tender.json"), encoding="utf-8") as f:
        t = json.load(f)
    t["title"] = "Benchmark tender (generated by tests/bench/gen_bids.py)"
    t["notes"] = ("Copy of templates/examples/cloud/tender.json for the "
                  "benchmark: lot 1 class share with min_seal SOV-3 3, lot 2 "
                  "class access.")
    return t


def main(argv):
    if len(argv) not in (3, 4):
        usage()
    outdir = argv[1]
    try:
        n = int(argv[2])
        seed = int(argv[3]) if len(argv) == 4 else 1
    except ValueError:
        usage("N and SEED must be integers")
    if n < 0 or n > 99999:
        usage("N must be 0..99999")
    ranges = load_ranges()
    examples = load_examples()
    os.makedirs(outdir, exist_ok=True)
    rng = random.Random(seed)
    with open(os.path.join(outdir, "tender.json"), "w", encoding="utf-8") as f:
        json.dump(make_tender(EXAMPLES), f, indent=2, ensure_ascii=False)
        f.write("\n")
    for i in range(1, n + 1):
        bid = make_bid(rng, i, examples, ranges)
        path = os.path.join(outdir, "bid-%05d.json" % i)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(bid, f, indent=2, ensure_ascii=False)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
