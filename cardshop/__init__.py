"""cardshop: sympathy cards after pregnancy and baby loss, personalised and printed as PDF.

`flask --app cardshop run` finds `create_app` here. The import of Flask is deferred to the call so
that the render core (`cardshop.render`, `cardshop.catalog`) can be used without Flask.
"""

from __future__ import annotations


def create_app(overrides: dict | None = None):
    """Build the Flask app; `overrides` replace configuration values (tests use this)."""
    from cardshop.web.app import build_app

    return build_app(overrides)
