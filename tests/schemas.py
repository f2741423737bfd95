#!/usr/bin/env python3
"""Check the JSON Schemas in templates/ and the data they describe.

Every schema must itself be a valid draft 2020-12 schema; the shipped
examples (templates/examples/cloud) and the company registry
(rules/registry/entities.json) must validate; and altered copies that the
C readers refuse must be rejected, so that a schema that accepts anything
fails the test.

usage: schemas.py REPO
Needs Debian's python3-jsonschema.
"""
import copy
import glob
import json
import os
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main():
    if len(sys.argv) != 2:
        print("usage: schemas.py REPO", file=sys.stderr)
        return 64
    try:
        import jsonschema
        from jsonschema import Draft202012Validator
    except ImportError:
        print("schemas: python3-jsonschema is not installed")
        return 1
    repo = sys.argv[1]
    templates = os.path.join(repo, "templates")
    examples = os.path.join(templates, "examples", "cloud")
    entities_path = os.path.join(repo, "rules", "registry", "entities.json")
    counts = {"passed": 0, "failed": 0}

    def result(ok, what, detail=""):
        if ok:
            counts["passed"] += 1
        else:
            counts["failed"] += 1
            print("FAIL %s%s" % (what, ": " + detail if detail else ""))

    validators = {}
    for name in ("bid.schema.json", "tender.schema.json",
                 "registry-entities.schema.json", "portfolio.schema.json"):
        path = os.path.join(templates, name)
        try:
            schema = load(path)
            Draft202012Validator.check_schema(schema)
        except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
            result(False, "schema %s" % name, str(e).splitlines()[0])
            continue
        result(True, "schema %s" % name)
        validators[name] = Draft202012Validator(schema)

    def errors(schema_name, instance):
        v = validators[schema_name]
        return sorted(v.iter_errors(instance), key=lambda e: list(e.absolute_path))

    def path_of(e):
        p = "$"
        for k in e.absolute_path:
            p += "[%d]" % k if isinstance(k, int) else "." + str(k)
        return p

    def accept(schema_name, what, instance):
        if schema_name not in validators:
            return result(False, what, "schema %s did not load" % schema_name)
        errs = errors(schema_name, instance)
        for e in errs:
            print("FAIL %s: %s: %s" % (what, path_of(e), e.message))
        if errs:
            counts["failed"] += 1
        else:
            counts["passed"] += 1

    def reject(schema_name, what, instance):
        if schema_name not in validators:
            return result(False, what, "schema %s did not load" % schema_name)
        result(bool(errors(schema_name, instance)), what,
               "accepted, but the C reader refuses it")

    def load_or_fail(path, what):
        try:
            return load(path)
        except (OSError, ValueError) as e:
            result(False, what, str(e))
            return None

    # every example tender folder: its bids, tender and portfolio
    for folder in sorted(glob.glob(os.path.join(repo, "templates", "examples", "*"))):
        if folder == examples or not os.path.isdir(folder):
            continue
        for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
            what = os.path.relpath(path, repo)
            doc = load_or_fail(path, what)
            if doc is None:
                continue
            kind = ("portfolio.schema.json" if doc.get("format") == "assess-portfolio/1"
                    else "tender.schema.json" if "lots" in doc else "bid.schema.json")
            accept(kind, what, doc)

    bids = sorted(glob.glob(os.path.join(examples, "bid-*.json")))
    result(bool(bids), "example bids", "none found in %s" % examples)
    first_bid = None
    for path in bids:
        what = os.path.relpath(path, repo)
        bid = load_or_fail(path, what)
        if bid is not None:
            accept("bid.schema.json", what, bid)
            if first_bid is None:
                first_bid = (what, bid)

    tpath = os.path.join(examples, "tender.json")
    tender = load_or_fail(tpath, os.path.relpath(tpath, repo))
    if tender is not None:
        accept("tender.schema.json", os.path.relpath(tpath, repo), tender)

    ewhat = os.path.relpath(entities_path, repo)
    entities = load_or_fail(entities_path, ewhat)
    if entities is not None:
        accept("registry-entities.schema.json", ewhat, entities)

    # Negative checks: each copy breaks one rule the C reader enforces.
    if first_bid is not None:
        what, bid = first_bid
        bad = copy.deepcopy(bid)
        bad["entities"][0]["ownership"] = "unknown key"
        reject("bid.schema.json", "%s with an unknown entity key" % what, bad)
    else:
        result(False, "negative bid check", "no example bid to copy")

    if entities is not None:
        def first_link(doc):
            for e in doc.get("entities", []):
                if e.get("links"):
                    return e["links"][0]
            return None

        bad = copy.deepcopy(entities)
        link = first_link(bad)
        if link is None:
            result(False, "negative link state check", "no link in %s" % ewhat)
        else:
            link["state"] = "rumoured"
            reject("registry-entities.schema.json",
                   "%s with link state 'rumoured'" % ewhat, bad)

        bad = copy.deepcopy(entities)
        if not bad.get("entities"):
            result(False, "negative source_date check", "no entity in %s" % ewhat)
        else:
            bad["entities"][0]["source_date"] = "2026-13"
            reject("registry-entities.schema.json",
                   "%s with source_date '2026-13'" % ewhat, bad)

    print("schemas: %d passed, %d failed" % (counts["passed"], counts["failed"]))
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
