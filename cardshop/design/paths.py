"""Keeping a design's file references inside its own folder."""

from __future__ import annotations

from pathlib import Path, PurePosixPath


class UnsafePath(ValueError):
    """A path that would leave the design's folder."""


def resolve_inside(folder: Path, relative: str) -> Path:
    """Resolve `relative` against `folder`, refusing absolute paths, `..` and symlinks that lead out."""
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in relative):
        # A NUL byte would otherwise escape as a ValueError from the operating system.
        raise UnsafePath(f"{relative!r} contains a control character")
    pure = PurePosixPath(relative.replace("\\", "/"))
    if not pure.parts:
        raise UnsafePath("the path is empty")
    if pure.is_absolute() or ":" in pure.parts[0]:  # "C:" drives too
        raise UnsafePath(f"{relative!r} is an absolute path")
    if ".." in pure.parts:
        raise UnsafePath(f"{relative!r} goes outside the design's folder")
    candidate = folder.joinpath(*pure.parts)
    try:
        resolved = candidate.resolve()
    except (OSError, RuntimeError) as error:  # a name too long, a symlink loop
        raise UnsafePath(f"{relative!r} cannot be resolved ({error.__class__.__name__})") from None
    if not resolved.is_relative_to(folder.resolve()):
        raise UnsafePath(f"{relative!r} points outside the design's folder (a symlink?)")
    return resolved
