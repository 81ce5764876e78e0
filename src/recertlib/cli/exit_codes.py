"""The codes the command exits with, and what each means (the table is in the docstring of
:mod:`recertlib.cli`)."""

from __future__ import annotations

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
