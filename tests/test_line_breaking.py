"""Line breaking suits each script: Chinese and Japanese break between characters (not before closing
punctuation), Thai between dictionary words, Korean and Latin at spaces; a word breaks inside only
when it alone is wider than the box."""

from __future__ import annotations

import pytest

from cardshop.design.models import Part, Slot
from cardshop.render.geometry import MM
from cardshop.render.text.breaking import clusters, line_segments
from cardshop.render.text.fitting import fit_slot


def _lines(text: str, width_mm: float, size: float = 12) -> list[str]:
    slot = Slot(
        x=0,
        y=0,
        width=width_mm,
        height=200,
        font="EB Garamond",
        size=size,
        min_size=size,
        parts=[Part(field="message")],
    )
    fitted = fit_slot(slot, {"message": text})
    for line in fitted.lines:
        assert line.width <= width_mm * MM + 1e-6
    return ["".join(atom.text for atom in line.runs) for line in fitted.lines]


def test_japanese_breaks_between_characters_and_fills_lines():
    text = "心からお悔やみ申し上げます。いつもそばにいます。ご家族の皆さまに、どうか穏やかな時間が訪れますように。"
    lines = _lines(text, 40)
    assert len(lines) >= 3
    assert "".join(lines) == text  # no character lost, none added
    for line in lines[:-1]:
        # full lines: another character would not have fitted
        assert len(line) >= 8
    for line in lines[1:]:
        assert line[0] not in "。、」）ー"  # no line starts with closing punctuation


def test_chinese_breaks_between_characters():
    text = "我们一直在想念你们，爱你们。无论何时需要我们，我们都在这里。"
    lines = _lines(text, 35)
    assert len(lines) >= 2
    assert "".join(lines) == text
    assert all(line[0] not in "，。" for line in lines[1:])


def test_latin_words_break_only_at_spaces():
    lines = _lines("With love to Anne-Marie and Jean-Baptiste from all of us", 30)
    assert len(lines) >= 3
    words = [word for line in lines for word in line.split()]
    assert "Anne-Marie" in words and "Jean-Baptiste" in words
    assert all(not line.startswith(" ") and not line.endswith(" ") for line in lines)


def test_a_word_wider_than_the_box_is_broken_between_characters():
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    lines = _lines(f"A {word} B", 25)
    assert "".join(lines).replace(" ", "") == f"A{word}B"
    assert len(lines) >= 3  # the word alone needs two lines or more


def test_thai_breaks_between_words():
    words = ["ขอ", "แสดง", "ความ", "เสียใจ", "ด้วย", "นะ", "ครับ", "คิดถึง", "เสมอ"]
    text = "".join(words)  # Thai is written without spaces between words
    lines = _lines(text, 22)
    assert len(lines) >= 2
    assert "".join(lines) == text
    boundaries = {sum(len(word) for word in words[:count]) for count in range(len(words) + 1)}
    position = 0
    for line in lines:
        position += len(line)
        assert position in boundaries, f"a line ends inside a word: {line!r}"


def test_korean_breaks_at_spaces_only():
    lines = _lines("사랑하는 지민에게 항상 당신을 생각하고 있어요", 22)
    assert len(lines) >= 2
    for line in lines:
        for word in line.split():
            assert word in {"사랑하는", "지민에게", "항상", "당신을", "생각하고", "있어요"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("e\u0301", ["e\u0301"]),
        ("नमस्ते", ["न", "म", "स्ते"]),
        ("👨\u200d👩\u200d👧🇬🇧", ["👨\u200d👩\u200d👧", "🇬🇧"]),
        ("abc", ["a", "b", "c"]),
    ],
)
def test_clusters_keep_marks_conjuncts_and_emoji_sequences_whole(text, expected):
    assert clusters(text) == expected


def test_line_segments_keep_their_spaces():
    assert line_segments("Dear  Sam") == ["Dear  ", "Sam"]
    assert "".join(line_segments("美咲さんへ、ありがとう")) == "美咲さんへ、ありがとう"
