"""A Dask bag of records evaluated on a cluster of two worker processes, and on Dask's
synchronous scheduler, gives the outcomes one process gives: the same labels, verdicts and
errors, as the same JSON bytes, in the same order within each partition."""

from __future__ import annotations

import io
import json
import pickle
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import dask
import dask.bag
import pytest
from support import ROOT

import recertlib.dask as recertlib_dask
from recertlib import InvalidInput, Outcome, evaluate_records, read_people, read_records
from recertlib.cli import main
from recertlib.dask import (
    PluginChoice,
    PluginsDiffer,
    evaluate_bag,
    plugin_choice,
    read_lines,
    records_of_partition,
    worker_registry,
)
from recertlib.errors import UnknownCredential
from recertlib.io import holder_record, outcomes_json
from recertlib.plugins import PluginSettings

AS_OF = "2026-11-25"
HOLDERS_PER_FILE = 25
FILES = 4


def _bad_lines(number: int) -> list[bytes]:
    """Lines that are refused one by one, each in its own way."""
    unknown = {"credential": {"body": "NOPE", "credential": "X", "holder": f"Nemo {number}"}}
    unknown["credential"]["certified_on"] = "2024-01-01"
    impossible = {
        "credential": {
            "body": "AAMA",
            "credential": "CMA",
            "holder": f"Feb {number}",
            "certified_on": "2022-02-30",
        }
    }
    return [
        json.dumps(unknown).encode() + b"\n",
        json.dumps(impossible).encode() + b"\n",
        b"not json\n",
        b"\n",  # blank: skipped, but counted in the line numbers
        b'{"credential": "caf\xe9"}\n',  # not UTF-8
        b"[1, 2]\n",
    ]


@pytest.fixture(scope="module")
def partitioned(tmp_path_factory: pytest.TempPathFactory, generated: ModuleType) -> list[Path]:
    """Partitioned JSON Lines files: generated holders dealt over the five bodies, bad lines
    among them, a file of people, and a file whose first line bears a byte order mark."""
    folder = tmp_path_factory.mktemp("partitioned")
    paths = []
    holders = list(generated.holders(HOLDERS_PER_FILE * FILES))
    for index in range(FILES):
        lines = [
            json.dumps(holder).encode() + b"\n"
            for holder in holders[index * HOLDERS_PER_FILE : (index + 1) * HOLDERS_PER_FILE]
        ]
        lines[7:7] = _bad_lines(index)
        if index == 1:
            lines[0] = b"\xef\xbb\xbf" + lines[0]
        path = folder / f"part-{index}.jsonl"
        path.write_bytes(b"".join(lines))
        paths.append(path)
    people = folder / "part-people.jsonl"
    people.write_bytes((ROOT / "examples/people/staff.jsonl").read_bytes())
    paths.append(people)
    return paths


def _one_process(paths: list[Path]) -> list[str]:
    """Each credential's outcome as a line of JSON, as ``check --json`` prints it, evaluated
    in this process."""
    return [
        json.dumps(found)
        for path in paths
        for evaluated in evaluate_records(read_records(path), as_of=AS_OF)
        for found in outcomes_json(evaluated)
    ]


@pytest.fixture(autouse=True)
def _registries_built_for_each_test(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recertlib_dask, "_registries", {})


def test_two_worker_processes_give_the_outcomes_of_one_process(cluster, partitioned):
    alone = _one_process(partitioned)
    bag = read_lines(str(partitioned[0].parent / "part-*.jsonl"))
    assert bag.npartitions == FILES + 1
    shared = evaluate_bag(bag, as_of=AS_OF, as_json=True).compute()
    assert shared == alone
    verdicts = [json.loads(line)["verdict"] for line in alone]
    bodies = {verdict["credential"]["body"] for verdict in verdicts if verdict is not None}
    assert bodies == {"AAMA", "NHA", "NREMT", "NCCPA", "CA-BRN"}
    # Each file's bad lines but the blank one, which is skipped.
    assert sum(json.loads(line)["error"] is not None for line in alone) == 5 * FILES


