#!/usr/bin/env bash
# Sets up, then runs every check: ruff, mypy strict on the library and the plugins, the
# documentation built with warnings as errors, and the whole test suite (which runs every
# example of the docs and reads the built site in headless chromium). Any failure fails the
# run; so does a test run that collects no test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/install-browser.sh

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy src plugins/*/src examples/recertlib-amt/src
.venv/bin/lint-imports
rm -rf docs/_build/html
.venv/bin/python -m sphinx -b html -W --keep-going -q docs docs/_build/html
# The tests read this fresh build rather than build the site again.
RECERTLIB_DOCS_HTML=docs/_build/html .venv/bin/python -m pytest
