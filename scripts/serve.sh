#!/usr/bin/env bash
# Install cardshop into .venv and run it on its embedded defaults at http://127.0.0.1:5000
# (no database or other service needed). Pass --production to serve for people instead: nginx in
# front of gunicorn (scripts/production.py), listening on BIND (default 127.0.0.1:8000).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
if [ "${1:-}" = "--production" ]; then
  export CARDSHOP_ENV=production
  exec .venv/bin/python scripts/production.py --bind "${BIND:-127.0.0.1:8000}" --workers "${WORKERS:-2}"
fi
exec .venv/bin/flask --app cardshop run "$@"
