"""recertlib plugin for the National Registry of Emergency Medical Technicians (NREMT)."""

from collections.abc import Callable

import recertlib
from recertlib_nremt.emt import EMT, build_emt


@recertlib.hookimpl
def register_credentials(register: Callable[[recertlib.CredentialSpec], None]) -> None:
    """Register the NREMT EMT credential."""
    register(EMT)


__all__ = ["EMT", "build_emt", "register_credentials"]
