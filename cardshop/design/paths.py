"""Keeping a design's file references inside its own folder, reading only regular files, and
writing file names safely into log lines."""

from __future__ import annotations

import os
import stat
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


class NotRegularFile(OSError):
    """A path that is a FIFO, a device, a socket or a folder: reading one could block or never end."""


class FileTooLarge(OSError):
    """A file larger than the reader allows."""


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of `path`, which must be a regular file of at most `max_bytes`.

    Checked with stat before it is opened and again on the open file (it may have been swapped in
    between), and opened without blocking: opening a FIFO for reading would otherwise wait for a
    writer forever, and with it the worker that asked."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise NotRegularFile(f"{path.name} is not a regular file")
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(f"{path.name} is not a regular file")
        if info.st_size > max_bytes:
            raise FileTooLarge(f"{path.name} is larger than {max_bytes:,} bytes")
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(descriptor, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(descriptor)
    if size > max_bytes:
        raise FileTooLarge(f"{path.name} is larger than {max_bytes:,} bytes")
    return b"".join(chunks)


def printable(text: str) -> str:
    """`text` safe for one log line: control, format and other invisible characters (a newline, an
    escape sequence, a right-to-left override in a folder's name) written as escapes."""
    return "".join(char if char.isprintable() else ascii(char)[1:-1] for char in str(text))
