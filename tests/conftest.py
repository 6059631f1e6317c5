"""Shared fixtures: the app on the real designs, a client that fills in CSRF tokens like a browser,
and helpers that read text back out of rendered PDFs."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from cardshop import create_app
from cardshop.design.loader import TEMPLATES_DIR
from cardshop.studio.catalogue import load_catalog
from tests import hypothesis_profiles  # noqa: F401  (registers and loads the Hypothesis profile)
from tests.orders_support import cipher, database_url, postgres_server, store  # noqa: F401  (order-store fixtures)
from tests.smtp_support import dripping_smtp_server, slow_smtp_server, smtp_server  # noqa: F401  (real SMTP servers on loopback)

ROOT = Path(__file__).resolve().parents[1]

# The app's embedded order store (SQLite) and data key go to a folder of the test run's own, never to
# the working copy's instance/. Order tests give their own databases (tests/orders_support.py).
os.environ.setdefault("CARDSHOP_INSTANCE_DIR", tempfile.mkdtemp(prefix="cardshop-test-instance-"))


@pytest.fixture(scope="session")
def catalog():
    return load_catalog(TEMPLATES_DIR)


@pytest.fixture()
def app():
    return create_app({"TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def templates_copy(tmp_path: Path) -> Path:
    """A private copy of card_templates/ that a test may break or add to."""
    target = tmp_path / "card_templates"
    shutil.copytree(TEMPLATES_DIR, target)
    return target


def csrf_token(client, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert match, "the form has no CSRF token"
    return match.group(1)


def post_card(client, slug: str, data: dict, action: str = "preview"):
    """Post the personalise form as a browser would, CSRF token included. A download without a chosen
    layout asks for the print-shop file, as a sender who picked "Send to a print shop" would."""
    path = f"/cards/{slug}"
    form = {"csrf_token": csrf_token(client, path), "action": action, **data}
    if action == "download":
        form.setdefault("layout", "pro")
    return client.post(path, data=form)


def pdf_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def words(text: str) -> list[str]:
    return [word for word in re.split(r"\s+", text) if word]


def assert_text_in_pdf(pdf: bytes, values: dict[str, str]) -> None:
    """Every word of every value appears in the PDF's text (line breaks may fall anywhere)."""
    extracted = " ".join(words(pdf_text(pdf)))
    for name, value in values.items():
        for word in words(value):
            assert word in extracted, f"{name}: {word!r} is missing from the PDF text"
