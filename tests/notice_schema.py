#!/usr/bin/env python3
"""notice_schema.py - the JSON the notice readers and `assess batch` write
matches its documented schema (templates/notice.schema.json and
templates/batch-row.schema.json), for every notice of tests/data/notices in
all three formats, every row and every error record; altered copies are
refused, so a schema that accepts anything fails this test.

usage: notice_schema.py ASSESS REPO   (needs python3-jsonschema)
"""
import copy
import glob
import json
import os
import subprocess
import sys
import tempfile

from jsonschema import Draft202012Validator

from tally import check, summary

ASSESS, REPO = sys.argv[1], sys.argv[2]
RULES = os.path.join(REPO, "rules")


def schema(name):
    with open(os.path.join(REPO, "templates", name), encoding="utf-8") as f:
        s = json.load(f)
    Draft202012Validator.check_schema(s)
    return Draft202012Validator(s)


notice_v = schema("notice.schema.json")
row_v = schema("batch-row.schema.json")
files = sorted(f for f in glob.glob(os.path.join(REPO, "tests", "data", "notices", "*", "*"))
               if not f.endswith(".md"))
formats = set()
sample = None
for f in files:
    p = subprocess.run([ASSESS, "notice", f, "--rules", RULES], capture_output=True, text=True)
    try:
        notices = json.loads(p.stdout)
    except ValueError:
        check(False, f"{f}: output is not JSON")
        continue
    for n in notices:
        errs = list(notice_v.iter_errors(n))
        check(not errs, f"{f}: {errs[0].message if errs else ''}")
        formats.add(n["format"])
        if sample is None and n["lots"] and n["lots"][0]["awards"]:
            sample = n
check(formats == {"eforms", "ted", "ocds"}, f"every format seen: {sorted(formats)}")

# altered notices are refused
if sample:
    for path, value in ((("buyers", 0, "country"), "FRA"), (("cpv_main",), "72000000-5"),
                        (("lots", 0, "result"), "won"), (("format",), "xml"),
                        (("lots", 0, "awards", 0, "winners", 0, "group"), "acme")):
        bad = copy.deepcopy(sample)
        node = bad
        try:
            for k in path[:-1]:
                node = node[k]
            node[path[-1]] = value
        except (IndexError, KeyError):
            continue
        check(not notice_v.is_valid(bad), f"altered {path} = {value!r} refused")

# the JSON lines of a batch over everything, with failures among them
with tempfile.TemporaryDirectory() as tmp:
    broken = os.path.join(tmp, "broken.xml")
    open(broken, "w").write("<ContractNotice")
    out = os.path.join(tmp, "rows.jsonl")
    subprocess.run([ASSESS, "batch", *files, broken, "--jsonl", out, "--rules", RULES],
                   capture_output=True)
    kinds = set()
    with open(out, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            kinds.add("error" if "error" in rec else "row")
            errs = list(row_v.iter_errors(rec))
            check(not errs, f"row {line[:80]}: {errs[0].message if errs else ''}")
    check(kinds == {"row", "error"}, "rows and error records both seen")
    check(not row_v.is_valid({"error": "x", "source": "y"}), "an error record needs member")
    check(not row_v.is_valid({"source": "y"}), "a bare object is refused")

sys.exit(summary("notice_schema"))
