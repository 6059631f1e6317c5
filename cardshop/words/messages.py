"""The message library: ready-written words a sender can start from, and suggestions drawn from them.

Messages live in ``data/messages.toml`` as ``[[message]]`` tables. Each is tagged with the loss,
recipient and occasion it suits (slugs from :mod:`cardshop.design.vocabulary`, or ``"any"``) and
the design tones it sits well with. Faith-based messages are marked ``faith = true`` and offered only
when asked for. A message that says the baby's name holds the placeholder ``{baby_name}`` and is
offered only when the sender has given a name, which is then filled in.

The file is validated when it is loaded: every problem is reported at once, each naming the file,
the message and the key. The loaded library is cached per process and re-read when the file's
modification time (or size) changes, so an edited file is picked up without a restart.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from cardshop.design.datafile import DataFileError, FileCache, parse_tables
from cardshop.design.models import MAX_FIELD_LENGTH_FACTOR
from cardshop.design.vocabulary import FIELD_MAX_LENGTHS, LOSS, OCCASION, RECIPIENT, TONE

MESSAGES_PATH = Path(__file__).resolve().parent / "data" / "messages.toml"

ANY = "any"
BABY_NAME_PLACEHOLDER = "{baby_name}"
FAITH_TONE = "faith"
MAX_MESSAGE_LENGTH = FIELD_MAX_LENGTHS["message"]
MAX_BABY_NAME_LENGTH = FIELD_MAX_LENGTHS["baby_name"]
# A design may let the name field hold more (two names on a card for twins); suggestions take any name
# a design allows, and leave out a message that would grow past the message field's limit with it.
MAX_SUGGESTED_NAME_LENGTH = MAX_BABY_NAME_LENGTH * MAX_FIELD_LENGTH_FACTOR

_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_TAGGED = ("loss", "recipient", "occasion")
_VOCABULARIES: dict[str, dict[str, str]] = {
    "loss": LOSS,
    "recipient": RECIPIENT,
    "occasion": OCCASION,
    "tone": TONE,
}


class MessageLibraryError(DataFileError):
    """The message file could not be read or has problems; ``problems`` lists each one."""


def _check_tags(field: str, values: tuple[str, ...]) -> tuple[str, ...]:
    """Check one tag list against its vocabulary; ``"any"`` must stand alone (never for tone)."""
    vocabulary = _VOCABULARIES[field]
    if not values:
        raise ValueError("must list at least one slug")
    allow_any = field in _TAGGED
    if ANY in values:
        if not allow_any:
            raise ValueError(f"'any' is not allowed for {field}; list the slugs")
        if len(values) > 1:
            raise ValueError("'any' must stand alone")
        return values
    unknown = [value for value in values if value not in vocabulary]
    if unknown:
        names = ", ".join(repr(u) for u in unknown)
        expected = ("'any' or one of: " if allow_any else "one of: ") + ", ".join(vocabulary)
        raise ValueError(f"unknown slug(s) {names}; expected {expected}")
    if len(set(values)) != len(values):
        raise ValueError("lists a slug more than once")
    return values


class Message(BaseModel):
    """One message in the library, as written in the file (or with the baby's name filled in)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[StrictStr, Field(pattern=_SLUG)]
    text: StrictStr
    loss: tuple[StrictStr, ...]
    recipient: tuple[StrictStr, ...]
    occasion: tuple[StrictStr, ...]
    tone: tuple[StrictStr, ...]
    faith: StrictBool = False
    uses_baby_name: StrictBool = False

    @field_validator("loss", "recipient", "occasion", "tone")
    @classmethod
    def _valid_tags(cls, values: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        return _check_tags(info.field_name, values)

    @field_validator("text")
    @classmethod
    def _valid_text(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("is empty")
        if text != text.strip():
            raise ValueError("has leading or trailing spaces")
        if any(ord(ch) < 32 for ch in text):
            raise ValueError("contains a line break or control character")
        leftover = text.replace(BABY_NAME_PLACEHOLDER, "")
        if "{" in leftover or "}" in leftover:
            raise ValueError("has a brace that is not part of the {baby_name} placeholder")
        uses = text.count(BABY_NAME_PLACEHOLDER)
        longest = len(text) + uses * (MAX_BABY_NAME_LENGTH - len(BABY_NAME_PLACEHOLDER))
        if longest > MAX_MESSAGE_LENGTH:
            raise ValueError(
                f"is {longest} characters with a {MAX_BABY_NAME_LENGTH}-character name filled in; "
                f"the most a message may be is {MAX_MESSAGE_LENGTH}"
            )
        return text

    @model_validator(mode="after")
    def _consistent(self) -> Message:
        has_placeholder = BABY_NAME_PLACEHOLDER in self.text
        if has_placeholder and not self.uses_baby_name:
            raise ValueError("key 'uses_baby_name': text contains {baby_name}, so set uses_baby_name = true")
        if self.uses_baby_name and not has_placeholder:
            raise ValueError("key 'uses_baby_name': is true but the text has no {baby_name} placeholder")
        if self.faith != (FAITH_TONE in self.tone):
            raise ValueError("key 'faith': faith = true and the 'faith' tone must go together")
        return self

    def matches(self, dimension: str, wanted: str) -> bool:
        """Whether this message fits ``wanted`` for a tag dimension (``"any"`` fits everything)."""
        tags: tuple[str, ...] = getattr(self, dimension)
        return wanted in tags or ANY in tags

    def with_baby_name(self, baby_name: str) -> Message:
        """A copy with every ``{baby_name}`` replaced by ``baby_name`` (taken literally)."""
        return self.model_copy(update={"text": self.text.replace(BABY_NAME_PLACEHOLDER, baby_name)})


_cache = FileCache()


def load_messages(path: Path | str | None = None) -> tuple[Message, ...]:
    """The messages in ``path`` (the shipped library by default), in file order.

    Cached per process and keyed by the file's modification time and size. Raises
    :class:`MessageLibraryError` naming the file, message and key of every problem.
    """
    target = Path(path).resolve() if path is not None else MESSAGES_PATH
    return _cache.get(target, lambda file: parse_tables(file, "message", Message, MessageLibraryError))


def _wanted(dimension: str, value: str | None) -> str | None:
    """Check a filter value: ``None`` (or ``"any"``) means no filter; anything else must be a slug."""
    if value is None or value == ANY:
        return None
    if value not in _VOCABULARIES[dimension]:
        raise ValueError(f"unknown {dimension} {value!r}; expected one of: {', '.join(_VOCABULARIES[dimension])}")
    return value


_SPACES = re.compile(r"\s+")


def suggest(
    loss: str | None = None,
    recipient: str | None = None,
    occasion: str | None = None,
    tone: str | None = None,
    include_faith: bool = False,
    baby_name: str | None = None,
    limit: int | None = None,
    *,
    path: Path | str | None = None,
) -> list[Message]:
    """Messages that fit the sender's choices, closest first.

    A message fits a loss, recipient or occasion when it is tagged with it or with ``"any"``; it fits
    a tone only when tagged with that tone. Faith-based messages are left out unless
    ``include_faith`` is true or the ``"faith"`` tone is asked for. Messages that say the baby's name
    are left out when no name is given; with a name, ``{baby_name}`` is filled in.

    Order: messages tagged with more of the chosen values themselves (rather than through ``"any"``)
    come first; among equally close ones, secular messages lead, then (when a name is given)
    messages that use it, then file order.
    """
    wanted = {
        "loss": _wanted("loss", loss),
        "recipient": _wanted("recipient", recipient),
        "occasion": _wanted("occasion", occasion),
    }
    wanted_tone = _wanted("tone", tone)
    if limit is not None and limit < 0:
        raise ValueError("limit must be zero or more")
    name = _SPACES.sub(" ", baby_name).strip() if baby_name else ""
    if len(name) > MAX_SUGGESTED_NAME_LENGTH:
        raise ValueError(f"baby_name is longer than {MAX_SUGGESTED_NAME_LENGTH} characters")
    allow_faith = include_faith or wanted_tone == FAITH_TONE

    ranked: list[tuple[tuple[int, bool, bool, int], Message]] = []
    for index, message in enumerate(load_messages(path)):
        if message.faith and not allow_faith:
            continue
        if message.uses_baby_name and not name:
            continue
        if wanted_tone is not None and wanted_tone not in message.tone:
            continue
        if not all(value is None or message.matches(dim, value) for dim, value in wanted.items()):
            continue
        closeness = sum(1 for dim, value in wanted.items() if value is not None and value in getattr(message, dim))
        key = (-closeness, message.faith, bool(name) and not message.uses_baby_name, index)
        ranked.append((key, message))
    ranked.sort(key=lambda pair: pair[0])
    results = [message.with_baby_name(name) if message.uses_baby_name else message for _, message in ranked]
    results = [message for message in results if len(message.text) <= MAX_MESSAGE_LENGTH]
    return results if limit is None else results[:limit]
