"""The golden corpus: verdict JSON for the examples and for a seeded, generated set of holders
and people of every installed credential at its boundary dates, written so that a change that
must not change verdicts (a move, an optimisation, rules rewritten as data) can prove it.

    python scripts/golden.py write DIR      # write the corpus into DIR (one file per group)
    python scripts/golden.py compare A B    # compare two corpora byte for byte

Record the corpus before the change and again after it; ``compare`` names every file and
record that differs. The corpus is output, never committed: it is written from the code and
the plugins installed, with ``PYTHONHASHSEED=0`` so that two runs of the same code agree.

Each record is one outcome in the shape of ``recertlib check --json`` (a verdict or the error
that kept it from one), followed by the dated plan made from it. The generated holders are
drawn from each credential's own rules (its units, areas, approver, tags and exam records, and
units it does not take), certified on dates that matter (month ends, leap days, the first of
a year) and evaluated on every date where a verdict changes: the day before and the first day
of the cycle, the expiry and the day after, and the first and last day of each pathway with
the days either side.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import random
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES_AS_OF = "2026-11-25"
SEED = 20261207
HOLDERS_PER_CREDENTIAL = 24
PEOPLE = 60

warnings.simplefilter("ignore", DeprecationWarning)


def _reexec_with_fixed_hash_seed() -> None:
    if os.environ.get("PYTHONHASHSEED") != "0":
        environment = {**os.environ, "PYTHONHASHSEED": "0"}
        sys.exit(subprocess.call([sys.executable, *sys.argv], env=environment))


def _api() -> dict[str, Any]:
    """The names the corpus needs, wherever this version of recertlib keeps them."""
    import recertlib

    found: dict[str, Any] = {name: getattr(recertlib, name) for name in _TOP_LEVEL}
    for name, homes in _ELSEWHERE.items():
        for home in homes:
            try:
                module = __import__(home, fromlist=[name])
                found[name] = getattr(module, name)
                break
            except (ImportError, AttributeError):
                continue
        else:
            raise ImportError(f"cannot find {name} in {homes}")
    return found


_TOP_LEVEL = (
    "Activity",
    "Credential",
    "Person",
    "PersonCredential",
    "Registry",
    "RecertlibError",
    "InvalidInput",
    "evaluate",
    "plan_for",
    "unstructure",
)
_ELSEWHERE = {
    "outcome_json": ("recertlib.io", "recertlib.cli"),
    "Outcome": ("recertlib", "recertlib.batch"),
    "Part": ("recertlib.rules",),
}


def _dump(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


# --- what a credential's rules take ----------------------------------------------------------


class Vocabulary:
    """What activities for one credential may be made of, read from its rules."""

    def __init__(self, spec: Any, api: dict[str, Any]) -> None:
        part = api["Part"]
        self.spec = spec
        units: set[str] = {"contact_hour", "iacet_ceu", "semester_credit", "clock_hour"}
        areas: set[str] = set()
        tags: set[str] = {"ethics"}
        approvers: set[str] = {"OTHER-BODY"}
        measured: set[str] = set()
        for rule_set in spec.history(part.CONTINUING_EDUCATION):
            education = rule_set.continuing_education
            units.update(conversion.unit for conversion in education.conversions)
            areas.update(education.areas or ())
            if education.approver:
                approvers.add(education.approver)
            for selector in self._selectors(education):
                tags.update(selector.tags or ())
            for requirement in education.all_requirements():
                measured.update(requirement.measured_units())
        for rule_set in spec.history(part.PATHWAYS):
            for pathway in rule_set.pathways:
                measured.update(pathway.exam_units)
        self.units = sorted(units | {"unknown_unit"})
        self.areas = sorted(areas) or [None]
        self.tags = sorted(tags)
        self.approvers = sorted(approvers)
        self.measured = sorted(measured)

    @staticmethod
    def _selectors(education: Any) -> Iterator[Any]:
        for item in (*education.minimums, *education.caps, *education.minimum_lengths):
            yield item.selector
        stack = list(education.requirements)
        while stack:
            requirement = stack.pop()
            if hasattr(requirement, "selector"):
                yield requirement.selector
            tags = getattr(requirement, "tags", None)
            if tags:
                yield type("Tagged", (), {"tags": tags})()
            stack.extend(getattr(requirement, "members", ()))


# --- generated records -----------------------------------------------------------------------

_SPECIAL_DAYS = (
    datetime.date(2016, 2, 29),
    datetime.date(2019, 12, 31),
    datetime.date(2020, 1, 1),
    datetime.date(2020, 2, 29),
    datetime.date(2021, 6, 30),
    datetime.date(2021, 7, 1),
    datetime.date(2022, 3, 31),
    datetime.date(2023, 1, 31),
    datetime.date(2024, 2, 29),
    datetime.date(2024, 12, 31),
)


def _certified_on(rng: random.Random, index: int) -> datetime.date:
    if index < len(_SPECIAL_DAYS):
        return _SPECIAL_DAYS[index]
    return datetime.date(2012, 1, 1) + datetime.timedelta(days=rng.randrange(14 * 365))


def _activity(rng: random.Random, words: Vocabulary, start: datetime.date, n: int) -> dict:
    measured = words.measured and rng.random() < 0.08
    unit = rng.choice(words.measured) if measured else rng.choice(words.units)
    completed = start + datetime.timedelta(days=rng.randrange(-120, 4 * 365))
    activity: dict[str, Any] = {
        "title": f"Course {n % 17}",
        "completed_on": completed.isoformat(),
        "amount": "1" if measured else rng.choice(["0.5", "1", "1.5", "2", "3", "6", "10", "12"]),
        "unit": unit,
        "provider": rng.choice(["", "Provider A", "Provider B"]),
    }
    area = rng.choice(words.areas)
    if area is not None and rng.random() < 0.9:
        activity["area"] = area
    if rng.random() < 0.6:
        activity["approved_by"] = rng.sample(words.approvers, rng.randint(1, len(words.approvers)))
    if rng.random() < 0.2:
        activity["tags"] = rng.sample(words.tags, 1)
    if rng.random() < 0.1 and words.areas[0] is not None:
        activity["other_areas"] = rng.sample(words.areas, 1)
    if rng.random() < 0.1:
        activity["certificate_id"] = f"C-{rng.randrange(6)}"
    if rng.random() < 0.1:
        activity["started_on"] = (
            completed - datetime.timedelta(days=rng.randrange(90))
        ).isoformat()
    return activity


def _facts(rng: random.Random, certified: datetime.date) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    if rng.random() < 0.9:
        facts["birth_date"] = rng.choice(
            ["1980-02-29", "1975-12-31", "1990-06-15", "1988-01-01", "1999-03-31"]
        )
    if rng.random() < 0.7:
        facts["member"] = rng.random() < 0.5
    if rng.random() < 0.5:
        facts["first_renewal"] = rng.random() < 0.5
    if rng.random() < 0.85:
        back = rng.choice([0, 0, 2, 4, 6, 8])
        facts["originally_issued_on"] = (
            certified.replace(year=certified.year - back, day=min(certified.day, 28)).isoformat()
            if back
            else certified.isoformat()
        )
    return facts


def _boundaries(verdict: Any) -> list[datetime.date]:
    one = datetime.timedelta(days=1)
    start, expiry = verdict.cycle.starts_on, verdict.expires_on
    found = {start - one, start, expiry, expiry + one}
    for pathway in verdict.pathways:
        found.update({pathway.opens_on - one, pathway.opens_on})
        if pathway.closes_on is not None:
            found.update({pathway.closes_on, pathway.closes_on + one})
        for step in pathway.deadlines:
            found.update({step.due_on, step.due_on + one})
    return sorted(
        day for day in found if datetime.date(1900, 1, 1) < day < datetime.date(2100, 1, 1)
    )


# --- the corpus --------------------------------------------------------------------------------


class Corpus:
    def __init__(self, api: dict[str, Any], registry: Any) -> None:
        self.api = api
        self.registry = registry

    def record(self, label: str, verdict: Any, error: Any) -> str:
        outcome = self.api["outcome_json"](self.api["Outcome"](label, verdict, error))
        plan = None
        if verdict is not None:
            plan = self.api["unstructure"](self.api["plan_for"](verdict))
        return _dump({"outcome": outcome, "plan": plan})

    def holder(self, label: str, credential: Any, activities: list[Any], as_of: Any) -> str:
        try:
            verdict = self.api["evaluate"](
                credential, activities, as_of=as_of, registry=self.registry
            )
        except self.api["RecertlibError"] as error:
            return self.record(label, None, error)
        return self.record(label, verdict, None)

    def person(self, label: str, person: Any, as_of: Any) -> list[str]:
        evaluated = self.api["evaluate"](person, as_of=as_of, registry=self.registry)
        return [
            self.record(
                f"{label} {credential.body} {credential.credential}",
                getattr(outcome, "value", None) or getattr(outcome, "verdict", None),
                outcome.error,
            )
            for credential, outcome in zip(person.credentials, evaluated.outcomes, strict=True)
        ]


def _examples(corpus: Corpus) -> Iterator[tuple[str, list[str]]]:
    command = [
        sys.executable,
        "-W",
        "ignore",
        "-m",
        "recertlib",
        "check",
        "--json",
        "--as-of",
        EXAMPLES_AS_OF,
    ]
    groups = {
        "examples-holders": sorted(str(p) for p in (ROOT / "examples" / "holders").glob("*.json")),
        "examples-people": [
            str(ROOT / "examples" / "people" / "maria.json"),
            str(ROOT / "examples" / "people" / "staff.jsonl"),
        ],
        "examples-invalid": sorted(str(p) for p in (ROOT / "examples" / "invalid").glob("*.json*")),
    }
    for name, files in groups.items():
        yield name, [_run(command + files)]
    for folder in ("people", "invalid"):
        hr = ROOT / "examples" / folder / "hr"
        # An export laid out by a mapping file is read with it; one in recertlib's own
        # names (and the example's as it was before mapping files) by its id column.
        mapping = hr / "mapping.toml"
        layout = (
            ["--mapping", str(mapping)]
            if mapping.exists()
            else ["--column", "person_id=Employee ID"]
        )
        yield (
            f"examples-{folder}-hr",
            [
                _run(
                    [
                        *command,
                        "--people-csv",
                        str(hr / "people.csv"),
                        "--activities-csv",
                        str(hr / "activities.csv"),
                        *layout,
                    ]
                )
            ],
        )


def _run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    return _dump({"exit": done.returncode, "stdout": done.stdout, "stderr": done.stderr})


def _generated(corpus: Corpus, spec: Any) -> list[str]:
    api = corpus.api
    words = Vocabulary(spec, api)
    rng = random.Random(f"{SEED}-{spec.body}-{spec.code}")
    lines: list[str] = []
    for index in range(HOLDERS_PER_CREDENTIAL):
        certified = _certified_on(rng, index)
        facts = _facts(rng, certified)
        credential = api["Credential"](
            spec.body, spec.code, f"H{index}", certified.isoformat(), facts=facts
        )
        activities = [
            api["Activity"](**_activity(rng, words, certified, n)) for n in range(rng.randrange(26))
        ]
        try:
            probe = api["evaluate"](credential, [], as_of=certified, registry=corpus.registry)
        except api["RecertlibError"] as error:
            lines.append(corpus.record(f"{spec.label} H{index} probe", None, error))
            continue
        for day in _boundaries(probe):
            lines.append(corpus.holder(f"{spec.label} H{index} {day}", credential, activities, day))
    return lines


def _people(corpus: Corpus, specs: list[Any]) -> list[str]:
    api = corpus.api
    rng = random.Random(f"{SEED}-people")
    lines: list[str] = []
    vocabularies = {spec.label: Vocabulary(spec, api) for spec in specs}
    for index in range(PEOPLE):
        held = rng.sample(specs, rng.randint(1, min(3, len(specs))))
        credentials = []
        activities = []
        for spec in held:
            certified = _certified_on(rng, rng.randrange(40))
            credentials.append(
                api["PersonCredential"](
                    spec.body, spec.code, certified.isoformat(), facts=_facts(rng, certified)
                )
            )
            activities += [
                api["Activity"](**_activity(rng, vocabularies[spec.label], certified, n))
                for n in range(rng.randrange(12))
            ]
        person = api["Person"](
            f"P{index}",
            facts={"birth_date": "1984-07-31"},
            credentials=credentials,
            activities=activities,
        )
        for as_of in ("2021-03-31", "2024-02-29", "2026-11-25"):
            lines += corpus.person(f"P{index} {as_of}", person, as_of)
    return lines


def write(directory: Path) -> None:
    api = _api()
    registry = api["Registry"].from_entry_points()
    corpus = Corpus(api, registry)
    directory.mkdir(parents=True, exist_ok=True)
    for name, lines in _examples(corpus):
        (directory / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    specs = list(registry.credentials())
    for spec in specs:
        lines = _generated(corpus, spec)
        name = f"generated-{spec.body}-{spec.code}".lower()
        (directory / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (directory / "generated-people.jsonl").write_text(
        "\n".join(_people(corpus, specs)) + "\n", encoding="utf-8"
    )
    for path in sorted(directory.glob("*.jsonl")):
        records = path.read_text(encoding="utf-8").count("\n")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        print(f"{path.name}: {records} records, sha256 {digest}")


def compare(first: Path, second: Path) -> int:
    names = sorted(
        {p.name for p in first.glob("*.jsonl")} | {p.name for p in second.glob("*.jsonl")}
    )
    differing = 0
    for name in names:
        a, b = first / name, second / name
        if not a.exists() or not b.exists():
            print(f"{name}: only in {'the second' if not a.exists() else 'the first'}")
            differing += 1
            continue
        if a.read_bytes() == b.read_bytes():
            print(f"{name}: identical")
            continue
        differing += 1
        left, right = a.read_text().splitlines(), b.read_text().splitlines()
        changed = [i for i, (x, y) in enumerate(zip(left, right, strict=False)) if x != y]
        print(
            f"{name}: DIFFERS in {len(changed)} of {len(left)} records"
            f" ({len(right) - len(left):+d} records)"
        )
        for i in changed[:5]:
            label = json.loads(left[i]).get("outcome", {}).get("record", f"record {i}")
            print(f"  {label}")
    return 1 if differing else 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "write":
        _reexec_with_fixed_hash_seed()
        write(Path(argv[1]))
        return 0
    if len(argv) == 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
