"""Cards render correctly when requests overlap: the live preview makes that the normal case."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from cardshop.render.card import render_card
from cardshop.render.options import RenderOptions


def test_the_same_design_renders_in_many_threads_at_once(catalog):
    loaded = catalog.designs["forget-me-nots"]
    expected = render_card(loaded.folder, loaded.design, {"message": "Thinking of you."}, RenderOptions())

    def render(index: int) -> bytes:
        return render_card(loaded.folder, loaded.design, {"message": "Thinking of you."}, RenderOptions())

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(render, range(36)))
    # Byte-identical output (invariant PDFs): no render saw another's half-drawn artwork.
    assert all(result == expected for result in results)
