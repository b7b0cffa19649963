"""`batch.extract_files` called twice from a process that holds a Redis and a PostgreSQL
connection: the pool's children must inherit neither (a forked child once sat blocked for
good reading a Redis socket its parent had used), and both calls must finish."""

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
# the server's maintenance database: the project's may not exist outside Django's test run
DATABASE_URL = re.sub(
    r"/[^/]*$",
    "/postgres",
    os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
)

SCRIPT = textwrap.dedent(
    """
    import os, sys
    from concurrent.futures import ProcessPoolExecutor

    import psycopg
    import redis

    from claims.extraction import batch

    def socket_inodes():
        out = set()
        for fd in os.listdir("/proc/self/fd"):
            try:
                target = os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                continue
            if target.startswith("socket:"):
                out.add(target)
        return out

    def main():
        broker = redis.Redis.from_url(sys.argv[1])
        broker.set("extraction-pool-test", "1")
        db = psycopg.connect(sys.argv[2])
        db.execute("select 1").fetchone()
        held = socket_inodes()
        assert held, "the test holds no socket"

        files = sys.argv[3:]
        for _ in range(2):
            results = list(batch.extract_files(files, jobs=2))
            assert [r.path for r in results] == files
            assert all(r.error is None for r in results), [r.error for r in results]
            speakers = {q.speaker for r in results for q in r.result.quotes}
            assert "Jane Roe" in speakers, speakers
            # the connections still work after the pool has come and gone
            assert broker.get("extraction-pool-test") == b"1"
            assert db.execute("select 1").fetchone() == (1,)

        with ProcessPoolExecutor(max_workers=1, mp_context=batch._pool_context()) as pool:
            inherited = pool.submit(socket_inodes).result(timeout=120)
        assert not held & inherited, held & inherited
        broker.delete("extraction-pool-test")
        print("ok")

    if __name__ == "__main__":
        main()
    """
)


def _reachable() -> str | None:
    try:
        import psycopg
        import redis
    except ImportError as exc:  # pragma: no cover - depends on the environment
        return f"no client library: {exc}"
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
        psycopg.connect(DATABASE_URL, connect_timeout=2).close()
    except Exception as exc:  # pragma: no cover - depends on the machine
        return f"Redis or PostgreSQL not reachable: {exc}"
    return None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/fd")
def test_pool_twice_from_a_process_holding_redis_and_postgres(tmp_path):
    why = _reachable()
    if why:
        pytest.skip(why)
    files = []
    for i in range(9):  # enough files for the pool (batch._POOL_MIN_FILES)
        path = tmp_path / f"article{i}.txt"
        path.write_text(
            f'Lakeview council met on Monday. "We will fix road {i}," Mayor Jane Roe said.\n',
            encoding="utf-8",
        )
        files.append(str(path))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    script = tmp_path / "hold_connections.py"  # a file: the pool's children import it
    script.write_text(SCRIPT, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(script), REDIS_URL, DATABASE_URL, *files],
        capture_output=True,
        text=True,
        timeout=600,  # a child blocked on an inherited socket would hang here, not forever
        cwd=ROOT,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.strip().endswith("ok")
