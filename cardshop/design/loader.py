"""Loading designs from `card_templates/`: one folder each, a `card.toml` plus artwork.

Every problem is collected with its file and key rather than stopping at the first, so a designer
sees them all at once; a design with problems is left out of the gallery while the others keep
working.
"""

from __future__ import annotations

import difflib
import logging
import re
import threading
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args, get_origin

from pydantic import BaseModel, ValidationError

from cardshop.design.datafile import loads_toml
from cardshop.design.models import Design
from cardshop.design.paths import FileTooLarge, NotRegularFile, UnsafePath, printable, read_regular_file, resolve_inside

DATA_FILE = "card.toml"
MAX_DATA_FILE_BYTES = 256 * 1024  # the longest shipped card.toml is about 4 KB
TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "card_templates"
log = logging.getLogger("cardshop.designs")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a design, in a designer's terms."""

    path: Path
    key: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        fix = f" Fix: {self.fix}" if self.fix else ""
        return f"{self.path}: {self.key}: {self.message}.{fix}"


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a reload makes a new one
class LoadedDesign:
    slug: str
    folder: Path
    design: Design


@dataclass
class Catalog:
    root: Path
    designs: dict[str, LoadedDesign] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def get(self, slug: str) -> LoadedDesign | None:
        return self.designs.get(slug)


def _key_path(location: tuple) -> str:
    key = ""
    for part in location:
        if isinstance(part, int):
            key += f"[{part}]"
        else:
            key += f".{part}" if key else str(part)
    return key or "(top level)"


def _allowed_keys(location: tuple) -> list[str]:
    """The keys the model allows at the parent of `location`, for 'did you mean' hints."""
    model: type[BaseModel] | None = Design
    keyed = False  # the part after a dict-valued key (`form.<field>`) is the dict's own key
    for part in location[:-1]:
        if isinstance(part, int) or model is None or keyed:
            keyed = False
            continue
        info = model.model_fields.get(part)
        if info is None:
            return []
        keyed = get_origin(info.annotation) is dict
        model = _model_of(info.annotation)
    return list(model.model_fields) if model else []


def _model_of(annotation) -> type | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_of(arg)
        if found:
            return found
    return None


def _validation_problems(path: Path, error: ValidationError) -> list[Problem]:
    problems = []
    for item in error.errors():
        location = tuple(item["loc"])
        key = _key_path(location)
        if item["type"] == "extra_forbidden":
            allowed = _allowed_keys(location)
            guess = difflib.get_close_matches(str(location[-1]), allowed, n=1)
            fix = f"did you mean `{guess[0]}`?" if guess else f"allowed keys here: {', '.join(allowed)}"
            problems.append(Problem(path, key, "unknown key", fix))
        elif item["type"] == "missing":
            problems.append(Problem(path, key, "this key is required", "add it; see docs/designing-cards.md"))
        elif item["type"] == "literal_error":
            problems.append(_choice_problem(path, key, item))
        else:
            message = item["msg"].removeprefix("Value error, ")
            problems.append(Problem(path, key, message))
    return problems


def _choice_problem(path: Path, key: str, item: dict) -> Problem:
    """A value that must be one of a few words: say which, and guess the one that was meant."""
    # pydantic lists the choices as "'a', 'b' or 'c'"; the quoted words are the allowed values.
    expected = str((item.get("ctx") or {}).get("expected", ""))
    allowed = re.findall(r"'([^']*)'", expected) or ([expected] if expected else [])
    given = item.get("input")
    guess = difflib.get_close_matches(given, allowed, n=1) if isinstance(given, str) and allowed else []
    if guess:
        fix = f"did you mean {guess[0]!r}?"
    else:
        fix = f"use one of: {', '.join(allowed)}" if allowed else "see docs/designing-cards.md"
    return Problem(path, key, f"{given!r} is not allowed here", fix)


