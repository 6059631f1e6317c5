"""One broken design never takes the site down (hardening II, item 4): each hostile design in
tests/fixtures/hostile_designs/ (and a FIFO, made here) is refused when it loads, with its path and
key, while the gallery and every other card keep working."""

from __future__ import annotations

import logging
import os
import re
import shutil
import threading
import tomllib
from html import unescape
from pathlib import Path

import pytest

from cardshop import create_app
from cardshop.design.datafile import MAX_TOML_DEPTH, loads_toml
from cardshop.design.loader import DATA_FILE
from cardshop.design.paths import NotRegularFile, printable, read_regular_file
from cardshop.studio.catalogue import load_catalog, load_design

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = FIXTURES / "hostile_designs"
GOOD = FIXTURES / "designs" / "good"

# fixture -> (the key its problem names, words the problem says)
CASES = {
    "absurd-number": ("panels.front.slots[0].width", "less than or equal to 500"),
    "infinite-number": ("panels.front.slots[0].size", "finite number"),
    "not-a-number": ("panels.front.slots[0].x", "finite number"),
    "deep-toml": ("(file)", f"nested more than {MAX_TOML_DEPTH} deep"),
    "fixed-text-too-long": ("panels.front.slots[0]", "fixed text does not fit"),
    "fixed-text-unprintable": ("panels.front.slots[0]", "U+10000"),
    "svg-infinite-size": ("panels.front.art", "'width' of <svg>"),
    "svg-absurd-coordinate": ("panels.front.art", "'cx' of <circle>"),
    "svg-absurd-transform": ("panels.front.art", "'transform' of <circle>"),
    "svg-nan-number": ("panels.front.art", "not a finite number"),
    "svg-image-fragment": ("panels.front.art", "<image> points inside the SVG"),
    "truncated-png": ("panels.front.art", "truncated or corrupt"),
    "truncated-jpeg": ("panels.front.art", "truncated or corrupt"),
    "corrupt-png": ("panels.front.art", "truncated or corrupt"),
}


def test_every_hostile_fixture_has_a_case():
    assert sorted(path.name for path in HOSTILE.iterdir() if path.is_dir()) == sorted(CASES)


def _site(tmp_path: Path, hostile: str) -> Path:
    """A catalogue of two designs: the good one and the hostile one."""
    root = tmp_path / "card_templates"
    shutil.copytree(GOOD, root / "good")
    if hostile in CASES:
        shutil.copytree(HOSTILE / hostile, root / hostile)
    return root


def _fifo_design(root: Path, name: str, which: str) -> None:
    """A design whose card.toml, or whose artwork, is a FIFO: opening it to read would wait forever."""
    shutil.copytree(GOOD, root / name)
    target = root / name / (DATA_FILE if which == "card.toml" else "front.svg")
    target.unlink()
    os.mkfifo(target)


