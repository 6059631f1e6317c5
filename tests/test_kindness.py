"""Tests for the kindness check: hurtful phrasings are flagged, kind ones are not, offsets are exact.

The sentence lists live in tests/data: every line of hurtful_phrases.txt must be flagged and no
line of kind_messages.txt may be. The shipped messages and every rule's suggested alternative must
pass the check themselves.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from cardshop.words.kindness import (
    RULES_PATH,
    Flag,
    KindnessRulesError,
    Rule,
    check,
    javascript_problem,
    load_rules,
    normalise,
    rules_as_json,
)
from cardshop.words.messages import BABY_NAME_PLACEHOLDER, Message, load_messages

DATA = Path(__file__).parent / "data"


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


HURTFUL = _lines("hurtful_phrases.txt")
KIND = _lines("kind_messages.txt")


def _describe(flags: list[Flag]) -> str:
    return "; ".join(f"{f.rule_id}: {f.matched_text!r}" for f in flags)


def _write_rules(tmp_path: Path, body: str, name: str = "rules.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


GOOD_RULE = """
[[rule]]
id = "foo"
patterns = ['''\\bfoo\\b''']
why = "Foo can hurt."
instead = "Say bar."
"""


# ---------------------------------------------------------------- the sentence lists


def test_sentence_lists_are_substantial_and_distinct() -> None:
    assert len(HURTFUL) >= 45
    assert len(KIND) >= 45
    assert len(set(HURTFUL)) == len(HURTFUL), "hurtful_phrases.txt has a repeated line"
    assert len(set(KIND)) == len(KIND), "kind_messages.txt has a repeated line"
    assert not set(HURTFUL) & set(KIND)


@pytest.mark.parametrize("sentence", HURTFUL)
def test_hurtful_sentence_is_flagged(sentence: str) -> None:
    assert check(sentence), f"not flagged: {sentence!r}"


@pytest.mark.parametrize("sentence", KIND)
def test_kind_sentence_is_not_flagged(sentence: str) -> None:
    flags = check(sentence)
    assert flags == [], f"wrongly flagged {sentence!r}: {_describe(flags)}"


@pytest.mark.parametrize("message", load_messages(), ids=lambda message: message.id)
def test_shipped_message_passes(message: Message) -> None:
    for text in (message.text, message.text.replace(BABY_NAME_PLACEHOLDER, "Robin")):
        flags = check(text)
        assert flags == [], f"{message.id}: {_describe(flags)}"


@pytest.mark.parametrize("rule", load_rules(), ids=lambda rule: rule.id)
def test_suggested_alternative_passes(rule: Rule) -> None:
    flags = check(rule.instead)
    assert flags == [], f"{rule.id} suggests {rule.instead!r}, which is flagged: {_describe(flags)}"


def test_every_rule_is_exercised_by_the_hurtful_list() -> None:
    fired = {flag.rule_id for sentence in HURTFUL for flag in check(sentence)}
    unused = {rule.id for rule in load_rules()} - fired
    assert not unused, f"rules with no example in hurtful_phrases.txt: {sorted(unused)}"


# ---------------------------------------------------------------- behaviour


def test_at_least_is_kind_when_offering_help() -> None:
    assert check("At least I can bring you dinner this week.") == []
    assert check("Let me at least bring you dinner this week.") == []
    flags = check("At least it was early.")
    assert [f.rule_id for f in flags] == ["at-least"]
    assert flags[0].matched_text == "At least it was early"


@pytest.mark.parametrize(
    "sentence",
    ["At least it was early.", "at least you can try again", "At least you have other children."],
)
def test_at_least_with_a_minimiser_is_flagged(sentence: str) -> None:
    assert "at-least" in {f.rule_id for f in check(sentence)}


def test_unless_cancels_only_the_overlapping_match() -> None:
    text = "You don't have to be strong for anyone. Your sister keeps saying be strong."
    flags = check(text)
    assert [f.rule_id for f in flags] == ["be-strong"]
    assert flags[0].start == text.rindex("be strong")


def test_flag_carries_the_rule_words() -> None:
    rules = {rule.id: rule for rule in load_rules()}
    (flag,) = check("Honestly, everything happens for a reason.")
    assert flag.rule_id == "happens-for-a-reason"
    assert flag.matched_text == "everything happens for a reason"
    assert flag.why == rules["happens-for-a-reason"].why
    assert flag.instead == rules["happens-for-a-reason"].instead


def test_matching_ignores_case_and_missing_apostrophes() -> None:
    assert [f.rule_id for f in check("EVERYTHING HAPPENS FOR A REASON")] == ["happens-for-a-reason"]
    assert [f.rule_id for f in check("youre so strong")] == ["be-strong"]
    assert [f.rule_id for f in check("it wasnt meant to be")] == ["not-meant-to-be"]


def test_flag_is_frozen() -> None:
    (flag,) = check("Time heals.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        flag.start = 0  # type: ignore[misc]


def test_empty_and_blank_text() -> None:
    assert check("") == []
    assert check("   \n ") == []


def test_flags_are_sorted_and_one_rule_never_overlaps_itself() -> None:
    text = (
        "Stay strong for her. Everything happens for a reason, and at least it was early. "
        "Be strong, mate, and remember time heals."
    )
    flags = check(text)
    assert [f.start for f in flags] == sorted(f.start for f in flags)
    ids = [f.rule_id for f in flags]
    assert ids.count("be-strong") == 2
    assert {"happens-for-a-reason", "at-least", "time-heals"} <= set(ids)
    for rule_id in set(ids):
        spans = sorted((f.start, f.end) for f in flags if f.rule_id == rule_id)
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end <= start, f"{rule_id} flags overlap: {spans}"


def test_overlapping_matches_of_one_rule_merge_into_one_flag() -> None:
    # "stay strong" and "strong for her" are two patterns of one rule and overlap.
    flags = check("You need to stay strong for her.")
    assert [(f.rule_id, f.matched_text) for f in flags] == [("be-strong", "stay strong for her")]


def test_different_rules_may_flag_the_same_words() -> None:
    ids = {f.rule_id for f in check("At least you have other children.")}
    assert ids == {"at-least", "other-children"}


# ---------------------------------------------------------------- offsets


def _only(text: str, rule_id: str) -> Flag:
    flags = [f for f in check(text) if f.rule_id == rule_id]
    assert len(flags) == 1, _describe(check(text))
    return flags[0]


def test_offsets_plain_text() -> None:
    text = "Dear Sam, I know how you feel. Love, Kit"
    flag = _only(text, "know-how-you-feel")
    assert (flag.start, flag.end) == (10, 29)
    assert text[flag.start : flag.end] == flag.matched_text == "I know how you feel"


def test_offsets_with_curly_quotes() -> None:
    text = "Sending love. It wasn\u2019t meant to be, and I\u2019m so sorry."
    flag = _only(text, "not-meant-to-be")
    assert flag.matched_text == "wasn\u2019t meant to be"
    assert flag.start == text.index("wasn\u2019t")
    assert text[flag.start : flag.end] == flag.matched_text


def test_offsets_with_curly_double_quotes_and_no_break_space() -> None:
    text = "\u201cGod\u00a0has a plan,\u201d my aunt said."
    flag = _only(text, "gods-plan")
    assert flag.start == 1
    assert flag.matched_text == "God\u00a0has a plan"


def test_offsets_after_decomposed_accents() -> None:
    # "e" + combining acute and "e" + combining diaeresis: NFC makes the text shorter before the match.
    text = "Chloe\u0301 and Zoe\u0308 send love. At least it was early."
    flag = _only(text, "at-least")
    assert len(normalise(text)[0]) == len(text) - 2
    assert flag.start == text.index("At least")
    assert text[flag.start : flag.end] == flag.matched_text == "At least it was early"


def test_offsets_with_decomposed_accent_inside_the_match() -> None:
    text = "Ren\u00e9e, at least you have the cafe\u0301 now. Love, Jo\u0308rg"
    flag = _only(text, "at-least")
    assert flag.matched_text == "at least you have the cafe\u0301 now"
    assert text[flag.start : flag.end] == flag.matched_text


def test_offsets_after_emoji_and_other_scripts() -> None:
    text = "\U0001f49b\U0001f49b \u3042\u308a\u304c\u3068\u3046 \u2014 maybe it\u2019s for the best"
    flag = _only(text, "happens-for-a-reason")
    assert flag.matched_text == "maybe it\u2019s for the best"
    assert flag.start == text.index("maybe")
    assert flag.end == len(text)


@pytest.mark.parametrize("sentence", HURTFUL)
def test_offsets_slice_the_original_for_every_hurtful_line(sentence: str) -> None:
    # The same sentences typed on a phone: curly apostrophes and no-break spaces.
    typed = sentence.replace("'", "\u2019").replace(" ", "\u00a0", 1)
    flags = check(typed)
    assert flags
    for flag in flags:
        assert 0 <= flag.start < flag.end <= len(typed)
        assert typed[flag.start : flag.end] == flag.matched_text
    # Offsets agree with the plain version, since the replacements keep lengths.
    assert [(f.rule_id, f.start, f.end) for f in flags] == [(f.rule_id, f.start, f.end) for f in check(sentence)]


def test_normalise_maps_each_character_back() -> None:
    text = "a\u0301b \u2019c\u00a0"
    normal, starts, ends = normalise(text)
    assert normal == "\u00e1b 'c "
    assert starts == [0, 2, 3, 4, 5, 6]
    assert ends == [2, 3, 4, 5, 6, 7]
    assert normalise("plain ascii") == ("plain ascii", None, None)


def test_long_and_repetitive_input_stays_fast() -> None:
    samples = [
        "at least " * 3000,
        "you " * 5000,
        "it was so " * 2000,
        ("my sister " * 500) + "lost",
        "a" * 20000,
        "\u2019 " * 10000,
    ]
    started = time.perf_counter()
    for sample in samples:
        check(sample)
    assert time.perf_counter() - started < 5.0


# ---------------------------------------------------------------- the rule file


def test_shipped_rules_load() -> None:
    rules = load_rules()
    assert len(rules) >= 20
    assert len({rule.id for rule in rules}) == len(rules)
    assert load_rules(RULES_PATH) == rules


def test_bad_regex_names_file_rule_and_key(tmp_path: Path) -> None:
    path = _write_rules(
        tmp_path,
        """
