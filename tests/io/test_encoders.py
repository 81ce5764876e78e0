"""The generated encoders write what the converter writes, for every verdict and record."""

from __future__ import annotations

import json

import pytest
from support import CCMA, CMA, cma_points

from recertlib import Person, PersonCredential, evaluate
from recertlib.inputs import Holder
from recertlib.io.converter import default_converter, unstructure


@pytest.mark.parametrize("as_of", ["2022-03-01", "2024-06-01", "2027-03-31", "2027-04-01"])
def test_a_verdict_is_written_as_the_converter_writes_it(as_of):
    for credential, activities in [(CMA, cma_points(40)), (CCMA, [])]:
        verdict = evaluate(credential, activities, as_of=as_of)
        written = unstructure(verdict)
        assert written == default_converter().unstructure(verdict)
        # The same keys in the same order: the same bytes.
        assert json.dumps(written) == json.dumps(default_converter().unstructure(verdict))


def test_records_and_person_verdicts_are_written_as_the_converter_writes_them():
    person = Person(
        "P1",
        credentials=(PersonCredential("AAMA", "CMA", "2022-03-10"),),
        activities=tuple(cma_points(30)),
    )
    for value in [Holder(CMA, tuple(cma_points(30))), person, evaluate(person, as_of="2025-01-01")]:
        assert json.dumps(unstructure(value)) == json.dumps(default_converter().unstructure(value))
