"""Where each key of a rules file is written, and which value of a dated one is in force on a
date: at the dates themselves and the days either side."""

from __future__ import annotations

import pendulum
import pytest

from recertlib.rules.data.dated import ABSENT, Resolution, dates_in, is_dated
from recertlib.rules.data.locations import Locations

DOCUMENT = '''\
# a comment [not a table]
top = "value"                     # 2
note = """a string that spans
lines, with a "quote" and [brackets]"""
[table]                           # 5
key = 1
dotted.key = "x"                  # 7
"quoted key" = 2
inline = { a = 1, b = { c = [1, 2] } }   # 9
list = [
  "first",                        # 11
  { shape = "Minimum", name = "second" },
  [3, 4],                         # 13
]

[[items]]                         # 16
name = "one"

[[items.fees]]                    # 19
label = "a fee"

[[items.fees]]                    # 22
label = 'another'

[[items]]                         # 25
name = "two"
[items.sub]                       # 27
deep = true
'''


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("top",), 2),
        (("note",), 3),
        (("table",), 5),
        (("table", "key"), 6),
        (("table", "dotted", "key"), 7),
        (("table", "quoted key"), 8),
        (("table", "inline", "b", "c", 1), 9),
        (("table", "list", 0), 11),
        (("table", "list", 1, "name"), 12),
        (("table", "list", 2, 1), 13),
        (("items", 0), 16),
        (("items", 0, "name"), 17),
        (("items", 0, "fees", 0, "label"), 20),
        (("items", 0, "fees", 1, "label"), 23),
        (("items", 1), 25),
        (("items", 1, "sub", "deep"), 28),
        (("items", 1, "name", "below", 3), 26),  # a path below a value: the value's line
    ],
)
def test_every_key_path_has_its_line(path, line):
    assert Locations(DOCUMENT).line_of(path) == line


def test_a_path_outside_the_document_has_no_line():
    assert Locations(DOCUMENT).line_of(("nowhere",)) is None


def test_a_string_ending_in_extra_quotes_and_escapes():
    text = 'a = """ends ""quoted"""""\nb = "a \\" quote"\nc = 3\n'
    assert Locations(text).line_of(("c",)) == 3


TOTAL = {"earliest": 10, "2020-01-01": 20, "2022-07-01": 30}


@pytest.mark.parametrize(
    ("on", "value"),
    [
        (None, 10),
        (pendulum.date(2019, 12, 31), 10),
        (pendulum.date(2020, 1, 1), 20),
        (pendulum.date(2022, 6, 30), 20),
        (pendulum.date(2022, 7, 1), 30),
        (pendulum.date(2099, 1, 1), 30),
    ],
)
def test_the_value_in_force_on_a_date(on, value):
    assert Resolution(on).resolve({"total": TOTAL}, ())["total"] == value


def test_before_its_first_date_a_value_is_absent():
    resolution = Resolution(pendulum.date(2019, 12, 31))
    assert resolution.resolve({"2020-01-01": 5}, ()) is ABSENT
    assert resolution.resolve({"a": {"2020-01-01": 5}, "b": 1}, ()) == {"b": 1}
    assert resolution.resolve([{"2020-01-01": 5}, 6], ()) == [6]


@pytest.mark.parametrize(
    ("on", "kept"),
    [
        (None, ["always", "until 2020"]),
        (pendulum.date(2019, 12, 31), ["always", "until 2020"]),
        (pendulum.date(2020, 1, 1), ["always", "from 2020"]),
    ],
)
def test_a_list_item_is_in_force_as_its_in_force_says(on, kept):
    items = [
        {"name": "always"},
        {"name": "until 2020", "in_force": {"earliest": True, "2020-01-01": False}},
        {"name": "from 2020", "in_force": {"2020-01-01": True}},
    ]
    resolution = Resolution(on)
    found = resolution.resolve(items, ("items",))
    assert [item["name"] for item in found] == kept
    assert all("in_force" not in item for item in found)
    # Each item kept knows where in the file it came from.
    assert resolution.in_file((1, "name")) == (
        "items",
        items.index(next(item for item in items if item["name"] == kept[1])),
        "name",
    )


def test_a_dated_value_is_a_table_of_dates_only():
    assert is_dated({"earliest": 1})
    assert is_dated({"2020-01-01": 1, "2021-02-03": 2})
    assert not is_dated({})
    assert not is_dated({"earliest": 1, "name": 2})
    assert not is_dated({"2020-1-1": 1})
    assert list(dates_in({"a": [{"b": {"earliest": 1, "2020-01-01": {"2021-01-01": 2}}}]})) == [
        ("earliest", ("a", 0, "b")),
        ("2020-01-01", ("a", 0, "b")),
        ("2021-01-01", ("a", 0, "b", "2020-01-01")),
    ]
