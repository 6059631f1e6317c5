"""Reading the catalogue's own TOML data files (the message library, the kindness rules): each is
an array of tables with an `id`, validated by pydantic, with every problem collected and named by
entry and key, and kept in a per-process cache keyed by the file's modification time and size so an
edit shows up on the next call."""

from __future__ import annotations

import re
import threading
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

MAX_TOML_DEPTH = 24  # arrays and tables inside each other; a card.toml needs 5
# What changes the nesting outside strings and comments, and what starts or ends one.
_TOML_TOKENS = re.compile(r'"""|\'\'\'|\\.|["\'#\n\[\]{}]', re.DOTALL)

Entry = TypeVar("Entry", bound=BaseModel)


def _nesting(text: str) -> int:
    """The deepest nesting of arrays and inline tables in TOML text, found without parsing it: the
    standard parser recurses once per level, and a file of a few thousand brackets made it fail
    with RecursionError."""
    deepest = depth = 0
    inside: str | None = None  # the string delimiter or "#" we are inside
    for match in _TOML_TOKENS.finditer(text):
        token = match.group()
        if inside is None:
            if token in ("[", "{"):
                depth += 1
                deepest = max(deepest, depth)
            elif token in ("]", "}"):
                depth = max(0, depth - 1)
            elif token in ('"""', "'''", '"', "'", "#"):
                inside = token
        elif inside == "#":
            if token == "\n":
                inside = None
        elif token == inside:
            inside = None
        elif token == "\n" and inside in ('"', "'"):
            inside = None  # a one-line string does not go past its line (the parser will complain)
    return deepest


def _data_depth(data: Any) -> int:
    """How deeply the parsed tables and arrays nest (dotted keys can nest without brackets)."""
    deepest = 0
    stack = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_TOML_DEPTH:
            break
        if isinstance(node, dict):
            stack.extend((value, depth + 1) for value in node.values())
        elif isinstance(node, list):
            stack.extend((value, depth + 1) for value in node)
    return deepest


def loads_toml(text: str) -> dict[str, Any]:
    """`tomllib.loads`, refusing text nested more than MAX_TOML_DEPTH deep (as a TOMLDecodeError)
    before the parser or anything after it can recurse that deep."""
    if _nesting(text) > MAX_TOML_DEPTH:
        raise tomllib.TOMLDecodeError(f"arrays or tables are nested more than {MAX_TOML_DEPTH} deep")
    try:
        data = tomllib.loads(text)
    except RecursionError:  # not reached after the check above; kept so it can never escape
        raise tomllib.TOMLDecodeError(f"arrays or tables are nested more than {MAX_TOML_DEPTH} deep") from None
    if _data_depth(data) > MAX_TOML_DEPTH:
        raise tomllib.TOMLDecodeError(f"keys are nested more than {MAX_TOML_DEPTH} deep")
    return data


Built = TypeVar("Built")


class DataFileError(ValueError):
    """The file could not be read or has problems; ``problems`` lists each one."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: {len(problems)} problem(s):\n" + "\n".join(f"  {p}" for p in problems))


def describe_error(error: dict[str, Any]) -> str:
    """Turn one pydantic error into "key 'x': what is wrong" in words a writer understands."""
    loc = [str(part) for part in error.get("loc", ())]
    kind = error.get("type", "")
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        message = "unknown key"
    elif kind == "missing":
        message = "is missing"
    if not loc:
        return message
    key = loc[0] + "".join(f"[{part}]" for part in loc[1:])
    return f"key '{key}': {message}"


def parse_tables(path: Path, table: str, model: type[Entry], error: type[DataFileError]) -> tuple[Entry, ...]:
    """The `[[table]]` entries of `path` as `model`s, in file order; raises `error` listing every
    problem (bad TOML, unknown top-level keys, invalid entries, duplicate ids) at once."""
    try:
        raw = loads_toml(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise error(path, [f"not valid TOML: {exc}"]) from exc
    problems = [f"unknown top-level key '{key}' ({table}s are [[{table}]] tables)" for key in raw if key != table]
    entries = raw.get(table, [])
    if not isinstance(entries, list):
        problems.append(f"'{table}' must be an array of tables ([[{table}]])")
        entries = []
    parsed: list[Entry] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            problems.append(f"{table} #{number}: must be a table")
            continue
        label = f"{table} '{entry['id']}'" if isinstance(entry.get("id"), str) else f"{table} #{number}"
        try:
            item = model.model_validate(entry)
        except ValidationError as exc:
            problems.extend(f"{label}: {describe_error(err)}" for err in exc.errors())  # type: ignore[arg-type]
            continue
        if item.id in seen:
            problems.append(f"{label}: key 'id': duplicate of {table} #{seen[item.id]}")
            continue
        seen[item.id] = number
        parsed.append(item)
    if not entries and not problems:
        problems.append(f"has no [[{table}]] tables")
    if problems:
        raise error(path, problems)
    return tuple(parsed)


class FileCache:
    """What `build` made of a file, rebuilt when the file's modification time or size changes."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[int, int], Any]] = {}
        self._lock = threading.Lock()

    def get(self, path: Path, build: Callable[[Path], Built]) -> Built:
        info = path.stat()
        stamp = (info.st_mtime_ns, info.st_size)
        with self._lock:
            cached = self._entries.get(path)
            if cached is not None and cached[0] == stamp:
                return cached[1]
        built = build(path)
        with self._lock:
            self._entries[path] = (stamp, built)
        return built
