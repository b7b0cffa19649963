"""The ingest package is the ground floor: it must not pull in Django."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_ingest_does_not_import_django():
    code = ("import sys, claims.ingest, claims.ingest.feeds, claims.ingest.files; "
            "print('django' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert out.stdout.strip() == "False"


def test_public_names_are_exported():
    import claims.ingest as ingest

    for name in ingest.__all__:
        assert hasattr(ingest, name), name
