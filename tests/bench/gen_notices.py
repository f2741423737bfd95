#!/usr/bin/env python3
"""gen_notices.py DIR MB [SEED] - write at least MB megabytes of notices
into DIR (one file each), made from the eForms and TED notices of
tests/data/notices with their identifiers varied so that no two are the
same: the notice id, the procedure id and the publication number of eForms
notices, DOC_ID and NO_DOC_OJS of TED notices, and a serial number in the
title. Every file stays a well-formed notice of its kind."""
import os
import random
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, "..", "data", "notices")
out, mb = sys.argv[1], float(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
seeds = []
for sub in ("eforms", "ted"):
    d = os.path.join(data, sub)
    for name in sorted(os.listdir(d)):
        if name.endswith(".xml") and not name.startswith("INVALID_"):
            with open(os.path.join(d, name), encoding="utf-8") as f:
                seeds.append((sub, name, f.read()))
os.makedirs(out, exist_ok=True)
total, n = 0, 0
target = mb * 1e6
uuid = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
while total < target:
    kind, name, text = seeds[n % len(seeds)]
    serial = n + 1
    if kind == "eforms":
        text = uuid.sub(lambda m: "%08x-%04x-4%03x-8%03x-%012x" % (
            rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12),
            rng.getrandbits(12), rng.getrandbits(48)), text)
        text = re.sub(r"(<efbc:NoticePublicationID[^>]*>)[^<]*",
                      lambda m: m.group(1) + "%08d-2026" % serial, text)
        text = re.sub(r"(<cac:ProcurementProject>\s*<cbc:ID[^>]*>)[^<]*",
                                 lambda m: m.group(1) + "BENCH-%d" % serial, text, count=1)
    else:
        text = re.sub(r'DOC_ID="[^"]*"', 'DOC_ID="%06d-2026"' % (serial % 1000000), text, count=1)
        text = re.sub(r"<NO_DOC_OJS>[^<]*", "<NO_DOC_OJS>2026/S %03d-%06d" % (serial % 250, serial), text, count=1)
    path = os.path.join(out, "%07d-%s" % (serial, name))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    total += len(text.encode("utf-8"))
    n += 1
print("%d notices, %.1f MB in %s" % (n, total / 1e6, out))
