"""The ``recertlib`` command: list the installed credentials, check holder files.

Exit codes of ``check``: 0 when every credential checked is usable on the date, 1 when one is
not, 2 for bad input (an unreadable file, a bad record, an unknown credential, a broken plugin).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from importlib.metadata import version
from typing import Any, TextIO

from recertlib.batch import Outcome, Record, evaluate_records, read_holders
from recertlib.dates import to_date
from recertlib.errors import InvalidInput, RecertlibError
from recertlib.registry import Registry, default_registry
from recertlib.render import render_credentials, render_verdict
from recertlib.serialize import unstructure

USABLE, NOT_USABLE, BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="recertlib",
        description="Is a credential current, can its holder recertify, by which path, by when?",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version('recertlib')}")
    commands = parser.add_subparsers(dest="command", required=True)

    credentials = commands.add_parser("credentials", help="list every installed credential")
    credentials.add_argument("--json", action="store_true", help="print the rules as JSON")

    check = commands.add_parser("check", help="evaluate holder files")
    check.add_argument("files", nargs="+", metavar="FILE", help="a holder file (JSON)")
    check.add_argument(
        "--as-of", metavar="DATE", help="the evaluation date, YYYY-MM-DD (default: today)"
    )
    check.add_argument("--json", action="store_true", help="print the verdicts as JSON")
    return parser


def exit_code(outcomes: Sequence[Outcome]) -> int:
    """The ``check`` exit code for these outcomes."""
    if any(outcome.error is not None for outcome in outcomes):
        return BAD_INPUT
    if all(outcome.verdict is not None and outcome.verdict.usable for outcome in outcomes):
        return USABLE
    return NOT_USABLE


def check_files(
    paths: Sequence[str], *, as_of: str | None = None, registry: Registry | None = None
) -> list[Outcome]:
    """Evaluate every record of every holder file; an unreadable file is one failed outcome."""
    records: list[Record] = []
    for path in paths:
        try:
            records.extend(read_holders(path))
        except InvalidInput as error:
            records.append(Record(path, None, error))
    return list(evaluate_records(records, as_of=as_of, registry=registry))


def _outcome_json(outcome: Outcome) -> dict[str, Any]:
    if outcome.verdict is not None:
        return {"record": outcome.label, "verdict": unstructure(outcome.verdict)}
    assert outcome.error is not None
    error: dict[str, Any] = {"type": type(outcome.error).__name__, "message": str(outcome.error)}
    if isinstance(outcome.error, InvalidInput):
        error["problems"] = [
            {"path": problem.path, "value": repr(problem.value), "message": problem.message}
            for problem in outcome.error.problems
        ]
    return {"record": outcome.label, "error": error}


def _print_outcomes(outcomes: Sequence[Outcome], as_json: bool, out: TextIO, err: TextIO) -> None:
    verdicts = [outcome.verdict for outcome in outcomes if outcome.verdict is not None]
    if as_json:
        # One holder's verdict is printed as itself; several, as a list of records.
        data: Any = (
            unstructure(verdicts[0])
            if len(outcomes) == 1 and verdicts
            else [_outcome_json(outcome) for outcome in outcomes]
        )
        json.dump(data, out, indent=2)
        out.write("\n")
    elif verdicts:
        out.write("\n\n".join(render_verdict(verdict) for verdict in verdicts) + "\n")
    for outcome in outcomes:
        if isinstance(outcome.error, InvalidInput):
            err.write(f"error: {outcome.error}\n")  # it names its record already
        elif outcome.error is not None:
            err.write(f"error: {outcome.label}: {outcome.error}\n")


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; return its exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    arguments = _parser().parse_args(argv)
    try:
        registry = default_registry()
        if arguments.command == "credentials":
            if arguments.json:
                json.dump(unstructure(list(registry.credentials())), out, indent=2)
                out.write("\n")
            else:
                out.write(render_credentials(registry) + "\n")
            return USABLE
    except RecertlibError as error:
        err.write(f"error: {error}\n")
        return BAD_INPUT
    try:
        as_of = None if arguments.as_of is None else to_date(arguments.as_of).isoformat()
    except (TypeError, ValueError) as error:
        err.write(f"error: --as-of: {error}\n")
        return BAD_INPUT
    outcomes = check_files(arguments.files, as_of=as_of, registry=registry)
    _print_outcomes(outcomes, arguments.json, out, err)
    return exit_code(outcomes)


if __name__ == "__main__":
    sys.exit(main())
