"""``recertlib new-plugin NAME`` makes a distribution that installs, is found through its entry
point, and whose tests, made with the kit, pass."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from recertlib.cli import main
from recertlib.rules.data import read_credential


def new_plugin(*arguments: str) -> tuple[int, str, str]:
    import io

    out, err = io.StringIO(), io.StringIO()
    code = main(["new-plugin", *arguments], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def pip(*arguments: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet", *arguments],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    into = tmp_path_factory.mktemp("plugins")
    code, out, err = new_plugin(
        "acme-health", "--body", "ACME", "--credential", "CMT", "--into", str(into)
    )
    assert (code, err) == (0, "")
    assert out.startswith(f"made {into / 'recertlib-acme-health'}/ for the ACME CMT credential:")
    return into / "recertlib-acme-health"


def test_the_distribution_has_every_file_a_plugin_needs(made: Path):
    found = sorted(str(path.relative_to(made)) for path in made.rglob("*") if path.is_file())
    assert found == [
        "README.md",
        "pyproject.toml",
        "src/recertlib_acme_health/__init__.py",
        "src/recertlib_acme_health/cmt.toml",
        "src/recertlib_acme_health/py.typed",
        "tests/test_acme_health.py",
    ]
    project = tomllib.loads((made / "pyproject.toml").read_text())
    assert project["project"]["name"] == "recertlib-acme-health"
    assert project["project"]["entry-points"]["recertlib"] == {
        "acme-health": "recertlib_acme_health"
    }
    assert project["tool"]["pytest"]["ini_options"]["recertlib_plugin"] == "recertlib-acme-health"
    assert "| [RULES] |" in (made / "README.md").read_text()


def test_its_rules_file_is_a_credential_with_a_sources_table(made: Path):
    spec = read_credential(made / "src" / "recertlib_acme_health" / "cmt.toml")
    assert (spec.body, spec.code) == ("ACME", "CMT")
    assert [source.key for source in spec.sources] == ["RULES"]
    assert [rule_set.id for rule_set in spec.rule_sets] == ["acme-health.cmt"]


def test_it_installs_and_its_tests_pass(made: Path, tmp_path: Path):
    target = tmp_path / "site-packages"
    # recertlib is already installed; build isolation would fetch the build backend again.
    pip("install", "--no-deps", "--no-build-isolation", "--target", str(target), str(made))
    env = {key: value for key, value in os.environ.items() if not key.startswith("RECERTLIB_")}
    env["PYTHONPATH"] = os.pathsep.join([str(target), env.get("PYTHONPATH", "")])

    def pytest_run(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *arguments],
            cwd=made,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    # The verdict snapshots are written once, to be reviewed, then checked.
    recorded = pytest_run("--recertlib-update-snapshots")
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    assert (made / "tests" / "snapshots" / "acme-cmt.json").is_file()
    checked = pytest_run("-rA")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    check = "test_every_pathway_is_open_on_some_date[ACME CMT]"
    assert f"PASSED tests/test_acme_health.py::TestPlugin::{check}" in checked.stdout
    assert "12 passed" in checked.stdout  # the kit's 11 checks and the credential's own test


def test_its_wheel_carries_the_entry_point_the_rules_file_and_the_type_marker(
    made: Path, tmp_path: Path
):
    pip("wheel", "--no-deps", "--no-build-isolation", "--wheel-dir", str(tmp_path), str(made))
    (wheel,) = tmp_path.glob("recertlib_acme_health-0.1.0-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        entry_points = archive.read("recertlib_acme_health-0.1.0.dist-info/entry_points.txt")
    assert b"[recertlib]\nacme-health = recertlib_acme_health\n" in entry_points
    assert "recertlib_acme_health/py.typed" in names
    assert "recertlib_acme_health/cmt.toml" in names


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["Acme"], "NAME 'Acme' is not a distribution's short name"),
        (["acme_health"], "NAME 'acme_health' is not a distribution's short name"),
        (["acme", "--body", "AC ME"], "--body 'AC ME' is no code"),
        (["acme", "--credential", ""], "--credential '' is no code"),
    ],
)
def test_a_bad_name_writes_nothing(tmp_path, arguments, message):
    code, out, err = new_plugin(*arguments, "--into", str(tmp_path))
    assert (code, out) == (2, "")
    assert message in err
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_never_overwritten(tmp_path):
    (tmp_path / "recertlib-acme").mkdir()
    (tmp_path / "recertlib-acme" / "keep.txt").write_text("mine")
    code, _, err = new_plugin("acme", "--into", str(tmp_path))
    assert code == 2
    assert "already exists; nothing was written" in err
    assert [path.name for path in (tmp_path / "recertlib-acme").iterdir()] == ["keep.txt"]


def test_its_package_passes_mypy_strict(made: Path):
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "src"],
        cwd=made,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
