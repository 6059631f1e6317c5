"""Per-design field wording (`[form.<field>]` in card.toml): a card for twins asks for "Babies' names"
with room for two names, and a wrong table is refused with its path and key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cardshop import create_app
from cardshop.design.loader import DATA_FILE, TEMPLATES_DIR
from cardshop.design.vocabulary import FIELD_LABELS, FIELD_MAX_LENGTHS
from cardshop.studio.catalogue import load_catalog, load_design
from cardshop.studio.limits import design_field_limits

GOOD = Path(__file__).parent / "fixtures" / "designs" / "good"


def _good_with(tmp_path: Path, extra: str) -> Path:
    folder = tmp_path / "good"
    shutil.copytree(GOOD, folder)
    data = folder / DATA_FILE
    text = data.read_text(encoding="utf-8")
    # tables after [categories] are fine anywhere below the top-level keys
    data.write_text(text.replace("[categories]", extra + "\n[categories]", 1), encoding="utf-8")
    return folder


def test_the_twins_card_asks_for_both_names_with_room_for_two():
    design = load_catalog(TEMPLATES_DIR).designs["two-together"].design
    assert design.field_label("baby_name") == "Babies' names"
    assert design_field_limits(design).chars["baby_name"] > FIELD_MAX_LENGTHS["baby_name"]


def test_other_cards_keep_the_usual_label_and_limit():
    design = load_catalog(TEMPLATES_DIR).designs["olive-wreath"].design
    assert design.field_label("baby_name") == FIELD_LABELS["baby_name"] == "Baby's name"
    assert design_field_limits(design).chars["baby_name"] <= FIELD_MAX_LENGTHS["baby_name"]


def test_the_form_shows_the_designs_label_and_takes_two_long_names():
    client = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False}).test_client()
    page = client.get("/cards/two-together").get_data(as_text=True)
    assert "Babies&#39; names" in page or "Babies' names" in page
    assert "Baby&#39;s name" not in page and "Baby's name" not in page
    names = "Evangeline Rose Whitaker and Maximilian James Whitaker"  # 54 characters, over the usual 40
    answer = client.post("/cards/two-together/preview.json", data={"baby_name": names, "message": "With love."})
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    assert "baby_name" not in (answer.get_json().get("errors") or {})
    other = client.post("/cards/olive-wreath/preview.json", data={"baby_name": names, "message": "With love."})
    assert "40 characters or fewer" in other.get_data(as_text=True)


@pytest.mark.parametrize(
    ("extra", "key", "words"),
    [
        ('[form.date]\nlabel = "Dates"', "form.date", "shows no `date` field"),
        ("[form.message]\nmax_length = 901", "form.message.max_length", "more than the 900 allowed"),
        ('[form.message]\nlabel = ""', "form.message.label", "at least 1 character"),
        ('[form.message]\ncolour = "blue"', "form.message.colour", "unknown key"),
        ("[form.message]\nmax_length = true", "form.message.max_length", "valid integer"),
        ('[form.message]\nlabel = "Two\\nlines"', "form.message.label", "should match pattern"),
        ('[form.nickname]\nlabel = "Nickname"', "form.nickname", "not allowed here"),
    ],
)
def test_a_wrong_form_table_is_refused_with_path_and_key(tmp_path, extra, key, words):
    folder = _good_with(tmp_path, extra)
    loaded, problems = load_design(folder)
    assert loaded is None
    assert [problem.path for problem in problems] == [folder / DATA_FILE]
    said = [str(problem) for problem in problems]
    assert len(said) == 1 and key in said[0] and words in said[0], said
