"""Copy records of two stores after the same day's analyze: prints how many of
the day's new articles got the same record in both, how many new articles
there are, how many stored (older) records differ, and how many of those
differ in verdict, source or group.

    compare.py SHIPPED.db RECOMPUTED.db DAY.jsonl
"""
import json
import sqlite3
import sys


def records(path):
    con = sqlite3.connect(path)
    return {i: json.loads(r) for i, r in con.execute("SELECT id, record FROM copies")}


shipped, full = records(sys.argv[1]), records(sys.argv[2])
new = {json.loads(line)["id"] for line in open(sys.argv[3], encoding="utf-8")}
same = sum(1 for i in new if shipped.get(i) == full.get(i))
old = [i for i in full if i not in new]
changed = [i for i in old if shipped.get(i) != full[i]]
key = lambda r: (r["derived"], r.get("source"), r["group"])
verdict = sum(1 for i in changed if key(shipped[i]) != key(full[i]))
print(same, len(new), len(changed), verdict)