def test_outcome_objects_come_back_from_the_workers_as_one_process_makes_them(cluster, partitioned):
    bag = read_lines([str(path) for path in partitioned[:2]])
    shared = evaluate_bag(bag, as_of=AS_OF).compute()
    alone = [
        evaluated
        for path in partitioned[:2]
        for evaluated in evaluate_records(read_records(path), as_of=AS_OF)
    ]
    assert [o.label for o in shared] == [o.label for o in alone]
    assert [o.value for o in shared] == [o.value for o in alone]
    assert [(type(o.error), str(o.error)) for o in shared] == [
        (type(o.error), str(o.error)) for o in alone
    ]
    assert isinstance(shared[7].error, UnknownCredential)


def test_each_worker_process_loads_the_plugins_through_their_entry_points_once(
    cluster, partitioned
):
    choice = plugin_choice()

    def loaded() -> tuple[int, dict[str, str]]:
        registry = worker_registry(choice)
        return id(registry), registry.plugins

    def kept() -> list[int]:
        return [id(registry) for registry in recertlib_dask._registries.values()]

    first = cluster.run(loaded)
    assert len(first) == 2
    assert all(plugins == dict(choice.expected) for _, plugins in first.values())
    assert len(choice.expected) == 5
    bag = read_lines(str(partitioned[0].parent / "part-*.jsonl"))
    for _ in range(2):
        evaluate_bag(bag, as_of=AS_OF, plugins=choice).compute()
    # Every partition of both runs was evaluated with the registry each process built first.
    assert cluster.run(kept) == {worker: [id_] for worker, (id_, _) in first.items()}


