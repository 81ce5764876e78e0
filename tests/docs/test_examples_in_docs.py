"""Every code example of the documentation runs, and shows what it prints."""

from __future__ import annotations

import re

import pytest
from conftest import sphinx
from sessions import Session, run, sessions


def test_every_doctest_and_testcode_example_passes(tmp_path):
    done = sphinx("doctest", tmp_path)
    report = (tmp_path / "output.txt").read_text()
    assert done.returncode == 0, report + done.stderr
    summary = report[report.index("Doctest summary") :]
    tests = int(re.search(r"(\d+) tests", summary).group(1))
    assert tests >= 100  # a parse mistake must not make the examples vanish unnoticed
    assert "0 failures in tests" in summary


def test_the_console_sessions_are_found():
    found = sessions()
    assert len(found) >= 4
    assert all(session.steps for session in found)


@pytest.mark.parametrize("session", sessions(), ids=str)
def test_a_console_session_prints_what_it_shows(session: Session):
    for step, output in zip(session.steps, run(session), strict=True):
        assert output == step.output, f"$ {step.command}"
