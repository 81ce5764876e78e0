"""Where the command writes and how: standard output and error made safe to write any text
to, their failures told apart from every other ``OSError``, error reports, and ``--output``
files written whole."""

from __future__ import annotations

import io
import os
import sys
import tempfile
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from attrs import frozen

from recertlib.errors import InvalidInput, PluginRuleError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from recertlib.results import Outcome, Verdict

DEBUG_ENV = "RECERTLIB_DEBUG"
"""Set to ``1`` to have an internal error print its Python traceback after the message."""

PLUGIN_HINT = (
    "this is a bug in that plugin; please report it to its maintainers with the input that"
    f" caused it (run again with {DEBUG_ENV}=1 to see the details)"
)

REPORT_HINT = (
    "this is a bug in recertlib or in one of its plugins; please report it with the command"
    f" and the input that caused it (run again with {DEBUG_ENV}=1 to see the details)"
)


@frozen
class Streams:
    """The streams a run writes to, and whether each is a terminal (the progress bar's
    concern)."""

    out: TextIO
    err: TextIO
    out_is_tty: bool = False
    err_is_tty: bool = False


def isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def forgive_encoding(stream: TextIO) -> None:
    # Any text prints: a lone surrogate (from a file name or a JSON escape) or a character the
    # terminal's encoding lacks is shown as a backslash escape rather than failing.
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="backslashreplace")


class OutputError(Exception):
    """Writing to standard output or error failed."""


class GuardedStream(io.TextIOBase):
    """A stream whose write errors are told apart from every other ``OSError``."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except OSError as error:
            raise OutputError(error) from error

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as error:
            raise OutputError(error) from error


def write_quietly(stream: TextIO, text: str) -> None:
    try:
        stream.write(text)
    except Exception:  # nowhere left to report to
        return


def silence_stdout() -> None:
    # Python flushes stdout again at exit; a closed pipe would then print a warning.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return


def report_error(outcome: Outcome[Verdict], err: TextIO) -> None:
    from recertlib.cli.inputs import InternalError  # the evaluation's, loaded only to evaluate

    if isinstance(outcome.error, InternalError):
        err.write(f"{outcome.label}: {outcome.error}\n  {REPORT_HINT}\n")
        show_traceback(outcome.error.error, err)
    elif isinstance(outcome.error, PluginRuleError):
        # It names the plugin, the rule and the record: the plugin's maintainers can act on it.
        err.write(f"error: {outcome.error}\n  {PLUGIN_HINT}\n")
        if outcome.error.__cause__ is not None:
            show_traceback(outcome.error.__cause__, err)
    elif isinstance(outcome.error, InvalidInput) and outcome.error.record:
        err.write(f"error: {outcome.error}\n")  # it names its record already
    elif outcome.error is not None:
        err.write(f"error: {outcome.label}: {outcome.error}\n")


def error_reports(outcomes: Iterable[Outcome[Verdict]]) -> str:
    """The reports of the errors among ``outcomes``, as :func:`report_error` writes them."""
    reports = io.StringIO()
    for outcome in outcomes:
        if outcome.error is not None:
            report_error(outcome, reports)
    return reports.getvalue()


def show_traceback(error: BaseException, err: TextIO) -> None:
    if os.environ.get(DEBUG_ENV, "").strip().lower() not in {"", "0", "false", "no", "off"}:
        err.write("".join(traceback.format_exception(error)))


def write_file(path: str, text: str, err: TextIO) -> bool:
    """Write ``text`` to ``path`` whole or not at all (a calendar a program subscribes to is
    never seen half written); a failure is reported."""
    target = Path(path)
    temporary = None
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
        with os.fdopen(
            descriptor, "w", encoding="utf-8", errors="backslashreplace", newline=""
        ) as file:
            file.write(text)
        os.replace(temporary, target)
    except (OSError, UnicodeError) as error:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        err.write(f"error: --output: cannot write {path}: {error}\n")
        return False
    return True
