"""The plugin authors' test kit."""

from __future__ import annotations

import attrs
import pytest
from support import TEST_SPEC

from recertlib.errors import InvalidRuleSet
from recertlib.testing import Boundary, SpecPlugin, boundaries, registry_of


def test_registry_of_holds_the_specs_given():
    assert registry_of(TEST_SPEC).credentials() == (TEST_SPEC,)


def test_registry_of_refuses_what_a_plugin_load_would_refuse():
    without_cycle = attrs.evolve(
        TEST_SPEC, rule_sets=(attrs.evolve(TEST_SPEC.rule_sets[0], cycle=None),)
    )
    with pytest.raises(InvalidRuleSet, match="plugin SpecPlugin object: TB TC: no rule set"):
        registry_of(without_cycle)


def test_a_spec_plugin_registers_each_spec_once():
    registered = []
    SpecPlugin(TEST_SPEC, TEST_SPEC).register_credentials(registered.append)
    assert registered == [TEST_SPEC, TEST_SPEC]


def test_boundaries_are_the_edges_of_the_cycle_and_of_each_pathway():
    # Certified 2020-02-29: expires 2021-02-28 (12 months, same day or the month's last);
    # "By credit" stays open 30 days after expiry, "By exam" opens the day after.
    assert [str(boundary) for boundary in boundaries(TEST_SPEC, "2020-02-29")] == [
        "2020-02-28 (the day before the cycle)",
        "2020-02-29 (the cycle's first day)",
        "2021-02-28 (the expiry date)",
        "2021-03-01 (the day after expiry)",
        "2021-03-30 (the last day of 'By credit')",  # also the day before "By exam" opens
        "2021-03-31 (the day after 'By credit' closes)",
    ]


def test_one_boundary_per_date():
    dates = [boundary.on for boundary in boundaries(TEST_SPEC, "2020-01-15")]
    assert dates == sorted(set(dates))
    assert all(isinstance(b, Boundary) for b in boundaries(TEST_SPEC, "2020-01-15"))