@pytest.mark.parametrize("files_per_partition", [1, 2, 5])
def test_files_read_together_in_one_task_keep_their_own_line_numbers(
    synchronous, partitioned, files_per_partition
):
    bag = read_lines([str(path) for path in partitioned], files_per_partition=files_per_partition)
    assert bag.npartitions == -(-len(partitioned) // files_per_partition)
    shared = evaluate_bag(bag, as_of=AS_OF, as_json=True).compute()
    assert shared == _one_process(partitioned)


def test_a_whole_file_problem_is_one_error_outcome_as_the_command_line_reports_it(
    synchronous, tmp_path
):
    utf16 = tmp_path / "utf16.jsonl"
    utf16.write_bytes('{"credential": {}}\n'.encode("utf-16"))
    blank = tmp_path / "blank.jsonl"
    blank.write_bytes(b"\n  \n")
    for path in (utf16, blank):
        with pytest.raises(InvalidInput):
            list(read_records(path))
    out = io.StringIO()
    main(["check", "--json", "--as-of", AS_OF, str(utf16), str(blank)], out, io.StringIO())
    by_the_command = json.loads(out.getvalue())
    shared = evaluate_bag(read_lines([str(utf16), str(blank)]), as_of=AS_OF, as_json=True)
    assert [json.loads(line) for line in shared.compute()] == by_the_command
    assert [item["record"] for item in by_the_command] == [str(utf16), str(blank)]
    assert "UTF-16" in by_the_command[0]["error"]["message"]
    assert "empty file" in by_the_command[1]["error"]["message"]


def test_lines_end_where_one_process_ends_them(synchronous, tmp_path):
    # Only a line feed ends a line, as read_records reads a file: a lone carriage return is
    # inside the line (here, two records on one line: an error), and CRLF ends one.
    record = json.dumps(
        {
            "credential": {
                "body": "NHA",
                "credential": "CCMA",
                "holder": "Ben",
                "certified_on": "2024-12-01",
            }
        }
    )
    path = tmp_path / "returns.jsonl"
    path.write_bytes(f"{record}\r{record}\n{record}\r\n{record}".encode())
    shared = evaluate_bag(read_lines(str(path)), as_of=AS_OF, as_json=True).compute()
    assert shared == _one_process([path])
    assert [json.loads(line)["error"] is None for line in shared] == [False, True, True]


def test_lines_without_their_path_are_numbered_within_their_partition(synchronous):
    lines = [
        '{"credential": {"body": "AAMA", "credential": "CMA", "certified_on": "2022-03-10"}}\n',
        "\n",
        "not json\n",
        '{"credential": {"body": "AAMA", "credential": "CMA", "holder": "Ann",'
        ' "certified_on": "2022-03-10"}}\n',
    ]
    bag = dask.bag.from_sequence(lines * 2, npartitions=2)
    outcomes = evaluate_bag(bag, as_of=AS_OF).compute()
    assert [outcome.label for outcome in outcomes] == [
        f"partition {partition} line {line}"
        for partition in (0, 1)
        for line in ("1", "3", "4 (holder 'Ann')")
    ]
    assert str(outcomes[1].error) == "partition 0 line 3: column 1: not JSON: Expecting value"
    alone = list(
        evaluate_records(read_records(io.StringIO("".join(lines)), format="jsonl"), as_of=AS_OF)
    )
    assert [o.value for o in outcomes[:3]] == [o.value for o in alone]


def test_parsed_records_are_numbered_and_labelled_pairs_keep_their_label(synchronous):
    holder = {
        "credential": {
            "body": "NHA",
            "credential": "CCMA",
            "holder": "Ben",
            "certified_on": "2024-12-01",
        }
    }
    elements = [holder, ("HR row 17", holder), 42, ("HR row 18", {"credential": {}})]
    outcomes = list(records_of_partition(elements, 3))
    assert [outcome.label for outcome in outcomes] == [
        "partition 3 record 1 (holder 'Ben')",
        "HR row 17 (holder 'Ben')",
        "partition 3 record 3",
        "HR row 18",
    ]
    assert outcomes[0].value == outcomes[1].value is not None
    assert str(outcomes[2].error) == str(holder_record(42, "partition 3 record 3").error)
    assert str(outcomes[3].error).startswith("HR row 18: 4 problems:\n  - $.credential.body: ")
    evaluated = evaluate_bag(dask.bag.from_sequence(elements, npartitions=1), as_of=AS_OF)
    assert [o.label for o in evaluated.compute()] == [
        o.label.replace("partition 3", "partition 0") for o in outcomes
    ]


def test_records_may_be_read_as_people_only(synchronous):
    path = ROOT / "examples/people/staff.jsonl"
    shared = evaluate_bag(read_lines(str(path)), as_of=AS_OF, kind="person").compute()
    assert [o.label for o in shared] == [
        o.label for o in evaluate_records(read_people(path.resolve()), as_of=AS_OF)
    ]
    holder = {"credential": {"body": "AAMA", "credential": "CMA", "certified_on": "2022-03-10"}}
    [person] = evaluate_bag(dask.bag.from_sequence([holder]), as_of=AS_OF, kind="person").compute()
    assert person.error is not None
    assert "$.id" in str(person.error)
    with pytest.raises(ValueError, match="kind must be 'record', 'holder' or 'person'"):
        evaluate_bag(dask.bag.from_sequence([holder]), kind="people")  # type: ignore[arg-type]


def test_the_evaluation_date_is_checked_once_in_the_client():
    with pytest.raises(InvalidInput, match="as_of"):
        evaluate_bag(dask.bag.from_sequence(["{}"]), as_of="2026-02-30")


def test_the_workers_load_the_plugins_the_client_chose(synchronous, monkeypatch):
    monkeypatch.setenv("RECERTLIB_PLUGINS", "recertlib-aama")
    choice = plugin_choice()
    assert choice.settings.allow == ("recertlib-aama",)
    assert [origin.split(" ")[0] for _, origin in choice.expected] == ["recertlib-aama"]
    monkeypatch.delenv("RECERTLIB_PLUGINS")
    # The workers' own environment no longer chooses: the client's choice travels with the bag.
    records = [
        {
            "credential": {
                "body": body,
                "credential": code,
                "holder": "H",
                "certified_on": "2024-12-01",
            }
        }
        for body, code in [("AAMA", "CMA"), ("NHA", "CCMA")]
    ]
    cma, ccma = evaluate_bag(
        dask.bag.from_sequence(records, npartitions=1), as_of=AS_OF, plugins=choice
    ).compute()
    assert cma.value is not None
    assert isinstance(ccma.error, UnknownCredential)
    everything = plugin_choice()
    assert everything.settings.allow is None
    assert len(everything.expected) == 5


def test_autoload_switched_off_in_the_client_loads_no_plugin(monkeypatch):
    monkeypatch.setenv("RECERTLIB_DISABLE_PLUGIN_AUTOLOAD", "1")
    choice = plugin_choice()
    assert choice.settings.allow == ()
    assert choice.expected == ()


def test_a_worker_with_other_plugins_refuses_to_evaluate(synchronous):
    installed = plugin_choice()
    claimed = (("recertlib-aama", "recertlib-aama 0.0.1"),)
    elsewhere = PluginChoice(PluginSettings(), claimed)
    bag = dask.bag.from_sequence(["{}"], npartitions=1)
    with pytest.raises(PluginsDiffer, match=r"but the client loaded \{recertlib-aama 0\.0\.1\}"):
        evaluate_bag(bag, as_of=AS_OF, plugins=elsewhere).compute()
    assert elsewhere not in recertlib_dask._registries
    error = PluginsDiffer("w", dict(installed.expected), dict(claimed))
    assert str(pickle.loads(pickle.dumps(error))) == str(error)


def test_a_registry_is_built_once_per_choice_in_a_process(monkeypatch):
    built = []
    registry_of = PluginChoice.registry

    def counted(choice: PluginChoice):
        built.append(choice)
        return registry_of(choice)

    monkeypatch.setattr(PluginChoice, "registry", counted)
    choice = plugin_choice()
    built.clear()
    bag = dask.bag.from_sequence(["{}"] * 10, npartitions=5)
    evaluate_bag(bag, as_of=AS_OF, plugins=choice).compute(scheduler="synchronous")
    evaluate_bag(bag, as_of=AS_OF, plugins=choice).compute(scheduler="threads")
    assert built == [choice]
    assert worker_registry(choice) is worker_registry(choice)


def test_outcomes_written_as_text_files_are_the_outcomes_of_one_process(
    synchronous, partitioned, tmp_path
):
    lines = evaluate_bag(read_lines([str(p) for p in partitioned]), as_of=AS_OF, as_json=True)
    lines.to_textfiles(str(tmp_path / "out-*.jsonl"), last_endline=True)
    written = [
        line
        for index in range(len(partitioned))
        for line in (tmp_path / f"out-{index}.jsonl").read_text("utf-8").splitlines()
    ]
    assert written == _one_process(partitioned)


def test_an_error_outcome_of_a_worker_pickles_with_its_message():
    [outcome] = records_of_partition(["not json\n"], 0)
    again = pickle.loads(pickle.dumps(outcome))
    assert isinstance(again, Outcome)
    assert type(again.error) is type(outcome.error) is InvalidInput
    assert str(again.error) == str(outcome.error)
    assert str(again.error).startswith("partition 0 line 1: column 1: not JSON")


def test_importing_recertlib_imports_no_dask():
    code = (
        "import sys, recertlib\n"
        "for name in recertlib.__all__: getattr(recertlib, name)\n"
        "import recertlib.io, recertlib.engine, recertlib.cli\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_without_the_extra_the_import_error_says_how_to_install_it():
    code = (
        "import sys\n"
        "sys.modules['dask'] = None\n"
        "try:\n"
        "    import recertlib.dask\n"
        "except ImportError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'recertlib[dask]'" in done.stdout


def test_refused_records_still_reach_worker_processes_once_distributed_is_imported():
    # Importing distributed installs tblib's pickling of exceptions, which sends an error's
    # __context__ along with it: a cattrs error there could not be rebuilt in the worker.
    code = (
        "import recertlib.io, cattrs\n"
        "import distributed\n"
        "from recertlib import evaluate_records\n"
        "from recertlib.io import read_holders\n"
        "records = read_holders('examples/invalid/batch-with-bad-records.json')\n"
        "print([o.ok for o in evaluate_records(records, as_of='2026-11-25', workers=2)])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[True, False, False, True]"
