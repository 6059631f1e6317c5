"""Small helpers for the browser tests: waiting on the live preview and moving by keyboard."""

from __future__ import annotations

PREVIEW_SEQ = "() => document.querySelector('[data-preview]').dataset.previewSeq"


def preview_seq(page) -> int:
    return int(page.evaluate(PREVIEW_SEQ))


def wait_for_preview_after(page, seq: int) -> int:
    """Wait until the live preview has applied an answer newer than `seq`; returns the new number."""
    page.wait_for_function(
        "(seq) => Number(document.querySelector('[data-preview]').dataset.previewSeq) > seq", arg=seq
    )
    return preview_seq(page)


def wait_for_card_to_say(page, text: str) -> None:
    """Wait until the preview's inside image says `text` (its alt text is what the card says)."""
    page.wait_for_function(
        "(text) => document.querySelector('[data-pages] img[data-panel=inside]').alt.includes(text)", arg=text
    )


def focused_matches(page, selector: str) -> bool:
    return page.evaluate("(selector) => document.activeElement.matches(selector)", selector)


def tab_to(page, selector: str, limit: int = 80, backwards: bool = False) -> int:
    """Press Tab (or Shift+Tab) until the focused element matches `selector`; returns the presses used."""
    key = "Shift+Tab" if backwards else "Tab"
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if focused_matches(page, selector):
            return presses
    raise AssertionError(f"{selector} could not be reached with {limit} presses of {key}")
