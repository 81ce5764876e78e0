"""The ``recertlib`` command: list the installed credentials; check, plan and query holder
files, person files and HR exports; print the JSON Schema of ``check --json``.

Whatever the input, the command prints a message a person can act on and exits with one of
the codes below, never with a Python traceback.

The exit codes of ``check``, ``plan`` and ``due`` are bit flags, so that both facts stay
visible:

====  ===================================================================================
code  meaning
====  ===================================================================================
0     every record was evaluated and every credential is usable on the date
1     some credential is not usable on the date (and every record was evaluated)
2     some input could not be evaluated: an unreadable file, a file with no records, a bad
      record, an unknown credential, a missing fact, a bad ``--as-of`` or ``--tz``, a bad
      command line, a plugin that failed in strict mode; or ``plan --format ics`` without
      the icalendar package
3     both 1 and 2: some credential is not usable, and some record could not be evaluated
70    an internal error: a bug in recertlib or in a plugin's rules (the other records are
      still evaluated and reported; ``RECERTLIB_DEBUG=1`` shows the traceback)
74    the output could not be written (a closed pipe, a full disk, an ``--output`` file)
130   interrupted (Ctrl-C)
====  ===================================================================================

``credentials`` exits 0, or 2 when a plugin failed to load (its credentials are missing
from the list); ``schema`` exits 0.

Inputs are read one record at a time and each is evaluated, reported and let go before the
next is read (a JSON document is parsed whole; JSON Lines and the HR export pair are
streamed), so that a file of a million people runs in bounded memory.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import io
import json
import logging
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from importlib.metadata import version
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, NoReturn, TextIO, cast

import attrs
import pendulum
from attrs import frozen

from recertlib.batch import Outcome, Record, evaluate_records
from recertlib.dates import Date, evaluation_date, to_date
from recertlib.errors import MISSING, InvalidInput, Problem, RecertlibError
from recertlib.exports import PersonRecord, read_hr_export, read_records
from recertlib.people import PersonVerdict, evaluate_person
from recertlib.plan import Action, Plan, _order, plan_for
from recertlib.queries import can_recertify_now, due_within, not_usable
from recertlib.registry import Registry, default_registry
from recertlib.render import (
    QUERY_TITLES,
    Found,
    render_credentials,
    render_found,
    render_plan,
    render_verdict,
)
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
        " record, an unknown credential, a missing fact, a bad --as-of, --tz or command line, a"
        " plugin that failed in strict mode, plan --format ics without icalendar)"
    ),
    NOT_USABLE | BAD_INPUT: "both: some credential is not usable, and some input is bad",
    INTERNAL_ERROR: "internal error: a bug in recertlib or a plugin; please report it",
    OUTPUT_ERROR: "the output could not be written (a closed pipe, a full disk, --output)",
    INTERRUPTED: "interrupted",
}
"""Every exit code of the command, with its meaning (also in ``recertlib --help``)."""

DEBUG_ENV = "RECERTLIB_DEBUG"
"""Set to ``1`` to have an internal error print its Python traceback after the message."""

PROGRESS_ENV = "RECERTLIB_PROGRESS"
"""``auto`` (the default: a progress bar when standard error is a terminal and ``tqdm`` is
installed), ``always`` or ``never``; the ``--progress`` option wins over it."""

PROGRESS_MODES = ("auto", "always", "never")

PROGRESS_DELAY = 1.0
"""Seconds a run goes on before ``auto`` shows its bar: a short run shows none."""

DUE_SOON_DAYS = 60
"""How far ahead the closing count of ``check`` and ``plan`` looks for what is due soon
(``due`` looks ``--within`` days ahead)."""

OUTCOMES_SCHEMA: Traversable = files("recertlib") / "schemas" / "outcomes.schema.json"
"""The JSON Schema (draft 2020-12) of what ``recertlib check --json`` prints, shipped in the
package; :func:`outcomes_schema` reads it, ``recertlib schema`` prints it."""

_REPORT_HINT = (
    "this is a bug in recertlib or in one of its plugins; please report it with the command"
    f" and the input that caused it (run again with {DEBUG_ENV}=1 to see the details)"
)
_ICS_HINT = "pip install 'recertlib[ics]'"
_PROGRESS_HINT = "pip install 'recertlib[progress]'"


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


# --- Inputs ----------------------------------------------------------------------------------


@frozen
class Inputs:
    """What ``check``, ``plan`` and ``due`` read: files of holders or people (``"-"`` is
    standard input), and at most one HR export pair."""

    files: tuple[str, ...] = ()
    people_csv: str | None = None
    activities_csv: str | None = None
    columns: Mapping[str, str] = {}
    """recertlib's column names mapped to the pair's headers (``--column NAME=HEADER``)."""
    ignore_columns: tuple[str, ...] = ()


@frozen
class Item:
    """One record of the inputs evaluated: a holder record (one outcome) or a person (one
    outcome per credential they hold, none for a person who holds none)."""

    label: str
    outcomes: tuple[Outcome, ...]
    evaluated: Outcome | PersonVerdict | None
    """What the queries and plans read: the holder's outcome or the person's verdicts;
    ``None`` when nothing could be evaluated."""
    person: bool = False


_Read = Record | PersonRecord


def _credential_label(label: str, body: str, credential: str) -> str:
    what = f"{body} {credential}"
    return f"{label[:-1]}, {what})" if label.endswith(")") else f"{label} ({what})"


def _evaluate(read: _Read, as_of: Date, registry: Registry) -> Item:
    if isinstance(read, Record):
        [outcome] = evaluate_records([read], as_of=as_of, registry=registry)
        return Item(read.label, (outcome,), outcome if outcome.verdict is not None else None)
    if read.person is None:
        return Item(read.label, (Outcome(read.label, None, read.error),), None, person=True)
    evaluated = evaluate_person(read.person, as_of=as_of, registry=registry)
    outcomes = []
    for result in evaluated.outcomes:
        label = _credential_label(read.label, result.credential.body, result.credential.credential)
        error = result.error
        if isinstance(error, InvalidInput):
            error = error.in_record(label)
        outcomes.append(Outcome(label, result.verdict, error))
    return Item(read.label, tuple(outcomes), evaluated, person=True)


def _failed(label: str, error: RecertlibError, person: bool = False) -> Item:
    return Item(label, (Outcome(label, None, error),), None, person=person)


def _items(
    label: str, records: Iterator[_Read], as_of: Date, registry: Registry, person: bool
) -> Iterator[Item]:
    """Each record of ``records`` evaluated; a file-level error ends the file as one failed
    item, an unexpected exception is an internal error in its place."""
    while True:
        try:
            read = next(records)
        except StopIteration:
            return
        except InvalidInput as error:
            yield _failed(error.record or label, error, person)
            return
        except Exception as error:
            yield _failed(label, InternalError(error), person)
            return
        try:
            item = _evaluate(read, as_of, registry)
        except Exception as error:
            item = _failed(read.label, InternalError(error), isinstance(read, PersonRecord))
        yield item


def evaluate_inputs(
    inputs: Inputs,
    *,
    as_of: Date,
    registry: Registry,
    total: Callable[[int], None] | None = None,
) -> Iterator[Item]:
    """Every record of ``inputs`` evaluated on ``as_of``, one at a time, in order: the files,
    then the HR export pair. ``total`` is told how many people the pair holds, once it is
    read."""
    for path in inputs.files:
        yield from _items(path, read_records(path), as_of, registry, person=False)
    if inputs.people_csv is None or inputs.activities_csv is None:
        return
    pair = f"{inputs.people_csv} + {inputs.activities_csv}"
    export = read_hr_export(
        inputs.people_csv,
        inputs.activities_csv,
        columns=inputs.columns,
        ignore_columns=inputs.ignore_columns,
    )
    with export:
        try:
            count = export.spill()
        except InvalidInput as error:
            yield _failed(error.record or pair, error, person=True)
            return
        except Exception as error:
            yield _failed(pair, InternalError(error), person=True)
            return
        if total is not None:
            total(count)
        yield from _items(pair, export, as_of, registry, person=True)


def check_files(
    paths: Sequence[str],
    *,
    as_of: datetime.date | str | None = None,
    registry: Registry | None = None,
) -> list[Outcome]:
    """Evaluate every record of every holder or person file, in order: one outcome per holder
    record, one per credential of a person.

    A file that cannot be read, or holds no records, is one failed outcome; a record that
    cannot be evaluated is a failed outcome in its place; an unexpected exception (a bug) is
    an :class:`InternalError` outcome. None stops the others.
    """
    registry = registry or default_registry()
    # One date for the whole batch, even one that runs past midnight.
    on = pendulum.today().date() if as_of is None else to_date(as_of)
    items = evaluate_inputs(Inputs(tuple(paths)), as_of=on, registry=registry)
    return [outcome for item in items for outcome in item.outcomes]


# --- Counts and exit codes -------------------------------------------------------------------


class Counts:
    """What a run found, counted as it goes: the exit code and the closing line."""

    def __init__(self, due_days: int = DUE_SOON_DAYS) -> None:
        self.due_days = due_days
        self.records = self.usable = self.not_usable = self.due_soon = 0
        self.errors = self.internal = self.people = self.people_without = 0

    def add(self, item: Item) -> None:
        if item.person:
            self.people += 1
            if not item.outcomes:
                self.people_without += 1
        for outcome in item.outcomes:
            self.add_outcome(outcome)

    def add_outcome(self, outcome: Outcome) -> None:
        self.records += 1
        verdict = outcome.verdict
        if outcome.error is not None:
            self.errors += 1
            self.internal += isinstance(outcome.error, InternalError)
        if verdict is None:
            return
        if verdict.usable:
            self.usable += 1
        else:
            self.not_usable += 1
        if _due_soon(verdict, self.due_days) is not None:
            self.due_soon += 1

    @property
    def code(self) -> int:
        """The exit code: :data:`INTERNAL_ERROR` if any outcome is one, else
        :data:`NOT_USABLE` and :data:`BAD_INPUT` or-ed together; nothing at all to evaluate
        is bad input."""
        if not self.records and not self.people:
            return BAD_INPUT
        if self.internal:
            return INTERNAL_ERROR
        code = USABLE
        if self.errors:
            code |= BAD_INPUT
        if self.not_usable:
            code |= NOT_USABLE
        return code

    def __str__(self) -> str:
        records = _plural(self.records, "record")
        if self.people:
            without = (
                f", {self.people_without} holding no credential" if self.people_without else ""
            )
            records += f" ({_plural(self.people, 'person', 'people')}{without})"
        counted = (
            f"{records}: {self.usable} usable, {self.not_usable} not usable,"
            f" {self.due_soon} due within {_plural(self.due_days, 'day')},"
            f" {_plural(self.errors, 'error')}"
        )
        return counted + (f" ({self.internal} internal)" if self.internal else "")


def _due_soon(verdict: Any, days: int) -> Any:
    """The :func:`~recertlib.due_within` match of ``verdict``, if any; none when the window
    runs past the end of the calendar (an ``--as-of`` near 9999-12-31)."""
    try:
        return next(due_within([verdict], days), None)
    except (OverflowError, ValueError):
        return None


def _due_matches(items: list[Any], days: int) -> list[Any]:
    try:
        return list(due_within(items, days))
    except (OverflowError, ValueError):  # past the end of the calendar
        return []


def exit_code(outcomes: Sequence[Outcome]) -> int:
    """The ``check`` exit code for these outcomes: :data:`INTERNAL_ERROR` if any is one, else
    :data:`NOT_USABLE` and :data:`BAD_INPUT` or-ed together; no outcome at all is bad input."""
    counts = Counts()
    for outcome in outcomes:
        counts.add_outcome(outcome)
    return counts.code


def tally(outcomes: Sequence[Outcome], due_days: int = DUE_SOON_DAYS) -> str:
    """The count ``check`` ends with, as
    ``3 records: 1 usable, 1 not usable, 1 due within 60 days, 1 error``."""
    counts = Counts(due_days)
    for outcome in outcomes:
        counts.add_outcome(outcome)
    return str(counts)


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


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


def _report_error(outcome: Outcome, err: TextIO) -> None:
    if isinstance(outcome.error, InternalError):
        err.write(f"{outcome.label}: {outcome.error}\n  {_REPORT_HINT}\n")
        _debug(outcome.error.error, err)
    elif isinstance(outcome.error, InvalidInput) and outcome.error.record:
        err.write(f"error: {outcome.error}\n")  # it names its record already
    elif outcome.error is not None:
        err.write(f"error: {outcome.label}: {outcome.error}\n")


def _debug(error: BaseException, err: TextIO) -> None:
    if os.environ.get(DEBUG_ENV, "").strip().lower() not in {"", "0", "false", "no", "off"}:
        err.write("".join(traceback.format_exception(error)))


# --- Progress --------------------------------------------------------------------------------


class _Progress:
    """A progress bar on standard error (``tqdm``), or nothing."""

    def __init__(self, err: TextIO, *, show: bool, quiet_start: bool, out_is_tty: bool) -> None:
        self.bar: Any = None
        self.out_is_tty = out_is_tty
        if not show:
            return
        try:
            tqdm = importlib.import_module("tqdm")
        except ImportError:
            return
        self.delay = PROGRESS_DELAY if quiet_start else 0.0
        self.started = time.monotonic()
        self.bar = tqdm.tqdm(
            file=err,
            unit=" records",
            # In auto mode a short run ends before the bar would show.
            delay=self.delay,
            leave=False,
            dynamic_ncols=True,
            disable=False,
        )

    def total(self, count: int) -> None:
        if self.bar is not None:
            self.bar.total = count
            self.bar.unit = " people"
            self.bar.refresh()

    def step(self, counts: Counts) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(
                f"{counts.usable} usable, {counts.not_usable} not usable,"
                f" {counts.due_soon} due soon, {counts.errors} errors",
                refresh=False,
            )
            self.bar.update(1)

    @contextmanager
    def writing(self, out: TextIO, *, shared: bool = False) -> Iterator[None]:
        """Keeps the bar off a line written to ``out``, when that is the bar's own stream
        (``shared``) or the terminal the bar is on."""
        if self.bar is None or not (shared or self.out_is_tty):
            yield
            return
        self.bar.clear()
        yield
        out.flush()
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            if time.monotonic() - self.started >= self.delay:
                self.bar.refresh()  # the last state, however fast the run
            self.bar.close()
            self.bar = None


def _progress_mode(option: str | None, err: TextIO) -> str:
    if option is not None:
        return option
    mode = os.environ.get(PROGRESS_ENV, "").strip().lower() or "auto"
    if mode not in PROGRESS_MODES:
        err.write(
            f"warning: {PROGRESS_ENV}={mode!r} is none of {', '.join(PROGRESS_MODES)};"
            " taken as auto\n"
        )
        mode = "auto"
    return mode


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


@frozen
class _Streams:
    out: TextIO
    err: TextIO
    out_is_tty: bool = False
    err_is_tty: bool = False


# --- The command line ------------------------------------------------------------------------


def _epilog() -> str:
    rows = "\n".join(f"  {code:>3}  {meaning}" for code, meaning in EXIT_CODES.items())
    return (
        f"exit codes of check, plan and due (1 and 2 are bit flags; 3 is both):\n{rows}\n"
        "credentials exits 0, or 2 when a plugin failed to load.\n"
        "check, plan and due end by counting on standard error: records, usable, not usable,\n"
        "due soon, errors; on a terminal a long run shows a progress bar (with tqdm installed;\n"
        f"--progress or {PROGRESS_ENV}=auto|always|never)."
    )


class _Parser(argparse.ArgumentParser):
    """argparse, writing to the streams ``main`` was given and never exiting the process."""

    out: TextIO = sys.stdout
    err: TextIO = sys.stderr
    subcommands: dict[str, _Parser]

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


def _column(text: str) -> tuple[str, str]:
    name, equals, header = text.partition("=")
    if not equals or not name.strip() or not header.strip():
        raise argparse.ArgumentTypeError(
            f"expected NAME=HEADER, as 'person_id=Employee ID': {text!r}"
        )
    return name.strip(), header


def _days(text: str) -> int:
    try:
        days = int(text.strip(), 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of days, got {text!r}") from None
    if days < 0:
        raise argparse.ArgumentTypeError(f"expected a number of days from 0, got {days}")
    return days


def _alarms(text: str) -> tuple[int, ...]:
    if text.strip().lower() in {"", "none"}:
        return ()
    return tuple(_days(part) for part in text.split(","))


def _input_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="a holder or person file: JSON, or JSON Lines (.jsonl); - is standard input",
    )
    pair = command.add_argument_group("an HR export pair (a people CSV and an activities CSV)")
    pair.add_argument("--people-csv", metavar="FILE", help="one row per credential a person holds")
    pair.add_argument("--activities-csv", metavar="FILE", help="one row per activity")
    pair.add_argument(
        "--column",
        action="append",
        type=_column,
        default=[],
        metavar="NAME=HEADER",
        help="the header of recertlib's column NAME in the files, as 'person_id=Employee ID'"
        " (activities.NAME=... or people.NAME=... for one file only); repeatable",
    )
    pair.add_argument(
        "--ignore-column",
        action="append",
        default=[],
        metavar="HEADER",
        help="a column of the files to ignore; repeatable",
    )
    command.add_argument(
        "--as-of", metavar="DATE", help="the evaluation date, YYYY-MM-DD (default: today)"
    )
    command.add_argument(
        "--tz",
        metavar="ZONE",
        help="the time zone 'today' is taken in, as America/Chicago (default: the machine's)",
    )
    command.add_argument(
        "--progress",
        choices=PROGRESS_MODES,
        help=f"show a progress bar on standard error (default: ${PROGRESS_ENV}, else auto:"
        " when it is a terminal)",
    )


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

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name, help=help, epilog=_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter
        )

    check = command("check", "evaluate holder and person files, and HR exports")
    _input_options(check)
    check.add_argument(
        "--json",
        action="store_true",
        help="print a list of outcomes as JSON (see: recertlib schema)",
    )

    plan = command("plan", "the dated actions that keep everyone's credentials usable")
    _input_options(plan)
    plan.add_argument(
        "--format",
        choices=("text", "json", "ics"),
        default="text",
        help="text (default), json, or ics: an iCalendar file (needs recertlib[ics])",
    )
    plan.add_argument(
        "--alarms",
        type=_alarms,
        default=(90, 30, 7),
        metavar="DAYS",
        help="the calendar's reminders, in days before each action, as 90,30,7 (the default);"
        " none for no reminders",
    )
    plan.add_argument(
        "--output", metavar="FILE", help="write the plan to FILE (default: standard output)"
    )

    due = command("due", "who is not usable, who has something due soon, who can recertify now")
    _input_options(due)
    due.add_argument(
        "--within",
        type=_days,
        required=True,
        metavar="DAYS",
        help="list the expiries and deadlines within DAYS days of the date",
    )
    due.add_argument("--json", action="store_true", help="print what was found as JSON")

    commands.add_parser("schema", help="print the JSON Schema of check --json")
    parser.subcommands = {}
    for name, sub in commands.choices.items():
        assert isinstance(sub, _Parser)
        sub.out, sub.err = out, err
        parser.subcommands[name] = sub
    return parser


def _inputs(arguments: argparse.Namespace, parser: argparse.ArgumentParser) -> Inputs:
    pair = (arguments.people_csv, arguments.activities_csv)
    if (pair[0] is None) != (pair[1] is None):
        parser.error("--people-csv and --activities-csv go together: give both or neither")
    if not arguments.files and pair[0] is None:
        parser.error(
            "the following arguments are required: FILE (or --people-csv FILE --activities-csv"
            " FILE)"
        )
    if pair[0] is None and (arguments.column or arguments.ignore_column):
        parser.error("--column and --ignore-column describe the HR export pair: give it too")
    return Inputs(
        tuple(arguments.files),
        arguments.people_csv,
        arguments.activities_csv,
        dict(arguments.column),
        tuple(arguments.ignore_column),
    )


def _date(arguments: argparse.Namespace, err: TextIO) -> Date | None:
    """The run's date, or ``None`` once a bad ``--tz`` or ``--as-of`` is reported."""
    try:
        today = evaluation_date(None, tz=arguments.tz)
    except (ValueError, TypeError, LookupError, OSError, OverflowError) as error:
        message = str(error) if arguments.tz else f"the machine's time zone: {error}"
        err.write(
            f"error: --tz: {message}; expected an IANA time zone name, as America/Chicago or"
            " Europe/Paris\n"
        )
        return None
    if arguments.as_of is None:
        return today
    try:
        return to_date(arguments.as_of)
    except (RecertlibError, TypeError, ValueError, OverflowError) as error:
        err.write(f"error: --as-of: {error}\n")
        return None


