"""Deterministic synthetic news corpus for the copies speed bench.

Writes N articles, one per line (words separated by spaces, no newlines), of
about 600 words each (uniform 450..750) drawn from a Zipf-like (s = 1.1)
vocabulary of 200,000 made-up words, with seed 20261125 (numpy PCG64). Every
tenth article from the 1,000th on is a planted near-duplicate of a random
earlier article (one of the previous 100,000): 5% of its words replaced, and a random 0..10% cut from its
end. Planted pairs (copy_line, original_line) go to PAIRS_OUT, 0-based.

usage: gen.py N OUT PAIRS_OUT
"""
import sys

import numpy as np

SEED = 20261125
VOCAB = 200_000


def vocabulary(rng):
    cons = list("bcdfghjklmnprstvwz")
    vows = list("aeiou")
    words = set()
    out = []
    while len(out) < VOCAB:
        n = int(rng.integers(2, 5))
        w = "".join(cons[int(rng.integers(len(cons)))] + vows[int(rng.integers(len(vows)))] for _ in range(n))
        if w not in words:
            words.add(w)
            out.append(w)
    return [w.encode() for w in out]


def main():
    n = int(sys.argv[1])
    out, pairs_out = sys.argv[2], sys.argv[3]
    rng = np.random.default_rng(SEED)
    vocab = vocabulary(rng)
    ranks = np.arange(1, VOCAB + 1, dtype=np.float64)
    p = ranks ** -1.1
    p /= p.sum()
    cdf = np.cumsum(p)
    window = 100_000
    ring = [None] * window  # the last `window` articles, as word indices
    with open(out, "wb") as f, open(pairs_out, "w") as fp:
        for i in range(n):
            if i >= 1000 and i % 10 == 0:
                j = int(rng.integers(max(0, i - window), i))
                base = ring[j % window]
                doc = base.copy()
                k = max(1, len(doc) // 20)
                pos = rng.integers(0, len(doc), size=k)
                doc[pos] = np.searchsorted(cdf, rng.random(k))
                cut = int(rng.integers(0, len(doc) // 10 + 1))
                doc = doc[: len(doc) - cut]
                fp.write(f"{i}\t{j}\n")
            else:
                m = int(rng.integers(450, 751))
                doc = np.searchsorted(cdf, rng.random(m)).astype(np.int32)
            ring[i % window] = doc
            f.write(b" ".join([vocab[t] for t in doc.tolist()]))
            f.write(b"\n")


if __name__ == "__main__":
    main()
