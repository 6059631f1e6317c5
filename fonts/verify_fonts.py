"""Check every font named in fonts/manifest.toml.

For each file it checks that the file is a static TrueType-outline font (no CFF, no variation
tables), that its PostScript name (name ID 6) is not shared with another file, that ReportLab's
TTFont accepts it and that a string drawn with canvas.drawString ends up embedded in a PDF.
It prints each file's cmap size and the scripts it covers.

    .venv/bin/python fonts/verify_fonts.py [--pdf specimen.pdf]

Needs only ReportLab and pypdf. Exits with status 1 if any check fails.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import tomllib
from pathlib import Path

from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONTS_DIR = Path(__file__).resolve().parent
STYLES = ("regular", "italic", "bold", "bold_italic")
COVERED = 0.98  # share of a script's test set a font must map to count as covering it


def _decoded(encoding: str, leads: range, trails) -> set[int]:
    """Code points of the two-byte characters of a legacy CJK encoding in the given byte ranges."""
    out = set()
    for lead in leads:
        for trail in trails:
            try:
                text = bytes([lead, trail]).decode(encoding)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                out.add(ord(text))
    return out


def _chars(text: str) -> set[int]:
    return {ord(c) for c in text if not c.isspace()}


VIETNAMESE = "ĂăÂâĐđÊêÔôƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
KANA = set(range(0x3041, 0x3097)) | set(range(0x30A1, 0x30FB)) | {0x30FC}

# Test sets: the letters a name in that script needs (for CJK, the level-1 characters of the
# national standard). A font "covers" a script when it maps at least COVERED of its set.
SCRIPTS: dict[str, set[int]] = {
    "Latin": set(range(0x41, 0x5B))
    | set(range(0x61, 0x7B))
    | set(range(0xC0, 0x100)) - {0xD7, 0xF7}
    | _chars("ĀāĂăĄąĆćČčĎďĐđĒēĘęĚěĞğĪīİıĶķĹĺĻļĽľŁłŃńŅņŇňŌōŐőŒœŔŕŘřŚśŞşŠšŢţŤťŪūŮůŰűŲųŸŹźŻżŽžȘșȚț"),
    "Vietnamese": _chars(VIETNAMESE),
    "Greek": set(range(0x391, 0x3A2))
    | set(range(0x3A3, 0x3AA))
    | set(range(0x3B1, 0x3CA))
    | _chars("άέήίόύώΆΈΉΊΌΎΏϊϋΐΰ"),
    "Cyrillic": set(range(0x410, 0x450)) | _chars("ЁёЂђЃѓЄєЅѕІіЇїЈјЉљЊњЋћЌќЎўЏџҐґ"),
    "Armenian": set(range(0x531, 0x557)) | set(range(0x561, 0x587)),
    "Georgian": set(range(0x10D0, 0x10F1)),
    "Hebrew": set(range(0x5D0, 0x5EB)) | set(range(0x5B0, 0x5BA)),
    "Arabic": set(range(0x621, 0x63B)) | set(range(0x641, 0x653)) | set(range(0x660, 0x66A)),
    "Persian": _chars("پچژگکیۀ") | set(range(0x6F0, 0x6FA)) | {0x200C},
    "Devanagari": set(range(0x905, 0x915)) | set(range(0x915, 0x93A)) | set(range(0x93E, 0x94E)),
    "Bengali": _chars("অআইঈউঊঋএঐওঔকখগঘঙচছজঝঞটঠডঢণতথদধনপফবভমযরলশষসহড়ঢ়য়ািীুূৃেৈোৌ্ংঃঁ"),
    "Tamil": _chars("அஆஇஈஉஊஎஏஐஒஓஔகஙசஞடணதநபமயரலவழளறனஜஷஸஹாிீுூெேைொோௌ்"),
    "Thai": set(range(0xE01, 0xE2F)) | set(range(0xE30, 0xE3B)) | set(range(0xE40, 0xE4F)),
    "Chinese (simplified)": _decoded("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),  # GB 2312 level 1
    "Chinese (traditional)": _decoded("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]),
    "Japanese": KANA | _decoded("euc_jp", range(0xB0, 0xD0), range(0xA1, 0xFF)),  # kana + JIS level 1 kanji
    "Korean": set(range(0xAC00, 0xD7A4)),  # all 11,172 Hangul syllables
    "CJK Extension A": set(range(0x3400, 0x4DB6)),
    "Symbols": _chars("♡♥❤★☆✝✞✟☦✡☪☮☯✿❀❁✦✧⚘☘"),
    "Emoji": {
        0x1F54A,
        0x1F337,
        0x1F339,
        0x1F490,
        0x1F56F,
        0x1F90D,
        0x1F494,
        0x1F308,
        0x2B50,
        0x1F476,
        0x1F64F,
        0x1F338,
        0x1F33C,
        0x1F98B,
        0x1F31F,
        0x1F319,
        0x1F49C,
        0x1F499,
    },
}

# What gets drawn for a script (only the characters the font maps are drawn).
SAMPLES = {
    "Latin": "In loving memory · Zoë Åsa Łucja Ærø Dvořák",
    "Vietnamese": "Nguyễn Thị Hồng Ngọc, Phạm Đức Thắng",
    "Greek": "Ελένη Παπαδοπούλου",
    "Cyrillic": "Анна Ковальчук, Їжак Ґанна",
    "Armenian": "Անի Հակոբյան",
    "Georgian": "ნინო ბერიძე",
    "Hebrew": "נועה כהן",
    "Arabic": "ليلى أحمد",
    "Persian": "پریا گلچین",
    "Devanagari": "अनन्या शर्मा",
    "Bengali": "অনন্যা দাস",
    "Tamil": "அனன்யா குமார்",
    "Thai": "นภา ศรีสุข",
    "Chinese (simplified)": "永远怀念我们的小宝贝",
    "Chinese (traditional)": "永遠懷念我們的小寶貝",
    "Japanese": "ずっと愛してる さくら 天使",
    "Korean": "사랑하는 김지우",
    "CJK Extension A": "㐀㐁㑇㒰㗎㙟",
    "Symbols": "♡ ★ ✝ ✿ ❀",
    "Emoji": "🕊 🌷 🌈 ⭐ 🤍",
}


def manifest_entries(fonts_dir: Path) -> list[tuple[str, str, str, Path, Path]]:
    """(kind, family name, style, font path, licence path) for every file in the manifest."""
    data = tomllib.loads((fonts_dir / "manifest.toml").read_text(encoding="utf-8"))
    entries = []
    for kind in ("family", "fallback"):
        for table in data.get(kind, []):
            for style in STYLES:
                if style in table:
                    entries.append(
                        (
                            kind,
                            table["name"],
                            style,
                            fonts_dir / table[style],
                            fonts_dir / table["licence"],
                        )
                    )
    return entries


def covered_scripts(cmap: dict[int, str]) -> tuple[list[str], dict[str, float]]:
    full, partial = [], {}
    for script, wanted in SCRIPTS.items():
        share = len(wanted & cmap.keys()) / len(wanted)
        if share >= COVERED:
            full.append(script)
        elif share >= 0.25:
            partial[script] = share
    return full, partial


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", type=Path, help="keep the test PDF here (default: a temporary file)")
    parser.add_argument(
        "--dir",
        type=Path,
        default=FONTS_DIR,
        help="fonts folder with manifest.toml (default: this one)",
    )
    args = parser.parse_args()
    fonts_dir = args.dir.resolve()

    entries = manifest_entries(fonts_dir)
    problems: list[str] = []
    ps_names: dict[str, Path] = {}
    face_names: dict[tuple[str, str], Path] = {}
    rows = []

    tmp = tempfile.TemporaryDirectory()
    pdf_path = args.pdf or Path(tmp.name) / "fonts-test.pdf"
    pdf = canvas.Canvas(str(pdf_path), pagesize=(842, 595))
    y = 560

    for index, (kind, family, style, path, licence) in enumerate(entries):
        rel = path.relative_to(fonts_dir)
        if not path.is_file():
            problems.append(f"{rel}: file missing")
            continue
        if not licence.is_file():
            problems.append(f"{rel}: licence file {licence.relative_to(fonts_dir)} missing")
        with path.open("rb") as file:
            magic = file.read(4)
        if magic not in (b"\x00\x01\x00\x00", b"true"):
            problems.append(f"{rel}: not a TrueType-outline font (starts with {magic!r})")
            continue
        # ReportLab parses the file itself; its parse is also what the checks below read.
        rl_name = f"check{index}"
        try:
            rl_font = TTFont(rl_name, str(path))
            pdfmetrics.registerFont(rl_font)
        except Exception as error:  # noqa: BLE001 - report any refusal
            problems.append(f"{rel}: ReportLab TTFont refused it: {error}")
            continue
        face = rl_font.face
        if "fvar" in face.table or "gvar" in face.table:
            problems.append(f"{rel}: variable font (only its default instance would render)")
        if "CFF " in face.table or "CFF2" in face.table or "glyf" not in face.table:
            problems.append(f"{rel}: has no glyf outlines")
        ps_name = face.name.decode("latin-1")
        style_key = (
            face.familyName.decode("latin-1"),
            face.styleName.decode("latin-1"),
        )
        if ps_name in ps_names:
            problems.append(
                f"{rel}: PostScript name {ps_name!r} also used by {ps_names[ps_name].relative_to(fonts_dir)}"
            )
        ps_names[ps_name] = path
        if style_key in face_names:
            problems.append(
                f"{rel}: family/style {style_key} also used by {face_names[style_key].relative_to(fonts_dir)}"
            )
        face_names[style_key] = path
        cmap = {code: glyph for code, glyph in face.charToGlyph.items() if code > 0}
        full, partial = covered_scripts(cmap)

        # Draw the samples of the scripts the font covers (only characters it maps).
        text = " ".join(SAMPLES[s] for s in (full or list(partial) or list(SAMPLES)))
        text = "".join(c for c in text if c == " " or ord(c) in cmap).strip()
        if not text:
            problems.append(f"{rel}: none of the sample text is in its cmap")
            continue
        if y < 40:
            pdf.showPage()
            y = 560
        pdf.setFont("Helvetica", 7)
        pdf.drawString(20, y + 14, f"{family} {style} - {rel}")
        pdf.setFont(rl_name, 14)
        try:
            pdf.drawString(20, y, text[:90])
        except Exception as error:  # noqa: BLE001
            problems.append(f"{rel}: drawString failed: {error}")
        y -= 40
        rows.append(
            (
                kind,
                family,
                style,
                rel,
                ps_name,
                len(cmap),
                path.stat().st_size,
                full,
                partial,
            )
        )

    try:
        pdf.save()
        reader = PdfReader(str(pdf_path))
        embedded = set()
        for page in reader.pages:
            for ref in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
                descriptor = ref.get_object().get("/FontDescriptor")
                if descriptor is not None and "/FontFile2" in descriptor.get_object():
                    embedded.add(str(ref.get_object()["/BaseFont"]).split("+", 1)[-1])
        for row in rows:
            if row[4] not in embedded:
                problems.append(f"{row[3]}: no embedded TrueType font program for {row[4]!r} in the PDF")
    except Exception as error:  # noqa: BLE001
        problems.append(f"writing or reading the test PDF failed: {error}")

    total = 0
    for _kind, _family, _style, rel, ps_name, ncmap, size, full, partial in rows:
        total += size
        part = ", ".join(f"{s} {share:.0%}" for s, share in partial.items())
        extra = f"  (partly: {part})" if part else ""
        print(f"{rel!s:45} {ps_name:28} cmap {ncmap:6}  {size / 1e6:5.2f} MB  covers: {', '.join(full) or '-'}{extra}")
    all_files = [p for p in fonts_dir.rglob("*") if p.is_file()]
    print(
        f"\n{len(rows)} font files in the manifest, {total / 1e6:.1f} MB; whole fonts/ folder "
        f"{sum(p.stat().st_size for p in all_files) / 1e6:.1f} MB"
    )
    if args.pdf:
        print(f"test PDF: {pdf_path}")
    if problems:
        print("\nPROBLEMS:")
        for problem in problems:
            print(" -", problem)
        return 1
    print("all fonts register, draw and embed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
