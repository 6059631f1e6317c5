"""What each rendering request costs, in live previews: the figures behind the rate limit's weights
(RENDER_COSTS and DOWNLOAD_COSTS in cardshop/web/limits.py).

    python bench/render_costs.py [--rounds 7] [--design forget-me-nots]

Every request goes through the app (Flask's test client, rate limit off), as a sender's would: the
live preview (preview.json at its widest), the check page, and each download choice at every size the
design offers (a partner that does not take a size is skipped). The kinds take turns within each round,
so all of them meet the same machine load; the table gives each median in ms and its ratio to the live
preview's median. A download's weight should be at least its largest ratio, so that no request buys
more CPU per unit than a preview does.

Timings are wall-clock on a shared machine: compare the ratios from one run, not runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cardshop import create_app  # noqa: E402
from cardshop.studio.samples import TYPICAL  # noqa: E402
from cardshop.web.downloads import DOWNLOADS  # noqa: E402
from cardshop.web.limits import DOWNLOAD_COSTS, RENDER_COSTS  # noqa: E402

ADDRESS = {
    "address": "Sam and Alex Rivera\n12 Orchard Lane\nBristol BS1 4DJ",
    "return_address": "Jo Smith\n3 Mill Road\nLeeds LS2 7HY",
}


def _requests(design, slug: str) -> dict[str, tuple[str, dict]]:
    """name -> (path, form) for every kind of rendering request."""
    words = {name: value for name, value in TYPICAL.items() if name in design.fields}
    kinds = {
        "preview.json": (f"/cards/{slug}/preview.json", {**words, "width": "600"}),
        "check page": (f"/cards/{slug}", {**words, "action": "check"}),
    }
    for download in DOWNLOADS:
        for size in design.sizes:
            form = {**words, "action": "download", "layout": download.value, "size": size, **ADDRESS}
            kinds[f"{download.value} {size}"] = (f"/cards/{slug}", form)
    return kinds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--design", default="forget-me-nots")
    args = parser.parse_args(argv)

    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    client = app.test_client()
    loaded = app.extensions["cardshop_catalog"].get().get(args.design)
    kinds = _requests(loaded.design, args.design)
    offered = {}
    for name, (path, form) in kinds.items():  # warm-up; leaves out what this design's sizes don't allow
        status = client.post(path, data=form, headers={"Accept": "application/json"}).status_code
        if status == 200:
            offered[name] = (path, form)
    times: dict[str, list[float]] = {name: [] for name in offered}
    for _ in range(args.rounds):
        for name, (path, form) in offered.items():
            start = time.perf_counter()
            response = client.post(path, data=form, headers={"Accept": "application/json"})
            times[name].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (name, response.status_code)
    preview = statistics.median(times["preview.json"])
    print(f"{'request':<24} {'median ms':>10} {'x preview':>10} {'weight':>7}")
    for name, values in times.items():
        median = statistics.median(values)
        value = name.split()[0]
        endpoint = "cards.personalise" if name == "check page" else "cards.preview_json"
        weight = DOWNLOAD_COSTS.get(value) or RENDER_COSTS[endpoint]
        ratio = median / preview
        flag = "" if weight >= ratio else "  < gets more CPU per unit than a preview"
        print(f"{name:<24} {median:>10.1f} {ratio:>10.1f} {weight:>7}{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
