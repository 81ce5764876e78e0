"""recertlib plugin for the National Commission on Certification of Physician Assistants
(NCCPA)."""

from collections.abc import Callable

from recertlib.plugins import hookimpl
from recertlib.rules import CredentialSpec
from recertlib_nccpa.pa_c import PA_C


@hookimpl
def register_credentials(register: Callable[[CredentialSpec], None]) -> None:
    """Register the PA-C credential."""
    register(PA_C)


__all__ = ["PA_C", "register_credentials"]
