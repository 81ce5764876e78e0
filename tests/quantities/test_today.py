"""Which day "today" is: a named time zone, or a timezone-aware datetime in its own zone."""

from __future__ import annotations

import datetime

import pendulum
import pytest

from recertlib import Credential, InvalidInput, Person, PersonCredential, evaluate
from recertlib.quantities.dates import evaluation_date


def test_an_aware_datetime_is_taken_in_its_own_zone():
    late_in_la = pendulum.datetime(2026, 11, 25, 23, 30, tz="America/Los_Angeles")
    assert evaluation_date(late_in_la).isoformat() == "2026-11-25"
    # The same instant is already the 26th in UTC.
    assert evaluation_date(late_in_la.in_timezone("UTC")).isoformat() == "2026-11-26"


def test_a_naive_datetime_is_refused():
    with pytest.raises(TypeError, match="time zone"):
        evaluation_date(datetime.datetime(2026, 11, 25, 12, 0))


def freeze(monkeypatch: pytest.MonkeyPatch, moment: pendulum.DateTime) -> None:
    def now(tz: object = None) -> pendulum.DateTime:
        return moment.in_timezone(tz or "UTC")

    monkeypatch.setattr(pendulum, "now", now)


def test_today_in_a_named_zone(monkeypatch):
    freeze(monkeypatch, pendulum.datetime(2026, 11, 26, 2, 0, tz="UTC"))
    assert evaluation_date(tz="UTC").isoformat() == "2026-11-26"
    assert evaluation_date(tz="America/New_York").isoformat() == "2026-11-25"
    assert evaluation_date(tz="Pacific/Kiritimati").isoformat() == "2026-11-26"


def test_an_unknown_zone_is_bad_input_naming_tz(installed):
    credential = Credential("AAMA", "CMA", "Casey", "2022-03-10")
    with pytest.raises(InvalidInput, match=r"tz: unknown time zone 'Mars/Olympus'"):
        evaluate(credential, [], tz="Mars/Olympus", registry=installed)


def test_a_person_is_evaluated_today_in_the_zone_given(installed, monkeypatch):
    person = Person("E-1", credentials=[PersonCredential("AAMA", "CMA", "2022-03-10")])
    freeze(monkeypatch, pendulum.datetime(2027, 4, 1, 3, 0, tz="UTC"))
    verdict = evaluate(person, tz="America/Chicago", registry=installed)
    # Still 31 March in Chicago: the expiry day, so still current.
    assert verdict.as_of.isoformat() == "2027-03-31"
    assert verdict.usable
