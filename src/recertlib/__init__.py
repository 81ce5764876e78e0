"""recertlib: is this credential current, can its holder recertify, by which path, by when, and
what is still missing?

This is the application's API: evaluate credentials and people, read them from files, and act on
the verdicts. Plugin authors import the rules vocabulary from :mod:`recertlib.rules` and the
hook marker from :mod:`recertlib.plugins`. The core knows no certifying body: each is a plugin
that registers its credentials' rules through the ``recertlib`` entry-point group.

The names below are imported on first use, so that ``import recertlib`` costs little.
"""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recertlib.engine import evaluate, evaluate_records
    from recertlib.errors import InvalidInput, MissingFact, RecertlibError, UnknownCredential
    from recertlib.inputs import Activity, Credential, Facts, Holder, Person, PersonCredential
    from recertlib.io import read_hr_export, read_people, read_records, structure, unstructure
    from recertlib.plugins import Registry, default_registry
    from recertlib.results import (
        Outcome,
        PersonVerdict,
        Plan,
        Reason,
        Status,
        Verdict,
        can_recertify_now,
        due_within,
        not_usable,
        plan_for,
    )

    __version__: str
    """The version of the installed distribution (``"0.2.0"``)."""

_HOMES = {
    "evaluate": "recertlib.engine",
    "evaluate_records": "recertlib.engine",
    "Activity": "recertlib.inputs",
    "Credential": "recertlib.inputs",
    "Facts": "recertlib.inputs",
    "Holder": "recertlib.inputs",
    "Person": "recertlib.inputs",
    "PersonCredential": "recertlib.inputs",
    "Outcome": "recertlib.results",
    "PersonVerdict": "recertlib.results",
    "Plan": "recertlib.results",
    "Reason": "recertlib.results",
    "Status": "recertlib.results",
    "Verdict": "recertlib.results",
    "can_recertify_now": "recertlib.results",
    "due_within": "recertlib.results",
    "not_usable": "recertlib.results",
    "plan_for": "recertlib.results",
    "read_hr_export": "recertlib.io",
    "read_people": "recertlib.io",
    "read_records": "recertlib.io",
    "structure": "recertlib.io",
    "unstructure": "recertlib.io",
    "InvalidInput": "recertlib.errors",
    "MissingFact": "recertlib.errors",
    "RecertlibError": "recertlib.errors",
    "UnknownCredential": "recertlib.errors",
    "Registry": "recertlib.plugins",
    "default_registry": "recertlib.plugins",
}
"""Where each name of the application's API is defined."""

__all__ = [
    "Activity",
    "Credential",
    "Facts",
    "Holder",
    "InvalidInput",
    "MissingFact",
    "Outcome",
    "Person",
    "PersonCredential",
    "PersonVerdict",
    "Plan",
    "Reason",
    "RecertlibError",
    "Registry",
    "Status",
    "UnknownCredential",
    "Verdict",
    "__version__",
    "can_recertify_now",
    "default_registry",
    "due_within",
    "evaluate",
    "evaluate_records",
    "not_usable",
    "plan_for",
    "read_hr_export",
    "read_people",
    "read_records",
    "structure",
    "unstructure",
]


def _install_moved_modules() -> None:
    # The modules that moved in 0.2 stay importable by their old names until 0.3.
    from recertlib._deprecated import install_finder

    install_finder()


_install_moved_modules()


_LAYERS = frozenset(
    [
        "cli",
        "engine",
        "errors",
        "fields",
        "inputs",
        "io",
        "plugins",
        "quantities",
        "results",
        "rules",
        "testing",
    ]
)
"""The packages of the layers, which ``recertlib.rules`` and the like reach after a bare
``import recertlib``."""


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is not None:
        value = getattr(importlib.import_module(home), name)
    elif name in _LAYERS:
        value = importlib.import_module(f"recertlib.{name}")
    elif name == "__version__":
        value = _version()
    else:
        from recertlib._deprecated import moved_name

        new_home, value = moved_name(name)  # raises AttributeError for a name never here
        warnings.warn(
            f"recertlib.{name} has moved: import it from {new_home}; the old name goes in 0.3",
            DeprecationWarning,
            stacklevel=2,
        )
        return value  # not cached, so that every use is warned of
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


def _version() -> str:
    # importlib.metadata is slow to import; it is asked only when the version is.
    import importlib.metadata

    try:
        return importlib.metadata.version("recertlib")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a source tree
        return "0+unknown"
