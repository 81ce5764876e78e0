"""A fixture that evaluates the shipped plugins' credentials."""

from __future__ import annotations

import pytest
from plan_support import Evaluate

from recertlib import Activity, Credential, Registry, Verdict, evaluate


@pytest.fixture
def verdict(installed: Registry) -> Evaluate:
    """``verdict(credential, activities, as_of)``, from the installed plugins."""

    def evaluated(credential: Credential, activities: list[Activity], as_of: str) -> Verdict:
        return evaluate(credential, activities, as_of=as_of, registry=installed)

    return evaluated
