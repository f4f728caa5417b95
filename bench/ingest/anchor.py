"""The anchor for ingest speed: what a careful Python user would write with the
standard library and warcio. Reads the same inputs and stores one row per article
in SQLite (WAL, 1000 rows per transaction), like `crossread analyze --stop-after ingest`.

usage: anchor.py DB INPUT.jsonl|INPUT.warc.gz
"""
import hashlib, json, sqlite3, sys

db, path = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db)
con.execute("PRAGMA journal_mode=WAL")
con.execute("PRAGMA synchronous=NORMAL")
con.execute("CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, hash TEXT UNIQUE, url TEXT, body TEXT)")

def rows():
    if path.endswith(".jsonl"):
        with open(path, "rb") as f:
            for line in f:
                r = json.loads(line)
                yield r["id"], r.get("url"), r.get("html") or r.get("text")
    else:
        from warcio.archiveiterator import ArchiveIterator
        with open(path, "rb") as f:
            for rec in ArchiveIterator(f):
                if rec.rec_type != "response":
                    continue
                ctype = rec.http_headers.get_header("Content-Type") or ""
                if "html" not in ctype:
                    continue
                body = rec.content_stream().read().decode("utf-8", "replace")
                yield rec.rec_headers.get_header("WARC-Record-ID").strip("<>"), \
                      rec.rec_headers.get_header("WARC-Target-URI"), body

batch = []
for id_, url, body in rows():
    batch.append((id_, hashlib.blake2b(body.encode(), digest_size=32).hexdigest(), url, body))
    if len(batch) == 1000:
        with con:
            con.executemany("INSERT OR IGNORE INTO articles VALUES (?,?,?,?)", batch)
        batch = []
if batch:
    with con:
        con.executemany("INSERT OR IGNORE INTO articles VALUES (?,?,?,?)", batch)
print(con.execute("SELECT count(*) FROM articles").fetchone()[0])
