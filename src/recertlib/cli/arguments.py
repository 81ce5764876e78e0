"""The command line: its grammar and help, and what its arguments mean (the inputs, the date);
a bad one is reported, never raised."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from recertlib.cli import new_plugin
from recertlib.cli.exit_codes import EXIT_CODES
from recertlib.cli.progress_bar import PROGRESS_ENV, PROGRESS_MODES
from recertlib.errors import InvalidInput, RecertlibError

# What evaluates is loaded only once a command runs, so that --help and a bad command line
# answer at once.
if TYPE_CHECKING:
    from recertlib.cli.inputs import Inputs
    from recertlib.quantities.dates import Date


def _epilog() -> str:
    rows = "\n".join(f"  {code:>3}  {meaning}" for code, meaning in EXIT_CODES.items())
    return (
        f"exit codes of check, plan and due (1 and 2 are bit flags; 3 is both):\n{rows}\n"
        "credentials exits 0, or 2 when a plugin failed to load; new-plugin exits 0, or 2 when\n"
        "it wrote nothing.\n"
        "check, plan and due end by counting on standard error: records, usable, not usable,\n"
        "due soon, errors; on a terminal a long run shows a progress bar (with tqdm installed;\n"
        f"--progress or {PROGRESS_ENV}=auto|always|never)."
    )


class Parser(argparse.ArgumentParser):
    """argparse, writing to the streams ``main`` was given and never exiting the process."""

    out: TextIO = sys.stdout
    err: TextIO = sys.stderr
    subcommands: dict[str, Parser]

    def _print_message(self, message: str, file: object = None) -> None:
        if message:
            (self.err if file is sys.stderr else self.out).write(message)

    def print_help(self, file: object = None) -> None:
        # argparse would look up sys.stdout, which main points at standard error while it
        # runs (a plugin's prints must stay out of the output): help goes to the output.
        self._print_message(self.format_help(), self.out if file is None else file)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            self.err.write(message)
        raise ParserExit(status)


class ParserExit(Exception):
    """The command line was bad, or asked only for help or the version: exit with ``code``."""

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


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes, 1 or more: {text!r}")
    return jobs


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
        "--mapping",
        metavar="FILE",
        help="a TOML file that says how the pair is laid out: its headers, what its codes stand"
        " for, the columns to keep (see the docs' HR data page); --column flags win over it",
    )
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
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="evaluate in N worker processes (default: 1, this one); the output is the same",
    )
    command.add_argument(
        "--progress",
        choices=PROGRESS_MODES,
        help=f"show a progress bar on standard error (default: ${PROGRESS_ENV}, else auto:"
        " when it is a terminal)",
    )


def build_parser(out: TextIO, err: TextIO) -> Parser:
    parser = Parser(
        prog="recertlib",
        description="Is a credential current, can its holder recertify, by which path, by when?",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.out, parser.err = out, err
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    credentials = commands.add_parser("credentials", help="list every installed credential")
    credentials.add_argument("--json", action="store_true", help="print the rules as JSON")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name, help=help, epilog=_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter
        )

    check = command("check", "evaluate holder and person files, and HR exports")
    _input_options(check)
    output = check.add_mutually_exclusive_group()
    output.add_argument(
        "--json",
        action="store_true",
        help="print a list of outcomes as JSON (see: recertlib schema)",
    )
    output.add_argument(
        "--compact",
        action="store_true",
        help="print a list of compact outcomes as JSON, for a dashboard: status, usable, expiry,"
        " the pathway to follow, its next date and shortfalls (see: recertlib schema --compact)",
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
    plan.add_argument(
        "--by",
        metavar="ATTRIBUTE",
        help="with --format ics and --output FOLDER: one calendar per value of a person's"
        " attribute (a column kept from an HR export, such as manager), written into FOLDER",
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

    schema = commands.add_parser("schema", help="print the JSON Schema of check --json")
    schema.add_argument(
        "--compact", action="store_true", help="the schema of check --compact instead"
    )
    new_plugin.add_arguments(
        commands.add_parser(
            "new-plugin", help="make a plugin distribution for a certifying body, ready to fill in"
        )
    )
    parser.subcommands = {}
    for name, sub in commands.choices.items():
        assert isinstance(sub, Parser)
        sub.out, sub.err = out, err
        parser.subcommands[name] = sub
    return parser


class _Version(argparse.Action):
    # The installed version, looked up only when asked for.
    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        from importlib.metadata import version

        out = parser.out if isinstance(parser, Parser) else sys.stdout
        parser._print_message(f"{parser.prog} {version('recertlib')}\n", out)
        parser.exit()


def named_inputs(arguments: argparse.Namespace, parser: argparse.ArgumentParser) -> Inputs:
    """The inputs the arguments name; a bad combination is a command-line error."""
    from recertlib.cli.inputs import Inputs

    pair = (arguments.people_csv, arguments.activities_csv)
    if (pair[0] is None) != (pair[1] is None):
        parser.error("--people-csv and --activities-csv go together: give both or neither")
    if not arguments.files and pair[0] is None:
        parser.error(
            "the following arguments are required: FILE (or --people-csv FILE --activities-csv"
            " FILE)"
        )
    if pair[0] is None and (arguments.column or arguments.ignore_column or arguments.mapping):
        parser.error(
            "--mapping, --column and --ignore-column describe the HR export pair: give it too"
        )
    return Inputs(
        tuple(arguments.files),
        arguments.people_csv,
        arguments.activities_csv,
        dict(arguments.column),
        tuple(arguments.ignore_column),
        arguments.mapping,
    )


def run_date(arguments: argparse.Namespace, err: TextIO) -> Date | None:
    """The run's date, or ``None`` once a bad ``--tz`` or ``--as-of`` is reported."""
    from recertlib.quantities.dates import evaluation_date, to_date

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


def columns_found(inputs: Inputs, err: TextIO) -> bool:
    """Whether the HR export pair's mapping (``--mapping``, ``--column``) is good; every
    problem is reported."""
    if inputs.people_csv is None or inputs.activities_csv is None:
        return True
    from recertlib.io import read_hr_export

    try:
        read_hr_export(
            inputs.people_csv,
            inputs.activities_csv,
            mapping=inputs.mapping,
            columns=inputs.columns,
            ignore_columns=inputs.ignore_columns,
        ).close()
    except InvalidInput as error:
        option = "--column" if error.record == "mapping" else f"--mapping {error.record}"
        for problem in error.problems:
            err.write(f"error: {option}: {problem}\n")
        return False
    return True
