"""Reading a credential from a rules file: the TOML document, its dated values resolved into
the rule sets of :class:`~recertlib.rules.CredentialSpec`, every problem reported with the
file, the key path, the line and the value."""

from __future__ import annotations

import functools
import os
import pathlib
import re
import tomllib
from collections.abc import Iterable, Mapping
from importlib.resources.abc import Traversable
from typing import Any

import attrs
from cattrs import Converter
from cattrs.errors import BaseValidationError

from recertlib.errors import MISSING, FieldValueError, Problem, RulesFileError, shown_value
from recertlib.quantities.dates import Date
from recertlib.rules.credit import ContinuingEducation
from recertlib.rules.cycle import Cycle
from recertlib.rules.data.converter import (
    ShapePath,
    as_date,
    dotted,
    make_rules_converter,
    problems_in,
)
from recertlib.rules.data.dated import ABSENT, EARLIEST, Resolution, date_key, dates_in
from recertlib.rules.data.locations import Locations
from recertlib.rules.pathways import Pathway
from recertlib.rules.spec import Confidence, CredentialSpec, Part, RuleSet

FORMAT_KEY = "recertlib"
"""The key that says which version of the rules format a file is written in."""
FORMAT = 1
"""The version of the rules format this recertlib reads."""

PART_TYPES: Mapping[Part, Any] = {
    Part.CYCLE: Cycle,
    Part.CONTINUING_EDUCATION: ContinuingEducation,
    Part.PATHWAYS: tuple[Pathway, ...],
}

_CREDENTIAL_KEYS = ("body", "code", "name", "body_name", "description")
_OTHER_KEYS = ("selection", "sources", "facts")
_RULE_SET_KEYS = frozenset({"id", "from", "states", "source", "confidence", "notes"})
_KNOWN = frozenset(
    {FORMAT_KEY, *_CREDENTIAL_KEYS, *_OTHER_KEYS, "rule_sets", *(part.value for part in Part)}
)
_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


@attrs.frozen
class _RuleSetEntry:
    """A ``[[rule_sets]]`` entry: the date some parts take the values they have then, and the
    source those values rest on."""

    id: str
    on: Date | None
    states: tuple[Part, ...]
    source: str
    confidence: Confidence
    notes: tuple[str, ...]
    index: int


class _Problems:
    """The problems found in one file, each placed on its line where the line can be told."""

    def __init__(self, file: str, text: str | None) -> None:
        self.file = file
        self.text = text
        self.locations: Locations | None = None
        self.found: dict[tuple[str, str], tuple[Problem, int | None]] = {}

    def add(self, where: ShapePath, value: Any, message: str) -> None:
        problem = Problem(dotted(where), value, message)
        if self.locations is None and self.text is not None:
            # Lines are looked for only once there is a problem to place.
            self.locations = Locations(self.text)
        line = self.locations.line_of(where) if self.locations else None
        self.found.setdefault((problem.path, problem.message), (problem, line))

    def add_problem(self, problem: Problem, where: ShapePath) -> None:
        self.add(where, problem.value, problem.message)

    def raise_any(self) -> None:
        if self.found:
            ordered = sorted(self.found.values(), key=lambda item: (item[1] or 0, item[0].path))
            raise RulesFileError(
                self.file, [problem for problem, _ in ordered], [line for _, line in ordered]
            )


def read_credential(
    source: str | os.PathLike[str] | Traversable, *, shapes: Mapping[str, type] | None = None
) -> CredentialSpec:
    """The credential a rules file describes.

    :param source: the file: a path, or a :class:`~importlib.resources.abc.Traversable` of
        a package's own files (``importlib.resources.files(__name__) / "ccma.toml"``).
    :param shapes: a plugin's own implementations of the rules protocols, by the names the
        file gives them in ``shape`` (the standard shapes need no naming).
    :raises ~recertlib.errors.RulesFileError: the file is not TOML, or not a credential:
        every problem, each with its key path, the value found there and its line.
    """
    name = os.fspath(source) if isinstance(source, str | os.PathLike) else str(source)
    try:
        text = (
            source.read_text(encoding="utf-8")
            if isinstance(source, Traversable)
            else pathlib.Path(source).read_text(encoding="utf-8")
        )
    except (OSError, UnicodeDecodeError) as error:
        raise RulesFileError(name, [Problem("$", MISSING, f"cannot be read: {error}")]) from None
    return read_credential_text(text, file=name, shapes=shapes)


