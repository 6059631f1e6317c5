"""Plain pages: privacy, what to write, the printing guide, and the small things every site owes its visitors."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from flask import Blueprint, jsonify, render_template
from PIL import Image

from cardshop.words.kindness import rules_as_json

pages = Blueprint("pages", __name__)

GUIDE_PICTURES = Path(__file__).resolve().parent / "static" / "guide"


@pages.get("/privacy")
def privacy():
    return render_template("privacy.html")


@pages.get("/what-to-write")
def what_to_write():
    return render_template("what_to_write.html")


@pages.get("/kindness-rules.json")
def kindness_rules():
    """The kindness rules for the live check on the personalise page (the same for everyone)."""
    response = jsonify(rules_as_json())
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


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
