"""Before the tests: say which service is down and how to start it, instead of 200 errors."""
import os
import socket
import sys
from urllib.parse import urlsplit

START = {
    "PostgreSQL": "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    "Redis": 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" '
    "--appendonly no",
}


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=3):
            return True
    except OSError:
        return False


def main() -> int:
    db = urlsplit(os.environ.get("DATABASE_URL", "postgres://127.0.0.1:5432/"))
    redis = urlsplit(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    down = []
    for name, parts, port in (("PostgreSQL", db, 5432), ("Redis", redis, 6379)):
        host, port = parts.hostname or "127.0.0.1", parts.port or port
        if not reachable(host, port):
            down.append(
                f"{name} is not answering on {host}:{port}. Start it with:\n    {START[name]}"
            )
    if down:
        print("The tests need real services:\n" + "\n".join(down), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
