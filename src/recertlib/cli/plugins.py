"""Loading the installed plugins, with their trace shown on standard error."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from recertlib.plugins.registry import Registry, default_registry


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


def load_registry(err: TextIO) -> Registry:
    with _plugin_log(err):
        return default_registry()
