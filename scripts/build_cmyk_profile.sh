#!/usr/bin/env bash
# Build the CMYK press profile shipped in cardshop/render/press/profiles/ from the FOGRA39
# characterisation data in Debian's icc-profiles-free (zlib licence), with Argyll's colprof.
# Run by hand, once; the result is committed. It takes a few minutes. CI never runs this.
set -euo pipefail
cd "$(dirname "$0")/.."
source_data=/usr/share/color/icc/FOGRA39L.ti3
srgb=/usr/share/color/icc/sRGB.icc
out=cardshop/render/press/profiles/cardshop-fogra39-300.icc
for need in "$source_data" "$srgb"; do
  [ -f "$need" ] || { echo "missing $need: apt-get install icc-profiles-free" >&2; exit 1; }
done
command -v colprof >/dev/null || { echo "missing colprof: apt-get install argyll" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$source_data" "$work/fogra39.ti3"
# -qm medium quality; -kr black ramp (GCR); -l300 total ink 300%, -L95 black at most 95%;
# -s sRGB: perceptual table gamut-mapped from sRGB, since our artwork and colours are sRGB.
(cd "$work" && colprof -v -qm -kr -l300 -L95 -s "$srgb" \
  -D "cardshop FOGRA39 (coated, 300% TAC)" \
  -C "Built from FOGRA39L.ti3 (c) Kai-Uwe Behrmann, zlib licence" \
  -A "cardshop" fogra39)
cp "$work/fogra39.icc" "$out"
echo "wrote $out ($(stat -c %s "$out") bytes)"
