"""Designers see their edits without restarting: with FLASK_DEBUG=1 the app notices a changed, added
or removed design folder; a new folder dropped into card_templates/ becomes a card with no code change."""

from __future__ import annotations

import os
import shutil

from cardshop import create_app
from cardshop.web.config import load_config
from tests.conftest import post_card

SLUG = "forget-me-nots"


def _watching(templates):
    return create_app({"TESTING": True, "CARDSHOP_TEMPLATES_DIR": templates, "CARDSHOP_WATCH_DESIGNS": True})


def _touch_later(path):
    """Make sure the edit is seen as one even on file systems with coarse timestamps."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_flask_debug_turns_watching_on(monkeypatch):
    monkeypatch.delenv("CARDSHOP_WATCH_DESIGNS", raising=False)
    monkeypatch.setenv("FLASK_DEBUG", "1")
    assert load_config()["CARDSHOP_WATCH_DESIGNS"] is True
    monkeypatch.setenv("FLASK_DEBUG", "0")
    assert load_config()["CARDSHOP_WATCH_DESIGNS"] is False


def test_an_edited_card_toml_is_picked_up_without_a_restart(templates_copy):
    client = _watching(templates_copy).test_client()
    assert "Forget-me-nots" in client.get("/").get_data(as_text=True)
    toml = templates_copy / SLUG / "card.toml"
    toml.write_text(toml.read_text().replace('name = "Forget-me-nots"', 'name = "Forget-me-nots in spring"'))
    _touch_later(toml)
    assert "Forget-me-nots in spring" in client.get("/").get_data(as_text=True)
    assert "Forget-me-nots in spring" in client.get(f"/cards/{SLUG}").get_data(as_text=True)


def test_a_broken_edit_takes_the_design_out_and_the_fix_brings_it_back(templates_copy):
    client = _watching(templates_copy).test_client()
    toml = templates_copy / SLUG / "card.toml"
    good = toml.read_text()
    toml.write_text(good.replace("min_size =", "min_sise =", 1))
    _touch_later(toml)
    assert client.get(f"/cards/{SLUG}").status_code == 404
    toml.write_text(good)
    _touch_later(toml)
    assert client.get(f"/cards/{SLUG}").status_code == 200


def test_a_copied_folder_joins_the_running_gallery_and_prints(templates_copy):
    client = _watching(templates_copy).test_client()
    assert 'href="/cards/a-new-card"' not in client.get("/").get_data(as_text=True)
    shutil.copytree(templates_copy / SLUG, templates_copy / "a-new-card")
    assert 'href="/cards/a-new-card"' in client.get("/").get_data(as_text=True)
    response = post_card(client, "a-new-card", {"message": "Thinking of you.", "layout": "pro"}, action="download")
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")
    shutil.rmtree(templates_copy / "a-new-card")
    assert client.get("/cards/a-new-card").status_code == 404


def test_edited_artwork_shows_in_the_next_thumbnail(templates_copy):
    client = _watching(templates_copy).test_client()
    before = client.get(f"/cards/{SLUG}/thumbnail.jpg").data
    art = templates_copy / SLUG / "front.svg"
    art.write_text(
        art.read_text().replace("</svg>", '<rect x="0" y="0" width="111" height="60" fill="#202040"/></svg>')
    )
    _touch_later(art)
    after = client.get(f"/cards/{SLUG}/thumbnail.jpg").data
    assert before != after


def test_without_watching_the_catalogue_is_loaded_once(templates_copy):
    client = create_app(
        {"TESTING": True, "CARDSHOP_TEMPLATES_DIR": templates_copy, "CARDSHOP_WATCH_DESIGNS": False}
    ).test_client()
    client.get("/")
    shutil.copytree(templates_copy / SLUG, templates_copy / "a-new-card")
    assert 'href="/cards/a-new-card"' not in client.get("/").get_data(as_text=True)
