"""The quantities: exact amounts, dates as pendulum dates, and spans of time at their edges."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pendulum
import pytest

from recertlib import Activity, Credential
from recertlib.quantities import to_date
from recertlib.quantities.dates import Counting, Span


def test_amounts_are_exact_so_59_9_and_0_1_make_60():
    parts = [Activity("a", "2024-01-01", 59.9, "hour"), Activity("b", "2024-01-01", 0.1, "hour")]
    assert sum(activity.amount for activity in parts) == Decimal(60)


def test_dates_become_pendulum_dates():
    credential = Credential("AAMA", "CMA", "Casey", datetime.date(2024, 2, 29))
    assert type(credential.certified_on) is pendulum.Date
    assert to_date("2024-02-29") == pendulum.date(2024, 2, 29)


@pytest.mark.parametrize(
    ("span", "start", "end"),
    [
        (Span(months=60, counting=Counting.END_OF_MONTH), "2010-02-05", "2015-02-28"),
        (Span(months=3, counting=Counting.END_OF_MONTH), "2020-02-29", "2020-05-31"),
        (Span(months=24), "2024-02-29", "2026-02-28"),
        (Span(months=1), "2024-01-31", "2024-02-29"),
        (Span(days=90), "2026-03-15", "2026-06-13"),
        (Span(months=12), "2026-03-15", "2027-03-15"),
    ],
)
def test_spans(span, start, end):
    assert span.after(to_date(start)) == to_date(end)


@pytest.mark.parametrize(
    ("span", "end", "start"),
    [
        (Span(months=2), "2026-04-30", "2026-02-28"),
        (Span(months=24), "2026-02-28", "2024-02-28"),
        # Counted back to the end of a month, a leap February ends on the 29th.
        (Span(months=24, counting=Counting.END_OF_MONTH), "2026-02-28", "2024-02-29"),
        (Span(months=12, counting=Counting.END_OF_MONTH), "2026-03-31", "2025-03-31"),
        (Span(days=30), "2026-03-01", "2026-01-30"),
    ],
)
def test_spans_counted_back(span, end, start):
    assert span.before(to_date(end)) == to_date(start)


@pytest.mark.parametrize(
    ("span", "before", "words"),
    [
        (Span(days=90), False, "90 days after expiry"),
        (Span(months=3, counting=Counting.END_OF_MONTH), False,
         "the end of the month 3 months after expiry"),
        (Span(months=2), True, "2 months before expiry"),
        (Span(months=1, days=1), False, "1 month and 1 day after expiry"),
        (Span(), False, "the day of expiry"),
        (Span(), True, "the day of expiry"),
    ],
)  # fmt: skip
def test_spans_in_words(span, before, words):
    assert span.describe("expiry", before=before) == words
