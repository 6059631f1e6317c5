"""Artwork caches: render time of a card when one design is rendered again and again (warm) and when
every design in the collection is rendered in turn (cycling), with the art and press-art caches'
size at the end.

    python bench/art_cache.py               # `pro` and `--pdfx`, 5 rounds of the whole collection
    python bench/art_cache.py --rounds 10

Cycling touches every artwork file once per round: a cache smaller than the collection drops each
file before it comes round again, so every render reads and prepares its art anew. Reported: the
median render in ms for each (the first round, which fills the caches, is left out), their ratio,
and the caches' entries and estimated MB.

Timings are wall-clock on a shared machine: compare the ratios from one run, not runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cardshop.design.loader import TEMPLATES_DIR  # noqa: E402
from cardshop.render.art import artwork  # noqa: E402
from cardshop.render.card import render_card  # noqa: E402
from cardshop.render.options import RenderOptions  # noqa: E402
from cardshop.render.press import art as press_art  # noqa: E402
from cardshop.studio.catalogue import load_catalog  # noqa: E402
from cardshop.studio.samples import TYPICAL  # noqa: E402


def _render(loaded, options) -> float:
    values = {name: value for name, value in TYPICAL.items() if name in loaded.design.fields}
    start = time.perf_counter()
    render_card(loaded.folder, loaded.design, values, options)
    return (time.perf_counter() - start) * 1000


def _cache_size(cache) -> str:
    weight = getattr(cache, "bytes", None)  # entry-bounded caches (before) have no weight
    return f"{len(cache)} entries" + (f", {weight / 2**20:.1f} MB" if weight is not None else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    designs = [loaded for _, loaded in sorted(load_catalog(TEMPLATES_DIR).designs.items())]
    print(f"{len(designs)} designs")
    print("| layout | warm (one design again) | cycling (every design in turn) | ratio |")
    print("|---|---|---|---|")
    for label, options in (("pro", RenderOptions()), ("pdfx", RenderOptions(pdfx=True))):
        warm, cycling = [], []
        for round_number in range(args.rounds + 1):
            for loaded in designs:
                took = [_render(loaded, options), _render(loaded, options)]  # cycling, then warm
                if round_number:
                    cycling.append(took[0])
                    warm.append(took[1])
        w, c = statistics.median(warm), statistics.median(cycling)
        print(f"| {label} | {w:.2f} ms | {c:.2f} ms | {c / w:.2f}x |")
    print(f"art cache: {_cache_size(artwork._cache)}; press art cache: {_cache_size(press_art._cache)}")


if __name__ == "__main__":
    main()
