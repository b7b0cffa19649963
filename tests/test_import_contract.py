"""The floors of docs/architecture.md, held by import-linter (pyproject.toml): `make test` fails
on a wrong import as `make lint` and CI do."""
import subprocess
import sys
from pathlib import Path

import pytest

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
ROOT = Path(__file__).resolve().parent.parent


def test_every_floor_imports_only_from_the_floors_below():
    if not LINT_IMPORTS.exists():
        pytest.fail(f"{LINT_IMPORTS} is missing: import-linter is in requirements-dev.txt")
    done = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


@pytest.mark.parametrize("floor", ["claims.services", "claims.selectors"])
def test_no_module_of_a_floor_imports_itself_round_a_cycle(floor):
    # Issue 20 broke services/claims.py -> grouping.py -> relations.py -> claims.py; a cycle
    # within a floor (imports inside functions count too) is what kept it hidden.
    import grimp

    graph = grimp.build_graph("claims", cache_dir=None)
    modules = sorted(m for m in graph.modules if m.startswith(floor + "."))
    cycles = [(a, b) for i, a in enumerate(modules) for b in modules[i + 1:]
              if graph.find_shortest_chain(importer=a, imported=b)
              and graph.find_shortest_chain(importer=b, imported=a)]
    assert cycles == []
