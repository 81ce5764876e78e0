"""``recertlib check`` over a corpus of hostile files: a fixed list of every kind of bad input
known, and files hypothesis makes up. Whatever the file, the command prints a message and exits
with a documented code: never a traceback, never an internal error, never undecodable output.

The corpus runs through the real command in a subprocess (a few runs over many files each, so
that the test stays within seconds) and through :func:`recertlib.cli.main` file by file."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recertlib.cli import EXIT_CODES, INTERNAL_ERROR, main
from recertlib.io import outcomes_schema

AS_OF = "2026-11-25"
EVALUATED = {0, 1, 2, 3}
"""The codes of a run that evaluated what it could: anything else here is a bug."""
VALIDATOR = jsonschema.Draft202012Validator(outcomes_schema())


def record(**changes: Any) -> dict[str, Any]:
    """A good AAMA CMA record, with some of its credential's fields changed or, as
    ``activities=...``, its activities."""
    activities = changes.pop("activities", [activity()])
    credential = {
        "body": "AAMA",
        "credential": "CMA",
        "holder": "Kim Reyes",
        "certified_on": "2023-04-18",
        **changes,
    }
    return {"credential": credential, "activities": activities}


def activity(**changes: Any) -> dict[str, Any]:
    return {
        "title": "Coding Update",
        "completed_on": "2024-02-10",
        "amount": "12",
        "unit": "aama_ceu",
        "area": "administrative",
        "approved_by": ["AAMA"],
        **changes,
    }


def dumped(data: Any) -> bytes:
    return json.dumps(data).encode()


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


JUNK = random.Random(8).randbytes(512)

CORPUS: dict[str, bytes] = {
    # Not JSON, or not text at all.
    "empty": b"",
    "blank": b" \n\t\r\n",
    "bom only": b"\xef\xbb\xbf",
    "utf-16": "[]".encode("utf-16"),
    "binary junk": JUNK,
    "nul bytes": b"\x00" * 64,
    "latin-1": '{"credential": {"holder": "José"}}'.encode("latin-1"),
    "truncated": b'{"credential": {"body": "AAMA", ',
    "trailing garbage": dumped(record()) + b" trailing",
    "csv": b"title,completed_on,amount,unit\nEthics,2024-01-01,1,hour\n",
    "nan": b'{"credential": {"body": "AAMA"}, "activities": [{"amount": NaN}]}',
    "infinity": b"[Infinity]",
    "repeated key": b'{"credential": {}, "credential": {}}',
    "deep nesting": nested(100_000),
    "deep nesting in a record": dumped(record(facts={"other": json.loads(nested(60))})),
    "huge integer": b"9" * 20_000,
    "huge integer amount": dumped(record(activities=[activity(amount=None)])).replace(
        b"null", b"9" * 6_000
    ),
    "huge exponent amount": dumped(record(activities=[activity(amount=None)])).replace(
        b"null", b"1e999999999"
    ),
    # JSON, but not holders.
    "zero records": b"[]",
    "empty object": b"{}",
    "a string": b'"holders"',
    "a number": b"42",
    "null": b"null",
    "true": b"true",
    "wrong types": b'[1, null, "x", [], {"credential": 3}, {"credential": []}]',
    "activities an object": dumped(record(activities={"title": "x"})),
    "activities a string": dumped(record(activities="Coding Update")),
    "an activity a list": dumped(record(activities=[["Coding Update", "2024-02-10"]])),
    "unknown field": dumped({**record(), "extra": 1}),
    # Holders with bad fields.
    "unknown credential": dumped(record(body="XYZ", credential="RMA")),
    "unknown body of a known code": dumped(record(body="NHA")),
    "missing fact": dumped(record(body="CA-BRN", credential="RN")),
    "bad fact": dumped(record(facts={"member": "yes", "birth_date": "1990-13-01"})),
    "null holder": dumped(record(holder=None)),
    "list holder": dumped(record(holder=["Kim"])),
    "numeric holder": dumped(record(holder=1e308)),
    "lone surrogate holder": dumped(record(holder="\udc80")),
    "lone surrogate everywhere": dumped(
        record(body="\ud800", credential="\udfff", activities=[activity(unit="\udc80")])
    ),
    "controls and bidi in a name": dumped(record(holder="\x1b[31m\u202eKim\x00\x07")),
    "iso week date": dumped(record(certified_on="2024-W01-1")),
    "certified on 9999-12-31": dumped(record(certified_on="9999-12-31")),
    "never expires": dumped(record(expires_on="9999-12-31")),
    "certified on 0001-01-01": dumped(record(certified_on="0001-01-01")),
    "certified later": dumped(record(certified_on="2030-01-01")),
    "amount with underscores": dumped(record(activities=[activity(amount="1_0")])),
    "full-width amount": dumped(record(activities=[activity(amount="\uff11\uff10")])),
    "negative zero amount": dumped(record(activities=[activity(amount="-0")])),
    "forty decimals": dumped(record(activities=[activity(amount="1." + "9" * 40)])),
    "boolean amount": dumped(record(activities=[activity(amount=True)])),
    "approved_by an object": dumped(record(activities=[activity(approved_by={"AAMA": False})])),
    "approved_by a string": dumped(record(activities=[activity(approved_by="AAMA")])),
    "huge title": dumped(record(activities=[activity(title="x" * 1_000_000)])),
    "many activities": dumped(
        record(activities=[activity(title=f"Course {n}", amount="0.5") for n in range(500)])
    ),
    "many records": dumped([record(holder=f"Holder {n}") for n in range(200)]),
}


def write_corpus(folder: Path, corpus: dict[str, bytes]) -> list[str]:
    paths = []
    for number, (name, content) in enumerate(corpus.items()):
        path = folder / f"{number:02d}-{name.replace(' ', '-')}.json"
        path.write_bytes(content)
        paths.append(str(path))
    return paths


def check(*argv: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """The command in a subprocess; its output decoded strictly, as a reader would."""
    done = subprocess.run(
        [sys.executable, "-m", "recertlib", "check", *argv, "--as-of", AS_OF],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )
    # Strict decoding: a lone surrogate must have been escaped, never written as bytes.
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def assert_handled(code: int, err: str) -> None:
    assert "Traceback" not in err, err
    assert "internal error" not in err, err
    assert code in EXIT_CODES
    assert code in EVALUATED, err


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("hostile")
    paths = write_corpus(folder, CORPUS)
    paths.append(str(folder))  # a directory
    paths.append(str(folder / "no-such-file.json"))
    return paths


def named(corpus: list[str], name: str) -> str:
    return next(
        path for path in corpus if Path(path).name.endswith(f"-{name.replace(' ', '-')}.json")
    )


def test_the_command_reports_every_hostile_file_as_json_of_one_shape(corpus):
    code, out, err = check("--json", *corpus)
    assert_handled(code, err)
    assert code & 2, "the corpus has bad files: the exit code must say so"
    outcomes = json.loads(out)
    VALIDATOR.validate(outcomes)
    for path in corpus:
        assert any(item["record"].startswith(path) for item in outcomes), path
    errors = [item for item in outcomes if item["error"] is not None]
    assert err.splitlines()[-1].startswith(f"{len(outcomes)} records: ")
    assert err.splitlines()[-1].endswith(f" {len(errors)} errors")

    def of(name: str) -> list[dict[str, Any]]:
        path = named(corpus, name)
        return [item for item in outcomes if item["record"].startswith(path)]

    assert [item["error"]["type"] for item in of("zero records")] == ["InvalidInput"]
    [surrogate] = of("lone surrogate holder")
    assert surrogate["verdict"]["credential"]["holder"] == "\udc80"
    [missing] = of("missing fact")
    assert missing["error"]["problems"][0]["path"] == "$.credential.facts.birth_date"
    [later] = of("certified later")
    assert (later["verdict"]["status"], later["verdict"]["usable"]) == ("pending", False)


def test_the_command_reports_every_hostile_file_as_text(corpus):
    code, out, err = check(*corpus)
    assert_handled(code, err)
    assert code & 2
    *errors, tally = err.splitlines()
    # Every bad file is named on standard error; the good records are reported on standard out.
    for name in ("empty", "binary junk", "deep nesting", "zero records", "unknown credential"):
        assert any(line.startswith(f"error: {named(corpus, name)}") for line in errors), name
    assert "\\udc80: CMA (AAMA), as of 2026-11-25" in out
    assert tally.endswith(" errors")


@pytest.mark.parametrize("name", list(CORPUS))
def test_each_hostile_file_alone(tmp_path, name):
    [path] = write_corpus(tmp_path, {name: CORPUS[name]})
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", path, "--as-of", AS_OF, "--json"], out, err)
    assert_handled(code, err.getvalue())
    assert code != INTERNAL_ERROR
    outcomes = json.loads(out.getvalue())
    VALIDATOR.validate(outcomes)
    assert outcomes, "every file has at least one outcome"
    errors = sum(1 for outcome in outcomes if outcome["error"] is not None)
    assert bool(code & 2) == bool(errors)
    assert err.getvalue().splitlines()[-1].endswith(f"{errors} error{'' if errors == 1 else 's'}")


# Files hypothesis makes up: bytes, JSON values, and holder records with hostile fields.

TEXT = st.text(st.characters(categories=["L", "N", "P", "S", "Zs", "Cc", "Cs"]), max_size=30)
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=12,
)
DATES = st.dates().map(str) | st.sampled_from(["2024-02-30", "2024-W01-1", "9999-12-31", ""])
AMOUNTS = (
    st.decimals(allow_nan=False, allow_infinity=False).map(str)
    | st.integers()
    | st.sampled_from(["1_0", "\uff11\uff10", "-0", "1e999999999", "0x10", " 5 "])
)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return strategy | JSON_VALUES


HOSTILE_ACTIVITIES = st.fixed_dictionaries(
    {
        "title": maybe(TEXT),
        "completed_on": maybe(DATES),
        "amount": maybe(AMOUNTS),
        "unit": maybe(st.sampled_from(["aama_ceu", "contact_hour", "point", "ce_credit"])),
    },
    optional={
        "area": maybe(st.sampled_from(["administrative", "clinical", "general"])),
        "approved_by": maybe(st.lists(st.sampled_from(["AAMA", "NHA"]))),
    },
)
HOSTILE_RECORDS = st.fixed_dictionaries(
    {
        "credential": st.fixed_dictionaries(
            {
                "body": maybe(st.sampled_from(["AAMA", "NHA", "CA-BRN", "NREMT", "NCCPA"])),
                "credential": maybe(st.sampled_from(["CMA", "CCMA", "RN", "EMT", "PA-C"])),
                "holder": maybe(TEXT),
                "certified_on": maybe(DATES),
            },
            optional={"expires_on": maybe(DATES), "facts": JSON_VALUES},
        ),
        "activities": st.lists(HOSTILE_ACTIVITIES, max_size=4) | JSON_VALUES,
    }
)
HOSTILE_FILES = st.one_of(
    st.binary(max_size=300),
    JSON_VALUES.map(dumped),
    HOSTILE_RECORDS.map(dumped),
    st.lists(HOSTILE_RECORDS, max_size=3).map(dumped),
    # Valid JSON cut short, or with bytes put in.
    st.tuples(HOSTILE_RECORDS.map(dumped), st.integers(0, 200)).map(lambda t: t[0][: t[1]]),
)


def files_in(folder: Path, contents: list[bytes]) -> list[str]:
    return write_corpus(folder, {str(n): content for n, content in enumerate(contents)})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=HOSTILE_FILES)
def test_any_made_up_file_is_evaluated_or_reported(tmp_path_factory, content):
    [path] = files_in(tmp_path_factory.mktemp("made-up"), [content])
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", path, "--as-of", AS_OF, "--json"], out, err)
    assert_handled(code, err.getvalue())
    VALIDATOR.validate(json.loads(out.getvalue()))


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contents=st.lists(HOSTILE_FILES, min_size=10, max_size=10))
def test_the_command_over_made_up_files(tmp_path_factory, contents):
    paths = files_in(tmp_path_factory.mktemp("made-up"), contents)
    runs: list[Callable[[], tuple[int, str, str]]] = [
        lambda: check(*paths),
        lambda: check("--json", *paths, env={"PYTHONIOENCODING": "ascii"}),
    ]
    for run in runs:
        code, out, err = run()
        assert_handled(code, err)
        if out.startswith("["):
            VALIDATOR.validate(json.loads(out))


# plan and due read the same inputs: the same files are reported, never a traceback.


def command(*argv: str) -> tuple[int, str, str]:
    """Any command in a subprocess, its output decoded strictly."""
    done = subprocess.run(
        [sys.executable, "-m", "recertlib", *argv, "--as-of", AS_OF],
        capture_output=True,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


@pytest.mark.parametrize(
    "argv",
    [
        ["plan"],
        ["plan", "--format", "json"],
        ["plan", "--format", "ics"],
        ["due", "--within", "60"],
    ],
    ids=["plan", "plan json", "plan ics", "due"],
)
def test_plan_and_due_report_every_hostile_file(corpus, argv):
    code, out, err = command(*argv, *corpus)
    assert_handled(code, err)
    assert code & 2
    for name in ("empty", "binary junk", "deep nesting", "zero records", "unknown credential"):
        assert f"error: {named(corpus, name)}" in err, name
    assert err.splitlines()[-1].endswith(" errors")
    if argv[1:2] == ["--format"] and argv[2] == "json":
        assert json.loads(out)["as_of"] == AS_OF
    if argv[0] == "due":
        assert out.startswith(f"as of {AS_OF}, looking 60 days ahead")


@pytest.mark.parametrize("name", list(CORPUS))
def test_each_hostile_file_alone_in_plan_and_due(tmp_path, name):
    [path] = write_corpus(tmp_path, {name: CORPUS[name]})
    for argv in (["plan", "--format", "json"], ["due", "--within", "30", "--json"]):
        out, err = io.StringIO(), io.StringIO()
        code = main([*argv, path, "--as-of", AS_OF], out, err)
        assert_handled(code, err.getvalue())
        data = json.loads(out.getvalue())
        assert data["as_of"] == AS_OF
        if argv[0] == "due":
            assert bool(code & 2) == bool(data["errors"])
