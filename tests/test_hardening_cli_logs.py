"""The command line and the log lines (hardening II, item 6): the CLI never repeats a malformed
`--set` back and reports an unwritable `--out` kindly, naming the option; a design folder's name
reaches a log line escaped."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from cardshop import create_app
from cardshop.design.paths import printable

SLUG = "forget-me-nots"
WORDS = "Dear Sam, we are so sorry about Rowan"
GOOD = Path(__file__).parent / "fixtures" / "designs" / "good"


@pytest.mark.parametrize(
    "item",
    [WORDS, f"{WORDS}=with love", f"{WORDS} and everything"],
    ids=["no equals sign", "words before the equals sign", "words only"],
)
def test_a_malformed_set_is_not_repeated_back(app, tmp_path, item):
    result = app.test_cli_runner().invoke(args=["render", SLUG, "--set", item, "--out", str(tmp_path / "card.pdf")])
    assert result.exit_code == 2
    assert "--set" in result.output and "FIELD=VALUE" in result.output or "fields are" in result.output
    assert "Sam" not in result.output and "Rowan" not in result.output


@pytest.mark.parametrize(("item", "hint"), [("Ava=hello", None), ("mesage=hello", "did you mean message?")])
def test_an_unknown_field_is_not_named_back_but_a_near_miss_gets_a_hint(app, tmp_path, item, hint):
    # "Ava" may be a baby's name typed where a field belongs: it is not repeated, even when it looks like one.
    args = ["render", SLUG, "--set", "message=Thinking of you", "--set", item, "--out", str(tmp_path / "card.pdf")]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 2
    assert "fields are: " in result.output and "message" in result.output
    assert "Ava" not in result.output and "mesage" not in result.output
    assert (hint in result.output) if hint else "did you mean" not in result.output


@pytest.mark.parametrize("where", ["missing folder", "under a file", "a folder"])
def test_an_unwritable_out_gets_a_kind_message_naming_the_option(app, tmp_path, where):
    blocker = tmp_path / "not-a-folder.txt"
    blocker.write_text("x")
    out = {
        "missing folder": tmp_path / "no" / "such" / "card.pdf",
        "under a file": blocker / "card.pdf",
        "a folder": tmp_path,
    }[where]
    args = ["render", SLUG, "--set", "message=Thinking of you", "--out", str(out)]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code != 0
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    if where != "a folder":  # click itself refuses a folder for --out, kindly
        assert "--out: the file could not be written there" in result.output
        assert "choose a folder you can write to" in result.output


def test_a_design_folder_name_is_escaped_in_log_lines(tmp_path, caplog):
    root = tmp_path / "card_templates"
    name = "odd\nname\x1b[2J\u202e"
    shutil.copytree(GOOD, root / name)
    client = create_app({"TESTING": True, "CARDSHOP_TEMPLATES_DIR": root}).test_client()
    with caplog.at_level(logging.INFO):
        assert client.get(f"/cards/{quote(name)}").status_code == 200
    lines = [record.getMessage() for record in caplog.records if record.name == "cardshop.requests"]
    assert lines and all("\n" not in line and "\x1b" not in line and "\u202e" not in line for line in lines)
    assert any(f"slug={printable(name)}" in line for line in lines)
