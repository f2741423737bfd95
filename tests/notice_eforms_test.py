#!/usr/bin/env python3
"""The eForms reader checked against an independent route.

usage: notice_eforms_test.py ASSESS SOURCE_DIR
       notice_eforms_test.py --show SOURCE_DIR FILE ...   (print what the
                                                           independent route
                                                           computes, as JSON)

Every example notice of tests/data/notices/eforms/ (the 92 examples of the
eForms SDK 1.15.1, PROVENANCE.md) is read with `ASSESS notice FILE --rules
SOURCE_DIR/rules`, and the facts printed are compared with values computed
here by Python's xml.etree.ElementTree from the XPaths of the eForms SDK
(fields.json, as quoted in research/eforms-fields.md §3 and §4). Nothing
expected is taken from the program's own output.

Compared per notice: format, format_version, id, notice_type, form_type,
subtype, publication_number, publication_date, dispatch_date, procedure_id,
changes, buyers (name, country in order), nature, cpv_main, cpv_additional
(every procedure-level BT-263 is in it), procedure_type, direct_award,
estimated_value; per lot (ids in order): title, cpv_main, estimated_value,
award criteria (type, name, weight in order), duration_months (2 decimals),
max_renewals, framework_agreement, tenders_received, result and the awards
(set by contract id; winners as a multiset of (name, country, UBO
nationalities); value when the contract has one tender; date).
BusinessRegistrationInformationNotice files: id, notice_type, form_type
'bri' and no lots. Text is compared with white space collapsed (leading,
trailing and repeated white space is layout, not a fact).

Also: a DOCTYPE with an internal subset is refused (exit 1, "DOCTYPE"), an
XML file with another root is refused naming the root, a truncated example
is refused naming the file and a line; and four edited copies of
can_24_minimal.xml take the §4 paths no example takes (a tenderer named by a
touch point, a contract concluded with two tenders, a selec-w result without
a settled contract, a closed result without winner).

Decisions of the mapping (the reader's header, README "Notice facts"):
- texts in several languages: the one in the notice language (BT-702)
  first, else the first; organisation names likewise over all PartyName;
- duration: BT-36, else from BT-536/537 start and end dates, both days
  counted, at 365.25 / 12 days a month (computed here with datetime);
- a LotResult without BT-142 (forbidden in VEAT 25-28 and modification 38-40
  notices) that names a settled contract is "awarded" with the §4 winners;
  without a contract it says nothing (null);
- a notice without an identifier (BT-701 missing or empty, as in some
  INVALID_ examples) is refused: exit 1, a message naming BT-701.

Python 3 standard library only.
"""

import collections
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "efext": "http://data.europa.eu/p27/eforms-ubl-extensions/1",
    "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1",
    "efbc": "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1",
}
EXT = "ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/efext:EformsExtension"
BRIN_NS = "http://data.europa.eu/p27/eforms-business-registration-information-notice/1"
FA_YES = {"fa-w-rc", "fa-wo-rc", "fa-mix"}
SKIP = object()  # "not compared" (a contract of several tenders: its value)


# ---- the independent route -------------------------------------------------

def load_countries(src):
    with open(os.path.join(src, "rules", "registry", "countries.json"),
              encoding="utf-8") as f:
        data = json.load(f)
    return {c["alpha3"]: c["alpha2"] for c in data["countries"]
            if c.get("alpha3") and c.get("alpha2")}


def norm(s):
    """Text as a fact: white space collapsed; None stays None."""
    if s is None:
        return None
    return " ".join(s.split())


def text(node, path=None):
    """Stripped text of `node` (or of its first `path` match), None if absent
    or empty."""
    if node is None:
        return None
    if path is not None:
        node = node.find(path, NS)
        if node is None:
            return None
    t = (node.text or "").strip()
    return t or None


