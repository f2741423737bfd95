#!/usr/bin/env python3
"""The OCDS notice reader against an independent reading of the samples.

usage: notice_ocds_test.py ASSESS SOURCE_DIR

For every sample in tests/data/notices/ocds/ `assess notice FILE` is run and
each notice it prints is compared with the notice this script derives from
the same file with Python's json module, following the mapping documented
at the top of assess/notice/ocds.c (it shares no code with the reader):
number of notices, ids, ocid, tags and form type, dates, buyers and their
countries, CPV codes without check digit, procedure, values and currencies,
lots and their ids, award criteria, tenders received, durations, renewals,
framework agreements, results, award winners with their countries and
beneficial owners' nationalities, award dates, folded text. A few literal
expectations guard the derivation itself.

Then the containers and failure paths: JSON lines made from the releases of
packages give the same notices; a package with broken releases delivers
the others, exits 1 and names each JSON path; a record whose releases are
only linked is an error naming the path; a record without compiledRelease
gives its embedded releases; a duplicate key is refused; JSON that is not
OCDS is refused naming the file; and a few thousand mutants of a sample
(every member replaced by values of every JSON type) are read without a
crash, every one accounted for.

Standard library only. Prints the number of checks; exits 1 on the first
run of mismatches, listing every one of them.
"""

import copy
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

ASSESS, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
DATA = os.path.join(SRC, "tests", "data", "notices", "ocds")
RULES = os.path.join(SRC, "rules")

checks = 0
failures = []


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)


def eq(got, want, what):
    check(got == want, "%s: got %r, want %r" % (what, got, want))


def run(path):
    p = subprocess.run([ASSESS, "notice", path, "--rules", RULES],
                       capture_output=True, text=True, timeout=300)
    try:
        out = json.loads(p.stdout)
    except ValueError:
        out = None
    return p.returncode, out, p.stderr


# ---- the registry's countries, read directly ------------------------------

COUNTRIES = {}
with open(os.path.join(RULES, "registry", "countries.json"), encoding="utf-8") as f:
    for c in json.load(f)["countries"]:
        COUNTRIES[c["alpha2"].upper()] = c["alpha2"]
        COUNTRIES[c["alpha3"].upper()] = c["alpha2"]
        if c.get("name", {}).get("en"):
            COUNTRIES[c["name"]["en"].upper()] = c["alpha2"]
COUNTRIES.setdefault("UK", "GB")
COUNTRIES.setdefault("EL", "GR")


def country(s):
    return COUNTRIES.get(s.strip().upper()) if isinstance(s, str) else None


# ---- the independent reading ------------------------------------------------

def is_obj(v):
    return isinstance(v, dict)


def is_arr(v):
    return isinstance(v, list)


def text(v):
    """A string member, trimmed; None when empty or not a string."""
    if isinstance(v, str) and v.strip():
        return v.strip()
    return None


def ident(v):
    """An OCDS id: a string or an integer."""
    if isinstance(v, bool):
        return None
    if isinstance(v, str):
        return text(v)
    if isinstance(v, (int, float)):
        if v == int(v) and abs(v) < 1e15:
            return "%d" % v
        return repr(float(v))
    return None


def date(v):
    v = text(v)
    if not v or not re.match(r"\d{4}-\d\d-\d\d", v):
        return None
    try:
        datetime.date.fromisoformat(v[:10])
    except ValueError:
        return None
    return v[:10]


def cpv(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return "%08d" % v if v == int(v) and 0 <= v < 1e8 else None
    if not isinstance(v, str):
        return None
    m = re.fullmatch(r"(\d{8})(-\d)?", v.strip()) or \
        re.fullmatch(r"(\d{8})\.0+", v.strip())
    return m.group(1) if m else None


def amount(v):
    if not is_obj(v):
        return None
    a = v.get("amount")
    if isinstance(a, str) and re.fullmatch(r"\s*\d+(\.\d+)?\s*", a):
        a = float(a)  # a decimal text, read leniently
    if isinstance(a, bool) or not isinstance(a, (int, float)) or a < 0:
        return None
    cur = v.get("currency")
    cur = cur.upper() if isinstance(cur, str) and len(cur) == 3 else None
    return {"amount": a, "currency": cur}


def months(period):
    if not is_obj(period):
        return None
    days = period.get("durationInDays")
    if isinstance(days, (int, float)) and not isinstance(days, bool) and days >= 0:
        return days * 12 / 365.25
    start, end = date(period.get("startDate")), date(period.get("endDate"))
    if start and end and end >= start:
        n = (datetime.date.fromisoformat(end) -
             datetime.date.fromisoformat(start)).days + 1
        return n * 12 / 365.25
    return None


def count(v):
    if isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0 \
            and v == int(v):
        return int(v)
    return None


def flag(obj, key):
    v = obj.get(key) if is_obj(obj) else None
    return v if isinstance(v, bool) else None


def fold(s):
    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.split())


