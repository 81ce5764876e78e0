"""recertlib plugin for American Medical Technologists (AMT)."""

from collections.abc import Callable

import recertlib
from recertlib_amt.rma import RMA


@recertlib.hookimpl
def register_credentials(register: Callable[[recertlib.CredentialSpec], None]) -> None:
    """Register the RMA credential."""
    register(RMA)


__all__ = ["RMA", "register_credentials"]
