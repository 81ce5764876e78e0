"""The benchmark runs (its figures are read by people, never asserted: see benchmarks/)."""

from __future__ import annotations

import runpy

from support import ROOT

BENCHMARK = ROOT / "benchmarks" / "evaluate_holders.py"


def test_the_benchmark_runs_on_a_few_holders(capsys):
    main = runpy.run_path(str(BENCHMARK))["main"]
    rates = main(["--holders", "20", "--repeat", "1"])
    assert set(rates) == {"evaluate", "floor", "structure"}
    assert "20 holders of 20 activities" in capsys.readouterr().out


HR_BENCHMARK = ROOT / "benchmarks" / "read_hr_export.py"


def test_the_hr_export_benchmark_runs_on_a_few_people(capsys):
    main = runpy.run_path(str(HR_BENCHMARK))["main"]
    rates = main(["--people", "20", "--repeat", "1"])
    assert set(rates) == {"evaluate", "read", "floor"}
    assert "20 people, 10 activities each" in capsys.readouterr().out
    assert set(main(["--people", "5", "--repeat", "1", "--no-evaluate"])) == {"read", "floor"}


ICS_BENCHMARK = ROOT / "benchmarks" / "write_ics.py"


def test_the_calendar_benchmark_runs_and_writes_what_icalendar_writes(capsys):
    # It checks that both ways give the same bytes before it times them.
    main = runpy.run_path(str(ICS_BENCHMARK))["main"]
    rates = main(["--people", "10", "--repeat", "1"])
    assert set(rates) == {"to_ics", "icalendar"}
    assert "(10 people), three reminders each" in capsys.readouterr().out