def party(p):
    name = text(p.get("name"))
    if not name and is_obj(p.get("identifier")):
        name = text(p["identifier"].get("legalName"))
    cty = None
    addr = p.get("address")
    if is_obj(addr):
        cty = country(addr.get("country")) or country(addr.get("countryName"))
    ubo = []
    owners = p.get("beneficialOwners")
    for bo in owners if is_arr(owners) else []:
        if not is_obj(bo):
            continue
        nats = bo.get("nationalities") if is_arr(bo.get("nationalities")) else []
        for n in nats + [bo.get("nationality")]:
            c = country(n)
            if c and c not in ubo:
                ubo.append(c)
    roles = p.get("roles") if is_arr(p.get("roles")) else []
    return {"id": ident(p.get("id")), "name": name, "country": cty,
            "ubo": ubo, "buyer": "buyer" in roles}


def item_cpvs(items, source):
    out = []
    for it in items if is_arr(items) else []:
        if not is_obj(it):
            continue
        lot = ident(it.get("relatedLot"))
        cls = it.get("classification")
        classes = [(cls, True)] + [(c, False) for c in (
            it.get("additionalClassifications")
            if is_arr(it.get("additionalClassifications")) else [])]
        for c, main in classes:
            if is_obj(c) and isinstance(c.get("scheme"), str) and \
                    c["scheme"].strip().upper() == "CPV":
                code = cpv(c.get("id"))
                if code:
                    out.append((code, lot, main, source))
    return out


def cpv_set(entries, source, lot=None):
    sel = [e for e in entries if e[3] == source and (lot is None or e[1] == lot)]
    if not sel:
        return None
    main = next((e[0] for e in sel if e[2]), sel[0][0])
    add = []
    for e in sel:
        if e[0] != main and e[0] not in add:
            add.append(e[0])
    return main, add


FORMS = [({"planning", "planningUpdate"}, "planning"),
         ({"tender", "tenderAmendment", "tenderUpdate", "tenderCancellation"},
          "competition"),
         ({"award", "awardUpdate", "awardCancellation", "contract",
           "contractUpdate"}, "result"),
         ({"contractAmendment"}, "cont-modif"),
         ({"implementation", "implementationUpdate", "contractTermination"},
          "completion")]
BASIS = {"priceOnly": "price", "lowestCost": "price", "costOnly": "cost",
         "qualityOnly": "quality", "ratedCriteria": "mixed",
         "bestProposal": "mixed", "bestValueToGovernment": "mixed"}
WEIGHTS = {"decimalExact": "dec-exa", "decimalRangeMiddle": "dec-mid",
           "order": "ord-imp", "percentageExact": "per-exa",
           "percentageRangeMiddle": "per-mid", "pointsExact": "poi-exa",
           "pointsRangeMiddle": "poi-mid"}


def criteria(ac):
    """(criteria, basis) of an awardCriteria object."""
    out = []
    for c in ac.get("criteria") if is_arr(ac.get("criteria")) else []:
        if not is_obj(c):
            continue
        t = text(c.get("type"))
        k = {"type": t if t in ("price", "cost", "quality") else None,
             "name": text(c.get("name")),
             "description": text(c.get("description")),
             "weight": None, "weight_kind": None}
        for num in c.get("numbers") if is_arr(c.get("numbers")) else []:
            if is_obj(num) and text(num.get("weight")):
                x = num.get("number")
                if isinstance(x, (int, float)) and not isinstance(x, bool) and x >= 0:
                    k["weight"] = x
                k["weight_kind"] = WEIGHTS.get(num["weight"].strip())
                break
        out.append(k)
    types = {k["type"] for k in out}
    q, p, c = "quality" in types, "price" in types, "cost" in types
    basis = ("mixed" if q and (p or c) else "quality" if q else
             ("mixed" if p else "cost") if c else "price" if p else None)
    return out, basis


