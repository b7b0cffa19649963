"""The SQLite quick start (`make run` with nothing set) must serve every page too. These tests
run only in `make test`'s SQLite pass (TESTS_ON_SQLITE=1 with DATABASE_URL=sqlite://...); on
PostgreSQL they are skipped with that reason."""
import pytest
from django.db import connection


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason="runs in `make test`'s SQLite pass (TESTS_ON_SQLITE=1)")
    for item in items:
        if "tests/sqlite/" in str(item.fspath) and connection.vendor != "sqlite":
            item.add_marker(skip)
