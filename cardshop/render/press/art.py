"""Artwork separated to CMYK once per profile and reused, like the RGB XObjects (art/xobjects.py).

An SVG is drawn once onto a press canvas (every colour and gradient converted on the way) and kept
as a form; a picture is decoded once, separated through the profile and compressed once (lossless,
so the total ink the profile allows is what prints). Kept in a least-recently-used cache bounded by
bytes (PRESS_ART_CACHE_BYTES), keyed by the RGB art's own digest and the profile's.
"""

from __future__ import annotations

import io

from PIL import Image

from cardshop.render.art.artwork import DRAW_LOCK, Art
from cardshop.render.art.xobjects import CachedXObject, NotReusable, form_from_drawing, image_from_pixels
from cardshop.render.memo import MB, ByteBoundedLRU
from cardshop.render.press.colour import picture_to_cmyk
from cardshop.render.press.profile import PressProfile

# Room for the whole collection separated (about 0.6 MB of forms; a full-bleed picture is a few MB).
PRESS_ART_CACHE_BYTES = 32 * MB
_ENTRY_OVERHEAD = 1024
_NOT_REUSABLE = object()  # remembered too, so a drawing that can't be a form is tried once
_cache = ByteBoundedLRU(PRESS_ART_CACHE_BYTES)


def press_xobject(art: Art, profile: PressProfile, canvas_class) -> CachedXObject | None:
    """The art as a CMYK XObject, or None when it can't be a reusable form (then it is drawn
    directly onto the press canvas, which separates its colours as it draws)."""
    if art.xobject is None:
        return None
    key = (art.xobject.name, profile.digest)
    found = _cache.get(key)
    if found is None:
        xobject = _prepare(art, profile, canvas_class)
        found = _NOT_REUSABLE if xobject is None else xobject
        _cache.put(key, found, _ENTRY_OVERHEAD + (xobject.weight if xobject is not None else 0))
    return None if found is _NOT_REUSABLE else found


def _prepare(art: Art, profile: PressProfile, canvas_class) -> CachedXObject | None:
    name_source = f"{art.xobject.name}:{profile.digest}".encode()
    if art.drawing is not None:
        try:
            with DRAW_LOCK:
                return form_from_drawing(art.drawing, art.drawing.initialFontName, name_source, canvas_class)
        except NotReusable:
            return None
    with Image.open(io.BytesIO(art.path.read_bytes())) as image:
        image.load()
        alpha = None
        if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
            rgba = image.convert("RGBA")
            alpha, image = rgba.getchannel("A"), rgba.convert("RGB")
        pixels = image if image.mode in ("L", "CMYK") else picture_to_cmyk(profile, image)
    return image_from_pixels("cmyk" + art.xobject.name, pixels, alpha)
