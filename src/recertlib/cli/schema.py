"""``recertlib schema``: the JSON Schema of what ``check --json`` (or ``check --compact``)
prints."""

from __future__ import annotations

import json
from typing import TextIO

from recertlib.cli.exit_codes import USABLE
from recertlib.io.outcomes import outcomes_schema


def run(out: TextIO, *, compact: bool = False) -> int:
    json.dump(outcomes_schema(compact=compact), out, indent=2)
    out.write("\n")
    return USABLE
