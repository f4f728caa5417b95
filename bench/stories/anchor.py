"""Anchor for bench/stories.sh: the README's reference baseline, TF-IDF
(scikit-learn TfidfVectorizer, default settings) + single-pass clustering by
cosine to each cluster's summed vector, with a 2-day window on the newest
member, threshold 0.2. Reads the JSON Lines stream (already in date order)
and prints the article rate. Same input as the Rust engine."""
import json, sys, time
from datetime import datetime
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
t0 = time.process_time()
X = TfidfVectorizer().fit_transform([(r["title"] or "") + "\n" + r["text"] for r in rows]).tocsr()
days = [datetime.fromisoformat(r["date"].replace("Z", "+00:00")).timestamp() / 86400 for r in rows]
sums, newest, labels = [], [], []
for i in range(X.shape[0]):
    x = X[i]
    best, bs = -1, 0.2
    for c in range(len(sums)):
        if days[i] - newest[c] > 2:
            continue
        s = sums[c]
        sim = x.dot(s.T).toarray()[0, 0] / (np.sqrt(s.multiply(s).sum()) or 1)
        if sim >= bs:
            best, bs = c, sim
    if best < 0:
        sums.append(x.copy()); newest.append(days[i]); labels.append(len(sums) - 1)
    else:
        sums[best] = sums[best] + x; newest[best] = days[i]; labels.append(best)
secs = time.process_time() - t0
print(json.dumps({"n": len(rows), "secs": round(secs, 3), "rate": round(len(rows) / secs)}))
