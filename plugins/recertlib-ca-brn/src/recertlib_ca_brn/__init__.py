"""recertlib plugin for the California Board of Registered Nursing (BRN)."""

from collections.abc import Callable

import recertlib
from recertlib_ca_brn.rn import RN


@recertlib.hookimpl
def register_credentials(register: Callable[[recertlib.CredentialSpec], None]) -> None:
    """Register the California RN licence."""
    register(RN)


__all__ = ["RN", "register_credentials"]
