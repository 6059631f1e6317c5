"""The font manifest: three design families with licences, fallbacks, registered once per process."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

from cardshop.render.text import fonts


def test_three_roles_each_with_a_licence():
    manifest = fonts.load_manifest()
    roles = {family.role for family in manifest.families.values()}
    assert {"serif", "sans", "script"} <= roles
    for family in (*manifest.families.values(), *manifest.fallbacks):
        assert family.licence.is_file(), f"{family.name} has no licence file"
        for path in family.files.values():
            assert path.is_file()
            assert path.read_bytes()[:4] != b"OTTO", f"{path} is CFF-flavoured; ReportLab needs TrueType outlines"


def test_registration_happens_once():
    fonts.register_all()
    face = fonts.face_for("EB Garamond", "italic")
    first = pdfmetrics.getFont(face)
    fonts.register_all()
    assert pdfmetrics.getFont(face) is first


def test_missing_style_falls_back_to_the_nearest():
    assert fonts.face_for("Dancing Script", "italic") == fonts.face_for("Dancing Script", "regular")
