"""The benchmark (benchmarks/run.py): it runs, and its hand-written evaluator is an honest
yardstick. Its figures are read by people, never asserted here: a timed test only measures the
machine it runs on."""

from __future__ import annotations

import datetime
import io
import json
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from recertlib import Registry, Verdict, evaluate
from recertlib.io import structure_holder

BENCHMARKS = Path(__file__).parents[2] / "benchmarks"
SAMPLE = 300
"""How many of the benchmark's holders the two evaluators are compared on."""


@pytest.fixture(scope="module")
def bench() -> dict[str, ModuleType]:
    """The benchmark's modules, imported as the entry script imports them."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import data
        import handwritten
        import library
        import run
    finally:
        sys.path.remove(str(BENCHMARKS))
    return {"data": data, "handwritten": handwritten, "library": library, "run": run}


def test_a_quick_run_measures_every_section(bench, tmp_path, capsys):
    figures_file = tmp_path / "figures.json"
    figures = bench["run"].main(["--quick", "--json", str(figures_file)])
    sections = ["end-to-end", "bodies", "hr", "ics", "startup", "workers", "memory"]
    assert figures["meta"]["sections"] == sections
    for section in sections:
        assert section in figures
    assert json.loads(figures_file.read_text())["meta"]["sizes"]["holders"] == 60
    measured = {target["measure"] for target in figures["targets"]}
    assert "full: recertlib / hand-written" in measured
    assert "recertlib --help" in measured
    shown = capsys.readouterr().out
    assert "Targets" in shown
    assert "small: recertlib / hand-written" in shown


def test_sections_are_chosen_by_name(bench, capsys):
    figures = bench["run"].main(["--quick", "--only", "hr,workers"])
    assert figures["meta"]["sections"] == ["hr", "workers"]
    assert "end-to-end" not in figures
    with pytest.raises(SystemExit):
        bench["run"].main(["--only", "nonsense"])
    assert "unknown section nonsense" in capsys.readouterr().err


def test_the_data_is_the_same_for_a_seed(bench):
    data = bench["data"]
    first = list(data.holders(20, data.BODIES))
    assert first == list(data.holders(20, data.BODIES))
    assert first != list(data.holders(20, data.BODIES, seed=1))
    assert data.holder(6, "NHA") == first[6]  # any holder can be made again on its own


# --- the hand-written evaluator agrees with recertlib ----------------------------------------


def _shortfalls(verdict: Verdict) -> dict[str, Decimal]:
    credit = next(p for p in verdict.pathways if p.requirements)
    return {requirement.name: requirement.shortfall for requirement in credit.requirements}


def _pathways(verdict: Verdict) -> list[tuple[Any, ...]]:
    return [
        (
            p.name,
            p.kind.value,
            p.opens_on,
            p.closes_on,
            p.is_open,
            p.achievable,
            p.exam_passed,
            p.can_recertify_now,
            p.next_expiry,
        )
        for p in verdict.pathways
    ]


def _by_hand_pathways(result: Any) -> list[tuple[Any, ...]]:
    return [
        (
            p.name,
            p.kind,
            p.opens,
            p.closes,
            p.is_open,
            p.achievable,
            p.exam_passed,
            p.ready,
            p.next_expiry,
        )
        for p in result.pathways
    ]


def _activities(verdict: Verdict) -> list[tuple[Any, ...]]:
    # Which capped credit counts is the allocation's free choice when several placements are
    # equally good, so over-cap refusals are not compared; every other reason is decided.
    return [
        (
            result.activity.title,
            result.credit,
            sorted(r.reason.value for r in result.refusals if r.reason.value != "over_cap"),
        )
        for result in verdict.activities
    ]


def _by_hand_activities(result: Any) -> list[tuple[Any, ...]]:
    return [
        (
            credit.activity["title"],
            credit.amount,
            sorted(reason for reason, _ in credit.reasons if reason != "over_cap"),
        )
        for credit in result.activities
    ]


def _small(output: dict[str, Any]) -> dict[str, Any]:
    return {**output, "shortfalls": {k: Decimal(v) for k, v in output["shortfalls"].items()}}


@pytest.mark.parametrize(
    "as_of",
    [
        None,  # the benchmark's own date
        "2020-02-15",  # in the AAMA's 2020 transition
        "2024-03-31",
        "2027-06-30",
    ],
)
def test_the_hand_written_evaluator_agrees_with_recertlib(bench, installed: Registry, as_of):
    data, handwritten, library = bench["data"], bench["handwritten"], bench["library"]
    on = data.AS_OF if as_of is None else datetime.date.fromisoformat(as_of)
    seen: Counter[str] = Counter()
    for record in data.holders(SAMPLE, data.HANDWRITTEN_BODIES):
        holder = structure_holder(record)
        verdict = evaluate(holder.credential, holder.activities, as_of=on, registry=installed)
        result = handwritten.evaluate(record, on)
        label = f"{record['credential']['holder']} on {on}"
        assert result.status == verdict.status.value, label
        assert result.usable == verdict.usable, label
        assert result.expires == verdict.expires_on, label
        assert {n: result.standing.shortfall(n) for n in result.standing.required} == (
            _shortfalls(verdict)
        ), label
        assert _small(handwritten.small(result)) == _small(library.small(verdict)), label
        assert _by_hand_pathways(result) == _pathways(verdict), label
        assert _by_hand_activities(result) == _activities(verdict), label
        seen[verdict.status.value] += 1
        seen["met" if result.standing.met() else "short"] += 1
        seen.update(reason for credit in result.activities for reason, _ in credit.reasons)
    # The sample exercises the rules, not only the easy cases.
    assert seen["met"]
    assert seen["short"]
    if as_of is None:
        for case in ("current", "grace", "lapsed", "duplicate", "over_cap", "outside_window"):
            assert seen[case], (case, seen)
        for case in ("unknown_unit", "unknown_area", "too_short", "after_as_of"):
            assert seen[case], (case, seen)


def test_the_hand_written_evaluator_writes_json_lines(bench):
    data, handwritten = bench["data"], bench["handwritten"]
    text = data.json_lines(data.holders(10, data.HANDWRITTEN_BODIES)) + "\n{not json}\n"
    out = io.StringIO()
    assert handwritten.run(text.splitlines(), out, data.AS_OF) == 11
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines[0]["status"] == "current"
    assert lines[0]["pathways"]
    assert lines[0]["activities"]
    assert "error" in lines[-1]


def test_the_dask_benchmark_runs_every_contender_on_the_same_files(capsys):
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import dask_cluster
    finally:
        sys.path.remove(str(BENCHMARKS))
    figures = dask_cluster.main(["--quick"])
    assert (figures["holders"], figures["partitions"]) == (40, 4)
    assert figures["same_outcomes"] is True
    assert list(figures["rows"]) == [
        "one process, no Dask",
        "evaluate_records(workers=2), no Dask",
        "LocalCluster, 1 worker process",
        "LocalCluster, 2 worker processes",
    ]
    assert all(len(row["seconds"]) == 1 for row in figures["rows"].values())
    assert "LocalCluster, 2 worker processes" in capsys.readouterr().out


def test_the_dask_frames_benchmark_gives_every_contender_the_same_export(capsys):
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import dask_frames
    finally:
        sys.path.remove(str(BENCHMARKS))
    figures = dask_frames.main(["--quick"])
    assert (figures["people"], figures["partitions"]) == (40, 3)
    assert figures["same_outcomes"] is True
    assert list(figures["rows"]) == [
        "one process, read_hr_export",
        "LocalCluster, 1 worker process",
        "LocalCluster, 2 worker processes",
    ]
    assert "people/s" in capsys.readouterr().out
