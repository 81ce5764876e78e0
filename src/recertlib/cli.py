"""The ``recertlib`` command: list the installed credentials, check holder files, print the
JSON Schema of ``check --json``.

Whatever the input, the command prints a message a person can act on and exits with one of
the codes below, never with a Python traceback.

Exit codes of ``check`` are bit flags, so that both facts stay visible:

====  ===================================================================================
code  meaning
====  ===================================================================================
0     every record was evaluated and every credential is usable on the date
1     some credential is not usable on the date (and every record was evaluated)
2     some input could not be evaluated: an unreadable file, a file with no records, a bad
      record, an unknown credential, a missing fact, a bad ``--as-of``, a bad command line,
      a plugin that failed in strict mode
3     both 1 and 2: some credential is not usable, and some record could not be evaluated
70    an internal error: a bug in recertlib or in a plugin's rules (the other records are
      still evaluated and reported; ``RECERTLIB_DEBUG=1`` shows the traceback)
74    the output could not be written (a closed pipe, a full disk)
130   interrupted (Ctrl-C)
====  ===================================================================================

``credentials`` exits 0, or 2 when a plugin failed to load (its credentials are missing
from the list); ``schema`` exits 0.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import logging
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib.metadata import version
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any, NoReturn, TextIO, cast

import pendulum

from recertlib.batch import Outcome, Record, evaluate_records, read_holders
from recertlib.dates import to_date
from recertlib.errors import MISSING, InvalidInput, Problem, RecertlibError
from recertlib.registry import Registry, default_registry
from recertlib.render import render_credentials, render_verdict
from recertlib.serialize import unstructure

USABLE = 0
"""Every credential checked is usable on the date."""
NOT_USABLE = 1
"""Bit flag: some credential checked is not usable on the date."""
BAD_INPUT = 2
"""Bit flag: some input could not be evaluated."""
INTERNAL_ERROR = 70
"""A bug in recertlib or in a plugin (``EX_SOFTWARE``)."""
OUTPUT_ERROR = 74
"""The output could not be written (``EX_IOERR``)."""
INTERRUPTED = 130
"""Stopped by Ctrl-C (128 + SIGINT)."""

EXIT_CODES = {
    USABLE: "every credential checked is usable on the date",
    NOT_USABLE: "some credential is not usable on the date",
    BAD_INPUT: (
        "some input could not be evaluated (an unreadable file, a file with no records, a bad"
        " record, an unknown credential, a missing fact, a bad --as-of or command line, a"
        " plugin that failed in strict mode)"
    ),
    NOT_USABLE | BAD_INPUT: "both: some credential is not usable, and some input is bad",
    INTERNAL_ERROR: "internal error: a bug in recertlib or a plugin; please report it",
    OUTPUT_ERROR: "the output could not be written (a closed pipe, a full disk)",
    INTERRUPTED: "interrupted",
}
"""Every exit code of the command, with its meaning (also in ``recertlib --help``)."""

DEBUG_ENV = "RECERTLIB_DEBUG"
"""Set to ``1`` to have an internal error print its Python traceback after the message."""

OUTCOMES_SCHEMA: Traversable = files("recertlib") / "schemas" / "outcomes.schema.json"
"""The JSON Schema (draft 2020-12) of what ``recertlib check --json`` prints, shipped in the
package; :func:`outcomes_schema` reads it, ``recertlib schema`` prints it."""

_REPORT_HINT = (
    "this is a bug in recertlib or in one of its plugins; please report it with the command"
    f" and the input that caused it (run again with {DEBUG_ENV}=1 to see the details)"
)


def outcomes_schema() -> dict[str, Any]:
    """The JSON Schema of ``recertlib check --json``'s output: a list of outcomes, each
    ``{"record": label, "verdict": {...} | null, "error": {...} | null}``."""
    schema: dict[str, Any] = json.loads(OUTCOMES_SCHEMA.read_text(encoding="utf-8"))
    return schema


class InternalError(RecertlibError):
    """Stands, in an :class:`~recertlib.Outcome`, for an unexpected exception raised while a
    record was read or evaluated: a bug in recertlib or in a plugin's rules, not bad input.
    The exception is its ``__cause__``."""

    def __init__(self, error: BaseException) -> None:
        self.error = error
        super().__init__(f"internal error: {type(error).__name__}: {error}")
        self.__cause__ = error


def _epilog() -> str:
    rows = "\n".join(f"  {code:>3}  {meaning}" for code, meaning in EXIT_CODES.items())
    return (
        f"exit codes of check (1 and 2 are bit flags; 3 is both):\n{rows}\n"
        "credentials exits 0, or 2 when a plugin failed to load.\n"
        "check ends by counting on standard error: records, usable, not usable, errors."
    )


class _Parser(argparse.ArgumentParser):
    """argparse, writing to the streams ``main`` was given and never exiting the process."""

    out: TextIO = sys.stdout
    err: TextIO = sys.stderr

    def _print_message(self, message: str, file: object = None) -> None:
        if message:
            (self.err if file is sys.stderr else self.out).write(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            self.err.write(message)
        raise _Exit(status)


class _Exit(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _parser(out: TextIO, err: TextIO) -> _Parser:
    parser = _Parser(
        prog="recertlib",
        description="Is a credential current, can its holder recertify, by which path, by when?",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.out, parser.err = out, err
    parser.add_argument("--version", action="version", version=f"%(prog)s {version('recertlib')}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    credentials = commands.add_parser("credentials", help="list every installed credential")
    credentials.add_argument("--json", action="store_true", help="print the rules as JSON")

    check = commands.add_parser(
        "check",
        help="evaluate holder files",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="a holder file (JSON)")
    check.add_argument(
        "--as-of", metavar="DATE", help="the evaluation date, YYYY-MM-DD (default: today)"
    )
    check.add_argument(
        "--json",
        action="store_true",
        help="print a list of outcomes as JSON (see: recertlib schema)",
    )

    commands.add_parser("schema", help="print the JSON Schema of check --json")
    for sub in (credentials, check, *commands.choices.values()):
        assert isinstance(sub, _Parser)
        sub.out, sub.err = out, err
    return parser


def exit_code(outcomes: Sequence[Outcome]) -> int:
    """The ``check`` exit code for these outcomes: :data:`INTERNAL_ERROR` if any is one, else
    :data:`NOT_USABLE` and :data:`BAD_INPUT` or-ed together; no outcome at all is bad input."""
    if not outcomes:
        return BAD_INPUT
    if any(isinstance(outcome.error, InternalError) for outcome in outcomes):
        return INTERNAL_ERROR
    code = USABLE
    if any(outcome.error is not None for outcome in outcomes):
        code |= BAD_INPUT
    if any(outcome.verdict is not None and not outcome.verdict.usable for outcome in outcomes):
        code |= NOT_USABLE
    return code


def _no_records(path: str) -> InvalidInput:
    problem = Problem("$", [], "no records: expected a holder object or a non-empty list of them")
    return InvalidInput([problem], path)


def check_files(
    paths: Sequence[str],
    *,
    as_of: datetime.date | str | None = None,
    registry: Registry | None = None,
) -> list[Outcome]:
    """Evaluate every record of every holder file, in order.

    A file that cannot be read, or holds no records, is one failed outcome; a record that
    cannot be evaluated is a failed outcome in its place; an unexpected exception (a bug) is
    an :class:`InternalError` outcome. None stops the others.
    """
    registry = registry or default_registry()
    # One date for the whole batch, even one that runs past midnight.
    as_of = pendulum.today().date() if as_of is None else as_of
    outcomes: list[Outcome] = []
    for path in paths:
        try:
            records = read_holders(path) or [Record(path, None, _no_records(path))]
        except InvalidInput as error:
            records = [Record(path, None, error)]
        except Exception as error:
            outcomes.append(Outcome(path, None, InternalError(error)))
            continue
        for record in records:
            try:
                outcomes.extend(evaluate_records([record], as_of=as_of, registry=registry))
            except Exception as error:
                outcomes.append(Outcome(record.label, None, InternalError(error)))
    return outcomes


def _problem_json(problem: Problem) -> dict[str, Any]:
    value = None if problem.value is MISSING else repr(problem.value)
    return {"path": problem.path, "value": value, "message": problem.message}


def outcome_json(outcome: Outcome) -> dict[str, Any]:
    """One outcome as ``check --json`` prints it (see :func:`outcomes_schema`)."""
    error: dict[str, Any] | None = None
    if outcome.error is not None:
        problems = outcome.error.problems if isinstance(outcome.error, InvalidInput) else ()
        error = {
            "type": type(outcome.error).__name__,
            "message": str(outcome.error),
            "problems": [_problem_json(problem) for problem in problems],
        }
    verdict = None if outcome.verdict is None else unstructure(outcome.verdict)
    return {"record": outcome.label, "verdict": verdict, "error": error}


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def tally(outcomes: Sequence[Outcome]) -> str:
    """The count ``check`` ends with, as ``3 records: 1 usable, 1 not usable, 1 error``."""
    usable = sum(1 for o in outcomes if o.verdict is not None and o.verdict.usable)
    not_usable = sum(1 for o in outcomes if o.verdict is not None and not o.verdict.usable)
    errors = sum(1 for o in outcomes if o.error is not None)
    internal = sum(1 for o in outcomes if isinstance(o.error, InternalError))
    counted = (
        f"{_plural(len(outcomes), 'record')}: {usable} usable, {not_usable} not usable,"
        f" {_plural(errors, 'error')}"
    )
    return counted + (f" ({internal} internal)" if internal else "")


def _print_outcomes(outcomes: Sequence[Outcome], as_json: bool, out: TextIO, err: TextIO) -> None:
    if as_json:
        json.dump([outcome_json(outcome) for outcome in outcomes], out, indent=2)
        out.write("\n")
    else:
        reports = [render_verdict(o.verdict) for o in outcomes if o.verdict is not None]
        if reports:
            out.write("\n\n".join(reports) + "\n")
    for outcome in outcomes:
        if isinstance(outcome.error, InternalError):
            err.write(f"{outcome.label}: {outcome.error}\n  {_REPORT_HINT}\n")
            _debug(outcome.error.error, err)
        elif isinstance(outcome.error, InvalidInput) and outcome.error.record:
            err.write(f"error: {outcome.error}\n")  # it names its record already
        elif outcome.error is not None:
            err.write(f"error: {outcome.label}: {outcome.error}\n")
    err.write(tally(outcomes) + "\n")


def _debug(error: BaseException, err: TextIO) -> None:
    if os.environ.get(DEBUG_ENV, "").strip().lower() not in {"", "0", "false", "no", "off"}:
        err.write("".join(traceback.format_exception(error)))


class _PluginTrace(logging.Handler):
    """Shows the plugin trace (``INFO`` on ``recertlib.plugins``, logged in trace mode) on
    standard error; failures are printed from the registry instead, once."""

    def __init__(self, err: TextIO) -> None:
        super().__init__(logging.INFO)
        self.err = err

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.WARNING:
            self.err.write(f"trace: {record.getMessage()}\n")


@contextmanager
def _plugin_log(err: TextIO) -> Iterator[None]:
    logger = logging.getLogger("recertlib.plugins")
    handler, level = _PluginTrace(err), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _registry(err: TextIO) -> Registry:
    with _plugin_log(err):
        return default_registry()


def _run(argv: Sequence[str] | None, out: TextIO, err: TextIO) -> int:
    try:
        arguments = _parser(out, err).parse_args(argv)
    except _Exit as exit:
        return exit.code
    if arguments.command == "schema":
        json.dump(outcomes_schema(), out, indent=2)
        out.write("\n")
        return USABLE
    try:
        registry = _registry(err)
    except RecertlibError as error:
        err.write(f"error: {error}\n")
        return BAD_INPUT
    if arguments.command == "credentials":
        if arguments.json:
            json.dump(unstructure(list(registry.credentials())), out, indent=2)
            out.write("\n")
        else:
            out.write(render_credentials(registry) + "\n")
        for failure in registry.failures:
            err.write(f"error: {failure}; its credentials are not listed\n")
        return BAD_INPUT if registry.failures else USABLE
    for failure in registry.failures:
        err.write(f"warning: {failure}; its credentials are not available\n")
    try:
        as_of = pendulum.today().date() if arguments.as_of is None else to_date(arguments.as_of)
    except (RecertlibError, TypeError, ValueError, OverflowError) as error:
        err.write(f"error: --as-of: {error}\n")
        return BAD_INPUT
    outcomes = check_files(arguments.files, as_of=as_of, registry=registry)
    _print_outcomes(outcomes, arguments.json, out, err)
    return exit_code(outcomes)


def _forgiving(stream: TextIO) -> None:
    # Any text prints: a lone surrogate (from a file name or a JSON escape) or a character the
    # terminal's encoding lacks is shown as a backslash escape rather than failing.
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="backslashreplace")


class _OutputError(Exception):
    """Writing to standard output or error failed."""


class _Guarded(io.TextIOBase):
    """A stream whose write errors are told apart from every other ``OSError``."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except OSError as error:
            raise _OutputError(error) from error

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as error:
            raise _OutputError(error) from error


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; return its exit code (see :data:`EXIT_CODES`).

    Nothing escapes as a traceback: bad input is reported and exits 2, an unexpected
    exception prints ``internal error: ...`` with a hint to report it and exits 70.
    """
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    _forgiving(out)
    _forgiving(err)
    guarded_out, guarded_err = cast(TextIO, _Guarded(out)), cast(TextIO, _Guarded(err))
    try:
        code = _run(argv, guarded_out, guarded_err)
        guarded_out.flush()
    except KeyboardInterrupt:
        _write_quietly(err, "interrupted\n")
        return INTERRUPTED
    except _OutputError as error:
        cause = error.__cause__
        if out is sys.stdout:
            _silence_stdout()
        if not isinstance(cause, BrokenPipeError):
            _write_quietly(err, f"error: cannot write the output: {cause}\n")
        return OUTPUT_ERROR
    except (Exception, SystemExit) as error:  # the last resort: never a traceback
        _write_quietly(err, f"internal error: {type(error).__name__}: {error}\n  {_REPORT_HINT}\n")
        _debug(error, err)
        return INTERNAL_ERROR
    return code


def _write_quietly(stream: TextIO, text: str) -> None:
    try:
        stream.write(text)
    except Exception:  # nowhere left to report to
        return


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; a closed pipe would then print a warning.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return


if __name__ == "__main__":
    sys.exit(main())
