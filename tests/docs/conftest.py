"""Fixtures for the documentation's tests: the site, built once per session."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
BUILT_SITE_ENV = "RECERTLIB_DOCS_HTML"
"""Names a site that ``scripts/test.sh`` has just built with ``-W``; without it, the tests build
one of their own."""


def sphinx(builder: str, out: Path) -> subprocess.CompletedProcess[str]:
    """Build the docs with ``builder`` into ``out``, with warnings as errors."""
    return sphinx_on(DOCS, out, builder)


def sphinx_on(source: Path, out: Path, builder: str = "html") -> subprocess.CompletedProcess[str]:
    """Build the Sphinx project in ``source`` into ``out``, with warnings as errors."""
    return subprocess.run(
        [
            *(sys.executable, "-m", "sphinx", "-b", builder, "-W", "--keep-going", "-q", "-E"),
            *("-d", str(out / ".doctrees"), str(source), str(out)),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def visible_text(markup: str) -> str:
    """The text a reader sees of an HTML page, on one line."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.DOTALL)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", markup)))


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built HTML site."""
    if built := os.environ.get(BUILT_SITE_ENV):
        return Path(built).resolve()
    out = tmp_path_factory.mktemp("html")
    done = sphinx("html", out)
    assert done.returncode == 0, done.stderr
    return out
