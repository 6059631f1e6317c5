"""Where each of a design's fields sits in the preview images, for the close-up while writing.

While a sender types in a field, the personalise page shows a close-up of the part of the card that
field prints on, large enough to read (closeup.js). For that it needs, per field: which preview image
(front, inside spread or back), the field's box in it as fractions of the image, the smallest type
size the field may shrink to, and the panel's width in points, so it can choose a zoom at which that
type is at least 12 CSS px. Fractions hold for every size of a design, since other sizes scale the
first size's boxes.
"""

from __future__ import annotations

from cardshop.design.models import Design
from cardshop.render.geometry import MM, card_geometry

# The preview image each panel is shown in, and where in it (column, row, columns, rows).
_PLACES = {
    "side": {
        "front": ("front", 0, 0, 1, 1),
        "back": ("back", 0, 0, 1, 1),
        "inside_left": ("inside", 0, 0, 2, 1),
        "inside_right": ("inside", 1, 0, 2, 1),
    },
    "top": {
        "front": ("front", 0, 0, 1, 1),
        "back": ("back", 0, 0, 1, 1),
        "inside_left": ("inside", 0, 0, 1, 2),
        "inside_right": ("inside", 0, 1, 1, 2),
    },
}


def field_regions(design: Design) -> dict[str, dict]:
    """For each field the design prints: image, box (x0, y0, x1, y1 as fractions of the image),
    min_pt (the smallest size its text may take), panel_pt (the panel's width in points) and columns
    (panels across the image). The first slot showing a field wins."""
    geometry = card_geometry(design.sizes[0], design.fold, design.orientation)
    width_mm, height_mm = geometry.panel_width / MM, geometry.panel_height / MM
    regions: dict[str, dict] = {}
    for panel_name, (image, column, row, columns, rows) in _PLACES[design.fold].items():
        for slot in getattr(design.panels, panel_name).slots:
            for part in slot.parts:
                if not part.field or part.field in regions:
                    continue
                box = (
                    (column + slot.x / width_mm) / columns,
                    (row + slot.y / height_mm) / rows,
                    (column + min(1.0, (slot.x + slot.width) / width_mm)) / columns,
                    (row + min(1.0, (slot.y + slot.height) / height_mm)) / rows,
                )
                # A part's own size shrinks in step with the slot's: its smallest is scaled alike.
                smallest = slot.min_size * (part.size or slot.size) / slot.size
                regions[part.field] = {
                    "image": image,
                    "box": [round(value, 4) for value in box],
                    "min_pt": round(smallest, 2),
                    "panel_pt": round(geometry.panel_width, 2),
                    "columns": columns,
                    "valign": slot.valign,
                }
    return regions
