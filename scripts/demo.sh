#!/usr/bin/env bash
# Sets up, then runs the main job on the bundled examples: the installed credentials, a verdict
# for every example holder, the integrator's script and the nightly job over the HR export.
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
echo
# The nightly job over the bundled HR export; what a dashboard reads (the compact outcomes,
# a calendar per manager) goes to a temporary folder.
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
status=0
.venv/bin/python examples/nightly_job.py --as-of "$AS_OF" --out "$out" || status=$?
# As for check: 1 only says that some example credentials are not usable.
if [ "$status" -gt 1 ]; then
  exit "$status"
fi