def expect_release(rel, version):
    """The notice a release gives, or None when it has no identity."""
    rid, ocid = ident(rel.get("id")), text(rel.get("ocid"))
    if not rid or not ocid:
        return None
    n = {"format": "ocds", "format_version": version, "id": rid,
         "publication_number": None, "procedure_id": ocid}
    tags = [text(t) for t in rel.get("tag") if text(t)] \
        if is_arr(rel.get("tag")) else []
    n["notice_type"] = "+".join(tags) if tags else None
    form = None
    for i, (names, name) in enumerate(FORMS):
        if names & set(tags):
            form = name
    if not form:
        form = ("result" if is_arr(rel.get("awards")) and rel["awards"] else
                "competition" if is_obj(rel.get("tender")) else "planning")
    n["form_type"] = form
    n["publication_date"] = date(rel.get("date"))
    lang = text(rel.get("language"))
    n["language"] = lang.lower() if lang else None
    tender = rel.get("tender") if is_obj(rel.get("tender")) else None
    awards = rel.get("awards") if is_arr(rel.get("awards")) else []
    contracts = [c for c in rel["contracts"] if is_obj(c)] \
        if is_arr(rel.get("contracts")) else []

    # changes: the amendment of this very release
    n["changes"] = None
    holders = [tender] + awards + contracts
    for h in holders:
        if n["changes"] or not is_obj(h) or not is_arr(h.get("amendments")):
            continue
        for a in h["amendments"]:
            if is_obj(a) and ident(a.get("releaseID")) == rid:
                n["changes"] = ident(a.get("amendsReleaseID"))
                break

    parties = [party(p) for p in rel.get("parties") if is_obj(p)] \
        if is_arr(rel.get("parties")) else []
    byid = {}
    for p in parties:
        if p["id"] and p["id"] not in byid:
            byid[p["id"]] = p

    # buyers
    buyers, ref_id, ref_party = [], None, None
    ref = rel.get("buyer")
    if is_obj(ref):
        ref_id = ident(ref.get("id"))
        ref_party = byid.get(ref_id)
        name = (ref_party or {}).get("name") or text(ref.get("name"))
        if ref_party or text(ref.get("name")):
            buyers.append({"name": name,
                           "country": (ref_party or {}).get("country")})
    seen = {ref_id} if ref_id else set()
    for p in parties:
        if not p["buyer"] or p is ref_party or (p["id"] and p["id"] in seen):
            continue
        if p["id"]:
            seen.add(p["id"])
        buyers.append({"name": p["name"], "country": p["country"]})
    n["buyers"] = buyers

    # tender-level facts
    t = tender or {}
    n["title"], n["description"] = text(t.get("title")), text(t.get("description"))
    n["nature"] = {"goods": "supplies", "works": "works", "services": "services",
                   "consultingServices": "services"}.get(
        text(t.get("mainProcurementCategory")))
    method = text(t.get("procurementMethod"))
    n["procedure_type"] = {"open": "open", "selective": "restricted",
                           "limited": "neg-wo-call",
                           "direct": "neg-wo-call"}.get(method)
    n["direct_award_text"] = text(t.get("procurementMethodRationale")) \
        if method in ("limited", "direct") else None
    codes = []
    just = t.get("procurementMethodRationaleClassifications")
    for c in just if is_arr(just) else []:
        if is_obj(c) and isinstance(c.get("scheme"), str) and \
                c["scheme"].strip().lower() == "eu-direct-award-justification":
            code = ident(c.get("id"))
            if code and code not in codes:
                codes.append(code)
    n["direct_award"] = codes
    n["estimated_value"] = amount(t.get("value"))
    ac = t.get("awardCriteria")
    t_basis = BASIS.get(ac) if isinstance(ac, str) else None
    t_criteria = ac if is_obj(ac) else None
    tenderers = count(t.get("numberOfTenderers"))
    t_framework = flag(t.get("techniques"), "hasFrameworkAgreement")
    t_duration = months(t.get("contractPeriod"))
    t_renewal = flag(t, "hasRenewal")
    t_max = count(t["renewal"].get("maximumRenewals")) \
        if is_obj(t.get("renewal")) else None
    if t_renewal is None and t_max:
        t_renewal = True

    # CPV codes: the first source that has any
    planning = rel.get("planning") if is_obj(rel.get("planning")) else {}
    entries = item_cpvs(t.get("items"), 0) + item_cpvs(planning.get("items"), 1)
    for a in awards:
        if is_obj(a):
            entries += item_cpvs(a.get("items"), 2)
    for c in contracts:
        entries += item_cpvs(c.get("items"), 3)
    n["cpv_main"], n["cpv_additional"] = None, []
    for source in range(4):
        got = cpv_set(entries, source)
        if got:
            n["cpv_main"], n["cpv_additional"] = got
            break

    stats = []
    bids = rel.get("bids")
    for s in bids.get("statistics") if is_obj(bids) and is_arr(bids.get("statistics")) else []:
        if not is_obj(s):
            continue
        lots = [ident(s.get("relatedLot"))] + [ident(x) for x in (
            s.get("relatedLots") if is_arr(s.get("relatedLots")) else [])]
        stats.append((text(s.get("measure")), count(s.get("value")),
                      [x for x in lots if x]))

    def stat_tenders(lot):
        for measure in ("bids", "validBids"):
            for m, v, lots in stats:
                if m == measure and v is not None and \
                        ((lot is None and not lots) or (lot is not None and lot in lots)):
                    return v
        return None

    def new_lot(lot_id):
        got = cpv_set(entries, 0, lot_id) if lot_id else None
        main, add = got if got else (n["cpv_main"], list(n["cpv_additional"]))
        return {"id": lot_id, "title": None, "description": None,
                "cpv_main": main, "cpv_additional": add,
                "estimated_value": None, "criteria_basis": None,
                "award_criteria": [], "tenders_received": stat_tenders(lot_id),
                "duration_months": None, "renewal": None, "max_renewals": None,
                "framework_agreement": None, "result": None, "awards": []}

    def default_criteria(lot):
        if not lot["award_criteria"] and t_criteria is not None:
            lot["award_criteria"], lot["criteria_basis"] = criteria(t_criteria)
        if not lot["award_criteria"]:
            lot["criteria_basis"] = t_basis

    lots = []
    explicit = [x for x in t.get("lots") if is_obj(x)] if is_arr(t.get("lots")) else []
    for x in explicit:
        lot = new_lot(ident(x.get("id")))
        lot["title"], lot["description"] = text(x.get("title")), text(x.get("description"))
        lot["estimated_value"] = amount(x.get("value"))
        d = months(x.get("contractPeriod"))
        lot["duration_months"] = d if d is not None else t_duration
        lot["renewal"] = flag(x, "hasRenewal")
        if is_obj(x.get("renewal")):
            lot["max_renewals"] = count(x["renewal"].get("maximumRenewals"))
            if lot["renewal"] is None and lot["max_renewals"]:
                lot["renewal"] = True
        fa = flag(x.get("techniques"), "hasFrameworkAgreement")
        lot["framework_agreement"] = fa if fa is not None else t_framework
        if is_obj(x.get("awardCriteria")):
            lot["award_criteria"], lot["criteria_basis"] = criteria(x["awardCriteria"])
        default_criteria(lot)
        lots.append(lot)
    if len(lots) == 1 and lots[0]["tenders_received"] is None:
        lots[0]["tenders_received"] = tenderers
    if not lots and (tender is not None or awards):
        lot = new_lot(None)
        lot.update({"estimated_value": n["estimated_value"],
                    "duration_months": t_duration, "renewal": t_renewal,
                    "max_renewals": t_max, "framework_agreement": t_framework})
        if tenderers is not None:
            lot["tenders_received"] = tenderers
        default_criteria(lot)
        lots.append(lot)

    # awards
    for a in awards:
        if not is_obj(a):
            continue
        aid, status = ident(a.get("id")), text(a.get("status"))
        adate = date(a.get("date"))
        if not adate and aid:
            adate = next((date(c.get("dateSigned")) for c in contracts
                          if ident(c.get("awardID")) == aid), None)
        winners = []
        for s in a.get("suppliers") if is_arr(a.get("suppliers")) else []:
            if not is_obj(s):
                continue
            p = byid.get(ident(s.get("id")))
            name = (p or {}).get("name") or text(s.get("name"))
            if not p and not name:
                continue
            winners.append({"name": name, "country": (p or {}).get("country"),
                            "ubo_nationalities": list((p or {}).get("ubo", []))})
        related = []
        for x in a.get("relatedLots") if is_arr(a.get("relatedLots")) else []:
            if ident(x) and ident(x) not in related:
                related.append(ident(x))
        if not explicit:
            targets = lots[:1]
        elif related:
            targets = []
            for r in related:
                lot = next((x for x in lots if x["id"] == r), None)
                if not lot:
                    lot = new_lot(r)
                    lots.append(lot)
                targets.append(lot)
        else:
            lot = lots[0] if len(lots) == 1 else \
                next((x for x in lots if x["id"] is None), None)
            if not lot:
                lot = new_lot(None)
                lots.append(lot)
            targets = [lot]
        for lot in targets:
            if status == "cancelled":
                continue
            if status == "unsuccessful":
                if lot["result"] != "awarded":
                    lot["result"] = "no-winner"
                continue
            lot["result"] = "awarded"
            lot["awards"].append({"id": aid, "winners": copy.deepcopy(winners),
                                  "value": amount(a.get("value")),
                                  "date": adate})
    n["lots"] = lots

    # texts the folded text must hold
    texts = [n["title"], n["description"], text(t.get("procurementMethodDetails")),
             text(t.get("procurementMethodRationale")),
             text(t.get("awardCriteriaDetails")), text(planning.get("rationale"))]
    for it in t.get("items") if is_arr(t.get("items")) else []:
        if is_obj(it):
            texts.append(text(it.get("description")))
    for x in explicit:
        texts += [text(x.get("title")), text(x.get("description"))]
        ac = x.get("awardCriteria")
        for c in ac.get("criteria") if is_obj(ac) and is_arr(ac.get("criteria")) else []:
            if is_obj(c):
                texts += [text(c.get("name")), text(c.get("description"))]
    for a in awards + contracts:
        if is_obj(a):
            texts += [text(a.get("title")), text(a.get("description"))]
    n["_texts"] = [fold(s) for s in texts if s]
    return n


