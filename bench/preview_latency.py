"""Keystroke-to-image latency of the live preview, in a real browser.

For each trial a sender types a few words into the message (60 ms between keys, a quick typist) and
we time from the last keystroke to the moment the inside image showing the text as it is after that
key is in the page and a frame has been drawn (an earlier answer arriving after the last key does not
count). That includes any wait for a request already in flight, the request, the render and
rasterisation on the server, and decoding the images. Prints the median and spread, per design.

    .venv/bin/python bench/preview_latency.py [--trials 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.support import DESKTOP, chromium, live_server  # noqa: E402

# Runs in the page before its own scripts (injected by the browser, so the CSP does not apply).
PROBE = """
window.__latency = [];
let lastKey = 0;
let waiting = false;
document.addEventListener("keydown", () => { lastKey = performance.now(); waiting = true; }, true);
document.addEventListener("DOMContentLoaded", () => {
  const img = document.querySelector("[data-pages] img[data-panel=inside]");
  const message = document.querySelector("#message");
  if (!img || !message) return;
  // Only the image that shows the text as it is after the last key counts (its alt text says what
  // the card says), not an earlier answer that happens to arrive after the last key.
  new MutationObserver(() => {
    const tail = message.value.trim().slice(-12);
    if (!waiting || !tail || !img.alt.includes(tail)) return;
    waiting = false;
    const key = lastKey;
    requestAnimationFrame(() => requestAnimationFrame(() => window.__latency.push(performance.now() - key)));
  }).observe(img, { attributes: true, attributeFilter: ["src", "alt"] });
});
"""

PHRASES = ["Thinking of you", "with love always", "so sorry", "here for you both", "every day", "Rowan"]


def measure(slug: str, trials: int) -> tuple[list[float], list[float]]:
    latencies, server_ms = [], []
    with live_server() as server, chromium() as browser:
        context = browser.new_context(viewport=DESKTOP, base_url=server.url)
        context.add_init_script(PROBE)
        page = context.new_page()
        page.goto(f"/cards/{slug}")
        page.click("#message")
        for trial in range(trials):
            before = page.evaluate("() => window.__latency.length")
            phrase = f" {PHRASES[trial % len(PHRASES)]}."
            started = time.perf_counter()
            with page.expect_response(lambda r: r.url.endswith("/preview.json") and r.status == 200) as answer:
                page.keyboard.type(phrase, delay=60)
            server_ms.append((time.perf_counter() - started) * 1000)  # overwritten below by the timing API
            page.wait_for_function("(n) => window.__latency.length > n", arg=before)
            latencies.append(page.evaluate("() => window.__latency[window.__latency.length - 1]"))
            timing = answer.value.request.timing
            server_ms[-1] = timing["responseEnd"] - timing["requestStart"]
        context.close()
    return latencies, server_ms


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[max(0, round(0.9 * len(ordered)) - 1)]
    return (
        f"median {statistics.median(ordered):.0f} ms, p90 {p90:.0f} ms, "
        f"min {ordered[0]:.0f} ms, max {ordered[-1]:.0f} ms (n={len(ordered)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Live preview latency, keystroke to image")
    parser.add_argument("--trials", type=int, default=15)
    parser.add_argument("designs", nargs="*", default=["forget-me-nots", "three-pebbles", "dusk-moon"])
    args = parser.parse_args()
    for slug in args.designs:
        latencies, server = measure(slug, args.trials)
        print(f"{slug}: keystroke to image: {summary(latencies)}")
        print(f"{slug}: request to answer:  {summary(server)}")


if __name__ == "__main__":
    main()
