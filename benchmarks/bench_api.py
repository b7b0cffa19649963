"""The API under load: wrk against gunicorn on this machine, beside plain Django views that
return the same rows as JSON, measured in the same run.

    .venv/bin/python benchmarks/bench_api.py [--quotes 100000] [--claims 20000] [--duration 10]

Creates a scratch PostgreSQL database (bench_api), fills it with `manage.py generate_claims`,
starts gunicorn (2 workers, DEBUG off), and drives the quote list, a filtered claim list,
search and the graph at 16 connections, then the plain views. Prints requests per second and
latency percentiles, and the API/plain throughput ratio (target >= 0.70) and the quote list's
99th percentile (target < 150 ms). Needs Debian's wrk; drops its database unless --keep.
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432"
DB = "claims_bench_api"
PYTHON = sys.executable
PORT = 8765


def _env() -> dict:
    env = dict(os.environ)
    env.update(DATABASE_URL=f"{PG}/{DB}", PYTHONPATH=f"{ROOT}:{ROOT / 'benchmarks'}",
               DJANGO_SETTINGS_MODULE="api_plain.settings", DEBUG="0",
               SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0",
               ALLOWED_HOSTS="127.0.0.1,localhost", LOG_LEVEL="WARNING",
               API_THROTTLE_USER="off", API_THROTTLE_ANON="off",
               SECRET_KEY="bench-only-" + os.urandom(16).hex())
    env.pop("CELERY_BROKER_URL", None)
    return env


def _manage(*args: str) -> str:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=_env(), check=True,
                          capture_output=True, text=True).stdout


def prepare(quotes: int, claims: int) -> str:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB}")
    _manage("migrate", "--noinput")
    started = time.monotonic()
    _manage("generate_claims", "--quotes", str(quotes), "--claims", str(claims))
    # Statistics for the planner, as autovacuum would gather them after such a load: without
    # them the speakers' prefetch alone took 36 ms a page.
    with psycopg.connect(f"{PG}/{DB}", autocommit=True) as conn:
        conn.execute("ANALYZE")
    print(f"generated {quotes} quotes, {claims} claims in {time.monotonic() - started:.0f} s "
          "(with ANALYZE)")
    _manage("assign_role", "bench-viewer", "Viewers", "--create")
    token = _manage("create_api_token", "bench-viewer").strip().split()[-1]
    return token


def serve() -> subprocess.Popen:
    gunicorn = Path(PYTHON).with_name("gunicorn")
    proc = subprocess.Popen([str(gunicorn), "tracker.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}",
                             "--log-level", "warning"], cwd=ROOT, env=_env(),
                            start_new_session=True)
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/admin/login/", timeout=2)
            return proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def wrk(path: str, token: str, duration: int) -> dict:
    out = subprocess.run(["wrk", "-t2", "-c16", f"-d{duration}s", "--latency",
                          "-H", f"Authorization: Token {token}",
                          f"http://127.0.0.1:{PORT}{path}"],
                         check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = {p: _ms(re.search(rf"\s{p}%\s+([\d.]+\w+)", out).group(1)) for p in ("50", "99")}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": lat["50"], "p99": lat["99"],
            "errors": int(errors.group(1)) if errors else 0}


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk (Debian)")
        return 2
    token = prepare(args.quotes, args.claims)
    server = serve()
    try:
        pairs = [
            ("quote list", "/api/v1/quotes/", "/plain/quotes/"),
            ("claims of a speaker", "/api/v1/claims/?speaker=1", "/plain/claims/?speaker=1"),
        ]
        others = [("search", "/api/v1/quotes/?q=sanctions"),
                  ("graph of a speaker", "/api/v1/graph/?speaker=1")]
        print(f"{'endpoint':24} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}   baseline   ratio")
        results = {}
        for name, api_path, plain_path in pairs:
            wrk(api_path, token, 2)  # warm the workers
            api, plain = wrk(api_path, token, args.duration), wrk(plain_path, token,
                                                                  args.duration)
            results[name] = (api, plain)
            print(f"{name:24} {api['rps']:8.1f} {api['p50']:8.1f} {api['p99']:8.1f}   "
                  f"{plain['rps']:8.1f}   {api['rps'] / plain['rps']:.2f}"
                  + (f"  ({api['errors']} errors)" if api["errors"] else ""))
        for name, path in others:
            got = wrk(path, token, args.duration)
            print(f"{name:24} {got['rps']:8.1f} {got['p50']:8.1f} {got['p99']:8.1f}"
                  + (f"  ({got['errors']} errors)" if got["errors"] else ""))
        api, plain = results["quote list"]
        print(f"\ntargets: quote list at >= 0.70 of the plain view: "
              f"{api['rps'] / plain['rps']:.2f}; its p99 < 150 ms: {api['p99']:.1f} ms")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
        if not args.keep:
            import psycopg

            with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
