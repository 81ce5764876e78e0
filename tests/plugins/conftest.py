"""Fixtures for the plugin tests: fake distributions installed on sys.path for one test."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

Install = Callable[..., str]


@pytest.fixture
def install_distribution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Install]:
    """Installs a distribution with a ``recertlib`` entry point, as pip would leave it, and
    forgets its module after the test; returns its entry point's module name."""
    modules: list[str] = []
    monkeypatch.syspath_prepend(str(tmp_path))

    def install(name: str, source: str, version: str = "1.2.3") -> str:
        module = name.replace("-", "_") + "_plugin_module"
        info = tmp_path / f"{name.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
        (info / "entry_points.txt").write_text(f"[recertlib]\n{name} = {module}\n")
        (tmp_path / f"{module}.py").write_text(textwrap.dedent(source))
        modules.append(module)
        return module

    yield install
    for module in modules:
        sys.modules.pop(module, None)