def ml(node, path, lang):
    """The `path` element in the notice language first, else the first."""
    if node is None:
        return None
    nodes = node.findall(path, NS)
    for n in nodes:
        if lang and n.get("languageID") == lang and text(n):
            return text(n)
    return text(nodes[0]) if nodes else None


def texts(node, path):
    return [t for t in (text(e) for e in node.findall(path, NS)) if t]


def date_part(s):
    return s[:10] if s else None


def amount(node):
    """{"amount", "currency"} of an amount element, None when absent."""
    if node is None or text(node) is None:
        return None
    return {"amount": float(text(node)), "currency": node.get("currencyID")}


class Notice:
    """One notice parsed with ElementTree, with the §4 id maps built once."""

    def __init__(self, path, a3to2):
        self.path = path
        self.a3to2 = a3to2
        self.root = ET.parse(path).getroot()
        self.lang = text(self.root.find("cbc:NoticeLanguageCode", NS))
        self.ext = self.root.find(EXT, NS)
        ext = self.ext if self.ext is not None else ET.Element("none")
        self.orgs = ext.findall("efac:Organizations/efac:Organization", NS)
        # OPT-200 ORG-… and OPT-201 TPO-… → the enclosing Organization
        self.org_by_id = {}
        for o in self.orgs:
            for p in ("efac:Company/cac:PartyIdentification/cbc:ID",
                      "efac:TouchPoint/cac:PartyIdentification/cbc:ID"):
                for i in texts(o, p):
                    self.org_by_id.setdefault(i, o)
        # OPT-202 UBO-… → BT-706 nationalities
        self.ubo = {}
        for u in ext.findall("efac:Organizations/efac:UltimateBeneficialOwner",
                             NS):
            uid = text(u, "cbc:ID")
            if uid:
                self.ubo.setdefault(uid, texts(
                    u, "efac:Nationality/cbc:NationalityID"))
        res = ext.find("efac:NoticeResult", NS)
        res = res if res is not None else ET.Element("none")
        self.lot_results = res.findall("efac:LotResult", NS)
        self.tender = self._index(res.findall("efac:LotTender", NS))
        self.contract = self._index(res.findall("efac:SettledContract", NS))
        self.party = self._index(res.findall("efac:TenderingParty", NS))

    @staticmethod
    def _index(nodes):
        m = {}
        for n in nodes:
            i = text(n, "cbc:ID")
            if i:
                m.setdefault(i, n)
        return m

    def country(self, a3):
        return self.a3to2.get(a3) if a3 else None

    def party_of(self, ref, winner):
        """BT-500 (first) and BT-514 of the organisation `ref` names (ORG- or
        TPO-, the latter resolved to the enclosing Organization's Company);
        a winner also gets its UBO nationalities (OPT-302 → BT-706)."""
        o = self.org_by_id.get(ref)
        c = o.find("efac:Company", NS) if o is not None else None
        p = {"name": norm(ml(c, "cac:PartyName/cbc:Name", self.lang)),
             "country": self.country(text(
                 c, "cac:PostalAddress/cac:Country/cbc:IdentificationCode"))}
        if winner:
            nat = set()
            for u in (texts(o, "efac:UltimateBeneficialOwner/cbc:ID")
                      if o is not None else []):
                nat.update(self.country(n) for n in self.ubo.get(u, []))
            nat.discard(None)
            p["ubo_nationalities"] = sorted(nat)
        return p

    def tender_winners(self, ten):
        """LotTender TEN- → TenderingParty TPA- → each Tenderer ORG-."""
        t = self.tender.get(ten)
        tpa = text(t, "efac:TenderingParty/cbc:ID") if t is not None else None
        tp = self.party.get(tpa) if tpa else None
        if tp is None:
            return []
        return [self.party_of(r, True)
                for r in texts(tp, "efac:Tenderer/cbc:ID")]

    def tender_value(self, ten):
        t = self.tender.get(ten)
        if t is None:
            return None
        return amount(t.find("cac:LegalMonetaryTotal/cbc:PayableAmount", NS))

    def lot_facts(self, lot, proc_cpv):
        pp = lot.find("cac:ProcurementProject", NS)
        lid = text(lot, "cbc:ID")
        out = {"id": lid,
               "title": norm(ml(pp, "cbc:Name", self.lang)),
               "cpv_main": text(pp, "cac:MainCommodityClassification/"
                                "cbc:ItemClassificationCode") or proc_cpv,
               "estimated_value": amount(pp.find(
                   "cac:RequestedTenderTotal/cbc:EstimatedOverallContractAmount",
                   NS) if pp is not None else None)}
        crit = []
        for sc in lot.findall("cac:TenderingTerms/cac:AwardingTerms/"
                              "cac:AwardingCriterion/"
                              "cac:SubordinateAwardingCriterion", NS):
            ty = None
            for e in sc.findall("cbc:AwardingCriterionTypeCode", NS):
                if e.get("listName") == "award-criterion-type":
                    ty = text(e)
                    break
            w = None
            for prm in sc.findall(EXT + "/efac:AwardCriterionParameter", NS):
                code = prm.find("efbc:ParameterCode", NS)
                if code is not None and code.get("listName") == "number-weight":
                    v = text(prm, "efbc:ParameterNumeric")
                    w = float(v) if v is not None else None
                    break
            crit.append({"type": ty, "name": norm(ml(sc, "cbc:Name", self.lang)),
                         "weight": w})
        out["award_criteria"] = crit
        d = pp.find("cac:PlannedPeriod/cbc:DurationMeasure", NS) \
            if pp is not None else None
        months = None
        if d is not None and text(d) is not None:
            v, u = float(text(d)), d.get("unitCode")
            months = {"DAY": v * 12 / 365.25, "MONTH": v,
                      "YEAR": v * 12}.get(u)
        if months is None and pp is not None:
            start = date_part(text(pp, "cac:PlannedPeriod/cbc:StartDate"))
            end = date_part(text(pp, "cac:PlannedPeriod/cbc:EndDate"))
            if start and end:
                days = (datetime.date.fromisoformat(end) -
                        datetime.date.fromisoformat(start)).days + 1
                months = days * 12 / 365.25 if days >= 1 else None
        out["duration_months"] = None if months is None else round(months, 2)
        mr = text(pp, "cac:ContractExtension/cbc:MaximumNumberNumeric")
        out["max_renewals"] = int(float(mr)) if mr is not None else None
        fa = None
        for cs in lot.findall("cac:TenderingProcess/cac:ContractingSystem", NS):
            code = cs.find("cbc:ContractingSystemTypeCode", NS)
            if code is not None and code.get("listName") == "framework-agreement":
                fa = text(code)
                break
        out["framework_agreement"] = (None if fa is None else fa in FA_YES)
        # results: the LotResults of this lot (BT-13713)
        results = [r for r in self.lot_results
                   if text(r, "efac:TenderLot/cbc:ID") == lid]
        counts = []
        for r in results:
            for st in r.findall("efac:ReceivedSubmissionsStatistics", NS):
                if text(st, "efbc:StatisticsCode") == "tenders":
                    v = text(st, "efbc:StatisticsNumeric")
                    if v is not None:
                        counts.append(int(float(v)))
        out["tenders_received"] = max(counts) if counts else None
        def won(r):
            code = r.find("cbc:TenderResultCode", NS)
            if code is not None:
                return text(code) == "selec-w"
            return r.find("efac:SettledContract", NS) is not None
        codes = [text(r, "cbc:TenderResultCode") for r in results]
        if any(won(r) for r in results):
            out["result"] = "awarded"
        elif any(c in ("clos-nw", "open-nw") for c in codes):
            out["result"] = "no-winner"
        else:
            out["result"] = None
        out["awards"] = self.awards([r for r in results if won(r)])
        return out

    def awards(self, results):
        """§4: one award per settled contract of the results; a result
        without a settled contract: one award without id per tender."""
        awards = {}
        for r in results:
            cons = texts(r, "efac:SettledContract/cbc:ID")
            if cons:
                for con in cons:
                    if con in awards:
                        continue
                    sc = self.contract.get(con)
                    tens = texts(sc, "efac:LotTender/cbc:ID") \
                        if sc is not None else []
                    winners = []
                    for t in tens:
                        winners += self.tender_winners(t)
                    awards[con] = {
                        "id": con, "winners": winners,
                        "value": (self.tender_value(tens[0]) if len(tens) == 1
                                  else SKIP if tens else None),
                        "date": date_part(text(sc, "cbc:IssueDate"))}
            else:
                for i, t in enumerate(texts(r, "efac:LotTender/cbc:ID")):
                    awards[(None, text(r, "cbc:ID"), i)] = {
                        "id": None, "winners": self.tender_winners(t),
                        "value": self.tender_value(t), "date": None}
        return list(awards.values())

    def facts(self):
        r = self.root
        code = r.find("cbc:NoticeTypeCode", NS)
        ext = self.ext if self.ext is not None else ET.Element("none")
        f = {"format": "eforms",
             "id": text(r, "cbc:ID"),
             "notice_type": text(code),
             "form_type": code.get("listName") if code is not None else None}
        if r.tag == "{%s}BusinessRegistrationInformationNotice" % BRIN_NS:
            f["lots"] = []
            f["_brin"] = True
            return f
        f.update({
            "format_version": text(r, "cbc:CustomizationID"),
            "subtype": text(ext, "efac:NoticeSubType/cbc:SubTypeCode"),
            "publication_number": text(
                ext, "efac:Publication/efbc:NoticePublicationID"),
            "publication_date": date_part(text(
                ext, "efac:Publication/efbc:PublicationDate")),
            "dispatch_date": date_part(text(r, "cbc:IssueDate")),
            "procedure_id": text(r, "cbc:ContractFolderID"),
            "changes": text(ext, "efac:Changes/efbc:ChangedNoticeIdentifier"),
            "buyers": [self.party_of(b, False) for b in texts(
                r, "cac:ContractingParty/cac:Party/cac:PartyIdentification/"
                "cbc:ID")],
        })
        pp = r.find("cac:ProcurementProject", NS)
        f["nature"] = text(pp, "cbc:ProcurementTypeCode")
        f["cpv_main"] = text(pp, "cac:MainCommodityClassification/"
                             "cbc:ItemClassificationCode")
        f["cpv_additional_procedure"] = sorted(set(texts(
            pp, "cac:AdditionalCommodityClassification/"
            "cbc:ItemClassificationCode"))) if pp is not None else []
        f["procedure_type"] = text(r, "cac:TenderingProcess/cbc:ProcedureCode")
        da = []
        for pj in r.findall("cac:TenderingProcess/cac:ProcessJustification",
                            NS):
            c = pj.find("cbc:ProcessReasonCode", NS)
            if c is not None and c.get("listName") == \
                    "direct-award-justification" and text(c):
                da.append(text(c))
        f["direct_award"] = da
        f["estimated_value"] = amount(pp.find(
            "cac:RequestedTenderTotal/cbc:EstimatedOverallContractAmount", NS)
            if pp is not None else None)
        lots = r.findall("cac:ProcurementProjectLot", NS)

        def scheme(lot):
            i = lot.find("cbc:ID", NS)
            return i.get("schemeName") if i is not None else None
        chosen = [l for l in lots if scheme(l) == "Lot"] or \
            [l for l in lots if scheme(l) == "Part"]
        f["lots"] = [self.lot_facts(l, f["cpv_main"]) for l in chosen]
        return f


