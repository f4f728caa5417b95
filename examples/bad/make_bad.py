#!/usr/bin/env python3
"""Write crossread's bad-input cases into a directory given as argument.

Never writes into the repository: pass a scratch directory, e.g.
    python3 examples/bad/make_bad.py /tmp/crossread-bad

Deterministic: fixed random seed, fixed gzip mtime, fixed contents.
The directory is created if missing; existing files of the same names are replaced.

Cases (what each file is; see examples/corpus/EXPECTED.md, "Bad inputs"):
  good.txt             a valid short article: must still be stored beside the bad ones
  empty.txt            0 bytes
  binary.html          4 KiB of random bytes with NULs
  misencoded.html      declares utf-8, body bytes are Latin-1 (é as 0xE9, £ as 0xA3)
  truncated.warc.gz    a valid 2-record WARC (record-at-a-time gzip) cut in half: the first
                       record (urn:uuid:00000000-0000-4000-8000-0000000000b0) is whole, the
                       second member (...0b1) ends mid-stream
  truncated.txt.gz     a gzip of a text article cut in half
  malformed.jsonl      3 good rows, one line of broken JSON, a row without "id",
                       a row with neither "text" nor "html"; lines 1, 2, 6 are good
  dir/loop -> ..       a symlink loop (walking it with symlinks followed never ends)
  unreadable.txt       chmod 000 (root can still read it, hence also:)
  dangling.txt -> does-not-exist.txt   a dangling symlink
  deep.html            100,000 nested <div> elements around one sentence
"""
import gzip
import json
import os
import random
import sys


def write(path, data: bytes):
    if os.path.lexists(path):
        if os.path.isdir(path) and not os.path.islink(path):
            raise SystemExit(f"refusing to replace directory {path}")
        os.chmod(path, 0o644) if not os.path.islink(path) else None
        os.remove(path)
    with open(path, "wb") as f:
        f.write(data)


def symlink(target, path):
    if os.path.lexists(path):
        os.remove(path)
    os.symlink(target, path)


GOOD_TEXT = (
    "Ferry service resumes on Lake Orsa\n\n"
    "The ferry between Orsa Point and Millbrook resumed service on Monday after a two-week "
    "pause for repairs to the landing stage, the operator said.\n\n"
    "The first crossing left at 7 a.m. with 40 passengers and 12 cars on board.\n"
)


def warc_record(headers, block: bytes) -> bytes:
    head = "WARC/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
    head += f"Content-Length: {len(block)}\r\n\r\n"
    return head.encode() + block + b"\r\n\r\n"


def small_warc() -> bytes:
    recs = []
    for i in range(2):
        html = (f"<html><head><meta charset=\"utf-8\"><title>Lake Orsa notice {i}</title></head>"
                f"<body><article><p>{'Notice number %d about the Lake Orsa ferry timetable. ' % i * 30}</p>"
                f"</article></body></html>").encode()
        http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                + f"Content-Length: {len(html)}\r\n\r\n".encode() + html)
        recs.append(warc_record([
            ("WARC-Type", "response"),
            ("WARC-Record-ID", f"<urn:uuid:00000000-0000-4000-8000-0000000000b{i}>"),
            ("WARC-Date", "2025-05-01T00:00:00Z"),
            ("WARC-Target-URI", f"https://orsaferry.example/notice/{i}"),
            ("Content-Type", "application/http; msgtype=response"),
        ], http))
    return [gzip.compress(r, compresslevel=9, mtime=0) for r in recs]


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: make_bad.py OUTPUT_DIR")
    out = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    if os.path.abspath(out).startswith(repo + os.sep) or os.path.abspath(out) == repo:
        raise SystemExit(f"refusing to write bad inputs inside the repository ({repo})")
    os.makedirs(out, exist_ok=True)
    p = lambda name: os.path.join(out, name)

    write(p("good.txt"), GOOD_TEXT.encode())
    write(p("empty.txt"), b"")

    rng = random.Random(20250301)
    blob = bytearray(rng.getrandbits(8) for _ in range(4096))
    for i in range(0, 4096, 97):
        blob[i] = 0
    write(p("binary.html"), bytes(blob))

    mis = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Caf\u00e9 prices rise</title></head>"
           "<body><article><h1>Caf\u00e9 prices rise</h1><p>A coffee at the Caf\u00e9 du Lac now costs "
           "\u00a33.20, up from \u00a32.90 last year, the owner, Ren\u00e9e Lascaux, said.</p></article>"
           "</body></html>")
    write(p("misencoded.html"), mis.encode("latin-1"))

    # First record complete, second gzip member cut in its middle: a crawl that died mid-write.
    first, second = small_warc()
    write(p("truncated.warc.gz"), first + second[: len(second) // 2])

    gz = gzip.compress((GOOD_TEXT * 20).encode(), compresslevel=9, mtime=0)
    write(p("truncated.txt.gz"), gz[: len(gz) // 2])

    rows = [
        json.dumps({"id": "bad-good-1", "outlet": "Orsa Gazette", "date": "2025-05-01",
                    "title": "Ferry resumes", "text": "The Lake Orsa ferry resumed service on Monday."}),
        json.dumps({"id": "bad-good-2", "outlet": "Orsa Gazette", "date": "2025-05-02",
                    "title": "Ferry timetable", "html": "<html><body><p>The summer timetable starts in June.</p></body></html>"}),
        '{"id": "bad-broken", "text": "this line is not valid JSON", ',
        json.dumps({"outlet": "Orsa Gazette", "title": "No id here", "text": "A row without an id."}),
        json.dumps({"id": "bad-no-body", "outlet": "Orsa Gazette", "title": "Neither text nor html"}),
        json.dumps({"id": "bad-good-3", "outlet": "Orsa Gazette", "date": "2025-05-03",
                    "title": "Ferry fares", "text": "Fares on the Lake Orsa ferry stay unchanged this summer."}),
    ]
    write(p("malformed.jsonl"), ("\n".join(rows) + "\n").encode())

    os.makedirs(p("dir"), exist_ok=True)
    symlink("..", p("dir/loop"))

    write(p("unreadable.txt"), GOOD_TEXT.replace("Monday", "Tuesday").encode())
    os.chmod(p("unreadable.txt"), 0o000)
    symlink("does-not-exist.txt", p("dangling.txt"))

    n = 100_000
    write(p("deep.html"), (b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Deep</title></head><body>"
                           + b"<div>" * n + b"<p>A sentence buried under one hundred thousand divs.</p>"
                           + b"</div>" * n + b"</body></html>"))
    print(f"wrote bad inputs into {out}")


if __name__ == "__main__":
    main()
