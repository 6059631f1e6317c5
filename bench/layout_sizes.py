"""File size and render time of every layout, for every design at its first size and for the
design with the largest files at every size. Run from the repository root:

    .venv/bin/python bench/layout_sizes.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cardshop.design.loader import TEMPLATES_DIR  # noqa: E402
from cardshop.render.card import render_card  # noqa: E402
from cardshop.render.options import LAYOUTS, CardOptionError, RenderOptions
from cardshop.studio.catalogue import load_catalog  # noqa: E402
from cardshop.studio.samples import TYPICAL  # noqa: E402

ADDRESS = {"address": "Sam and Alex Rivers\n12 Orchard Lane\nLittle Hadham", "return_address": "Jo Bell\nYork"}
RUNS = 5


def measure(loaded, options: RenderOptions) -> tuple[int, float] | None:
    values = {name: value for name, value in TYPICAL.items() if name in loaded.design.fields} | ADDRESS
    try:
        data = render_card(loaded.folder, loaded.design, values, options)  # warm the caches
    except CardOptionError:
        return None
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        render_card(loaded.folder, loaded.design, values, options)
        times.append(time.perf_counter() - start)
    return len(data), statistics.median(times) * 1000


def variants():
    for layout in LAYOUTS:
        yield layout, RenderOptions(layout=layout)
        if layout == "pro":
            yield "pro --crop-marks", RenderOptions(layout=layout, crop_marks=True)
        if layout == "flat":
            yield "flat (png)", RenderOptions(layout=layout, file_format="png")


def main() -> None:
    designs = sorted(load_catalog(TEMPLATES_DIR).designs.values(), key=lambda loaded: loaded.slug)
    print("design, first size: layout -> bytes, median ms")
    heaviest, most = None, 0
    for loaded in designs:
        for name, options in variants():
            result = measure(loaded, options)
            if result:
                print(f"  {loaded.slug:24} {name:18} {result[0]:>9,} B {result[1]:7.1f} ms")
                if name == "pro" and result[0] > most:
                    heaviest, most = loaded, result[0]
    print(f"\nheaviest design ({heaviest.slug}) at every size:")
    for size in heaviest.design.sizes:
        for name, options in variants():
            result = measure(heaviest, RenderOptions(**{**options.__dict__, "size": size}))
            shown = f"{result[0]:>9,} B {result[1]:7.1f} ms" if result else "   (too big for the sheet)"
            print(f"  {size:9} {name:18} {shown}")


if __name__ == "__main__":
    main()
