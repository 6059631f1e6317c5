"""The kindness check: gently flag phrasings in a sender's message that often hurt after a loss.

The rules are data, in ``data/kindness.toml``: each has regular expressions (``patterns``), optional
``unless`` expressions whose match, where it overlaps a pattern's match, cancels it (so that "you
don't have to be strong" is not taken for "be strong"), a one-sentence ``why`` and an ``instead``.

Matching is case-insensitive and runs on the text after Unicode NFC normalisation with curly quotes
and unusual spaces made plain (see :data:`CHARACTER_REPLACEMENTS`), so a rule written with a
straight apostrophe also finds a curly one. Flags always index the caller's original string:
``text[flag.start:flag.end]`` is the flagged phrase exactly as typed.

The same rules feed a live check in the browser through :func:`rules_as_json`; the file is checked
on load to use only regular-expression syntax that JavaScript and Python share.

Nothing here logs or keeps the text it is given.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr

from cardshop.design.datafile import DataFileError, FileCache, parse_tables

RULES_PATH = Path(__file__).resolve().parent / "data" / "kindness.toml"

# Python flags the rules are compiled with; in JavaScript use new RegExp(pattern, "gi").
REGEX_FLAGS = re.IGNORECASE

# One character for one character, so offsets survive. The browser applies the same map.
CHARACTER_REPLACEMENTS: dict[str, str] = {
    "\u2018": "'",  # left single quotation mark
    "\u2019": "'",  # right single quotation mark (the usual curly apostrophe)
    "\u201a": "'",  # single low-9 quotation mark
    "\u201b": "'",  # single high-reversed-9 quotation mark
    "\u2032": "'",  # prime
    "\u02bc": "'",  # modifier letter apostrophe
    "\uff07": "'",  # fullwidth apostrophe
    "\u201c": '"',  # left double quotation mark
    "\u201d": '"',  # right double quotation mark
    "\u201e": '"',  # double low-9 quotation mark
    "\u201f": '"',  # double high-reversed-9 quotation mark
    "\u2033": '"',  # double prime
    "\uff02": '"',  # fullwidth quotation mark
    "\u00a0": " ",  # no-break space
    "\u2007": " ",  # figure space
    "\u202f": " ",  # narrow no-break space
    "\u2002": " ",  # en space
    "\u2003": " ",  # em space
    "\u2009": " ",  # thin space
    "\u200a": " ",  # hair space
    "\u2011": "-",  # non-breaking hyphen
}
_TRANSLATION = str.maketrans(CHARACTER_REPLACEMENTS)

# A sentence that rejects the hurtful phrase it contains is kind: "I won't say everything happens for
# a reason", "No one should ever tell you to move on". Each expression runs from the rejecting words to
# the end of the clause and is added to every rule's ``unless``, so a phrase inside it is not flagged
# (here and in the browser, which receives it with the rules). The clause ends at punctuation or at a
# joining word ("but", "and", "so", "because"...), so a phrase after it is checked as usual: "We won't
# pretend to understand but God has a plan" is still noted. "and to"/"and that" carry the same
# rejection on ("No one should tell you to move on and to forget").
_CLAUSE_END = r"(?:but|and(?!\s+(?:to|that)\b)|so|yet|though|although|because|since|while|whereas|however)"
_REST_OF_CLAUSE = r"(?:(?!\b" + _CLAUSE_END + r"\b)[^.!?;:,\n])*"
_SAY = r"(?:say|saying|tell\s+you|telling\s+you|pretend|pretending)\b"
REJECTIONS: tuple[str, ...] = (
    # I won't / we will never / I'd never / I'll never / I'm not going to / we're not ... say, tell you, pretend.
    r"\b(?:I|we)(?:\s+(?:won'?t|will\s+not|wouldn'?t|would\s+not|would\s+never|will\s+never)|'?ll\s+never|'?d\s+never"
    r"|(?:'?m|'?re|\s+am|\s+are)\s+(?:not|never)(?:\s+going\s+to)?)\s+(?:ever\s+)?" + _SAY + _REST_OF_CLAUSE,
    r"\b(?:no\s*one|nobody)\s+(?:should|has\s+the\s+right\s+to|can)\s+(?:ever\s+)?(?:tell|say|ask|make)\b"
    + _REST_OF_CLAUSE,
    r"\b(?:don'?t|do\s+not|never)\s+let\s+(?:anyone|anybody|people)\s+(?:tell|say)\b" + _REST_OF_CLAUSE,
    r"\b(?:I|we)\s+(?:don'?t|do\s+not|won'?t|will\s+not)\s+believe\b" + _REST_OF_CLAUSE,
)

_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Text a pattern must never match with zero width (a pattern that can would flag everything).
_EMPTY_PROBE = " at least, a b. I you 'x' 12 "


class KindnessRulesError(DataFileError):
    """The rule file could not be read or has problems; ``problems`` lists each one."""


def javascript_problem(pattern: str) -> str | None:
    """Why ``pattern`` would not behave the same in JavaScript, or ``None`` if it is portable.

    A conservative check: it rejects syntax Python accepts but JavaScript lacks or reads differently
    (named groups, lookbehinds, inline flags, atomic groups, possessive quantifiers, conditionals,
    comments, ``\\A``/``\\Z``/``\\z``/``\\G``, ``{,n}``) and escapes JavaScript does not know.
    """
    allowed_letter_escapes = set("bBdDwWsSnrtfvux")
    in_class = False
    i = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            if i + 1 >= n:
                return "ends with a lone backslash"
            nxt = pattern[i + 1]
            if nxt in "AZzG":
                return f"uses \\{nxt}, which JavaScript does not support"
            if nxt.isalpha() and nxt not in allowed_letter_escapes:
                return f"uses the escape \\{nxt}, which JavaScript reads differently"
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
            elif ch == "[" and i + 1 < n and pattern[i + 1] == ":":
                return "uses a POSIX class like [:alpha:], which neither Python nor JavaScript supports"
            i += 1
            continue
        if ch == "[":
            in_class = True
            # A ']' straight after '[' or '[^' is literal in Python but ends an empty class in JavaScript.
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                return "starts a character class with ']', which JavaScript reads as an empty class"
            i = j
            continue
        if ch == "(" and i + 1 < n and pattern[i + 1] == "?":
            kind = pattern[i + 2 : i + 3]
            if kind in (":", "=", "!"):
                i += 3
                continue
            if pattern[i + 2 : i + 4] in ("<=", "<!"):
                return "uses a lookbehind; use a lookahead or match the text instead"
            if kind in ("P", "<"):
                return "uses a named group; use (?:...) instead"
            if kind == ">":
                return "uses an atomic group, which JavaScript does not support"
            if kind == "#":
                return "uses a (?#...) comment, which JavaScript does not support"
            if kind == "(":
                return "uses a conditional group, which JavaScript does not support"
            return "uses inline flags such as (?i); the rules are already case-insensitive"
        if ch in "*+?}" and i + 1 < n and pattern[i + 1] == "+":
            return "uses a possessive quantifier, which JavaScript does not support"
        if ch == "{" and i + 1 < n and pattern[i + 1] == ",":
            return "uses {,n}; write {0,n}"
        i += 1
    return None


def _check_pattern(pattern: str) -> str:
    """Validate one regular expression: it compiles, is portable to JavaScript, never matches empty."""
    if not pattern.strip():
        raise ValueError("is empty")
    try:
        compiled = re.compile(pattern, REGEX_FLAGS)
    except re.error as exc:
        raise ValueError(f"bad regular expression ({exc}): {pattern}") from exc
    problem = javascript_problem(pattern)
    if problem:
        raise ValueError(f"not portable to JavaScript: {problem}: {pattern}")
    if compiled.match("") is not None or any(m.start() == m.end() for m in compiled.finditer(_EMPTY_PROBE)):
        raise ValueError(f"can match empty text, so it would flag everything: {pattern}")
    return pattern


Pattern = Annotated[StrictStr, AfterValidator(_check_pattern)]


def _plain_text(text: str) -> str:
    if not text.strip():
        raise ValueError("is empty")
    if text != text.strip():
        raise ValueError("has leading or trailing spaces")
    return text


def _one_sentence(text: str) -> str:
    _plain_text(text)
    if not text.endswith("."):
        raise ValueError("should be one sentence ending with a full stop")
    if re.search(r"[.!?]\s+[A-Z]", text):
        raise ValueError("should be one sentence")
    return text


class Rule(BaseModel):
    """One kindness rule as written in the file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[StrictStr, Field(pattern=_SLUG)]
    patterns: Annotated[tuple[Pattern, ...], Field(min_length=1)]
    unless: tuple[Pattern, ...] = ()
    why: Annotated[StrictStr, AfterValidator(_one_sentence)]
    instead: Annotated[StrictStr, AfterValidator(_plain_text)]


