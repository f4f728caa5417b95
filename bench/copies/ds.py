"""datasketch anchor for the copies speed bench: MinHash (128 permutations,
seed 1) over word 3-gram shingles, MinHashLSH (threshold 0.5), streamed: each
text is queried against the index, then inserted, so every candidate pair is
reported once. Times sketching + index + candidate pairs (reading excluded).

usage: ds.py CORPUS PLANTED_PAIRS  -> one JSON line
"""
import json
import sys
import time

from datasketch import MinHash, MinHashLSH


def main():
    corpus, planted = sys.argv[1], sys.argv[2]
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    pairs = set()
    busy = 0.0
    cpu = 0.0
    n = 0
    with open(corpus, "rb") as f:
        for i, line in enumerate(f):
            t = time.perf_counter()
            c = time.process_time()
            w = line.split()
            sh = {b" ".join(w[k : k + 3]) for k in range(max(1, len(w) - 2))}
            m = MinHash(num_perm=128, seed=1)
            m.update_batch(list(sh))
            for j in lsh.query(m):
                pairs.add((j, i))
            lsh.insert(i, m)
            busy += time.perf_counter() - t
            cpu += time.process_time() - c
            n += 1
    hit = total = 0
    for l in open(planted):
        a, b = map(int, l.split("\t"))
        total += 1
        hit += (min(a, b), max(a, b)) in pairs
    print(json.dumps({"engine": "datasketch", "articles": n, "seconds": round(busy, 3),
                      "cpu_seconds": round(cpu, 3),
                      "articles_per_s": round(n / max(busy, 1e-9)),
                      "articles_per_cpu_s": round(n / max(cpu, 1e-9)), "pairs": len(pairs),
                      "planted_recall": round(hit / max(total, 1), 4)}))


if __name__ == "__main__":
    main()
