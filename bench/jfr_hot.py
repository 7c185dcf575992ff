#!/usr/bin/env python3
"""Hot methods of a JFR recording's jdk.ExecutionSample events (from `jfr print --json`), restricted to the
committer's work: samples with a io.weft.core.committer frame (BlockCommitter, the validator pool) and none of the
benchmark's own set-up (pre-building transactions, the verify ceiling). Prints the top N methods by top-frame samples,
then the samples by area, each sample charged to the first frame from the top that names an area.
Usage: jfr_hot.py samples.json [N]"""
import collections
import json
import sys

FIXTURES = ("io.weft.core.committer.CommitterFixtures", "io.weft.core.committer.EndorsedTx",
            "io.weft.core.committer.TestPluginSource")
SETUP = ("io.weft.bench.CommitterBench.endorsedTx", "io.weft.bench.CommitterBench.verifyFor",
         "io.weft.bench.CommitterBench.verifyCeiling")

# first match from the top of the stack wins; order matters (hashing before signature, both before their callers)
AREAS = [
    ("hashing", ("sun.security.provider.SHA", "sun.security.provider.DigestBase", "java.security.MessageDigest",
                 "org.bouncycastle.crypto.digests.", "org.bouncycastle.jcajce.provider.digest.")),
    ("signature verification", ("org.bouncycastle.", "sun.security.ec.", "sun.security.util.math.",
                                "java.math.BigInteger", "io.weft.bccsp.")),
    ("protobuf parse/serialize", ("com.google.protobuf.",)),
    ("ledger write/state (leveldb, block store, mvcc)", ("io.weft.ledger.", "io.weft.storage.", "org.iq80.",
                                                         "org.fusesource.", "org.rocksdb.")),
    ("policy evaluation / identities", ("io.weft.policies.", "io.weft.msp.", "io.weft.channelconfig.")),
    ("committer/validation glue", ("io.weft.core.", "io.weft.validation.", "io.weft.lifecycle.",
                                   "io.weft.protoutil.")),
]


def name(frame):
    m = frame["method"]
    return m["type"]["name"].replace("/", ".") + "." + m["name"]


def main():
    path = sys.argv[1]
    top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    with open(path) as f:
        events = json.load(f)["recording"]["events"]
    tops = collections.Counter()
    areas = collections.Counter()
    total = kept = truncated = 0
    for ev in events:
        st = ev["values"].get("stackTrace")
        if not st:
            continue
        total += 1
        frames = [name(fr) for fr in st["frames"]]
        if any(fn.startswith(SETUP) for fn in frames):
            continue
        if not any(fn.startswith("io.weft.core.committer.") and not fn.startswith(FIXTURES) for fn in frames):
            continue
        kept += 1
        truncated += bool(st.get("truncated"))
        tops[frames[0]] += 1
        area = "other (JDK collections, strings, threads...)"
        for fn in frames:
            hit = next((a for a, prefixes in AREAS if fn.startswith(prefixes)), None)
            if hit:
                area = hit
                break
        areas[area] += 1
    print(f"samples: {total} in the recording, {kept} in the committer ({truncated} with truncated stacks)")
    print(f"top {top_n} methods by samples (top frame):")
    for fn, n in tops.most_common(top_n):
        print(f"  {n:6d} {100.0 * n / kept:5.1f}%  {fn}")
    print("by area (first frame from the top naming one):")
    for a, n in areas.most_common():
        print(f"  {n:6d} {100.0 * n / kept:5.1f}%  {a}")


if __name__ == "__main__":
    main()
