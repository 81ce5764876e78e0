"""recertlib plugin for the California Board of Registered Nursing (BRN)."""

from collections.abc import Callable

from recertlib.plugins import hookimpl
from recertlib.rules import CredentialSpec
from recertlib_ca_brn.rn import RN


@hookimpl
def register_credentials(register: Callable[[CredentialSpec], None]) -> None:
    """Register the California RN licence."""
    register(RN)


__all__ = ["RN", "register_credentials"]
