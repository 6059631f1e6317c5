"""Print how the collection covers each kind of loss, occasion and recipient, as Markdown tables:

    .venv/bin/python scripts/collection_coverage.py

Rows are occasions, columns kinds of loss; each cell is the number of designs tagged with both. A
last table counts designs per recipient within each occasion. Tags are read through the loader, as
the gallery reads them.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cardshop.design.loader import TEMPLATES_DIR  # noqa: E402
from cardshop.design.vocabulary import LOSS, OCCASION, RECIPIENT  # noqa: E402
from cardshop.studio.catalogue import load_catalog  # noqa: E402


def table(designs, columns: dict[str, str], column_key: str) -> list[str]:
    head = ["occasion", *columns.values(), "designs"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for occasion, label in OCCASION.items():
        tagged = [d for d in designs if occasion in d.categories.occasion]
        cells = [str(sum(column in getattr(d.categories, column_key) for d in tagged)) for column in columns]
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {len(tagged)} |")
    totals = [str(sum(column in getattr(d.categories, column_key) for d in designs)) for column in columns]
    lines.append("| **all occasions** | " + " | ".join(totals) + f" | {len(designs)} |")
    return lines


def main() -> int:
    designs = [loaded.design for loaded in load_catalog(TEMPLATES_DIR).designs.values()]
    print(f"{len(designs)} designs.\n\nLoss by occasion:\n")
    print("\n".join(table(designs, LOSS, "loss")))
    print("\nRecipient by occasion:\n")
    print("\n".join(table(designs, RECIPIENT, "recipient")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
