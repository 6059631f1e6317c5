"""Reusable motifs (flowers, sprigs, moons, pebbles...) drawn with the kit."""

from __future__ import annotations

import math

from kit import (
    Curve,
    Svg,
    blob_points,
    catmull,
    crescent_d,
    f,
    glow,
    mix,
    painted_leaf,
    polar,
    sparkle_d,
    stroke_path,
    tapered_stem,
)

# ---------------------------------------------------------------- palettes

CREAM = "#f6f1e9"
INK = "#3b3833"
SAGE = "#8b9a7a"
SAGE_INK = "#5c6a50"
FMN_BLUE = "#8ba5cc"
FMN_BLUES = ("#8ba5cc", "#7f9dc9", "#98b0d4", "#8e9fcf")
FMN_PINK = "#cfaac0"
FMN_EYE = "#e6c66a"


# ---------------------------------------------------------------- forget-me-nots


def fmn_flower(svg: Svg, c, r, rnd, blue=None, eye=FMN_EYE, squash=1.0, rot=None):
    """A forget-me-not flower: five round petals, a pale ring and a yellow eye.

    ``squash`` < 1 turns the flower a little away from the viewer (an ellipse of petals).
    """
    rot = rnd.uniform(0, 2 * math.pi) if rot is None else rot
    blue = blue or rnd.choice(FMN_BLUES)
    tilt = rnd.uniform(0, math.pi)
    pr = r * 0.47
    for i in range(5):
        a = rot + i * 2 * math.pi / 5
        u, v = r * 0.52 * math.cos(a), r * 0.52 * math.sin(a) * squash
        pc = (c[0] + u * math.cos(tilt) - v * math.sin(tilt), c[1] + u * math.sin(tilt) + v * math.cos(tilt))
        svg.add(
            f'<circle cx="{f(pc[0])}" cy="{f(pc[1])}" r="{f(pr * rnd.uniform(0.9, 1.05))}" fill="{blue}" '
            f'fill-opacity="{f(rnd.uniform(0.62, 0.8))}"/>'
        )
    svg.add(f'<circle cx="{f(c[0])}" cy="{f(c[1])}" r="{f(r * 0.3)}" fill="#fbf7ea" fill-opacity="0.9"/>')
    svg.add(f'<circle cx="{f(c[0])}" cy="{f(c[1])}" r="{f(r * 0.16)}" fill="{eye}"/>')


def fmn_bud(svg: Svg, c, r, color):
    svg.add(f'<circle cx="{f(c[0])}" cy="{f(c[1])}" r="{f(r)}" fill="{color}" fill-opacity="0.78"/>')


def _stem_curve(base, tip, bend, wiggle, rnd):
    dx, dy = tip[0] - base[0], tip[1] - base[1]
    L = math.hypot(dx, dy)
    nx, ny = -dy / L, dx / L
    b1 = (bend + rnd.uniform(-wiggle, wiggle)) * L
    b2 = (bend * 0.6 + rnd.uniform(-wiggle, wiggle)) * L
    c1 = (base[0] + dx * 0.33 + nx * b1, base[1] + dy * 0.33 + ny * b1)
    c2 = (base[0] + dx * 0.72 + nx * b2, base[1] + dy * 0.72 + ny * b2)
    return Curve(base, c1, c2, tip), L


def fmn_cluster(svg: Svg, rnd, stem: Curve, size, ink, flowers, curl, t0=0.68):
    """Open flowers on short stalks around the top of a stem, buds on the curled tip."""
    for i in range(flowers):
        t = t0 + (0.97 - t0) * i / max(1, flowers - 1) + rnd.uniform(-0.02, 0.02)
        p = stem.at(t)
        side = 1 if (i + (curl > 0)) % 2 == 0 else -1
        a = stem.angle(t) + side * rnd.uniform(0.6, 1.25)
        stalk = size * (1.7 - 0.9 * i / max(1, flowers - 1)) * rnd.uniform(0.85, 1.15)
        fc = polar(p, stalk, a)
        mid = polar(p, stalk * 0.55, a - side * 0.18)
        stroke_path(svg, f"M{f(p[0])},{f(p[1])}Q{f(mid[0])},{f(mid[1])} {f(fc[0])},{f(fc[1])}", ink, 0.17, 0.85)
        fmn_flower(svg, fc, size * rnd.uniform(0.75, 1.08), rnd, squash=rnd.choice([1, 1, 0.8, 0.65]))
    tip = stem.at(1.0)
    a = stem.angle(1.0)
    centre = polar(tip, size * 0.8, a + curl * math.pi / 2)
    arc = [polar(centre, size * 0.8 * (1 - k * 0.1), a - curl * math.pi / 2 + curl * k * 0.6) for k in range(6)]
    stroke_path(svg, catmull([tip] + arc[1:]), ink, 0.18, 0.85)
    for k, p in enumerate(arc[1:]):
        fmn_bud(svg, p, size * (0.34 - 0.04 * k), FMN_PINK if k > 1 else rnd.choice(FMN_BLUES))