def expect_file(doc, where=""):
    """(notices, error paths) of one JSON value, in reading order."""
    notices, errors = [], []

    def release(rel, path, version):
        n = expect_release(rel, version) if is_obj(rel) else None
        if n is None:
            errors.append(where + path)
        else:
            notices.append(n)

    if is_obj(doc) and (is_arr(doc.get("releases")) or is_arr(doc.get("records"))):
        version = text(doc.get("version"))
        if is_arr(doc.get("releases")):
            for i, rel in enumerate(doc["releases"]):
                release(rel, "$.releases[%d]" % i, version)
        else:
            for i, rec in enumerate(doc["records"]):
                base = "$.records[%d]" % i
                if not is_obj(rec):
                    errors.append(where + base)
                    continue
                if is_obj(rec.get("compiledRelease")):
                    release(rec["compiledRelease"], base + ".compiledRelease", version)
                    continue
                if rec.get("compiledRelease") is not None:
                    errors.append(where + base + ".compiledRelease")
                if not is_arr(rec.get("releases")):
                    errors.append(where + base)
                    continue
                for j, rel in enumerate(rec["releases"]):
                    if is_obj(rel) and "url" in rel and "id" not in rel:
                        errors.append(where + "%s.releases[%d]" % (base, j))
                    else:
                        release(rel, "%s.releases[%d]" % (base, j), version)
    elif is_obj(doc) and all(k in doc for k in ("ocid", "id", "tag")):
        release(doc, "$", None)
    else:
        errors.append(None)
    return notices, errors


