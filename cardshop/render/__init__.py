"""Floor 2, the render engine: a design and a sender's words in, PDF bytes out. Knows nothing of Flask.

Rooms: `text/` (cleaning, fonts, breaking, direction, shaping, embedding, fitting), `art/` (SVG,
raster, reusable XObjects), `layouts/` (how panels go on pages), and the front door: `card.py`
(`render_card`), `options.py`, `geometry.py`, `panels.py`, `preview.py`. Imports only from
`cardshop.design`."""
