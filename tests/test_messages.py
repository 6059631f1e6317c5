"""Tests for the message library: its contents, its validation and the suggestions drawn from it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from cardshop.design.vocabulary import FIELD_MAX_LENGTHS, LOSS, OCCASION, RECIPIENT, TONE
from cardshop.words.messages import (
    BABY_NAME_PLACEHOLDER,
    Message,
    MessageLibraryError,
    load_messages,
    suggest,
)

MESSAGES = load_messages()
SYMPATHY_RECIPIENTS = {"both-parents", "mother", "father-or-partner", "same-sex-parents", "grandparents"}
RELIGIOUS_WORDS = re.compile(
    r"\b(god|lord|jesus|pray|prayers?|praying|heaven|angels?|bless(ed|ing)?|amen|church|faith|spirit)\b", re.I
)
GENDERED_WORDS = re.compile(r"\b(he|she|him|her|his|hers|husband|wife|boyfriend|girlfriend)\b", re.I)
PARENT_WORDS = re.compile(r"\b(mum|mom|mummy|mommy|dad|daddy|mother|father)('s)?\b", re.I)


def _sentences(text: str) -> int:
    return len([part for part in re.split(r"(?<=[.!?])[\u201d\"]?\s+", text.strip()) if part])


def _write(tmp_path: Path, body: str, name: str = "messages.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def _entry(message_id: str, **fields: str) -> str:
    values = {
        "text": '"Thinking of you."',
        "loss": '["any"]',
        "recipient": '["mother"]',
        "occasion": '["just-heard"]',
        "tone": '["quiet"]',
    }
    values.update(fields)
    lines = [f'id = "{message_id}"'] + [f"{key} = {value}" for key, value in values.items()]
    return "[[message]]\n" + "\n".join(lines) + "\n\n"


# ---------------------------------------------------------------- the library's contents


def test_library_is_big_enough() -> None:
    assert len(MESSAGES) >= 60
    assert len({m.id for m in MESSAGES}) == len(MESSAGES)


@pytest.mark.parametrize(
    ("dimension", "vocabulary"),
    [("loss", LOSS), ("recipient", RECIPIENT), ("occasion", OCCASION), ("tone", TONE)],
)
def test_every_tag_is_a_known_slug(dimension: str, vocabulary: dict[str, str]) -> None:
    allowed = set(vocabulary) | ({"any"} if dimension != "tone" else set())
    for message in MESSAGES:
        tags = getattr(message, dimension)
        assert tags, f"{message.id} has no {dimension}"
        assert set(tags) <= allowed, f"{message.id}: {dimension} {tags}"
        assert "any" not in tags or len(tags) == 1


@pytest.mark.parametrize(
    ("dimension", "slug"),
    [("loss", s) for s in LOSS] + [("recipient", s) for s in RECIPIENT] + [("occasion", s) for s in OCCASION],
)
def test_every_category_has_at_least_two_messages_of_its_own(dimension: str, slug: str) -> None:
    tagged = [m.id for m in MESSAGES if slug in getattr(m, dimension)]
    assert len(tagged) >= 2, f"{dimension} {slug!r} has {tagged}"


def test_every_tone_is_used() -> None:
    used = {tone for m in MESSAGES for tone in m.tone}
    assert used == set(TONE)


def test_faith_messages_are_labelled_and_secular_ones_are_secular() -> None:
    faith = [m for m in MESSAGES if m.faith]
    assert len(faith) >= 4
    for message in MESSAGES:
        assert message.faith == ("faith" in message.tone), message.id
        if not message.faith:
            assert not RELIGIOUS_WORDS.search(message.text), f"{message.id} is secular but says {message.text!r}"
    assert all(RELIGIOUS_WORDS.search(m.text) for m in faith)


def test_plenty_of_messages_need_no_name_and_some_use_one() -> None:
    named = [m for m in MESSAGES if m.uses_baby_name]
    unnamed = [m for m in MESSAGES if not m.uses_baby_name]
    assert len(named) >= 8
    assert len(unnamed) >= 3 * len(named)
    for message in MESSAGES:
        assert message.uses_baby_name == (BABY_NAME_PLACEHOLDER in message.text), message.id
        assert "{" not in message.text.replace(BABY_NAME_PLACEHOLDER, ""), message.id


def test_messages_are_short() -> None:
    longest_name = "N" * FIELD_MAX_LENGTHS["baby_name"]
    for message in MESSAGES:
        filled = message.text.replace(BABY_NAME_PLACEHOLDER, longest_name)
        assert len(filled) <= FIELD_MAX_LENGTHS["message"], message.id
        assert 1 <= _sentences(message.text) <= 4, f"{message.id}: {_sentences(message.text)} sentences"
    short = [m for m in MESSAGES if len(m.text) < 250]
    assert len(short) >= 0.8 * len(MESSAGES)


def test_no_gendered_default() -> None:
    for message in MESSAGES:
        assert not GENDERED_WORDS.search(message.text), f"{message.id}: {message.text!r}"
        if set(message.recipient) & {"both-parents", "same-sex-parents", "any"}:
            assert not PARENT_WORDS.search(message.text), f"{message.id} assumes a parent's gender"


# Words that frame a termination for medical reasons as a choice the parents made, which charities
# ask us to avoid: the parents did not choose to lose their baby.
CHOICE_WORDS = re.compile(r"\b(choices?|chose|chosen|choos(e|es|ing)|decisions?|decid(e|ed|es|ing))\b", re.I)


def test_tfmr_messages_use_no_choice_language() -> None:
    tfmr = [message for message in MESSAGES if "tfmr" in message.loss]
    assert len(tfmr) >= 3
    for message in tfmr:
        assert not CHOICE_WORDS.search(message.text), f"{message.id}: {message.text!r}"
        assert not CHOICE_WORDS.search(message.id), message.id


def test_rainbow_only_in_pregnancy_after_loss_messages() -> None:
    rainbow = [m for m in MESSAGES if "rainbow" in m.text.lower()]
    assert rainbow, "the library should offer a rainbow message for those who use the word"
    for message in rainbow:
        assert message.occasion == ("pregnancy-after-loss",), message.id


@pytest.mark.parametrize("recipient", sorted(RECIPIENT))
def test_rainbow_is_never_the_first_suggestion(recipient: str) -> None:
    results = suggest(occasion="pregnancy-after-loss", recipient=recipient, include_faith=True)
    assert results
    assert "rainbow" not in results[0].text.lower()


def test_own_news_messages_stand_apart() -> None:
    for message in MESSAGES:
        if "own-news" in message.recipient:
            assert message.recipient == ("own-news",), message.id
            assert re.search(r"\b(we|our|I|my)\b", message.text, re.I), message.id
        else:
            # Sympathy words must never be offered to someone sharing their own news.
            assert "any" not in message.recipient, message.id
            assert set(message.recipient) <= SYMPATHY_RECIPIENTS, message.id


def test_every_loss_has_a_message_for_every_sympathy_recipient_who_just_heard() -> None:
    for loss in LOSS:
        for recipient in RECIPIENT:
            assert suggest(loss=loss, recipient=recipient, occasion="just-heard"), (loss, recipient)


# ---------------------------------------------------------------- suggest()


def test_default_suggestions_are_secular_and_need_no_name() -> None:
    results = suggest()
    assert results
    assert not any(m.faith for m in results)
    assert not any(m.uses_baby_name for m in results)
    expected = {m.id for m in MESSAGES if not m.faith and not m.uses_baby_name}
    assert {m.id for m in results} == expected


def _closeness(message: Message, **wanted: str) -> int:
    return sum(1 for dimension, value in wanted.items() if value in getattr(message, dimension))


@pytest.mark.parametrize(
    "wanted",
    [
        {"loss": "stillbirth"},
        {"loss": "tfmr", "recipient": "own-news"},
        {"loss": "miscarriage", "recipient": "mother", "occasion": "just-heard"},
        {"recipient": "father-or-partner", "occasion": "mothers-or-fathers-day"},
        {"occasion": "remembrance-day"},
    ],
)
def test_suggestions_fit_and_closest_come_first(wanted: dict[str, str]) -> None:
    results = suggest(**wanted, include_faith=True)
    assert results
    for message in results:
        for dimension, value in wanted.items():
            tags = getattr(message, dimension)
            assert value in tags or tags == ("any",), (message.id, dimension)
    closeness = [_closeness(m, **wanted) for m in results]
    assert closeness == sorted(closeness, reverse=True)
    # Nothing that fits is left out.
    fitting = {
        m.id
        for m in MESSAGES
        if not m.uses_baby_name and all(v in getattr(m, d) or getattr(m, d) == ("any",) for d, v in wanted.items())
    }
    assert {m.id for m in results} == fitting


def test_exact_matches_lead_any_matches() -> None:
    results = suggest(loss="stillbirth")
    own = [i for i, m in enumerate(results) if "stillbirth" in m.loss]
    general = [i for i, m in enumerate(results) if m.loss == ("any",)]
    assert own and general
    assert max(own) < min(general)


def test_secular_messages_lead_when_faith_is_included() -> None:
    results = suggest(recipient="mother", occasion="just-heard", include_faith=True)
    assert any(m.faith for m in results)
    for closeness in {_closeness(m, recipient="mother", occasion="just-heard") for m in results}:
        group = [m.faith for m in results if _closeness(m, recipient="mother", occasion="just-heard") == closeness]
        assert group == sorted(group), "a faith message comes before a secular one that is as close"


def test_faith_only_when_asked() -> None:
    assert not any(m.faith for m in suggest(occasion="remembrance-day", baby_name="Robin"))
    with_faith = suggest(occasion="remembrance-day", baby_name="Robin", include_faith=True)
    assert any(m.faith for m in with_faith)
    faith_tone = suggest(tone="faith", baby_name="Robin")
    assert faith_tone and all(m.faith for m in faith_tone)
    assert {m.id for m in faith_tone} == {m.id for m in MESSAGES if m.faith}


def test_tone_filter() -> None:
    results = suggest(tone="botanical")
    assert results
    assert all("botanical" in m.tone for m in results)
    assert len(results) < len(suggest())


def test_baby_name_is_filled_in() -> None:
    results = suggest(loss="neonatal-death", baby_name="  Robin  ")
    named = [m for m in results if m.uses_baby_name]
    assert named
    assert all("Robin" in m.text and BABY_NAME_PLACEHOLDER not in m.text for m in named)
    assert not any(BABY_NAME_PLACEHOLDER in m.text for m in results)
    (every_moment,) = [m for m in named if m.id == "name-every-moment"]
    assert every_moment.text == "We're so sorry Robin died. Every moment of Robin's life mattered, and so do you both."
    # The library itself is untouched.
    original = next(m for m in load_messages() if m.id == "name-every-moment")
    assert BABY_NAME_PLACEHOLDER in original.text


def test_named_messages_are_left_out_without_a_name() -> None:
    for name in (None, "", "   "):
        results = suggest(loss="stillbirth", baby_name=name, include_faith=True)
        assert results
        assert not any(m.uses_baby_name for m in results)
    assert any(m.uses_baby_name for m in suggest(loss="stillbirth", baby_name="Ash"))


def test_named_messages_lead_when_a_name_is_given() -> None:
    results = suggest(recipient="mother", occasion="remembrance-day", baby_name="Sky")
    groups: dict[int, list[bool]] = {}
    for m in results:
        groups.setdefault(_closeness(m, recipient="mother", occasion="remembrance-day"), []).append(
            not m.uses_baby_name
        )
    assert any(False in g for g in groups.values())
    assert all(g == sorted(g) for g in groups.values())


def test_baby_name_is_taken_literally() -> None:
    results = suggest(occasion="remembrance-day", baby_name="{0} {baby_name} }{")
    named = [m for m in results if m.uses_baby_name]
    assert named
    assert all("{0} {baby_name} }{" in m.text for m in named)


def test_overlong_baby_name_is_refused() -> None:
    # Twice the usual field: the most any design lets the name field hold (two names, for twins).
    with pytest.raises(ValueError, match="baby_name"):
        suggest(baby_name="x" * (2 * FIELD_MAX_LENGTHS["baby_name"] + 1))


def test_two_long_names_are_filled_in_where_the_message_still_fits() -> None:
    names = "Rowan Alexander Fitzgerald-Hughes and Skye Elizabeth Fitzgerald-Hughes"  # 70 characters
    assert FIELD_MAX_LENGTHS["baby_name"] < len(names) <= 2 * FIELD_MAX_LENGTHS["baby_name"]
    named = [m for m in suggest(loss="stillbirth", baby_name=names) if m.uses_baby_name]
    assert named and all(names in m.text for m in named)
    assert all(len(m.text) <= FIELD_MAX_LENGTHS["message"] for m in suggest(loss="stillbirth", baby_name=names))


def test_unknown_filter_values_are_refused() -> None:
    with pytest.raises(ValueError, match="loss"):
        suggest(loss="late-miscarriage")
    with pytest.raises(ValueError, match="tone"):
        suggest(tone="pastel")
    assert suggest(loss="any") == suggest()


def test_limit() -> None:
    everything = suggest(include_faith=True)
    assert suggest(include_faith=True, limit=3) == everything[:3]
    assert suggest(limit=0) == []
    with pytest.raises(ValueError):
        suggest(limit=-1)


def test_order_in_a_small_library(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        _entry("any-secular")
        + _entry("faith-stillbirth", loss='["stillbirth"]', tone='["faith"]', faith="true")
        + _entry("stillbirth-mother", loss='["stillbirth"]')
        + _entry("named-any", text='"Thinking of {baby_name}."', uses_baby_name="true")
        + _entry("stillbirth-named", loss='["stillbirth"]', text='"For {baby_name}."', uses_baby_name="true")
        + _entry("miscarriage-only", loss='["miscarriage"]')
        + _entry("any-faith", tone='["faith"]', faith="true")
        + _entry("father-only", recipient='["father-or-partner"]'),
    )
    ids = [m.id for m in suggest(loss="stillbirth", recipient="mother", include_faith=True, path=path)]
    assert ids == ["stillbirth-mother", "faith-stillbirth", "any-secular", "any-faith"]
    ids = [m.id for m in suggest(loss="stillbirth", include_faith=True, baby_name="Lee", path=path)]
    assert ids == [
        "stillbirth-named",
        "stillbirth-mother",
        "faith-stillbirth",
        "named-any",
        "any-secular",
        "father-only",
        "any-faith",
    ]
    texts = [m.text for m in suggest(loss="stillbirth", baby_name="Lee", limit=1, path=path)]
    assert texts == ["For Lee."]


# ---------------------------------------------------------------- validation and caching


def test_unknown_key_names_file_message_and_key(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry("hello", colour='"blue"'), name="unknown-key.toml")
    with pytest.raises(MessageLibraryError) as caught:
        load_messages(path)
    message = str(caught.value)
    assert "unknown-key.toml" in message
    assert "message 'hello': key 'colour': unknown key" in message


def test_unknown_slug_names_file_message_and_key(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry("hello", loss='["late-loss"]'), name="bad-slug.toml")
    with pytest.raises(MessageLibraryError) as caught:
        load_messages(path)
    message = str(caught.value)
    assert "bad-slug.toml" in message
    assert "message 'hello': key 'loss'" in message
    assert "'late-loss'" in message


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"recipient": '["any", "mother"]'}, "key 'recipient': .*stand alone"),
        ({"tone": '["any"]'}, "key 'tone': .*not allowed"),
        ({"occasion": "[]"}, "key 'occasion': must list at least one"),
        ({"text": '"For {baby_name}."'}, "key 'uses_baby_name'"),
        ({"uses_baby_name": "true"}, "key 'uses_baby_name'"),
        ({"faith": "true"}, "key 'faith'"),
        ({"tone": '["faith"]'}, "key 'faith'"),
        ({"faith": '"yes"'}, "key 'faith'"),
        ({"text": '"Hello {name}."'}, "key 'text': .*brace"),
        ({"text": '""'}, "key 'text': is empty"),
        ({"text": '"' + "x" * 451 + '"'}, "key 'text': .*450"),
        (
            {"text": '"' + "x" * 430 + ' {baby_name}"', "uses_baby_name": "true"},
            "key 'text': .*name filled in",
        ),
    ],
)
def test_invalid_messages_are_refused(tmp_path: Path, fields: dict[str, str], expected: str) -> None:
    path = _write(tmp_path, _entry("bad-one", **fields))
    with pytest.raises(MessageLibraryError) as caught:
        load_messages(path)
    assert re.search("message 'bad-one': " + expected, str(caught.value)), str(caught.value)


def test_bad_id_and_missing_text(tmp_path: Path) -> None:
    body = (
        '[[message]]\nid = "Not A Slug"\nloss = ["any"]\nrecipient = ["mother"]\noccasion = ["any"]\ntone = ["quiet"]\n'
    )
    with pytest.raises(MessageLibraryError) as caught:
        load_messages(_write(tmp_path, body))
    message = str(caught.value)
    assert "key 'id'" in message
    assert "key 'text': is missing" in message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "extra = 1\n"
        + _entry("one", loss='["nope"]')
        + _entry("two", mood='"sad"')
        + _entry("three")
        + _entry("three"),
    )
    with pytest.raises(MessageLibraryError) as caught:
        load_messages(path)
    problems = caught.value.problems
    assert any(p.startswith("message 'one': key 'loss'") for p in problems)
    assert any(p == "message 'two': key 'mood': unknown key" for p in problems)
    assert any(p.startswith("message 'three': key 'id': duplicate") for p in problems)
    assert any("top-level key 'extra'" in p for p in problems)


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "[[message]\nid = ", name="broken.toml")
    with pytest.raises(MessageLibraryError, match=r"(?s)broken\.toml.*not valid TOML"):
        load_messages(path)


def test_library_is_cached_until_the_file_changes(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry("first"))
    loaded = load_messages(path)
    assert load_messages(path) is loaded
    path.write_text(_entry("second"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    reloaded = load_messages(path)
    assert [m.id for m in reloaded] == ["second"]
    assert load_messages() is load_messages()


def test_messages_are_immutable() -> None:
    with pytest.raises(ValidationError, match="frozen"):
        MESSAGES[0].text = "changed"  # type: ignore[misc]