def read_credential_text(
    text: str, *, file: str = "<text>", shapes: Mapping[str, type] | None = None
) -> CredentialSpec:
    """The credential the rules format's ``text`` describes; ``file`` names it in errors.

    :raises ~recertlib.errors.RulesFileError: as for :func:`read_credential`.
    """
    return _read_text(text, file, tuple(sorted((shapes or {}).items())))


@functools.lru_cache(maxsize=64)
def _read_text(text: str, file: str, shapes: tuple[tuple[str, type], ...]) -> CredentialSpec:
    # A spec is a frozen value: one file read twice (by a plugin's module and by a registry)
    # gives the same object, read once.
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _AT_LINE.search(str(error))
        line = int(found.group(1)) if found else None
        message = _AT_LINE.sub("", str(error)).strip()
        raise RulesFileError(
            file, [Problem("$", MISSING, f"not TOML: {message}")], [line]
        ) from None
    return _from_data(data, file=file, shapes=dict(shapes), text=text)


def credential_from_data(
    data: Mapping[str, Any], *, file: str = "<data>", shapes: Mapping[str, type] | None = None
) -> CredentialSpec:
    """The credential a rules document describes, from its data as :mod:`tomllib` (or a JSON
    reader) gives it.

    :raises ~recertlib.errors.RulesFileError: as for :func:`read_credential`, without lines.
    """
    return _from_data(data, file=file, shapes=shapes, text=None)


def _from_data(
    data: Mapping[str, Any], *, file: str, shapes: Mapping[str, type] | None, text: str | None
) -> CredentialSpec:
    problems = _Problems(file, text)
    converter = _converter(tuple(sorted((shapes or {}).items())))
    if not isinstance(data, Mapping):
        problems.add((), shown_value(data), "expected a table")
        problems.raise_any()
    _check_format(data, problems)
    for key in sorted(set(data) - _KNOWN):
        problems.add((key,), shown_value(data[key]), "unknown field")
    header = _header(data, converter, problems)
    entries = _rule_set_entries(data.get("rule_sets"), problems)
    parts = _parts(data, entries, converter, problems)
    problems.raise_any()
    rule_sets = []
    for entry in entries:
        stated = {part.value: parts[(entry.index, part)] for part in entry.states}
        try:
            rule_sets.append(
                RuleSet(
                    entry.id,
                    entry.on,
                    entry.source,
                    entry.confidence,
                    notes=entry.notes,
                    **stated,
                )
            )
        except FieldValueError as error:
            where = ("rule_sets", entry.index, error.field)
            problems.add(where, shown_value(error.value), error.message)
    problems.raise_any()
    assert header is not None
    return attrs.evolve(header, rule_sets=tuple(rule_sets))


@functools.lru_cache(maxsize=16)
def _converter(shapes: tuple[tuple[str, type], ...]) -> Converter:
    # A converter makes its hooks on first use: one per set of shapes serves every file.
    return make_rules_converter(dict(shapes))


def _check_format(data: Mapping[str, Any], problems: _Problems) -> None:
    found = data.get(FORMAT_KEY, MISSING)
    if found is MISSING:
        problems.add(
            (FORMAT_KEY,), MISSING, f"required: {FORMAT_KEY} = {FORMAT}, the rules format's version"
        )
    elif found != FORMAT or isinstance(found, bool):
        problems.add(
            (FORMAT_KEY,),
            shown_value(found),
            f"this recertlib reads the rules format {FORMAT} only",
        )


def _header(
    data: Mapping[str, Any], converter: Converter, problems: _Problems
) -> CredentialSpec | None:
    given = {key: data[key] for key in (*_CREDENTIAL_KEYS, *_OTHER_KEYS) if key in data}
    try:
        return converter.structure({**given, "rule_sets": []}, CredentialSpec)
    except (BaseValidationError, ValueError, TypeError, KeyError) as error:
        for problem, where in problems_in(error, {**given, "rule_sets": []}):
            problems.add_problem(problem, where)
        return None


def _rule_set_entries(value: Any, problems: _Problems) -> list[_RuleSetEntry]:
    if value is None:
        problems.add(
            ("rule_sets",),
            MISSING,
            "required: the [[rule_sets]] that give each date the rules change on its id and source",
        )
        return []
    if not isinstance(value, list):
        problems.add(("rule_sets",), shown_value(value), "expected a list of [[rule_sets]]")
        return []
    entries = []
    for index, item in enumerate(value):
        entry = _rule_set_entry(index, item, problems)
        if entry is not None:
            entries.append(entry)
    return entries