def _check_pair(inputs: Inputs, err: TextIO) -> bool:
    """Whether the HR export pair's column mapping is good; every problem is reported."""
    if inputs.people_csv is None or inputs.activities_csv is None:
        return True
    try:
        read_hr_export(
            inputs.people_csv,
            inputs.activities_csv,
            columns=inputs.columns,
            ignore_columns=inputs.ignore_columns,
        ).close()
    except InvalidInput as error:
        for problem in error.problems:
            err.write(f"error: --column: {problem}\n")
        return False
    return True


def _run_items(
    inputs: Inputs,
    arguments: argparse.Namespace,
    streams: _Streams,
    as_of: Date,
    registry: Registry,
    counts: Counts,
    each: Callable[[Item], None],
) -> None:
    """Evaluate every input, give each item to ``each``, report each error on standard error
    and count."""
    mode = _progress_mode(arguments.progress, streams.err)
    show = mode == "always" or (mode == "auto" and streams.err_is_tty)
    progress = _Progress(
        streams.err, show=show, quiet_start=mode == "auto", out_is_tty=streams.out_is_tty
    )
    if show and progress.bar is None and mode == "always":
        streams.err.write(f"warning: no progress bar without tqdm: {_PROGRESS_HINT}\n")
    total = progress.total if not inputs.files else None
    try:
        for item in evaluate_inputs(inputs, as_of=as_of, registry=registry, total=total):
            counts.add(item)
            with progress.writing(streams.out):
                each(item)
            failed = [outcome for outcome in item.outcomes if outcome.error is not None]
            if failed:
                streams.out.flush()  # what came before it is shown before it
                with progress.writing(streams.err, shared=True):
                    for outcome in failed:
                        _report_error(outcome, streams.err)
            progress.step(counts)
    finally:
        progress.close()


