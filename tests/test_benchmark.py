"""The benchmark runs (its figures are read by people, never asserted: see benchmarks/)."""

from __future__ import annotations

import runpy
from pathlib import Path

BENCHMARK = Path(__file__).parent.parent / "benchmarks" / "evaluate_holders.py"


def test_the_benchmark_runs_on_a_few_holders(capsys):
    main = runpy.run_path(str(BENCHMARK))["main"]
    rates = main(["--holders", "20", "--repeat", "1"])
    assert set(rates) == {"evaluate", "floor", "structure"}
    assert "20 holders of 20 activities" in capsys.readouterr().out