# ---- comparison ---------------------------------------------------------------

def near(a, b):
    if a is None or b is None:
        return a is b
    return abs(a - b) < 0.006


def compare(got, want, what, skip=()):
    for key in ("format", "format_version", "id", "publication_number",
                "procedure_id", "notice_type", "form_type", "publication_date",
                "language", "changes", "title", "description", "nature",
                "cpv_main", "cpv_additional", "procedure_type", "direct_award",
                "direct_award_text", "estimated_value"):
        if key not in skip:
            eq(got.get(key), want[key], "%s %s" % (what, key))
    eq([(b["name"], b["country"]) for b in got["buyers"]],
       [(b["name"], b["country"]) for b in want["buyers"]], what + " buyers")
    eq(len(got["lots"]), len(want["lots"]), what + " number of lots")
    for i, (gl, wl) in enumerate(zip(got["lots"], want["lots"])):
        lw = "%s lot %d (%s)" % (what, i, wl["id"])
        for key in ("id", "title", "description", "cpv_main", "cpv_additional",
                    "estimated_value", "criteria_basis", "tenders_received",
                    "renewal", "max_renewals", "framework_agreement", "result"):
            eq(gl[key], wl[key], "%s %s" % (lw, key))
        check(near(gl["duration_months"], None if wl["duration_months"] is None
                   else round(wl["duration_months"], 2)),
              "%s duration_months: got %r, want %r" % (lw, gl["duration_months"],
                                                       wl["duration_months"]))
        eq([(c["type"], c["name"], c["description"], c["weight"], c["weight_kind"])
            for c in gl["award_criteria"]],
           [(c["type"], c["name"], c["description"], c["weight"], c["weight_kind"])
            for c in wl["award_criteria"]], lw + " award_criteria")
        eq(len(gl["awards"]), len(wl["awards"]), lw + " number of awards")
        for ga, wa in zip(gl["awards"], wl["awards"]):
            aw = "%s award %s" % (lw, wa["id"])
            eq(ga["id"], wa["id"], aw + " id")
            eq(ga["value"], wa["value"], aw + " value")
            eq(ga["date"], wa["date"], aw + " date")
            eq([(w["name"], w["country"], w["ubo_nationalities"]) for w in ga["winners"]],
               [(w["name"], w["country"], w["ubo_nationalities"]) for w in wa["winners"]],
               aw + " winners")
    for s in want["_texts"]:
        check(s in got["text"], "%s text lacks %r" % (what, s))


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write(tmp, name, data):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(data if isinstance(data, str) else json.dumps(data))
    return path


