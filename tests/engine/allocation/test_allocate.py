"""Credit allocated to each requirement (engine/allocation/allocate.py), where a review found it
wrong: a measure's record no requirement counts is refused, never shown counted."""

from __future__ import annotations

from recertlib import Activity, Credential, Reason, evaluate


def test_a_measure_record_outside_its_window_is_refused_not_counted(installed):
    facts = {"originally_issued_on": "2024-07-15"}
    record = [
        Activity("CME", "2033-06-01", 100, "cme_credit", area="category 1"),
        Activity("PANRE", "2032-12-31", 1, "panre"),  # year 8: before the exam years
    ]
    credential = Credential("NCCPA", "PA-C", "Pat", "2032-12-31", facts=facts)
    verdict = evaluate(credential, record, as_of="2034-06-01", registry=installed)
    panre = next(r for r in verdict.activities if r.activity.title == "PANRE")
    assert panre.counted == 0
    assert panre.refusals[0].reason is Reason.OUTSIDE_WINDOW
