"""Anchor for bench/compare.sh: the obvious way to align claims across a
story's articles in Python, scikit-learn TF-IDF over every sentence and
all-pairs cosine (chunked sparse products), joined by connected components.

Same input and the same cycling as crates/compare/examples/bench.rs.
Prints one TSV line per n: n, sentences, clusters, CPU seconds (process_time).
"""
import json
import re
import sys
import time

import numpy as np
from scipy.sparse.csgraph import connected_components
from scipy.sparse import coo_matrix
from sklearn.feature_extraction.text import TfidfVectorizer

SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘(])")


def sentences(text):
    out = []
    for para in re.split(r"\n\s*\n", text):
        for s in SPLIT.split(" ".join(para.split())):
            if len(s.split()) >= 6:
                out.append(s)
    return out


def run(base, n, threshold=0.5, chunk=2000):
    texts = [base[i % len(base)] for i in range(n)]
    t0 = time.process_time()
    sents = [s for t in texts for s in sentences(t)]
    if not sents:
        return 0, 0, time.process_time() - t0
    x = TfidfVectorizer(stop_words="english").fit_transform(sents)
    rows, cols = [], []
    for start in range(0, x.shape[0], chunk):
        sim = (x[start:start + chunk] @ x.T).tocoo()
        keep = sim.data >= threshold
        rows.append(sim.row[keep] + start)
        cols.append(sim.col[keep])
    r, c = np.concatenate(rows), np.concatenate(cols)
    g = coo_matrix((np.ones(len(r)), (r, c)), shape=(len(sents), len(sents)))
    k, _ = connected_components(g, directed=False)
    return len(sents), k, time.process_time() - t0


def main():
    path, ns = sys.argv[1], [int(a) for a in sys.argv[2:]]
    base = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
    print("n\tsentences\tclusters\tcpu_s")
    for n in ns:
        best = None
        for _ in range(3 if n <= 2000 else 1):
            s, k, t = run(base, n)
            best = t if best is None else min(best, t)
        print(f"{n}\t{s}\t{k}\t{best:.4f}", flush=True)


if __name__ == "__main__":
    main()
