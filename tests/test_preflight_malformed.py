"""The preflight on malformed and crafted files: whatever cannot be read is a finding, never a
crash; forms drawn many times over are checked once; the whole file's work is capped. And the
rules' newer reach: RGB through a pattern, an RGB transparency group, text squeezed with `Tz`."""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name

from cardshop.studio.preflight import MAX_FORM_WALKS, preflight
from tests.test_preflight import GOOD, _add_content, _broken, rules
from tests.test_press import press_file


def _messages(pdf: bytes) -> list[str]:
    return [str(finding) for finding in preflight(pdf)]


def _font_name(pdf: pikepdf.Pdf) -> str:
    return str(next(iter(pdf.pages[0].Resources.Font.keys())))


def _form(pdf: pikepdf.Pdf, code: bytes, resources: Dictionary | None = None, **entries) -> pikepdf.Stream:
    form = pdf.make_stream(code)
    form.Type, form.Subtype, form.BBox = Name.XObject, Name.Form, Array([0, 0, 100, 100])
    form.Resources = resources if resources is not None else Dictionary()
    for key, value in entries.items():
        form[Name("/" + key)] = value
    return pdf.make_indirect(form)


def _draw_form(pdf: pikepdf.Pdf, form: pikepdf.Stream, name: str = "/Crafted") -> None:
    pdf.pages[0].Resources.XObject[Name(name)] = form
    _add_content(pdf, f"q {name} Do Q".encode())


# ---- malformed files: a finding, never a traceback


def test_an_output_intent_profile_whose_n_is_a_name_is_a_finding():
    def edit(pdf):
        pdf.Root.OutputIntents[0].DestOutputProfile.N = Name.Four

    messages = _messages(_broken(edit))
    assert messages == ["pdfx: file: could not read the output intent's profile (its /N is not a number)"]


def test_tf_with_no_operands_is_a_finding():
    messages = _messages(_broken(lambda pdf: _add_content(pdf, b"BT Tf 1 0 0 1 40 40 Tm (Hi) Tj ET")))
    assert messages == [
        "pdfx: page 1: could not read a `Tf` operator (its operands, or what they name, are missing or malformed);"
        " it was not checked"
    ]


def test_a_form_matrix_of_three_numbers_is_a_finding():
    def edit(pdf):
        _draw_form(pdf, _form(pdf, b"0 0 0 1 k 0 0 10 10 re f", Matrix=Array([1, 0, 0])))

    assert any("could not read a `Do` operator" in message for message in _messages(_broken(edit)))


def test_malformed_operands_and_boxes_are_findings_and_the_rest_is_still_checked():
    def edit(pdf):
        pdf.pages[1].TrimBox = Array([0, 0, Name.Wide])
        _add_content(pdf, b"q 1 2 cm Q q 0.5 0.5 k Q q /NoSuch cs 1 Tz Q q 0.2 0.4 0.8 rg 0 0 5 5 re f Q")

    messages = _messages(_broken(edit))
    assert "pdfx: page 2: could not read the page's boxes (boxes not checked)" in messages
    assert any("`cm`" in message for message in messages) and any("`k`" in message for message in messages)
    assert "colour: page 1: an RGB colour (rg) is used" in messages  # checked after the malformed operators


