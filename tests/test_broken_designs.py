"""A broken design is reported with its file and key, and the other designs keep working."""

from __future__ import annotations

import shutil

from cardshop import create_app
from cardshop.studio.catalogue import load_catalog


def _break(templates, slug: str, old: str, new: str):
    path = templates / slug / "card.toml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return path


def _first_slug(templates) -> str:
    return sorted(load_catalog(templates).designs)[0]


def test_check_reports_path_and_key_and_exits_non_zero(templates_copy):
    slug = _first_slug(templates_copy)
    path = _break(templates_copy, slug, "min_size =", "min_sise =")
    app = create_app({"TESTING": True, "CARDSHOP_TEMPLATES_DIR": templates_copy})
    # The broken design's folder alone: the whole collection's check is the test below.
    result = app.test_cli_runner().invoke(args=["designs", "check", str(path.parent)])
    assert result.exit_code == 1
    assert str(path) in result.output
    assert "min_sise" in result.output and "did you mean `min_size`" in result.output


def test_check_passes_on_the_shipped_collection(app):
    result = app.test_cli_runner().invoke(args=["designs", "check"])
    assert result.exit_code == 0, result.output


def test_app_serves_the_other_designs(templates_copy):
    slugs = sorted(load_catalog(templates_copy).designs)
    broken, healthy = slugs[0], slugs[1]
    _break(templates_copy, broken, 'name = "', 'name = 42 #"')
    client = create_app({"TESTING": True, "CARDSHOP_TEMPLATES_DIR": templates_copy}).test_client()
    gallery = client.get("/").get_data(as_text=True)
    assert f'href="/cards/{healthy}"' in gallery
    assert f'href="/cards/{broken}"' not in gallery
    assert client.get(f"/cards/{healthy}").status_code == 200
    assert client.get(f"/cards/{broken}").status_code == 404


def test_missing_artwork_is_reported(templates_copy):
    slug = _first_slug(templates_copy)
    loaded = load_catalog(templates_copy).designs[slug]
    art = next(panel.art for _, panel in loaded.design.panels.items() if panel.art)
    (templates_copy / slug / art).unlink()
    catalog = load_catalog(templates_copy)
    assert slug not in catalog.designs
    assert any(art in problem.message and problem.key.endswith(".art") for problem in catalog.problems)


def test_copying_a_design_folder_adds_it_to_the_gallery(templates_copy):
    slug = _first_slug(templates_copy)
    shutil.copytree(templates_copy / slug, templates_copy / "a-new-card")
    client = create_app({"TESTING": True, "CARDSHOP_TEMPLATES_DIR": templates_copy}).test_client()
    assert 'href="/cards/a-new-card"' in client.get("/").get_data(as_text=True)
