"""The preflight: one test per rule, each with a good press file broken in that one way (with
pikepdf), and the `flask --app cardshop preflight` command."""

from __future__ import annotations

import io
import zlib

import pikepdf
from pikepdf import Array, Name

from cardshop.studio.preflight import RULES, preflight
from tests.test_press import press_file

GOOD = "forget-me-nots"


def _broken(edit) -> bytes:
    with pikepdf.open(io.BytesIO(press_file(GOOD))) as pdf:
        edit(pdf)
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def _add_content(pdf: pikepdf.Pdf, code: bytes) -> None:
    page = pdf.pages[0]
    page.contents_add(pdf.make_stream(code), prepend=False)


def _image(pdf: pikepdf.Pdf, width: int, height: int, space: str, pixel: bytes) -> pikepdf.Stream:
    image = pdf.make_stream(zlib.compress(pixel * (width * height)))
    image.Type, image.Subtype = Name.XObject, Name.Image
    image.Width, image.Height, image.BitsPerComponent = width, height, 8
    image.ColorSpace, image.Filter = Name(space), Name.FlateDecode
    return image


def _place_image(pdf: pikepdf.Pdf, image: pikepdf.Stream, size_pt: float) -> None:
    page = pdf.pages[0]
    page.Resources.XObject[Name.Probe] = image
    _add_content(pdf, f"q {size_pt} 0 0 {size_pt} 100 100 cm /Probe Do Q".encode())


def rules(pdf: bytes) -> set[str]:
    return {finding.rule for finding in preflight(pdf)}


def test_the_good_file_passes_every_rule():
    assert preflight(press_file(GOOD)) == []
    assert set(RULES) == {"pdfx", "colour", "fonts", "boxes", "type-size", "ink", "resolution"}


def test_pdfx_rule_needs_the_output_intent():
    def edit(pdf):
        del pdf.Root.OutputIntents

    findings = preflight(_broken(edit))
    assert {f.rule for f in findings} == {"pdfx"}
    assert "output intent" in str(findings[0])


def test_pdfx_rule_needs_the_version_marking_in_xmp_and_info():
    def edit(pdf):
        del pdf.docinfo[Name.GTS_PDFXVersion]
        del pdf.Root.Metadata

    messages = [str(f) for f in preflight(_broken(edit))]
    assert any("document information" in m for m in messages) and any("XMP" in m for m in messages)


def test_pdfx_rule_needs_the_document_information_to_agree_with_the_xmp():
    def edit(pdf):  # what ReportLab wrote before the file was finished
        pdf.docinfo.Producer = "ReportLab PDF Library - www.reportlab.com"
        pdf.docinfo.Author = "anonymous"
        pdf.docinfo.Title = "Another card"

    messages = [str(f) for f in preflight(_broken(edit))]
    assert messages == [
        f"pdfx: file: the document information and the XMP metadata disagree on {key}"
        for key in ("Author", "Title", "Producer")
    ]


def test_colour_rule_refuses_rgb_fills():
    assert rules(_broken(lambda pdf: _add_content(pdf, b"q 0.2 0.4 0.8 rg 10 10 5 5 re f Q"))) == {"colour"}


def test_colour_rule_refuses_rgb_images():
    def edit(pdf):
        _place_image(pdf, _image(pdf, 400, 400, "/DeviceRGB", b"\x80\x80\xff"), 72)

    assert rules(_broken(edit)) == {"colour"}


def test_fonts_rule_needs_every_font_embedded():
    def edit(pdf):
        font = next(iter(pdf.pages[0].Resources.Font.values()))
        del font.FontDescriptor.FontFile2

    findings = preflight(_broken(edit))
    assert {f.rule for f in findings} == {"fonts"} and "not embedded" in str(findings[0])


def test_boxes_rule_needs_the_trim_inside_the_bleed_inside_the_media():
    def trim_outside(pdf):
        page = pdf.pages[0]
        page.TrimBox = Array([float(v) - 5 if i < 2 else float(v) for i, v in enumerate(page.BleedBox)])

    def no_trim(pdf):
        del pdf.pages[1].TrimBox

    assert rules(_broken(trim_outside)) == {"boxes"}
    findings = preflight(_broken(no_trim))
    assert [(f.rule, f.page) for f in findings] == [("boxes", 2)]


def test_type_size_rule_refuses_text_under_7_pt():
    def edit(pdf):
        name = next(iter(pdf.pages[0].Resources.Font.keys()))
        _add_content(pdf, f"BT {name} 6.5 Tf 0 0 0 1 k 1 0 0 1 40 40 Tm (Hi) Tj ET".encode())

    findings = preflight(_broken(edit))
    assert {f.rule for f in findings} == {"type-size"} and "6.5 pt" in str(findings[0])


def test_type_size_rule_counts_scaling():
    # 14 pt type drawn in a frame scaled by 0.4 is 5.6 pt on paper.
    def edit(pdf):
        name = next(iter(pdf.pages[0].Resources.Font.keys()))
        _add_content(pdf, f"q 0.4 0 0 0.4 0 0 cm BT {name} 14 Tf 1 0 0 1 40 40 Tm (Hi) Tj ET Q".encode())

    assert rules(_broken(edit)) == {"type-size"}


def test_ink_rule_refuses_more_than_300_percent():
    assert rules(_broken(lambda pdf: _add_content(pdf, b"q 0.9 0.8 0.8 0.9 k 10 10 5 5 re f Q"))) == {"ink"}


def test_ink_rule_reads_cmyk_images():
    def edit(pdf):
        _place_image(pdf, _image(pdf, 400, 400, "/DeviceCMYK", b"\xff\xff\xff\xff"), 72)

    findings = preflight(_broken(edit))
    assert {f.rule for f in findings} == {"ink"} and "400%" in str(findings[0])


def test_resolution_rule_needs_300_ppi_at_placed_size():
    def low(pdf):
        _place_image(pdf, _image(pdf, 100, 100, "/DeviceCMYK", b"\x20\x10\x00\x00"), 72)  # 100 ppi

    def enough(pdf):
        _place_image(pdf, _image(pdf, 300, 300, "/DeviceCMYK", b"\x20\x10\x00\x00"), 72)  # 300 ppi

    findings = preflight(_broken(low))
    assert {f.rule for f in findings} == {"resolution"} and "100 ppi" in str(findings[0])
    assert preflight(_broken(enough)) == []


def test_preflight_command(app, tmp_path):
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(press_file(GOOD))
    bad.write_bytes(_broken(lambda pdf: _add_content(pdf, b"q 1 0 0 rg 0 0 5 5 re f Q")))
    runner = app.test_cli_runner()
    passed = runner.invoke(args=["preflight", str(good)])
    assert passed.exit_code == 0 and "passes" in passed.output
    failed = runner.invoke(args=["preflight", str(good), str(bad)])
    assert failed.exit_code == 1
    assert f"{bad}: colour: page 1: an RGB colour (rg) is used" in failed.output


def test_preflight_refuses_what_is_not_a_pdf(app, tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.6\nnot really")
    result = app.test_cli_runner().invoke(args=["preflight", str(junk)])
    assert result.exit_code == 1 and "not a readable PDF" in result.output