def fmn_stem(
    svg: Svg,
    rnd,
    base,
    tip,
    bend,
    flowers=5,
    size=2.6,
    leaves=2,
    ink=SAGE_INK,
    leaf=SAGE,
    curl=1,
    stem_w=0.35,
    wiggle=0.06,
    branch=False,
):
    """One stem of forget-me-nots: leaves low down, flowers around the top, buds at the curled tip."""
    stem, L = _stem_curve(base, tip, bend, wiggle, rnd)
    stroke_path(svg, stem.d(), ink, stem_w, 0.9)
    for i in range(leaves):
        t = 0.2 + 0.2 * i + rnd.uniform(-0.04, 0.04)
        p = stem.at(t)
        side = 1 if i % 2 == 0 else -1
        a = stem.angle(t) + side * rnd.uniform(0.45, 0.75)
        painted_leaf(
            svg, p, a, L * rnd.uniform(0.18, 0.24), L * 0.04, leaf, ink, rnd, bend=side * 0.06, fill_op=0.5, line=0.16
        )
    if branch:
        t = rnd.uniform(0.45, 0.55)
        p = stem.at(t)
        side = -curl
        btip = polar(p, L * 0.32, stem.angle(t) + side * 0.5)
        bstem, _ = _stem_curve(p, btip, side * 0.05, 0.03, rnd)
        stroke_path(svg, bstem.d(), ink, stem_w * 0.75, 0.9)
        fmn_cluster(svg, rnd, bstem, size * 0.92, ink, 3, -curl, t0=0.55)
    fmn_cluster(svg, rnd, stem, size, ink, flowers, curl)
    return stem


def fmn_spray(svg: Svg, rnd, base, height, spread=1.0, size=2.6, stems=5, lean=0.0, tails=9.0):
    """A loose hand-tied spray of forget-me-not stems gathered at ``base``."""
    out = []
    order = list(range(stems))
    for i in order:
        u = (i - (stems - 1) / 2) / max(1, (stems - 1) / 2)  # -1..1
        ang = -math.pi / 2 + lean + u * 0.4 * spread + rnd.uniform(-0.06, 0.06)
        h = height * (1 - 0.25 * abs(u)) * rnd.uniform(0.86, 1.04)
        tip = polar(base, h, ang)
        out.append(
            fmn_stem(
                svg,
                rnd,
                base,
                tip,
                bend=-u * 0.1 + rnd.uniform(-0.04, 0.04),
                flowers=rnd.choice([4, 5, 5, 6]),
                size=size * rnd.uniform(0.9, 1.05),
                leaves=2 if abs(u) > 0.3 else 1,
                curl=1 if u >= 0 else -1,
                branch=(i % 2 == 1),
                wiggle=0.05,
            )
        )
    # stem ends below the tie, spreading a little
    for i in range(4):
        a = math.pi / 2 + (i - 1.5) * 0.09 + lean
        e = polar(base, tails * rnd.uniform(0.8, 1.1), a)
        stroke_path(svg, f"M{f(base[0])},{f(base[1])}L{f(e[0])},{f(e[1])}", SAGE_INK, 0.3, 0.85)
    return out


def fmn_sprig(svg: Svg, rnd, c, scale=1.0, angle=-1.2):
    """A small sprig for inside panels and backs: three flowers and a bud on a short stem."""
    base = polar(c, 9 * scale, angle + math.pi)
    tip = polar(c, 7 * scale, angle)
    fmn_stem(svg, rnd, base, tip, 0.08, flowers=3, size=2.1 * scale, leaves=1, stem_w=0.28)


# ---------------------------------------------------------------- sprigs and small ornaments


def olive_sprig(
    svg: Svg,
    rnd,
    base,
    length,
    angle,
    leaf="#9aa57f",
    ink="#5e6748",
    n=7,
    leaf_len=None,
    bend=0.12,
    line=0.2,
    stem_w=0.3,
    fill_op=0.55,
):
    """A slim olive/willow sprig: a curved twig with narrow paired leaves."""
    tip = polar(base, length, angle)
    dx, dy = tip[0] - base[0], tip[1] - base[1]
    nx, ny = -dy, dx
    stem = Curve(
        base,
        (base[0] + dx * 0.33 + nx * bend, base[1] + dy * 0.33 + ny * bend),
        (base[0] + dx * 0.7 + nx * bend, base[1] + dy * 0.7 + ny * bend),
        tip,
    )
    stroke_path(svg, stem.d(), ink, stem_w, 0.9)
    ll = leaf_len or length * 0.28
    for i in range(n):
        t = 0.15 + 0.8 * i / max(1, n - 1)
        p = stem.at(t)
        side = 1 if i % 2 == 0 else -1
        a = stem.angle(t) + side * rnd.uniform(0.45, 0.7)
        k = 1 - 0.35 * t
        painted_leaf(
            svg,
            p,
            a,
            ll * k * rnd.uniform(0.9, 1.1),
            ll * k * 0.17,
            leaf,
            ink,
            rnd,
            bend=side * 0.04,
            fill_op=fill_op,
            line=line,
        )
    painted_leaf(svg, tip, stem.angle(1.0), ll * 0.6, ll * 0.1, leaf, ink, rnd, fill_op=fill_op, line=line)
    return stem


