"""The SQLite quick start's server for the contract test, run as its own process
(`python tests/api/sqlite_quickstart_server.py 127.0.0.1:PORT`): Django's runserver, as `make
run` serves, except that no host name outside this machine is resolved (the URL imports the
contract test generates name hosts on the internet, which tests never reach; they fail as any
unreachable host does)."""
import os
import socket
import sys
from pathlib import Path

_real_getaddrinfo = socket.getaddrinfo


def _local_names_only(host, *args, **kwargs):
    if host not in ("localhost", "127.0.0.1", "::1"):
        raise socket.gaierror(socket.EAI_NONAME, "tests resolve no outside name")
    return _real_getaddrinfo(host, *args, **kwargs)


if __name__ == "__main__":
    socket.getaddrinfo = _local_names_only
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["manage.py", "runserver", "--noreload", sys.argv[1]])
