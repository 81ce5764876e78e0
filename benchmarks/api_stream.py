"""Evaluate every holder of a JSON Lines file through recertlib's API, streamed, writing each
full verdict as JSON to the null device: the process whose peak memory the benchmark's memory
section measures against the command line's.

    python benchmarks/api_stream.py FILE [--as-of YYYY-MM-DD]

Prints one JSON line: the number of holders evaluated, of errors, and the peak resident set.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import sys
from pathlib import Path

import library


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--as-of", type=datetime.date.fromisoformat, required=True)
    arguments = parser.parse_args(argv)
    registry = library.registry()
    holders = errors = 0
    with open(os.devnull, "w", encoding="utf-8") as out:
        for outcome in library.outcomes(arguments.file, registry, arguments.as_of):
            holders += 1
            if outcome.value is None:
                errors += 1
            else:
                out.write(json.dumps(library.unstructure(outcome.value)) + "\n")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"holders": holders, "errors": errors, "maxrss_kb": peak}))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