# A check run on a design that parsed: (folder, card.toml's path, design) -> its problems. The loader
# knows only the format; checks that need the engine (can its art be read, are its fonts ours) are
# handed in by the floor above (cardshop.studio.catalogue).
DesignCheck = Callable[[Path, Path, Design], list[Problem]]


def load_design(folder: Path, checks: Sequence[DesignCheck] = ()) -> tuple[LoadedDesign | None, list[Problem]]:
    """Parse and validate one design folder, then run `checks` on it; returns the design (or None,
    if anything is wrong) and its problems."""
    path = folder / DATA_FILE
    try:
        data = loads_toml(_read_data_file(folder))
    except FileNotFoundError:
        return None, [Problem(path, "(file)", "there is no card.toml in this folder", "add one")]
    except UnsafePath as unsafe:
        return None, [Problem(path, "(file)", str(unsafe), "make card.toml a plain file in the design's folder")]
    except NotRegularFile:
        return None, [Problem(path, "(file)", "card.toml is not a regular file", "make it a plain text file")]
    except FileTooLarge:
        return None, [Problem(path, "(file)", f"larger than {MAX_DATA_FILE_BYTES // 1024} KB", "shorten it")]
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(path, "(file)", f"cannot read the file ({error})")]
    except tomllib.TOMLDecodeError as error:
        return None, [Problem(path, "(file)", f"not valid TOML: {error}", "check quotes, brackets and commas")]
    try:
        design = Design.model_validate(data)
    except ValidationError as error:
        return None, _validation_problems(path, error)
    except RecursionError:  # not reached: loads_toml refuses deep nesting; kept so it never escapes
        return None, [Problem(path, "(file)", "nested too deeply")]
    problems = [problem for check in checks for problem in check(folder, path, design)]
    if problems:
        return None, problems
    return LoadedDesign(folder.name, folder, design), []


def _read_data_file(folder: Path) -> str:
    """card.toml's text: a regular file inside the folder (not a symlink out of it, not a FIFO), of
    a sensible size."""
    return read_regular_file(resolve_inside(folder, DATA_FILE), MAX_DATA_FILE_BYTES).decode("utf-8")


def design_folders(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def load_catalog(root: Path = TEMPLATES_DIR, checks: Sequence[DesignCheck] = ()) -> Catalog:
    catalog = Catalog(root)
    for folder in design_folders(root):
        loaded, problems = load_design(folder, checks)
        catalog.problems.extend(problems)
        if loaded:
            catalog.designs[loaded.slug] = loaded
    return catalog


def catalog_signature(root: Path) -> tuple:
    """Changes whenever a file in a design folder is added, removed or edited."""
    entries = []
    for folder in design_folders(root):
        entries.append((str(folder), 0, 0))  # a new, still empty folder counts too
        for file in sorted(folder.rglob("*")):
            try:
                stat = file.stat()
            except OSError:
                continue
            entries.append((str(file), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


def log_problems(problems: list[Problem]) -> None:
    """Each problem on one log line, with its file and key: the design is not offered until fixed.
    Names and messages come from files, so anything that could break the line is escaped."""
    for problem in problems:
        log.warning("design left out: %s", printable(str(problem)))


class CatalogCache:
    """Holds the loaded catalogue; with `watch` on, reloads it when a design folder changes."""

    def __init__(self, root: Path = TEMPLATES_DIR, watch: bool = False, checks: Sequence[DesignCheck] = ()):
        self.root = root
        self.watch = watch
        self.checks = tuple(checks)
        self._lock = threading.Lock()
        self._catalog: Catalog | None = None
        self._signature: tuple | None = None

    def get(self) -> Catalog:
        with self._lock:
            if self._catalog is None or self.watch:
                signature = catalog_signature(self.root) if self.watch else None
                if self._catalog is None or signature != self._signature:
                    self._catalog = load_catalog(self.root, self.checks)
                    self._signature = signature
                    log_problems(self._catalog.problems)
            return self._catalog
