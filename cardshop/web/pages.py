"""Plain pages: privacy, the printing guide, and the small things every site owes its visitors."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from flask import Blueprint, render_template
from PIL import Image

pages = Blueprint("pages", __name__)

GUIDE_PICTURES = Path(__file__).resolve().parent / "static" / "guide"


@pages.get("/privacy")
def privacy():
    return render_template("privacy.html")


@lru_cache(maxsize=1)
def _picture_sizes() -> dict[str, tuple[int, int]]:
    """Width and height of each guide picture (made by scripts/render_print_pictures.py), so the
    page can reserve their space while they load."""
    sizes = {}
    for path in sorted(GUIDE_PICTURES.glob("*.png")):
        with Image.open(path) as image:
            sizes[path.name] = image.size
    return sizes


@pages.get("/printing")
def printing():
    return render_template("printing.html", pictures=_picture_sizes())
