"""Correct ToUnicode maps for characters beyond U+FFFF (emoji, rare Han, historic scripts).

The glyphs ReportLab prints are right, but its ToUnicode map (what PDF readers use to copy, search
and read text aloud) writes every code point as `<%04X>`: U+1F44D becomes `<1F44D>`, which a reader
takes as the bytes 1F 44 D0, so a copied emoji comes out as "ὄ" plus junk. PDF wants UTF-16BE there,
that is a surrogate pair: `<D83DDC4D>`.

`install()` wraps ReportLab's function and rewrites only those entries. It is written by hand
because the fix is not in any ReportLab release we can pin; it checks the bug is still there first,
so a ReportLab that fixes it is left alone.
"""

from __future__ import annotations

import re
import threading

from reportlab.pdfbase import ttfonts

_ENTRY = re.compile(r"^<([0-9A-F]{2})> <([0-9A-F]{5,6})>$", re.MULTILINE)
_lock = threading.Lock()


def _utf16_hex(match: re.Match) -> str:
    code_point = int(match.group(2), 16)
    return f"<{match.group(1)}> <{chr(code_point).encode('utf-16-be').hex().upper()}>"


def _has_bug(make_cmap) -> bool:
    return "<1F600>" in make_cmap("Probe", [0x1F600])


def install() -> None:
    """Make ReportLab's ToUnicode maps encode code points beyond U+FFFF as UTF-16 (idempotent)."""
    with _lock:
        original = ttfonts.makeToUnicodeCMap
        if getattr(original, "_cardshop_fixed", False) or not _has_bug(original):
            return

        def make_to_unicode_cmap(fontname, subset):
            return _ENTRY.sub(_utf16_hex, original(fontname, subset))

        make_to_unicode_cmap._cardshop_fixed = True
        ttfonts.makeToUnicodeCMap = make_to_unicode_cmap