def seed_head(svg: Svg, rnd, c, r, ink="#5b5750", n=34, opacity=0.75, stem_to=None, stem_bend=4.0):
    """A dandelion clock: fine rays with tiny parachutes, and a slender stem."""
    if stem_to:
        mid = ((c[0] + stem_to[0]) / 2 + stem_bend, (c[1] + stem_to[1]) / 2)
        stroke_path(
            svg, f"M{f(c[0])},{f(c[1])}Q{f(mid[0])},{f(mid[1])} {f(stem_to[0])},{f(stem_to[1])}", ink, 0.35, 0.85
        )
    svg.add(f'<circle cx="{f(c[0])}" cy="{f(c[1])}" r="{f(r * 0.09)}" fill="{ink}" fill-opacity="0.8"/>')
    parts = []
    for i in range(n):
        a = 2 * math.pi * i / n + rnd.uniform(-0.06, 0.06)
        rr = r * rnd.uniform(0.84, 1.0)
        p0 = polar(c, r * 0.1, a)
        p1 = polar(c, rr, a)
        parts.append(f"M{f(p0[0])},{f(p0[1])}L{f(p1[0])},{f(p1[1])}")
        # the parachute: a small fan of three hairs
        for da in (-0.35, 0, 0.35):
            p2 = polar(p1, r * 0.16, a + da)
            parts.append(f"M{f(p1[0])},{f(p1[1])}L{f(p2[0])},{f(p2[1])}")
    svg.add(
        f'<path d="{"".join(parts)}" fill="none" stroke="{ink}" stroke-opacity="{f(opacity)}" '
        f'stroke-width="0.12" stroke-linecap="round"/>'
    )


def drifting_seed(svg: Svg, c, r, angle, ink="#5b5750", opacity=0.75):
    """A single seed with its parachute, floating away."""
    p0 = polar(c, r, angle + math.pi)
    parts = [f"M{f(p0[0])},{f(p0[1])}L{f(c[0])},{f(c[1])}"]
    for da in (-0.6, -0.3, 0, 0.3, 0.6):
        p2 = polar(c, r * 0.55, angle + da)
        parts.append(f"M{f(c[0])},{f(c[1])}L{f(p2[0])},{f(p2[1])}")
    svg.add(
        f'<path d="{"".join(parts)}" fill="none" stroke="{ink}" stroke-opacity="{f(opacity)}" '
        f'stroke-width="0.13" stroke-linecap="round"/>'
    )
    s = polar(p0, r * 0.12, angle + math.pi)
    svg.add(
        f'<path d="M{f(p0[0])},{f(p0[1])}L{f(s[0])},{f(s[1])}" stroke="{ink}" stroke-width="0.35" '
        f'stroke-linecap="round" stroke-opacity="{f(opacity)}"/>'
    )


# ---------------------------------------------------------------- sky


def moon(svg: Svg, c, r, color="#f3e6c8", phase=0.3, tilt=-0.45, halo=None, halo_r=None, ground=None):
    """A crescent moon; with ``halo`` and ``ground`` (the sky colour behind it), a soft gradient glow."""
    if halo and ground:
        glow(svg, c, halo_r or r * 3, halo, ground, strength=0.16, ry=(halo_r or r * 3) * 0.75)
    svg.add(f'<path d="{crescent_d(c, r, phase, tilt)}" fill="{color}"/>')


def sparkle(svg: Svg, c, r, color, opacity=0.95, thin=0.16):
    svg.add(f'<path d="{sparkle_d(c, r, thin)}" fill="{color}" fill-opacity="{f(opacity)}"/>')


# ---------------------------------------------------------------- pebbles


# ---------------------------------------------------------------- candle


def candle(
    svg: Svg,
    rnd,
    x,
    top,
    bottom,
    w,
    body=("#f4ead7", "#d8c6a6"),
    flame_glow="#f2c77d",
    glow_r=26,
    ground=None,
    holder="#b59a6e",
):
    """A pillar candle with a lit flame. ``top``/``bottom`` are the body's ends. With ``ground`` (the
    colour behind it) a warm gradient halo of radius ``glow_r`` is drawn round the flame."""
    if ground:
        glow(svg, (x, top - 7), glow_r, flame_glow, ground, strength=0.22)
    grad = svg.linear([(0, body[1]), (0.35, body[0]), (0.7, body[0]), (1, body[1])], x - w / 2, 0, x + w / 2, 0)
    r = w * 0.09
    svg.add(
        f'<path d="M{f(x - w / 2)},{f(top + r)}Q{f(x - w / 2)},{f(top)} {f(x - w / 2 + r * 2)},{f(top - 0.2)}'
        f"Q{f(x)},{f(top + 1.2)} {f(x + w / 2 - r * 2)},{f(top - 0.2)}Q{f(x + w / 2)},{f(top)} {f(x + w / 2)},{f(top + r)}"
        f'L{f(x + w / 2)},{f(bottom)}L{f(x - w / 2)},{f(bottom)}Z" fill="{grad}"/>'
    )
    # warm light on the top of the wax
    svg.add(
        f'<ellipse cx="{f(x)}" cy="{f(top + 0.5)}" rx="{f(w * 0.42)}" ry="{f(w * 0.07)}" fill="#fff3d6" '
        f'fill-opacity="0.55"/>'
    )
    # a soft drip
    svg.add(
        f'<path d="M{f(x + w * 0.22)},{f(top + 0.3)}c0.6,0 0.8,2.2 0.8,4.2c0,1.2 -1.2,1.2 -1.2,0c0,-1.6 -0.2,-3 0.4,-4.2Z" '
        f'fill="{body[0]}" fill-opacity="0.9"/>'
    )
    # wick and flame
    svg.add(
        f'<path d="M{f(x)},{f(top + 0.6)}Q{f(x - 0.2)},{f(top - 1.2)} {f(x + 0.15)},{f(top - 2.2)}" '
        f'stroke="#3a2f28" stroke-width="0.35" fill="none" stroke-linecap="round"/>'
    )
    fl = top - 1.8
    outer = (
        f"M{f(x)},{f(fl - 9.5)}C{f(x + 1.2)},{f(fl - 6)} {f(x + 3)},{f(fl - 3)} {f(x + 2.6)},{f(fl - 0.9)}"
        f"C{f(x + 2.2)},{f(fl + 1.1)} {f(x - 2.2)},{f(fl + 1.1)} {f(x - 2.6)},{f(fl - 0.9)}"
        f"C{f(x - 3)},{f(fl - 3)} {f(x - 1.2)},{f(fl - 6)} {f(x)},{f(fl - 9.5)}Z"
    )
    fgrad = svg.linear([(0, "#fff6dc"), (0.55, "#f7d58c"), (1, "#e8a04f")], 0, fl - 9.5, 0, fl + 1)
    svg.add(f'<path d="{outer}" fill="{fgrad}"/>')
    # the hotter, deeper core just above the wick: warm amber (a blue-grey core prints as a grey blob)
    svg.add(f'<ellipse cx="{f(x)}" cy="{f(fl - 1.2)}" rx="0.95" ry="1.5" fill="#e39a4c" fill-opacity="0.55"/>')
    svg.add(f'<ellipse cx="{f(x)}" cy="{f(fl - 3.6)}" rx="0.9" ry="2.4" fill="#fffbef" fill-opacity="0.8"/>')
    if holder:
        svg.add(f'<ellipse cx="{f(x)}" cy="{f(bottom + 0.6)}" rx="{f(w * 0.85)}" ry="{f(w * 0.13)}" fill="{holder}"/>')
        svg.add(
            f'<ellipse cx="{f(x)}" cy="{f(bottom)}" rx="{f(w * 0.78)}" ry="{f(w * 0.1)}" fill="#d7c08f" '
            f'fill-opacity="0.7"/>'
        )