# ---- comparison ---------------------------------------------------------------

class Checker:
    def __init__(self):
        self.checks = 0
        self.failures = []

    def fail(self, where, field, expected, got):
        msg = "%s: %s: expected %s, got %s" % (
            where, field, json.dumps(expected, ensure_ascii=False,
                                     sort_keys=True, default=str),
            json.dumps(got, ensure_ascii=False, sort_keys=True, default=str))
        self.failures.append(msg)
        print("FAIL:", msg, file=sys.stderr)

    def eq(self, where, field, expected, got, same=None):
        self.checks += 1
        ok = same(expected, got) if same else expected == got
        if not ok:
            self.fail(where, field, expected, got)
        return ok

    def true(self, where, field, cond, expected, got):
        self.checks += 1
        if not cond:
            self.fail(where, field, expected, got)
        return cond


def same_amount(e, g):
    if e is None or g is None:
        return e is None and g is None
    if not isinstance(g, dict) or not isinstance(g.get("amount"), (int, float)):
        return False
    return (abs(e["amount"] - g["amount"]) <= 1e-9 * max(1.0, abs(e["amount"]))
            and e["currency"] == g.get("currency"))


def same_number(e, g, tol=1e-9):
    if e is None or g is None:
        return e is None and g is None
    return isinstance(g, (int, float)) and not isinstance(g, bool) \
        and abs(e - g) <= tol


