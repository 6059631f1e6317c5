"""Where text may be split: grapheme clusters (what a reader sees as one character) and line-break
opportunities, from ICU (icu4py) so that every script gets its own rules.

ICU knows what a hand-written splitter would not: Thai has no spaces between words and needs a
dictionary, Chinese and Japanese break between characters except before closing punctuation or
small kana, and clusters such as Indic conjuncts or emoji sequences must stay whole.

One rule is ours: a word in a script written with spaces breaks only at a space, never after a
hyphen or slash inside it (a name like "Anne-Marie" stays whole); only a word that is wider than the
box on its own is broken, between clusters, by the layout.

Text in plain Latin, Greek or Cyrillic, the common case, skips ICU: each character is its own cluster
and the only breaks are at spaces, which is what ICU and the rule above give for such text anyway.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from icu4py.breakers import CharacterBreaker, LineBreaker

_LOCALE = "und"


@lru_cache(maxsize=4096)
def _is_plain(char: str) -> bool:
    code = ord(char)
    if code < 0x300:
        return True
    if 0x370 <= code < 0x530 or 0x1E00 <= code < 0x2000:  # Greek, Cyrillic, Latin Extended Additional
        return unicodedata.category(char)[0] != "M"
    return 0x2010 <= code <= 0x2027  # dashes, quotes, ellipsis


def is_plain(text: str) -> bool:
    """True for text whose characters are each a cluster of their own and that breaks only at spaces."""
    return all(map(_is_plain, text))


def clusters(text: str) -> list[str]:
    """The text's extended grapheme clusters, in order."""
    if is_plain(text):
        return list(text)
    # Iterating yields the segments as strings; `segments()` counts UTF-16 units, not characters.
    return list(CharacterBreaker(text, _LOCALE))


@lru_cache(maxsize=4096)
def _spaceless(char: str) -> bool:
    """Characters of scripts written without spaces between words, and the punctuation that goes
    with them: a line may break next to these where ICU allows it."""
    code = ord(char)
    return (
        0x0E00 <= code <= 0x0EFF  # Thai, Lao
        or 0x1000 <= code <= 0x109F  # Myanmar
        or 0x1780 <= code <= 0x17FF  # Khmer
        or 0x2E80 <= code <= 0x303F  # CJK radicals, ideographic description, CJK punctuation
        or 0x3040 <= code <= 0x31FF  # kana, Bopomofo, kanbun, CJK strokes
        or 0x3200 <= code <= 0x9FFF  # enclosed CJK, compatibility, Extension A, unified ideographs
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFE30 <= code <= 0xFE4F  # CJK compatibility forms
        or 0xFF00 <= code <= 0xFFEF  # half-width and full-width forms
        or 0x20000 <= code <= 0x3FFFF  # Extensions B and later
    )


def line_segments(text: str) -> list[str]:
    """The text cut at every place a line may end. Each segment keeps the spaces that follow it."""
    if is_plain(text):
        return _split_at_spaces(text)
    segments: list[str] = []
    for segment in LineBreaker(text, _LOCALE):
        if segments and not _may_break(segments[-1], segment):
            segments[-1] += segment
        else:
            segments.append(segment)
    return segments


def _may_break(before: str, after: str) -> bool:
    return before[-1] == " " or _spaceless(before[-1]) or _spaceless(after[0])


def _split_at_spaces(text: str) -> list[str]:
    segments: list[str] = []
    start = 0
    length = len(text)
    while start < length:
        end = text.find(" ", start)
        if end < 0:
            segments.append(text[start:])
            break
        while end < length and text[end] == " ":
            end += 1
        segments.append(text[start:end])
        start = end
    return segments
