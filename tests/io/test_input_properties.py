"""Property tests: whatever a holder record, a holder file or an activities CSV holds, reading
it either succeeds or raises InvalidInput (never another exception), and every problem names a
place that exists in the input."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recertlib import InvalidInput
from recertlib.errors import MISSING
from recertlib.io import read_activities_csv, read_holders, structure_holder
from recertlib.io.activities_csv import ACTIVITY_COLUMNS, REQUIRED_ACTIVITY_COLUMNS

BOUNDED = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Junk: every kind of JSON value and more, including what Python's json module reads from
# non-standard input (NaN, huge integers, decimals).
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**50, max_value=10**60),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(
        [
            "",
            " ",
            "None",
            "2024-W01-1",
            "2024-001",
            "9999-12-31",
            "0001-01-01",
            "2024-02-30",
            "1_0",
            "\uff11",
            "\u0661",
            "1e999999999",
            "NaN",
            "-0",
            "+1",
            "9.999999999999999999999999999999",
            "\ud800",
            "AAMA",
            "CMA",
        ]
    ),
)
junk = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


def field(good: Any) -> st.SearchStrategy[Any]:
    return st.one_of(st.just(good), junk)


def record(fields: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """``fields`` each good or junk, some left out, sometimes an unknown one added."""
    return st.fixed_dictionaries(
        {}, optional={name: field(value) for name, value in fields.items()}
    ).flatmap(
        lambda data: st.one_of(
            st.just(data),
            st.dictionaries(st.text(max_size=6), junk, max_size=2).map(
                lambda extra: {**extra, **data}
            ),
        )
    )


activities = record(
    {
        "title": "Ethics",
        "completed_on": "2023-01-05",
        "amount": "1.5",
        "unit": "aama_ceu",
        "provider": "ACME",
        "area": "general",
        "approved_by": ["AAMA"],
        "certificate_id": "C-1",
        "started_on": "2023-01-01",
        "tags": ["ethics"],
        "other_areas": ["clinical"],
    }
)
credentials = record(
    {
        "body": "AAMA",
        "credential": "CMA",
        "holder": "Casey",
        "certified_on": "2022-03-10",
        "expires_on": "2027-03-31",
        "facts": {"member": True},
    }
)
holders = st.one_of(
    st.fixed_dictionaries(
        {
            "credential": st.one_of(credentials, junk),
            "activities": st.one_of(st.lists(activities, max_size=3), junk),
        }
    ),
    st.fixed_dictionaries(
        {"credential": credentials, "activities": st.lists(activities, max_size=3)}
    ),
    junk,
)

_STEP = re.compile(r'\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')


def resolve(data: Any, path: str) -> tuple[bool, Any]:
    """Whether ``path`` (``$.activities[0].title``) exists in ``data``; and its value."""
    assert path.startswith("$"), path
    rest, here = path[1:], data
    while rest:
        step = _STEP.match(rest)
        assert step, f"a path that reads no way: {path}"
        name, index, quoted = step.groups()
        key: Any = int(index) if index is not None else name if name else json.loads(quoted)
        try:
            here = here[key]
        except (KeyError, IndexError, TypeError):
            return False, None
        rest = rest[step.end() :]
    return True, here


def parent(path: str) -> str:
    last = max(path.rfind("."), path.rfind("["))
    return path[:last]


def attempt(read: Any, path: Path) -> tuple[Any, InvalidInput | None]:
    """What ``read(path)`` gives, or the InvalidInput it raises; any other exception fails."""
    try:
        return read(path), None
    except InvalidInput as error:
        return None, error


def assert_names_existing_places(error: InvalidInput, data: Any) -> None:
    assert error.problems
    str(error)  # always printable
    for problem in error.problems:
        exists, _ = resolve(data, problem.path)
        if problem.value is MISSING and problem.path != "$":
            # A required field that is absent: the object it belongs in exists.
            assert exists or resolve(data, parent(problem.path))[0], problem
        else:
            assert exists, problem


@BOUNDED
@given(holders)
def test_structuring_any_record_succeeds_or_names_places_that_exist(data):
    try:
        structure_holder(data)
    except InvalidInput as error:
        assert_names_existing_places(error, data)


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return "sNaN" if value.is_snan() else float(value)
    raise TypeError


def _as_json(data: Any) -> str:
    return json.dumps(data, default=_default)


# A holder file: good JSON of junk records, then mangled as bytes: cut, spliced, re-encoded,
# wrapped in nesting.
files = st.one_of(
    st.lists(holders, max_size=3).map(
        lambda items: _as_json(items).encode("utf-8", "surrogatepass")
    ),
    holders.map(lambda item: _as_json(item).encode("utf-8", "surrogatepass")),
    st.binary(max_size=60),
    st.integers(min_value=1, max_value=3000).map(lambda depth: b"[" * depth + b"]" * depth),
    st.sampled_from(
        [b"", b"NaN", b"[1e999999999]", b"9" * 5000, b'{"a": 1, "a": 2}', b"\xef\xbb\xbf[]"]
    ),
).flatmap(
    lambda raw: st.one_of(
        st.just(raw),
        st.integers(min_value=0, max_value=max(len(raw), 1)).map(lambda cut: raw[:cut]),
        st.tuples(
            st.integers(min_value=0, max_value=len(raw)), st.binary(min_size=1, max_size=4)
        ).map(lambda splice: raw[: splice[0]] + splice[1] + raw[splice[0] :]),
    )
)


@BOUNDED
@given(raw=files)
def test_reading_any_holder_file_succeeds_or_raises_invalid_input(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("holders") / "holders.json"
    path.write_bytes(raw)
    records, error = attempt(read_holders, path)
    if error is not None:
        assert error.record == str(path)
        assert error.problems
        str(error)
        return
    data = json.loads(raw.decode("utf-8-sig"), parse_float=Decimal, parse_int=Decimal)
    items = data if isinstance(data, list) else [data]
    for record, item in zip(records, items, strict=False):
        if record.error is not None:
            str(record.error)
            if isinstance(data, dict | list):
                assert_names_existing_places(record.error, item)


cells = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "Ethics",
            "2024-01-10",
            "2024-W01-1",
            "1.5",
            "1_0",
            "-0",
            "AAMA;NHA",
            ";",
            "\ufeff",
        ]
    ),
    st.text(max_size=12),
    st.text(alphabet=',"\n\r;', max_size=4),
)
headers = st.lists(st.one_of(st.sampled_from(list(ACTIVITY_COLUMNS)), cells), max_size=10)


@st.composite
def csv_files(draw: Any) -> bytes:
    header = draw(
        st.one_of(
            st.just(list(ACTIVITY_COLUMNS)), st.just(list(REQUIRED_ACTIVITY_COLUMNS)), headers
        )
    )
    width = len(header)
    rows = draw(
        st.lists(
            st.lists(cells, min_size=max(width - 1, 0), max_size=width + 1),
            max_size=5,
        )
    )
    out = io.StringIO()
    writer = csv.writer(out)
    for row in [header, *rows]:
        writer.writerow(row)
    raw = out.getvalue().encode("utf-8", "surrogatepass")
    return draw(
        st.one_of(
            st.just(raw),
            st.just(raw.replace(b",", b"\xff", 1)),
            st.integers(min_value=0, max_value=len(raw)).map(lambda cut: raw[:cut]),
            st.binary(max_size=40),
            st.just(b"\xef\xbb\xbf" + raw),
        )
    )


_CSV_PATH = re.compile(r"line (\d+)(?:, (?:column|byte) (\d+)|, column '([a-z_]+)')?")


@BOUNDED
@given(raw=csv_files())
def test_reading_any_csv_succeeds_or_names_lines_that_exist(tmp_path_factory, raw):
    path: Path = tmp_path_factory.mktemp("csv") / "activities.csv"
    path.write_bytes(raw)
    _, error = attempt(read_activities_csv, path)
    if error is None:
        return
    assert error.record == str(path)
    assert error.problems
    str(error)
    # Lines as the csv module and editors count them: \n, \r\n or a lone \r ends one.
    text = raw.decode("utf-8", "replace")
    lines = len(io.StringIO(text, newline="").readlines()) + 1
    for problem in error.problems:
        match = _CSV_PATH.fullmatch(problem.path)
        assert match, problem
        assert 1 <= int(match.group(1)) <= lines, problem
        if match.group(3):
            assert match.group(3) in ACTIVITY_COLUMNS, problem


@pytest.mark.parametrize("value", [None, True, 1, [1], {"a": 1}])
def test_the_resolver_used_above_finds_what_exists(value):
    data = {"a": [{"b.c": value}]}
    assert resolve(data, '$.a[0]["b.c"]') == (True, value)
    assert resolve(data, "$.a[1]") == (False, None)
