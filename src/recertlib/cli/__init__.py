"""The ``recertlib`` command: list the installed credentials; check, plan and query holder
files, person files and HR exports; print the JSON Schema of ``check --json``; make a new
plugin's distribution from a template.

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
from the list); ``schema`` exits 0; ``new-plugin`` exits 0, or 2 when it wrote nothing (a bad
name, or a folder that exists).

Inputs are read one record at a time and each is evaluated, reported and let go before the
next is read (a JSON document is parsed whole; JSON Lines and the HR export pair are
streamed), so that a file of a million people runs in bounded memory.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO, cast

from recertlib.cli.arguments import ParserExit, build_parser, columns_found, named_inputs, run_date
from recertlib.cli.exit_codes import (
    BAD_INPUT,
    EXIT_CODES,
    INTERNAL_ERROR,
    INTERRUPTED,
    NOT_USABLE,
    OUTPUT_ERROR,
    USABLE,
)
from recertlib.cli.output import (
    DEBUG_ENV,
    REPORT_HINT,
    GuardedStream,
    OutputError,
    Streams,
    forgive_encoding,
    isatty,
    show_traceback,
    silence_stdout,
    write_quietly,
)
from recertlib.cli.progress_bar import PROGRESS_DELAY, PROGRESS_ENV, PROGRESS_MODES
from recertlib.errors import RecertlibError

if TYPE_CHECKING:
    from recertlib.cli.counts import DUE_SOON_DAYS, Counts, exit_code, tally
    from recertlib.cli.inputs import Inputs, InternalError, check_files, evaluate_inputs

# The names below come from the modules that evaluate, loaded on first use: the command line
# needs none of them to parse its arguments or print its help.
_LAZY = {
    "DUE_SOON_DAYS": "recertlib.cli.counts",
    "Counts": "recertlib.cli.counts",
    "exit_code": "recertlib.cli.counts",
    "tally": "recertlib.cli.counts",
    "Inputs": "recertlib.cli.inputs",
    "InternalError": "recertlib.cli.inputs",
    "check_files": "recertlib.cli.inputs",
    "evaluate_inputs": "recertlib.cli.inputs",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BAD_INPUT",
    "DEBUG_ENV",
    "DUE_SOON_DAYS",
    "EXIT_CODES",
    "INTERNAL_ERROR",
    "INTERRUPTED",
    "NOT_USABLE",
    "OUTPUT_ERROR",
    "PROGRESS_DELAY",
    "PROGRESS_ENV",
    "PROGRESS_MODES",
    "USABLE",
    "Counts",
    "Inputs",
    "InternalError",
    "check_files",
    "evaluate_inputs",
    "exit_code",
    "main",
    "tally",
]

_EVALUATING_COMMANDS = ("check", "plan", "due")


def _command(name: str) -> Any:
    return importlib.import_module(f"recertlib.cli.{name}")


def _run(argv: Sequence[str] | None, streams: Streams) -> int:
    out, err = streams.out, streams.err
    parser = build_parser(out, err)
    try:
        arguments = parser.parse_args(argv)
        inputs = (
            named_inputs(arguments, parser.subcommands[arguments.command])
            if arguments.command in _EVALUATING_COMMANDS
            else None
        )
    except ParserExit as exit:
        return exit.code
    if arguments.command == "schema":
        return int(_command("schema").run(out, compact=arguments.compact))
    if arguments.command == "new-plugin":
        return int(_command("new_plugin").run(arguments, out, err))
    from recertlib.cli.plugins import load_registry

    try:
        registry = load_registry(err)
    except RecertlibError as error:
        err.write(f"error: {error}\n")
        return BAD_INPUT
    if arguments.command == "credentials":
        return int(_command("credentials").run(arguments, out, err, registry))
    for failure in registry.failures:
        err.write(f"warning: {failure}; its credentials are not available\n")
    for contest in registry.contested:
        err.write(f"warning: {contest}\n")
    as_of = run_date(arguments, err)
    assert inputs is not None
    if as_of is None or not columns_found(inputs, err):
        return BAD_INPUT
    run = _command(arguments.command).run
    return int(run(arguments, streams, inputs, as_of, registry))


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; return its exit code (see :data:`EXIT_CODES`).

    Nothing escapes as a traceback: bad input is reported and exits 2, an unexpected
    exception prints ``internal error: ...`` with a hint to report it and exits 70.
    """
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    forgive_encoding(out)
    forgive_encoding(err)
    guarded_out, guarded_err = cast(TextIO, GuardedStream(out)), cast(TextIO, GuardedStream(err))
    streams = Streams(guarded_out, guarded_err, isatty(out), isatty(err))
    try:
        # Standard output is the command's own: whatever a plugin prints (while it is
        # imported, registers or evaluates) goes to standard error, never into --json output.
        with contextlib.redirect_stdout(err):
            code = _run(argv, streams)
        guarded_out.flush()
    except KeyboardInterrupt:
        write_quietly(err, "interrupted\n")
        return INTERRUPTED
    except OutputError as error:
        cause = error.__cause__
        if out is sys.stdout:
            silence_stdout()
        if not isinstance(cause, BrokenPipeError):
            write_quietly(err, f"error: cannot write the output: {cause}\n")
        return OUTPUT_ERROR
    except (Exception, SystemExit) as error:  # the last resort: never a traceback
        write_quietly(err, f"internal error: {type(error).__name__}: {error}\n  {REPORT_HINT}\n")
        show_traceback(error, err)
        return INTERNAL_ERROR
    return code
