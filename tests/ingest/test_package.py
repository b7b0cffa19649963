"""The ingest package is the ground floor: it must not pull in Django."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_ingest_does_not_import_django():
    code = ("import sys; from claims.ingest import *; import claims.ingest as i; "
            "[getattr(i, n) for n in i.__all__]; print('django' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert out.stdout.strip() == "False"


def test_public_names_are_exported():
    import claims.ingest as ingest

    for name in ingest.__all__:
        assert hasattr(ingest, name), name


def test_light_names_do_not_load_trafilatura():
    code = ("import sys; from claims.ingest import canonicalize_url, content_hash, ItemError; "
            "print('trafilatura' in sys.modules, 'feedparser' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert out.stdout.strip() == "False False"


def test_every_public_name_is_in_all():
    import claims.ingest as ingest

    assert set(ingest._LAZY) == set(ingest.__all__)