@dataclass(frozen=True, slots=True)
class Flag:
    """One flagged phrase: ``text[start:end] == matched_text`` in the text given to :func:`check`."""

    rule_id: str
    start: int
    end: int
    matched_text: str
    why: str
    instead: str


@dataclass(frozen=True, slots=True)
class _CompiledRule:
    rule: Rule
    patterns: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class _RuleSet:
    rules: tuple[Rule, ...]
    compiled: tuple[_CompiledRule, ...]


_cache = FileCache()


def _rule_set(path: Path | str | None) -> _RuleSet:
    target = Path(path).resolve() if path is not None else RULES_PATH
    return _cache.get(target, _compile)


def _compile(path: Path) -> _RuleSet:
    rules = tuple(
        rule.model_copy(update={"unless": (*rule.unless, *REJECTIONS)})
        for rule in parse_tables(path, "rule", Rule, KindnessRulesError)
    )
    return _RuleSet(
        rules=rules,
        compiled=tuple(
            _CompiledRule(
                rule=rule,
                patterns=tuple(re.compile(p, REGEX_FLAGS) for p in rule.patterns),
                unless=tuple(re.compile(p, REGEX_FLAGS) for p in rule.unless),
            )
            for rule in rules
        ),
    )


def load_rules(path: Path | str | None = None) -> tuple[Rule, ...]:
    """The rules in ``path`` (the shipped rules by default), validated and cached per process.

    The cache is keyed by the file's modification time and size. Raises :class:`KindnessRulesError`
    naming the file, rule and key of every problem.
    """
    return _rule_set(path).rules


