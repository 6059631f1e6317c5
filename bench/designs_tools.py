"""Timings of the designers' tools: `designs check` and `designs proof` for every shipped design.

Run from the project folder: .venv/bin/python -m bench.designs_tools. Prints seconds per design; the first
proof includes loading WeasyPrint and cutting the CJK font down, later ones reuse both.
"""

from __future__ import annotations

import time

from cardshop.design.loader import TEMPLATES_DIR
from cardshop.studio.catalogue import load_catalog
from cardshop.studio.checks import check_design
from cardshop.studio.proof import make_proof


def main() -> None:
    catalog = load_catalog(TEMPLATES_DIR)
    print(f"{'design':40} {'check s':>8} {'proof s':>8} {'proof KB':>9}")
    for slug, loaded in sorted(catalog.designs.items()):
        start = time.perf_counter()
        problems = check_design(loaded.folder)
        checked = time.perf_counter()
        pdf = make_proof(loaded.folder, loaded.design, problems=problems)
        proofed = time.perf_counter()
        print(f"{slug:40} {checked - start:8.2f} {proofed - checked:8.2f} {len(pdf) / 1024:9.0f}")


if __name__ == "__main__":
    main()
