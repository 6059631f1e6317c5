"""Build the site's heading font: EB Garamond (SIL Open Font License, fonts/ebgaramond/OFL.txt), the
serif the cards already ship, subset to Latin and packed as WOFF2 in cardshop/web/static/fonts/, so
pages fetch it from us and nowhere else. Run from the repository root after changing the fonts:

    .venv/bin/python scripts/build_webfonts.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "fonts" / "ebgaramond"
TARGET = ROOT / "cardshop" / "web" / "static" / "fonts"
FACES = {"EBGaramond-Regular.ttf": "eb-garamond-latin.woff2", "EBGaramond-Italic.ttf": "eb-garamond-latin-italic.woff2"}
# Basic Latin, Latin-1, Latin Extended-A (names such as Łucja, Şule, Ōno), typographic punctuation, €.
UNICODES = "U+0000-024F,U+02C6,U+02DA,U+02DC,U+2000-206F,U+20AC,U+2122,U+2190-2193,U+2212,U+FB01-FB02"


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for source, target in FACES.items():
        subset.main(
            [
                str(SOURCE / source),
                f"--unicodes={UNICODES}",
                "--layout-features=kern,liga,onum,lnum,calt,ccmp,locl,mark,mkmk",
                "--flavor=woff2",
                "--desubroutinize",
                f"--output-file={TARGET / target}",
            ]
        )
        print(f"{target}: {(TARGET / target).stat().st_size // 1024} KB")
    shutil.copy(SOURCE / "OFL.txt", TARGET / "OFL.txt")


if __name__ == "__main__":
    main()
