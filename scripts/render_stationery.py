"""Render the site's picture of a printed card and its envelope (cardshop/web/static/pictures/), made
from our own files: a shipped design's front and its envelope, rendered by the same code the site
uses, laid on the page's paper colour with soft shadows. Run from the repository root:

    .venv/bin/python scripts/render_stationery.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from PIL import Image, ImageFilter  # noqa: E402
from render_print_pictures import pages, render, save  # noqa: E402

PICTURES = ROOT / "cardshop" / "web" / "static" / "pictures"
PAPER = "#fbf8f4"  # the page background in site.css
PX_PER_MM = 3.2


def _with_shadow(canvas: Image.Image, item: Image.Image, position: tuple[int, int], angle: float) -> None:
    """Paste `item` turned by `angle` degrees at `position`, with a soft shadow below it."""
    turned = item.convert("RGBA").rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    alpha = turned.getchannel("A")
    shadow = Image.new("RGBA", turned.size, (60, 45, 30, 0))
    shadow.putalpha(alpha.point(lambda value: value * 70 // 255).filter(ImageFilter.GaussianBlur(9)))
    x, y = position
    canvas.alpha_composite(shadow, (x + 6, y + 10))
    canvas.alpha_composite(turned, (x, y))


def card_and_envelope() -> Image.Image:
    """Forget-me-nots, A6, standing on its C6 envelope (addressed with the guide's sample address)."""
    front = pages(render("forget-me-nots", "flat", "A6"), width=round(105 * PX_PER_MM))[0]
    envelope = pages(render("forget-me-nots", "envelope", "A6"), width=round(162 * PX_PER_MM))[0]
    canvas = Image.new("RGBA", (round(envelope.width * 1.55), round(front.height * 1.12)), PAPER)
    _with_shadow(canvas, envelope, (20, canvas.height - envelope.height - 70), 4)
    _with_shadow(canvas, front, (canvas.width - front.width - 50, 14), -5)
    return canvas.convert("RGB")


def main() -> None:
    save(card_and_envelope(), PICTURES / "card-and-envelope.png")


if __name__ == "__main__":
    main()