def candle_line(svg: Svg, x, top, bottom, w, ink="#8a6f4a", flame="#e0a85c", line=0.28):
    """A small line-drawn candle for light inside panels."""
    svg.add(
        f'<path d="M{f(x - w / 2)},{f(bottom)}L{f(x - w / 2)},{f(top)}Q{f(x)},{f(top + 0.9)} {f(x + w / 2)},{f(top)}'
        f'L{f(x + w / 2)},{f(bottom)}" fill="none" stroke="{ink}" stroke-width="{f(line)}" stroke-linejoin="round"/>'
    )
    svg.add(
        f'<path d="M{f(x - w * 0.9)},{f(bottom)}L{f(x + w * 0.9)},{f(bottom)}" stroke="{ink}" '
        f'stroke-width="{f(line)}" stroke-linecap="round"/>'
    )
    fl = top - 1.2
    svg.add(
        f'<path d="M{f(x)},{f(fl - 5)}C{f(x + 0.8)},{f(fl - 3)} {f(x + 1.6)},{f(fl - 1.6)} {f(x + 1.3)},{f(fl - 0.4)}'
        f"C{f(x + 1)},{f(fl + 0.6)} {f(x - 1)},{f(fl + 0.6)} {f(x - 1.3)},{f(fl - 0.4)}"
        f'C{f(x - 1.6)},{f(fl - 1.6)} {f(x - 0.8)},{f(fl - 3)} {f(x)},{f(fl - 5)}Z" fill="{flame}"/>'
    )
    svg.add(f'<path d="M{f(x)},{f(top + 0.4)}L{f(x)},{f(fl)}" stroke="{ink}" stroke-width="0.25"/>')


# ---------------------------------------------------------------- paper boat


def paper_boat(svg: Svg, x, y, s=1.0, faces=("#fbf8f2", "#e9e1d4", "#d6cbbb", "#cbbfae"), ink=None):
    """A folded paper boat sitting on the waterline at (x, y); s = scale (1 = about 24 mm long)."""

    def P(u, v):
        return (x + u * s, y + v * s)

    hull_l, hull_r = P(-12, -4.5), P(12, -4.5)
    keel_l, keel_r = P(-7.5, 0.8), P(7.5, 0.8)
    mast = P(0.6, -16)
    sail_l, sail_r = P(-5.5, -4.5), P(6.5, -4.5)
    # back sail (shadow side)
    svg.add(f'<polygon points="{pts([sail_l, mast, P(-2.2, -4.5)])}" fill="{faces[2]}"/>')
    svg.add(f'<polygon points="{pts([mast, sail_r, P(-2.2, -4.5)])}" fill="{faces[0]}"/>')
    # hull: front face and the turned-down side
    svg.add(f'<polygon points="{pts([hull_l, hull_r, keel_r, keel_l])}" fill="{faces[1]}"/>')
    svg.add(f'<polygon points="{pts([hull_l, P(-3, -4.5), keel_l])}" fill="{faces[3]}"/>')
    svg.add(f'<polygon points="{pts([P(3, -4.5), hull_r, keel_r])}" fill="{faces[2]}"/>')
    if ink:
        svg.add(
            f'<path d="M{pts([hull_l, keel_l, keel_r, hull_r])}Z M{pts([sail_l, mast, sail_r])}" fill="none" '
            f'stroke="{ink}" stroke-width="0.18" stroke-linejoin="round" stroke-opacity="0.6"/>'
        )


