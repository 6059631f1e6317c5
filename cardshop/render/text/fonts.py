"""The font registry: reads fonts/manifest.toml and registers each face with ReportLab once per process.

Designs name a family ("EB Garamond") and a style ("italic"); ReportLab needs a registered face name.
This module maps one to the other and knows which faces exist, so a design naming a missing font is
caught by the catalogue instead of failing mid-render. It also keeps, per face, what the renderer's
text pipeline asks of a font: which characters the file maps, and a HarfBuzz font for shaping.
"""

from __future__ import annotations

import re
import threading
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import uharfbuzz
from reportlab.pdfbase import pdfmetrics

from cardshop.design.paths import UnsafePath, resolve_inside
from cardshop.render.text.embedding import CardFont

FONTS_DIR = Path(__file__).resolve().parents[3] / "fonts"
STYLES = ("regular", "italic", "bold", "bold_italic")

_register_lock = threading.Lock()


class FontError(Exception):
    """The manifest or a font file is missing or unusable."""


@dataclass(frozen=True)
class FontFamily:
    name: str
    role: str
    files: dict[str, Path]  # style -> file
    licence: Path
    scripts: tuple[str, ...] = ()

    def face_name(self, style: str) -> str:
        """ReportLab's name for this family's face in `style`, falling back to the nearest style it has."""
        chosen = style if style in self.files else _nearest_style(style, self.files)
        return _face_name(self.name, chosen)


@dataclass(frozen=True)
class FontManifest:
    families: dict[str, FontFamily]
    fallbacks: tuple[FontFamily, ...] = field(default=())


def _face_name(family: str, style: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", family) + "-" + style


def _nearest_style(style: str, available: dict[str, Path]) -> str:
    order = {
        "regular": ["regular"],
        "italic": ["italic", "regular"],
        "bold": ["bold", "regular"],
        "bold_italic": ["bold_italic", "bold", "italic", "regular"],
    }[style]
    return next(candidate for candidate in order if candidate in available)


def _family_from_table(table: dict, fonts_dir: Path, role: str) -> FontFamily:
    try:
        name = table["name"]
        files = {style: _font_file(fonts_dir, table[style]) for style in STYLES if style in table}
        if "regular" not in files:
            raise FontError(f"fonts/manifest.toml: family {name!r} has no `regular` file")
        return FontFamily(
            name=name,
            role=table.get("role", role),
            files=files,
            licence=_font_file(fonts_dir, table["licence"]),
            scripts=tuple(table.get("scripts", ())),
        )
    except KeyError as missing:
        raise FontError(f"fonts/manifest.toml: a font entry is missing the key {missing}") from None


def _font_file(fonts_dir: Path, relative: str) -> Path:
    """A file named in the manifest, which must be inside fonts/ (no `..`, absolute path or symlink out)."""
    try:
        return resolve_inside(fonts_dir, relative)
    except UnsafePath as unsafe:
        raise FontError(f"fonts/manifest.toml: {unsafe}; font files must be inside fonts/") from None


@cache
def load_manifest(fonts_dir: Path = FONTS_DIR) -> FontManifest:
    """Read the manifest once per process."""
    path = fonts_dir / "manifest.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise FontError(f"{path}: {error}") from None
    families = {}
    for table in data.get("family", []):
        family = _family_from_table(table, fonts_dir, "design")
        families[family.name] = family
    fallbacks = tuple(_family_from_table(table, fonts_dir, "fallback") for table in data.get("fallback", []))
    return FontManifest(families, fallbacks)


def family_names() -> list[str]:
    return list(load_manifest().families)


_registered: set[str] = set()


def _register_family(family: FontFamily) -> None:
    for style, path in family.files.items():
        face = _face_name(family.name, style)
        if face not in _registered:
            pdfmetrics.registerFont(CardFont(face, str(path)))
            _registered.add(face)


def register_all() -> FontManifest:
    """Register every face in the manifest with ReportLab; cheap after the first call."""
    manifest = load_manifest()
    with _register_lock:
        for family in (*manifest.families.values(), *manifest.fallbacks):
            _register_family(family)
    return manifest


@cache
def face_for(family: str, style: str = "regular") -> str:
    """The registered ReportLab face name for a design's font family and style."""
    manifest = register_all()
    try:
        return manifest.families[family].face_name(style)
    except KeyError:
        raise FontError(f"the font family {family!r} is not in fonts/manifest.toml") from None


@cache
def fallback_faces() -> tuple[str, ...]:
    """Registered face names of the fallback fonts, in the order they are tried."""
    return tuple(family.face_name("regular") for family in register_all().fallbacks)


@cache
def emoji_faces() -> frozenset[str]:
    """The fallback faces that draw emoji (listed with the "Emoji" script in the manifest)."""
    return frozenset(family.face_name("regular") for family in register_all().fallbacks if "Emoji" in family.scripts)


def default_face() -> str:
    """A registered face for places that need some font but print no text (the SVG renderer's state)."""
    manifest = register_all()
    return next(iter(manifest.families.values())).face_name("regular")


def card_font(face: str) -> CardFont:
    """The registered font object for a face name."""
    font = pdfmetrics.getFont(face)
    if not isinstance(font, CardFont):
        raise FontError(f"{face!r} is not one of the fonts in fonts/manifest.toml")
    return font


_coverage: dict[str, frozenset[int]] = {}


def coverage(face: str) -> frozenset[int]:
    """The code points the face's file maps to a glyph."""
    cover = _coverage.get(face)
    if cover is None:
        cover = _coverage[face] = card_font(face).coverage
    return cover


_hb_fonts: dict[str, uharfbuzz.Font] = {}


def hb_font(face: str) -> uharfbuzz.Font:
    """A HarfBuzz font for the face, made once; its scale is the file's units per em."""
    font = _hb_fonts.get(face)
    if font is None:
        with _register_lock:
            font = _hb_fonts.get(face)
            if font is None:
                blob = uharfbuzz.Blob(Path(card_font(face).path).read_bytes())
                font = _hb_fonts[face] = uharfbuzz.Font(uharfbuzz.Face(blob))
    return font