def _close(streams: _Streams, counts: Counts) -> int:
    """The closing count, after the output; the exit code."""
    streams.out.flush()
    streams.err.write(f"{counts}\n")
    return counts.code


def _check(
    arguments: argparse.Namespace,
    streams: _Streams,
    inputs: Inputs,
    as_of: Date,
    registry: Registry,
) -> int:
    out = streams.out
    counts = Counts()
    first = True

    def each(item: Item) -> None:
        nonlocal first
        for outcome in item.outcomes:
            if arguments.json:
                text = json.dumps(outcome_json(outcome), indent=2).replace("\n", "\n  ")
                out.write(f"{'[' if first else ','}\n  {text}")
                first = False
            elif outcome.verdict is not None:
                if not first:
                    out.write("\n")  # a blank line between reports
                out.write(render_verdict(outcome.verdict) + "\n")
                first = False

    _run_items(inputs, arguments, streams, as_of, registry, counts, each)
    if arguments.json:
        out.write("[]\n" if first else "\n]\n")
    return _close(streams, counts)


def _plan(
    arguments: argparse.Namespace,
    streams: _Streams,
    inputs: Inputs,
    as_of: Date,
    registry: Registry,
) -> int:
    if arguments.format == "ics":
        try:
            importlib.import_module("icalendar")
        except ImportError:
            streams.err.write(f"error: --format ics needs the icalendar package: {_ICS_HINT}\n")
            return BAD_INPUT
    counts = Counts()
    actions: list[Action] = []

    def each(item: Item) -> None:
        if item.evaluated is not None:
            actions.extend(plan_for(item.evaluated, as_of=as_of).actions)

    _run_items(inputs, arguments, streams, as_of, registry, counts, each)
    actions.sort(key=_order)
    plan = Plan(as_of, tuple(actions))
    if arguments.format == "ics":
        from recertlib.calendar import to_ics

        text = to_ics(_encodable(plan), alarms_days=arguments.alarms).decode("utf-8")
    elif arguments.format == "json":
        text = json.dumps(unstructure(plan), indent=2) + "\n"
    else:
        text = render_plan(plan) + "\n"
    if arguments.output is None:
        streams.out.write(text)
    elif not _write_file(arguments.output, text, streams.err):
        return OUTPUT_ERROR
    return _close(streams, counts)


