"""Generate the ingest benchmark inputs (deterministic, seeded).

usage: gen.py OUT_DIR N_JSONL N_WARC
Writes OUT_DIR/articles.jsonl (N_JSONL rows of ~600 words of text) and
OUT_DIR/pages.warc.gz (N_WARC HTML response records, one gzip member each,
plus a warcinfo and a request record per 1000 pages that must be skipped).
"""
import gzip, json, os, random, sys, uuid

out, n_jsonl, n_warc = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out, exist_ok=True)
rng = random.Random(1234)
vocab = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 10)))
         for _ in range(20000)]

def words(n):
    return " ".join(rng.choice(vocab) for _ in range(n))

def paragraphs(total):
    ps, left = [], total
    while left > 0:
        k = min(left, rng.randint(40, 120))
        ps.append(words(k).capitalize() + ".")
        left -= k
    return ps

with open(os.path.join(out, "articles.jsonl"), "w") as f:
    for i in range(n_jsonl):
        row = {"id": f"a{i:07d}", "outlet": f"outlet{i % 50}", "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
               "title": words(8), "text": "\n\n".join(paragraphs(600))}
        f.write(json.dumps(row) + "\n")

def record(headers, block):
    head = "WARC/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + f"Content-Length: {len(block)}\r\n\r\n"
    return gzip.compress(head.encode() + block + b"\r\n\r\n", compresslevel=6, mtime=0)

with open(os.path.join(out, "pages.warc.gz"), "wb") as f:
    f.write(record([("WARC-Type", "warcinfo"), ("WARC-Record-ID", f"<urn:uuid:{uuid.UUID(int=0)}>"),
                    ("WARC-Date", "2024-01-01T00:00:00Z"), ("Content-Type", "application/warc-fields")],
                   b"software: crossread bench\r\n"))
    for i in range(n_warc):
        url = f"https://site{i % 50}.example/news/{i}"
        if i % 1000 == 0:
            f.write(record([("WARC-Type", "request"), ("WARC-Record-ID", f"<urn:uuid:{uuid.UUID(int=10**9 + i)}>"),
                            ("WARC-Date", "2024-01-01T00:00:00Z"), ("WARC-Target-URI", url),
                            ("Content-Type", "application/http; msgtype=request")],
                           f"GET /news/{i} HTTP/1.1\r\nHost: x\r\n\r\n".encode()))
        body = "".join(f"<p>{p}</p>" for p in paragraphs(600))
        html = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{words(8)}</title></head>"
                f"<body><nav>{words(20)}</nav><article>{body}</article><footer>{words(15)}</footer></body></html>").encode()
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + f"Content-Length: {len(html)}\r\n\r\n".encode() + html
        f.write(record([("WARC-Type", "response"), ("WARC-Record-ID", f"<urn:uuid:{uuid.UUID(int=i + 1)}>"),
                        ("WARC-Date", "2024-01-01T00:00:00Z"), ("WARC-Target-URI", url),
                        ("Content-Type", "application/http; msgtype=response")], http))
