"""`designs check` fails a strong change of colour within 3 mm of a fold, and says how far to carry it.

Each fixture is the control design ("good") with one change to the panels on either side of a fold.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cardshop.studio.checks import check_design

GOOD = Path(__file__).parent / "fixtures" / "designs" / "good"
DARK = "#2b2631"

# Art for the back of a side-fold A6 card (drawn at 111 x 154 mm; the fold is at x = 108, since the
# art is placed with its bleed on every side and clipped at the fold): paper, with a dark band of the
# given width running to the fold.
BACK = """<svg xmlns="http://www.w3.org/2000/svg" width="111mm" height="154mm" viewBox="0 0 111 154">
  <rect x="0" y="0" width="111" height="154" fill="#f4efe6"/>
  <rect x="{x}" y="0" width="{width}" height="154" fill="{dark}"/>
  <rect x="{stem}" y="0" width="0.3" height="154" fill="{dark}"/>
</svg>"""


def _design(tmp_path: Path, front_background: str, fold: str = "side", back_band_mm: float | None = None) -> Path:
    folder = tmp_path / "fold"
    shutil.copytree(GOOD, folder)
    toml = folder / "card.toml"
    text = toml.read_text().replace('sizes = ["A6", "A5"]', f'sizes = ["A6"]\nfold = "{fold}"')
    # The front becomes a flat colour to the fold (its art is removed, so the background shows).
    text = text.replace('art = "front.svg"\nbackground = "#f4efe6"', f'background = "{front_background}"')
    if back_band_mm is not None:
        x = 108 - back_band_mm
        art = BACK.format(x=x, width=111 - x, dark=DARK, stem=60)
        (folder / "back.svg").write_text(art)
        text += '\n[panels.back]\nart = "back.svg"\nbackground = "#f4efe6"\n'
    toml.write_text(text)
    return folder


def _fold_problems(folder: Path):
    return [problem for problem in check_design(folder) if "at the fold" in problem.message]


@pytest.mark.parametrize("fold", ["side", "top"])
def test_a_dark_front_beside_a_pale_back_fails_with_how_far_to_carry_it(tmp_path, fold):
    folder = _design(tmp_path, DARK, fold)
    problems = _fold_problems(folder)
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.path == folder / "card.toml"
    assert problem.key == "panels.front"
    assert "between the back (#ffffff) and the front (#2b2631)" in problem.message
    assert "0.0 mm from it" in problem.message and "100% of the fold" in problem.message
    assert "3.0 mm further round the fold" in problem.fix and "at least 3 mm onto the front" in problem.fix


def test_a_change_1_mm_from_the_fold_says_to_carry_it_2_mm_further(tmp_path):
    # The dark front runs 1 mm onto the back: 2 mm more puts the change 3 mm clear of the fold.
    problems = _fold_problems(_design(tmp_path, DARK, back_band_mm=1.0))
    assert len(problems) == 1, problems
    assert "1.0 mm from it" in problems[0].message
    assert "carry the front's colour (#2b2631) 2.0 mm further onto the back" in problems[0].fix
    assert "carry the back's colour (#f4efe6) 4.0 mm further round the fold" in problems[0].fix


def test_colour_carried_round_the_fold_by_more_than_3_mm_passes(tmp_path):
    # The dark front runs 5 mm onto the back; a thin dark line elsewhere on the back does not count.
    assert _fold_problems(_design(tmp_path, DARK, back_band_mm=5.0)) == []


def test_a_gentle_change_at_the_fold_passes(tmp_path):
    assert _fold_problems(_design(tmp_path, "#e6ddd0")) == []
