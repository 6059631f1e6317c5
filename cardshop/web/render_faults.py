"""Faults that are not the sender's, met while rendering their card: a design's artwork that broke
after the catalogue loaded it (a file replaced or cut short on disk), or a CMYK press profile that
cannot be read. Each becomes a kind 503 page (or JSON for the live preview) instead of a 500, and one
log line that names the design's file or the profile's path, made from those files only: never from
anything the sender wrote.

    with render_faults(loaded):
        pdf = render_card(...)
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from werkzeug.exceptions import ServiceUnavailable

from cardshop.design.loader import DATA_FILE, LoadedDesign
from cardshop.design.paths import printable
from cardshop.render.art.artwork import ART_ERRORS
from cardshop.render.press.profile import PROFILE_ENV, ProfileError

design_log = logging.getLogger("cardshop.designs")
error_log = logging.getLogger("cardshop.errors")

ARTWORK_MESSAGE = (
    "Something is wrong on our side with this card's pictures, so we can't make it for you at the moment. We're sorry. "
    "Nothing you wrote has been kept here, and your words are still in this browser tab. Please try again "
    "later, or choose another card from the gallery."
)
PROFILE_MESSAGE = (
    "We can't make the print-partner file just now, because of a problem with our print settings. We're "
    "sorry. Nothing you wrote has been kept here, and your words are still in this browser tab. The other "
    "downloads still work, and this one will again once we've fixed it."
)


class CardUnavailable(ServiceUnavailable):
    """A 503 with a kind title and message, shown by the app's error page."""

    def __init__(self, title: str, message: str):
        super().__init__(description=message)
        self.title = title


@contextmanager
def render_faults(loaded: LoadedDesign) -> Iterator[None]:
    """Turn a broken artwork file or press profile met inside the block into CardUnavailable, logged."""
    try:
        yield
    except ART_ERRORS as error:
        design_log.error(
            "design cannot be drawn now: %s: %s: %s",
            printable(str(loaded.folder / DATA_FILE)),
            type(error).__name__,
            printable(str(error))[:300],  # the art file's path and what is wrong with it
        )
        raise CardUnavailable("This card can't be made just now", ARTWORK_MESSAGE) from None
    except ProfileError as error:
        error_log.error("press profile unusable (%s): %s", PROFILE_ENV, printable(str(error))[:300])
        raise CardUnavailable("This file can't be made just now", PROFILE_MESSAGE) from None
