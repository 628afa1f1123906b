# One entry point for people and CI. Every target sets up what it needs first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VENDOR := docs/assets/vendor
# The plugin's own copy, which the wheel ships (its diagrams are drawn and served with it).
PACKAGE_VENDOR := plugins/mkdocs_playbook/vendor
MERMAID_DIST := node_modules/mermaid/dist
# ts-fsrs (the flashcards' FSRS scheduler) is one of the plugin's own browser assets: served with
# them (assets/playbook/vendor/, imported by flashcards-schedule.js) and so shipped in the wheel.
PLUGIN_VENDOR := plugins/mkdocs_playbook/assets/vendor
TS_FSRS_DIST := node_modules/ts-fsrs/dist
CHROMIUM := /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1
# Mermaid 12 and its parser need Node.js 22.12 or newer (their engines in package-lock.json, which
# .npmrc makes npm enforce). Where the machine's Node.js is older, the `nodejs` target installs
# Node.js $(NODE_VERSION) from the npm registry into $(NODE_HOME); every recipe finds it first.
NODE_MIN := 22.12.0
NODE_VERSION := 22.23.5
NODE_HOME := $(VENV)/node
export PATH := $(CURDIR)/$(NODE_HOME)/bin:$(PATH)
# site_url comes from SITE_URL (mkdocs.yml). A build left pointing at this machine says so in one
# line, printed (on stderr) while make expands its recipe, so `make -n build` shows it too; the
# recipe line itself expands to nothing.
SITE_URL_NOTICE = $(shell SITE_URL='$(SITE_URL)' $(PYTHON) tools/deploy_check.py notice >&2)
# Reproducible builds: the sitemap's dates and the Anki package's timestamps come from the last
# commit, not the clock (tests/test_quality_build.py shows nothing else depends on the date).
# Not for `make test`: the flashcards tests need unpinned builds to see edited notes get newer.
build pdf: export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)

.PHONY: setup serve build deploy-check test check lint bench pdf dist nodejs browser optional-browser java clean

setup: $(VENV)/.installed $(VENDOR)/.copied $(PACKAGE_VENDOR)/.copied .stamps/ts-fsrs

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	@# A venv made before the rename holds sd-playbook-site, whose entry point has the same name.
	$(BIN)/pip uninstall --quiet --yes sd-playbook-site 2>/dev/null || true
	rm -rf plugins/sd_playbook_site.egg-info
	touch $@

# Only when needed: a Node.js of NODE_MIN or newer on PATH (the machine's, or one installed here
# before) is used as it is. node-linux-<arch> is the npm package the `node` package installs: one
# binary, bin/node, pinned by version (a published npm version never changes).
nodejs:
	@set -e; \
	have=$$(node -p process.versions.node 2>/dev/null) || { \
	  echo "Node.js with npm is missing: install them (e.g. 'sudo apt-get install nodejs npm')" >&2; exit 1; }; \
	if [ "$$(printf '%s\n' $(NODE_MIN) "$$have" | sort -V | head -n1)" != $(NODE_MIN) ]; then \
	  [ "$$(node -p process.platform)" = linux ] || { \
	    echo "Node.js $$have is older than the $(NODE_MIN) Mermaid 12 needs: install a newer one" >&2; exit 1; }; \
	  echo "Node.js $$have is older than the $(NODE_MIN) Mermaid 12 needs: installing Node.js $(NODE_VERSION) from the npm registry into $(NODE_HOME)"; \
	  package=node-linux-$$(node -p process.arch)@$(NODE_VERSION); tmp=$$(mktemp -d); \
	  (cd "$$tmp" && npm pack --silent "$$package" >/dev/null); \
	  rm -rf $(NODE_HOME) && mkdir -p $(NODE_HOME); \
	  tar -xzf "$$tmp"/node-linux-*.tgz -C $(NODE_HOME) --strip-components=1 package/bin/node package/LICENSE; \
	  rm -rf "$$tmp"; \
	  test "$$(node -p process.versions.node)" = $(NODE_VERSION); \
	fi

node_modules/.package-lock.json: package.json package-lock.json .npmrc | nodejs
	npm ci --no-audit --no-fund
	touch $@

