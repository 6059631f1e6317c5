"""Share a card by link: the page that opens a card sent as a message.

The link is made in the sender's browser (static/share.js, from partials/share_link.html on the check
page): the design and the sender's words, compressed and encoded into the link's fragment, the part
after `#`, which browsers never send to a server. So the card travels inside the link and is never
stored here. This page is the same for every link: its script reads the fragment, posts the words to
the live-preview endpoint (like any preview, rendered and forgotten) and shows the card, front first,
then opened to the inside. A damaged link or a design we no longer have gets a kind message.

The page is kept out of search engines (a robots meta tag and `X-Robots-Tag`) and out of caches; the
site-wide `Referrer-Policy: no-referrer` keeps its address from being passed on.
"""

from __future__ import annotations

from flask import Blueprint, make_response, render_template

share = Blueprint("share", __name__)

# The longest link we make. Links up to 2,000 characters work in every browser and server (the old
# de facto limit, from Internet Explorer's 2,083) and fit in one message in Telegram (4,096),
# WhatsApp, iMessage, Signal and email; longer ones risk being cut or refused by messaging apps.
SHARE_LINK_MAX = 2000


@share.app_template_global()
def share_link_max() -> int:
    return SHARE_LINK_MAX


@share.get("/shared")
def shared():
    response = make_response(render_template("shared.html"))
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Cache-Control"] = "no-store"
    return response
