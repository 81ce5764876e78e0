"""The rules format's JSON Schema: shipped as it is made from the model, and every shipped
rules file valid against it."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

from recertlib.rules.data import RULES_SCHEMA, rules_schema
from recertlib.rules.data.schema import as_json, generated_schema, write_schema

ROOT = Path(__file__).resolve().parents[3]
RULES_FILES = sorted([*ROOT.glob("plugins/*/src/*/*.toml"), *ROOT.glob("examples/*/src/*/*.toml")])


def validator() -> jsonschema.Draft202012Validator:
    schema = rules_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_shipped_schema_is_the_one_the_model_makes():
    # After a change to the rules model: python -m recertlib.rules.data > .../rules.schema.json
    assert rules_schema() == generated_schema()
    assert RULES_SCHEMA.name == "rules.schema.json"


def test_the_schema_is_written_as_shipped(tmp_path):
    path = tmp_path / "rules.schema.json"
    with path.open("w", encoding="utf-8") as out:
        write_schema(out)
    assert path.read_text(encoding="utf-8") == RULES_SCHEMA.read_text(encoding="utf-8")


def test_every_shipped_rules_file_is_checked():
    names = {path.name for path in RULES_FILES}
    assert {"ccma.toml", "cma.toml", "pa_c.toml", "rn.toml", "emt.toml", "rma.toml"} <= names


@pytest.mark.parametrize("path", RULES_FILES, ids=lambda path: path.name)
def test_every_shipped_rules_file_is_valid_against_the_schema(path: Path):
    data = as_json(tomllib.loads(path.read_text(encoding="utf-8")))
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message[:200]}"
        for error in validator().iter_errors(data)
    ]
    assert errors == []


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda data: data.update(recertlib=2), "recertlib"),
        (lambda data: data["rule_sets"][0].update(confidence="sure"), "rule_sets"),
        (lambda data: data["continuing_education"].update(totl=3), "continuing_education"),
        (lambda data: data["cycle"]["expiry"].update(span={"month": 3}), "cycle"),
        (
            lambda data: data["continuing_education"].update(total={"2020-13": 3}),
            "continuing_education",
        ),
    ],
)
def test_the_schema_refuses_what_the_reader_refuses(change, where):
    path = next(path for path in RULES_FILES if path.name == "ccma.toml")
    data = as_json(tomllib.loads(path.read_text(encoding="utf-8")))
    change(data)
    errors = list(validator().iter_errors(data))
    # A value that may be dated is checked as one of two shapes: the error is the one above it.
    assert [list(error.absolute_path)[:1] for error in errors] == [[where]]


def test_dates_become_text_for_the_schema():
    import datetime

    assert as_json({"a": [datetime.date(2020, 1, 2)]}) == {"a": ["2020-01-02"]}
    assert json.dumps(as_json({"from": datetime.date(2020, 1, 2)})) == '{"from": "2020-01-02"}'