def _escaped(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _encodable(plan: Plan) -> Plan:
    """``plan`` with every text UTF-8 can encode: a lone surrogate (from a JSON escape in a
    name) is written as a backslash escape, as everywhere else the command prints."""
    actions = tuple(
        attrs.evolve(
            action,
            title=_escaped(action.title),
            credential=_escaped(action.credential),
            holder=_escaped(action.holder),
            pathway=None if action.pathway is None else _escaped(action.pathway),
            detail=_escaped(action.detail),
        )
        for action in plan.actions
    )
    return Plan(plan.as_of, actions)


def _write_file(path: str, text: str, err: TextIO) -> bool:
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


def _found(
    item: Item, match_holder: str, credential: str, due_on: Date | None, reason: str
) -> Found:
    label = item.label
    for outcome in item.outcomes:
        if outcome.verdict is not None and (
            f"{outcome.verdict.credential.body} {outcome.verdict.credential.credential}"
            == credential
        ):
            label = outcome.label
            break
    name = None
    if isinstance(item.evaluated, PersonVerdict):
        name = item.evaluated.person.name or None
    return Found(label, match_holder, name, credential, due_on, reason)


def _due(
    arguments: argparse.Namespace,
    streams: _Streams,
    inputs: Inputs,
    as_of: Date,
    registry: Registry,
) -> int:
    days: int = arguments.within
    counts = Counts(days)
    found: dict[str, list[Found]] = {query: [] for query in QUERY_TITLES}
    errors: list[dict[str, Any]] = []
    queries: dict[str, Callable[[list[Any]], Iterable[Any]]] = {
        "not_usable": not_usable,
        "due_within": lambda items: _due_matches(items, days),
        "can_recertify_now": can_recertify_now,
    }

    def each(item: Item) -> None:
        if arguments.json:
            errors.extend(outcome_json(o) for o in item.outcomes if o.error is not None)
        if item.evaluated is None:
            return
        for query, ask in queries.items():
            for match in ask([item.evaluated]):
                found[query].append(
                    _found(item, match.holder, match.credential, match.due_on, match.reason)
                )

    _run_items(inputs, arguments, streams, as_of, registry, counts, each)
    if arguments.json:
        data = {
            "as_of": str(as_of),
            "within_days": days,
            **{query: [_found_json(f) for f in matches] for query, matches in found.items()},
            "errors": errors,
        }
        streams.out.write(json.dumps(data, indent=2) + "\n")
    else:
        streams.out.write(render_found(as_of, days, found) + "\n")
    return _close(streams, counts)


def _found_json(found: Found) -> dict[str, Any]:
    return {
        "record": found.record,
        "holder": found.holder,
        "name": found.name,
        "credential": found.credential,
        "due_on": None if found.due_on is None else str(found.due_on),
        "reason": found.reason,
    }


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


_COMMANDS = {"check": _check, "plan": _plan, "due": _due}


def _run(argv: Sequence[str] | None, streams: _Streams) -> int:
    out, err = streams.out, streams.err
    parser = _parser(out, err)
    try:
        arguments = parser.parse_args(argv)
        inputs = (
            _inputs(arguments, parser.subcommands[arguments.command])
            if arguments.command in _COMMANDS
            else Inputs()
        )
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
    as_of = _date(arguments, err)
    if as_of is None or not _check_pair(inputs, err):
        return BAD_INPUT
    return _COMMANDS[arguments.command](arguments, streams, inputs, as_of, registry)


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
    streams = _Streams(guarded_out, guarded_err, _isatty(out), _isatty(err))
    try:
        code = _run(argv, streams)
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