[[rule]]
id = "broken"
patterns = ['''\\bfine\\b''', '''(unclosed''']
why = "It hurts."
instead = "Be kind."
""",
        name="bad-regex.toml",
    )
    with pytest.raises(KindnessRulesError) as caught:
        load_rules(path)
    message = str(caught.value)
    assert "bad-regex.toml" in message
    assert "rule 'broken'" in message
    assert "key 'patterns[1]'" in message
    assert "bad regular expression" in message


def test_unknown_key_names_file_rule_and_key(tmp_path: Path) -> None:
    path = _write_rules(tmp_path, GOOD_RULE + 'colour = "red"\n', name="unknown-key.toml")
    with pytest.raises(KindnessRulesError) as caught:
        load_rules(path)
    message = str(caught.value)
    assert "unknown-key.toml" in message
    assert "rule 'foo'" in message
    assert "key 'colour': unknown key" in message


def test_bad_unless_pattern_is_reported(tmp_path: Path) -> None:
    path = _write_rules(tmp_path, GOOD_RULE + "unless = ['''[a-''']\n")
    with pytest.raises(KindnessRulesError, match=r"rule 'foo': key 'unless\[0\]'"):
        load_rules(path)


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("(?P<word>foo)", "named group"),
        ("(?<=a)foo", "lookbehind"),
        ("(?<!a)foo", "lookbehind"),
        ("(?i)foo", "inline flags"),
        ("foo\\Z", "\\\\Z"),
        ("(?>foo)", "atomic"),
        ("fo++", "possessive"),
        ("fo{,2}", "{0,n}"),
    ],
)
def test_python_only_syntax_is_refused(tmp_path: Path, pattern: str, reason: str) -> None:
    assert javascript_problem(pattern) is not None
    path = _write_rules(tmp_path, GOOD_RULE.replace("\\bfoo\\b", pattern))
    with pytest.raises(KindnessRulesError) as caught:
        load_rules(path)
    message = str(caught.value)
    assert "key 'patterns[0]'" in message
    assert "JavaScript" in message
    assert re.search(reason, message)


@pytest.mark.parametrize(
    "pattern", ["\\bat\\s+least\\b", "(?:a|b)(?=c)", "[^.!?]{0,30}x", "don'?t(?!\\s+have)", "\\d{1,2}\\+"]
)
def test_shared_syntax_is_accepted(pattern: str) -> None:
    assert javascript_problem(pattern) is None


def test_pattern_that_matches_nothing_at_all_is_refused(tmp_path: Path) -> None:
    path = _write_rules(tmp_path, GOOD_RULE.replace("\\bfoo\\b", "(?:foo)?"))
    with pytest.raises(KindnessRulesError, match="can match empty text"):
        load_rules(path)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    body = (
        GOOD_RULE
        + GOOD_RULE.replace('id = "foo"', 'id = "foo"')  # a duplicate id
        + """
