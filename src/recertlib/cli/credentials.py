"""``recertlib credentials``: every installed credential, as text or ``--json`` rules."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from recertlib.cli.exit_codes import BAD_INPUT, USABLE
from recertlib.io.converter import unstructure
from recertlib.plugins.registry import Registry
from recertlib.results.render import render_credentials


def run(arguments: argparse.Namespace, out: TextIO, err: TextIO, registry: Registry) -> int:
    if arguments.json:
        json.dump(unstructure(list(registry.credentials())), out, indent=2)
        out.write("\n")
    else:
        out.write(render_credentials(registry) + "\n")
    for failure in registry.failures:
        err.write(f"error: {failure}; its credentials are not listed\n")
    for contest in registry.contested:
        err.write(f"error: {contest}; it is not listed\n")
    return BAD_INPUT if registry.failures or registry.contested else USABLE
