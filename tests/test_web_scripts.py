"""The personalise form in every script: the page says its language, text inputs take their
direction from what is typed, and a card in Arabic or Japanese previews and downloads."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cardshop.design.loader import TEMPLATES_DIR
from cardshop.render.card import render_card
from cardshop.studio.catalogue import load_catalog
from tests.conftest import pdf_text, post_card

CATALOG = load_catalog(TEMPLATES_DIR)
SLUGS = sorted(CATALOG.designs)
ROOT = Path(__file__).resolve().parents[1]


class _Fields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.html_lang = None
        self.text_inputs: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if tag == "textarea" or (tag == "input" and attributes.get("type", "text") == "text"):
            self.text_inputs.append(attributes)


@pytest.mark.parametrize("slug", SLUGS)
def test_page_has_a_language_and_text_inputs_follow_the_typed_direction(client, slug):
    fields = _Fields()
    fields.feed(client.get(f"/cards/{slug}").get_data(as_text=True))
    assert fields.html_lang == "en"
    assert fields.text_inputs, "the form has text inputs"
    for attributes in fields.text_inputs:
        assert attributes.get("dir") == "auto", attributes.get("name")


def test_arabic_and_japanese_cards_preview_and_download(client):
    slug = next(slug for slug in SLUGS if "baby_name" in CATALOG.designs[slug].design.fields)
    values = {"baby_name": "نور", "message": "心からお悔やみ申し上げます。いつもそばにいます。"}
    preview = post_card(client, slug, values)
    assert preview.status_code == 200
    assert re.search(r'src="data:image/(png|jpeg);base64,', preview.get_data(as_text=True))
    download = post_card(client, slug, values, action="download")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    text = re.sub(r"\s+", "", pdf_text(download.data))  # a line may end inside the sentence
    for word in ("نور", "心からお悔やみ申し上げます", "いつもそばにいます"):
        assert word in text


def _mixed_card(slug: str) -> bytes:
    loaded = CATALOG.designs[slug]
    values = {"baby_name": "אנניה · अनन्या", "message": "سلام. 我们想念你们。 Σοφία 👨\u200d👩\u200d👧"}
    return render_card(loaded.folder, loaded.design, {k: v for k, v in values.items() if k in loaded.design.fields})


def test_cards_rendered_at_the_same_time_are_identical():
    serial = [_mixed_card(slug) for slug in SLUGS[:4]]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(_mixed_card, SLUGS[:4] * 3))
    assert parallel == serial * 3


def test_output_does_not_depend_on_what_the_process_rendered_before():
    # Shaped glyphs get internal codes in the order they are first met; none of them may reach the
    # PDF, so a fresh process gives the same bytes as this one, which has rendered much else.
    here = hashlib.sha256(_mixed_card(SLUGS[0])).hexdigest()
    code = (
        "import hashlib, sys; sys.path.insert(0, '.');"
        "from tests.test_web_scripts import _mixed_card, SLUGS;"
        "print(hashlib.sha256(_mixed_card(SLUGS[0])).hexdigest())"
    )
    fresh = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert fresh.stdout.strip() == here
