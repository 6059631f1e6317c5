"""docs/designing-cards.md stays true: its worked example is a valid design that passes every check,
and its reference names every key of the format and every font and category word."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from cardshop.design.models import Categories, Design, FieldWording, Panel, Part, Slot
from cardshop.design.vocabulary import CATEGORY_VOCABULARY, FIELD_MAX_LENGTHS
from cardshop.render.text.fonts import family_names
from cardshop.studio.checks import check_design

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "designing-cards.md").read_text(encoding="utf-8")
FIXTURES = Path(__file__).parent / "fixtures" / "designs"


def _example() -> str:
    [block] = re.findall(r"```toml\n(format = 1\n.*?|#:schema[^\n]*\nformat = 1\n.*?)```", GUIDE, re.S)
    return block


def test_the_worked_example_is_a_valid_design():
    design = Design.model_validate(tomllib.loads(_example()))
    assert design.name == "Quiet hills"


def test_the_worked_example_passes_designs_check(tmp_path):
    folder = tmp_path / "quiet-hills"
    folder.mkdir()
    (folder / "card.toml").write_text(_example())
    # Stand-ins for the drawings: a pale sky to every edge and a small moon, clear of the text boxes.
    art = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="111mm" height="154mm" viewBox="0 0 111 154">'
        '<rect width="111" height="154" fill="#efe6df"/>'
        '<circle cx="80" cy="16" r="5" fill="#d8b98a"/></svg>'
    )
    for name in ("front.svg", "inside_left.svg", "back.svg"):
        (folder / name).write_text(art)
    assert check_design(folder) == []


def test_the_reference_lists_every_key():
    for model in (Design, Categories, FieldWording, Panel, Slot, Part):
        for key in model.model_fields:
            assert f"| `{key}` |" in GUIDE, f"{model.__name__}.{key} is missing from the reference"


def test_the_reference_lists_every_font_word_and_limit():
    for family in family_names():
        assert f'`"{family}"`' in GUIDE, family
    for words in CATEGORY_VOCABULARY.values():
        for word in words:
            assert f"`{word}`" in GUIDE, word
    for field, limit in FIELD_MAX_LENGTHS.items():
        assert re.search(rf"\| `{field}` \|[^\n]*\| {limit} \|", GUIDE), field
