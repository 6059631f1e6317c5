"""Make the README's screenshots: gallery, writing with the close-up, personalise page, folded view,
check page, what now after a download and a card opened from a shared link, phone and desktop.

Run from the repository root with the test tools installed:

    .venv/bin/python scripts/screenshots.py [--out docs/images] [--extra]

It serves the app on a free loopback port, drives the system Chromium (/usr/bin/chromium) with
Playwright, types a message as a sender would and waits for the live preview. `--extra` also saves
an error shown while typing and a filtered gallery, for looking over by hand.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.support import DESKTOP, PHONE, chromium, live_server  # noqa: E402

WIDTHS = {"phone": PHONE, "desktop": DESKTOP}
WORDS = {
    "recipient": "Dear Sam and Alex",
    "baby_name": "Rowan",
    "message": "I'm so sorry. I don't know what to say, but I'm here, and I'm thinking of you both.",
    "signoff": "With love",
    "sender": "Jo",
}


def _write_card(page) -> None:
    page.goto("/cards/forget-me-nots")
    for name, value in WORDS.items():
        page.fill(f"#{name}", value)
    page.wait_for_function(
        "() => document.querySelector('[data-pages] img[data-panel=inside]').alt.includes('thinking of you both')"
    )
    page.locator("#sender").blur()
    # Back to the top: the preview is sticky on tall screens and would otherwise sit mid-page.
    page.evaluate("() => window.scrollTo(0, 0)")


def shoot(out: Path, extra: bool) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    made = []
    with live_server() as server, chromium() as browser:
        for label, viewport in WIDTHS.items():
            context = browser.new_context(
                viewport=viewport, base_url=server.url, reduced_motion="reduce", locale="en-GB", accept_downloads=True
            )
            page = context.new_page()
            page.goto("/", timeout=60_000)
            made.append(out / f"gallery-{label}.png")  # what shows on landing, before any scrolling
            page.wait_for_load_state("networkidle")
            page.screenshot(path=made[-1])
            _write_card(page)
            # Writing the message: the close-up of the inside stays in view above the field.
            page.click("#message")
            page.keyboard.press("Control+End")  # the end of the whole message, not of its line
            page.keyboard.type(" Always.")
            page.wait_for_function(
                "() => document.querySelector('[data-closeup] img').src === "
                "document.querySelector('[data-pages] img[data-panel=inside]').src"
            )
            page.wait_for_timeout(1500)  # the sharper close-up follows a pause
            made.append(out / f"writing-{label}.png")
            page.screenshot(path=made[-1])
            page.locator("#sender").focus()
            page.locator("#sender").blur()
            page.evaluate("() => window.scrollTo(0, 0)")
            made.append(out / f"personalise-{label}.png")
            page.screenshot(path=made[-1], full_page=True)
            page.get_by_role("button", name="As a folded card").click()
            page.get_by_role("button", name="Open it").click()
            made.append(out / f"folded-{label}.png")
            page.locator("#preview").screenshot(path=made[-1])
            page.get_by_role("button", name="All pages").click()
            page.get_by_role("button", name="Continue to check and download").click()
            page.wait_for_selector("[data-names]")
            made.append(out / f"check-{label}.png")
            page.screenshot(path=made[-1], full_page=True)
            with page.expect_download():
                page.get_by_role("button", name="Download", exact=True).click()
            page.wait_for_selector("[data-after-download]:not([hidden])")
            made.append(out / f"download-{label}.png")
            page.locator("section.download").screenshot(path=made[-1])
            # Sent as a message: the link opens the card, front first, for whoever receives it.
            page.get_by_role("button", name="Make a link to the card").click()
            page.wait_for_selector("[data-share][data-share-state=made]")
            link = page.input_value("[data-share-link]")
            reader = context.new_page()
            reader.goto(link)
            reader.wait_for_function(
                "() => ['shown', 'opened'].includes(document.querySelector('[data-shared]').dataset.sharedState)"
            )
            reader.wait_for_load_state("networkidle")
            made.append(out / f"shared-{label}.png")
            reader.screenshot(path=made[-1])
            reader.close()
            if extra:
                page.goto("/cards/forget-me-nots")
                page.fill("#message", "\n".join(["Love."] * 70))
                page.wait_for_selector("#message-error p")
                made.append(out / f"error-{label}.png")
                page.locator("#card-form").screenshot(path=made[-1])
                page.goto("/?tone=botanical")
                made.append(out / f"filtered-{label}.png")
                page.screenshot(path=made[-1], full_page=True)
            context.close()
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--extra", action="store_true", help="also an error and a filtered gallery")
    args = parser.parse_args()
    for path in shoot(args.out, args.extra):
        print(path)


if __name__ == "__main__":
    main()
