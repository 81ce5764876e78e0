"""The examples an integrator copies use only the documented API: every name they import from
recertlib has an entry, under the name they import it by, in the application's reference."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
REFERENCE = ROOT / "docs" / "reference" / "application.rst"
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


def documented() -> set[str]:
    """Every name the application's reference documents, by its dotted path."""
    text = REFERENCE.read_text(encoding="utf-8")
    return set(re.findall(r"^\.\. auto\w+:: ([\w.]+)", text, re.M))


def imported(path: Path) -> list[str]:
    """Every ``from recertlib... import name`` of a script, as ``module.name``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("recertlib")
        for alias in node.names
    ]


def test_there_are_examples_to_check() -> None:
    assert {path.name for path in EXAMPLES} >= {"nightly_job.py", "integrate.py"}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_an_example_imports_only_documented_names(example: Path) -> None:
    names = imported(example)
    assert names
    assert [name for name in names if name not in documented()] == []
