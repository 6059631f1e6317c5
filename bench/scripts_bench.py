"""Render time with fallback fonts in play against Latin-only text, on the same design.

For each design, renders alternate: the Latin entry of tests/data/scripts_corpus.toml, then an
entry in another script (cycling through all of them), then a card mixing several scripts in one
message. Shaping and paragraph caches are cleared before every render, as a new sender's text would miss them;
fonts, artwork and the ICU data stay loaded, as in a running server. Prints medians and ratios.
Times are CPU time of this process (time.process_time): on a machine shared with other work, wall
time mostly measures the neighbours.

    .venv/bin/python bench/scripts_bench.py [--rounds 20] [--design SLUG]

A timing, not a test: it asserts nothing, and the numbers depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cardshop.design.loader import TEMPLATES_DIR  # noqa: E402
from cardshop.render.card import render_card  # noqa: E402
from cardshop.render.text import fitting, shaping  # noqa: E402
from cardshop.studio.catalogue import load_catalog  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "scripts_corpus.toml"
MIXED = {
    "recipient": "Dear Sam and 美咲",
    "baby_name": "نور · अनन्या",
    "message": "I am so sorry. 我们一直在想念你们。 אנחנו חושבים עלייך באהבה. "
    "I have been thinking of you both every day 🕯",
    "signoff": "With love",
    "sender": "Jo and Σοφία",
}


def _timed(loaded, values: dict[str, str]) -> float:
    shaping.shape.cache_clear()
    fitting._prepare.cache_clear()
    start = time.process_time()
    render_card(loaded.folder, loaded.design, values)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="renders of each kind per design")
    parser.add_argument("--design", help="only this design (slug)")
    args = parser.parse_args()

    entries = tomllib.loads(CORPUS.read_text(encoding="utf-8"))["entry"]
    latin = next(entry for entry in entries if entry["script"] == "Latin")
    others = [entry for entry in entries if entry["script"] != "Latin"]
    designs = sorted(load_catalog(TEMPLATES_DIR).designs.values(), key=lambda loaded: loaded.slug)
    if args.design:
        designs = [loaded for loaded in designs if loaded.slug == args.design]

    print(f"{'design':24} {'Latin ms':>9} {'scripts ms':>11} {'ratio':>6} {'mixed ms':>9} {'ratio':>6}")
    for loaded in designs:

        def shown(values: dict[str, str], loaded=loaded) -> dict[str, str]:
            return {name: value for name, value in values.items() if name in loaded.design.fields}

        for values in (latin, *others, MIXED):  # warm up: fonts registered, art cached, ICU loaded
            render_card(loaded.folder, loaded.design, shown(values))
        times: dict[str, list[float]] = {"latin": [], "scripts": [], "mixed": []}
        for round_number in range(args.rounds):
            times["latin"].append(_timed(loaded, shown(latin)))
            times["scripts"].append(_timed(loaded, shown(others[round_number % len(others)])))
            times["mixed"].append(_timed(loaded, shown(MIXED)))
        medians = {kind: statistics.median(values) * 1000 for kind, values in times.items()}
        print(
            f"{loaded.slug:24} {medians['latin']:9.1f} {medians['scripts']:11.1f} "
            f"{medians['scripts'] / medians['latin']:6.2f} {medians['mixed']:9.1f} "
            f"{medians['mixed'] / medians['latin']:6.2f}"
        )


if __name__ == "__main__":
    main()
