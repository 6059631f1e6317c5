"""Keeping a design's file references inside its own folder."""

from __future__ import annotations

from pathlib import Path, PurePosixPath


class UnsafePath(ValueError):
    """A path that would leave the design's folder."""


def resolve_inside(folder: Path, relative: str) -> Path:
    """Resolve `relative` against `folder`, refusing absolute paths, `..` and symlinks that lead out."""
    pure = PurePosixPath(relative.replace("\\", "/"))
    if not pure.parts:
        raise UnsafePath("the path is empty")
    if pure.is_absolute() or ":" in pure.parts[0]:  # "C:" drives too
        raise UnsafePath(f"{relative!r} is an absolute path")
    if ".." in pure.parts:
        raise UnsafePath(f"{relative!r} goes outside the design's folder")
    candidate = folder.joinpath(*pure.parts)
    resolved = candidate.resolve()
    if not resolved.is_relative_to(folder.resolve()):
        raise UnsafePath(f"{relative!r} points outside the design's folder (a symlink?)")
    return resolved
