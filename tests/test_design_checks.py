"""`designs check`: each rule is caught by a fixture design that breaks only that rule, with file, key
and a plain fix; the control fixture and the shipped collection pass."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cardshop.studio.catalogue import load_design
from cardshop.studio.checks import check_design, contrast_ratio, hex_rgb, percentile_contrast

FIXTURES = Path(__file__).parent / "fixtures" / "designs"

# fixture -> (the key every problem names, words the message must contain, words the fix must contain)
RULES = {
    "unknown-key": ("panels.front.slots[0].colour", ["unknown key"], ["did you mean `color`"]),
    "missing-art": ("panels.front.art", ["front.svg", "missing"], ["add it"]),
    "low-dpi-raster": ("panels.front.art", ["1320 x 1830 px", "at A5", "300 dpi"], ["1819 x 2552 px"]),
    "slot-outside-panel": ("panels.front.slots[0]", ["outside its panel", "12 mm past the right edge"], ["x >= 4"]),
    "slot-in-safe-zone": ("panels.front.slots[0]", ["4 mm safe zone", "2 mm from the left edge"], ["x >= 4"]),
    "unknown-font": ("panels.front.slots[0].font", ["'Garamond'", "not in fonts/"], ["did you mean 'EB Garamond'"]),
    "slot-too-small": (
        "panels.inside_right.slots[0]",
        ["does not fit at min_size 9 pt", "`message`"],
        ["wider or taller", "min_size"],
    ),
    "low-contrast": ("panels.front.slots[0].color", ["#cfc8bb", "contrast", "4.5:1"], ["#"]),
    "art-short-of-bleed": ("panels.front.art", ["the art stops at the trim", "top", "right", "bottom"], ["bleed"]),
}


def test_the_control_fixture_passes():
    assert check_design(FIXTURES / "good") == []


def test_every_fixture_is_covered():
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) == sorted([*RULES, "good"])


@pytest.mark.parametrize("fixture", sorted(RULES))
def test_each_fixture_breaks_exactly_its_rule(fixture):
    key, message_words, fix_words = RULES[fixture]
    problems = check_design(FIXTURES / fixture)
    assert problems, f"{fixture}: nothing reported"
    for problem in problems:
        assert problem.path == FIXTURES / fixture / "card.toml"
        assert problem.key == key, str(problem)
        assert problem.fix, f"{problem} has no fix"
    text = " ".join(f"{p.message} {p.fix}" for p in problems)
    for word in [*message_words, *fix_words]:
        assert word in text, f"{fixture}: {word!r} missing from {text!r}"


@pytest.mark.parametrize("fixture", sorted(RULES))
def test_the_command_exits_non_zero_naming_file_key_and_fix(app, fixture):
    key = RULES[fixture][0]
    result = app.test_cli_runner().invoke(args=["designs", "check", str(FIXTURES / fixture)])
    assert result.exit_code == 1
    assert str(FIXTURES / fixture / "card.toml") in result.output
    assert f": {key}: " in result.output and "Fix: " in result.output


def test_the_command_passes_on_the_control_fixture(app):
    result = app.test_cli_runner().invoke(args=["designs", "check", str(FIXTURES / "good")])
    assert result.exit_code == 0, result.output


def test_every_problem_is_reported_at_once(tmp_path):
    folder = tmp_path / "two-problems"
    shutil.copytree(FIXTURES / "good", folder)
    toml = folder / "card.toml"
    text = toml.read_text().replace('color = "#3b3833"', 'color = "#dcd6cb"').replace("x = 14", "x = 1.5")
    toml.write_text(text)
    problems = check_design(folder)
    keys = sorted(problem.key for problem in problems)
    assert keys == ["panels.front.slots[0]", "panels.front.slots[0].color"]


def test_dpi_is_judged_at_every_size():
    [problem] = check_design(FIXTURES / "low-dpi-raster")
    assert "at A5" in problem.message and "at A6" not in problem.message  # 302 dpi at A6, 215 at A5


def test_safe_zone_is_checked_after_scaling_to_each_size(tmp_path):
    # With A5 first, boxes are measured at A5 and shrink by 148/210 at A6: a box 4.5 mm from the
    # top at A5 is 3.2 mm from it at A6.
    folder = tmp_path / "scaled"
    shutil.copytree(FIXTURES / "good", folder)
    toml = folder / "card.toml"
    text = toml.read_text().replace('sizes = ["A6", "A5"]', 'sizes = ["A5", "A6"]')
    toml.write_text(text.replace("y = 100", "y = 4.5"))
    problems = [problem for problem in check_design(folder) if problem.key == "panels.front.slots[0]"]
    safe_zone, home = problems
    assert "at A6 it is 3.2 mm from the top edge" in safe_zone.message
    assert "at A5" not in safe_zone.message
    # At A5 the card is an A4 sheet folded once, and 4.5 mm is inside a home printer's 6 mm margin.
    assert home.message.startswith("at A5, printed at home on one folded A4 sheet")


def test_a_choice_with_a_typo_gets_a_guess(tmp_path):
    folder = tmp_path / "typo"
    shutil.copytree(FIXTURES / "good", folder)
    toml = folder / "card.toml"
    toml.write_text(toml.read_text().replace('align = "center"', 'align = "centre"', 1))
    loaded, problems = load_design(folder)
    assert loaded is None
    [problem] = problems
    assert problem.key == "panels.front.slots[0].align"
    assert problem.fix == "did you mean 'center'?"


def test_unreadable_svg_is_reported_with_its_key(tmp_path):
    folder = tmp_path / "bad-svg"
    shutil.copytree(FIXTURES / "good", folder)
    (folder / "front.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><image href="/etc/passwd"/></svg>')
    problems = check_design(folder)
    assert [problem.key for problem in problems] == ["panels.front.art"]
    assert "refers to another file" in problems[0].message


def test_contrast_follows_wcag():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast_ratio(hex_rgb("#767676"), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio(hex_rgb("#777777"), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)


def test_contrast_ignores_a_small_share_of_the_box_but_not_a_large_one():
    white, black = (255, 255, 255), (0, 0, 0)
    mostly_white = [white] * 96 + [black] * 4
    assert percentile_contrast("#000000", mostly_white) == pytest.approx(21)
    assert percentile_contrast("#000000", [white] * 90 + [black] * 10) == pytest.approx(1)


def test_check_of_one_slug(app, catalog):
    slug = sorted(catalog.designs)[0]
    result = app.test_cli_runner().invoke(args=["designs", "check", slug])
    assert result.exit_code == 0, result.output
    assert "All 1 design(s) are fine." in result.output


def test_check_of_a_folder_that_is_not_there(app):
    result = app.test_cli_runner().invoke(args=["designs", "check", "no-such-design"])
    assert result.exit_code == 2
    assert "neither a design slug nor a folder" in result.output
