# municipal_gis — one Makefile for setup, tests, the demo, packaging, benchmarks and tooling.
SHELL := /bin/bash
PY := .venv/bin/python
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
PLUGIN := municipal_gis
QGIS_PROFILE_DIR ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default
export QT_QPA_PLATFORM ?= offscreen
export PGSERVICEFILE ?= $(CURDIR)/.pg_service.conf
# the test database (several checkouts on one machine each set their own)
export MUNICIPAL_TEST_DB ?= municipal_test
# Debian's pyproj in a venv looks for PROJ's data under the venv's prefix: point it at the system's
export PROJ_DATA ?= $(if $(wildcard /usr/share/proj/proj.db),/usr/share/proj)
# extra pytest arguments, e.g. PYTEST_ARGS="-m 'not desktop'"
PYTEST_ARGS ?=

.PHONY: layouts setup test test-fast test-versions test-trixie test-forky demo package install uninstall i18n algorithm-docs i18n-missing styles bench bench-setup lint clean

setup:
	bash scripts/setup.sh

i18n: setup
	$(PY) scripts/i18n.py build

i18n-missing:
	$(PY) scripts/i18n.py missing

styles: setup
	$(PY) scripts/make_styles.py

# The layout templates built by code (resources/layouts/funding_proposal.qpt); tests check they are current.
layouts: setup
	$(PY) scripts/make_layouts.py

# Everything CI runs: installs QGIS, the venvs (.venv, and .venv-bench for the benchmark peers whose quick
# modes run as tests) and PostgreSQL/PostGIS as needed, then all tests.
test: i18n bench-setup
	bash scripts/postgis.sh $(MUNICIPAL_TEST_DB)
	$(PY) -m pytest -q $(PYTEST_ARGS)

# The headless suite on the other supported QGIS releases, each in a Debian root built from Debian's
# packages by scripts/roots.sh and cached in /var/cache/municipal_gis/roots (needs root):
# trixie = Debian 13, QGIS 3.40; forky = Debian testing, QGIS 3.44.
test-versions: test-trixie test-forky

test-trixie:
	bash scripts/roots.sh test trixie

test-forky:
	bash scripts/roots.sh test forky

test-fast: i18n
	$(PY) -m pytest -q -m "not desktop and not postgis and not slow"

# The main job on the embedded default: sample municipality in a GeoPackage, checked, with a
# styled QGIS project and a PDF overview map in output/sample/.
demo: i18n
	$(PY) scripts/demo.py --output output/sample $(DEMO_ARGS)

# The algorithm reference in docs/algorithms/ (Help button of each algorithm); tests check it is current.
algorithm-docs: i18n
	$(PY) scripts/algorithm_docs.py

package: i18n
	rm -rf build/package && mkdir -p build/package/$(PLUGIN) dist
	cp -r $(PLUGIN)/. build/package/$(PLUGIN)/
	cp metadata.txt LICENSE build/package/$(PLUGIN)/
	cp -r resources build/package/$(PLUGIN)/resources
	mkdir -p build/package/$(PLUGIN)/docs && cp -r docs/algorithms build/package/$(PLUGIN)/docs/algorithms
	find build/package -name '__pycache__' -prune -exec rm -rf {} +
	rm -f build/package/$(PLUGIN)/resources/i18n/el/*.ts~
	cd build/package && rm -f ../../dist/$(PLUGIN)-$(VERSION).zip && \
		$(CURDIR)/$(PY) -c "import shutil; shutil.make_archive('../../dist/$(PLUGIN)-$(VERSION)', 'zip', '.', '$(PLUGIN)')"
	@echo dist/$(PLUGIN)-$(VERSION).zip

# Development install for the current user's default profile: a plugin folder of links into
# this checkout (metadata.txt and resources/ included), enabled for the desktop and qgis_process.
install: i18n
	bash scripts/dev_install.sh "$(QGIS_PROFILE_DIR)/python/plugins"
	qgis_process.bin plugins enable $(PLUGIN) >/dev/null 2>&1 || true
	@echo "qgis_process.bin run municipal_gis:<algorithm> -- NAME=value ... now works for $$USER"

uninstall:
	rm -rf $(QGIS_PROFILE_DIR)/python/plugins/$(PLUGIN)

bench-setup: setup
	bash scripts/bench_setup.sh

# Benchmarks, side by side with their peers in one run; results in bench/results/*.json.
bench: bench-setup i18n
	mkdir -p bench/results
	set -e; for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script $(BENCH_ARGS); done

lint: setup
	$(PY) -m ruff check $(PLUGIN) tests scripts bench

clean:
	rm -rf build dist output .pytest_cache resources/i18n/*.qm