def pts(points):
    return " ".join(f"{f(px)},{f(py)}" for px, py in points)


def ripples(svg: Svg, rnd, x0, x1, y0, y1, color, n=14, opacity=(0.15, 0.4), width=0.3, avoid=None):
    for i in range(n):
        y = y0 + (y1 - y0) * (i + rnd.uniform(0, 0.6)) / n
        k = (y - y0) / (y1 - y0)
        length = rnd.uniform(6, 20) * (0.6 + k)
        cx = rnd.uniform(x0 + length / 2, x1 - length / 2)
        if avoid and avoid[0] - length / 2 < cx < avoid[1] + length / 2 and avoid[2] < y < avoid[3]:
            continue
        svg.add(
            f'<path d="M{f(cx - length / 2)},{f(y)}Q{f(cx)},{f(y - 0.3)} {f(cx + length / 2)},{f(y)}" fill="none" '
            f'stroke="{color}" stroke-width="{f(width * (0.7 + k))}" stroke-opacity="{f(rnd.uniform(*opacity))}" '
            f'stroke-linecap="round"/>'
        )


# ---------------------------------------------------------------- fern


def fern_frond(
    svg: Svg,
    rnd,
    base,
    length,
    angle,
    bend,
    leaf="#7f9470",
    ink="#4f6145",
    pinnae=18,
    width=0.3,
    fill_op=0.5,
    line=0.16,
):
    """A fern frond: a curved rachis with paired pinnae that shorten toward the tip."""
    tip = polar(base, length, angle)
    dx, dy = tip[0] - base[0], tip[1] - base[1]
    nx, ny = -dy / length, dx / length
    stem = Curve(
        base,
        (base[0] + dx * 0.3 + nx * bend * 0.6, base[1] + dy * 0.3 + ny * bend * 0.6),
        (base[0] + dx * 0.7 + nx * bend, base[1] + dy * 0.7 + ny * bend),
        tip,
    )
    stroke_path(svg, stem.partial_d(0.985), ink, width, 0.9)
    for i in range(pinnae):
        t = 0.2 + 0.78 * i / pinnae
        p = stem.at(t)
        a0 = stem.angle(t)
        size = length * 0.2 * math.sin(math.pi * (0.12 + 0.88 * (1 - t) ** 0.8)) ** 0.9 + 0.5
        for side in (1, -1):
            a = a0 + side * (1.3 - 0.45 * t)
            painted_leaf(
                svg,
                p,
                a,
                size,
                size * 0.09,
                leaf,
                ink,
                rnd,
                bend=side * 0.12,
                fill_op=fill_op,
                line=line,
                rib=False,
                offset=0.25,
            )
    return stem


def fiddlehead(svg: Svg, c, r, ink="#4f6145", turns=1.7, stem_to=None, width=0.45):
    """An unfurling fern crozier: a tight spiral on a curved stem."""
    ptsl = []
    for i in range(40):
        t = i / 39
        a = -math.pi / 2 + t * turns * 2 * math.pi
        rr = r * (1 - t * 0.82)
        ptsl.append((c[0] + rr * math.cos(a), c[1] + rr * math.sin(a)))
    stroke_path(svg, catmull(ptsl), ink, width, 0.95)
    if stem_to:
        start = ptsl[0]
        stroke_path(
            svg,
            f"M{f(start[0])},{f(start[1])}C{f(start[0] - r * 1.4)},{f(start[1])} "
            f"{f(stem_to[0] - 1)},{f(stem_to[1] - 20)} {f(stem_to[0])},{f(stem_to[1])}",
            ink,
            width,
            0.95,
        )


# ---------------------------------------------------------------- flowers


def snowdrop(
    svg: Svg,
    rnd,
    base,
    height,
    lean=0.15,
    ink="#5a6b55",
    leaf="#9aab92",
    petal="#ffffff",
    petal_edge="#9aa3a0",
    scale=1.0,
):
    """A single snowdrop: a slim stem arching over at the top, one nodding white flower, two strap leaves."""
    tip = (base[0] + height * lean, base[1] - height)
    arch = (tip[0] + 5 * scale, tip[1] + 1.2 * scale)
    stem = Curve(base, (base[0] + 1, base[1] - height * 0.5), (tip[0] - 1.5, tip[1] + 3), tip)
    stroke_path(svg, stem.d(), ink, 0.42 * scale, 0.95)
    stroke_path(
        svg,
        f"M{f(tip[0])},{f(tip[1])}Q{f(tip[0] + 3 * scale)},{f(tip[1] - 2.4 * scale)} {f(arch[0])},{f(arch[1])}",
        ink,
        0.3 * scale,
        0.95,
    )
    # the green spathe where the flower stalk begins
    painted_leaf(
        svg,
        tip,
        -math.pi / 2 - 0.2,
        3.2 * scale,
        0.55 * scale,
        leaf,
        ink,
        rnd,
        fill_op=0.7,
        line=0.14,
        rib=False,
        offset=0.1,
    )
    # green ovary, then three outer petals hanging down
    svg.add(
        f'<ellipse cx="{f(arch[0])}" cy="{f(arch[1] + 1.0 * scale)}" rx="{f(0.75 * scale)}" ry="{f(1.0 * scale)}" '
        f'fill="{leaf}"/>'
    )
    top = (arch[0], arch[1] + 1.8 * scale)
    for a, ln, wd in ((math.pi / 2 - 0.38, 7.4, 2.0), (math.pi / 2 + 0.4, 7.2, 2.0), (math.pi / 2 + 0.02, 8.0, 2.6)):
        svg.add(
            f'<path d="{leaf_d(top, a, ln * scale, wd * scale, 0.0, 0.2)}" fill="{petal}" '
            f'stroke="{petal_edge}" stroke-width="0.16" stroke-opacity="0.9"/>'
        )
    # the small inner petals with their green mark
    svg.add(
        f'<ellipse cx="{f(top[0] + 0.2)}" cy="{f(top[1] + 4.6 * scale)}" rx="{f(0.75 * scale)}" ry="{f(0.5 * scale)}" '
        f'fill="{leaf}" fill-opacity="0.9"/>'
    )
    # two strap-like leaves from the base
    for side, hh in ((-1, 0.52), (1, 0.4)):
        lt = (base[0] + side * 5 * scale, base[1] - height * hh)
        d = (
            f"M{f(base[0] - 0.5)},{f(base[1])}Q{f(base[0] + side * 0.5)},{f(base[1] - height * hh * 0.6)} {f(lt[0])},{f(lt[1])}"
            f"Q{f(base[0] + side * 2.6 * scale)},{f(base[1] - height * hh * 0.55)} {f(base[0] + 0.9)},{f(base[1])}Z"
        )
        svg.add(
            f'<path d="{d}" fill="{leaf}" fill-opacity="0.6" stroke="{ink}" stroke-width="0.16" stroke-opacity="0.8"/>'
        )


