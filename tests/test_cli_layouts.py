"""`flask --app cardshop render` in every layout: --layout, --crop-marks, --size, PNG, envelope."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from tests.conftest import pdf_text

SLUG = "forget-me-nots"


def _run(app, *args):
    return app.test_cli_runner().invoke(args=["render", SLUG, *args])


def _page_sizes(path) -> list[tuple[float, float]]:
    document = pdfium.PdfDocument(path.read_bytes())
    try:
        return [tuple(round(v, 1) for v in page.get_size()) for page in document]
    finally:
        document.close()


@pytest.mark.parametrize(
    ("args", "sizes"),
    [
        ((), [(612.3, 436.5)] * 2),  # pro is the default: A6 spreads, 216 x 154 mm
        (("--crop-marks",), [(657.6, 481.9)] * 2),  # 8 mm more on each side for the marks
        (("--layout", "pro-pages", "--size", "A5"), [(436.5, 612.3)] * 4),
        (("--layout", "home-a4"), [(595.3, 841.9)]),  # A6 on A4: one sheet, quarter-fold
        (("--layout", "home-letter"), [(792.0, 612.0)] * 2),  # A6 on Letter: duplex, landscape
        (("--layout", "flat", "--size", "5x7"), [(360.0, 504.0)]),
    ],
)
def test_render_layouts(app, tmp_path, args, sizes):
    out = tmp_path / "card.pdf"
    result = _run(app, "--set", "message=Thinking of you", *args, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert _page_sizes(out) == sizes
    assert "Thinking of you" in pdf_text(out.read_bytes())


def test_flat_to_png(app, tmp_path):
    out = tmp_path / "front.png"
    result = _run(app, "--set", "message=hi", "--layout", "flat", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\x89PNG")


def test_png_is_only_for_flat(app, tmp_path):
    result = _run(app, "--set", "message=hi", "--out", str(tmp_path / "card.png"))
    assert result.exit_code == 2
    assert "flat" in result.output
    assert not (tmp_path / "card.png").exists()


def test_envelope_with_addresses_needs_no_message(app, tmp_path):
    out = tmp_path / "envelope.pdf"
    result = _run(
        app, "--layout", "envelope", "--address", "Sam Rivers\\n12 Orchard Lane", "--return-address", "Jo Bell",
        "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = pdf_text(out.read_bytes())
    assert "Sam Rivers" in text and "12 Orchard Lane" in text and "Jo Bell" in text
    assert _page_sizes(out) == [(459.2, 323.1)]  # C6, 162 x 114 mm


def test_envelope_without_an_address_says_so(app, tmp_path):
    result = _run(app, "--layout", "envelope", "--out", str(tmp_path / "e.pdf"))
    assert result.exit_code == 1
    assert "address" in result.output


def test_address_over_the_limits_is_refused_kindly(app, tmp_path):
    address = "\\n".join(["line"] * 9)
    result = _run(app, "--layout", "envelope", "--address", address, "--out", str(tmp_path / "e.pdf"))
    assert result.exit_code == 2
    assert "6 lines or fewer; it has 9 now" in result.output


def test_a_size_too_big_for_home_printing_is_a_clear_error(app, tmp_path):
    out = tmp_path / "card.pdf"
    result = _run(app, "--set", "message=hi", "--layout", "home-letter", "--size", "A5", "--out", str(out))
    assert result.exit_code == 1
    assert "too big to print at home on US Letter paper" in result.output
    assert not out.exists()