def winner_key(w):
    return (norm(w.get("name")), w.get("country"),
            tuple(sorted(w.get("ubo_nationalities") or [])))


def winners_multiset(ws):
    return sorted(collections.Counter(winner_key(w) for w in ws).items(),
                  key=repr)


def compare_lot(c, where, e, g):
    c.eq(where, "title", e["title"], norm(g.get("title")))
    c.eq(where, "cpv_main", e["cpv_main"], g.get("cpv_main"))
    c.eq(where, "estimated_value", e["estimated_value"],
         g.get("estimated_value"), same_amount)
    ge = g.get("award_criteria") or []
    if c.eq(where, "award_criteria count", len(e["award_criteria"]), len(ge)):
        for i, (ec, gc) in enumerate(zip(e["award_criteria"], ge)):
            w = "%s award_criteria[%d]" % (where, i)
            c.eq(w, "type", ec["type"], gc.get("type"))
            c.eq(w, "name", ec["name"], norm(gc.get("name")))
            c.eq(w, "weight", ec["weight"], gc.get("weight"), same_number)
    c.eq(where, "duration_months", e["duration_months"],
         g.get("duration_months"), lambda a, b: same_number(a, b, 0.0051))
    c.eq(where, "max_renewals", e["max_renewals"], g.get("max_renewals"))
    c.eq(where, "framework_agreement", e["framework_agreement"],
         g.get("framework_agreement"))
    c.eq(where, "tenders_received", e["tenders_received"],
         g.get("tenders_received"))
    expected_awards = e["awards"]
    c.eq(where, "result", e["result"], g.get("result"))
    # awards: a set by contract id; awards without contract id as a multiset
    gaw = g.get("awards") or []
    eid = sorted(a["id"] for a in expected_awards if a["id"] is not None)
    gid = sorted(a.get("id") for a in gaw if a.get("id") is not None)
    c.eq(where, "award ids", eid, gid)
    gby = {a.get("id"): a for a in gaw if a.get("id") is not None}
    for ea in expected_awards:
        if ea["id"] is None or ea["id"] not in gby:
            continue
        ga = gby[ea["id"]]
        w = "%s award %s" % (where, ea["id"])
        c.eq(w, "winners (name, country, ubo)", winners_multiset(ea["winners"]),
             winners_multiset(ga.get("winners") or []))
        if ea["value"] is not SKIP:
            c.eq(w, "value", ea["value"], ga.get("value"), same_amount)
        c.eq(w, "date", ea["date"], ga.get("date"))
    enull = sorted((winners_multiset(a["winners"]) for a in expected_awards
                    if a["id"] is None), key=repr)
    gnull = sorted((winners_multiset(a.get("winners") or []) for a in gaw
                    if a.get("id") is None), key=repr)
    c.eq(where, "awards without contract id (winners)", enull, gnull)


