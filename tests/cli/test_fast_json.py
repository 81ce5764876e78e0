"""``check --json``, ``plan --format json`` and ``due --json`` print the same bytes whether
orjson (the ``fast`` extra) writes them or the standard library does, over the examples, the
benchmark's generated holders of every body and names outside ASCII."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from cli_support import AS_OF, EXAMPLES, HR, run

from recertlib.io import json_text

orjson = pytest.importorskip("orjson", reason="the fast extra is not installed")

BENCHMARKS = Path(__file__).parents[2] / "benchmarks"

EXAMPLE_FILES = sorted(
    str(path)
    for folder in ("holders", "people", "invalid")
    for path in (EXAMPLES / folder).iterdir()
    if path.is_file()
)

NAMES = ["José Müller", "汉字 Li", "Zoë 😀", "line\u2028separator", "del\x7fete", "lone \udc80"]


def generated_holders(count: int) -> list[dict[str, object]]:
    """The benchmark's holders: every body, realistic histories (standard library only)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import data
    finally:
        sys.path.remove(str(BENCHMARKS))
    return list(data.holders(count, data.BODIES))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("fast-json")
    holders = generated_holders(60)
    for number, holder in enumerate(holders[: len(NAMES) * 2]):
        name = NAMES[number % len(NAMES)]
        holder["credential"]["holder"] = name  # type: ignore[index]
        for activity in holder["activities"]:  # type: ignore[attr-defined]
            activity["title"] = f"{name}: {activity['title']}"
    generated = folder / "generated.jsonl"
    # json.dumps escapes a lone surrogate; the file is read back to the same text.
    generated.write_text("".join(json.dumps(holder) + "\n" for holder in holders))
    return [*EXAMPLE_FILES, str(generated), *HR]


@pytest.mark.parametrize(
    "command",
    [
        ["check", "--json"],
        ["plan", "--format", "json"],
        ["due", "--within", "400", "--json"],
    ],
)
def test_orjson_and_the_standard_library_print_the_same_bytes(
    command: list[str], inputs: list[str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(json_text, "orjson", orjson)
    fast = run(*command, "--as-of", AS_OF, *inputs)
    monkeypatch.setattr(json_text, "orjson", None)
    standard = run(*command, "--as-of", AS_OF, *inputs)
    assert fast == standard
    code, out, _ = standard
    assert code & 2  # the invalid examples are in it
    assert "\\u00e9" in out  # non-ASCII names came through, escaped
    assert "\\udc80" in out or command[0] == "due"


def test_check_with_jobs_prints_what_the_standard_library_prints_alone(
    inputs: list[str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(json_text, "orjson", orjson)
    fast = run("check", "--json", "--as-of", AS_OF, "--jobs", "2", *inputs)
    monkeypatch.setattr(json_text, "orjson", None)
    standard = run("check", "--json", "--as-of", AS_OF, *inputs)
    assert fast == standard