# ---- 1. every sample ------------------------------------------------------------

samples = sorted(f for f in os.listdir(DATA) if f.endswith(".json"))
check(len(samples) >= 18, "expected at least 18 OCDS samples, found %d" % len(samples))
results = {}
for name in samples:
    path = os.path.join(DATA, name)
    doc = load(path)
    want, errors = expect_file(doc)
    rc, got, err = run(path)
    results[name] = got
    if got is None:
        check(False, "%s: no JSON on stdout (exit %d): %s" % (name, rc, err))
        continue
    # the upstream consortia sample has a parties array of arrays: reported,
    # skipped, and the release still delivered
    bad_parties = [
        "$.releases[%d].parties[%d]" % (i, k)
        for i, rel in enumerate(doc.get("releases") or [])
        if is_obj(rel) and is_arr(rel.get("parties"))
        for k, p in enumerate(rel["parties"]) if not is_obj(p)]
    eq(rc, 1 if errors or bad_parties else 0, name + " exit status")
    for p in errors + bad_parties:
        check(p in err, "%s: stderr does not name %s: %r" % (name, p, err))
    eq(len(got), len(want), name + " number of notices")
    for i, (g, w) in enumerate(zip(got, want)):
        compare(g, w, "%s notice %d" % (name, i))

# literal expectations, so that the derivation above cannot drift with the reader
def notices(name):
    return results.get(name) or []


bo = notices("standard-1.2dev_beneficial_ownership_beneficial_owners_extension.json")
eq([w["ubo_nationalities"] for n in bo for l in n["lots"] for a in l["awards"]
    for w in a["winners"]], [["US"]], "Microsoft Moldova UBO nationality")
cons = notices("standard-1.2dev_buyers_suppliers_consortia.json")
eq([w["name"] for n in cons for l in n["lots"] for a in l["awards"] for w in a["winners"]],
   ["SIEMENS PUBLIC LIMITED COMPANY", "MICROSOFT LIMITED"], "consortium winners")
rec = notices("sample-data_record_ocds-213czf-000-00001.json")
eq([(n["id"], n["notice_type"], n["form_type"], n["cpv_main"],
     n["lots"][0]["tenders_received"], n["lots"][0]["duration_months"])
    for n in rec],
   [("ocds-213czf-000-00001-2011-01-10T09:30:00Z", "compiled", "result",
     "45233130", 2, 11.99)], "compiled release")
whole = notices("sample-data_ocds-213czf-000-00001.json")
eq([n["form_type"] for n in whole],
   ["planning", "competition", "competition", "result", "result", "completion"],
   "form types of the fictional process")
eq(whole[2]["changes"] if len(whole) > 2 else None,
   "ocds-213czf-000-00001-02-tender", "tenderAmendment changes")
lots = notices("eforms-profile_lots.json")
if len(lots) == 3:
    eq([(l["id"], l["result"], l["tenders_received"]) for l in lots[1]["lots"]],
       [("LOT-0001", "awarded", 5), ("LOT-0002", "no-winner", 3),
        ("LOT-0003", "awarded", 1), ("LOT-0004", "awarded", 1)], "lot results")
    eq(lots[1]["lots"][0]["awards"][0]["winners"][0]["ubo_nationalities"],
       ["US", "IE"], "UBO nationalities array")
    eq(lots[1]["lots"][0]["awards"][0]["date"], "2024-09-10",
       "award date from the contract's dateSigned")
    eq(lots[0]["lots"][0]["award_criteria"][0]["weight_kind"], "per-exa",
       "weight code")
    eq(lots[0]["buyers"][1]["country"], "BE", "second buyer")
    eq(lots[1]["direct_award"], ["technical"], "direct award code")
    eq(lots[2]["form_type"], "cont-modif", "contract amendment")
