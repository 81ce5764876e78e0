"""Credentials of the shipped plugins and their activities, made briefly for the plan, calendar
and query tests."""

from __future__ import annotations

from collections.abc import Callable

from support import make_activity

from recertlib import Activity, Credential, Verdict

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