from kit import leaf_d  # noqa: E402


def anemone(
    svg: Svg, rnd, c, r, petal="#f1dfd8", edge="#c99e93", centre="#3f3a45", petals=7, rot=0.0, squash=1.0, tilt=0.0
):
    """An open anemone: broad rounded petals, a dark centre and a ring of stamens."""
    for i in range(petals):
        a = rot + i * 2 * math.pi / petals + rnd.uniform(-0.08, 0.08)
        ln = r * rnd.uniform(0.92, 1.05)
        d = round_petal_d(c, a, ln, r * 0.56)
        svg.add(
            f'<path d="{d}" fill="{petal}" fill-opacity="0.8" stroke="{edge}" stroke-width="0.16" '
            f'stroke-opacity="0.7"/>'
        )
        # two faint veins on each petal
        for dv in (-0.16, 0.16):
            e = polar(c, ln * 0.8, a + dv)
            m = polar(c, ln * 0.45, a + dv * 0.6)
            svg.add(
                f'<path d="M{f(polar(c, r * 0.3, a)[0])},{f(polar(c, r * 0.3, a)[1])}Q{f(m[0])},{f(m[1])} '
                f'{f(e[0])},{f(e[1])}" fill="none" stroke="{edge}" stroke-width="0.1" stroke-opacity="0.45"/>'
            )
    # a blush at the heart of the flower
    svg.add(f'<circle cx="{f(c[0])}" cy="{f(c[1])}" r="{f(r * 0.42)}" fill="{edge}" fill-opacity="0.25"/>')
    ring = []
    for i in range(22):
        a = i * 2 * math.pi / 22 + rnd.uniform(-0.05, 0.05)
        p0 = polar(c, r * 0.16, a)
        p1 = polar(c, r * rnd.uniform(0.3, 0.38), a)
        ring.append(f"M{f(p0[0])},{f(p0[1] * 1)}L{f(p1[0])},{f(p1[1])}")
    svg.add(f'<path d="{"".join(ring)}" stroke="{centre}" stroke-width="0.14" stroke-opacity="0.75" fill="none"/>')
    svg.add(f'<circle cx="{f(c[0])}" cy="{f(c[1])}" r="{f(r * 0.17)}" fill="{centre}"/>')


def round_petal_d(base, angle, length, width) -> str:
    """A broad petal with a rounded end."""
    ca, sa = math.cos(angle), math.sin(angle)

    def tr(u, v):
        return (base[0] + u * ca - v * sa, base[1] + u * sa + v * ca)

    L, W = length, width
    p = [
        tr(0, 0),
        tr(L * 0.25, W * 0.9),
        tr(L * 0.95, W * 1.05),
        tr(L, 0),
        tr(L * 0.95, -W * 1.05),
        tr(L * 0.25, -W * 0.9),
    ]
    return (
        f"M{f(p[0][0])},{f(p[0][1])}C{f(p[1][0])},{f(p[1][1])} {f(p[2][0])},{f(p[2][1])} {f(p[3][0])},{f(p[3][1])}"
        f"C{f(p[4][0])},{f(p[4][1])} {f(p[5][0])},{f(p[5][1])} {f(p[0][0])},{f(p[0][1])}Z"
    )