def _answers_within(seconds: float, work):
    """Run `work` in a thread and return its result; fail if it blocks (a FIFO opened for reading)."""
    result: dict = {}
    thread = threading.Thread(target=lambda: result.setdefault("value", work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "blocked"
    return result["value"]


def _assert_site_survives(root: Path, hostile: str, key: str, words: str) -> None:
    catalog = _answers_within(30, lambda: load_catalog(root))
    assert hostile not in catalog.designs and "good" in catalog.designs
    problems = [problem for problem in catalog.problems if problem.path == root / hostile / DATA_FILE]
    assert [problem.key for problem in problems] == [key], [str(problem) for problem in catalog.problems]
    assert words in problems[0].message
    client = create_app({"TESTING": True, "CARDSHOP_TEMPLATES_DIR": root}).test_client()
    gallery = _answers_within(60, lambda: client.get("/"))
    assert gallery.status_code == 200 and "/cards/good" in gallery.get_data(as_text=True)
    assert f"/cards/{hostile}" not in gallery.get_data(as_text=True)
    assert client.get("/cards/good").status_code == 200
    assert client.get(f"/cards/{hostile}").status_code == 404


@pytest.mark.parametrize("hostile", sorted(CASES))
def test_hostile_design_is_refused_with_path_and_key_and_the_site_keeps_working(tmp_path, hostile):
    key, words = CASES[hostile]
    _assert_site_survives(_site(tmp_path, hostile), hostile, key, words)


@pytest.mark.parametrize("which, key", [("card.toml", "(file)"), ("artwork", "panels.front.art")])
def test_a_fifo_in_a_design_never_blocks_a_worker(tmp_path, which, key):
    root = _site(tmp_path, "")
    _fifo_design(root, "fifo", which)
    _assert_site_survives(root, "fifo", key, "not" if which == "card.toml" else "")
    with pytest.raises(NotRegularFile):
        read_regular_file(root / "fifo" / (DATA_FILE if which == "card.toml" else "front.svg"), 1000)


def test_designs_check_names_the_file_and_key_of_a_hostile_design(tmp_path):
    app = create_app({"TESTING": True, "CARDSHOP_TEMPLATES_DIR": _site(tmp_path, "svg-absurd-transform")})
    folder = tmp_path / "card_templates" / "svg-absurd-transform"
    result = app.test_cli_runner().invoke(args=["designs", "check", str(folder)])
    assert result.exit_code == 1
    assert f"{folder / DATA_FILE}: panels.front.art:" in result.output and "transform" in result.output


def test_a_design_that_breaks_after_loading_is_left_out_and_logged_once(tmp_path, caplog):
    """Art that passed the load checks and then fails to draw (edited in place, say): the gallery
    leaves that design out and the log says which file, with its name escaped."""
    root = _site(tmp_path, "")
    name = "bad\nname\x1b[31m"
    shutil.copytree(GOOD, root / name)
    app = create_app({"TESTING": True, "CARDSHOP_TEMPLATES_DIR": root})
    app.extensions["cardshop_catalog"].get()  # loaded while the art is still fine
    (root / name / "front.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g>')
    client = app.test_client()
    with caplog.at_level(logging.ERROR, logger="cardshop.designs"):
        gallery = client.get("/")
        # The gallery page renders nothing; the browser then asks for each thumbnail, as here.
        pictures = re.findall(r'src="(/cards/[^"]+/thumbnail[^"]*)"', gallery.get_data(as_text=True))
        answers = sorted(client.get(unescape(src)).status_code for src in pictures)
        again = client.get("/")
    assert gallery.status_code == again.status_code == 200
    assert answers == [200, 404]  # the good design's picture, and the broken one's kind 404
    assert "/cards/good" in again.get_data(as_text=True)
    assert again.get_data(as_text=True).count("/thumbnail") == 1  # the broken design is left out now
    assert client.get("/cards/good").status_code == 200
    lines = [record.getMessage() for record in caplog.records if record.name == "cardshop.designs"]
    assert len(lines) == 1 and "design left out" in lines[0]
    assert "\n" not in lines[0] and "\x1b" not in lines[0] and printable(name) in lines[0]


def test_deeply_nested_toml_is_refused_without_recursion_anywhere():
    for text in ("a = " + "[" * 5000 + "]" * 5000, "a = " + "{b = " * 3000 + "1" + "}" * 3000, "a." * 5000 + "b = 1"):
        with pytest.raises(tomllib.TOMLDecodeError, match="nested more than"):
            loads_toml(text)
    assert loads_toml('a = [[1, 2], { b = "[[[[" }] # [[[[') == {"a": [[1, 2], {"b": "[[[["}]}


def test_load_checks_keep_the_shipped_collection(catalog):
    """The checks at load pass every shipped design, so none disappears from the gallery."""
    assert catalog.problems == [] and len(catalog.designs) >= 16
    assert all(load_design(loaded.folder)[0] is not None for loaded in catalog.designs.values())
