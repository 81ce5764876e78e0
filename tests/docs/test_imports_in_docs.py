"""The documentation teaches the homes of 0.2: no page, and no file a page includes, imports a
name or a module from where it lived before, or points a cross-reference there. (The old homes
still work until 0.3, with a DeprecationWarning, so an example using one would pass unnoticed.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DOCS, ROOT
from old_homes import old_home

import recertlib

REWRITTEN_ELSEWHERE = {DOCS / "authors" / "testing.rst"}
"""Pages being rewritten in another change, which brings them to the new homes itself."""

PAGES = sorted(
    page
    for page in DOCS.rglob("*.rst")
    if "_build" not in page.parts and page not in REWRITTEN_ELSEWHERE
)


def included(page: Path) -> list[Path]:
    """The files ``page`` shows with ``literalinclude``."""
    found = re.findall(r"^\s*\.\. literalinclude:: (\S+)$", page.read_text(), re.M)
    return [(page.parent / path).resolve() for path in found]


SOURCES = sorted({*PAGES, *(path for page in PAGES for path in included(page))})


def top_level_imports(text: str) -> list[str]:
    """Every name imported with ``from recertlib import ...``, in a doctest or in code."""
    names: list[str] = []
    for match in re.finditer(r"from recertlib import (\([\w\s,]*\)|[\w, ]+)", text):
        listed = match.group(1).strip("()").split(",")
        names += [name.strip() for name in listed if name.strip()]
    return names


def dotted_names(text: str) -> list[str]:
    """Every ``recertlib.x.y`` a page imports, cross-references or quotes."""
    return re.findall(r"(?<![\w.])(recertlib(?:\.\w+)+)", text)


def test_the_pages_and_their_included_files_are_found():
    assert len(PAGES) >= 20
    assert ROOT / "examples" / "integrate.py" in SOURCES
    assert ROOT / "examples" / "recertlib-amt" / "src" / "recertlib_amt" / "__init__.py" in SOURCES


def test_the_checks_see_an_old_home():
    assert top_level_imports(">>> from recertlib import CredentialSpec, evaluate") == [
        "CredentialSpec",
        "evaluate",
    ]
    assert old_home("recertlib.exports.read_people") == "recertlib.io"
    assert old_home("recertlib.hookimpl") == "recertlib.plugins"
    assert old_home("recertlib.io.read_people") is None


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_example_imports_from_the_top_level_a_name_that_is_not_there(source: Path):
    text = source.read_text()
    assert sorted(set(top_level_imports(text)) - set(recertlib.__all__)) == []


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_page_names_a_home_left_in_0_2(source: Path):
    text = source.read_text()
    moved = {name: old_home(name) for name in dotted_names(text) if old_home(name) is not None}
    assert moved == {}
