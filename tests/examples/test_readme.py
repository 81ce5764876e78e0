"""The README's Python example runs and prints what its comment says."""

from __future__ import annotations

import contextlib
import io
import re

from support import ROOT

README = ROOT / "README.md"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.DOTALL)


def test_the_readme_example_prints_what_it_claims():
    (block,) = python_blocks()
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(block, str(README), "exec"), {})
    first_line = printed.getvalue().splitlines()[0]
    claimed = re.search(r"# (.+)$", block.splitlines()[8]).group(1)
    assert first_line == claimed