[[rule]]
id = "no-why"
patterns = ['''x+''']
instead = "Say y."
"""
    )
    with pytest.raises(KindnessRulesError) as caught:
        load_rules(_write_rules(tmp_path, body))
    problems = caught.value.problems
    assert any("rule 'foo': key 'id': duplicate" in p for p in problems)
    assert any("rule 'no-why': key 'why': is missing" in p for p in problems)


def test_why_must_be_one_sentence(tmp_path: Path) -> None:
    path = _write_rules(tmp_path, GOOD_RULE.replace("Foo can hurt.", "Foo hurts. It really does."))
    with pytest.raises(KindnessRulesError, match=r"key 'why': .*one sentence"):
        load_rules(path)


def test_check_can_use_another_rule_file(tmp_path: Path) -> None:
    path = _write_rules(tmp_path, GOOD_RULE)
    (flag,) = check("a foo b", rules_path=path)
    assert (flag.rule_id, flag.start, flag.end, flag.instead) == ("foo", 2, 5, "Say bar.")
    assert check("everything happens for a reason", rules_path=path) == []


def test_rules_are_cached_until_the_file_changes(tmp_path: Path) -> None:
    path = _write_rules(tmp_path, GOOD_RULE)
    first = load_rules(path)
    assert load_rules(path) is first
    path.write_text(GOOD_RULE.replace("\\bfoo\\b", "\\bbaz\\b"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    second = load_rules(path)
    assert second is not first
    assert second[0].patterns == ("\\bbaz\\b",)
    assert check("a baz b", rules_path=path)


# ---------------------------------------------------------------- rules for the browser


def test_rules_as_json_is_plain_data() -> None:
    data = rules_as_json()
    assert json.loads(json.dumps(data)) == data
    assert [item["id"] for item in data] == [rule.id for rule in load_rules()]
    for item in data:
        assert set(item) == {"id", "patterns", "unless", "why", "instead"}
        for pattern in item["patterns"] + item["unless"]:
            re.compile(pattern, re.IGNORECASE)
            assert javascript_problem(pattern) is None, pattern


_NODE_CHECK = r"""
const fs = require("fs");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const replacements = input.replacements;
function normalise(text) {
  return Array.from(text.normalize("NFC")).map((ch) => replacements[ch] || ch).join("");
}
function spans(regex, text) {
  const out = [];
  for (const m of text.matchAll(regex)) if (m[0].length) out.push([m.index, m.index + m[0].length]);
  return out;
}
const rules = input.rules.map((rule) => ({
  id: rule.id,
  patterns: rule.patterns.map((p) => new RegExp(p, "gi")),
  unless: rule.unless.map((p) => new RegExp(p, "gi")),
}));
const result = input.texts.map((raw) => {
  const text = normalise(raw);
  const ids = [];
  for (const rule of rules) {
    const cancels = rule.unless.flatMap((r) => spans(r, text));
    const hit = rule.patterns.some((r) =>
      spans(r, text).some(([s, e]) => !cancels.some(([cs, ce]) => s < ce && cs < e)));
    if (hit) ids.push(rule.id);
  }
  return ids;
});
process.stdout.write(JSON.stringify(result));
"""


def test_rules_behave_the_same_in_javascript() -> None:
    from cardshop.words.kindness import CHARACTER_REPLACEMENTS

    texts = HURTFUL + KIND + [message.text for message in load_messages()]
    texts += [text.replace("'", "\u2019") for text in HURTFUL[:40]]
    texts += [sentence for sentence, _ in REJECTION_CASES]
    payload = json.dumps({"rules": rules_as_json(), "texts": texts, "replacements": CHARACTER_REPLACEMENTS})
    done = subprocess.run(
        ["node", "-e", _NODE_CHECK], input=payload, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    in_javascript = json.loads(done.stdout)
    in_python = [sorted({flag.rule_id for flag in check(text)}) for text in texts]
    differences = [
        (text, py, sorted(js)) for text, py, js in zip(texts, in_python, in_javascript, strict=True) if py != sorted(js)
    ]
    assert not differences, differences[:5]


# Sentences that reject the phrase they contain, with the rules each should still fire.
REJECTION_CASES: list[tuple[str, list[str]]] = [
    ("I won't say everything happens for a reason, because this shouldn't have happened.", []),
    ("No one should ever tell you to move on.", []),
    ("Everything happens for a reason.", ["happens-for-a-reason"]),
    # The rejection covers its own clause only: a hurtful phrase after it is still noted.
    ("I won't say much, but at least you can try again.", ["at-least", "try-again"]),
    # A rejection also ends at a joining word: what follows "but", "and", "so"... is checked as usual.
    ("No one can say why this happened but at least you can try again", ["at-least", "try-again"]),
    ("We won't pretend to understand but God has a plan", ["gods-plan"]),
    ("I don't believe in luck and everything happens for a reason", ["happens-for-a-reason"]),
    ("I won't say a word so everything happens for a reason", ["happens-for-a-reason"]),
    ("We will never pretend to know yet it wasn't meant to be", ["not-meant-to-be"]),
    ("I won't tell you what to feel, though it's all for the best", ["happens-for-a-reason"]),
    ("Nobody should ask how you are because God has a plan", ["gods-plan"]),
    ("I'm not going to say much and everything happens for a reason", ["happens-for-a-reason"]),
    # Contractions, with a straight or curly apostrophe or none, still reject what they say.
    ("I'm not going to say I know how you feel", []),
    ("I\u2019m not going to say I know how you feel", []),
    ("Im not going to say I know how you feel.", []),
    ("We're not going to tell you everything happens for a reason.", []),
    ("I'll never say it wasn't meant to be.", []),
    ("I\u2019d never say it happened for a reason.", []),
    ("I'm not saying everything happens for a reason.", []),
    ("We won\u2019t pretend it was for the best.", []),
    ("Nobody can tell you to move on and that is true", []),
    ("No one should ever say it was God's plan.", []),
    ("I don't believe everything happens for a reason.", []),
    ("Don't let anyone tell you it wasn't meant to be.", []),
    ("No one should tell you to be strong and to move on.", []),
    ("I know how you feel.", ["know-how-you-feel"]),
]


@pytest.mark.parametrize(("sentence", "flagged"), REJECTION_CASES)
def test_a_sentence_that_rejects_the_phrase_is_left_alone(sentence: str, flagged: list[str]) -> None:
    assert sorted({flag.rule_id for flag in check(sentence)}) == flagged
