"""Times trafilatura's extract() on the extraction benchmark pages (one process).

Usage: traf_time.py DATA_DIR REPEATS
After one untimed warm-up pass over all pages, times REPEATS passes.
Prints one line: pages seconds pages_per_second
"""
import gzip
import os
import sys
import time

import trafilatura


def main():
    data, repeats = sys.argv[1], int(sys.argv[2])
    html_dir = os.path.join(data, "html")
    pages = []
    for name in sorted(os.listdir(html_dir)):
        if name.endswith(".html.gz"):
            with gzip.open(os.path.join(html_dir, name), "rb") as f:
                pages.append(f.read().decode("utf-8", errors="replace"))
    # Warm-up: one untimed pass over every page (imports, compiled patterns,
    # lazily built tables), so the timed passes measure steady-state work.
    for html in pages:
        trafilatura.extract(html, include_comments=False)
    t0 = time.perf_counter()
    for _ in range(repeats):
        for html in pages:
            trafilatura.extract(html, include_comments=False)
    dt = time.perf_counter() - t0
    n = len(pages) * repeats
    print(f"{n} {dt:.4f} {n / dt:.2f}")


if __name__ == "__main__":
    main()
