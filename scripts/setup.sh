#!/usr/bin/env bash
# Creates .venv beside this repository (once) and installs recertlib, its shipped plugins
# and the test tools into it, editable, so that the plugins are found through their real
# entry points. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  "${PYTHON:-python3}" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check \
  -e ".[test,docs,ics,progress,fast,dask]" -e plugins/recertlib-aama -e plugins/recertlib-nha \
  -e plugins/recertlib-nremt -e plugins/recertlib-nccpa -e plugins/recertlib-ca-brn
