"""Generate the SVG panels of every design: ``python card_templates/_artwork/build.py [slug ...]``.

Each function below draws one design's panels into its folder. Output is deterministic (fixed seeds),
so re-running gives byte-identical files.
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from kit import Svg, catmull, f, star_field, stroke_path, wash  # noqa: E402
from motifs import (  # noqa: E402
    CREAM,
    fmn_spray,
    fmn_sprig,
    ground_shadow,
    moon,
    olive_sprig,
    pebble,
    sparkle,
)

ROOT = Path(__file__).resolve().parent.parent
DESIGNS = {}


def design(slug):
    def deco(fn):
        DESIGNS[slug] = fn
        return fn

    return deco


def out(slug, name, svg: Svg):
    folder = ROOT / slug
    folder.mkdir(exist_ok=True)
    svg.save(folder / name)
    return svg


def paper(color=CREAM, size=None):
    s = Svg(*(size or (111.0, 154.0)))
    s.background(color)
    return s


# ================================================================ 1. message-led


@design("dont-know-what-to-say")
def dont_know_what_to_say(slug):
    bg = "#f5f0e8"
    s = paper(bg)
    # the one ornament: a slender olive sprig lying across, above the words
    olive_sprig(s, random.Random(11), (41.5, 54), 28, -0.1, n=7, leaf_len=6.2, bend=0.1, line=0.16, stem_w=0.22)
    out(slug, "front.svg", s)

    s = paper(bg)
    olive_sprig(s, random.Random(13), (47, 128), 17, -0.1, n=5, leaf_len=4, bend=0.08, line=0.14, stem_w=0.18)
    out(slug, "back.svg", s)


# ================================================================ 2. botanical


@design("forget-me-nots")
def forget_me_nots(slug):
    rnd = random.Random(21)
    bg = "#f7f3ec"
    s = paper(bg)
    # a soft blue-grey ground wash behind the spray, like the first layer of a watercolour
    wash(s, 60, 50, 30, 22, "#d3dcea", rnd, layers=3, opacity=0.22, wobble=0.16, edge=0.1)
    wash(s, 47, 64, 16, 12, "#e6d8cf", rnd, layers=2, opacity=0.22, wobble=0.18)
    # the stems, gathered low and tied with a thread
    fmn_spray(s, rnd, (55.5, 96), 66, spread=1.3, size=3.2, stems=5, lean=0.03)
    stroke_path(s, "M52.6,93.2Q55.5,94.8 58.6,93.1", "#a08a70", 0.42, 0.9)
    stroke_path(s, "M55.5,94.2Q54.2,98.5 52.4,100.8", "#a08a70", 0.25, 0.8)
    stroke_path(s, "M55.6,94.2Q57.6,98 60.2,99.4", "#a08a70", 0.25, 0.8)
    out(slug, "front.svg", s)

    s = paper(bg)
    fmn_sprig(s, random.Random(22), (57, 52), scale=1.1, angle=-1.35)
    out(slug, "inside_left.svg", s)

    s = paper(bg)
    out(slug, "inside_right.svg", s)

    s = paper(bg)
    fmn_sprig(s, random.Random(23), (57, 120), scale=0.7, angle=-1.3)
    out(slug, "back.svg", s)


# ================================================================ 3. celestial


def dusk_sky(s: Svg, rnd, stops=None, moon_at=(76, 38), moon_r=8.5, stars=46, text_band=(72, 98)):
    w, h = s.width, s.height
    stops = stops or [
        (0, "#1f2640"),
        (0.42, "#363c5e"),
        (0.66, "#5e5878"),
        (0.82, "#9b7f8f"),
        (0.93, "#d0a79c"),
        (1, "#e6c4aa"),
    ]
    s.add(f'<rect x="-1" y="-1" width="{f(w + 2)}" height="{f(h + 2)}" fill="{s.linear(stops, 0, 0, 0, h)}"/>')
    # faint cloud veils across the lower sky
    for cx, cy, rx, col, op in (
        (40, 116, 52, "#b58d95", 0.13),
        (78, 124, 44, "#e2bba6", 0.14),
        (70, 104, 34, "#8a7b98", 0.12),
    ):
        wash(s, cx, cy, rx, 2.6, col, rnd, layers=2, opacity=op, wobble=0.1)
    star_field(
        s,
        rnd,
        (6, 6, w - 6, 92),
        stars,
        "#f4ead8",
        0.12,
        0.38,
        (0.35, 0.9),
        avoid=[
            (moon_at[0] - 14, moon_at[1] - 14, moon_at[0] + 14, moon_at[1] + 14),
            (14, text_band[0], w - 14, text_band[1]),
        ],
    )
    moon(s, moon_at, moon_r, "#f3e6c6", phase=0.28, tilt=-0.5, halo="#f3e6c6", halo_r=moon_r * 2.3)


def hills(s: Svg, rnd, layers):
    w = s.width
    for base, amp, col, op in layers:
        ptsl = []
        n = 7
        for i in range(n + 1):
            x = -4 + (w + 8) * i / n
            ptsl.append((x, base - amp * (0.5 + 0.5 * math.sin(i * 1.3 + rnd.uniform(0, 1.2)))))
        d = catmull(ptsl) + f"L{f(w + 4)},{f(s.height + 4)}L-4,{f(s.height + 4)}Z"
        s.add(f'<path d="{d}" fill="{col}" fill-opacity="{f(op)}"/>')


@design("dusk-moon")
def dusk_moon(slug):
    rnd = random.Random(31)
    s = Svg()
    dusk_sky(s, rnd)
    for c, r in (((28, 26), 1.5), ((43, 62), 1.0), ((90, 70), 1.2), ((20, 78), 0.8)):
        sparkle(s, c, r, "#f6ecd8", 0.9)
    hills(s, rnd, [(136, 7, "#4d4662", 0.55), (142, 6, "#37334d", 0.85), (148, 4, "#262539", 0.95)])
    out(slug, "front.svg", s)

    bg = "#f6f2ee"
    s = paper(bg)
    moon(s, (55.5, 52), 6, "#cfb27e", phase=0.28, tilt=-0.5)
    for c, r in (((66, 44), 0.9), ((45, 47), 0.6), ((63, 60), 0.55)):
        sparkle(s, c, r, "#a98f68", 0.9)
    out(slug, "inside_left.svg", s)

    s = paper(bg)
    for c, r in (((55.5, 12.5), 0.9), ((50.5, 14), 0.5), ((60.5, 14), 0.5)):
        sparkle(s, c, r, "#b59c74", 0.9)
    out(slug, "inside_right.svg", s)

    s = paper(bg)
    moon(s, (55.5, 126), 3.6, "#cfb27e", phase=0.28, tilt=-0.5)
    out(slug, "back.svg", s)


# ================================================================ 4. quiet


def cairn(s: Svg, rnd, base_x, base_y, scale=1.0):
    """Three smooth stones balanced on each other, with a soft shadow."""
    k = scale
    ground_shadow(s, (base_x + 1 * k, base_y + 0.5 * k), 20 * k, 2.2 * k, opacity=0.05, layers=5)
    stones = [  # (dx, dy from base, rx, ry, light, dark, rotation)
        (0, -7.4, 18, 7.6, "#d6cfc3", "#a59c8e", 0.03),
        (1.2, -19.6, 12.5, 5.4, "#e0d6c6", "#b5a893", -0.06),
        (-0.4, -28.4, 7.4, 3.9, "#c8ccc4", "#979e96", 0.05),
    ]
    for dx, dy, rx, ry, light, dark, rot in stones:
        pebble(
            s, rnd, (base_x + dx * k, base_y + dy * k), rx * k, ry * k, light, dark, rot, speckle="#8d8477", n_speckle=5
        )


@design("three-pebbles")
def three_pebbles(slug):
    bg = "#f3f1ec"
    s = paper(bg)
    rnd = random.Random(41)
    cairn(s, rnd, 55.5, 98, 1.12)
    out(slug, "front.svg", s)

    s = paper(bg)
    rnd = random.Random(43)
    ground_shadow(s, (55.8, 133.4), 5.4, 0.8, opacity=0.07)
    pebble(s, rnd, (55.5, 131.4), 5, 2.1, "#d6cfc3", "#a59c8e", 0.03)
    out(slug, "back.svg", s)


def main(argv):
    slugs = argv or list(DESIGNS)
    for slug in slugs:
        DESIGNS[slug](slug)
        print("built", slug)


if __name__ == "__main__":
    main(sys.argv[1:])
