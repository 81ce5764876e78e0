"""The progress bar: on a terminal (or when asked) a bar on standard error, off it none; the run
ends with its counts either way."""

from __future__ import annotations

import io
import sys

import pytest
from cli_support import AS_OF, HR, MARIA, STAFF

import recertlib.cli.progress_bar
from recertlib.cli import main

TALLY = "8 records (6 people): 6 usable, 2 not usable, 3 due within 60 days, 0 errors"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run_with(err: io.StringIO, *argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue()


@pytest.mark.parametrize("how", ["env", "option"])
def test_always_shows_a_bar_with_the_total_and_ends_with_the_counts(monkeypatch, how):
    option = []
    if how == "env":
        monkeypatch.setenv("RECERTLIB_PROGRESS", "always")
    else:
        option = ["--progress", "always"]
    err = io.StringIO()
    code, _ = run_with(err, "check", *HR, "--as-of", AS_OF, *option)
    assert code == 1
    text = err.getvalue()
    assert "\r" in text
    assert "6/6" in text  # the HR pair's people are counted before the run
    assert "people" in text
    assert "due soon" in text
    assert text.splitlines()[-1] == TALLY


def test_never_shows_no_bar_even_on_a_terminal(monkeypatch):
    monkeypatch.setenv("RECERTLIB_PROGRESS", "never")
    err = Terminal()
    code, _ = run_with(err, "check", *HR, "--as-of", AS_OF)
    assert code == 1
    assert err.getvalue() == TALLY + "\n"


def test_the_option_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv("RECERTLIB_PROGRESS", "always")
    err = io.StringIO()
    run_with(err, "plan", *HR, "--as-of", AS_OF, "--progress", "never")
    assert err.getvalue() == TALLY + "\n"


def test_auto_off_a_terminal_shows_no_bar(monkeypatch):
    monkeypatch.delenv("RECERTLIB_PROGRESS", raising=False)
    err = io.StringIO()
    run_with(err, "due", STAFF, MARIA, "--within", "30", "--as-of", AS_OF)
    assert "\r" not in err.getvalue()
    assert len(err.getvalue().splitlines()) == 1


def test_auto_on_a_terminal_shows_a_bar_once_a_run_is_long(monkeypatch):
    monkeypatch.delenv("RECERTLIB_PROGRESS", raising=False)
    # Every run is long enough.
    monkeypatch.setattr(recertlib.cli.progress_bar, "PROGRESS_DELAY", 0.0)
    err = Terminal()
    code, out = run_with(err, "check", STAFF, MARIA, "--as-of", AS_OF)
    assert code == 1
    assert "\r" in err.getvalue()
    assert " records" in err.getvalue()  # files: counted as they come, with no total
    assert err.getvalue().splitlines()[-1].startswith("6 records (5 people, 1 holding no ")
    assert "\r" not in out


def test_auto_on_a_terminal_shows_nothing_for_a_short_run(monkeypatch):
    monkeypatch.delenv("RECERTLIB_PROGRESS", raising=False)
    err = Terminal()
    run_with(err, "check", MARIA, "--as-of", AS_OF)
    assert "\r" not in err.getvalue()


def test_without_tqdm_there_is_no_bar(monkeypatch):
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.delenv("RECERTLIB_PROGRESS", raising=False)
    monkeypatch.setattr(recertlib.cli.progress_bar, "PROGRESS_DELAY", 0.0)
    err = Terminal()
    run_with(err, "check", *HR, "--as-of", AS_OF)
    assert err.getvalue() == TALLY + "\n"
    err = io.StringIO()
    run_with(err, "check", *HR, "--as-of", AS_OF, "--progress", "always")
    assert err.getvalue() == (
        "warning: no progress bar without tqdm: pip install 'recertlib[progress]'\n" + TALLY + "\n"
    )


def test_a_bad_progress_setting_is_a_warning(monkeypatch):
    monkeypatch.setenv("RECERTLIB_PROGRESS", "sometimes")
    err = io.StringIO()
    code, _ = run_with(err, "check", *HR, "--as-of", AS_OF)
    assert code == 1
    assert err.getvalue().startswith("warning: RECERTLIB_PROGRESS='sometimes' is none of auto,")
