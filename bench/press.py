"""Press files: render time of `--pdfx` against `pro`, and how far the CMYK file's colours are from
the RGB card, per design.

    python bench/press.py                 # every design; prints two tables
    python bench/press.py --proofs DIR    # also writes each design's RGB and soft-proof PNGs to DIR

1. Time: each design rendered as `pro` and as `pro` with pdfx=True, alternately (so both meet the
   same machine load), 40 times each after a warm-up; medians side by side and their ratio.
2. Colour: both files rasterised by Ghostscript at 72 dpi without anti-aliasing (the same rasteriser
   for both, so pixels line up): the RGB file to sRGB, the press file to raw CMYK (separations, no
   colour management). RGB pixels go to CIELAB through sRGB, CMYK pixels through the press profile
   (how the press will print them), and each pixel's difference is CIEDE2000. Reported: the largest,
   the 99th percentile and the mean, over the pages of both spreads.

Timings are wall-clock on a shared machine: compare the ratios from one run, not runs.
"""

from __future__ import annotations

import argparse
import math
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageCms  # noqa: E402

from cardshop.design.loader import TEMPLATES_DIR  # noqa: E402
from cardshop.render.card import render_card  # noqa: E402
from cardshop.render.options import RenderOptions  # noqa: E402
from cardshop.render.press.colour import cmyk_to_lab, cmyk_to_srgb, lab_of  # noqa: E402
from cardshop.render.press.profile import load_profile, profile_path  # noqa: E402
from cardshop.studio.catalogue import load_catalog  # noqa: E402
from cardshop.studio.samples import TYPICAL  # noqa: E402

REPEATS = 40
_SRGB_TO_LAB = ImageCms.buildTransform(
    ImageCms.createProfile("sRGB"),
    ImageCms.createProfile("LAB", 5000),
    "RGB",
    "LAB",
    ImageCms.Intent.RELATIVE_COLORIMETRIC,
)


def _values(design) -> dict[str, str]:
    return {name: value for name, value in TYPICAL.items() if name in design.fields}


def time_renders(catalog) -> list[tuple[str, float, float]]:
    rows = []
    for slug, loaded in sorted(catalog.designs.items()):
        values = _values(loaded.design)
        options = {"pro": RenderOptions(), "pdfx": RenderOptions(pdfx=True)}
        for option in options.values():  # warm-up: fonts, art and its CMYK form prepared once
            render_card(loaded.folder, loaded.design, values, option)
        times = {"pro": [], "pdfx": []}
        for _ in range(REPEATS):
            for name, option in options.items():
                start = time.perf_counter()
                render_card(loaded.folder, loaded.design, values, option)
                times[name].append((time.perf_counter() - start) * 1000)
        rows.append((slug, statistics.median(times["pro"]), statistics.median(times["pdfx"])))
    return rows


def _ghostscript(pdf: bytes, device: str, folder: Path, stem: str) -> list[Path]:
    source = folder / f"{stem}.pdf"
    source.write_bytes(pdf)
    pattern = folder / f"{stem}-%d.{'tif' if device == 'tiff32nc' else 'png'}"
    subprocess.run(
        [
            "gs",
            "-q",
            "-dBATCH",
            "-dNOPAUSE",
            "-dSAFER",
            f"-sDEVICE={device}",
            "-r72",
            "-dTextAlphaBits=1",
            "-dGraphicsAlphaBits=1",
            f"-sOutputFile={pattern}",
            str(source),
        ],
        check=True,
    )
    return sorted(folder.glob(f"{stem}-*.{'tif' if device == 'tiff32nc' else 'png'}"))


def ciede2000(lab1, lab2) -> float:
    """CIEDE2000 colour difference (Sharma, Wu and Dalal's formulation)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    c_bar = (c1 + c2) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    else:
        dh = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, c_bar_p = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_bar - 30))
        + 0.24 * math.cos(math.radians(2 * h_bar))
        + 0.32 * math.cos(math.radians(3 * h_bar + 6))
        - 0.20 * math.cos(math.radians(4 * h_bar - 63))
    )
    sl = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    sc = 1 + 0.045 * c_bar_p
    sh = 1 + 0.015 * c_bar_p * t
    rt = (
        -2
        * math.sqrt(c_bar_p**7 / (c_bar_p**7 + 25**7))
        * math.sin(math.radians(60 * math.exp(-(((h_bar - 275) / 25) ** 2))))
    )
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2 + rt * (dc / sc) * (dhh / sh))


def colour_differences(catalog, proofs: Path | None) -> list[tuple[str, float, float, float]]:
    profile = load_profile(profile_path())
    to_lab = cmyk_to_lab(profile)
    rows = []
    for slug, loaded in sorted(catalog.designs.items()):
        values = _values(loaded.design)
        rgb_pdf = render_card(loaded.folder, loaded.design, values, RenderOptions())
        cmyk_pdf = render_card(loaded.folder, loaded.design, values, RenderOptions(pdfx=True))
        differences: list[float] = []
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            rgb_pages = _ghostscript(rgb_pdf, "png16m", folder, "rgb")
            cmyk_pages = _ghostscript(cmyk_pdf, "tiff32nc", folder, "cmyk")
            for index, (rgb_path, cmyk_path) in enumerate(zip(rgb_pages, cmyk_pages, strict=True)):
                rgb = Image.open(rgb_path).convert("RGB")
                cmyk = Image.open(cmyk_path)
                cmyk.load()
                lab_rgb = lab_of(ImageCms.applyTransform(rgb, _SRGB_TO_LAB))
                lab_cmyk = lab_of(ImageCms.applyTransform(cmyk, to_lab))
                cache: dict = {}
                for pair in zip(lab_rgb, lab_cmyk, strict=True):
                    if pair not in cache:
                        cache[pair] = ciede2000(*pair)
                    differences.append(cache[pair])
                if proofs is not None:
                    proofs.mkdir(parents=True, exist_ok=True)
                    rgb.save(proofs / f"{slug}-{index + 1}-rgb.png")
                    ImageCms.applyTransform(cmyk, cmyk_to_srgb(profile)).save(proofs / f"{slug}-{index + 1}-press.png")
        differences.sort()
        rows.append((slug, differences[-1], differences[int(len(differences) * 0.99)], statistics.fmean(differences)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proofs", type=Path, default=None, help="write RGB and soft-proof PNGs here")
    args = parser.parse_args()
    catalog = load_catalog(TEMPLATES_DIR)
    print(f"{'design':36} {'pro ms':>8} {'pdfx ms':>8} {'ratio':>6}")
    rows = time_renders(catalog)
    for slug, pro, pdfx in rows:
        print(f"{slug:36} {pro:8.2f} {pdfx:8.2f} {pdfx / pro:6.2f}")
    pro_all = statistics.median(r[1] for r in rows)
    pdfx_all = statistics.median(r[2] for r in rows)
    print(f"{'median over designs':36} {pro_all:8.2f} {pdfx_all:8.2f} {pdfx_all / pro_all:6.2f}")
    print()
    print(f"{'design':36} {'max dE00':>9} {'p99 dE00':>9} {'mean':>6}")
    for slug, largest, p99, mean in colour_differences(catalog, args.proofs):
        print(f"{slug:36} {largest:9.2f} {p99:9.2f} {mean:6.2f}")


if __name__ == "__main__":
    main()