def test_metadata_that_is_not_xmp_is_a_finding_and_not_logged(caplog):
    with pikepdf.open(io.BytesIO(press_file(GOOD))) as pdf:
        pdf.Root.Metadata = pdf.make_stream(b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><broken')
        out = io.BytesIO()
        pdf.save(out, fix_metadata_version=False)  # (pikepdf would otherwise replace the bad XMP)
    caplog.clear()
    assert _messages(out.getvalue()) == ["pdfx: file: the XMP metadata has no pdfxid:GTS_PDFXVersion of PDF/X-4"]
    assert "Traceback" not in caplog.text and "parsing XMP" not in caplog.text


def test_the_command_reports_a_malformed_file_without_a_traceback(app, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(_broken(lambda pdf: _add_content(pdf, b"BT Tf (Hi) Tj ET")))
    result = app.test_cli_runner().invoke(args=["preflight", str(bad)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert f"{bad}: pdfx: page 1: could not read a `Tf` operator" in result.output
    assert "Traceback" not in result.output


# ---- fan-out: forms drawn by forms, many times over


def _fan_out(pdf: pikepdf.Pdf, levels: int, scales: list[float], inner_code: bytes) -> None:
    """Form 0 holds `inner_code`; each next form draws the one below once per scale (and moved)."""
    font = _font_name(pdf)
    form = _form(pdf, inner_code, Dictionary(Font=Dictionary({font: pdf.pages[0].Resources.Font[font]})))
    for _ in range(levels):
        draws = b" ".join(f"q {s} 0 0 {s} {i} {i} cm /F Do Q".encode() for i, s in enumerate(scales))
        form = _form(pdf, draws, Dictionary(XObject=Dictionary(F=form)))
    _draw_form(pdf, form)


def test_a_form_drawn_six_times_by_each_of_ten_nested_forms_is_checked_once():
    # 6 ** 10 (60 million) draws of the innermost form: each form is walked once for its one scale.
    def edit(pdf):
        _fan_out(pdf, 10, [1.0] * 6, f"BT {_font_name(pdf)} 6 Tf 1 0 0 1 5 5 Tm (Hi) Tj ET".encode())

    assert _messages(_broken(edit)) == ["type-size: page 1: text is set at 6.0 pt; the smallest allowed is 7 pt"]


def test_the_work_on_a_file_is_capped():
    # Six scales at each of ten levels: 8,008 different placements of the forms, 60 million draws.
    def edit(pdf):
        _fan_out(pdf, 10, [1.0, 0.99, 0.98, 0.97, 0.96, 0.95], b"0 0 0 1 k 0 0 1 1 re f")

    messages = _messages(_broken(edit))
    assert messages == [
        f"pdfx: page 1: the file draws more than {MAX_FORM_WALKS:,} forms or 1,000,000 operators;"
        " the rest was not checked"
    ]


# ---- coverage: patterns, transparency groups, squeezed text


def test_colour_rule_refuses_an_rgb_gradient_used_through_a_pattern():
    def edit(pdf):
        function = Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 0, 0], C1=[0, 0, 1], N=1)
        shading = Dictionary(ShadingType=2, ColorSpace=Name.DeviceRGB, Coords=[0, 0, 10, 0], Function=function)
        pattern = pdf.make_indirect(Dictionary(Type=Name.Pattern, PatternType=2, Shading=shading))
        pdf.pages[0].Resources.Pattern = Dictionary(P0=pattern)
        _add_content(pdf, b"q /Pattern cs /P0 scn 0 0 10 10 re f Q")

    assert _messages(_broken(edit)) == ["colour: page 1: a gradient is in RGB"]


def test_colour_rule_refuses_rgb_inside_a_tiling_pattern():
    def edit(pdf):
        cell = pdf.make_stream(b"0.2 0.4 0.8 rg 0 0 5 5 re f")
        cell.Type, cell.PatternType, cell.PaintType, cell.TilingType = Name.Pattern, 1, 1, 1
        cell.BBox, cell.XStep, cell.YStep, cell.Resources = Array([0, 0, 5, 5]), 5, 5, Dictionary()
        pdf.pages[0].Resources.Pattern = Dictionary(P0=pdf.make_indirect(cell))
        _add_content(pdf, b"q /Pattern cs /P0 scn 0 0 10 10 re f Q")

    assert _messages(_broken(edit)) == ["colour: page 1: an RGB colour (rg) is used"]


def test_colour_rule_refuses_a_page_that_blends_in_rgb():
    def edit(pdf):
        pdf.pages[0].Group = Dictionary(Type=Name.Group, S=Name.Transparency, CS=Name.DeviceRGB)

    assert _messages(_broken(edit)) == ["colour: page 1: the page is a transparency group that blends in RGB"]


def test_colour_rule_refuses_a_form_that_blends_in_rgb():
    def edit(pdf):
        group = Dictionary(Type=Name.Group, S=Name.Transparency, CS=Name.DeviceRGB)
        _draw_form(pdf, _form(pdf, b"0 0 0 1 k 0 0 10 10 re f", Group=group))

    assert _messages(_broken(edit)) == ["colour: page 1: a form is a transparency group that blends in RGB"]


def test_type_size_rule_counts_text_squeezed_with_horizontal_scaling():
    # 10 pt type at 10% horizontal scaling is 1 pt wide; at 100% again after Q it is fine.
    def squeezed(pdf):
        _add_content(pdf, f"q 10 Tz BT {_font_name(pdf)} 10 Tf 1 0 0 1 40 40 Tm (Hi) Tj ET Q".encode())

    def restored(pdf):
        _add_content(pdf, f"q 10 Tz Q BT {_font_name(pdf)} 10 Tf 1 0 0 1 40 40 Tm (Hi) Tj ET".encode())

    assert _messages(_broken(squeezed)) == [
        "type-size: page 1: text is set at 1.0 pt wide (squeezed); the smallest allowed is 7 pt"
    ]
    assert rules(_broken(restored)) == set()


def test_the_good_file_still_passes():
    assert preflight(press_file(GOOD)) == []
