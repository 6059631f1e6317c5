"""How long a link to a card is, made by the check page's own script in Chromium.

A typical card (the sample words), the longest realistic English card, and words in scripts that
compress badly (random characters, the worst case). Lengths are given as if the site were served
from https://cards.example.org (25 characters), beside the limit the page enforces.

    .venv/bin/python bench/link_lengths.py
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cardshop.studio.samples import TYPICAL  # noqa: E402
from cardshop.web.share import SHARE_LINK_MAX  # noqa: E402
from tests.browser.support import DESKTOP, chromium, live_server  # noqa: E402

ORIGIN = "https://cards.example.org"
CARD = "forget-me-nots"
_rng = random.Random(18)
LONG_ENGLISH = {
    "recipient": "To my dearest friends Maya Fernández-Oduya and Tom Harrington",
    "baby_name": "Ava Rose Fernández-Harrington",
    "date": "Born sleeping on 15 March 2026, 3.04 am",
    "message": (
        "Dear Maya and Tom, I have been thinking of you both every single day since we heard about Ava. "
        "I don't have the right words, and I'm not sure there are any, but I want you to know how much we "
        "love you. Ava is remembered, and she always will be. Please don't feel you need to reply to this, "
        "or to anything. When you're ready, I'd love to bring dinner round on Thursday, or take a slow walk "
        "by the river with you. Whenever you want to talk, or not talk, we are here. All our love."
    )[:450],
    "signoff": "With all our love, now and always,",
    "sender": "Jo, Sam, Priya, little Leo and Grandma Ruth",
}


def _random(low: int, high: int, count: int) -> str:
    return "".join(chr(_rng.randint(low, high)) for _ in range(count))


CASES = {
    "typical (sample words)": TYPICAL,
    "longest realistic English": LONG_ENGLISH,
    "450 random emoji": {"message": _random(0x1F300, 0x1F5FF, 450)},
    "570 random CJK characters": {
        "recipient": _random(0x4E00, 0x9FA5, 60),
        "message": _random(0x4E00, 0x9FA5, 450),
        "sender": _random(0x4E00, 0x9FA5, 60),
    },
    "690 random CJK characters (every field full)": {
        "recipient": _random(0x4E00, 0x9FA5, 60),
        "baby_name": _random(0x4E00, 0x9FA5, 40),
        "date": _random(0x4E00, 0x9FA5, 40),
        "message": _random(0x4E00, 0x9FA5, 450),
        "signoff": _random(0x4E00, 0x9FA5, 40),
        "sender": _random(0x4E00, 0x9FA5, 60),
    },
}

# The share section's words, as the check page would carry them for these values.
SET_WORDS = """(values) => {
  const section = document.querySelector("[data-share]");
  for (const input of section.querySelectorAll("[data-share-field]")) {
    if (input.dataset.shareField !== "size") input.remove();
  }
  for (const [name, value] of Object.entries(values)) {
    const input = document.createElement("input");
    input.type = "hidden"; input.dataset.shareField = name; input.value = value;
    section.append(input);
  }
  delete section.dataset.shareState;
}"""


def main() -> None:
    with live_server() as server, chromium() as browser:
        page = browser.new_page(viewport=DESKTOP)
        page.goto(f"{server.url}/cards/{CARD}")
        page.fill("#message", "Thinking of you.")
        page.get_by_role("button", name="Continue to check and download").click()
        page.wait_for_selector("[data-share]")
        print(f"limit: {SHARE_LINK_MAX} characters; lengths as served from {ORIGIN}")
        for name, values in CASES.items():
            page.evaluate(SET_WORDS, values)
            page.get_by_role("button", name="Make a link to the card").click()
            page.wait_for_selector("[data-share][data-share-state]")
            state = page.get_attribute("[data-share]", "data-share-state")
            if state == "made":
                length = len(page.input_value("[data-share-link]")) - len(server.url) + len(ORIGIN)
            else:
                status = page.inner_text("[data-share-status]")
                length = int(status.split("link of ")[1].split(" ")[0].replace(",", "")) - len(server.url) + len(ORIGIN)
            words = sum(len(value) for value in values.values())
            print(f"{name:48} {words:4} characters of words -> link {length:5} ({state})")


if __name__ == "__main__":
    main()
