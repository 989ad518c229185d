#!/usr/bin/env python3
"""Redo a CompetitivePosts speech-order draw (抽签) from its recorded seed.

Usage:  python3 speech-draw.py draw.json
        python3 speech-draw.py --seed HEX --groups "3,5,9|2,7"      (version 2)
        python3 speech-draw.py --version 1 --seed 2009 --groups "1,2,3,4,5,6,7,8"

draw.json is the "data to check it yourself" block of the speeches page:
  {"algorithm": 2, "seed": "<64 hex digits>", "groups": [[ids...], ...], "order": [ids...], "names": {...}}
The script prints the order it computes and, when the file has one, whether it equals the recorded order.
Python 3.8 or later, standard library only. The algorithm is described in docs/speech-draw.md.
"""
import hashlib
import json
import sys

MASK = 2**64 - 1


def draw_v2(seed_hex, groups):
    """Version 2: SHA-256 in counter mode, unbiased Fisher-Yates within each group, groups in order."""
    seed = bytes.fromhex(seed_hex)
    if len(seed) != 32:
        raise ValueError("a version 2 seed is 64 hexadecimal digits")
    counter = 0

    def next_value():
        nonlocal counter
        digest = hashlib.sha256(seed + counter.to_bytes(8, "big")).digest()
        counter += 1
        return int.from_bytes(digest[:8], "big")

    def below(bound):
        limit = 2**64 - (2**64 % bound)  # the largest multiple of bound; values at or above it are drawn again
        while True:
            value = next_value()
            if value < limit:
                return value % bound

    order, seen = [], set()
    for group in groups:
        ids = sorted(set(group))
        if seen & set(ids):
            raise ValueError("a candidate appears in two groups")
        seen |= set(ids)
        for i in range(len(ids) - 1, 0, -1):
            j = below(i + 1)
            ids[i], ids[j] = ids[j], ids[i]
        order += ids
    return order


def draw_v1(seed, ids):
    """Version 1 (draws before groups existed): SplitMix64 from an integer seed, one group."""
    ids = sorted(set(ids))
    state = seed & MASK
    for i in range(len(ids) - 1, 0, -1):
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z = z ^ (z >> 31)
        j = z % (i + 1)
        ids[i], ids[j] = ids[j], ids[i]
    return ids


def redo(version, seed, groups):
    if version == 1:
        if len(groups) > 1:
            raise ValueError("version 1 draws have a single group")
        return draw_v1(int(seed), groups[0] if groups else [])
    if version == 2:
        return draw_v2(seed, groups)
    raise ValueError("unknown algorithm version %r" % version)


def main(argv):
    if len(argv) == 2 and not argv[1].startswith("--"):
        with open(argv[1], encoding="utf-8") as f:
            data = json.load(f)
    else:
        args = dict(zip(argv[1::2], argv[2::2]))
        data = {
            "algorithm": int(args.get("--version", "2")),
            "seed": args["--seed"],
            "groups": [[int(x) for x in g.split(",") if x] for g in args["--groups"].split("|")],
        }
    order = redo(data["algorithm"], data["seed"], data["groups"])
    names = data.get("names", {})
    print("order:", " ".join(str(i) for i in order))
    if names:
        print("names:", " ".join(names.get(str(i), "?") for i in order))
    if "order" in data:
        same = order == data["order"]
        print("matches the recorded order" if same else "DOES NOT match the recorded order")
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
