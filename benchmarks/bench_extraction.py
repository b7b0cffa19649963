"""Benchmark: the whole extraction against a bare ``nlp.pipe`` of the same model.

    .venv/bin/python benchmarks/bench_extraction.py [--repeat 3] [--gold DIR]

Runs over the PolNeAR dev texts (../shared/gold/polnear-dev), timing in the same process and
alternating, for each repetition: a bare ``nlp.pipe`` over the full texts with every component
of the model, then ``Extractor.extract_many`` over the same texts.  Prints both medians and
their ratio (target, issue 21: ratio <= 0.5), by the wall clock and by this process's CPU time
(``time.process_time``), and the load average: on a shared machine the CPU-time ratio is the
one to read, as the wall clock also counts the time other processes held the cores.
Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "polnear-dev"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--gold", default=str(DEFAULT_GOLD))
    ap.add_argument("--model", default=None)
    a = ap.parse_args()
    files = sorted(glob.glob(os.path.join(a.gold, "*.json")))
    if not files:
        print(f"skipped: no gold texts in {a.gold} (../shared is not here)")
        return 0
    texts = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            texts.append(json.load(fh)["text"])

    import resource

    import spacy

    from claims.extraction import Extractor, load_nlp
    from claims.extraction.model import DEFAULT_MODEL
    from claims.extraction.speaker_model import _FILE, load_speaker_model

    # The speaker model is loaded once per worker (Extractor() reads it, cached per process):
    # its load is timed here, cold, and the memory it adds measured as the rise in peak RSS.
    _FILE.forget()
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    load_speaker_model()
    speaker_load = time.perf_counter() - t0
    speaker_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0
    nlp = load_nlp(a.model)
    # The bare pass uses the model as shipped, every component on (lemmatizer included).
    bare_nlp = spacy.load(_package_of(nlp, a.model or DEFAULT_MODEL))
    extractor = Extractor(nlp)
    # warm-up: first calls pay for lazy initialisation (language model, vectors, caches)
    list(bare_nlp.pipe(texts[:3]))
    list(extractor.extract_many((t, None) for t in texts[:3]))

    # Wall-clock and this process's CPU time of each pass.  On a shared machine the wall clock
    # counts the time other processes held the cores; the CPU time does not, so its ratio is
    # the one to trust when the load average is above about 1.
    bare, ours, bare_cpu, ours_cpu = [], [], [], []
    n_quotes = 0
    for _ in range(a.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for _doc in bare_nlp.pipe(texts):
            pass
        bare.append(time.perf_counter() - t0)
        bare_cpu.append(time.process_time() - c0)
        t0, c0 = time.perf_counter(), time.process_time()
        n_quotes = sum(len(r.quotes) for r in extractor.extract_many((t, None) for t in texts))
        ours.append(time.perf_counter() - t0)
        ours_cpu.append(time.process_time() - c0)
    mb, mo = statistics.median(bare), statistics.median(ours)
    mbc, moc = statistics.median(bare_cpu), statistics.median(ours_cpu)
    chars = sum(map(len, texts))
    print(f"texts: {len(texts)} ({chars:,} characters) from {a.gold}; repetitions: {a.repeat}")
    package = _package_of(nlp, a.model or DEFAULT_MODEL)
    print(f"model: {package}; bare pipeline: {', '.join(bare_nlp.pipe_names)}")
    print(f"bare nlp.pipe      median {mb:7.2f} s  runs {', '.join(f'{x:.2f}' for x in bare)}")
    print(
        f"extraction         median {mo:7.2f} s  runs {', '.join(f'{x:.2f}' for x in ours)}"
        f"  ({n_quotes} statements)"
    )
    print(f"bare nlp.pipe CPU  median {mbc:7.2f} s  runs {', '.join(f'{x:.2f}' for x in bare_cpu)}")
    print(f"extraction CPU     median {moc:7.2f} s  runs {', '.join(f'{x:.2f}' for x in ours_cpu)}")
    print(
        f"ratio extraction / bare = {mo / mb:.3f} wall clock, {moc / mbc:.3f} process CPU time"
        "  (target <= 0.5)"
    )
    print(f"load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"speaker model: loaded in {speaker_load * 1000:.1f} ms once per worker, "
        f"peak memory +{speaker_kb / 1024:.1f} MB; worker peak memory "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (both pipelines)"
    )
    return 0


def _package_of(nlp, requested: str) -> str:
    """The installed package the extractor's pipeline came from (the requested one, or the
    official ``en_core_web_sm`` that :func:`load_nlp` falls back to)."""
    import importlib.util

    for candidate in (requested, f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '')}"):
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    return requested


if __name__ == "__main__":
    raise SystemExit(main())
