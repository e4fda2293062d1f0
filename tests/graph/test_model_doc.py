"""graph/MODEL.md and graph/model.py describe the same graph."""

from __future__ import annotations

import re
from pathlib import Path

from graph.model import NODES, RELATIONSHIPS

MODEL_MD = (Path(__file__).parents[2] / "graph" / "MODEL.md").read_text(encoding="utf-8")


def table_rows() -> dict[str, str]:
    rows: dict[str, str] = {}
    for line in MODEL_MD.splitlines():
        match = re.match(r"\| `(\w+)` \|(.*)", line)
        if match:
            rows.setdefault(match.group(1), "")
            rows[match.group(1)] += match.group(2)
    return rows


def test_every_label_is_documented_with_its_properties() -> None:
    rows = table_rows()
    for node in NODES:
        assert node.label in rows, f"{node.label} missing from MODEL.md"
        for prop in node.props:
            if prop.name != "id":
                assert f"`{prop.name}`" in rows[node.label], f"{node.label}.{prop.name}"


def test_every_relationship_is_documented_with_its_ends() -> None:
    for rel in RELATIONSHIPS:
        line = f"| `{rel.type}` | `{rel.start}` → `{rel.end}` |"
        assert line in MODEL_MD, f"{rel.key} missing from MODEL.md"


def test_no_documented_label_is_gone_from_the_code() -> None:
    documented = set(re.findall(r"^\| `([A-Z][A-Za-z]*[a-z][A-Za-z]*)` \|", MODEL_MD, re.MULTILINE))
    assert documented == {n.label for n in NODES}
