#!/usr/bin/env bash
# Install cardshop into .venv and run it on its embedded defaults at http://127.0.0.1:5000
# (no database or other service needed). Pass --production to serve with gunicorn instead.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
if [ "${1:-}" = "--production" ]; then
  export CARDSHOP_ENV=production
  # --preload builds the app once in the master: every worker (and any worker started to replace one
  # that died) shares its settings, so a CSRF token made by one worker is accepted by the others even
  # when CARDSHOP_SECRET_KEY is not set.
  exec .venv/bin/gunicorn --preload --workers "${WORKERS:-2}" --bind "${BIND:-127.0.0.1:8000}" "cardshop:create_app()"
fi
exec .venv/bin/flask --app cardshop run "$@"
