"""Speed benchmark: render times, preview, the download endpoint under load, memory, and WeasyPrint.

    python bench/speed.py                      # everything, about 3 minutes; prints a table
    python bench/speed.py --json out.json      # also writes every figure as JSON
    python bench/speed.py --quick              # fewer repeats, 10 s load, 2,000 renders (a smoke run)

In one run it measures (medians and 95th percentiles, in ms):
1. PDF render per design and per layout (`pro`, `home-a4`, `flat`), with artwork reused across
   documents (what the app does) and drawn directly as ReportLab would on its own (the "before");
2. a bench design with full-bleed 300 dpi raster art (JPEG and PNG, made here, A5 + bleed at
   1819 x 2551 px): one panel (`flat`) and the whole folded card (`pro`), reused and direct;
3. the preview: one panel of a `pro` PDF rasterised at 600 px wide and encoded (JPEG as the app
   sends, and PNG);
4. the same cards through WeasyPrint (`HTML(string=...).write_pdf()`, in process) from equivalent
   HTML and CSS: the same art files, fonts by @font-face from the same files, the same lines of text
   at the same places and sizes; with the ratio to our time from this same run;
5. the download endpoint (`layout=pro`) under gunicorn (2 workers, --preload, rate limit off) on
   127.0.0.1, driven for a fixed time by client threads that each keep one session (a CSRF cookie
   and token from one GET of the form): requests/s, p50 and p99 latency, errors, and each worker's
   resident memory at the end;
6. memory: 10,000 renders in one fresh process (as a worker does them), resident size sampled
   every 1,000 renders, with the growth over the second half.

Timings are wall-clock on a shared machine: compare the ratios from one run, not runs.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load_and_faults import CONNECTION_ERRORS, Server, Session, rss_mb  # noqa: E402

from cardshop.render import panels as panels_module  # noqa: E402
from cardshop.render.art import artwork as art_module  # noqa: E402
from cardshop.render.card import fit_card, render_card, resolve_geometry  # noqa: E402
from cardshop.render.geometry import MM, spread_placements  # noqa: E402
from cardshop.render.options import RenderOptions  # noqa: E402
from cardshop.render.text.fonts import load_manifest  # noqa: E402
from cardshop.studio.catalogue import load_catalog, load_design  # noqa: E402
from cardshop.studio.samples import TYPICAL  # noqa: E402

LAYOUTS = ("pro", "home-a4", "flat")
TARGETS = {
    "one panel, raster art (flat)": 6.0,
    "folded card (pro)": 15.0,
    "preview panel 600 px": 40.0,
    "weasyprint ratio": 5.0,
    "requests/s": 100.0,
    "p99 ms": 150.0,
    "rss MB": 200.0,
}


# ---- timing ----


def timed(function, repeats: int, warmup: int = 2) -> dict:
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return summary(samples)


def summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "median": round(statistics.median(ordered), 2),
        "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
        "n": len(ordered),
    }


class direct_art:
    """Within this block panels draw their art as ReportLab does by itself (no reuse across documents)."""

    def __enter__(self):
        panels_module.draw_art = functools.partial(art_module.draw_art, reuse=False)

    def __exit__(self, *exc):
        panels_module.draw_art = art_module.draw_art


# ---- a design with full-bleed raster art ----


RASTER_TOML = """format = 1
name = "Raster bench"
description = "Full-bleed photographic art at 300 dpi, made by the benchmark."
sizes = ["A5"]
alt = "A soft blurred dusk sky"

[categories]
loss = ["miscarriage"]
recipient = ["both-parents"]
occasion = ["just-heard"]
tone = ["quiet"]

[panels.front]
art = "front.{ext}"
background = "#f4efe6"

[[panels.front.slots]]
x = 14
y = 100
width = 77
height = 20
font = "EB Garamond"
size = 20
min_size = 14
align = "center"
valign = "middle"
color = "#ffffff"
parts = [ {{ text = "Thinking of you" }} ]

[panels.inside_right]
background = "#f7f3ec"

