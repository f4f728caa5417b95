"""Runs htmldate (extensive search, original date) on the labelled pages.

Usage: htmldate_eval.py LABELS.tsv HTML_DIR OUT.tsv
Prints one line: "pages seconds tp fp fn" (seconds: htmldate's calls only, one
thread, each page's raw bytes, the URL from the labels passed as for crossread).
Writes each page's answer to OUT.tsv.
"""
import sys
import time

from htmldate import find_date


def main():
    labels, root, out = sys.argv[1:4]
    rows = []
    with open(labels, encoding="utf-8") as f:
        next(f)
        for line in f:
            sub, path, gold, url = line.rstrip("\n").split("\t")[:4]
            with open(f"{root}/{path}", "rb") as h:
                rows.append((sub, path, gold, url, h.read()))
    tp = fp = fn = 0
    answers = []
    start = time.perf_counter()
    for sub, path, gold, url, html in rows:
        try:
            got = find_date(html, url=url, original_date=True, extensive_search=True)
        except Exception:  # htmldate may raise on odd pages; count as no answer
            got = None
        answers.append((sub, path, gold, got))
    secs = time.perf_counter() - start
    with open(out, "w", encoding="utf-8") as f:
        for sub, path, gold, got in answers:
            if got is None:
                fn += 1
            elif got == gold:
                tp += 1
            else:
                fp += 1
            f.write(f"{sub}\t{path}\t{gold}\t{got or '-'}\n")
    print(len(rows), f"{secs:.3f}", tp, fp, fn)


if __name__ == "__main__":
    main()
