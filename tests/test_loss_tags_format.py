"""`categories.loss` may be empty only on a card whose one occasion is a pregnancy after loss: such a
card is about the new pregnancy, so no loss filter shows it. Anywhere else an empty list is refused
with its path and key."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from cardshop.design.loader import DATA_FILE
from cardshop.studio.catalogue import load_design

GOOD = Path(__file__).parent / "fixtures" / "designs" / "good"


def _good_with(tmp_path: Path, loss: str, occasion: str) -> Path:
    folder = tmp_path / "good"
    shutil.copytree(GOOD, folder)
    data = folder / DATA_FILE
    text = data.read_text(encoding="utf-8")
    text = re.sub(r"^loss = .*$", f"loss = {loss}", text, count=1, flags=re.M)
    text = re.sub(r"^occasion = .*$", f"occasion = {occasion}", text, count=1, flags=re.M)
    data.write_text(text, encoding="utf-8")
    return folder


def test_a_card_for_a_new_pregnancy_may_name_no_loss(tmp_path):
    loaded, problems = load_design(_good_with(tmp_path, "[]", '["pregnancy-after-loss"]'))
    assert problems == [] and loaded is not None
    assert loaded.design.categories.loss == []


@pytest.mark.parametrize("occasion", ['["just-heard"]', '["pregnancy-after-loss", "just-heard"]'])
def test_any_other_card_must_name_a_loss(tmp_path, occasion):
    folder = _good_with(tmp_path, "[]", occasion)
    loaded, problems = load_design(folder)
    assert loaded is None
    said = [str(problem) for problem in problems]
    assert len(said) == 1 and str(folder / DATA_FILE) in said[0], said
    assert "categories" in said[0] and "loss: name at least one kind of loss" in said[0], said
