"""recertlib plugin for the National Commission on Certification of Physician Assistants
(NCCPA)."""

from collections.abc import Callable

import recertlib
from recertlib_nccpa.pa_c import PA_C


@recertlib.hookimpl
def register_credentials(register: Callable[[recertlib.CredentialSpec], None]) -> None:
    """Register the PA-C credential."""
    register(PA_C)


__all__ = ["PA_C", "register_credentials"]
