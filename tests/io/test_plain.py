"""Well-formed records are read in one pass (:mod:`recertlib.io.plain`); that pass accepts only
what the converter accepts, and builds the same value, whatever the input."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from recertlib import Activity, Credential, Holder, Person
from recertlib.io.converter import default_converter, read_plain, structure


def _mostly(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Good values nine times in ten, so that whole records are often well formed."""
    return st.integers(0, 9).flatmap(lambda roll: good if roll else bad)


DATES = _mostly(
    st.dates(min_value=date(1900, 1, 1)).map(lambda day: day.isoformat()),
    st.one_of(
        st.sampled_from(["2024-02-29", "2023-02-29", " 2024-01-01", "2024-1-1", "0000-01-01", ""]),
        st.dates().map(lambda day: day.isoformat()),
        st.integers(),
        st.none(),
    ),
)
AMOUNTS = _mostly(
    st.one_of(
        st.decimals(min_value=0, max_value=1000, places=2).map(str),
        st.integers(min_value=0, max_value=1000),
        st.floats(min_value=0, max_value=1000),
    ),
    st.one_of(
        st.decimals(min_value=0, max_value=2_000_000, places=7).map(str),
        st.integers(min_value=-5, max_value=2_000_000),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from(["1e3", "-0", " 2.5", "1_000", "٣", True, None, [], "NaN"]),
    ),
)
TEXTS = _mostly(
    st.text(min_size=1, max_size=8),
    st.one_of(
        st.just(""), st.just("  "), st.integers(), st.none(), st.booleans(), st.lists(st.text())
    ),
)
NAMES = _mostly(
    st.lists(st.text(min_size=1, max_size=5), max_size=3),
    st.one_of(
        st.lists(st.sampled_from(["", " ", "AAMA"]), min_size=1, max_size=2),
        st.text(max_size=4),
        st.lists(st.one_of(st.integers(), st.none()), min_size=1, max_size=2),
        st.dictionaries(st.text(max_size=3), st.booleans(), max_size=2),
        st.none(),
    ),
)
FACTS = st.dictionaries(
    st.sampled_from(["birth_date", "member", "first_renewal", "aarc_member", "", "hours"]),
    st.one_of(DATES, st.booleans(), st.integers(), st.floats(), st.lists(st.integers())),
    max_size=3,
)


def _record(
    required: dict[str, Any], optional: dict[str, Any]
) -> st.SearchStrategy[dict[str, Any]]:
    """Records of these fields, now and then one left out or a key no field has."""
    return _mostly(
        st.fixed_dictionaries(required, optional=optional),
        st.fixed_dictionaries({}, optional={**required, **optional, "colour": st.just("red")}),
    )


ACTIVITIES = _record(
    {"title": TEXTS, "completed_on": DATES, "amount": AMOUNTS, "unit": TEXTS},
    {
        "provider": TEXTS,
        "area": TEXTS,
        "approved_by": NAMES,
        "certificate_id": TEXTS,
        "started_on": DATES,
        "tags": NAMES,
        "other_areas": NAMES,
    },
)
CREDENTIALS = _record(
    {"body": TEXTS, "credential": TEXTS, "holder": TEXTS, "certified_on": DATES},
    {"expires_on": DATES, "facts": st.one_of(FACTS, st.none(), st.text(max_size=2))},
)
HOLDERS = st.fixed_dictionaries(
    {"credential": CREDENTIALS}, optional={"activities": st.lists(ACTIVITIES, max_size=3)}
)
ATTRIBUTES = _mostly(
    st.dictionaries(st.sampled_from(["manager", "department", "cost centre"]), st.text()),
    st.one_of(
        st.dictionaries(st.sampled_from(["", " ", "manager"]), TEXTS, max_size=2),
        st.lists(st.text(), max_size=2),
        st.text(max_size=3),
        st.none(),
    ),
)
PEOPLE = _record(
    {"id": TEXTS},
    {
        "name": TEXTS,
        "facts": FACTS,
        "credentials": st.lists(
            _record(
                {"body": TEXTS, "credential": TEXTS, "certified_on": DATES},
                {"expires_on": DATES, "facts": FACTS},
            ),
            max_size=2,
        ),
        "activities": st.lists(ACTIVITIES, max_size=2),
        "attributes": ATTRIBUTES,
    },
)


def _converter_reads(data: Any, kind: type) -> Any:
    try:
        return default_converter().structure(data, kind)
    except Exception:
        return None


@pytest.mark.parametrize(
    ("kind", "records"), [(Activity, ACTIVITIES), (Holder, HOLDERS), (Person, PEOPLE)]
)
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_one_pass_reading_accepts_only_what_the_converter_builds(kind, records, data):
    record = data.draw(records)
    plain = read_plain(record, kind)
    event("read in one pass" if plain is not None else "left to the converter")
    if plain is not None:
        assert _converter_reads(record, kind) == plain


WELL_FORMED = {
    "credential": {
        "body": "AAMA",
        "credential": "CMA",
        "holder": "Maria",
        "certified_on": "2022-03-10",
        "expires_on": "2027-03-31",
        "facts": {"member": True, "birth_date": "1980-02-29", "aarc_member": "yes", "hours": 3},
    },
    "activities": [
        {
            "title": "Wound care",
            "completed_on": "2023-05-01",
            "amount": "2.5",
            "unit": "contact_hour",
            "area": "clinical",
            "approved_by": ["AAMA"],
            "tags": ["Pediatrics"],
            "started_on": "2023-04-30",
        },
        {"title": "CPR", "completed_on": "2024-01-01", "amount": 1, "unit": "card"},
    ],
}


def test_a_well_formed_holder_is_read_in_one_pass_to_what_the_converter_builds():
    plain = read_plain(WELL_FORMED, Holder)
    assert plain is not None
    assert plain == default_converter().structure(WELL_FORMED, Holder)
    assert plain.activities[0].tags == frozenset({"pediatrics"})


def test_a_well_formed_person_is_read_in_one_pass():
    person = {
        "id": "P1",
        "facts": {"birth_date": "1980-05-05"},
        "credentials": [{"body": "NHA", "credential": "CCMA", "certified_on": "2023-05-01"}],
        "activities": WELL_FORMED["activities"],
        "attributes": {"manager": "R. Ortiz", "department": "Cardiology"},
    }
    plain = read_plain(person, Person)
    assert plain is not None
    assert plain == default_converter().structure(person, Person)
    assert plain.attributes == {"department": "Cardiology", "manager": "R. Ortiz"}


def test_a_record_that_is_not_plain_is_left_to_the_converter_and_its_report():
    bad = {**WELL_FORMED["credential"], "certified_on": "2022-02-30"}
    assert read_plain(bad, Credential) is None
    with pytest.raises(Exception, match="certified_on") as raised:
        structure(bad, Credential, record="line 7")
    assert "line 7" in str(raised.value)
    assert "2022-02-30" in str(raised.value)
