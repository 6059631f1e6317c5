"""`designs proof`: a proof sheet for every design, with every stress text on it, and a WeasyPrint
that loads nothing outside the design's folder and our static files."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from weasyprint import HTML

from cardshop.design.loader import TEMPLATES_DIR
from cardshop.studio.catalogue import load_catalog, load_design
from cardshop.studio.proof.fetcher import ProofURLFetcher, RefusedURL
from cardshop.studio.proof.sheet import STATIC_DIR, proof_html
from cardshop.studio.proof.stress import stress_sets
from tests.conftest import pdf_text

FIXTURES = Path(__file__).parent / "fixtures" / "designs"


def _designs_of_each_shape(per_shape: int = 2) -> list[str]:
    """Two designs for each way of laying out a card: fold, orientation, and which panel shows which
    field. A proof sheet is made the same way for every design, so these cover what differs; that
    every design takes the longest texts is `designs check`'s, run on the whole collection in
    test_broken_designs.py."""
    shapes: dict[tuple, list[str]] = {}
    for slug, loaded in sorted(load_catalog(TEMPLATES_DIR).designs.items()):
        design = loaded.design
        places = sorted(
            (name, part.field)
            for name, panel in design.panels.items()
            for slot in panel.slots
            for part in slot.parts
            if part.field
        )
        shapes.setdefault((design.fold, design.orientation, tuple(places)), []).append(slug)
    return sorted(slug for slugs in shapes.values() for slug in slugs[:per_shape])


SLUGS = _designs_of_each_shape()
PAGES = 1 + len(stress_sets())  # the overview, then one page per stress set


def _bare(text: str) -> str:
    """Words without combining marks: PDF text extraction splits Arabic vowel marks from letters."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _pages(pdf: bytes) -> int:
    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def _proof(app, target: str, tmp_path: Path, *extra: str) -> bytes:
    out = tmp_path / "proof.pdf"
    result = app.test_cli_runner().invoke(args=["designs", "proof", target, "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.output
    return out.read_bytes()


@pytest.mark.parametrize("slug", SLUGS)
def test_each_shape_of_design_gets_a_proof_with_every_stress_text(app, slug, tmp_path):
    pdf = _proof(app, slug, tmp_path)
    assert pdf.startswith(b"%PDF-")
    assert _pages(pdf) == PAGES
    text = _bare(" ".join(pdf_text(pdf).split()))
    design = load_catalog(TEMPLATES_DIR).designs[slug].design
    assert design.name in text and "No problems found" in text
    for stress in stress_sets():
        assert stress.title in text
        for name, value in stress.values.items():
            if name not in design.fields:
                continue
            for word in _bare(value).split():
                assert word in text, f"{stress.slug}/{name}: {word!r} is missing from the proof"


def test_proof_lists_fitted_sizes_and_what_does_not_fit(app, tmp_path):
    pdf = _proof(app, str(FIXTURES / "slot-too-small"), tmp_path)
    assert _pages(pdf) == PAGES
    text = " ".join(pdf_text(pdf).split())
    assert "does not fit: `message` is about" in text  # the longest-text page says so...
    assert "Left out of the pictures because they could not be printed: message" in text
    assert "13 pt" in text and "preferred size" in text  # ...and the typical page fits at 13 pt
    assert "designs check" in text and "Fix:" in text  # the check's findings are on page 1


def test_proof_at_another_size(app, tmp_path):
    pdf = _proof(app, str(FIXTURES / "good"), tmp_path, "--size", "A5")
    assert _pages(pdf) == PAGES
    assert "A5, 148.0 × 210.0 mm per panel" in pdf_text(pdf)


def test_proof_refuses_a_size_the_design_does_not_come_in(app, tmp_path):
    out = tmp_path / "proof.pdf"
    result = app.test_cli_runner().invoke(
        args=["designs", "proof", str(FIXTURES / "good"), "--size", "square", "--out", str(out)]
    )
    assert result.exit_code == 1 and "comes in A6, A5, not square" in result.output
    assert not out.exists()


def test_proof_of_a_broken_design_names_its_problems(app, tmp_path):
    out = tmp_path / "proof.pdf"
    result = app.test_cli_runner().invoke(args=["designs", "proof", str(FIXTURES / "unknown-font"), "--out", str(out)])
    assert result.exit_code == 1
    assert "panels.front.slots[0].font" in result.output
    assert not out.exists()


def test_stress_texts_are_within_what_the_form_accepts():
    from cardshop.design.vocabulary import FIELD_MAX_LENGTHS, FIELDS

    for stress in stress_sets():
        assert set(stress.values) == set(FIELDS), stress.slug
        for name, value in stress.values.items():
            assert 0 < len(value) <= FIELD_MAX_LENGTHS[name], (stress.slug, name)


def test_user_text_in_the_sheet_is_escaped():
    loaded, _ = load_design(FIXTURES / "good")
    from cardshop.studio.proof.stress import StressSet

    values = {"message": '<img src="file:///etc/passwd"> & more', "recipient": "Sam"}
    html = proof_html(loaded.folder, loaded.design, sets=[StressSet("x", "X", "why", values)])
    assert '<img src="file:///etc/passwd">' not in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt; &amp; more" in html


# ---- the URL fetcher


@pytest.fixture()
def fetcher():
    return ProofURLFetcher(FIXTURES / "good", STATIC_DIR)


def test_fetcher_serves_the_design_folder_and_static_files(fetcher):
    svg = fetcher.fetch((FIXTURES / "good" / "front.svg").resolve().as_uri())
    assert svg.read().startswith(b"<svg") and svg.content_type == "image/svg+xml"
    css = fetcher.fetch((STATIC_DIR / "proof.css").resolve().as_uri())
    assert b"@page" in css.read()
    assert fetcher.fetch("data:text/plain;base64,aGVsbG8=").read() == b"hello"
    assert fetcher.refused == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        (FIXTURES / "low-contrast" / "front.svg").resolve().as_uri(),  # another design's folder
        (FIXTURES / "good").resolve().as_uri() + "/../low-contrast/front.svg",
        (FIXTURES / "good" / "nothing-here.svg").resolve().as_uri(),
        "http://127.0.0.1:9/x.png",
        "https://example.invalid/x.css",
        "ftp://example.invalid/x",
        "file://otherhost/etc/passwd",
    ],
)
def test_fetcher_refuses_everything_else(fetcher, url):
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_refuses_a_symlink_that_leads_out(tmp_path):
    folder = tmp_path / "design"
    folder.mkdir()
    (folder / "art.svg").symlink_to("/etc/passwd")
    fetcher = ProofURLFetcher(folder)
    with pytest.raises(RefusedURL):
        fetcher.fetch((folder / "art.svg").as_uri())


def test_weasyprint_never_loads_a_refused_file(tmp_path):
    folder = tmp_path / "design"
    folder.mkdir()
    (folder / "ok.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    )
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the proof")
    html = f"""<html><head><link rel="stylesheet" href="http://127.0.0.1:9/evil.css"></head><body>
      <img src="ok.svg"><img src="{secret.as_uri()}">
      <a rel="attachment" href="{secret.as_uri()}">attached</a></body></html>"""
    fetcher = ProofURLFetcher(folder)
    pdf = HTML(string=html, base_url=folder.as_uri() + "/", url_fetcher=fetcher).write_pdf()
    assert b"not for the proof" not in pdf
    assert secret.as_uri() in fetcher.refused and "http://127.0.0.1:9/evil.css" in fetcher.refused
    assert (folder / "ok.svg").as_uri() not in fetcher.refused
