"""recertlib plugin for American Medical Technologists (AMT)."""

from collections.abc import Callable

from recertlib.plugins import hookimpl
from recertlib.rules import CredentialSpec
from recertlib_amt.rma import RMA


@hookimpl
def register_credentials(register: Callable[[CredentialSpec], None]) -> None:
    """Register the RMA credential."""
    register(RMA)


__all__ = ["RMA", "register_credentials"]
