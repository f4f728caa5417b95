#!/usr/bin/env python3
"""Rebuild examples/corpus/news.warc.gz from the HTML sources in warc-src/.

The sources end in `.html.in` (not `.html`) so that ingesting the corpus folder
does not also read them as stand-alone pages.

Output: WARC/1.1, one gzip member per record (record-at-a-time gzip), gzip
mtime fixed at 0 and fixed record ids and dates, so the output is byte-for-byte
identical on every run with the same Python/zlib.

Records, in order:
  1. warcinfo
  2. request   (for the first page; readers must skip it)
  3. response  lakeshore-brenholt   urn:uuid:6f1c2a9e-4b7d-4e21-9a3c-0d5e8b1f7a01
  4. response  lakeshore-summit     urn:uuid:6f1c2a9e-4b7d-4e21-9a3c-0d5e8b1f7a02
  5. response  tidewater-ostrel     urn:uuid:6f1c2a9e-4b7d-4e21-9a3c-0d5e8b1f7a03

Usage: python3 make_warc.py [OUTPUT]   (default: news.warc.gz next to this script)
"""
import base64
import gzip
import hashlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

WARCINFO_ID = "urn:uuid:6f1c2a9e-4b7d-4e21-9a3c-0d5e8b1f7a00"
REQUEST_ID = "urn:uuid:6f1c2a9e-4b7d-4e21-9a3c-0d5e8b1f7a10"

# (record id, target URI, WARC-Date = crawl time, source file)
PAGES = [
    ("urn:uuid:6f1c2a9e-4b7d-4e21-9a3c-0d5e8b1f7a01",
     "https://lakeshoreledger.example/news/verany-night-of-water",
     "2025-03-06T07:12:09Z", "warc-src/lakeshore-brenholt.html.in"),
    ("urn:uuid:6f1c2a9e-4b7d-4e21-9a3c-0d5e8b1f7a02",
     "https://lakeshoreledger.example/news/caldmouth-forum-ends",
     "2025-03-14T07:15:31Z", "warc-src/lakeshore-summit.html.in"),
    ("urn:uuid:6f1c2a9e-4b7d-4e21-9a3c-0d5e8b1f7a03",
     "https://tidewatersignal.example/regions/ostrel-breach-snowmelt",
     "2025-04-17T06:00:00Z", "warc-src/tidewater-ostrel.html.in"),
]

HTTP_DATE = {
    "2025-03-06T07:12:09Z": "Thu, 06 Mar 2025 07:12:09 GMT",
    "2025-03-14T07:15:31Z": "Fri, 14 Mar 2025 07:15:31 GMT",
    "2025-04-17T06:00:00Z": "Thu, 17 Apr 2025 06:00:00 GMT",
}


def digest(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def record(headers, block: bytes) -> bytes:
    head = "WARC/1.1\r\n"
    for k, v in headers:
        head += f"{k}: {v}\r\n"
    head += f"Content-Length: {len(block)}\r\n\r\n"
    return head.encode("utf-8") + block + b"\r\n\r\n"


def build() -> bytes:
    out = []
    info = (b"software: crossread examples/corpus/make_warc.py\r\n"
            b"format: WARC File Format 1.1\r\n"
            b"conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
            b"description: crossread demo corpus; invented outlets and events\r\n")
    out.append(record([
        ("WARC-Type", "warcinfo"),
        ("WARC-Record-ID", f"<{WARCINFO_ID}>"),
        ("WARC-Date", "2025-03-06T07:12:00Z"),
        ("WARC-Filename", "news.warc.gz"),
        ("Content-Type", "application/warc-fields"),
    ], info))
    for i, (rid, uri, date, src) in enumerate(PAGES):
        host = uri.split("/")[2]
        path = "/" + uri.split("/", 3)[3]
        if i == 0:
            req = (f"GET {path} HTTP/1.1\r\nHost: {host}\r\n"
                   f"User-Agent: crossread-demo-crawler/1.0\r\nAccept: text/html\r\n\r\n").encode("ascii")
            out.append(record([
                ("WARC-Type", "request"),
                ("WARC-Record-ID", f"<{REQUEST_ID}>"),
                ("WARC-Date", date),
                ("WARC-Target-URI", uri),
                ("WARC-Warcinfo-ID", f"<{WARCINFO_ID}>"),
                ("WARC-Concurrent-To", f"<{rid}>"),
                ("WARC-Block-Digest", digest(req)),
                ("Content-Type", "application/http; msgtype=request"),
            ], req))
        with open(os.path.join(HERE, src), "rb") as f:
            payload = f.read()
        http = (f"HTTP/1.1 200 OK\r\nDate: {HTTP_DATE[date]}\r\nServer: nginx\r\n"
                f"Content-Type: text/html; charset=utf-8\r\nContent-Length: {len(payload)}\r\n"
                f"Connection: close\r\n\r\n").encode("ascii") + payload
        out.append(record([
            ("WARC-Type", "response"),
            ("WARC-Record-ID", f"<{rid}>"),
            ("WARC-Date", date),
            ("WARC-Target-URI", uri),
            ("WARC-Warcinfo-ID", f"<{WARCINFO_ID}>"),
            ("WARC-IP-Address", "192.0.2.%d" % (10 + i)),
            ("WARC-Block-Digest", digest(http)),
            ("WARC-Payload-Digest", digest(payload)),
            ("Content-Type", "application/http; msgtype=response"),
        ], http))
    return b"".join(gzip.compress(r, compresslevel=9, mtime=0) for r in out)


if __name__ == "__main__":
    dest = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "news.warc.gz")
    data = build()
    with open(dest, "wb") as f:
        f.write(data)
    print(f"wrote {dest} ({len(data)} bytes)")
