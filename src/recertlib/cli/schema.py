"""``recertlib schema``: the JSON Schema of what ``check --json`` prints."""

from __future__ import annotations

import json
from typing import TextIO

from recertlib.cli.exit_codes import USABLE
from recertlib.io.outcomes import outcomes_schema


def run(out: TextIO) -> int:
    json.dump(outcomes_schema(), out, indent=2)
    out.write("\n")
    return USABLE
