"""The gallery page renders no card: a cold worker answers it at once. Thumbnails are rendered when
each is first asked for, then served from the cache, and the page gives each its true size."""

from __future__ import annotations

import io
import re

from PIL import Image

from cardshop.web import cards


def test_the_gallery_page_renders_nothing_and_each_thumbnail_once(client, catalog):
    cards._drawable.cache_clear()
    page = client.get("/").get_data(as_text=True)
    assert cards._drawable.cache_info().currsize == 0
    tiles = re.findall(r'<img src="/cards/([^/]+)/thumbnail.jpg"[^>]*width="(\d+)" height="(\d+)"', page)
    assert len(tiles) == len(catalog.designs)
    slug, width, height = tiles[0]
    first = client.get(f"/cards/{slug}/thumbnail.jpg")
    assert cards._drawable.cache_info().currsize == 1
    image = Image.open(io.BytesIO(first.data))
    # The size the page reserves is the picture's own (within a pixel of rounding).
    assert abs(image.width - int(width)) <= 1 and abs(image.height - int(height)) <= 1
    assert client.get(f"/cards/{slug}/thumbnail.jpg").data == first.data
    assert cards._drawable.cache_info().hits >= 1
