"""Helpers the tests share: activities made briefly, a small test credential that exercises
every feature of the engine without any certifying body's quirks, and credentials of the
shipped plugins with their activities for the plan, calendar and query tests."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import recertlib
import recertlib.plugins
from recertlib import Activity, Credential, Verdict
from recertlib.rules import (
    AfterExpiry,
    Cap,
    Confidence,
    ContinuingEducation,
    Conversion,
    CredentialSpec,
    Cycle,
    DayAfter,
    Fee,
    Minimum,
    Pathway,
    PathwayKind,
    RuleSet,
    Selector,
    Span,
)
from recertlib.testing import SpecPlugin, activity

ROOT = Path(__file__).resolve().parent.parent
"""The repository's root, wherever a test module lies below tests/."""


def make_activity(
    completed_on: str,
    amount: Any = 1,
    unit: str = "hour",
    *,
    title: str | None = None,
    area: str | None = None,
    approved_by: tuple[str, ...] = (),
    provider: str = "Provider",
    certificate_id: str | None = None,
) -> Activity:
    """An activity whose title is unique unless one is given (the test kit's
    :func:`~recertlib.testing.activity`, from one provider)."""
    return activity(
        completed_on,
        amount,
        unit,
        title=title,
        area=area,
        approved_by=approved_by,
        provider=provider,
        certificate_id=certificate_id,
    )


TEST_EDUCATION = ContinuingEducation(
    unit="credit",
    total=Decimal(20),
    conversions=(
        Conversion("hour", 1),
        Conversion("day", 8),
        Conversion("card", 2, area="practice", approved=True),
    ),
    minimums=(
        Minimum("Approved", Selector(approved=True), 10),
        Minimum("Theory", Selector(areas={"theory"}), 5),
        Minimum("Practice", Selector(areas={"practice"}), 5),
    ),
    caps=(
        Cap("Not approved", Selector(approved=False), 10),
        Cap("Cards", Selector(units={"card"}), 4),
    ),
    areas=frozenset({"theory", "practice"}),
    approver="TB",
)

TEST_SPEC = CredentialSpec(
    body="TB",
    code="TC",
    name="Test Credential",
    body_name="Test Body",
    rule_sets=(
        RuleSet(
            "tb.tc.2000",
            effective_from=None,
            source="the test suite",
            confidence=Confidence.HIGH,
            cycle=Cycle(Span(months=12)),
            continuing_education=TEST_EDUCATION,
            pathways=(
                Pathway(
                    PathwayKind.CONTINUING_EDUCATION,
                    "By credit",
                    closes=AfterExpiry(Span(days=30)),
                    requires_credit=True,
                    fees=(Fee("Renewal", 10),),
                ),
                Pathway(PathwayKind.EXAM, "By exam", opens=DayAfter(AfterExpiry(Span(days=30)))),
            ),
        ),
    ),
)


class InProcessPlugin(SpecPlugin):
    """The test kit's plugin object (the test credential by default), counting its hook calls."""

    def __init__(self, *specs: CredentialSpec) -> None:
        super().__init__(*(specs or (TEST_SPEC,)))
        self.calls = 0

    @recertlib.plugins.hookimpl
    def register_credentials(self, register: Callable[[CredentialSpec], None]) -> None:
        self.calls += 1
        super().register_credentials(register)


# --- The shipped plugins' credentials, for the plan, calendar and query tests -----------------

# CMA (AAMA) certified 2022-03-10: expires 2027-03-31, continuing education open through
# 2027-06-30. NHA CCMA certified 2023-05-01: expires 2025-05-01, renewal open through 2025-07-30.
CMA = Credential("AAMA", "CMA", "Maria Lopez", "2022-03-10")
CCMA = Credential("NHA", "CCMA", "Nia Brown", "2023-05-01")


def cma_points(total: int) -> list[Activity]:
    """AAMA-approved points, at least 10 in each area, ``total`` in all (30 or more)."""
    general = total - 20
    return [
        make_activity("2023-06-01", 10, "aama_ceu", area="administrative"),
        make_activity("2023-06-01", 10, "aama_ceu", area="clinical"),
        make_activity("2023-06-01", general, "aama_ceu", area="general"),
    ]


def ccma_credits(amount: int) -> list[Activity]:
    return [make_activity("2024-06-01", amount, "ce_credit")] if amount else []


Evaluate = Callable[[Credential, list[Activity], str], Verdict]
"""The ``verdict`` fixture: a credential, its activities and a date in, its verdict out."""
