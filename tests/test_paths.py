"""A design's file references stay inside its folder."""

import pytest

from cardshop.design.paths import UnsafePath, resolve_inside


def test_plain_relative_path(tmp_path):
    (tmp_path / "front.svg").write_text("<svg/>")
    assert resolve_inside(tmp_path, "front.svg") == (tmp_path / "front.svg").resolve()


@pytest.mark.parametrize("bad", ["../other/front.svg", "/etc/passwd", "art/../../x.svg", "C:\\art.svg", ""])
def test_escapes_refused(tmp_path, bad):
    with pytest.raises(UnsafePath):
        resolve_inside(tmp_path, bad)


def test_symlink_out_of_folder_refused(tmp_path):
    outside = tmp_path / "outside.svg"
    outside.write_text("<svg/>")
    folder = tmp_path / "design"
    folder.mkdir()
    (folder / "front.svg").symlink_to(outside)
    with pytest.raises(UnsafePath):
        resolve_inside(folder, "front.svg")