def cosmos(svg: Svg, rnd, c, r, petal="#ead2cf", edge="#c79c98", centre="#d9a441", petals=8, rot=0.0):
    """A cosmos flower: eight broad petals with notched tips, a golden centre."""
    for i in range(petals):
        a = rot + i * 2 * math.pi / petals + rnd.uniform(-0.06, 0.06)
        ca, sa = math.cos(a), math.sin(a)

        def tr(u, v, ca=ca, sa=sa):
            return (c[0] + u * ca - v * sa, c[1] + u * sa + v * ca)

        L, W = r * rnd.uniform(0.93, 1.03), r * 0.3
        p = [
            tr(r * 0.12, 0),
            tr(L * 0.5, W * 1.05),
            tr(L, W * 0.9),
            tr(L * 0.95, W * 0.3),
            tr(L, 0),
            tr(L * 0.95, -W * 0.3),
            tr(L, -W * 0.9),
            tr(L * 0.5, -W * 1.05),
        ]
        d = (
            f"M{f(p[0][0])},{f(p[0][1])}Q{f(p[1][0])},{f(p[1][1])} {f(p[2][0])},{f(p[2][1])}"
            f"L{f(p[3][0])},{f(p[3][1])}L{f(p[4][0])},{f(p[4][1])}L{f(p[5][0])},{f(p[5][1])}L{f(p[6][0])},{f(p[6][1])}"
            f"Q{f(p[7][0])},{f(p[7][1])} {f(p[0][0])},{f(p[0][1])}Z"
        )
        svg.add(
            f'<path d="{d}" fill="{petal}" fill-opacity="0.85" stroke="{edge}" stroke-width="0.15" '
            f'stroke-opacity="0.75" stroke-linejoin="round"/>'
        )
    svg.add(f'<circle cx="{f(c[0])}" cy="{f(c[1])}" r="{f(r * 0.2)}" fill="{centre}"/>')
    for i in range(10):
        p = polar(c, r * 0.13, i * 0.63 + rot)
        svg.add(f'<circle cx="{f(p[0])}" cy="{f(p[1])}" r="{f(r * 0.035)}" fill="#9a6b2a" fill-opacity="0.7"/>')


def lily(svg: Svg, rnd, c, r, petal="#fbf8f1", edge="#b9b2a2", throat="#d6dcc0", anther="#c8944a", rot=-0.3):
    """A Madonna lily seen from the front: six pointed petals, a pale green throat, six stamens."""
    for layer, off in ((0, 0.0), (1, math.pi / 6)):
        for i in range(3):
            a = rot + off + i * 2 * math.pi / 3
            d = leaf_d(c, a, r * (1.0 if layer else 0.94), r * (0.24 if layer else 0.28), 0.08, 0.7)
            svg.add(f'<path d="{d}" fill="{petal}" stroke="{edge}" stroke-width="0.17" stroke-linejoin="round"/>')
            mid = polar(c, r * 0.62, a + 0.03)
            svg.add(
                f'<path d="M{f(c[0])},{f(c[1])}Q{f(mid[0])},{f(mid[1])} {f(polar(c, r * 0.8, a + 0.06)[0])},'
                f'{f(polar(c, r * 0.8, a + 0.06)[1])}" fill="none" stroke="{edge}" stroke-width="0.12" '
                f'stroke-opacity="0.7"/>'
            )
    svg.add(f'<circle cx="{f(c[0])}" cy="{f(c[1])}" r="{f(r * 0.2)}" fill="{throat}" fill-opacity="0.8"/>')
    for i in range(6):
        a = rot + 0.5 + i * math.pi / 3 + rnd.uniform(-0.1, 0.1)
        e = polar(c, r * 0.42, a)
        svg.add(
            f'<path d="M{f(c[0])},{f(c[1])}Q{f(polar(c, r * 0.25, a - 0.15)[0])},{f(polar(c, r * 0.25, a - 0.15)[1])} '
            f'{f(e[0])},{f(e[1])}" fill="none" stroke="#a7a98a" stroke-width="0.16"/>'
        )
        svg.add(
            f'<ellipse cx="{f(e[0])}" cy="{f(e[1])}" rx="{f(r * 0.06)}" ry="{f(r * 0.025)}" '
            f'transform="rotate({f(math.degrees(a) + 90)} {f(e[0])} {f(e[1])})" fill="{anther}"/>'
        )
    svg.add(f'<circle cx="{f(c[0])}" cy="{f(c[1])}" r="{f(r * 0.05)}" fill="#b7bd93"/>')


def acorn(svg: Svg, c, r, angle, nut="#c7a46a", cap="#8b7553", ink="#5e5038"):
    ca, sa = math.cos(angle), math.sin(angle)

    def tr(u, v):
        return (c[0] + u * ca - v * sa, c[1] + u * sa + v * ca)

    # nut
    p0, p1, p2, p3 = tr(0, -r * 0.62), tr(r * 1.5, -r * 0.7), tr(r * 1.5, r * 0.7), tr(0, r * 0.62)
    tip = tr(r * 1.75, 0)
    svg.add(
        f'<path d="M{f(p0[0])},{f(p0[1])}C{f(p1[0])},{f(p1[1])} {f(tr(r * 1.7, -r * 0.25)[0])},{f(tr(r * 1.7, -r * 0.25)[1])} '
        f"{f(tip[0])},{f(tip[1])}C{f(tr(r * 1.7, r * 0.25)[0])},{f(tr(r * 1.7, r * 0.25)[1])} {f(p2[0])},{f(p2[1])} "
        f'{f(p3[0])},{f(p3[1])}Z" fill="{nut}" stroke="{ink}" stroke-width="0.16"/>'
    )
    # cap
    q0, q1, q2, q3 = tr(0.1 * r, -r * 0.72), tr(-r * 0.7, -r * 0.8), tr(-r * 0.7, r * 0.8), tr(0.1 * r, r * 0.72)
    svg.add(
        f'<path d="M{f(q0[0])},{f(q0[1])}C{f(q1[0])},{f(q1[1])} {f(q2[0])},{f(q2[1])} {f(q3[0])},{f(q3[1])}'
        f'Q{f(tr(r * 0.25, 0)[0])},{f(tr(r * 0.25, 0)[1])} {f(q0[0])},{f(q0[1])}Z" fill="{cap}" stroke="{ink}" '
        f'stroke-width="0.16"/>'
    )
    st = tr(-r * 1.05, 0)
    svg.add(
        f'<path d="M{f(tr(-r * 0.5, 0)[0])},{f(tr(-r * 0.5, 0)[1])}L{f(st[0])},{f(st[1])}" stroke="{ink}" '
        f'stroke-width="0.35" stroke-linecap="round"/>'
    )


