"""The published JSON Schema of ``recertlib check --json``: a valid draft 2020-12 schema, shipped
in the package, that every output of the command satisfies and that names every field the
command prints."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import recertlib
from recertlib import Reason, Status
from recertlib.cli import main
from recertlib.io import outcomes_schema
from recertlib.io.outcomes import OUTCOMES_SCHEMA
from recertlib.rules import PathwayKind

EXAMPLES = Path(__file__).parents[2] / "examples"
HOLDER_FILES = sorted(str(path) for path in (EXAMPLES / "holders").glob("*.json"))
BAD_BATCH = str(EXAMPLES / "invalid" / "batch-with-bad-records.json")
SCHEMA = outcomes_schema()
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def check_json(*argv: str) -> tuple[int, list[dict[str, Any]]]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", *argv, "--json"], out, err)
    return code, json.loads(out.getvalue())


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schema_ships_inside_the_package():
    package = Path(recertlib.__file__).parent
    assert Path(str(OUTCOMES_SCHEMA)) == package / "io" / "schemas" / "outcomes.schema.json"
    assert json.loads(OUTCOMES_SCHEMA.read_text(encoding="utf-8")) == SCHEMA


@pytest.mark.parametrize(
    ("definition", "enum"),
    [("verdict", Status), ("pathway", PathwayKind), ("refusal", Reason)],
)
def test_the_schema_lists_every_value_of_each_enum(definition, enum):
    field = {"verdict": "status", "pathway": "kind", "refusal": "reason"}[definition]
    assert SCHEMA["$defs"][definition]["properties"][field]["enum"] == [e.value for e in enum]


@pytest.mark.parametrize("as_of", ["2026-11-25", "2020-01-01", "2035-06-30"])
def test_every_example_validates(as_of):
    code, outcomes = check_json(*HOLDER_FILES, BAD_BATCH, "--as-of", as_of)
    assert code in {2, 3}
    VALIDATOR.validate(outcomes)


def test_every_installed_credential_validates(tmp_path):
    records = [
        {
            "credential": {
                "body": spec.body,
                "credential": spec.code,
                "holder": "Kim",
                "certified_on": "2020-02-29",
                "facts": {"birth_date": "1990-05-05", "first_renewal": False, "member": True},
            },
            "activities": [
                {"title": "A", "completed_on": "2021-01-01", "amount": "1", "unit": "hour"}
            ],
        }
        for spec in recertlib.default_registry().credentials()
    ]
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    _, outcomes = check_json(str(path), "--as-of", "2026-11-25")
    VALIDATOR.validate(outcomes)
    assert len(outcomes) == len(records)


def described(definition: str) -> set[str]:
    return set(SCHEMA["$defs"][definition]["properties"])


def test_the_schema_describes_every_field_printed():
    _, outcomes = check_json(*HOLDER_FILES, BAD_BATCH, "--as-of", "2026-11-25")
    verdicts = [item["verdict"] for item in outcomes if item["verdict"] is not None]
    errors = [item["error"] for item in outcomes if item["error"] is not None]
    pathways = [p for v in verdicts for p in v["pathways"]]
    results = [a for v in verdicts for a in v["activities"]]
    for definition, instances in [
        ("outcome", outcomes),
        ("verdict", verdicts),
        ("credential", [v["credential"] for v in verdicts]),
        ("cycle", [v["cycle"] for v in verdicts]),
        ("pathway", pathways),
        ("deadline", [d for p in pathways for d in p["deadlines"]]),
        ("requirement", [r for p in pathways for r in p["requirements"]]),
        ("fee", [f for p in pathways for f in p["fees"]]),
        ("activity_result", results),
        ("refusal", [r for a in results for r in a["refusals"]]),
        ("error", errors),
        ("problem", [p for e in errors for p in e["problems"]]),
    ]:
        assert instances, definition
        for instance in instances:
            assert set(instance) <= described(definition), definition


def test_an_outcome_has_a_verdict_or_an_error_never_both():
    _, outcomes = check_json(HOLDER_FILES[0], "--as-of", "2026-11-25")
    [outcome] = outcomes
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate([{**outcome, "error": {"type": "X", "message": "", "problems": []}}])
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate([{**outcome, "verdict": None}])
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(outcome)  # not a list
