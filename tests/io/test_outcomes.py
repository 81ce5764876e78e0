"""Outcomes as data: :func:`recertlib.io.outcomes_json` gives what ``check --json`` prints, for
a holder or a person, and with ``compact=True`` what ``check --compact`` prints; every output
validates against its published schema."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from support import CMA, ROOT, Evaluate, cma_points

import recertlib
from recertlib import Credential, Person, PersonCredential, Registry, evaluate, evaluate_records
from recertlib.cli import main
from recertlib.io import outcomes_json, outcomes_schema, read_hr_export, read_records
from recertlib.io.outcomes import COMPACT_OUTCOMES_SCHEMA

EXAMPLES = ROOT / "examples"
HR = EXAMPLES / "people" / "hr"
FULL = jsonschema.Draft202012Validator(outcomes_schema())
COMPACT = jsonschema.Draft202012Validator(outcomes_schema(compact=True))
AS_OF = "2026-11-25"


def printed(*argv: str) -> list[dict[str, Any]]:
    out, err = io.StringIO(), io.StringIO()
    main(["check", *argv, "--as-of", AS_OF], out, err)
    found: list[dict[str, Any]] = json.loads(out.getvalue())
    return found


def from_api(path: Path, *, compact: bool) -> list[dict[str, Any]]:
    evaluated = evaluate_records(read_records(path), as_of=AS_OF)
    return [item for outcome in evaluated for item in outcomes_json(outcome, compact=compact)]


@pytest.mark.parametrize("compact", [False, True])
@pytest.mark.parametrize(
    "path",
    [
        EXAMPLES / "people" / "staff.jsonl",
        EXAMPLES / "holders" / "cma-ready.json",
        EXAMPLES / "invalid" / "batch-with-bad-records.json",
    ],
)
def test_the_api_gives_what_the_command_line_prints(path: Path, compact: bool) -> None:
    flag = "--compact" if compact else "--json"
    assert from_api(path, compact=compact) == printed(str(path), flag)


def test_an_hr_export_gives_what_the_command_line_prints() -> None:
    with read_hr_export(HR / "people.csv", HR / "activities.csv", mapping=HR / "mapping.toml") as e:
        found = [item for outcome in e.evaluate(as_of=AS_OF) for item in outcomes_json(outcome)]
    pair = ["--people-csv", str(HR / "people.csv"), "--activities-csv", str(HR / "activities.csv")]
    assert found == printed(*pair, "--mapping", str(HR / "mapping.toml"), "--json")
    FULL.validate(found)
    assert found[0]["person"] == {
        "id": "E-1001",
        "name": "Maria Lopez",
        "attributes": {"department": "Family Medicine", "manager": "Dana Smith"},
    }


def test_a_bare_verdict_or_person_is_labelled_by_its_holder(installed: Registry) -> None:
    verdict = evaluate(CMA, cma_points(52), as_of=AS_OF, registry=installed)
    (outcome,) = outcomes_json(verdict)
    assert outcome["record"] == "holder 'Maria Lopez' (AAMA CMA)"
    assert "person" not in outcome
    person = Person("E-7", credentials=[PersonCredential("AAMA", "CMA", "2022-03-10")])
    (of_person,) = outcomes_json(evaluate(person, as_of=AS_OF, registry=installed), compact=True)
    assert of_person["record"] == "person 'E-7' (AAMA CMA)"
    assert of_person["person"] == {"id": "E-7", "name": "", "attributes": {}}
    (relabelled,) = outcomes_json(verdict, label="mine")
    assert relabelled["record"] == "mine"
    with pytest.raises(TypeError, match="expected a Verdict"):
        outcomes_json("AAMA CMA")  # type: ignore[arg-type]


def test_a_compact_verdict_says_the_pathway_its_next_date_and_what_it_lacks(
    verdict: Evaluate,
) -> None:
    (outcome,) = outcomes_json(verdict(CMA, cma_points(52), AS_OF), compact=True)
    compact = outcome["verdict"]
    assert {key: compact[key] for key in ("status", "usable", "expires_on", "credential")} == {
        "status": "current",
        "usable": True,
        "expires_on": "2027-03-31",
        "credential": "AAMA CMA",
    }
    assert compact["pathway"] == {
        "name": "Recertify by continuing education",
        "kind": "continuing_education",
        "recommended": True,
        "opens_on": "2022-03-10",
        "closes_on": "2027-06-30",
        "can_recertify_now": False,
        "next": {
            "label": "Last day credit counts for this pathway",
            "due_on": "2027-03-31",
            "overdue": False,
        },
        "shortfalls": [
            {
                "requirement": "Total",
                "unit": "point",
                "required": "60",
                "earned": "52",
                "shortfall": "8",
            }
        ],
    }
    assert len(json.dumps(outcome)) < 1_000


def test_a_pathway_not_recommended_is_the_one_that_remains(verdict: Evaluate) -> None:
    # A CCMA in grace without credit: nothing is recommended, the exam opens in a year.
    from support import CCMA

    (outcome,) = outcomes_json(verdict(CCMA, [], "2025-06-01"), compact=True)
    pathway = outcome["verdict"]["pathway"]
    assert (pathway["name"], pathway["recommended"]) == ("Take the CCMA exam again", False)
    assert pathway["next"] == {"label": "Opens", "due_on": "2026-05-02", "overdue": False}


def test_every_installed_credential_validates_both_ways(installed: Registry) -> None:
    found: list[dict[str, Any]] = []
    compact: list[dict[str, Any]] = []
    for spec in installed.credentials():
        for certified_on, as_of in [("2020-02-29", AS_OF), ("2024-12-31", "2025-01-01")]:
            facts = {"birth_date": "1990-05-05", "first_renewal": False, "member": True}
            facts |= {"originally_issued_on": certified_on}
            credential = Credential(spec.body, spec.code, "Kim", certified_on, facts=facts)
            verdict = evaluate(credential, [], as_of=as_of, registry=installed)
            found += outcomes_json(verdict)
            compact += outcomes_json(verdict, compact=True)
    missing = Credential("CA-BRN", "RN", "Rae", "2023-07-01")  # no birth date: an error
    person = Person("P-1", credentials=[PersonCredential.of(missing)])
    found += outcomes_json(evaluate(person, as_of=AS_OF, registry=installed))
    compact += outcomes_json(evaluate(person, as_of=AS_OF, registry=installed), compact=True)
    FULL.validate(found)
    COMPACT.validate(compact)
    assert compact[-1]["verdict"] is None
    assert compact[-1]["error"]["type"] == "MissingFact"


def test_the_compact_schema_ships_and_shares_the_full_ones_parts() -> None:
    package = Path(recertlib.__file__).parent
    assert Path(str(COMPACT_OUTCOMES_SCHEMA)) == package / "io" / "schemas" / (
        "compact-outcomes.schema.json"
    )
    compact, full = outcomes_schema(compact=True), outcomes_schema()
    jsonschema.Draft202012Validator.check_schema(compact)
    for shared in ("person", "error", "problem", "date", "amount"):
        assert compact["$defs"][shared] == full["$defs"][shared], shared
    assert compact["$defs"]["verdict"]["properties"]["status"]["enum"] == [
        status.value for status in recertlib.Status
    ]


def test_the_command_line_prints_the_compact_schema() -> None:
    out = io.StringIO()
    assert main(["schema", "--compact"], out, io.StringIO()) == 0
    assert json.loads(out.getvalue()) == outcomes_schema(compact=True)
