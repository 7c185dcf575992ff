#!/usr/bin/env python3
"""Sums async-profiler's collapsed stacks (`frame;frame;...;leaf count` per line) by area: each stack is charged to
the first frame from the leaf that names an area, so ECDSA inside BoringSSL counts as signatures, not as its caller.
Prints the share of each area and the top leaf frames. Usage: collapsed_areas.py file.collapsed [top N]"""
import collections
import sys

# first match from the leaf wins; order matters (hashing before signatures, both before their callers)
AREAS = [
    ("hashing", ("sun/security/provider/SHA", "sun/security/provider/DigestBase", "java/security/MessageDigest",
                 "SHA256_", "sha256_")),
    ("ECDSA (BoringSSL / BouncyCastle)", ("libconscrypt", "org/conscrypt/", "ecdsa", "ec_", "bn_", "p256",
                                          "ECDSA", "org/bouncycastle/", "io/weft/bccsp/")),
    ("protobuf", ("com/google/protobuf/",)),
    ("gRPC / Netty", ("io/grpc/", "io/netty/")),
    ("kernel / syscalls", ("[k]", "__", "epoll", "write", "read", "futex", "syscall")),
    ("JVM (GC, JIT, runtime)", ("GC", "G1", "Compile", "C2", "C1", "JVM", "Interpreter", "[vm]")),
    ("Weft (endorser, chaincode support, ledger, MSP, policies)", ("io/weft/",)),
]


def area_of(frames):
    for frame in reversed(frames):
        for area, keys in AREAS:
            if any(k in frame for k in keys):
                return area
    return "other (JDK)"


def main():
    top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    areas = collections.Counter()
    leaves = collections.Counter()
    total = 0
    with open(sys.argv[1]) as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if not stack:
                continue
            n = int(count)
            frames = stack.split(";")
            total += n
            areas[area_of(frames)] += n
            leaves[frames[-1]] += n
    print(f"samples: {total}")
    for area, n in areas.most_common():
        print(f"{100.0 * n / total:6.1f} %  {area}")
    print("top leaf frames:")
    for frame, n in leaves.most_common(top_n):
        print(f"{100.0 * n / total:6.1f} %  {frame}")


if __name__ == "__main__":
    main()
