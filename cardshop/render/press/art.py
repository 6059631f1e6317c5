"""Artwork separated to CMYK once per profile and reused, like the RGB XObjects (art/xobjects.py).

An SVG is drawn once onto a press canvas (every colour and gradient converted on the way) and kept
as a form; a picture is decoded once, separated through the profile and compressed once (lossless,
so the total ink the profile allows is what prints). A bounded cache keyed by the RGB art's own
digest and the profile's.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict

from PIL import Image

from cardshop.render.art.artwork import DRAW_LOCK, Art
from cardshop.render.art.xobjects import CachedXObject, NotReusable, form_from_drawing, image_from_pixels
from cardshop.render.press.colour import picture_to_cmyk
from cardshop.render.press.profile import PressProfile

_CACHE_SIZE = 64
_cache: OrderedDict[tuple[str, str], CachedXObject | None] = OrderedDict()
_lock = threading.Lock()


def press_xobject(art: Art, profile: PressProfile, canvas_class) -> CachedXObject | None:
    """The art as a CMYK XObject, or None when it can't be a reusable form (then it is drawn
    directly onto the press canvas, which separates its colours as it draws)."""
    if art.xobject is None:
        return None
    key = (art.xobject.name, profile.digest)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    xobject = _prepare(art, profile, canvas_class)
    with _lock:
        _cache[key] = xobject
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return xobject


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
