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

from kit import LANDSCAPE, Curve, Svg, catmull, f, glow, mix, painted_leaf, polar, star_field, stroke_path, wash  # noqa: E402
from motifs import (  # noqa: E402
    CREAM,
    FMN_BLUES,
    acorn,
    anemone,
    candle,
    candle_line,
    cosmos,
    drifting_seed,
    fern_frond,
    fiddlehead,
    fmn_bud,
    fmn_flower,
    fmn_spray,
    fmn_sprig,
    fmn_stem,
    lily,
    moon,
    oak_sprig,
    olive_sprig,
    paper_boat,
    ripples,
    seed_head,
    smooth_pebble,
    snowdrop,
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


def painted_leaf_pub(s, base, angle, length, width, rnd):
    from kit import painted_leaf

    painted_leaf(s, base, angle, length, width, "#9aa88a", "#5d6a52", rnd, bend=0.08, fill_op=0.55, line=0.16)


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
    fmn_sprig(s, random.Random(22), (57, 50), scale=1.35, angle=-1.35)
    out(slug, "inside_left.svg", s)

    s = paper(bg)
    fmn_sprig(s, random.Random(23), (57, 120), scale=0.7, angle=-1.3)
    out(slug, "back.svg", s)


# ================================================================ 3. celestial


def dusk_sky(s: Svg, rnd, stops=None, moon_at=(76, 38), moon_r=8.5, stars=46, text_band=(72, 98)):
    w, h = s.width, s.height
    # the sky is nearly even in colour where the moon hangs, so its gradient halo meets the sky unseen
    stops = stops or [
        (0, "#1f2640"),
        (0.14, "#29304f"),
        (0.35, "#2b3251"),
        (0.46, "#383e60"),
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
    ground = colour_at(stops, moon_at[1] / h)
    moon(s, moon_at, moon_r, "#f3e6c6", phase=0.28, tilt=-0.5, halo="#f3e6c6", halo_r=moon_r * 2.3, ground=ground)


def colour_at(stops, t):
    """The colour of a gradient with these stops at ``t`` (0 to 1)."""
    for (t0, c0), (t1, c1) in zip(stops, stops[1:], strict=False):
        if t0 <= t <= t1:
            return mix(c0, c1, (t - t0) / (t1 - t0) if t1 > t0 else 0)
    return stops[-1][1]


def hills(s: Svg, rnd, layers, width=None):
    w = width or s.width
    for base, amp, col, op in layers:
        ptsl = []
        n = 7
        for i in range(n + 1):
            x = -4 + (w + 8) * i / n
            ptsl.append((x, base - amp * (0.5 + 0.5 * math.sin(i * 1.3 + rnd.uniform(0, 1.2)))))
        d = catmull(ptsl) + f"L{f(w + 4)},{f(s.height + 4)}L-4,{f(s.height + 4)}Z"
        s.add(f'<path d="{d}" fill="{col}" fill-opacity="{f(op)}"/>')


FOLD_SHIFT = 105.0  # a point on the front, in the back's drawing: x + 105 (the panels meet at the fold)


@design("dusk-moon")
def dusk_moon(slug):
    rnd = random.Random(31)
    s = Svg()
    dusk_sky(s, rnd)
    for c, r in (((28, 26), 1.5), ((43, 62), 1.0), ((90, 70), 1.2), ((20, 78), 0.8)):
        sparkle(s, c, r, "#f6ecd8", 0.9)
    hill_layers = [(136, 7, "#4d4662", 0.55), (142, 6, "#37334d", 0.85), (148, 4, "#262539", 0.95)]
    # the hills are drawn once across both outside panels, so they run on round the fold
    back_hills = Svg()
    hills(back_hills, random.Random(32), hill_layers, width=216)
    s.add(f'<g transform="translate({f(-FOLD_SHIFT)},0)">' + "".join(back_hills.body) + "</g>")
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

    # the back carries the dusk round the fold: the same sky, a few stars, the hills running on
    s = Svg()
    dusk_sky(s, random.Random(33), moon_at=(55.5, 40), moon_r=3.4, stars=14, text_band=(48, 62))
    s.body.extend(back_hills.body)
    out(slug, "back.svg", s)


# ================================================================ 4. quiet


@design("three-pebbles")
def three_pebbles(slug):
    bg = "#f3f1ec"
    s = paper(bg)
    rnd = random.Random(42)
    # three smooth stones laid side by side on the page, as if set down on a windowsill: one for each
    # of you, and one for your baby (the card doesn't say so; the shapes only suggest it)
    smooth_pebble(s, rnd, (36, 84), 13, 8, "#dcd5c9", "#a99f90", bg, rot=0.08)
    smooth_pebble(s, rnd, (77, 85), 12, 7.4, "#d2d6cd", "#9ba298", bg, rot=-0.1)
    smooth_pebble(s, rnd, (57, 88.5), 6.4, 4.2, "#e6dccb", "#b6a78f", bg, rot=0.05)
    out(slug, "front.svg", s)

    s = paper(bg)
    rnd = random.Random(43)
    smooth_pebble(s, rnd, (50, 128), 4.2, 2.6, "#dcd5c9", "#a99f90", bg)
    smooth_pebble(s, rnd, (61.5, 128.4), 3.9, 2.4, "#d2d6cd", "#9ba298", bg)
    smooth_pebble(s, rnd, (56, 129.6), 2.1, 1.4, "#e6dccb", "#b6a78f", bg)
    out(slug, "back.svg", s)


# ================================================================ 5. remembrance day


WAVE_GLOW = [  # the candle's light, as one radial gradient over the whole dark ground
    (0, "#6d5a4a"),
    (0.06, "#5a4a44"),
    (0.14, "#463b41"),
    (0.24, "#36303a"),
    (0.36, "#2c2833"),
    (0.55, "#25232e"),
    (1, "#201f2a"),
]


def wave_ground(s: Svg, flame):
    fill = s.radial(WAVE_GLOW, flame[0], flame[1], 200)
    s.add(f'<rect x="-1" y="-1" width="{f(s.width + 2)}" height="{f(s.height + 2)}" fill="{fill}"/>')


@design("wave-of-light")
def wave_of_light(slug):
    rnd = random.Random(51)
    s = Svg()
    flame = (55.5, 50)
    wave_ground(s, flame)
    star_field(s, rnd, (8, 8, 103, 40), 16, "#efe2c8", 0.1, 0.3, (0.25, 0.6), avoid=[(30, 20, 81, 60)])
    candle(s, rnd, 55.5, 58, 96, 15)
    # a little warm light pooled on the surface under the candle, as a flattened gradient
    glow(s, (55.5, 97), 26, "#f2c77d", colour_at(WAVE_GLOW, 47 / 200), strength=0.12, ry=3.2)
    out(slug, "front.svg", s)

    bg = "#f5f0e8"
    s = paper(bg)
    candle_line(s, 55.5, 46, 58, 6.4)
    out(slug, "inside_left.svg", s)

    # the back carries the dark round the fold: the same light, from the candle across the fold
    s = Svg()
    wave_ground(s, (flame[0] + FOLD_SHIFT, flame[1]))
    candle_line(s, 55.5, 118, 126, 4.2, ink="#cdb58c", flame="#f0c27a", line=0.22)
    out(slug, "back.svg", s)


# ================================================================ 6. paper boat (landscape, top fold)


@design("paper-boat")
def paper_boat_design(slug):
    rnd = random.Random(61)
    W, H = LANDSCAPE
    s = Svg(W, H)
    horizon = 64
    s.add(
        f'<rect x="-1" y="-1" width="{W + 2}" height="{horizon + 1.2}" fill="{s.linear([(0, "#f4eee6"), (0.7, "#f1e2d6"), (1, "#ecd3c4")], 0, 0, 0, horizon)}"/>'
    )
    s.add(
        f'<rect x="-1" y="{horizon}" width="{W + 2}" height="{H - horizon + 1}" fill="{s.linear([(0, "#c9d0d6"), (0.4, "#aebbc6"), (1, "#93a5b5")], 0, horizon, 0, H)}"/>'
    )
    # a low sun just set, as a blush on the horizon
    wash(s, 104, horizon - 2, 30, 6, "#eab9a4", rnd, layers=3, opacity=0.18, wobble=0.12)
    # distant shore
    s.add(
        f'<path d="M-2,{horizon}C20,{horizon - 3.5} 34,{horizon - 4.2} 52,{horizon - 1.6}C60,{horizon - 0.6} 70,{horizon - 0.3} 80,{horizon}Z" fill="#a9a7b4" fill-opacity="0.55"/>'
    )
    # light on the water
    for i in range(6):
        y = horizon + 3 + i * 2.2
        wdt = 18 - i * 1.8
        s.add(
            f'<path d="M{f(104 - wdt / 2)},{f(y)}L{f(104 + wdt / 2)},{f(y)}" stroke="#f3dccd" stroke-width="0.5" stroke-opacity="{f(0.55 - i * 0.07)}" stroke-linecap="round"/>'
        )
    ripples(
        s, rnd, 4, W - 4, horizon + 4, H - 4, "#f2f0ec", n=22, opacity=(0.2, 0.45), width=0.32, avoid=(92, 128, 74, 92)
    )
    bx, by = 108, 84
    # reflection
    s.add(
        f'<path d="M{bx - 10},{by + 1}L{bx + 10},{by + 1}L{bx + 6},{by + 5}L{bx - 6},{by + 5}Z" fill="#eef0f0" fill-opacity="0.25"/>'
    )
    s.add(f'<path d="M{bx - 4},{by + 5}L{bx + 1},{by + 13}L{bx + 5},{by + 5}Z" fill="#eef0f0" fill-opacity="0.18"/>')
    paper_boat(s, bx, by, 1.05)
    ripples(s, rnd, bx - 16, bx + 16, by + 1.5, by + 4, "#f6f4f0", n=3, opacity=(0.5, 0.7), width=0.35)
    out(slug, "front.svg", s)

    s = paper("#f5f2ed", LANDSCAPE)
    paper_boat(s, 77, 44, 0.42, faces=("#fbf8f2", "#e4dccf", "#cfc3b2", "#c3b6a4"), ink="#8d8272")
    s.add(
        '<path d="M66,44.6Q71.5,44.2 77,44.6T88,44.6" fill="none" stroke="#9fb0bf" stroke-width="0.3" stroke-linecap="round"/>'
    )
    out(slug, "inside_left.svg", s)

    s = paper("#f5f2ed", LANDSCAPE)
    paper_boat(s, 77, 94, 0.3, faces=("#fbf8f2", "#e4dccf", "#cfc3b2", "#c3b6a4"), ink="#8d8272")
    out(slug, "back.svg", s)


# ================================================================ 7. seed heads


@design("dandelion-clocks")
def dandelion_clocks(slug):
    rnd = random.Random(71)
    bg = "#f6f2ea"
    s = paper(bg)
    wash(s, 48, 56, 26, 24, "#e7dcc6", rnd, layers=3, opacity=0.35, wobble=0.16, edge=0.2)
    wash(s, 72, 38, 14, 12, "#dfe3d6", rnd, layers=2, opacity=0.3, wobble=0.2)
    seed_head(s, rnd, (44, 56), 13, n=40, stem_to=(52, 114), stem_bend=-5)
    seed_head(s, rnd, (66, 76), 8.5, n=30, stem_to=(55, 114), stem_bend=5, opacity=0.65)
    # a few seeds already lifting away, up and to the right
    for (x, y), a, r in (
        ((70, 48), -1.1, 4.2),
        ((79, 38), -0.9, 4.0),
        ((86, 26), -1.2, 3.6),
        ((62, 33), -1.3, 3.4),
        ((92, 45), -0.7, 3.2),
    ):
        drifting_seed(s, (x, y), r, a + rnd.uniform(-0.15, 0.15))
    # grass at the foot of the stems
    for i in range(9):
        bx = 46 + i * 2.2 + rnd.uniform(-0.6, 0.6)
        h = rnd.uniform(6, 14)
        lean = rnd.uniform(-4, 4)
        stroke_path(
            s, f"M{f(bx)},114Q{f(bx + lean * 0.3)},{f(114 - h * 0.6)} {f(bx + lean)},{f(114 - h)}", "#7c8a6a", 0.3, 0.8
        )
    out(slug, "front.svg", s)

    # inside left: the two seeds that drift on from the front, lifting together above the name
    s = paper(bg)
    for (x, y), a, r in (((50, 40), -1.25, 4.2), ((60.5, 33), -1.0, 3.8)):
        drifting_seed(s, (x, y), r, a)
    out(slug, "inside_left.svg", s)

    s = paper(bg)
    rnd = random.Random(74)
    seed_head(s, rnd, (55.5, 120), 5, n=22, opacity=0.6)
    out(slug, "back.svg", s)


# ================================================================ 8. fern


@design("unfurling-fern")
def unfurling_fern(slug):
    rnd = random.Random(81)
    bg = "#f2f0e8"
    s = paper(bg)
    # one frond drawn large, sweeping up from the lower right corner and cut by the trim, a young shoot
    # still curled beside it; the words set high on the left, in the space the frond leans into
    fern_frond(s, rnd, (114, 166), 132, -2.0, -20, pinnae=30, width=0.5, line=0.2)
    fiddlehead(s, (36, 122), 5.5, stem_to=(50, 158), width=0.6)
    out(slug, "front.svg", s)

    s = paper(bg)
    fiddlehead(s, (54, 120), 2.6, stem_to=(57, 134), width=0.32)
    out(slug, "back.svg", s)


# ================================================================ 9. own news


SAD_NEWS_BAND = 100.0  # top of the front's field of colour, carried round onto the back at the same height
SAD_NEWS_FIELD = "#d9e0d7"


def sad_news_field(s: Svg):
    """The field of grey-green across the lower part, running off the edges (and round the fold)."""
    s.add(
        f'<rect x="-1" y="{f(SAD_NEWS_BAND)}" width="113" height="{f(156 - SAD_NEWS_BAND)}" fill="{SAD_NEWS_FIELD}"/>'
    )


@design("sharing-sad-news")
def sharing_sad_news(slug):
    rnd = random.Random(91)
    bg = "#f1f2ee"
    s = paper(bg)
    # a field of soft grey-green across the lower part, running off three edges and round the fold
    # onto the back; three snowdrops rise from it on the right, the words sit in it on the left
    sad_news_field(s)
    snowdrop(s, rnd, (76, 112), 80, lean=-0.06, scale=2.0)
    snowdrop(s, rnd, (82, 112), 60, lean=0.1, scale=1.75)
    snowdrop(s, rnd, (72, 112), 44, lean=-0.3, scale=1.5)
    out(slug, "front.svg", s)

    s = paper(bg)
    snowdrop(s, random.Random(92), (53, 56), 20, lean=0.05, scale=0.65)
    out(slug, "inside_left.svg", s)

    s = paper(bg)
    sad_news_field(s)
    snowdrop(s, random.Random(93), (54, 134), 11, lean=0.05, scale=0.4)
    out(slug, "back.svg", s)


# ================================================================ 10. Mother's Day


@design("mothers-day-anemones")
def mothers_day_anemones(slug):
    rnd = random.Random(101)
    bg = "#f7f2ec"
    s = paper(bg)
    wash(s, 56, 56, 34, 28, "#efd9d1", rnd, layers=3, opacity=0.3, wobble=0.16, edge=0.15)
    ink = "#5d6a52"
    stems = [((54, 108), (38, 48), -7), ((56, 108), (72, 42), 6)]
    for base, tip, bend in stems:
        stroke_path(
            s,
            f"M{f(base[0])},{f(base[1])}Q{f((base[0] + tip[0]) / 2 + bend)},{f((base[1] + tip[1]) / 2)} {f(tip[0])},{f(tip[1])}",
            ink,
            0.45,
            0.9,
        )
    # the ruff of divided leaves that anemones carry a little below each flower
    for (x, y), angs in (((41.8, 64), (-2.6, -2.0, -1.0, -0.4)), ((68.6, 58), (-2.7, -2.1, -1.1, -0.5))):
        for a in angs:
            painted_leaf_pub(s, (x, y), a, 8.5, 1.1, rnd)
    anemone(s, rnd, (38, 46), 14, rot=0.2)
    anemone(s, rnd, (72, 40), 11.5, petal="#f6ece7", edge="#c9a59b", rot=0.5)
    out(slug, "front.svg", s)

    s = paper(bg)
    anemone(s, random.Random(102), (55.5, 50), 6, rot=0.2)
    out(slug, "inside_left.svg", s)

    s = paper(bg)
    anemone(s, random.Random(103), (55.5, 124), 4.5, rot=0.2)
    out(slug, "back.svg", s)


# ================================================================ 11. Father's Day


@design("fathers-day-oak")
def fathers_day_oak(slug):
    rnd = random.Random(112)
    bg = "#f3f1ea"
    s = paper(bg)
    # a single upright oak sprig, centred, leaves alternating on short stalks, a pair of acorns hanging
    # from a node: balanced on the page, not leaning off one edge
    stem = Curve((56, 108), (53, 90), (59, 70), (55.5, 30))
    p = stem.at(0.42)
    stalk_end = (p[0] + 5.5, p[1] + 8.5)
    stroke_path(
        s, f"M{f(p[0])},{f(p[1])}Q{f(p[0] + 4.5)},{f(p[1] + 2)} {f(stalk_end[0])},{f(stalk_end[1])}", "#7a6646", 0.5
    )
    acorn(s, (stalk_end[0] - 0.6, stalk_end[1] + 1.6), 3.2, 1.75)
    acorn(s, (stalk_end[0] + 1.2, stalk_end[1] + 0.9), 2.9, 1.2)
    oak_sprig(
        s,
        rnd,
        stem,
        [
            (0.12, -1, 19, "#9aa36f"),
            (0.3, 1, 22, "#8e9a6c"),
            (0.5, -1, 23, "#a3a872"),
            (0.68, 1, 21, "#97a06c"),
            (0.84, -1, 18, "#a9a86e"),
            (1.0, 0, 16, "#9aa46e"),
        ],
    )
    out(slug, "front.svg", s)

    s = paper(bg)
    acorn(s, (55.5, 123), 2.2, 1.57)
    out(slug, "back.svg", s)


# ================================================================ 12. pregnancy after loss


RAINBOW = ["#dc9f92", "#e7c189", "#b4c99a", "#93b4cc", "#b3a3cb"]


def arc_bands(s: Svg, c, r_outer, band, gap, colours, line=None):
    """Clean concentric half-circle bands with square ends resting on one baseline."""
    for i, col in enumerate(colours):
        r = r_outer - band / 2 - i * (band + gap)
        s.add(
            f'<path d="M{f(c[0] - r)},{f(c[1])}A{f(r)},{f(r)} 0 0,1 {f(c[0] + r)},{f(c[1])}" fill="none" '
            f'stroke="{col}" stroke-width="{f(band)}" stroke-linecap="butt"/>'
        )
    if line:
        s.add(
            f'<path d="M{f(c[0] - r_outer - 4)},{f(c[1] + 0.5)}L{f(c[0] + r_outer + 4)},{f(c[1] + 0.5)}" '
            f'stroke="{line}" stroke-width="0.3" stroke-linecap="round"/>'
        )


@design("arc-of-colour")
def soft_rainbow(slug):
    bg = "#f7f3ec"
    s = paper(bg)
    # five clear, evenly spaced bands in clean pastels, ends square on a fine baseline
    arc_bands(s, (55.5, 90), 36, 4.2, 1.3, RAINBOW, line="#c9bfae")
    out(slug, "front.svg", s)

    s = paper(bg)
    arc_bands(s, (55.5, 127), 7, 0.9, 0.35, RAINBOW)
    out(slug, "back.svg", s)


# ================================================================ 13. faith: Psalm 34


@design("faith-close-to-the-broken-hearted")
def faith_psalm(slug):
    rnd = random.Random(131)
    bg = "#f7f3ea"
    s = paper(bg)
    # a simple cross in soft gold, with a warm dawn wash behind it and olive sprigs at its foot
    wash(s, 55.5, 50, 22, 18, "#f0dcb6", rnd, layers=4, opacity=0.15, wobble=0.12, edge=0.12)
    cx, cy = 55.5, 48
    s.add(
        f'<path d="M{cx},{cy - 11}L{cx},{cy + 12}M{cx - 6.5},{cy - 4.5}L{cx + 6.5},{cy - 4.5}" stroke="#a8844a" stroke-width="0.75" stroke-linecap="round" fill="none"/>'
    )
    olive_sprig(s, rnd, (54.5, 61), 17, math.pi + 0.25, n=6, leaf_len=4.4, bend=0.1, line=0.15, stem_w=0.22)
    olive_sprig(s, random.Random(132), (56.5, 61), 17, -0.25, n=6, leaf_len=4.4, bend=-0.1, line=0.15, stem_w=0.22)
    out(slug, "front.svg", s)

    s = paper(bg)
    s.add(
        '<path d="M55.5,119L55.5,131M51.8,123L59.2,123" stroke="#a8844a" stroke-width="0.45" stroke-linecap="round" fill="none"/>'
    )
    out(slug, "back.svg", s)


# ================================================================ 14. faith: white lily


@design("faith-white-lily")
def faith_lily(slug):
    rnd = random.Random(141)
    bg = "#f4f2ea"
    s = paper(bg)
    wash(s, 56, 58, 30, 30, "#e2e6d2", rnd, layers=3, opacity=0.35, wobble=0.14, edge=0.12)
    ink = "#5f6b4e"
    stem = Curve((56, 110), (54, 92), (57, 70), (55, 54))
    from kit import tapered_stem

    tapered_stem(s, stem, 1.0, 0.5, "#7b8a62", 0.9)
    for t, side in ((0.18, -1), (0.3, 1), (0.55, -1), (0.68, 1)):
        p = stem.at(t)
        from kit import painted_leaf

        painted_leaf(
            s,
            p,
            stem.angle(t) + side * 0.5,
            15 - t * 8,
            1.6,
            "#9aa882",
            ink,
            rnd,
            bend=side * 0.1,
            fill_op=0.5,
            line=0.17,
        )
    # a closed bud on a side stalk
    p = stem.at(0.42)
    stroke_path(
        s, f"M{f(p[0])},{f(p[1])}Q{f(p[0] + 8)},{f(p[1] - 1)} {f(p[0] + 11)},{f(p[1] - 6)}", "#7b8a62", 0.45, 0.95
    )
    from kit import leaf_d

    s.add(
        f'<path d="{leaf_d((p[0] + 11, p[1] - 6), -0.85, 13, 2.2, -0.04, 0.85)}" fill="#f3f1e3" stroke="#aaa98c" stroke-width="0.18"/>'
    )
    s.add(f'<path d="{leaf_d((p[0] + 11, p[1] - 6), -0.85, 3.2, 1.2, 0, 0.5)}" fill="#b8c19a" fill-opacity="0.8"/>')
    lily(s, rnd, (55, 52), 19, rot=-0.35)
    out(slug, "front.svg", s)

    s = paper(bg)
    lily(s, random.Random(143), (55.5, 123), 5, rot=-0.35)
    out(slug, "back.svg", s)


# ================================================================ 15. wreath with a name


@design("olive-wreath")
def olive_wreath(slug):
    rnd = random.Random(151)
    bg = "#f6f2ea"
    s = paper(bg)
    c = (55.5, 72)
    R = 33
    from kit import painted_leaf

    # two branches meeting at the bottom, open at the top
    for side in (1, -1):
        ptsl = []
        for i in range(16):
            a = math.pi / 2 + side * (0.12 + i * 0.165)
            ptsl.append(polar(c, R, a))
        stroke_path(s, catmull(ptsl), "#6a7255", 0.32, 0.9)
        for i in range(1, 16):
            a = math.pi / 2 + side * (0.12 + i * 0.165)
            p = polar(c, R, a)
            tang = a + side * math.pi / 2
            for k in (1, -1):
                la = tang + k * 0.55 * side + rnd.uniform(-0.1, 0.1)
                col = rnd.choice(["#9aa57f", "#a9b18e", "#8c9a78"])
                painted_leaf(
                    s,
                    p,
                    la,
                    rnd.uniform(6.5, 8.5) * (1 - i * 0.02),
                    1.05,
                    col,
                    "#5e6748",
                    rnd,
                    bend=k * 0.05,
                    fill_op=0.55,
                    line=0.15,
                    rib=False,
                )
    # small tie of thread where the branches cross
    bot = polar(c, R, math.pi / 2)
    stroke_path(
        s,
        f"M{f(bot[0] - 2.4)},{f(bot[1] - 0.8)}Q{f(bot[0])},{f(bot[1] + 1.2)} {f(bot[0] + 2.4)},{f(bot[1] - 0.8)}",
        "#b39574",
        0.4,
        0.9,
    )
    stroke_path(
        s,
        f"M{f(bot[0])},{f(bot[1] + 0.3)}Q{f(bot[0] - 1.5)},{f(bot[1] + 4)} {f(bot[0] - 3.2)},{f(bot[1] + 6)}",
        "#b39574",
        0.25,
        0.9,
    )
    stroke_path(
        s,
        f"M{f(bot[0])},{f(bot[1] + 0.3)}Q{f(bot[0] + 1.8)},{f(bot[1] + 3.6)} {f(bot[0] + 3.6)},{f(bot[1] + 5.2)}",
        "#b39574",
        0.25,
        0.9,
    )
    out(slug, "front.svg", s)

    s = paper(bg)
    olive_sprig(s, random.Random(153), (47, 128), 17, -0.1, n=5, leaf_len=4, bend=0.08, line=0.14, stem_w=0.18)
    out(slug, "back.svg", s)


# ================================================================ 16. two stems


@design("two-cosmos")
def two_cosmos(slug):
    rnd = random.Random(161)
    bg = "#f7f3ee"
    s = paper(bg)
    # two flowers drawn large, rising from below the trim: the blush one cut by the bottom and right
    # edges, the ivory one leaning in towards it; the words set high on the left
    ink = "#5d6a52"
    # each stem stops half-way under its flower, so it does not show through the translucent petals
    a = Curve((94, 162), (92, 152), (88, 146), (86, 140))
    b = Curve((60, 160), (58, 140), (50, 120), (47, 105))
    for st in (a, b):
        stroke_path(s, st.d(), ink, 0.55, 0.9)
        # fine, thread-like cosmos foliage
        for t in (0.12, 0.42, 0.72) if st is b else (0.1,):
            p = st.at(t)
            for side in (1, -1):
                ang = st.angle(t) + side * 0.75
                e = polar(p, 10, ang)
                m = polar(p, 5, ang - side * 0.2)
                stroke_path(s, f"M{f(p[0])},{f(p[1])}Q{f(m[0])},{f(m[1])} {f(e[0])},{f(e[1])}", ink, 0.26, 0.8)
                for k in (0.4, 0.7):
                    q = polar(p, 10 * k, ang)
                    e2 = polar(q, 3.8, ang + side * 0.8)
                    stroke_path(s, f"M{f(q[0])},{f(q[1])}L{f(e2[0])},{f(e2[1])}", ink, 0.2, 0.8)
    cosmos(s, rnd, (46, 94), 17, petal="#f6efe6", edge="#c8b49e", rot=0.1)
    # the blush flower is in front: two paper-coloured copies under it hide the stems and the ivory petals
    # behind its translucent petals
    for _ in range(2):
        cosmos(s, random.Random(162), (84, 122), 34, petal=bg, edge=bg, centre=bg, rot=0.3)
    cosmos(s, random.Random(162), (84, 122), 34, rot=0.3)
    out(slug, "front.svg", s)

    s = paper(bg)
    cosmos(s, random.Random(163), (52.5, 124), 3.6, rot=0.3)
    cosmos(s, random.Random(164), (59, 126), 3.0, petal="#f6efe6", edge="#c8b49e", rot=0.1)
    out(slug, "back.svg", s)


# ================================================================ Collection II


def ruled(s: Svg, x0, x1, y0, n, gap, colour="#d3cabb", width=0.2):
    """Faint ruled lines to write on by hand after printing."""
    for i in range(n):
        y = y0 + i * gap
        s.add(f'<path d="M{f(x0)},{f(y)}L{f(x1)},{f(y)}" stroke="{colour}" stroke-width="{f(width)}"/>')


def seedling(s: Svg, base, h, ink="#5d6a52", leaf="#a3b38e", rnd=None, scale=1.0):
    """A seedling: a short curved stem and two seed leaves opening, over a fine line of ground."""
    rnd = rnd or random.Random(0)
    x, y = base
    top = (x + 0.6 * scale, y - h)
    stroke_path(s, f"M{f(x)},{f(y)}Q{f(x - 1.2 * scale)},{f(y - h * 0.5)} {f(top[0])},{f(top[1])}", ink, 0.42 * scale)
    painted_leaf(s, top, -2.55, 7.5 * scale, 2.4 * scale, leaf, ink, rnd, bend=-0.1, fill_op=0.7, line=0.18 * scale)
    painted_leaf(s, top, -0.5, 8.5 * scale, 2.6 * scale, leaf, ink, rnd, bend=0.1, fill_op=0.7, line=0.18 * scale)
    stroke_path(
        s, f"M{f(x - 9 * scale)},{f(y + 0.2)}Q{f(x)},{f(y - 0.8)} {f(x + 9 * scale)},{f(y + 0.2)}", "#b8a98f", 0.3
    )


@design("two-together")
def two_together(slug):
    bg = "#f6f3ee"
    s = paper(bg)
    # two forget-me-not sprigs from one point, leaning towards each other
    fmn_stem(s, random.Random(171), (54, 102), (36, 36), 0.12, flowers=6, size=3.6, leaves=3, stem_w=0.42)
    fmn_stem(s, random.Random(172), (57, 102), (75, 40), -0.12, flowers=6, size=3.4, leaves=3, stem_w=0.42)
    stroke_path(s, "M52.6,98.6Q55.5,100.2 58.6,98.5", "#a08a70", 0.42, 0.9)
    out(slug, "front.svg", s)

    s = paper(bg)
    fmn_sprig(s, random.Random(173), (50.5, 40), scale=0.9, angle=-1.75)
    fmn_sprig(s, random.Random(174), (60.5, 40), scale=0.9, angle=-1.35)
    out(slug, "inside_left.svg", s)

    s = paper(bg)
    fmn_sprig(s, random.Random(175), (53, 122), scale=0.55, angle=-1.75)
    fmn_sprig(s, random.Random(176), (58, 122), scale=0.55, angle=-1.35)
    out(slug, "back.svg", s)


@design("loved-from-the-start")
def loved_from_the_start(slug):
    bg = "#f5f2ea"
    s = paper(bg)
    # the words are the picture, set large and high on the left; one small seedling low on the right,
    # on a line of ground that runs off the right edge
    seedling(s, (80, 128), 11, rnd=random.Random(181), scale=1.15)
    stroke_path(s, "M66,128.2Q88,127.4 114,128.4", "#b8a98f", 0.3)
    out(slug, "front.svg", s)

    s = paper(bg)
    seedling(s, (55.5, 50), 7, rnd=random.Random(182), scale=0.7)
    out(slug, "inside_left.svg", s)

    s = paper(bg)
    seedling(s, (55.5, 128), 4, rnd=random.Random(183), scale=0.45)
    out(slug, "back.svg", s)


@design("all-you-have-been-through")
def all_you_have_been_through(slug):
    bg = "#f2f1ea"
    s = paper(bg)
    # one frond already open, one crozier still uncurling beside it
    fern_frond(s, random.Random(185), (53, 98), 50, -1.75, -7, pinnae=16, leaf="#9fae8f", fill_op=0.5)
    fiddlehead(s, (66, 56), 5.2, stem_to=(55, 98), width=0.6)
    out(slug, "front.svg", s)

    s = paper(bg)
    ruled(s, 16, 95, 40, 9, 9)
    fiddlehead(s, (56.5, 20), 2.2, stem_to=(55, 30), width=0.35)
    out(slug, "inside_left.svg", s)

    s = paper(bg)
    fiddlehead(s, (56, 122), 2.0, stem_to=(55, 131), width=0.3)
    out(slug, "back.svg", s)


def round_leaf_sprig(s: Svg, rnd, stem: Curve, n, size, fill="#a7b39a", ink="#5f6b57"):
    """A sprig of round, paired leaves (like eucalyptus), growing smaller to the tip."""
    stroke_path(s, stem.d(), ink, 0.38, 0.9)
    for i in range(n):
        t = 0.12 + 0.84 * i / max(1, n - 1)
        p = stem.at(t)
        k = size * (1 - 0.45 * t)
        for side in (1, -1):
            a = stem.angle(t) + side * 1.0
            c = polar(p, k * 0.95, a)
            s.add(
                f'<ellipse cx="{f(c[0])}" cy="{f(c[1])}" rx="{f(k)}" ry="{f(k * 0.8)}" '
                f'transform="rotate({f(math.degrees(a))} {f(c[0])} {f(c[1])})" fill="{fill}" fill-opacity="0.6" '
                f'stroke="{ink}" stroke-width="0.18" stroke-opacity="0.85"/>'
            )


@design("the-hardest-of-times")
def the_hardest_of_times(slug):
    bg = "#f5f1ec"
    s = paper(bg)
    round_leaf_sprig(s, random.Random(191), Curve((50, 100), (48, 80), (60, 62), (58, 34)), 7, 4.2)
    round_leaf_sprig(s, random.Random(192), Curve((52, 100), (56, 86), (70, 76), (74, 58)), 5, 3.2, fill="#bcc3b0")
    out(slug, "front.svg", s)

    s = paper(bg)
    round_leaf_sprig(s, random.Random(193), Curve((50, 112), (53, 106), (58, 103), (62, 98)), 3, 1.6)
    out(slug, "inside_left.svg", s)

    s = paper(bg)
    round_leaf_sprig(s, random.Random(194), Curve((53, 132), (54, 128), (57, 125), (59, 121)), 3, 1.3)
    out(slug, "back.svg", s)


def flower_ring(s: Svg, rnd, c, r, n=30, blue=None):
    """A garland of forget-me-nots round a name: a fine stem circling, leaves along it, flowers in
    small clusters."""
    s.add(f'<circle cx="{f(c[0])}" cy="{f(c[1])}" r="{f(r)}" fill="none" stroke="#6f7d60" stroke-width="0.28"/>')
    for i in range(n):
        a = -math.pi / 2 + 2 * math.pi * i / n + rnd.uniform(-0.04, 0.04)
        p = polar(c, r, a)
        side = 1 if i % 2 else -1
        painted_leaf(s, p, a + math.pi / 2 + side * 0.6, 4.6, 1.2, "#a3b38e", "#5d6a52", rnd, fill_op=0.6, line=0.14)
    for i in range(n // 2):
        a = -math.pi / 2 + 2 * math.pi * (i + 0.5) / (n // 2)
        for _ in range(rnd.choice((1, 2, 2, 3))):
            p = polar(c, r + rnd.uniform(-2.2, 2.2), a + rnd.uniform(-0.07, 0.07))
            fmn_flower(s, p, rnd.uniform(1.7, 2.4), rnd, blue=blue)


@design("forever-loved")
def forever_loved(slug):
    bg = "#f6f3ee"
    s = paper(bg)
    flower_ring(s, random.Random(201), (55.5, 66), 34)
    out(slug, "front.svg", s)

    s = paper(bg)
    rnd = random.Random(202)
    for i, a in enumerate((-2.3, -1.57, -0.84)):
        fmn_flower(s, polar((55.5, 96), 6, a), 1.4 if i != 1 else 1.8, rnd)
    out(slug, "inside_left.svg", s)

    s = paper(bg)
    fmn_flower(s, (55.5, 124), 1.8, random.Random(203))
    out(slug, "back.svg", s)


@design("every-moment-loved")
def every_moment_loved(slug):
    bg = "#f6f2ee"
    s = paper(bg)
    moon(s, (55.5, 40), 10, "#d2b47c", phase=0.3, tilt=-0.2)
    sparkle(s, (61.5, 38), 2.4, "#c9a86c")
    for c, r in (((40, 30), 0.9), ((72, 24), 1.1), ((77, 50), 0.7)):
        sparkle(s, c, r, "#c9a86c", 0.9)
    out(slug, "front.svg", s)

    s = paper(bg)
    for c, r in (((44, 46), 1.6), ((55.5, 38), 2.3), ((67, 47), 1.4), ((50, 58), 0.9), ((62, 60), 0.8)):
        sparkle(s, c, r, "#c9a86c", 0.95)
    out(slug, "inside_left.svg", s)

    s = paper(bg)
    moon(s, (55.5, 124), 3.4, "#d2b47c", phase=0.3, tilt=-0.2)
    out(slug, "back.svg", s)


@design("one-year-on")
def one_year_on(slug):
    bg = "#f5f2ea"
    s = paper(bg)
    # a fine ring with a pair of leaves at each of twelve places, one for each month, like a clock face
    c, r = (55.5, 60), 27
    rnd = random.Random(211)
    s.add(f'<circle cx="{f(c[0])}" cy="{f(c[1])}" r="{f(r)}" fill="none" stroke="#6a7255" stroke-width="0.3"/>')
    for i in range(12):
        a = -math.pi / 2 + 2 * math.pi * i / 12
        p = polar(c, r, a)
        tangent = a + math.pi / 2
        for side in (1, -1):
            painted_leaf(
                s,
                p,
                tangent - 0.55 * side - math.pi * 0.5 * (1 - side),
                5.2,
                1.15,
                "#9aa57f",
                "#5e6748",
                rnd,
                fill_op=0.6,
                line=0.15,
                rib=False,
            )
        s.add(f'<circle cx="{f(p[0])}" cy="{f(p[1])}" r="0.55" fill="#8c7a5c"/>')
    out(slug, "front.svg", s)

    s = paper(bg)
    ruled(s, 16, 95, 44, 9, 9)
    out(slug, "inside_left.svg", s)

    s = paper(bg)
    olive_sprig(s, random.Random(213), (49, 126), 13, -0.1, n=4, leaf_len=3.4, bend=0.08, line=0.13, stem_w=0.16)
    out(slug, "back.svg", s)


DUE_SKY = [  # a dawn sky that is the sun's own glow: one radial gradient, no disc to show an edge
    (0, "#fbe3bd"),
    (0.05, "#f8d9b8"),
    (0.12, "#f3cdb3"),
    (0.24, "#f0d3c1"),
    (0.4, "#f2dfd2"),
    (0.6, "#f4e8de"),
    (1, "#f5ede5"),
]
DUE_SUN = (55.5, 118)


def due_date_sky(s: Svg, centre, sun):
    fill = s.radial(DUE_SKY, centre[0], centre[1], 170)
    s.add(f'<rect x="-1" y="-1" width="{f(s.width + 2)}" height="156" fill="{fill}"/>')
    if sun:
        s.add(f'<circle cx="{f(centre[0])}" cy="{f(centre[1])}" r="6.5" fill="#f7d6a6"/>')
    # low hills in front of the sun, the same on both outside panels so they meet at the fold
    s.add('<path d="M-1,124C30,121.4 70,121.4 112,124L112,156L-1,156Z" fill="#c9ae9e"/>')


@design("on-the-due-date")
def on_the_due_date(slug):
    s = Svg()
    due_date_sky(s, DUE_SUN, True)
    out(slug, "front.svg", s)
    s = Svg()
    due_date_sky(s, (DUE_SUN[0] + FOLD_SHIFT, DUE_SUN[1]), False)
    out(slug, "back.svg", s)


@design("always-their-parent")
def always_their_parent(slug):
    bg = "#f4f1ea"
    s = paper(bg)
    olive_sprig(s, random.Random(221), (36, 58), 40, -0.05, n=9, leaf_len=6.4, bend=0.08, line=0.16, stem_w=0.22)
    out(slug, "front.svg", s)

    s = paper(bg)
    olive_sprig(s, random.Random(222), (45, 50), 21, -0.05, n=5, leaf_len=4.2, bend=0.08, line=0.14, stem_w=0.18)
    out(slug, "inside_left.svg", s)

    s = paper(bg)
    olive_sprig(s, random.Random(223), (48, 126), 14, -0.05, n=4, leaf_len=3.4, bend=0.08, line=0.13, stem_w=0.16)
    out(slug, "back.svg", s)


def fir_sprig(s: Svg, rnd, stem: Curve, needle=3.4, ink="#4f6352", colour="#6f8571", density=46):
    """An evergreen sprig: a twig covered with short needles angled towards its tip."""
    stroke_path(s, stem.d(), "#7a6646", 0.45, 0.9)
    for i in range(density):
        t = 0.05 + 0.93 * i / density
        p = stem.at(t)
        k = needle * (1 - 0.35 * t)
        for side in (1, -1):
            a = stem.angle(t) + side * rnd.uniform(0.55, 0.85)
            e = polar(p, k * rnd.uniform(0.85, 1.1), a)
            stroke_path(s, f"M{f(p[0])},{f(p[1])}L{f(e[0])},{f(e[1])}", colour if i % 2 else ink, 0.28, 0.9)


@design("winter-evergreen")
def winter_evergreen(slug):
    bg = "#f3f2ee"
    s = paper(bg)
    rnd = random.Random(231)
    # three evergreen sprigs gathered at the foot, juniper berries in dusty blue, tied with a thread
    fir_sprig(s, rnd, Curve((54, 100), (50, 82), (42, 64), (34, 44)), needle=4.2, density=64)
    fir_sprig(s, rnd, Curve((56, 100), (57, 80), (56, 60), (60, 36)), needle=4.6, density=70)
    fir_sprig(s, rnd, Curve((57, 100), (64, 86), (72, 72), (80, 56)), needle=3.8, density=52)
    for x, y, r in ((52, 70, 1.9), (55.2, 72.4, 1.7), (51.4, 74.6, 1.6), (63.5, 76, 1.8), (66.4, 73.6, 1.5)):
        fill = s.radial([(0, "#b7c4d3"), (0.7, "#8a9cb2"), (1, "#73859c")], x - r * 0.35, y - r * 0.35, r * 1.5)
        s.add(f'<circle cx="{f(x)}" cy="{f(y)}" r="{f(r)}" fill="{fill}" stroke="#6f8098" stroke-width="0.15"/>')
    stroke_path(s, "M52.6,94.8Q55.8,96.6 59,94.6", "#a08a70", 0.42, 0.9)
    out(slug, "front.svg", s)

    s = paper(bg)
    snowdrop(s, random.Random(232), (55.5, 60), 20, lean=0.05, scale=0.65)
    out(slug, "inside_left.svg", s)

    s = paper(bg)
    fir_sprig(s, random.Random(233), Curve((49, 130), (52, 127), (57, 124), (62, 121)), needle=1.6, density=14)
    out(slug, "back.svg", s)


WINTER_SKY = [
    (0, "#27304a"),
    (0.16, "#2f3a57"),
    (0.34, "#313c59"),
    (0.6, "#4d5a78"),
    (0.8, "#7d8aa3"),
    (1, "#a9b3c4"),
]


def winter_night(s: Svg, rnd, star, snow_seed, width=None):
    w = width or s.width
    s.add(f'<rect x="-1" y="-1" width="{f(s.width + 2)}" height="156" fill="{s.linear(WINTER_SKY, 0, 0, 0, 154)}"/>')
    if star:
        glow(s, star, 16, "#f6e7c4", colour_at(WINTER_SKY, star[1] / 154), strength=0.3, ry=12)
        sparkle(s, star, 3.6, "#f6e7c4", 1.0, thin=0.12)
    for _ in range(70):
        x, y = rnd.uniform(-2, s.width + 2), rnd.uniform(2, 118)
        s.add(
            f'<circle cx="{f(x)}" cy="{f(y)}" r="{f(rnd.uniform(0.25, 0.6))}" fill="#f4f4f6" '
            f'fill-opacity="{f(rnd.uniform(0.35, 0.8))}"/>'
        )
    # snow-covered hills, one shape across both outside panels (it meets itself at the fold)
    hills_ = Svg()
    hills(hills_, random.Random(snow_seed), [(126, 8, "#dfe4ea", 1), (136, 7, "#eef1f4", 1)], width=w)
    return hills_.body


@design("a-light-in-winter")
def a_light_in_winter(slug):
    s = Svg()
    body = winter_night(s, random.Random(241), (55.5, 40), 242, width=216)
    s.add(f'<g transform="translate({f(-FOLD_SHIFT)},0)">' + "".join(body) + "</g>")
    out(slug, "front.svg", s)

    s = Svg()
    s.body.extend([])
    body2 = winter_night(s, random.Random(243), None, 242, width=216)
    s.body.extend(body2)
    out(slug, "back.svg", s)

    bg = "#f3f3f1"
    s = paper(bg)
    sparkle(s, (55.5, 44), 2.2, "#b99a62", 1.0, thin=0.12)
    out(slug, "inside_left.svg", s)


@design("seven-small-lights")
def seven_small_lights(slug):
    bg = "#f5f0e8"
    s = paper(bg)
    # seven small candles, one for each day of the week, in a gently curving row
    for i in range(7):
        x = 19 + i * 12.25
        lift = 3.2 * math.cos((i - 3) / 3 * math.pi / 2)
        candle_line(s, x, 60 - lift, 70 - lift, 4.6, line=0.26)
    out(slug, "front.svg", s)

    s = paper(bg)
    candle_line(s, 55.5, 44, 54, 5.2)
    out(slug, "inside_left.svg", s)

    s = paper(bg)
    candle_line(s, 55.5, 122, 129, 3.6, line=0.22)
    out(slug, "back.svg", s)


@design("from-all-of-us")
def from_all_of_us(slug):
    bg = "#f6f3ed"
    s = paper(bg)
    # a posy gathered from many hands: different small stems, tied together
    rnd = random.Random(251)
    base = (55.5, 100)
    fmn_stem(s, rnd, base, (36, 50), 0.08, flowers=3, size=2.4, leaves=1, stem_w=0.32)
    olive_sprig(s, rnd, (55, 100), 50, -1.8, n=7, leaf_len=4.6, bend=0.06, line=0.14, stem_w=0.2)
    fern_frond(s, rnd, (56, 100), 42, -1.2, 6, pinnae=12)
    fmn_stem(s, rnd, base, (76, 48), -0.08, flowers=3, size=2.3, leaves=1, stem_w=0.32)
    stroke_path(s, "M54.5,100Q56,98 57.5,96", "#7b8a62", 0.4)
    anemone(s, rnd, (46, 58), 6.5, rot=0.3)
    cosmos(s, rnd, (68, 62), 6, rot=0.2)
    stroke_path(s, "M52,92.5Q55.5,94.4 59,92.4", "#a08a70", 0.42, 0.9)
    out(slug, "front.svg", s)

    s = paper(bg)
    fmn_sprig(s, random.Random(253), (55.5, 126), scale=0.55, angle=-1.45)
    out(slug, "back.svg", s)


@design("for-a-grandparent")
def for_a_grandparent(slug):
    bg = "#f6f2ec"
    s = paper(bg)
    # one tall stem and a small one beside it, from the same root
    ink = "#5d6a52"
    a = Curve((54, 106), (53, 88), (48, 66), (50, 46))
    b = Curve((56, 106), (58, 98), (63, 90), (64, 78))
    for st in (a, b):
        stroke_path(s, st.d(), ink, 0.42, 0.9)
    for t, side, ln in ((0.3, 1, 11), (0.5, -1, 10)):
        p = a.at(t)
        painted_leaf(s, p, a.angle(t) + side * 0.7, ln, 1.6, "#a3b38e", ink, random.Random(261), fill_op=0.6, line=0.17)
    cosmos(s, random.Random(262), (50, 44), 11.5, rot=0.2)
    cosmos(s, random.Random(263), (64, 76), 5.4, petal="#f3e3dd", edge="#c9a49b", rot=0.4)
    out(slug, "front.svg", s)

    s = paper(bg)
    ruled(s, 16, 95, 46, 9, 9)
    cosmos(s, random.Random(264), (55.5, 24), 3.6, rot=0.2)
    out(slug, "inside_left.svg", s)

    s = paper(bg)
    cosmos(s, random.Random(265), (55.5, 124), 3.2, rot=0.2)
    out(slug, "back.svg", s)


@design("hoping-with-you")
def hoping_with_you(slug):
    bg = "#f4f3ec"
    s = paper(bg)
    # a snowdrop coming into flower, early in the year
    snowdrop(s, random.Random(271), (55, 98), 44, lean=0.08, scale=1.25)
    out(slug, "front.svg", s)

    s = paper(bg)
    snowdrop(s, random.Random(272), (55.5, 124), 14, lean=0.05, scale=0.5)
    out(slug, "inside_left.svg", s)

    s = paper(bg)
    snowdrop(s, random.Random(273), (55, 133), 10, lean=0.05, scale=0.4)
    out(slug, "back.svg", s)


@design("so-loved-so-missed")
def so_loved_so_missed(slug):
    bg = "#f6f3ee"
    s = paper(bg)
    olive_sprig(s, random.Random(281), (54, 42), 15, math.pi + 0.2, n=5, leaf_len=4.2, bend=0.1, line=0.14, stem_w=0.2)
    olive_sprig(s, random.Random(282), (57, 42), 15, -0.2, n=5, leaf_len=4.2, bend=-0.1, line=0.14, stem_w=0.2)
    out(slug, "front.svg", s)

    s = paper(bg)
    olive_sprig(s, random.Random(283), (48, 126), 14, -0.05, n=4, leaf_len=3.4, bend=0.08, line=0.13, stem_w=0.16)
    out(slug, "back.svg", s)


@design("thank-you-for-your-kindness")
def thank_you_for_your_kindness(slug):
    bg = "#f7f3ec"
    s = paper(bg)
    rnd = random.Random(291)
    # a border of small forget-me-nots on a fine stem, framing the words: a posy at each corner, and
    # along the sides flowers alternating with pairs of leaves and buds
    x0, y0, x1, y1 = 12.0, 12.0, 99.0, 142.0
    stroke_path(s, f"M{f(x0)},{f(y0)}L{f(x1)},{f(y0)}L{f(x1)},{f(y1)}L{f(x0)},{f(y1)}Z", "#8b9a7a", 0.22, 0.6)
    corners = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    for k, (ax, ay) in enumerate(corners):
        bx, by = corners[(k + 1) % 4]
        length = math.hypot(bx - ax, by - ay)
        along = math.atan2(by - ay, bx - ax)
        n = round((length - 16) / 6.5)
        for i in range(n + 1):
            p = (
                ax + (bx - ax) * (8 + i * (length - 16) / n) / length,
                ay + (by - ay) * (8 + i * (length - 16) / n) / length,
            )
            if i % 2:
                for side in (1, -1):
                    painted_leaf(
                        s, p, along + side * 1.9, 3.8, 1.2, "#9aab8a", "#5c6a50", rnd, fill_op=0.6, line=0.12, rib=False
                    )
                fmn_bud(s, polar(p, 1.2, along), 0.7, rnd.choice(FMN_BLUES))
            else:
                fmn_flower(s, p, rnd.uniform(1.7, 2.4), rnd)
    for c in corners:
        inward = math.atan2(77 - c[1], 55.5 - c[0])
        for side in (1, -1):
            painted_leaf(
                s, c, inward + math.pi + side * 0.9, 5.5, 1.6, "#9aab8a", "#5c6a50", rnd, fill_op=0.6, line=0.13
            )
        fmn_flower(s, polar(c, 3.3, inward + 0.85), 2.1, rnd)
        fmn_flower(s, polar(c, 3.3, inward - 0.85), 2.0, rnd)
        fmn_flower(s, c, 3.3, rnd)
    out(slug, "front.svg", s)

    s = paper(bg)
    fmn_sprig(s, random.Random(293), (57, 122), scale=0.6, angle=-1.3)
    out(slug, "back.svg", s)


def main(argv):
    slugs = argv or list(DESIGNS)
    for slug in slugs:
        DESIGNS[slug](slug)
        print("built", slug)


if __name__ == "__main__":
    main(sys.argv[1:])
