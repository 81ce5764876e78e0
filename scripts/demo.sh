#!/usr/bin/env bash
# Sets up, then runs the main job on the bundled examples: the installed credentials, a verdict
# for every example holder, and the integrator's script.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

AS_OF=2026-11-25  # the date the examples were written for
.venv/bin/recertlib credentials
echo
status=0
.venv/bin/recertlib check examples/holders/*.json --as-of "$AS_OF" || status=$?
# 1 only says that some example credentials are not usable, which is what several show.
if [ "$status" -gt 1 ]; then
  exit "$status"
fi
echo
.venv/bin/python examples/integrate.py
