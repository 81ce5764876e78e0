#!/usr/bin/env bash
# Installs Debian's chromium, which the documentation's browser tests read the built site with,
# unless a chromium is already there. Needs root or password-less sudo; without either it says
# so and leaves the browser tests to skip (or, with CI set, to fail).
set -euo pipefail

if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "install-browser: cannot install chromium (not root, no sudo); browser tests will not run" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