def compare(c, name, e, g):
    for k in ("format", "id", "notice_type", "form_type"):
        c.eq(name, k, e[k], g.get(k))
    if e.get("_brin"):
        c.eq(name, "form_type is bri", "bri", g.get("form_type"))
        c.eq(name, "lots", [], g.get("lots"))
        return
    for k in ("format_version", "subtype", "publication_number",
              "publication_date", "dispatch_date", "procedure_id", "changes",
              "nature", "cpv_main", "procedure_type"):
        c.eq(name, k, e[k], g.get(k))
    gb = g.get("buyers") or []
    c.eq(name, "buyers (name, country)",
         [(b["name"], b["country"]) for b in e["buyers"]],
         [(norm(b.get("name")), b.get("country")) for b in gb])
    gadd = set(g.get("cpv_additional") or [])
    missing = [x for x in e["cpv_additional_procedure"] if x not in gadd]
    c.true(name, "cpv_additional holds every procedure BT-263", not missing,
           e["cpv_additional_procedure"], sorted(gadd))
    c.eq(name, "direct_award", sorted(e["direct_award"]),
         sorted(g.get("direct_award") or []))
    c.eq(name, "estimated_value", e["estimated_value"],
         g.get("estimated_value"), same_amount)
    gl = g.get("lots") or []
    if not c.eq(name, "lot ids", [l["id"] for l in e["lots"]],
                [l.get("id") for l in gl]):
        return
    for el, glot in zip(e["lots"], gl):
        compare_lot(c, "%s lot %s" % (name, el["id"]), el, glot)


