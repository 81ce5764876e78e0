"""What a verdict derives from the pathways (results/verdict.py), where a review found it wrong:
renewing into inactive status is advised only when no pathway keeps the credential usable."""

from __future__ import annotations

from recertlib import Credential, evaluate
from recertlib.rules import PathwayKind


def test_an_active_nurse_short_of_hours_is_not_advised_to_go_inactive(installed):
    facts = {"birth_date": "1990-05-20", "first_renewal": False}
    credential = Credential("CA-BRN", "RN", "Rae", "2023-07-01", facts=facts)
    verdict = evaluate(credential, [], as_of="2025-06-30", registry=installed)
    assert verdict.recommended is not None
    assert verdict.recommended.kind is not PathwayKind.INACTIVE
    assert any(p.kind is PathwayKind.INACTIVE and p.can_recertify_now for p in verdict.pathways)
