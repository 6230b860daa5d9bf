# Consilience: `make demo` sets up and cross-checks the shipped example; `make test` sets up and runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup browser postgres demo test test-fast bench serve clean

setup: $(STAMP)

# torch first, pinned: the CPU build lies on disk; an unpinned torch would pull CUDA wheels.
$(STAMP): pyproject.toml web-assets/package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/python -c "from consilience.annotate.gazetteer import load_gazetteer; load_gazetteer()"
	$(BIN)/python -m consilience.stories.onnx_minilm --build
	cd web-assets && npm ci --ignore-scripts --no-audit --no-fund && node build.mjs
	touch $(STAMP)

demo: setup
	mkdir -p out
	$(BIN)/consilience analyze examples/hama --format html --out out/demo.html --quiet
	$(BIN)/consilience analyze examples/hama --format markdown --out out/demo.md --quiet
	$(BIN)/consilience analyze examples/hama --format table
	@echo "Stored in consilience.db; HTML report: out/demo.html; Markdown: out/demo.md"

# The browser tests drive Debian's Chromium (never a downloaded browser).
browser:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver)

# The PostgreSQL store tests start (and stop) their own throwaway cluster from Debian's binaries.
# create_main_cluster = false: installing must not create or start a system cluster.
postgres:
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-common && \
	   sed -ri 's/^#?\s*create_main_cluster\s*=.*$$/create_main_cluster = false/' /etc/postgresql-common/createcluster.conf && \
	   DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql)

test: setup browser postgres
	$(BIN)/pytest -m "slow or not slow" -q

test-fast: setup
	$(BIN)/pytest -q

serve: setup
	$(BIN)/consilience serve

bench: setup
	$(BIN)/python -m consilience.bench throughput --corpus demo --copies 50 --runs 3

clean:
	rm -rf $(VENV) out consilience.db consilience.db-wal consilience.db-shm
