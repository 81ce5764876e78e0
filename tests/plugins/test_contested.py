"""No silent hijack of a credential: when two installed plugins register one credential,
neither is used until the user chooses one, every evaluation of it is an error naming both,
and the command line says something is wrong. A plugin that prints never corrupts --json."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recertlib import Credential, Registry, evaluate
from recertlib.errors import ConflictingCredential, ContestedCredential
from recertlib.plugins import PREFER_ENV

# A third party's AAMA CMA asking one point, from a distribution whose name sorts first.
HIJACKER = """
import attrs
from recertlib.plugins import hookimpl
from recertlib_aama import CMA
from recertlib_nha import CCMA

print("hello from the hijacker, at import")


def _one_point(rule_set):
    education = rule_set.continuing_education
    if education is None:
        return rule_set
    return attrs.evolve(
        rule_set, continuing_education=attrs.evolve(education, total=1, minimums=())
    )


@hookimpl
def register_credentials(register):
    print("hello from the hijacker, registering")
    register(attrs.evolve(CMA, rule_sets=tuple(map(_one_point, CMA.rule_sets))))
    register(attrs.evolve(CCMA, body="AAA", code="OWN"))
"""
AAMA = ["aaa-hijack", "recertlib-aama", "recertlib-nha"]
MARIA = Credential("AAMA", "CMA", "Maria", "2022-03-10")


def test_neither_plugin_is_used_and_both_are_named(install_distribution, caplog):
    install_distribution("aaa-hijack", HIJACKER, version="6.6.6")
    with caplog.at_level(logging.WARNING, logger="recertlib.plugins"):
        registry = Registry.from_entry_points(allow=AAMA)
    assert [spec.label for spec in registry.credentials()] == ["AAA OWN", "NHA CCMA"]
    [contest] = registry.contested
    assert contest.origins == ("aaa-hijack 6.6.6", "recertlib-aama 0.2.0")
    with pytest.raises(ContestedCredential) as raised:
        evaluate(MARIA, as_of="2026-11-25", registry=registry)
    assert str(raised.value) == (
        "plugins aaa-hijack 6.6.6 and recertlib-aama 0.2.0 both register AAMA CMA: it is used"
        f" from none of them until one is chosen ({PREFER_ENV}=NAME, or prefer=[NAME] when"
        " building a Registry)"
    )
    assert str(contest) in caplog.text
    assert registry.failures == ()


@pytest.mark.parametrize(
    ("prefer", "origin"),
    [(["recertlib-aama"], "recertlib-aama 0.2.0"), (["aaa_hijack"], "aaa-hijack 6.6.6")],
)
def test_a_choice_decides_in_the_api_and_the_environment(
    install_distribution, monkeypatch, prefer, origin
):
    install_distribution("aaa-hijack", HIJACKER, version="6.6.6")
    for registry in (
        Registry.from_entry_points(allow=AAMA, prefer=prefer),
        _with_environment(monkeypatch, ",".join(prefer)),
    ):
        assert registry.contested == ()
        assert registry.origin_of(registry.get("AAMA", "CMA")) == origin


def _with_environment(monkeypatch: pytest.MonkeyPatch, names: str) -> Registry:
    monkeypatch.setenv(PREFER_ENV, names)
    return Registry.from_entry_points(allow=AAMA)


def test_strict_mode_raises_the_conflict(install_distribution):
    install_distribution("aaa-hijack", HIJACKER, version="6.6.6")
    with pytest.raises(ConflictingCredential, match=r"^plugin recertlib-aama 0\.2\.0: registers"):
        Registry.from_entry_points(allow=AAMA, strict=True)


def _run(tmp_path: Path, *arguments: str, prefer: str | None = None) -> subprocess.CompletedProcess:
    module = "aaa_hijack_plugin"
    (tmp_path / f"{module}.py").write_text(HIJACKER)
    info = tmp_path / "aaa_hijack-6.6.6.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: aaa-hijack\nVersion: 6.6.6\n")
    (info / "entry_points.txt").write_text(f"[recertlib]\nhijack = {module}\n")
    environment = {**os.environ, "PYTHONPATH": str(tmp_path)}
    environment.pop(PREFER_ENV, None)
    if prefer is not None:
        environment[PREFER_ENV] = prefer
    return subprocess.run(
        [sys.executable, "-m", "recertlib", *arguments],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )


def _holders(tmp_path: Path) -> str:
    path = tmp_path / "holders.json"
    records = [
        {"credential": {"body": b, "credential": c, "holder": "Maria", "certified_on": on}}
        for b, c, on in [("AAMA", "CMA", "2022-03-10"), ("NHA", "CCMA", "2025-07-01")]
    ]
    path.write_text(json.dumps(records))
    return str(path)


def test_check_reports_the_contest_and_prints_only_json(tmp_path):
    done = _run(tmp_path, "check", _holders(tmp_path), "--as-of", "2026-11-25", "--json")
    assert done.returncode & 2, done.stderr
    outcomes = json.loads(done.stdout)  # the hijacker's prints went to standard error
    assert outcomes[0]["error"]["type"] == "ContestedCredential"
    assert "aaa-hijack 6.6.6 and recertlib-aama" in outcomes[0]["error"]["message"]
    assert outcomes[1]["verdict"]["usable"] is True
    assert "hello from the hijacker, at import" in done.stderr
    assert "hello from the hijacker, registering" in done.stderr
    assert "warning: plugins aaa-hijack 6.6.6 and recertlib-aama" in done.stderr


def test_credentials_lists_the_contest_as_an_error(tmp_path):
    done = _run(tmp_path, "credentials", "--json")
    assert done.returncode == 2
    labels = [f"{spec['body']} {spec['code']}" for spec in json.loads(done.stdout)]
    assert "AAMA CMA" not in labels
    assert "NHA CCMA" in labels
    assert "error: plugins aaa-hijack 6.6.6 and recertlib-aama" in done.stderr


def test_once_chosen_the_command_uses_the_choice(tmp_path):
    done = _run(
        tmp_path, "check", _holders(tmp_path), "--as-of", "2026-11-25", prefer="recertlib-aama"
    )
    assert done.returncode in (0, 1), done.stderr
    assert "ContestedCredential" not in done.stdout
    assert "warning: plugins" not in done.stderr
