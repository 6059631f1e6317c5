"""cardshop: sympathy cards after pregnancy and baby loss, personalised and printed as PDF.

`flask --app cardshop run` finds `create_app` here. The import of Flask is deferred to the call so
that the floors below the web (`cardshop.design`, `cardshop.render`, `cardshop.studio`, `cardshop.words`)
import without Flask. It is the one import placed inside a function that is not of a heavy optional
library (see docs/architecture.md).
"""

from __future__ import annotations


def create_app(overrides: dict | None = None):
    """Build the Flask app; `overrides` replace configuration values (tests use this)."""
    # Lazy: Flask loads only when an app is built, not on `import cardshop.render`.
    from cardshop.web.app import build_app

    return build_app(overrides)
