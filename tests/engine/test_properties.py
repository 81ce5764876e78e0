"""Properties that hold for any record: order does not matter, more credit never hurts, less
never helps, and JSON loses nothing."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recertlib import (
    Activity,
    Credential,
    Holder,
    Registry,
    Verdict,
    evaluate,
    structure,
    unstructure,
)

REGISTRY = Registry.from_entry_points()
UNITS = {
    "AAMA": ["point", "contact_hour", "aama_ceu", "ceu", "college_credit", "cpr_card", "furlong"],
    "NHA": ["ce_credit", "hour", "point"],
}
AREAS = ["administrative", "clinical", "general", "billing", None]

amounts = st.decimals(min_value=0, max_value=20, places=1, allow_nan=False, allow_infinity=False)
days = st.dates(min_value=datetime.date(2012, 1, 1), max_value=datetime.date(2030, 12, 31))
settings.register_profile("ci", max_examples=300, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")


@st.composite
def credentials(draw: st.DrawFn) -> Credential:
    body, code = draw(st.sampled_from([("AAMA", "CMA"), ("NHA", "CCMA")]))
    certified = draw(
        st.dates(min_value=datetime.date(2012, 1, 1), max_value=datetime.date(2024, 12, 31))
    )
    return Credential(body, code, "Holder", certified)


@st.composite
def activities(draw: st.DrawFn, body: str, number: int) -> Activity:
    return Activity(
        f"Course {number}",
        draw(days),
        draw(amounts),
        draw(st.sampled_from(UNITS[body])),
        area=draw(st.sampled_from(AREAS)),
        approved_by=draw(st.sampled_from([frozenset(), frozenset({body})])),
        provider="Provider",
    )


@st.composite
def in_cycle(draw: st.DrawFn, credential: Credential, number: int) -> Activity:
    """An AAMA activity that counts but for caps: where caps and minimums fight."""
    return Activity(
        f"Course {number}",
        credential.certified_on + datetime.timedelta(days=draw(st.integers(0, 1500))),
        Decimal(draw(st.sampled_from([5, 10, 15, 20]))),
        draw(st.sampled_from(["contact_hour", "contact_hour", "aama_ceu", "cpr_card"])),
        area=draw(st.sampled_from(["administrative", "clinical", "general"])),
    )


@st.composite
def records(draw: st.DrawFn) -> tuple[Credential, list[Activity], datetime.date]:
    credential = draw(credentials())
    size = draw(st.integers(min_value=0, max_value=20))
    if credential.body == "AAMA" and draw(st.booleans()):
        found = [draw(in_cycle(credential, number)) for number in range(size // 2)]
    else:
        found = [draw(activities(credential.body, number)) for number in range(size)]
    if found and draw(st.booleans()):
        found.append(draw(st.sampled_from(found)))  # the same record entered twice
    as_of = credential.certified_on + datetime.timedelta(days=draw(st.integers(0, 9 * 365)))
    if draw(st.booleans()):
        as_of = credential.certified_on + datetime.timedelta(days=1600)
    return credential, found, as_of


def judge(credential: Credential, found: list[Activity], as_of: datetime.date) -> Verdict:
    return evaluate(credential, found, as_of=as_of, registry=REGISTRY)


def standing(verdict: Verdict) -> list[tuple[bool, Decimal, Decimal]]:
    """For each pathway: whether it can be used now, its total shortfall, the credit earned."""
    return [
        (
            pathway.can_recertify_now,
            sum((r.shortfall for r in pathway.requirements), Decimal(0)),
            sum((r.earned for r in pathway.requirements[:1]), Decimal(0)),
        )
        for pathway in verdict.pathways
    ]


def no_worse(after: Verdict, before: Verdict) -> bool:
    return after.status == before.status and all(
        (now or not then) and short <= was_short and earned >= had
        for (now, short, earned), (then, was_short, had) in zip(
            standing(after), standing(before), strict=True
        )
    )


@given(records(), st.randoms(use_true_random=False))
def test_the_order_of_activities_does_not_matter(record, random):
    credential, found, as_of = record
    shuffled = list(found)
    random.shuffle(shuffled)
    assert judge(credential, shuffled, as_of) == judge(credential, found, as_of)


@given(records(), st.data())
def test_adding_a_countable_activity_never_worsens_the_verdict(record, data):
    credential, found, as_of = record
    before = judge(credential, found, as_of)
    last_day = min(before.cycle.credit_through, as_of)
    if last_day < credential.certified_on:
        return
    completed_on = data.draw(st.dates(min_value=credential.certified_on, max_value=last_day))
    unit = data.draw(
        st.sampled_from(
            ["contact_hour", "aama_ceu"] if credential.body == "AAMA" else ["ce_credit"]
        )
    )
    extra = Activity(
        "A new course",
        completed_on,
        data.draw(st.sampled_from([Decimal(5), Decimal(10)]) | amounts),
        unit,
        area=data.draw(st.sampled_from(["administrative", "clinical", "general"])),
        approved_by=data.draw(st.sampled_from([frozenset(), frozenset({credential.body})])),
    )
    after = judge(credential, [*found, extra], as_of)
    assert after.activities != before.activities
    assert no_worse(after, before)


@given(records(), st.data())
def test_removing_an_activity_never_improves_the_verdict(record, data):
    credential, found, as_of = record
    if not found:
        return
    index = data.draw(st.integers(min_value=0, max_value=len(found) - 1))
    fewer = found[:index] + found[index + 1 :]
    assert no_worse(judge(credential, found, as_of), judge(credential, fewer, as_of))


@given(records())
def test_json_round_trips_are_lossless(record):
    credential, found, as_of = record
    holder = Holder(credential, found)
    assert structure(json.loads(json.dumps(unstructure(holder))), Holder) == holder
    verdict = judge(credential, found, as_of)
    assert structure(json.loads(json.dumps(unstructure(verdict))), Verdict) == verdict
