#!/usr/bin/env bash
# Install everything the tests need (system packages too, when missing) and run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: poppler-utils for pdftoppm, Chromium for the browser tests, Node.js to run the
# browser's copy of the kindness rules, Pango for WeasyPrint (designers' proof sheets),
# libharfbuzz-subset0 for its fast font subsetting, Ghostscript to render every press file (PDF/X-4),
# nginx for the production proxy's tests, and PostgreSQL's server for the order tests (each run
# starts a throwaway cluster of its own on a unix socket and stops it).
missing=()
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v gs >/dev/null 2>&1 || missing+=(ghostscript)
ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || missing+=(libharfbuzz-subset0)
ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
.venv/bin/ruff check .
.venv/bin/ruff format --check .
if [ $# -gt 0 ]; then
  exec .venv/bin/python -m pytest -q "$@"
fi
# The browser tests mostly wait (on Chromium, on a person's typing speed) and the rest mostly compute,
# so on a machine with two cores the two halves run side by side; the browser half's report follows.
browser_log=$(mktemp)
trap 'rm -f "$browser_log"' EXIT
.venv/bin/python -m pytest -q tests/browser >"$browser_log" 2>&1 &
browser=$!
status=0
.venv/bin/python -m pytest -q --ignore=tests/browser || status=$?
wait "$browser" || status=$?
echo "Browser tests (tests/browser):"
cat "$browser_log"
exit "$status"
