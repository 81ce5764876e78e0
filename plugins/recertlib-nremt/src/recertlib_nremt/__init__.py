"""recertlib plugin for the National Registry of Emergency Medical Technicians (NREMT)."""

from collections.abc import Callable

from recertlib.plugins import hookimpl
from recertlib.rules import CredentialSpec
from recertlib_nremt.emt import EMT, build_emt


@hookimpl
def register_credentials(register: Callable[[CredentialSpec], None]) -> None:
    """Register the NREMT EMT credential."""
    register(EMT)


__all__ = ["EMT", "build_emt", "register_credentials"]