else:
    check(False, "eforms-profile_lots.json: %d notices" % len(lots))
bare = notices("eforms-profile_bare-release.json")
eq([(n["id"], n["format_version"], n["cpv_main"], n["cpv_additional"], n["lots"])
    for n in bare], [("20240611", None, "48000000", ["03000000"], [])],
   "bare release")

with tempfile.TemporaryDirectory() as tmp:
    # ---- 2. JSON lines: one release per line gives the same notices -----------
    for name in ("sample-data_ocds-213czf-000-00001.json", "eforms-profile_lots.json",
                 "standard-1.1.5_award.json"):
        doc = load(os.path.join(DATA, name))
        lines = "\n".join(json.dumps(r) for r in doc["releases"]) + "\n\n"
        path = write(tmp, "lines.jsonl", lines)
        rc, got, err = run(path)
        eq(rc, 0, name + " as JSON lines: exit status (%s)" % err.strip())
        want = notices(name)
        eq(len(got or []), len(want), name + " as JSON lines: number of notices")
        for i, (g, w) in enumerate(zip(got or [], want)):
            eq(g["format_version"], None, "%s line %d format_version" % (name, i + 1))
            g = dict(g, format_version=w["format_version"])
            eq(g, w, "%s line %d: the same notice" % (name, i + 1))

    # packages as lines: a bad package names its line and path
    good = load(os.path.join(DATA, "standard-1.1.5_award.json"))
    broken = copy.deepcopy(good)
    broken["releases"][0]["parties"] = "nobody"
    path = write(tmp, "packages.jsonl", json.dumps(good) + "\n" + json.dumps(broken) + "\n")
    rc, got, err = run(path)
    eq(rc, 1, "packages as lines: exit status")
    eq(len(got or []), 2, "packages as lines: both releases delivered")
    check("line 2 $.releases[0].parties" in err,
          "packages as lines: stderr names line 2 and the path: %r" % err)

    # ---- 3. a package with broken releases delivers the others ----------------
    doc = load(os.path.join(DATA, "eforms-profile_lots.json"))
    pkg = copy.deepcopy(doc)
    pkg["releases"].insert(1, "not a release")
    del pkg["releases"][2]["id"]            # no identity: not delivered
    pkg["releases"][3]["awards"][0] = 42    # a bad award: skipped, release kept
    pkg["releases"][3]["tender"]["lots"] = {"id": "LOT-0001"}
    pkg["releases"][0]["tender"]["lots"][2]["value"] = {"amount": " 1500.50",
                                                         "currency": "chf"}
    rc, got, err = run(write(tmp, "broken.json", pkg))
    eq(rc, 1, "broken package: exit status")
    eq([n["id"] for n in got or []],
       [doc["releases"][0]["id"], doc["releases"][2]["id"]],
       "broken package: the other releases delivered")
    for p in ("$.releases[1]:", "$.releases[2]:", "$.releases[3].awards[0]:",
              "$.releases[3].tender.lots:"):
        check("broken.json: " + p in err, "broken package: stderr names %s: %r" % (p, err))
    if got and len(got) == 2:
        eq([l["id"] for l in got[1]["lots"]], [None],
           "broken package: lots of the wrong type give the one lot")
        eq(got[0]["lots"][2]["estimated_value"], {"amount": 1500.5, "currency": "CHF"},
           "an amount given as a decimal text")
        want, _ = expect_file(pkg)
        for g, w in zip(got, want):
            compare(g, w, "broken package notice " + w["id"])

    # ---- 4. records ----------------------------------------------------------------
    rec = load(os.path.join(DATA, "sample-data_record_ocds-213czf-000-00001.json"))
    linked = copy.deepcopy(rec)
    del linked["records"][0]["compiledRelease"]
    rc, got, err = run(write(tmp, "linked.json", linked))
    eq(rc, 1, "linked releases only: exit status")
    eq(got, [], "linked releases only: no notice")
    for j in range(len(rec["records"][0]["releases"])):
        p = "$.records[0].releases[%d]" % j
        check(p + ":" in err and "linked release" in err,
              "linked releases only: stderr names %s: %r" % (p, err))
    merged = load(os.path.join(DATA, "standard-1.1.5_merging_example03-record.json"))
    embedded = copy.deepcopy(merged)
    del embedded["records"][0]["compiledRelease"]
    want, errors = expect_file(embedded)
    rc, got, err = run(write(tmp, "embedded.json", embedded))
    eq((rc, errors), (0, []), "embedded releases: exit status (%s)" % err.strip())
    eq(len(got or []), 2, "embedded releases: one notice each")
    for i, (g, w) in enumerate(zip(got or [], want)):
        compare(g, w, "embedded release %d" % i)

    # ---- 5. refused inputs ----------------------------------------------------------
    rc, got, err = run(write(tmp, "dup.json",
                             '{"ocid": "a", "ocid": "b", "id": "1", "tag": ["tender"]}'))
    eq((rc, got), (1, []), "duplicate key: refused")
    check("duplicate key" in err and "dup.json" in err,
          "duplicate key: stderr names it: %r" % err)
    rc, got, err = run(write(tmp, "dupdeep.json", json.dumps(good).replace(
        '"tag": ["award"]', '"tag": ["award"], "tag": ["tender"]')))
    eq((rc, got), (1, []), "duplicate key inside a release: refused")
    check("$.releases[0].tag" in err, "duplicate key inside a release: path: %r" % err)
    for label, data in (("object", '{"data": [1, 2]}'), ("array", "[]"),
                        ("release without tag", '{"ocid": "a", "id": "1"}')):
        rc, got, err = run(write(tmp, "other.json", data))
        eq((rc, got), (1, []), "not OCDS (%s): refused" % label)
        check("other.json" in err and
              "not an OCDS release, release package or record package" in err,
              "not OCDS (%s): message: %r" % (label, err))

    # ---- 6. mutants: every member of a sample replaced by every JSON type -------
    # Each mutant is one line of a JSON-lines file; every line must give the
    # notices the independent reading gives (a bad part skipped, the rest of
    # its notice kept), and the run must end without a crash.
    def mutants_of(base, label):
        replacements = [None, True, 0, -1.5, "", "x", [], [None], {}, {"id": []}]
        places = []

        def walk(v, path):
            items = v.items() if isinstance(v, dict) else \
                enumerate(v) if isinstance(v, list) else []
            for k, x in items:
                places.append(path + [k])
                walk(x, path + [k])

        walk(base, [])
        lines, where = [], []
        for place in places:
            for rep in replacements:
                m = copy.deepcopy(base)
                holder = m
                for k in place[:-1]:
                    holder = holder[k]
                holder[place[-1]] = rep
                lines.append(m)
                where.append("%s=%s" % (place, json.dumps(rep)))
        path = write(tmp, "mutants.jsonl",
                     "\n".join(json.dumps(m) for m in lines) + "\n")
        rc, got, err = run(path)
        check(rc in (0, 1), "%s mutants: exit status %d (a crash?): %s"
              % (label, rc, err[-500:]))
        check(isinstance(got, list), label + " mutants: stdout is not one JSON array")
        want = [expect_file(m)[0] for m in lines]
        eq(len(got or []), sum(len(w) for w in want), label + " mutants: number of notices")
        if got and len(got) == sum(len(w) for w in want):
            k = 0
            for place, ws in zip(where, want):
                for w in ws:
                    compare(got[k], w, "%s mutant %s" % (label, place))
                    k += 1
        print("%s: %d mutants of %d places read" % (label, len(lines), len(places)))

    before_mutants = checks
    mutants_of(load(os.path.join(DATA, "eforms-profile_lots.json")), "lots package")
    small = load(os.path.join(DATA, "standard-1.2dev_beneficial_ownership_award.json"))
    record = {"version": "1.1", "records": [{
        "ocid": small["releases"][0]["ocid"],
        "releases": [{"url": "https://example.org/r.json#1", "date": "2021-06-01",
                      "tag": ["tender"]}, small["releases"][0]]}]}
    mutants_of(record, "record package")
    mutants_of(load(os.path.join(DATA, "eforms-profile_bare-release.json")), "bare release")

print("%d checks (%d on the samples and failure paths, %d on the mutants)"
      % (checks, before_mutants, checks - before_mutants))
if failures:
    for f in failures[:300]:
        print("FAIL: " + f)
    if len(failures) > 300:
        print("... and %d more" % (len(failures) - 300))
    print("%d of %d checks failed" % (len(failures), checks))
    sys.exit(1)
print("all passed")
