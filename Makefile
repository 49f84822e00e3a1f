# The README's two commands: `make serve` and `make test`. Both set up .venv/ on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Material prints a banner about MkDocs 2.0 on every build; the project already plans for it (README).
export NO_MKDOCS_2_WARNING := 1

# Browser tests drive Debian's Chromium through Playwright; no browser is ever downloaded.
CHROMIUM := /usr/bin/chromium
# The analyzer's JavaScript half runs its golden cases under node.
NODE := $(shell command -v node 2>/dev/null || echo /usr/bin/node)
NPM := $(shell command -v npm 2>/dev/null || echo /usr/bin/npm)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Course PDFs: WeasyPrint needs Pango; the handouts embed DejaVu Serif, which covers the Vietnamese alphabet.
PDF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core

# npm packages (package-lock.json): fflate, copied into the site for the planner's Word file; axe-core and
# TypeScript for the tests. Installed from the registry by `make`, never fetched by a page.
NPM_STAMP := node_modules/.installed

.PHONY: serve test lint typecheck jscheck check unit build clean pdf-deps

# setuptools says, for information only, that the editable install maps plugins/ and search/ into sotay.* with an
# import finder (pyproject.toml's package-dir): that one notice is silenced; anything else it says still shows.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(NPM_STAMP): package.json package-lock.json | $(NODE) $(NPM)
	$(NPM) ci --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

serve: $(STAMP) $(NPM_STAMP) pdf-deps
	$(BIN)/sotay serve --dev-addr 127.0.0.1:8000

build: $(STAMP) $(NPM_STAMP)
	$(BIN)/sotay build

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/python tools/typecheck.py

check: $(STAMP)
	$(BIN)/sotay check

# Browser JavaScript: every file starts with // @ts-check and TypeScript checks it (no output is written).
jscheck: $(NPM_STAMP)
	node_modules/.bin/tsc -p tsconfig.json

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

$(NODE):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs

$(NPM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm

# The tests open `sotay zim` files in kiwix-serve, the Kiwix server for a local network; installed only when missing.
KIWIX_SERVE := /usr/bin/kiwix-serve
$(KIWIX_SERVE):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq kiwix-tools

# Installs only what is missing, so a ready machine never runs apt.
pdf-deps:
	@missing=$$(for p in $(PDF_DEBS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	  grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

unit: $(STAMP) $(NPM_STAMP) $(CHROMIUM) $(NODE) $(KIWIX_SERVE) pdf-deps
	$(BIN)/python -m pytest

test: lint typecheck jscheck check unit

clean:
	rm -rf build site .pytest_cache .mypy_cache .ruff_cache node_modules
