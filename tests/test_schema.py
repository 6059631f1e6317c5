"""docs/card.schema.json is generated from the models, kept in sync, and agrees with the loader."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from cardshop.design.loader import TEMPLATES_DIR, design_folders
from cardshop.design.schema import SCHEMA_PATH, main, schema_text

FIXTURES = Path(__file__).parent / "fixtures" / "designs"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)


def _data(folder: Path) -> dict:
    return tomllib.loads((folder / "card.toml").read_text(encoding="utf-8"))


def test_the_schema_file_is_up_to_date():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "docs/card.schema.json is out of date: run python -m cardshop.design.schema"
    )
    assert main(["--check"]) == 0


def test_the_schema_is_valid_json_schema():
    Draft202012Validator.check_schema(SCHEMA)


def test_every_key_has_a_description():
    def walk(node, where):
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                assert prop.get("description"), f"{where}.{name} has no description"
            for key, value in node.items():
                walk(value, f"{where}.{key}")

    walk(SCHEMA, "schema")


@pytest.mark.parametrize("folder", [*design_folders(TEMPLATES_DIR), FIXTURES / "good"], ids=lambda folder: folder.name)
def test_designs_the_loader_accepts_match_the_schema(folder):
    errors = list(VALIDATOR.iter_errors(_data(folder)))
    assert errors == [], [error.message for error in errors]


def test_the_schema_catches_what_the_loader_catches():
    errors = list(VALIDATOR.iter_errors(_data(FIXTURES / "unknown-key")))
    assert any("colour" in error.message for error in errors)
    data = _data(FIXTURES / "good")
    data["categories"]["tone"] = ["celestal"]
    data["panels"]["front"]["slots"][0]["color"] = "blue"
    assert len(list(VALIDATOR.iter_errors(data))) == 2
