"""Plain pages: privacy, and the small things every site owes its visitors."""

from __future__ import annotations

from flask import Blueprint, render_template

pages = Blueprint("pages", __name__)


@pages.get("/privacy")
def privacy():
    return render_template("privacy.html")
