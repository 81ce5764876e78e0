"""recertlib plugin for the National Healthcareer Association (NHA)."""

from collections.abc import Callable

from recertlib.plugins import hookimpl
from recertlib.rules import CredentialSpec
from recertlib_nha.ccma import CCMA


@hookimpl
def register_credentials(register: Callable[[CredentialSpec], None]) -> None:
    """Register the CCMA credential."""
    register(CCMA)


__all__ = ["CCMA", "register_credentials"]