# Third-party browser code is never committed: copy the pinned npm build, only the files a build
# serves (the module and its chunks, 5.5 MB, no source maps) and its licence, into the docs tree
# (which the site's mermaid2 setup names) and into the plugin package (which the wheel ships).
define copy_mermaid
	rm -rf $(1)/mermaid
	mkdir -p $(1)/mermaid/chunks/mermaid.esm.min
	cp $(MERMAID_DIST)/mermaid.esm.min.mjs node_modules/mermaid/LICENSE $(1)/mermaid/
	cp $(MERMAID_DIST)/chunks/mermaid.esm.min/*.mjs $(1)/mermaid/chunks/mermaid.esm.min/
	touch $(1)/.copied
endef

$(VENDOR)/.copied: node_modules/.package-lock.json
	$(call copy_mermaid,$(VENDOR))

$(PACKAGE_VENDOR)/.copied: node_modules/.package-lock.json
	$(call copy_mermaid,$(PACKAGE_VENDOR))

# The ES module build (one file, no imports) and its licence (MIT), next to the plugin's assets,
# which the plugin serves whole: the stamp lives outside them, so the site never serves it.
.stamps/ts-fsrs: node_modules/.package-lock.json
	rm -rf $(PLUGIN_VENDOR)/ts-fsrs
	mkdir -p $(PLUGIN_VENDOR)/ts-fsrs .stamps
	cp $(TS_FSRS_DIST)/index.mjs node_modules/ts-fsrs/LICENSE $(PLUGIN_VENDOR)/ts-fsrs/
	touch $@

# Debian's Chromium draws the diagrams at build time, prints the PDFs and drives the browser
# tests (Playwright's own download cannot work here).
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is missing: run 'sudo apt-get install chromium'" >&2; exit 1; \
	  fi; \
	fi

# serve and build set Chromium up too, so a newcomer sees diagrams drawn by the build; where it
# cannot be installed they still work, and the reader's browser draws the diagrams instead.
optional-browser:
	@$(MAKE) --no-print-directory browser || \
	  echo "Chromium is not installed: diagrams will be drawn in the reader's browser instead."

# Java runs the Nu Html Checker (vnu.jar, from node_modules) in the HTML validity test.
java:
	@if ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else \
	    echo "Java is missing: run 'sudo apt-get install default-jre-headless'" >&2; exit 1; \
	  fi; \
	fi

serve: setup optional-browser
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

# The PDFs (cheat sheet on A4 and Letter, the whole playbook) need Chromium: without it the site
# is still built, just without them.
build: setup optional-browser
	$(SITE_URL_NOTICE)
	@if [ -x $(CHROMIUM) ]; then \
	  PLAYBOOK_PDF=true $(BIN)/mkdocs build --strict --site-dir site; \
	else \
	  echo "Chromium is missing ($(CHROMIUM)): building the site without its PDFs (make pdf installs it)."; \
	  PLAYBOOK_PDF=false $(BIN)/mkdocs build --strict --site-dir site; \
	fi

pdf: setup browser
	$(SITE_URL_NOTICE)
	PLAYBOOK_PDF=true $(BIN)/mkdocs build --strict --site-dir site

# A build for the web (README, Deploying): refuses a SITE_URL that is unset or this machine before
# anything is built, then builds site/ and checks no file the build wrote still points here.
deploy-check:
	@$(PYTHON) tools/deploy_check.py url
	@$(MAKE) --no-print-directory build
	@$(PYTHON) tools/deploy_check.py site site

# One worker per core of the 2-core machine: the tours wait for a readiness signal, not for a
# quiet network, so a third worker no longer fills idle time; it only adds its own browser,
# build and contention (a fresh clone: 405.6 s and 797 CPU s with two, 416.3 s and 877 with three).
# Bytecode is cached, as Python does by default and some machines' environments turn off
# (PYTHONDONTWRITEBYTECODE=1 on the 2-core machine): each worker's collection takes 3.2 CPU s
# with pytest rewriting every test module's asserts, 1.8 with them cached; and the tools and
# servers the tests start compile what they import once.
test check: export PYTHONDONTWRITEBYTECODE :=
test: setup browser java
	$(BIN)/pytest -n 2 --dist loadgroup

# The fast lane, for every save: the linters and the tests that need neither a site build nor a
# browser (the Python unit tests, and the browser code's pure modules under Node). Under a minute.
check: lint
	$(BIN)/pytest -m "not build and not browser" -q -n 2 --dist loadgroup

lint: setup
	$(BIN)/ruff check plugins tests benchmarks tools overrides
	$(BIN)/ruff format --check plugins tests benchmarks tools overrides
	$(BIN)/mypy
	node_modules/.bin/biome ci

# The wheel and the sdist of the plugin, in dist/, with the Mermaid build copied in by setup
# (setup.py refuses to build without it).
dist: setup
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	@ls -l dist

bench: setup browser
	$(BIN)/python -m benchmarks

clean:
	rm -rf site dist build $(VENDOR) $(PACKAGE_VENDOR) $(PLUGIN_VENDOR) .stamps .cache