[[panels.inside_right.slots]]
x = 12
y = 14
width = 81
height = 120
font = "EB Garamond"
size = 13
min_size = 9
align = "left"
valign = "middle"
color = "#33312e"
parts = [
  {{ field = "recipient", space_after = 4 }},
  {{ field = "message", space_after = 5 }},
  {{ field = "signoff", style = "italic", space_after = 1 }},
  {{ field = "sender" }},
]
"""


def raster_designs(folder: Path) -> dict:
    """Two designs, the same picture as JPEG and as PNG: A5 plus 3 mm bleed at 300 dpi."""
    from PIL import Image, ImageFilter

    width, height = round((148 + 6) / 25.4 * 300), round((210 + 6) / 25.4 * 300)
    rng = random.Random(7)
    small = Image.new("RGB", (48, 64))
    small.putdata(
        [
            (int(40 + 120 * y / 64 + rng.random() * 30), int(50 + 60 * y / 64 + rng.random() * 20), 110 + x)
            for y in range(64)
            for x in range(48)
        ]
    )
    picture = small.resize((width, height), Image.BICUBIC).filter(ImageFilter.GaussianBlur(6))
    # a little grain, as a photograph has, so the image doesn't compress to nothing
    grain = Image.effect_noise((width, height), 12).convert("RGB")
    picture = Image.blend(picture, grain, 0.06)
    designs = {}
    for ext, save in (("jpg", {"format": "JPEG", "quality": 90}), ("png", {"format": "PNG"})):
        design_folder = folder / f"raster-{ext}"
        design_folder.mkdir(parents=True, exist_ok=True)
        picture.save(design_folder / f"front.{ext}", dpi=(300, 300), **save)
        (design_folder / "card.toml").write_text(RASTER_TOML.format(ext=ext))
        loaded, problems = load_design(design_folder)
        if loaded is None:
            raise RuntimeError("; ".join(map(str, problems)))
        designs[f"raster-{ext}"] = loaded
    return designs


# ---- renders ----


def bench_renders(designs: dict, repeats: int) -> dict:
    results = {}
    for slug, loaded in designs.items():
        for layout in LAYOUTS:
            options = RenderOptions(layout=layout)

            def render(loaded=loaded, options=options):
                return render_card(loaded.folder, loaded.design, TYPICAL, options)

            reused = timed(render, repeats)
            with direct_art():
                direct = timed(render, max(5, repeats // 3))
            results[f"{slug}/{layout}"] = {"reused": reused, "direct": direct}
    return results


def bench_reportlab_defaults(loaded, repeats: int) -> dict:
    """The raster card as ReportLab's plain defaults draw it: the image by ImageReader (decoded,
    md5-hashed and compressed in every document), page compression on."""
    with direct_art():
        return timed(lambda: render_card(loaded.folder, loaded.design, TYPICAL, RenderOptions(layout="flat")), repeats)


def bench_preview(loaded, repeats: int) -> dict:
    from cardshop.render.preview import PREVIEW_WIDTH, encode, pro_panel_regions, rasterise

    geometry = resolve_geometry(loaded.design, RenderOptions())
    pdf = render_card(loaded.folder, loaded.design, TYPICAL, RenderOptions())
    page, region, turn = pro_panel_regions(pdf, geometry)["front"]
    raster = timed(lambda: rasterise(pdf, page, region, PREVIEW_WIDTH, turn), repeats)
    jpeg = timed(lambda: encode(rasterise(pdf, page, region, PREVIEW_WIDTH, turn), "front"), repeats)
    png = timed(lambda: encode(rasterise(pdf, page, region, PREVIEW_WIDTH, turn), "front", "PNG"), repeats)

    def render_and_preview():
        data = render_card(loaded.folder, loaded.design, TYPICAL, RenderOptions())
        encode(rasterise(data, page, region, PREVIEW_WIDTH, turn), "front")

    return {
        "rasterise": raster,
        "jpeg": jpeg,
        "png": png,
        "render+jpeg": timed(render_and_preview, repeats),
    }


# ---- WeasyPrint from equivalent HTML ----


def _font_faces(used: set[str]) -> str:
    """@font-face rules for the faces the card uses (WeasyPrint loads every face it is given)."""
    manifest = load_manifest()
    rules = []
    for family in (*manifest.families.values(), *manifest.fallbacks):
        for style, path in family.files.items():
            face = family.face_name(style)
            if face in used:
                rules.append(f"@font-face {{ font-family: '{face}'; src: url('{path.resolve().as_uri()}'); }}")
    return "\n".join(rules)


def card_html(loaded, layout: str) -> str:
    """The card as HTML: each page the same size, each panel its background, its art covering the
    art rectangle (object-fit: cover, as ours covers) clipped to the page, and each fitted line of
    text absolutely placed at our baseline in our face and size."""
    design = loaded.design
    geometry = resolve_geometry(design, RenderOptions(layout=layout if layout == "flat" else "pro"))
    fitted = fit_card(design, TYPICAL, geometry)
    used = {atom.face for slots in fitted.slots.values() for slot in slots for line in slot.lines for atom in line.runs}
    fonts = _font_faces(used)
    bleed = 0 if layout == "flat" else geometry.bleed
    if layout == "flat":
        from cardshop.render.geometry import single_placement

        pages = [[single_placement(geometry, "front", 0, 0, 0)]]
        page_w, page_h = geometry.panel_width, geometry.panel_height
    else:
        pages = spread_placements(geometry, bleed, bleed)
        page_w, page_h = geometry.spread_width + 2 * bleed, geometry.spread_height + 2 * bleed
    body = []
    for placements in pages:
        parts = []
        for placement in placements:
            panel = getattr(design.panels, placement.panel)
            trim = placement.trim
            left, top = trim.x, page_h - trim.top
            b = placement.art_bleed
            turn = "transform: rotate(180deg);" if placement.rotated else ""
            inner = []
            if panel.background:
                inner.append(
                    f'<div style="position:absolute;left:-{bleed}pt;top:-{bleed}pt;right:-{bleed}pt;'
                    f'bottom:-{bleed}pt;background:{panel.background}"></div>'
                )
            if panel.art:
                src = (loaded.folder / panel.art).resolve().as_uri()
                inner.append(
                    f'<img src="{src}" style="position:absolute;left:-{b}pt;top:-{b}pt;'
                    f'width:{trim.width + 2 * b}pt;height:{trim.height + 2 * b}pt;object-fit:cover">'
                )
            frame = fitted.frame
            for slot, slot_fit in zip(panel.slots, fitted.slots[placement.panel], strict=True):
                x0 = slot.x * MM * frame.x
                y0 = slot.y * MM * frame.y
                for line in slot_fit.lines:
                    text = "".join(" " if atom.space else atom.text for atom in line.runs)
                    face = line.runs[0].face if line.runs else ""
                    # the line box's top sits an ascent (~0.8 em for these faces) above the baseline
                    inner.append(
                        f'<div style="position:absolute;white-space:pre;left:{x0 + line.x:.2f}pt;'
                        f"top:{y0 + line.baseline - 0.8 * line.size:.2f}pt;font:{line.size:.2f}pt/1 '{face}';"
                        f'color:{line.color}">{_escape(text)}</div>'
                    )
            parts.append(
                f'<div style="position:absolute;left:{left}pt;top:{top}pt;width:{trim.width}pt;'
                f'height:{trim.height}pt;{turn}">{"".join(inner)}</div>'
            )
        body.append(f'<section style="position:relative;width:{page_w}pt;height:{page_h}pt;overflow:hidden">'
                    f"{''.join(parts)}</section>")  # fmt: skip
    return (
        "<!doctype html><html><head><meta charset=utf-8><style>"
        f"{fonts}\n@page {{ size: {page_w}pt {page_h}pt; margin: 0 }} body {{ margin: 0 }}"
        "section { page-break-after: always } section:last-child { page-break-after: auto }"
        "</style></head><body>" + "".join(body) + "</body></html>"
    )


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def bench_weasyprint(cards: dict, repeats: int, ours: dict) -> dict:
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    results = {}
    for name, (loaded, layout) in cards.items():
        html = card_html(loaded, layout)
        base = str(loaded.folder)
        timing = timed(lambda html=html, base=base: HTML(string=html, base_url=base).write_pdf(), repeats, warmup=1)
        mine = ours[f"{loaded.slug}/{layout}"]["reused"]["median"]
        results[name] = {"weasyprint": timing, "ours_median": mine, "ratio": round(timing["median"] / mine, 1)}
        if name == "forget-me-nots/flat":
            (Path(tempfile.gettempdir()) / "cardshop-weasy-forget-me-nots.pdf").write_bytes(
                HTML(string=html, base_url=base).write_pdf()
            )
    return results


# ---- the download endpoint under load ----


def bench_load(duration: float, clients: int, slug: str) -> dict:
    server = Server(workers=2, rate_limit=None)
    latencies: list[float] = []
    statuses: dict = {}
    errors = 0
    lock = threading.Lock()
    try:
        server.wait_ready()
        path = f"/cards/{slug}"
        # warm both workers (fonts, art, first render) before the clock starts
        for _ in range(8):
            warm = Session(server.port)
            warm.get(path)
            warm.post(path, {**TYPICAL, "action": "download", "layout": "pro"})
        stop_at = time.monotonic() + duration

        def client(seed: int):
            nonlocal errors
            session = Session(server.port)
            session.get(path)  # the form: CSRF cookie and token, once per session
            rng = random.Random(seed)
            while time.monotonic() < stop_at:
                fields = {**TYPICAL, "message": TYPICAL["message"] + f" {rng.randint(1, 9999)}"}
                started = time.perf_counter()
                try:
                    status, headers, body = session.post(path, {**fields, "action": "download", "layout": "pro"})
                    ok = status == 200 and body.startswith(b"%PDF")
                except CONNECTION_ERRORS:
                    status, ok = "connection", False
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    statuses[str(status)] = statuses.get(str(status), 0) + 1
                    errors += 0 if ok else 1

        started = time.monotonic()
        threads = [threading.Thread(target=client, args=(seed,)) for seed in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        workers_rss = {str(pid): round(rss_mb(pid) or 0, 1) for pid in server.workers()}
    finally:
        server.stop()
    ordered = sorted(latencies)
    return {
        "duration_s": round(elapsed, 1),
        "clients": clients,
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(ordered[len(ordered) // 2], 1),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 1),
        "errors": errors,
        "statuses": statuses,
        "worker_rss_mb": workers_rss,
    }


# ---- memory over many renders, in a fresh process ----


def memory_child(renders: int) -> None:
    """Render `renders` cards (every design in turn, varied messages), printing RSS every 1,000."""
    catalog = load_catalog()
    designs = list(catalog.designs.values())
    rng = random.Random(3)
    words = ["thinking", "of", "you", "love", "always", "Zoë", "Søren", "here", "with", "Łucja"]
    for index in range(1, renders + 1):
        loaded = designs[index % len(designs)]
        values = {**TYPICAL, "message": " ".join(rng.choice(words) for _ in range(rng.randint(3, 30)))}
        render_card(loaded.folder, loaded.design, values, RenderOptions(layout=LAYOUTS[index % 3]))
        if index % 1000 == 0:
            print(json.dumps({"renders": index, "rss_mb": round(_own_rss(), 1)}), flush=True)


def _own_rss() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def bench_memory(renders: int) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--memory-child", str(renders)], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    samples = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    half = samples[len(samples) // 2 - 1]["rss_mb"] if len(samples) >= 2 else samples[0]["rss_mb"]
    return {
        "renders": renders,
        "samples": samples,
        "final_rss_mb": samples[-1]["rss_mb"],
        "growth_second_half_mb": round(samples[-1]["rss_mb"] - half, 1),
    }


# ---- report ----


def table(report: dict) -> str:
    lines = []
    if "renders" in report:
        lines += _render_table(report)
    if "load" in report:
        lines += _load_table(report["load"])
    if "memory" in report:
        lines += _memory_table(report["memory"])
    return "\n".join(lines)


def _render_table(report: dict) -> list[str]:
    lines = ["PDF render (ms)                          reused med/p95     direct med/p95   speed-up"]
    for key, value in report["renders"].items():
        reused, direct = value["reused"], value["direct"]
        lines.append(
            f"  {key:38} {reused['median']:7.2f} {reused['p95']:7.2f}   {direct['median']:7.2f} {direct['p95']:7.2f}"
            f"   {direct['median'] / reused['median']:5.1f}x"
        )
    defaults = report["reportlab_defaults_png_flat"]
    lines.append(f"  raster-png/flat with ReportLab's defaults: {defaults['median']:.2f} ms median")
    lines.append("Preview of one panel at 600 px (ms)       med     p95")
    for key, value in report["preview"].items():
        lines.append(f"  {key:38} {value['median']:7.2f} {value['p95']:7.2f}")
    lines.append("WeasyPrint on the same card (ms)         weasy med  p95    ours med   ratio")
    for key, value in report["weasyprint"].items():
        weasy = value["weasyprint"]
        lines.append(
            f"  {key:38} {weasy['median']:7.2f} {weasy['p95']:7.2f}   {value['ours_median']:7.2f}"
            f"   {value['ratio']:5.1f}x"
        )
    return lines


def _load_table(load: dict) -> list[str]:
    return [
        f"Download endpoint (gunicorn, 2 workers, {load['clients']} clients, {load['duration_s']} s): "
        f"{load['requests_per_s']} req/s, p50 {load['p50_ms']} ms, p99 {load['p99_ms']} ms, "
        f"{load['errors']} errors of {load['requests']}; worker RSS {load['worker_rss_mb']} MB"
    ]


def _memory_table(memory: dict) -> list[str]:
    return [
        f"Memory: {memory['renders']:,} renders in one process: RSS {memory['final_rss_mb']} MB at the end, "
        f"{memory['growth_second_half_mb']:+} MB over the second half "
        f"({', '.join(str(s['rss_mb']) for s in memory['samples'])})"
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load on the download endpoint")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--renders", type=int, default=10_000)
    parser.add_argument(
        "--only",
        choices=("renders", "load", "memory"),
        help="one part: renders (with preview and WeasyPrint), load or memory",
    )
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        memory_child(args.memory_child)
        return 0
    if args.quick:
        args.repeats, args.duration, args.renders = 8, 10.0, 2000
    report: dict = {"repeats": args.repeats}
    if args.only in (None, "renders"):
        report.update(_render_parts(args))
    if args.only in (None, "load"):
        report["load"] = bench_load(args.duration, args.clients, "forget-me-nots")
    if args.only in (None, "memory"):
        report["memory"] = bench_memory(args.renders)
    print(table(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


def _render_parts(args) -> dict:
    catalog = load_catalog()
    with tempfile.TemporaryDirectory(prefix="cardshop-bench-") as temporary:
        raster = raster_designs(Path(temporary))
        designs = {**catalog.designs, **raster}
        report: dict = {}
        report["renders"] = bench_renders(designs, args.repeats)
        report["reportlab_defaults_png_flat"] = bench_reportlab_defaults(raster["raster-png"], args.repeats)
        report["preview"] = bench_preview(catalog.get("forget-me-nots"), args.repeats)
        report["weasyprint"] = bench_weasyprint(
            {
                "forget-me-nots/flat": (catalog.get("forget-me-nots"), "flat"),
                "forget-me-nots/pro": (catalog.get("forget-me-nots"), "pro"),
                "raster-jpg/flat": (raster["raster-jpg"], "flat"),
                "raster-jpg/pro": (raster["raster-jpg"], "pro"),
            },
            max(5, args.repeats // 2),
            report["renders"],
        )
    return report


if __name__ == "__main__":
    sys.exit(main())
