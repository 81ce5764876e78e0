"""The tutorial's plugin, examples/recertlib-amt, works as the tutorial says: installed from its
folder, it is found through its entry point, evaluates a holder, passes its own tests, and
builds a wheel that carries its entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from recertlib.cli.new_plugin import files_for

PLUGIN = ROOT / "examples" / "recertlib-amt"


def pip(*arguments: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet", *arguments],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a Python that has the plugin installed, beside recertlib's own."""
    target = tmp_path_factory.mktemp("site-packages")
    # recertlib is already installed; build isolation would fetch the build backend again.
    pip("install", "--no-deps", "--no-build-isolation", "--target", str(target), str(PLUGIN))
    env = {key: value for key, value in os.environ.items() if not key.startswith("RECERTLIB_")}
    env["PYTHONPATH"] = os.pathsep.join([str(target), env.get("PYTHONPATH", "")])
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def run(env: dict[str, str], *command: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, env=env, cwd=cwd, capture_output=True, text=True, check=False, timeout=120
    )


def test_the_installed_plugin_is_listed_beside_the_shipped_ones(installed):
    done = run(installed, sys.executable, "-m", "recertlib", "credentials")
    assert done.returncode == 0, done.stderr
    assert "AMT RMA: Registered Medical Assistant (RMA) (American Medical Technologists)" in (
        done.stdout
    )
    assert "[recertlib-amt 0.1.0]" in done.stdout
    assert "employment_point (completed by 2020-12-31)" in done.stdout


def test_a_holder_is_evaluated_through_the_plugin(installed, tmp_path):
    holder = {
        "credential": {
            "body": "AMT",
            "credential": "RMA",
            "holder": "Sam Lee",
            "certified_on": "2023-03-15",
        },
        "activities": [
            {"title": "Phlebotomy update", "completed_on": "2023-11-02", "amount": "12",
             "unit": "ccp_point"},
            {"title": "Patient privacy", "completed_on": "2024-05-20", "amount": "18",
             "unit": "ccp_point"},
            {"title": "Clinic work", "completed_on": "2023-06-01", "amount": "5",
             "unit": "employment_point"},
        ],
    }  # fmt: skip
    path = tmp_path / "sam.json"
    path.write_text(json.dumps(holder))
    done = run(installed, sys.executable, "-m", "recertlib", "check", str(path), "--as-of",
               "2026-03-31", "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr  # usable on its expiry date
    (outcome,) = json.loads(done.stdout)  # --json is always a list of outcomes
    verdict = outcome["verdict"]
    assert verdict["status"] == "current"
    assert verdict["expires_on"] == "2026-03-31"
    assert verdict["recommended_pathway"] == "Complete the CCP cycle"
    assert verdict["pathways"][0]["can_recertify_now"] is True
    assert verdict["next_expiry"] == "2029-03-31"
    assert verdict["rule_sets"] == ["amt.rma.cycle", "amt.rma.ccp", "amt.rma.pathways"]
    (refused,) = [a for a in verdict["activities"] if a["refusals"]]
    assert refused["refusals"][0]["reason"] == "no_longer_accepted"


def test_the_plugins_own_tests_pass(installed):
    done = run(installed, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
               "tests", cwd=PLUGIN)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert " passed" in done.stdout


def test_the_wheel_carries_the_entry_point_and_the_type_marker(tmp_path):
    pip("wheel", "--no-deps", "--no-build-isolation", "--wheel-dir", str(tmp_path), str(PLUGIN))
    (wheel,) = tmp_path.glob("recertlib_amt-0.1.0-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        entry_points = archive.read("recertlib_amt-0.1.0.dist-info/entry_points.txt").decode()
    assert "[recertlib]\namt = recertlib_amt\n" in entry_points
    assert "recertlib_amt/py.typed" in names
    assert "recertlib_amt/rma.toml" in names


def test_the_plugin_is_the_template_with_its_rules_filled_in():
    """The tutorial starts from ``recertlib new-plugin amt --body AMT --credential RMA``: what
    the plugin does not fill in (its project and its hook) is the template's, unchanged."""
    made = files_for("amt", "AMT", "RMA")
    for path in ("pyproject.toml", "src/recertlib_amt/__init__.py"):
        assert (PLUGIN / path).read_text(encoding="utf-8") == made[path], path
    assert set(made) - {"tests/test_amt.py"} <= {
        str(path.relative_to(PLUGIN)) for path in PLUGIN.rglob("*") if path.is_file()
    }
    template_test = made["tests/test_amt.py"]
    kept = template_test[: template_test.index("\n\n\ndef test_")]
    kept_class = kept[kept.index("class TestPlugin") :]
    assert kept_class in (PLUGIN / "tests" / "test_amt.py").read_text(encoding="utf-8")
