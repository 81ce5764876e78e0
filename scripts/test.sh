#!/usr/bin/env bash
# Sets up, then runs every check: ruff, mypy strict on the library and its plugins, and the
# whole test suite. Any failure fails the run; so does a test run that collects no test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy src plugins/recertlib-aama/src plugins/recertlib-nha/src
.venv/bin/python -m pytest
