"""The command line: render a card, and refuse bad input with a message naming the field."""

from __future__ import annotations

from PIL import ImageCms

from cardshop.design.loader import TEMPLATES_DIR
from cardshop.studio.catalogue import load_catalog
from cardshop.studio.samples import longest, text_of_length
from tests.conftest import pdf_text

CATALOG = load_catalog(TEMPLATES_DIR)
SLUG = sorted(CATALOG.designs)[0]


def _run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def test_render_writes_the_pdf(app, tmp_path):
    out = tmp_path / "card.pdf"
    result = _run(app, "render", SLUG, "--set", "message=Thinking of you", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Thinking of you" in pdf_text(out.read_bytes())


def test_newline_escape_becomes_a_line_break(app, tmp_path):
    out = tmp_path / "card.pdf"
    result = _run(app, "render", SLUG, "--set", "message=First line\\nSecond line", "--out", str(out))
    assert result.exit_code == 0, result.output
    text = pdf_text(out.read_bytes())
    assert "First line" in text and "Second line" in text and "First line Second" not in text


def test_field_the_design_does_not_show_lists_its_fields(app, tmp_path):
    result = _run(app, "render", SLUG, "--set", "message=hi", "--set", "colour=red", "--out", str(tmp_path / "x.pdf"))
    assert result.exit_code != 0
    # Which --set is wrong is said by its place, never by repeating what was typed (it may be a name).
    assert "--set number 2" in result.output and "fields are: " in result.output and "message" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_message_that_cannot_fit_exits_non_zero_naming_the_field(app, tmp_path):
    # Each field within its limits, but together more than the slot they share can hold.
    message = "\\n".join(["Love,"] * 19 + [text_of_length(450 - 19 * 6)])
    sets = [f"{name}={value}" for name, value in longest().items() if name in CATALOG.designs[SLUG].design.fields]
    args = [arg for item in [*sets, f"message={message}"] for arg in ("--set", item)]
    result = _run(app, "render", SLUG, *args, "--out", str(tmp_path / "x.pdf"))
    assert result.exit_code == 1
    assert "message" in result.output and "shorten" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_too_many_lines_is_refused_before_rendering(app, tmp_path):
    many_lines = "\\n".join(["Love."] * 70)
    result = _run(app, "render", SLUG, "--set", f"message={many_lines}", "--out", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2
    assert "--set message" in result.output and "20 lines or fewer" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_missing_message_is_an_error(app, tmp_path):
    result = _run(app, "render", SLUG, "--out", str(tmp_path / "x.pdf"))
    assert result.exit_code != 0
    assert "message" in result.output


def test_unknown_design(app, tmp_path):
    result = _run(app, "render", "no-such-card", "--set", "message=hi", "--out", str(tmp_path / "x.pdf"))
    assert result.exit_code == 1
    assert "no design called" in result.output


def test_render_pdfx_writes_a_press_file_that_passes_preflight(app, tmp_path):
    out = tmp_path / "press.pdf"
    result = _run(app, "render", "forget-me-nots", "--set", "message=Thinking of you", "--pdfx", "--out", str(out))
    assert result.exit_code == 0, result.output
    checked = _run(app, "preflight", str(out))
    assert checked.exit_code == 0 and "passes" in checked.output


def test_render_pdfx_with_a_profile_that_is_not_cmyk_is_refused(app, tmp_path, monkeypatch):
    srgb = tmp_path / "srgb.icc"
    srgb.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    monkeypatch.setenv("CARDSHOP_CMYK_PROFILE", str(srgb))
    out = tmp_path / "press.pdf"
    result = _run(app, "render", "forget-me-nots", "--set", "message=Hi", "--pdfx", "--out", str(out))
    assert result.exit_code == 1 and "not a CMYK output (printer) profile" in result.output and not out.exists()


def test_render_for_a_partner_names_the_file_it_makes(app, tmp_path):
    def partner(name: str, size: str, out: str):
        card = ["render", "forget-me-nots", "--set", "message=Hi"]
        return _run(app, *card, "--partner", name, "--size", size, "--out", str(tmp_path / out))

    wrong = partner("printful", "5x7", "card.pdf")
    assert wrong.exit_code == 2 and "ending in .zip" in wrong.output
    made = partner("printful", "5x7", "card.zip")
    assert made.exit_code == 0 and "for Printful" in made.output
    refused = partner("prodigi", "A6", "card.png")
    assert refused.exit_code == 1 and "Prodigi prints this card in 5x7 only, not A6." in refused.output
