"""recertlib plugin for the National Healthcareer Association (NHA)."""

from collections.abc import Callable

import recertlib
from recertlib_nha.ccma import CCMA


@recertlib.hookimpl
def register_credentials(register: Callable[[recertlib.CredentialSpec], None]) -> None:
    """Register the CCMA credential."""
    register(CCMA)


__all__ = ["CCMA", "register_credentials"]