for _pattern in REJECTIONS:
    _check_pattern(_pattern)


def normalise(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    """The text the rules run on, with maps back to ``text``.

    Returns ``(normalised, starts, ends)``: normalised character ``i`` came from
    ``text[starts[i]:ends[i]]``. Both maps are ``None`` when every character maps to itself.

    NFC can merge characters (``e`` plus a combining accent becomes ``é``), so the text is normalised
    in pieces that each begin at an ASCII character: no composition crosses such a boundary, so the
    pieces normalise independently and each keeps track of where it came from.
    """
    if text.isascii():
        return text, None, None
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    identity = True
    i = 0
    n = len(text)
    while i < n:
        j = i + 1
        while j < n and not text[j].isascii():
            j += 1
        piece = text[i:j]
        normal = unicodedata.normalize("NFC", piece)
        if normal == piece:
            starts.extend(range(i, j))
            ends.extend(range(i + 1, j + 1))
        else:
            identity = False
            starts.extend([i] * len(normal))
            ends.extend([j] * len(normal))
        pieces.append(normal)
        i = j
    normalised = "".join(pieces).translate(_TRANSLATION)
    if identity:
        return normalised, None, None
    return normalised, starts, ends


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _spans(rule: _CompiledRule, text: str) -> list[tuple[int, int]]:
    """Merged, non-overlapping spans in ``text`` where ``rule`` fires, not cancelled by ``unless``."""
    cancels = [m.span() for pattern in rule.unless for m in pattern.finditer(text) if m.end() > m.start()]
    found = sorted(
        m.span()
        for pattern in rule.patterns
        for m in pattern.finditer(text)
        if m.end() > m.start() and not any(_overlaps(m.span(), c) for c in cancels)
    )
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def check(text: str, *, rules_path: Path | str | None = None) -> list[Flag]:
    """Flags for phrasings in ``text`` that often hurt, sorted by where they start.

    One rule never gives two overlapping flags (overlapping matches are merged into one); different
    rules may flag overlapping text. Offsets index ``text`` itself, whatever its quotes or accents.
    """
    if not text:
        return []
    rules = _rule_set(rules_path).compiled
    normalised, starts, ends = normalise(text)
    flags: list[tuple[int, int, int, Flag]] = []
    for order, rule in enumerate(rules):
        for found_start, found_end in _spans(rule, normalised):
            start, end = found_start, found_end
            if starts is not None and ends is not None:
                start, end = starts[found_start], ends[found_end - 1]
            flag = Flag(
                rule_id=rule.rule.id,
                start=start,
                end=end,
                matched_text=text[start:end],
                why=rule.rule.why,
                instead=rule.rule.instead,
            )
            flags.append((start, end, order, flag))
    flags.sort(key=lambda item: item[:3])
    return [item[3] for item in flags]


def rules_as_json(*, rules_path: Path | str | None = None) -> list[dict[str, Any]]:
    """The rules as plain data for the browser's live check (``json.dumps`` takes it as it is).

    Each item has ``id``, ``patterns``, ``unless``, ``why`` and ``instead``. To match as :func:`check`
    does: normalise the text with ``text.normalize("NFC")`` and :data:`CHARACTER_REPLACEMENTS`, run
    each pattern with ``new RegExp(pattern, "gi")``, drop a match that overlaps a match of any of the
    rule's ``unless`` expressions, and merge overlapping matches of one rule.
    """
    return [
        {
            "id": rule.id,
            "patterns": list(rule.patterns),
            "unless": list(rule.unless),
            "why": rule.why,
            "instead": rule.instead,
        }
        for rule in load_rules(rules_path)
    ]
