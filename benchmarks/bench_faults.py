"""The API under load while its Redis (the cache holding the throttle counts) is killed and
started again: every request answered, none lost.

    .venv/bin/python benchmarks/bench_faults.py [--quotes 10000] [--duration 30] [--clients 4]
        [--keep]

Creates a scratch PostgreSQL database (claims_bench_faults) filled by `manage.py
generate_claims`, starts a redis-server of its own on a free port (never the shared one) and
gunicorn (2 workers, DEBUG off, throttles on at 100,000/hour so every request is counted in
Redis), then runs --clients threads for --duration seconds, each alternating reads (the quote
list, a quote) and writes (confirming a quote) as an analyst. Redis is killed (SIGKILL) at a
third of the run and started again at two thirds. Prints, per phase, requests answered by
status and the median and 99th percentile latency; exits 1 if any request failed.
"""
import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432"
DB = "claims_bench_faults"
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env(redis_port: int) -> dict:
    out = dict(os.environ)
    out.update(DATABASE_URL=f"{PG}/{DB}", DJANGO_SETTINGS_MODULE="tracker.settings", DEBUG="0",
               SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0",
               ALLOWED_HOSTS="127.0.0.1,localhost", LOG_LEVEL="WARNING",
               CACHE_URL=f"redis://127.0.0.1:{redis_port}/0",
               API_THROTTLE_USER="100000/hour", API_THROTTLE_ANON="100000/hour",
               SECRET_KEY="bench-only-" + os.urandom(16).hex())
    out.pop("CELERY_BROKER_URL", None)
    return out


def manage(environ: dict, *args: str) -> str:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=environ, check=True,
                          capture_output=True, text=True).stdout


def start_redis(port: int) -> subprocess.Popen:
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                             "--save", "", "--appendonly", "no"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.05)
    raise SystemExit("redis-server did not start")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quotes", type=int, default=10000)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    import psycopg

    redis_port, web_port = free_port(), free_port()
    environ = env(redis_port)
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB}")
        conn.execute(f"CREATE DATABASE {DB}")
    redis = start_redis(redis_port)
    web = None
    try:
        manage(environ, "migrate", "--noinput")
        manage(environ, "generate_claims", "--quotes", str(args.quotes),
               "--claims", str(args.quotes // 5))
        token = manage(environ, "shell", "-c", (
            "from django.contrib.auth.models import User, Group\n"
            "from claims.api.auth import api_token_issue\n"
            "u = User.objects.create_user('bench-analyst')\n"
            "u.groups.add(Group.objects.get(name='Analysts'))\n"
            "print(api_token_issue(username='bench-analyst')[0].key)")).strip().splitlines()[-1]
        quote_ids = [int(x) for x in manage(environ, "shell", "-c", (
            "from claims.models import Quote\n"
            "print(' '.join(map(str, Quote.objects.values_list('pk', flat=True)[:2000])))"
        )).strip().splitlines()[-1].split()]
        web = subprocess.Popen(
            [str(Path(PYTHON).with_name("gunicorn")), "tracker.wsgi", "-w", "2", "-b",
             f"127.0.0.1:{web_port}", "--log-level", "warning"],
            cwd=ROOT, env=environ, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{web_port}"
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/api/schema/", timeout=2)
                break
            except (OSError, urllib.error.URLError):
                time.sleep(0.1)

        started = time.monotonic()
        phase_of = ("before", "redis killed", "redis back")
        results: list[tuple[str, str, int, float]] = []
        lock = threading.Lock()

        def phase() -> str:
            return phase_of[min(int((time.monotonic() - started) / (args.duration / 3)), 2)]

        def client(seed: int) -> None:
            rng = random.Random(seed)
            headers = {"Authorization": f"Token {token}"}
            n = 0
            while time.monotonic() - started < args.duration:
                n += 1
                pk = rng.choice(quote_ids)
                if n % 3 == 0:
                    kind, req = "write", urllib.request.Request(
                        f"{base}/api/v1/quotes/{pk}/confirm/", method="POST", headers=headers)
                elif n % 3 == 1:
                    kind, req = "read", urllib.request.Request(
                        f"{base}/api/v1/quotes/?page_size=20", headers=headers)
                else:
                    kind, req = "read", urllib.request.Request(
                        f"{base}/api/v1/quotes/{pk}/", headers=headers)
                at, t0 = phase(), time.monotonic()
                try:
                    with urllib.request.urlopen(req, timeout=30) as response:
                        response.read()
                        status = response.status
                except urllib.error.HTTPError as exc:
                    status = exc.code
                except OSError:
                    status = 0  # no answer at all
                with lock:
                    results.append((at, kind, status, time.monotonic() - t0))

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        for t in threads:
            t.start()
        time.sleep(args.duration / 3)
        redis.send_signal(signal.SIGKILL)
        redis.wait()
        time.sleep(args.duration / 3)
        redis = start_redis(redis_port)
        for t in threads:
            t.join()

        failed = 0
        print(f"{args.clients} clients, {args.duration:g} s, {args.quotes} quotes; Redis "
              f"killed at {args.duration / 3:g} s and started again at "
              f"{2 * args.duration / 3:g} s")
        for name in phase_of:
            rows = [r for r in results if r[0] == name]
            codes = Counter(f"{kind} {status}" for _, kind, status, _ in rows)
            times = sorted(r[3] * 1000 for r in rows)
            p99 = times[min(len(times) - 1, int(len(times) * 0.99))] if times else 0
            failed += sum(n for key, n in codes.items() if not key.endswith(" 200"))
            print(f"  {name:13} {len(rows):5} requests  {dict(sorted(codes.items()))}  "
                  f"median {statistics.median(times) if times else 0:.0f} ms, "
                  f"p99 {p99:.0f} ms")
        print(f"failed: {failed}")
        return 1 if failed else 0
    finally:
        if web is not None:
            web.send_signal(signal.SIGTERM)
            web.wait()
        if redis.poll() is None:
            redis.send_signal(signal.SIGKILL)
            redis.wait()
        if not args.keep:
            with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())
