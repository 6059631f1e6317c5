"""Print-batch benchmark: a batch of 1,000 orders through the three documents of a print batch.

    python bench/print_batch.py              # 1,000 orders, 3 runs; prints a table
    python bench/print_batch.py --orders 200 --runs 1 --json out.json

Measured side by side in one process, medians of the runs (seconds):
1. `press_sheets_pdf`: fitting every card once, the imposed SRA3 sheets (both sides) and every card's
   press file (`pro-pages` with crop marks), one PDF/X-4 file in CMYK; the target is under 20 s for
   1,000 orders;
2. the same in RGB (`pdfx=False`, the proof, and what the batch was before it was press-grade);
3. the same 1,000 cards rendered one by one with `render_card` (`pro`), what the batch is compared to;
4. `envelopes_pdf` (PDF/X-4) and `dispatch_list_pdf` (WeasyPrint) for the same batch.

The orders cycle through the shipped designs, mostly A6 with some A5 and 5 x 7 in, each with the
typical message. Timings are wall-clock on a shared machine: compare the ratios from one run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cardshop.design.loader import TEMPLATES_DIR  # noqa: E402
from cardshop.orders.print_batch import dispatch_list_pdf, envelopes_pdf, press_sheets_pdf  # noqa: E402
from cardshop.render.card import render_card  # noqa: E402
from cardshop.render.options import RenderOptions  # noqa: E402
from cardshop.studio.catalogue import load_catalog  # noqa: E402
from tests.batch_items import batch_items  # noqa: E402

SIZES = ("A6", "A6", "A6", "A5", "A6", "A6", "5x7", "A6")  # a plausible mix: three in four are A6


CPU: dict[str, list[float]] = {}  # process CPU seconds of each figure, beside its wall-clock seconds


def timed(function, name: str) -> tuple[float, object]:
    start, cpu = time.perf_counter(), time.process_time()
    result = function()
    CPU.setdefault(name, []).append(time.process_time() - cpu)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    items = batch_items(load_catalog(TEMPLATES_DIR), args.orders, SIZES)
    press_sheets_pdf(items[:8], batch_reference="warm-up")  # fonts and artwork prepared once, as in a worker
    figures: dict[str, list[float]] = {
        "press": [],
        "press RGB": [],
        "pro x N": [],
        "envelopes": [],
        "dispatch list": [],
    }
    sizes: dict[str, int] = {}
    for _ in range(args.runs):
        seconds, pdf = timed(lambda: press_sheets_pdf(items, batch_reference="B-BENCH-0001"), "press")
        figures["press"].append(seconds)
        sizes["press"] = len(pdf)
        seconds, pdf = timed(lambda: press_sheets_pdf(items, batch_reference="B-BENCH-0001", pdfx=False), "press RGB")
        figures["press RGB"].append(seconds)
        sizes["press RGB"] = len(pdf)
        seconds, _ = timed(
            lambda: [render_card(i.folder, i.design, i.values, RenderOptions(size=i.size)) for i in items], "pro x N"
        )
        figures["pro x N"].append(seconds)
        seconds, pdf = timed(lambda: envelopes_pdf(items), "envelopes")
        figures["envelopes"].append(seconds)
        sizes["envelopes"] = len(pdf)
        seconds, pdf = timed(lambda: dispatch_list_pdf("B-BENCH-0001", items, datetime.now(UTC)), "dispatch list")
        figures["dispatch list"].append(seconds)
        sizes["dispatch list"] = len(pdf)

    medians = {name: statistics.median(values) for name, values in figures.items()}
    cpu = {name: statistics.median(values) for name, values in CPU.items()}
    print(f"{args.orders} orders, {args.runs} runs: median wall-clock s (all runs), median CPU s of this process")
    for name, values in figures.items():
        size = f"{sizes[name] / 1e6:7.1f} MB" if name in sizes else ""
        runs = ", ".join(f"{v:.2f}" for v in values)
        print(f"  {name:<14} {medians[name]:7.2f} s  ({runs})  cpu {cpu[name]:6.2f} s {size}")
    for other in ("press RGB", "pro x N"):
        wall, spent = medians["press"] / medians[other], cpu["press"] / cpu[other]
        print(f"  press / {other}: {wall:.2f} wall, {spent:.2f} cpu")
    if args.json:
        report = {"orders": args.orders, "wall": figures, "cpu": CPU, "bytes": sizes}
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