# ---------------------------------------------------------------- oak, redrawn


def oak_leaf2_d(base, angle, length, width, rnd, lobes=4, petiole=0.12) -> str:
    """An English oak leaf: a short stalk, rounded lobes with clear sinuses between them, widest beyond
    the middle (obovate) and ending in a rounded terminal lobe. Slightly uneven, as leaves are."""
    ca, sa = math.cos(angle), math.sin(angle)

    def tr(u, v):
        return (base[0] + u * ca - v * sa, base[1] + u * sa + v * ca)

    def side(sign):
        out = []
        for i in range(lobes):
            t0 = petiole + (1 - petiole) * (i + 0.15) / (lobes + 0.6)
            t1 = petiole + (1 - petiole) * (i + 0.65) / (lobes + 0.6)
            env = 0.35 + 0.65 * math.sin(math.pi * min(1.0, (t1 - petiole) / (1 - petiole) * 0.92)) ** 0.8
            sinus = width * env * 0.5 * rnd.uniform(0.9, 1.1)
            lobe = width * env * rnd.uniform(0.92, 1.06)
            out.append(tr(length * t0, sign * sinus))
            out.append(tr(length * (t1 - 0.04), sign * lobe))
            out.append(tr(length * (t1 + 0.04), sign * lobe * 0.93))
        return out

    left, right = side(1), side(-1)
    tip = [tr(length * 0.97, width * 0.22), tr(length, 0), tr(length * 0.97, -width * 0.22)]
    stalk = [tr(0, width * 0.04), tr(length * petiole, width * 0.12)]
    back = [tr(length * petiole, -width * 0.12), tr(0, -width * 0.04)]
    return catmull(stalk + left + tip + list(reversed(right)) + back, closed=True, tension=0.85)


def oak_sprig(svg: Svg, rnd, stem: Curve, leaves, ink="#5e5038", twig="#7a6646"):
    """An oak twig with leaves on short stalks, alternating left and right. ``leaves`` is a list of
    (t along the stem, side -1/1 or 0 for the tip, length, fill colour)."""
    tapered_stem(svg, stem, 1.3, 0.45, twig, 0.95)
    for t, side, length, colour in leaves:
        p = stem.at(t)
        a = stem.angle(t) + side * rnd.uniform(0.75, 0.95)
        d = oak_leaf2_d(p, a, length, length * 0.3, rnd)
        svg.add(f'<path d="{d}" fill="{colour}" fill-opacity="0.62"/>')
        svg.add(f'<path d="{d}" fill="none" stroke="{ink}" stroke-width="0.2" stroke-opacity="0.85"/>')
        # the midrib and a few side veins
        e = polar(p, length * 0.92, a)
        svg.add(
            f'<path d="M{f(p[0])},{f(p[1])}L{f(e[0])},{f(e[1])}" stroke="{ink}" stroke-width="0.17" '
            f'stroke-opacity="0.7"/>'
        )
        for k in (0.38, 0.55, 0.72):
            q = polar(p, length * k, a)
            for sgn in (1, -1):
                v = polar(q, length * 0.13, a + sgn * 0.75)
                svg.add(
                    f'<path d="M{f(q[0])},{f(q[1])}L{f(v[0])},{f(v[1])}" stroke="{ink}" stroke-width="0.12" '
                    f'stroke-opacity="0.5"/>'
                )


# ---------------------------------------------------------------- pebbles, redrawn


def smooth_pebble(svg: Svg, rnd, c, rx, ry, light, dark, ground, rot=0.0):
    """A pebble lying on the ground: one opaque radial gradient (lit from the upper left), no bands,
    and a soft contact shadow as a flattened gradient that fades to exactly the ground colour."""
    glow(svg, (c[0] + rx * 0.12, c[1] + ry * 0.82), rx * 1.25, "#5f574b", ground, strength=0.3, ry=ry * 0.42)
    d = catmull(blob_points(c[0], c[1], rx, ry, rnd, wobble=0.035, n=14, rot=rot), closed=True)
    # lit from the upper left; the edge is stroked in the shade colour, which also covers the hairline
    # PDFium draws where a gradient is clipped
    edge = mix(light, dark, 0.8)
    fill = svg.radial(
        [(0, light), (0.4, light), (0.75, mix(light, dark, 0.55)), (1, edge)],
        c[0] - rx * 0.3,
        c[1] - ry * 0.45,
        max(rx, ry) * 1.45,
    )
    svg.add(f'<path d="{d}" fill="{fill}" stroke="{edge}" stroke-width="0.18"/>')
    return d
