"""Typesetting faults a print audit found, one test each: a long hyphenated name, a long web
address, right-to-left messages set flush left. (The front as a picture at 300 dpi with sRGB is
tested in test_print_layouts.py: test_front_png_is_300_dpi_at_the_cards_size_with_srgb_embedded.)"""

from __future__ import annotations

import tomllib

import pytest

from cardshop.design.loader import TEMPLATES_DIR
from cardshop.render.card import fit_card
from cardshop.render.geometry import MM
from cardshop.render.options import CardTextError, RenderOptions, resolve_geometry
from cardshop.render.text.fitting import MIN_TYPE_SIZE, part_floor
from cardshop.studio.catalogue import load_catalog

CATALOG = load_catalog(TEMPLATES_DIR)
NAME = "Oluwaseun Fernández-Oyelaran-Whitfield"
ADDRESS = "https://www.miscarriageassociation.org.uk/information/leaflets-and-information"


def _fit(slug: str, values: dict[str, str], size: str | None = None):
    design = CATALOG.designs[slug].design
    return design, fit_card(design, values, resolve_geometry(design, RenderOptions(size=size)))


def _text(line) -> str:
    return "".join(atom.text for atom in line.runs)


@pytest.mark.parametrize("size", ["A6", "A5", "5x7", "4.25x5.5"])
def test_long_hyphenated_name_breaks_at_its_hyphens_and_never_below_the_minimum(size):
    design, fitted = _fit("olive-wreath", {"baby_name": NAME, "date": "15 March 2026"}, size)
    [slot] = design.panels.front.slots
    lines = fitted.slots["front"][0].lines
    name_lines = [_text(line) for line in lines if _text(line) not in ("Remembering", "15 March 2026")]
    assert " ".join(name_lines).replace("- ", "-") == NAME, "the name is all there, in order"
    for text in name_lines:
        assert text in NAME.replace("-", "- ").split() or text.endswith("-") or "-" in text, text
    assert "Whitfield" in " ".join(name_lines), "never broken inside a word"
    scale = fitted.frame.type
    assert all(line.size >= MIN_TYPE_SIZE for line in lines)
    date = next(line for line in lines if _text(line) == "15 March 2026")
    assert date.size >= part_floor(slot, 10, fitted.frame) - 1e-6
    assert date.size == pytest.approx(10 * scale), "the date keeps its own size (it was 5.4 pt)"


def test_a_name_too_long_even_broken_at_its_hyphens_is_refused_kindly():
    name = "-".join(["Oluwaseun", "Fernández", "Oyelaran", "Whitfield", "Montgomery", "Adeyemi", "Okonkwo"] * 2)
    with pytest.raises(CardTextError) as refused:
        _fit("olive-wreath", {"baby_name": name, "date": "15 March 2026"})
    [problem] = refused.value.problems
    assert problem.field == "baby_name"
    assert problem.message.startswith("There isn't quite room for the baby's name on this card. Please shorten it")


def test_web_address_breaks_at_its_punctuation_without_shrinking_the_message():
    message = f"There is a helpline and leaflets at {ADDRESS} if that helps."
    design, fitted = _fit("forget-me-nots", {"message": message})
    lines = fitted.slots["inside_right"][0].lines
    slot = design.panels.inside_right.slots[0]
    assert {line.size for line in lines} == {slot.size}, "the message stays at its full size (it fell to 9 pt)"
    texts = [_text(line) for line in lines]
    address_lines = [text for text in texts if "miscarriage" in text or text.startswith(("/", "."))]
    assert len(address_lines) >= 2, texts
    for earlier, later in zip(texts, texts[1:], strict=False):
        if later.startswith(("/", ".")):
            assert earlier[-1].isalnum(), "a line ends on letters, the next begins with the punctuation"
    assert "".join(texts).replace(" ", "").count(ADDRESS.replace(" ", "")) == 1


def test_message_slots_align_to_the_start_so_hebrew_and_arabic_set_right():
    for path in sorted(TEMPLATES_DIR.glob("*/card.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for panel_name, panel in data["panels"].items():
            for slot in panel.get("slots", []):
                if any(part.get("field") == "message" for part in slot["parts"]):
                    assert slot["align"] in ("start", "center"), f"{path}: {panel_name} message slot"
    design, fitted = _fit("forget-me-nots", {"message": "אנחנו חושבים עליכם באהבה"})
    slot = design.panels.inside_right.slots[0]
    box_width = slot.width * MM * fitted.frame.x
    [line] = fitted.slots["inside_right"][0].lines
    assert line.x + line.width == pytest.approx(box_width, abs=0.01), "Hebrew sets flush right"
    _, fitted = _fit("forget-me-nots", {"message": "Thinking of you"})
    assert fitted.slots["inside_right"][0].lines[0].x == 0, "English still sets flush left"
