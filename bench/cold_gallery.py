"""The gallery on a cold worker: the first request of a fresh process, then later ones.

Each trial starts a new Python process (as a fresh gunicorn worker would be), builds the app, and
times the first GET / and then ten more, in process with Flask's test client. Also times the first
thumbnail, which is rendered on demand and then cached. Prints medians over the trials.

    .venv/bin/python bench/cold_gallery.py [--trials 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

TRIAL = """
import json, time
t0 = time.perf_counter()
from cardshop import create_app
app = create_app({"TESTING": True})
client = app.test_client()
built = time.perf_counter()
first = client.get("/")
assert first.status_code == 200
t1 = time.perf_counter()
later = []
for _ in range(10):
    t = time.perf_counter()
    assert client.get("/?loss=stillbirth").status_code == 200
    later.append(time.perf_counter() - t)
t = time.perf_counter()
assert client.get("/cards/forget-me-nots/thumbnail.jpg").status_code == 200
thumb = time.perf_counter() - t
print(json.dumps({"build": built - t0, "first": t1 - built, "later": sorted(later)[5], "thumb": thumb}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description="Gallery request times on a cold worker")
    parser.add_argument("--trials", type=int, default=5)
    args = parser.parse_args()
    runs = []
    for _ in range(args.trials):
        out = subprocess.run([sys.executable, "-c", TRIAL], cwd=ROOT, capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    for key, label in [
        ("build", "import and build the app"),
        ("first", "first GET / of the worker"),
        ("later", "later GET / (median of 10)"),
        ("thumb", "first thumbnail"),
    ]:
        values = [run[key] * 1000 for run in runs]
        spread = f"min {min(values):.0f}, max {max(values):.0f}, n={len(values)}"
        print(f"{label}: median {statistics.median(values):.0f} ms ({spread})")


if __name__ == "__main__":
    main()
