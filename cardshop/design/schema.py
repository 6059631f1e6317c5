"""The JSON Schema of `card.toml`, generated from the pydantic models.

Designers' editors use it to complete and check keys (for example the Even Better TOML extension
for VS Code, with `#:schema ../../docs/card.schema.json` as the first line of `card.toml`).
`python -m cardshop.design.schema` rewrites docs/card.schema.json; a test fails when the file and
the models disagree, so the schema can never drift from what the loader accepts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cardshop.design.models import Design

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "card.schema.json"
SCHEMA_ID = "https://cardshop.invalid/schemas/card.schema.json"


def _drop_null(node):
    """TOML has no null: `X | None = None` keys become plain optional keys of type X."""
    if isinstance(node, dict):
        options = node.get("anyOf")
        if isinstance(options, list) and {"type": "null"} in options:
            rest = [option for option in options if option != {"type": "null"}]
            node = {key: value for key, value in node.items() if key != "anyOf"}
            if len(rest) == 1:
                node = {**rest[0], **node}
            else:
                node["anyOf"] = rest
            if node.get("default", ...) is None:
                del node["default"]
        return {key: _drop_null(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_drop_null(item) for item in node]
    return node


def design_schema() -> dict:
    schema = _drop_null(Design.model_json_schema())
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "cardshop card design (card.toml), format 1",
    }


def schema_text() -> str:
    return json.dumps(design_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schema; with `--check`, only report whether the file is up to date."""
    argv = sys.argv[1:] if argv is None else argv
    current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
    if "--check" in argv:
        if current != schema_text():
            print(f"{SCHEMA_PATH} is out of date; run: python -m cardshop.design.schema")
            return 1
        print(f"{SCHEMA_PATH} is up to date")
        return 0
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"Wrote {SCHEMA_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
