"""The API under load: wrk against gunicorn on this machine, beside plain Django views that
return the same rows as JSON, measured in the same run.

    .venv/bin/python benchmarks/bench_api.py [--quotes 100000] [--claims 20000] [--duration 10]
        [--rounds 3] [--template DB | --reuse] [--keep] [--exact-counts]

Creates a scratch PostgreSQL database (claims_bench_api), fills it with
`manage.py generate_claims` (or copies a filled one: `--template claims_bench_admin`, the
database bench_admin.py --keep leaves, made by the same generator; `--reuse` measures a
claims_bench_api kept before with --keep), starts gunicorn (2 workers, DEBUG off), and drives
the quote list, a filtered claim list, search and the graph at 16 connections, then the plain
views, alternated for --rounds rounds. Prints the medians of requests per second and latency
percentiles, and the API/plain throughput ratio (target >= 0.70) and the quote list's 99th
percentile (target < 150 ms). Needs Debian's wrk; drops its database unless --keep.
"""
import argparse
import os
import re
import shutil
import signal
import statistics
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


def _copy(template: str) -> None:
    """CREATE DATABASE ... TEMPLATE refuses while anyone is connected to the template (its
    own benchmark may still be measuring it): wait, do not force them out."""
    import psycopg

    if not re.fullmatch(r"[a-z_][a-z0-9_]*", template):
        raise SystemExit(f"not a database name: {template!r}")
    started = time.monotonic()
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        while True:
            try:
                conn.execute(f"CREATE DATABASE {DB} TEMPLATE {template}")
                break
            except psycopg.errors.ObjectInUse:
                if time.monotonic() - started > 600:
                    raise SystemExit(f"{template} stayed in use for 10 minutes") from None
                time.sleep(2)
    print(f"copied {template} in {time.monotonic() - started:.0f} s")


def prepare(quotes: int, claims: int, template: str | None, reuse: bool) -> str:
    import psycopg

    if template:
        _copy(template)
    elif not reuse:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {DB}")
    # Also on a copy or a kept database: it may predate a migration of this checkout.
    _manage("migrate", "--noinput")
    if not template and not reuse:
        started = time.monotonic()
        _manage("generate_claims", "--quotes", str(quotes), "--claims", str(claims))
        print(f"generated {quotes} quotes, {claims} claims in "
              f"{time.monotonic() - started:.0f} s")
    if not reuse:
        # What autovacuum does after such a load (PostgreSQL 13+ vacuums after inserts too):
        # statistics for the planner (without them the speakers' prefetch alone took 36 ms a
        # page) and the visibility map, without which every COUNT(*) reads the whole table.
        # A copy has neither the source's activity counts nor, maybe, its vacuum.
        with psycopg.connect(f"{PG}/{DB}", autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
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
    # wrk gives up on a request after 2 s: those count in no percentile.
    timeouts = re.search(r"timeout (\d+)", out)
    return {"rps": rps, "p50": lat["50"], "p99": lat["99"],
            "errors": int(errors.group(1)) if errors else 0,
            "timeouts": int(timeouts.group(1)) if timeouts else 0}


def _median(runs: list[dict]) -> dict:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of each wrk run")
    parser.add_argument("--rounds", type=int, default=3,
                        help="wrk runs of each endpoint (API and plain view alternated)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--template", metavar="DB",
                        help="copy this filled database instead of generating one")
    source.add_argument("--reuse", action="store_true",
                        help=f"measure {DB} as kept by an earlier --keep")
    parser.add_argument("--keep", action="store_true", help=f"leave {DB} for --reuse")
    parser.add_argument("--exact-counts", action="store_true",
                        help="no cached counts for long lists: every page counts its rows")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk (Debian)")
        return 2
    token = prepare(args.quotes, args.claims, args.template, args.reuse)
    if args.exact_counts:
        os.environ["BENCH_EXACT_COUNTS"] = "1"  # read by api_plain/settings.py
    server = serve()
    try:
        pairs = [
            ("quote list", "/api/v1/quotes/", "/plain/quotes/"),
            ("claims of a speaker", "/api/v1/claims/?speaker=1", "/plain/claims/?speaker=1"),
        ]
        others = [("search", "/api/v1/quotes/?q=sanctions"),
                  ("graph of a speaker", "/api/v1/graph/?speaker=1")]
        print(f"{'endpoint':20} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7}   {'plain':>6} "
              f"{'p50 ms':>7} {'p99 ms':>7}   ratio (each round)")
        results = {}
        for name, api_path, plain_path in pairs + [(n, p, None) for n, p in others]:
            wrk(api_path, token, 2)  # warm the workers
            rounds = []
            # Alternated, so a neighbour's load on this shared machine falls on both sides.
            for _ in range(args.rounds):
                rounds.append((wrk(api_path, token, args.duration),
                               wrk(plain_path, token, args.duration) if plain_path else None))
            api = _median([a for a, _ in rounds])
            line = f"{name:20} {api['rps']:7.1f} {api['p50']:7.1f} {api['p99']:7.1f}"
            if plain_path:
                plain = _median([b for _, b in rounds])
                ratios = " ".join(f"{a['rps'] / b['rps']:.2f}" for a, b in rounds)
                line += (f"   {plain['rps']:6.1f} {plain['p50']:7.1f} {plain['p99']:7.1f}   "
                         f"{api['rps'] / plain['rps']:.2f} ({ratios})")
                results[name] = (api, plain)
            bad = sum(a["errors"] + a["timeouts"] for a, _ in rounds)
            print(line + (f"  ({bad} errors or timeouts)" if bad else ""))
        api, plain = results["quote list"]
        print(f"\ntargets (medians of {args.rounds} rounds of {args.duration} s): quote list at "
              f">= 0.70 of the plain view: {api['rps'] / plain['rps']:.2f}; its p99 < 150 ms: "
              f"{api['p99']:.1f} ms")
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