# ---- running the program ---------------------------------------------------

def run(assess, src, path):
    p = subprocess.run([assess, "notice", path, "--rules",
                        os.path.join(src, "rules")],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), \
        p.stderr.decode("utf-8", "replace")


def check_refusals(c, assess, src, data_dir):
    with tempfile.TemporaryDirectory() as tmp:
        # 1. a DOCTYPE with an internal subset
        f = os.path.join(tmp, "doctype.xml")
        with open(f, "w", encoding="utf-8") as fp:
            fp.write('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>'
                     '<ContractNotice xmlns="urn:oasis:names:specification:'
                     'ubl:schema:xsd:ContractNotice-2"/>')
        rc, out, err = run(assess, src, f)
        c.eq("doctype.xml", "exit status", 1, rc)
        c.true("doctype.xml", "message names DOCTYPE", "DOCTYPE" in err + out,
               "a message containing DOCTYPE", err.strip())
        # 2. another root element
        f = os.path.join(tmp, "other_root.xml")
        with open(f, "w", encoding="utf-8") as fp:
            fp.write('<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:'
                     'specification:ubl:schema:xsd:Invoice-2"><ID>1</ID>'
                     '</Invoice>')
        rc, out, err = run(assess, src, f)
        c.eq("other_root.xml", "exit status", 1, rc)
        c.true("other_root.xml", "message names the root <Invoice>",
               "Invoice" in err and "other_root.xml" in err,
               "a message naming other_root.xml and Invoice", err.strip())
        # 3. a truncated example
        with open(os.path.join(data_dir, "can_24_minimal.xml"), "rb") as fp:
            data = fp.read()
        cut = data[:len(data) // 2]
        lines = cut.count(b"\n") + 1
        f = os.path.join(tmp, "truncated_can_24_minimal.xml")
        with open(f, "wb") as fp:
            fp.write(cut)
        rc, out, err = run(assess, src, f)
        c.eq("truncated_can_24_minimal.xml", "exit status", 1, rc)
        nums = [int(n) for n in re.findall(r"line (\d+)", err)]
        c.true("truncated_can_24_minimal.xml",
               "message names the file and a line (1..%d)" % lines,
               "truncated_can_24_minimal.xml" in err and
               any(1 <= n <= lines for n in nums),
               "file name and 'line N', N <= %d" % lines, err.strip())


# Paths of §4 that no SDK example takes, exercised on edited copies of
# can_24_minimal.xml (each edit must apply exactly once). The expected
# values still come from the independent route; `hand` pins what that route
# must give, so an edit that silently failed is caught too.
TOUCHPOINT = (
    "<efac:TouchPoint><cac:PartyIdentification>"
    "<cbc:ID schemeName=\"touchpoint\">TPO-0009</cbc:ID>"
    "</cac:PartyIdentification><cac:PartyName>"
    "<cbc:Name languageID=\"FRA\">Lemire agence Bruxelles</cbc:Name>"
    "</cac:PartyName><cac:PostalAddress><cac:Country>"
    "<cbc:IdentificationCode listName=\"country\">BEL</cbc:IdentificationCode>"
    "</cac:Country></cac:PostalAddress></efac:TouchPoint>")
TEN2 = (
    "<efac:LotTender><cbc:ID schemeName=\"tender\">TEN-0002</cbc:ID>"
    "<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID=\"EUR\">1000"
    "</cbc:PayableAmount></cac:LegalMonetaryTotal><efac:TenderingParty>"
    "<cbc:ID schemeName=\"tendering-party\">TPA-0002</cbc:ID>"
    "</efac:TenderingParty><efac:TenderLot>"
    "<cbc:ID schemeName=\"Lot\">LOT-0000</cbc:ID></efac:TenderLot>"
    "</efac:LotTender>")
TPA2 = ("<efac:TenderingParty><cbc:ID schemeName=\"tendering-party\">TPA-0002"
        "</cbc:ID><efac:Tenderer><cbc:ID schemeName=\"organization\">ORG-0002"
        "</cbc:ID></efac:Tenderer></efac:TenderingParty>")
LEMIRE = {"name": "Espaces Verts Lemire", "country": "FR",
          "ubo_nationalities": ["FR"]}
TRIBUNAL = {"name": "Tribunal administratif de Rouen", "country": "FR",
            "ubo_nationalities": []}
VARIANTS = [
    # a tenderer given by a touch point of the winner: the enclosing
    # organisation's company (FR), not the touch point's own address (BE)
    ("touchpoint", [
        (r"(</efac:Company>\s*)(</efac:Organization>\s*"
         r"<efac:UltimateBeneficialOwner>)", r"\1" + TOUCHPOINT + r"\2"),
        (r"(<efac:Tenderer>\s*<cbc:ID schemeName=\")organization(\">)"
         r"ORG-0004", r"\1touchpoint\2TPO-0009")],
     {"result": "awarded",
      "awards": [{"id": "CON-0001", "winners": [LEMIRE],
                  "value": {"amount": 95414.0, "currency": "EUR"},
                  "date": "2019-09-03"}]}),
    # a contract concluded with two tenders: both tenderers win
    ("two_tenders", [
        (r"(<efac:SettledContract>\s*<cbc:ID schemeName=\"contract\">"
         r"CON-0001</cbc:ID>\s*<cbc:IssueDate>)", TEN2 + r"\1"),
        (r"(<efac:LotTender>\s*<cbc:ID schemeName=\"tender\">TEN-0001"
         r"</cbc:ID>\s*</efac:LotTender>)(\s*</efac:SettledContract>)",
         "\\1<efac:LotTender><cbc:ID schemeName=\"tender\">TEN-0002"
         "</cbc:ID></efac:LotTender>\\2"),
        (r"(</efac:NoticeResult>)", TPA2 + r"\1")],
     {"result": "awarded",
      "awards": [{"id": "CON-0001", "winners": [LEMIRE, TRIBUNAL],
                  "value": SKIP, "date": "2019-09-03"}]}),
    # a selec-w result without a settled contract: its own LotTender list
    ("no_contract", [
        (r"<efac:SettledContract>\s*<cbc:ID schemeName=\"contract\">"
         r"CON-0001</cbc:ID>\s*</efac:SettledContract>\s*(<efac:TenderLot>)",
         r"\1")],
     {"result": "awarded",
      "awards": [{"id": None, "winners": [LEMIRE],
                  "value": {"amount": 95414.0, "currency": "EUR"},
                  "date": None}]}),
    # the competition closed without a winner
    ("closed", [(r">selec-w<", ">clos-nw<")],
     {"result": "no-winner", "awards": []}),
]


def check_variants(c, assess, src, data_dir, a3to2):
    with open(os.path.join(data_dir, "can_24_minimal.xml"),
              encoding="utf-8") as fp:
        base = fp.read()
    with tempfile.TemporaryDirectory() as tmp:
        for label, edits, hand in VARIANTS:
            name = "can_24_minimal+%s.xml" % label
            xml = base
            for pat, rep in edits:
                xml, n = re.subn(pat, rep, xml)
                c.eq(name, "edit %r applies once" % pat[:40], 1, n)
            path = os.path.join(tmp, name)
            with open(path, "w", encoding="utf-8") as fp:
                fp.write(xml)
            e = Notice(path, a3to2).facts()
            lot = e["lots"][0]
            c.eq(name, "independent route (hand-checked)", hand,
                 {"result": lot["result"], "awards": lot["awards"]},
                 lambda h, x: json.dumps(h, sort_keys=True, default=repr)
                 == json.dumps(x, sort_keys=True, default=repr))
            rc, out, err = run(assess, src, path)
            if not c.eq(name, "exit status", 0, rc):
                print("  stderr: %s" % err.strip()[:500], file=sys.stderr)
                continue
            got = json.loads(out)
            if c.true(name, "one notice printed", len(got) == 1, 1, len(got)):
                compare(c, name, e, got[0])


def main(argv):
    if len(argv) >= 3 and argv[1] == "--show":
        a3to2 = load_countries(argv[2])
        for p in argv[3:]:
            f = Notice(p, a3to2).facts()
            print(json.dumps(f, indent=1, ensure_ascii=False,
                             default=lambda o: "(not compared)"))
        return 0
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    assess, src = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    data_dir = os.path.join(src, "tests", "data", "notices", "eforms")
    a3to2 = load_countries(src)
    files = sorted(f for f in os.listdir(data_dir) if f.endswith(".xml"))
    c = Checker()
    c.true(data_dir, "example count", len(files) == 92, 92, len(files))
    for name in files:
        path = os.path.join(data_dir, name)
        e = Notice(path, a3to2).facts()
        rc, out, err = run(assess, src, path)
        if not e["id"]:
            # no BT-701: refused, naming the business term
            c.eq(name, "exit status (no identifier)", 1, rc)
            c.true(name, "message names BT-701", "BT-701" in err and name in err,
                   "a message naming the file and BT-701", err.strip()[:300])
            continue
        if not c.eq(name, "exit status", 0, rc):
            print("  stderr: %s" % err.strip()[:500], file=sys.stderr)
            continue
        try:
            got = json.loads(out)
        except ValueError as x:
            c.true(name, "output is JSON", False, "a JSON array", str(x))
            continue
        if not c.true(name, "one notice printed",
                      isinstance(got, list) and len(got) == 1 and
                      isinstance(got[0], dict), "[{...}]",
                      "%s of %d" % (type(got).__name__,
                                    len(got) if isinstance(got, list) else 0)):
            continue
        compare(c, name, e, got[0])
    check_refusals(c, assess, src, data_dir)
    check_variants(c, assess, src, data_dir, a3to2)
    print("notice_eforms: %d checks, %d files" % (c.checks, len(files)))
    if c.failures:
        print("notice_eforms: %d FAILED" % len(c.failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