def _rule_set_entry(index: int, item: Any, problems: _Problems) -> _RuleSetEntry | None:
    at: ShapePath = ("rule_sets", index)
    if not isinstance(item, Mapping):
        problems.add(at, shown_value(item), "expected a table")
        return None
    before = len(problems.found)
    for key in sorted(set(item) - _RULE_SET_KEYS):
        problems.add((*at, key), shown_value(item[key]), "unknown field")
    texts = {}
    for key in ("id", "source"):
        text = item.get(key, MISSING)
        if not isinstance(text, str) or not text.strip():
            problems.add((*at, key), shown_value(text), "expected non-empty text")
        texts[key] = text
    on = _from(item.get("from", MISSING), (*at, "from"), problems)
    states = _states(item.get("states", MISSING), (*at, "states"), problems)
    confidence = item.get("confidence", MISSING)
    if confidence not in {level.value for level in Confidence}:
        problems.add(
            (*at, "confidence"),
            shown_value(confidence),
            f"expected one of: {', '.join(level.value for level in Confidence)}",
        )
    notes = item.get("notes", [])
    if not isinstance(notes, list) or not all(isinstance(note, str) for note in notes):
        problems.add((*at, "notes"), shown_value(notes), "expected a list of text")
    if len(problems.found) > before or on is MISSING:
        return None
    return _RuleSetEntry(
        texts["id"], on, states, texts["source"], Confidence(confidence), tuple(notes), index
    )


def _from(value: Any, where: ShapePath, problems: _Problems) -> Any:
    if value == EARLIEST:
        return None
    try:
        if value is MISSING:
            raise ValueError("required")
        return date_key(value) if isinstance(value, str) else as_date(value)
    except (TypeError, ValueError):
        problems.add(
            where,
            shown_value(value),
            f"expected the date the rules take effect, or {EARLIEST!r} for the earliest"
            " rules known",
        )
        return MISSING


def _states(value: Any, where: ShapePath, problems: _Problems) -> tuple[Part, ...]:
    names = [part.value for part in Part]
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(name, str) and name in names for name in value)
    ):
        problems.add(where, shown_value(value), f"expected a list of parts: {', '.join(names)}")
        return ()
    return tuple(Part(name) for name in value)


def _parts(
    data: Mapping[str, Any],
    entries: list[_RuleSetEntry],
    converter: Converter,
    problems: _Problems,
) -> dict[tuple[int, Part], Any]:
    built: dict[tuple[int, Part], Any] = {}
    for part in Part:
        value = data.get(part.value, MISSING)
        stating = [entry for entry in entries if part in entry.states]
        if value is MISSING:
            if stating:
                first = stating[0]
                problems.add(
                    (part.value,),
                    MISSING,
                    f"required: rule set {first.id!r} states the {part.value.replace('_', ' ')}",
                )
            continue
        if not stating:
            problems.add(
                (part.value,),
                MISSING,
                f"no [[rule_sets]] entry states the {part.value.replace('_', ' ')}: add one"
                f" with states = [{part.value!r}]",
            )
            continue
        _check_dates(part, value, stating, problems)
        for entry in stating:
            built[(entry.index, part)] = _part_on(part, value, entry, converter, problems)
    return built


def _check_dates(
    part: Part, value: Any, stating: Iterable[_RuleSetEntry], problems: _Problems
) -> None:
    """Every date a value of ``part`` changes on is a date a rule set states the part from:
    each change has its id and its source."""
    declared = {EARLIEST if entry.on is None else entry.on.isoformat() for entry in stating}
    for key, where in dates_in(value, (part.value,)):
        try:
            date_key(key)
        except ValueError:
            problems.add((*where, key), key, "no such date")
            continue
        if key not in declared:
            problems.add(
                (*where, key),
                MISSING,
                f"no [[rule_sets]] entry states the {part.value.replace('_', ' ')} from {key}:"
                " add one, with the source of the change",
            )


def _part_on(
    part: Part, value: Any, entry: _RuleSetEntry, converter: Converter, problems: _Problems
) -> Any:
    resolution = Resolution(entry.on)
    resolved = resolution.resolve(value, (part.value,))
    for where, found in resolution.not_boolean:
        problems.add(where, shown_value(found), "expected true or false")
    if resolved is ABSENT:
        when = EARLIEST if entry.on is None else entry.on.isoformat()
        problems.add(
            (part.value,),
            MISSING,
            f"no value in force from {when}, when rule set {entry.id!r} takes effect",
        )
        return None
    try:
        return converter.structure(resolved, PART_TYPES[part])
    except (BaseValidationError, ValueError, TypeError, KeyError) as error:
        for problem, at in problems_in(error, resolved):
            where = resolution.in_file(at)
            problems.add(where, problem.value, problem.message)
        return None
