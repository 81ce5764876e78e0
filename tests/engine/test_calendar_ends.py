"""Dates at the ends of the calendar: 9999-12-31 as "never expires" and the latest dates an
event may have, for every installed credential, never escape as a Python error."""

from __future__ import annotations

import pytest

from recertlib import Credential, InvalidInput, Status, evaluate

FACTS = {"birth_date": "1990-05-05", "first_renewal": False, "originally_issued_on": "2020-01-01"}


@pytest.fixture(scope="module")
def labels(installed):
    return [(spec.body, spec.code) for spec in installed.credentials()]


def test_never_expires_is_current_for_every_credential(installed, labels):
    for body, code in labels:
        credential = Credential(
            body, code, "Nell", "2020-01-01", expires_on="9999-12-31", facts=FACTS
        )
        verdict = evaluate(credential, [], as_of="2026-11-25", registry=installed)
        assert verdict.status is Status.CURRENT, (body, code)
        assert verdict.expires_on.isoformat() == "9999-12-31"


@pytest.mark.parametrize("as_of", ["9899-12-31", "9999-12-31"])
def test_the_latest_certification_date_gives_a_verdict_or_a_clear_error(installed, labels, as_of):
    for body, code in labels:
        facts = {**FACTS, "originally_issued_on": "9899-12-31"}
        credential = Credential(body, code, "Nell", "9899-12-31", facts=facts)
        outcome = _verdict_or_error(credential, as_of, installed)
        if isinstance(outcome, InvalidInput):
            assert "certified_on" in str(outcome) or "as_of" in str(outcome)
        else:
            assert outcome.expires_on.year <= 9999


def _verdict_or_error(credential, as_of, registry):
    try:
        return evaluate(credential, [], as_of=as_of, registry=registry)
    except InvalidInput as error:
        return error
