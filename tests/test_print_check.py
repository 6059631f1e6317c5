"""`designs check` enforces the print rules: raster art at 300 dpi or more, art that reaches a trim
edge carries on into the bleed, text boxes 4 mm or more inside the trim, and clear of a home
printer's margin where a folded home sheet is the card (quarter-fold, and A5 on A4)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from cardshop import create_app
from cardshop.render.card import render_card
from cardshop.render.options import CardOptionError, RenderOptions
from cardshop.studio.catalogue import load_design
from cardshop.studio.checks import check_designs
from tests.print_cases import FIXTURES

SOURCE = FIXTURES / "top-fold-portrait"  # sizes A6 and 4.25 x 5.5 in


@pytest.fixture()
def design(tmp_path: Path) -> Path:
    folder = tmp_path / "a-design"
    shutil.copytree(SOURCE, folder)
    return folder


def _edit(folder: Path, old: str, new: str) -> None:
    path = folder / "card.toml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _problems(folder: Path, key: str = "") -> list[str]:
    """Problems whose key starts with `key` (the art tests swap in flat art, which the contrast rule
    may also have views on: each test looks only at the rule it is about)."""
    found = [f"{problem.key}: {problem.message}. {problem.fix}" for problem in check_designs([folder])]
    return [problem for problem in found if problem.startswith(key)]


def test_the_fixture_itself_is_fine(design):
    assert _problems(design) == []


def test_low_resolution_raster_art_is_reported_with_the_pixels_needed(design):
    Image.new("RGB", (600, 820), "#8aa2c8").save(design / "front.png")
    _edit(design, 'art = "front.svg"', 'art = "front.png"')
    problems = _problems(design, "panels.front.art")
    assert len(problems) == 1
    message = problems[0]
    assert message.startswith("panels.front.art: front.png is 600 x 820 px")
    # A6 plus 3 mm bleed is 111 x 154 mm: 820 px down is 135 dpi (and across, 137); the US size is larger.
    assert "135 dpi at A6" in message and "at 4.25x5.5" in message
    assert "print needs 300 dpi" in message
    assert "1350 x 1725 px" in message  # the larger size, 4.5 x 5.75 in, at 300 dpi


def test_raster_art_at_300_dpi_passes(design):
    Image.new("RGB", (1350, 1819), "#8aa2c8").save(design / "front.png")
    _edit(design, 'art = "front.svg"', 'art = "front.png"')
    assert _problems(design, "panels.front.art") == []


def test_art_that_stops_at_the_trim_is_reported(design):
    # Drawn to the trim only: the viewBox includes the bleed, but nothing is painted there.
    (design / "front.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="111mm" height="154mm" viewBox="0 0 111 154">'
        '<rect x="3" y="3" width="105" height="148" fill="#2e3a5c"/></svg>'
    )
    problems = _problems(design, "panels.front.art")
    assert len(problems) == 1
    assert problems[0].startswith("panels.front.art: the art stops at the trim")
    assert all(edge in problems[0] for edge in ("top", "bottom", "left", "right"))


def test_a_small_motif_that_never_reaches_the_trim_is_fine(design):
    (design / "front.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="111mm" height="154mm" viewBox="0 0 111 154">'
        '<circle cx="55" cy="77" r="20" fill="#2e3a5c"/></svg>'
    )
    assert _problems(design, "panels.front.art") == []


def test_text_closer_than_4_mm_to_the_trim_is_reported(design):
    _edit(design, "[[panels.back.slots]]\nx = 10", "[[panels.back.slots]]\nx = 2.5")
    problems = _problems(design)
    assert problems[0].startswith("panels.back.slots[0]: the box reaches into the 4 mm safe zone")
    assert "x >= 4" in problems[0]
    # At A6 the card is also a quarter-folded A4 sheet, whose edge home printers can't reach.
    assert problems[1].startswith("panels.back.slots[0]: at A6, printed at home on one folded A4 sheet")
    assert len(problems) == 2


def test_text_within_a_home_printers_margin_is_reported_for_quarter_fold_sheets(design):
    _edit(design, "[[panels.back.slots]]\nx = 10", "[[panels.back.slots]]\nx = 5")
    problems = _problems(design)
    assert len(problems) == 1
    assert problems[0].startswith("panels.back.slots[0]: at A6, printed at home on one folded A4 sheet")


def test_check_command_reports_the_print_rules_and_exits_non_zero(design):
    _edit(design, "[[panels.back.slots]]\nx = 10", "[[panels.back.slots]]\nx = 1")
    app = create_app({"TESTING": True})
    result = app.test_cli_runner().invoke(args=["designs", "check", str(design)])
    assert result.exit_code == 1
    assert str(design / "card.toml") in result.output and "panels.back.slots[0]" in result.output


def test_text_within_a_home_printers_margin_is_reported_for_folded_a4_sheets(tmp_path):
    # Measured at A5, the only size: no quarter-fold, but the card is an A4 sheet folded once, printed
    # two-sided. The inside right panel's top edge is the sheet's, on page 2.
    folder = tmp_path / "a5-only"
    shutil.copytree(FIXTURES.parent / "designs" / "good", folder)
    _edit(folder, 'sizes = ["A6", "A5"]', 'sizes = ["A5"]')
    assert _problems(folder) == []
    _edit(folder, "[[panels.inside_right.slots]]\nx = 12\ny = 14", "[[panels.inside_right.slots]]\nx = 12\ny = 5")
    assert _problems(folder) == [
        "panels.inside_right.slots[0]: at A5, printed at home on one folded A4 sheet, the text box is within "
        "6 mm of the card's edge, where home printers can't print. keep text boxes 6 mm or more from the edges"
    ]
    # Should such a design reach the gallery, the sender is told rather than sent clipped words.
    loaded, _ = load_design(folder)
    with pytest.raises(CardOptionError, match="words too close to the edge of the card for a home printer"):
        render_card(folder, loaded.design, {"message": "x"}, RenderOptions(layout="home-a4", size="A5"))
    assert render_card(folder, loaded.design, {"message": "x"}, RenderOptions(layout="pro", size="A5"))
    # 4-6 mm from the fold is fine: the printer prints there (the 4 mm safe zone still applies).
    _edit(folder, "x = 12\ny = 5", "x = 5\ny = 14")
    assert _problems(folder) == []
