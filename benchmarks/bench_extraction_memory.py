"""Benchmark: the memory of one extraction worker, as ``batch.extract_files`` starts one.

    .venv/bin/python benchmarks/bench_extraction_memory.py [--gold DIR] [--batch 32]

In a fresh process: the resident set (RSS, from ``/proc/self/status``) and the private memory
(USS: private pages from ``/proc/self/smaps_rollup``, what a worker adds that no other process
shares) after importing the extraction package, after loading the model and building the
``Extractor`` (what a worker's initializer does), after extracting the first ``--batch``
texts of the PolNeAR dev set in one ``extract_many``, and after all of them; then the peak
RSS (``VmHWM``).  Linux only.  Not a test: the figures depend on the machine and the model.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "polnear-dev"


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _private_kb() -> int:
    total = 0
    with open("/proc/self/smaps_rollup") as f:
        for line in f:
            if line.startswith(("Private_Clean:", "Private_Dirty:")):
                total += int(line.split()[1])
    return total


def _report(label: str) -> None:
    rss, uss = _status_kb("VmRSS") / 1024, _private_kb() / 1024
    print(f"{label:44} RSS {rss:7.1f} MiB   USS {uss:7.1f} MiB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(DEFAULT_GOLD))
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--model", default=None)
    a = ap.parse_args()
    if not os.path.exists("/proc/self/smaps_rollup"):
        print("skipped: needs Linux's /proc/self/smaps_rollup")
        return 0
    files = sorted(glob.glob(os.path.join(a.gold, "*.json")))
    if not files:
        print(f"skipped: no gold texts in {a.gold} (../shared is not here)")
        return 0
    texts = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            texts.append(json.load(fh)["text"])

    _report("start (Python only)")
    from claims.extraction import batch

    _report("extraction package imported")
    extractor = batch._make_extractor(a.model, None)
    _report("model loaded, Extractor built (a worker)")
    first = texts[: a.batch]
    results = extractor.extract_many(((t, None) for t in first), chunk=a.batch)
    n = sum(len(r.quotes) for r in results)
    _report(f"after a batch of {len(first)} texts ({n} statements)")
    n = sum(len(r.quotes) for r in extractor.extract_many((t, None) for t in texts))
    _report(f"after all {len(texts)} texts ({n} statements)")
    print(f"peak RSS (VmHWM) {_status_kb('VmHWM') / 1024:.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
