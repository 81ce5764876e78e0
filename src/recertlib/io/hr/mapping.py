"""How an HR export is laid out, said once: which header each of recertlib's columns has, what
the codes of a column stand for, which other columns to carry through to every output, and
which to ignore. :func:`read_hr_mapping` reads it from a TOML file with a ``columns``, a
``keep`` and a ``values`` table and an ``ignore`` list (``examples/people/hr/mapping.toml`` is
one, shown on the documentation's HR data page); :class:`HrMapping` is the same in Python.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from attrs import field, frozen

from recertlib.errors import MISSING, InvalidInput, Problem
from recertlib.io.csv_files import Table
from recertlib.io.hr.columns import (
    ACTIVITY_COLUMNS,
    ACTIVITY_REQUIRED,
    BOOLEAN_COLUMNS,
    LIST_COLUMNS,
    NO_TEXTS,
    PEOPLE_COLUMNS,
    PEOPLE_REQUIRED,
    YES_TEXTS,
)
from recertlib.io.text import read_bytes

FILES: Mapping[str, Mapping[str, str]] = {"people": PEOPLE_COLUMNS, "activities": ACTIVITY_COLUMNS}
"""The two files of an export pair, by the prefix a column's name may carry
(``"activities.person_id"``), with recertlib's columns in each."""

Target = str | bool | Mapping[str, str | bool]
"""What a code of a value map stands for: the column's own value (text, or for a yes-or-no
column ``true`` or ``false``), or the values of several columns of the same file
(``{"body": "AAMA", "credential": "CMA"}``)."""

_SECTIONS = ("columns", "keep", "values", "ignore")
_YES_NO = {True: "yes", False: "no"}


def _text_mapping(values: Mapping[str, str] | None) -> dict[str, str]:
    return dict(values or {})


def _as_tuple(values: Iterable[str]) -> tuple[str, ...]:
    # A lone string is one header, never its letters.
    return (values,) if isinstance(values, str) else tuple(values)


def _value_maps(values: Mapping[str, Mapping[str, Target]] | None) -> dict[str, Any]:
    # What is not a table of codes is kept as it is, for problems() to name.
    return {
        column: dict(codes) if isinstance(codes, Mapping) else codes
        for column, codes in (values or {}).items()
    }


@frozen
class HrMapping:
    """How the files of an HR export pair are laid out. Every part is optional: with none, each
    column's header is recertlib's own name for it.

    A mapping is checked when it is made; :meth:`problems` lists what is wrong with it.
    """

    columns: dict[str, str] = field(factory=dict, converter=_text_mapping)
    """recertlib's name of a column (:data:`~recertlib.io.PEOPLE_COLUMNS`,
    :data:`~recertlib.io.hr.ACTIVITY_COLUMNS`) to the header it has in the files; a name given
    as ``"people.name"`` or ``"activities.person_id"`` is for that file only, and wins over the
    plain name there."""
    values: dict[str, Mapping[str, Target]] = field(factory=dict, converter=_value_maps)
    """For a column (by recertlib's name, or a :attr:`keep` name), what each of its codes
    stands for (:data:`~recertlib.io.hr.mapping.Target`). A column with a map takes only the
    codes the map names, compared without regard to case or surrounding spaces; any other
    value is an error naming the file, the line, the column and the value. An empty cell is
    left empty unless the map names ``""``. In a column that holds a list (``approved_by``,
    ``tags``, ``other_areas``), each item is mapped."""
    keep: dict[str, str] = field(factory=dict, converter=_text_mapping)
    """Columns of the people file to carry through: a name of your choosing (``manager``) to
    its header. Their values become :attr:`Person.attributes <recertlib.Person.attributes>`,
    which every output made from the person's verdicts carries."""
    ignore: tuple[str, ...] = field(default=(), converter=_as_tuple)
    """Headers of either file to skip, rather than refuse as unknown."""
    source: str = field(default="mapping", kw_only=True)
    """Where the mapping came from, as its errors name it: a file's path, or ``mapping``."""

    def __attrs_post_init__(self) -> None:
        problems = self.problems()
        if problems:
            raise InvalidInput(problems, self.source)

    def updated(
        self,
        *,
        columns: Mapping[str, str] | None = None,
        values: Mapping[str, Mapping[str, Target]] | None = None,
        keep: Mapping[str, str] | None = None,
        ignore: Iterable[str] = (),
    ) -> HrMapping:
        """This mapping with more parts: what is given wins over what the mapping says of the
        same column (the command line's ``--column`` over a ``--mapping`` file)."""
        return HrMapping(
            {**self.columns, **(columns or {})},
            {**self.values, **(values or {})},
            {**self.keep, **(keep or {})},
            (*self.ignore, *ignore),
            source=self.source,
        )

    def problems(self) -> list[Problem]:
        """Everything wrong with the mapping: an unknown column name, a header that is not
        text, a kept name that is one of recertlib's, a code mapped twice, a value that is not
        what its column takes."""
        problems = []
        known = {*PEOPLE_COLUMNS, *ACTIVITY_COLUMNS}
        for key, header in self.columns.items():
            file, name = split_key(key)
            if name not in known:
                problems.append(
                    Problem(
                        f"columns[{key!r}]",
                        header,
                        f"unknown name; known: {', '.join(sorted(known))}",
                    )
                )
            elif file is not None and name not in FILES[file]:
                problems.append(
                    Problem(f"columns[{key!r}]", header, f"not a column of the {file} CSV")
                )
            problems += _header_problems(f"columns[{key!r}]", header)
        for name, header in self.keep.items():
            if not isinstance(name, str) or not name.strip() or name in known:
                problems.append(
                    Problem(
                        f"keep[{name!r}]",
                        header,
                        "expected a name of your own for the column, not one of recertlib's",
                    )
                )
            problems += _header_problems(f"keep[{name!r}]", header)
        for header in self.ignore:
            problems += _header_problems("ignore", header)
        for key, codes in self.values.items():
            problems += self._value_problems(key, codes)
        return problems

    def _value_problems(self, key: str, codes: Mapping[str, Target]) -> list[Problem]:
        file, name = split_key(key)
        where = f"values[{key!r}]"
        if name in self.keep and file in (None, "people"):
            files = ["people"]
        elif name in PEOPLE_COLUMNS or name in ACTIVITY_COLUMNS:
            files = [f for f, columns in FILES.items() if name in columns and file in (None, f)]
        else:
            files = []
        if not files:
            return [Problem(where, MISSING, "not a column of the mapping's files")]
        if not isinstance(codes, Mapping) or not codes:
            return [Problem(where, codes, "expected a table of codes and what each stands for")]
        problems = []
        seen: dict[str, str] = {}
        for code, target in codes.items():
            at = f"{where}[{code!r}]"
            folded = code.strip().casefold() if isinstance(code, str) else code
            if not isinstance(code, str):
                problems.append(Problem(at, code, "expected a code as text"))
            elif folded in seen:
                problems.append(Problem(at, code, f"the same code as {seen[folded]!r}"))
            else:
                seen[folded] = code
            for f in files:
                problems += _target_problems(at, name, target, FILES[f], self.keep)
        return problems

    def value_maps(self, file: str) -> dict[str, ValueMap]:
        """The value map of each column of ``file`` (``"people"`` or ``"activities"``) that
        has one."""
        found: dict[str, ValueMap] = {}
        columns = FILES[file]
        # A plain name first, so that one given for this file only wins.
        for key in sorted(self.values, key=lambda key: split_key(key)[0] is not None):
            given, name = split_key(key)
            if given not in (None, file) or (name not in columns and name not in self.keep):
                continue
            if name in self.keep and file != "people":
                continue
            codes = self.values[key]
            found[name] = ValueMap(
                name,
                {
                    code.strip().casefold(): _as_values(name, target)
                    for code, target in codes.items()
                },
                tuple(codes),
            )
        return found

    def headers(self, file: str) -> dict[str, str]:
        """recertlib's name of each column of ``file`` with the header it has there (and, for
        the people file, each kept column with its header)."""
        headers = {
            name: self.columns.get(f"{file}.{name}", self.columns.get(name, name)).strip()
            for name in FILES[file]
        }
        if file == "people":
            headers.update({name: header.strip() for name, header in self.keep.items()})
        return headers


@frozen
class ValueMap:
    """One column's value map, ready to look cells up in."""

    column: str
    codes: Mapping[str, Mapping[str, str]]
    """Each code, folded (stripped, without regard to case), with the value of each column it
    stands for, as the cell would hold it (``yes`` or ``no`` for true or false)."""
    written: tuple[str, ...]
    """The codes as the mapping writes them, for messages."""

    def lookup(self, cell: str) -> Mapping[str, str] | None:
        """What ``cell`` stands for, or ``None`` when no code covers it."""
        return self.codes.get(cell.strip().casefold())

    def uncovered(self) -> str:
        """Why a value is refused, naming the codes there are."""
        shown = ", ".join(repr(code) for code in self.written[:12])
        more = f" and {len(self.written) - 12} more" if len(self.written) > 12 else ""
        return f"no value mapping of this column covers it; it maps {shown}{more}"


def split_key(key: str) -> tuple[str | None, str]:
    """A column's key as its file (``None`` for both) and recertlib's name."""
    file, dot, name = key.partition(".")
    return (file, name) if dot and file in FILES else (None, key)


def _header_problems(where: str, header: object) -> list[Problem]:
    if not isinstance(header, str) or not header.strip():
        return [Problem(where, header, "expected a header as text")]
    return []


def _target_problems(
    where: str,
    name: str,
    target: object,
    columns: Mapping[str, str],
    keep: Mapping[str, str],
) -> list[Problem]:
    if isinstance(target, Mapping) and name in LIST_COLUMNS:
        return [Problem(where, target, f"each item of {name} stands for one item: expected text")]
    if isinstance(target, Mapping):
        problems = []
        for column, value in target.items():
            if column not in columns and not (columns is PEOPLE_COLUMNS and column in keep):
                problems.append(
                    Problem(f"{where}[{column!r}]", value, "not a column of the same file")
                )
            elif column == "person_id":
                problems.append(
                    Problem(f"{where}[{column!r}]", value, "a person's id is never mapped")
                )
            else:
                problems += _target_problems(f"{where}[{column!r}]", column, value, columns, keep)
        if not target:
            problems.append(Problem(where, target, "expected the values of one or more columns"))
        return problems
    if isinstance(target, bool):
        if name in BOOLEAN_COLUMNS:
            return []
        return [Problem(where, target, f"{name} is not a yes-or-no column: expected text")]
    if not isinstance(target, str):
        return [Problem(where, target, "expected text (or true or false for a yes-or-no column)")]
    if name in BOOLEAN_COLUMNS and target.strip().casefold() not in YES_TEXTS | NO_TEXTS:
        return [Problem(where, target, f"{name} is a yes-or-no column: expected true or false")]
    return []


def _as_values(name: str, target: Target) -> dict[str, str]:
    items = target.items() if isinstance(target, Mapping) else [(name, target)]
    return {
        column: _YES_NO[value] if isinstance(value, bool) else value.strip()
        for column, value in items
    }


def read_hr_mapping(path: str | os.PathLike[str]) -> HrMapping:
    """The mapping described by the TOML file at ``path``: its ``columns``, ``keep`` and
    ``values`` tables and its ``ignore`` list, as :class:`HrMapping` takes them.

    :raises InvalidInput: naming the file: it cannot be read or is not TOML, it has a key the
        mapping does not know, or the mapping is wrong (:meth:`HrMapping.problems`).
    """
    name = os.fspath(path)
    raw = read_bytes(Path(path), name)
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise InvalidInput(
            [Problem("$", MISSING, f"not UTF-8 text: {error.reason}")], name
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise InvalidInput([Problem("$", MISSING, f"not TOML: {error}")], name) from None
    problems = [
        Problem(key, data[key], f"unknown key; known: {', '.join(_SECTIONS)}")
        for key in data
        if key not in _SECTIONS
    ]
    for section in ("columns", "keep", "values"):
        if not isinstance(data.get(section, {}), dict):
            problems.append(Problem(section, data[section], "expected a table"))
    ignore = data.get("ignore", [])
    if not isinstance(ignore, list):
        problems.append(Problem("ignore", ignore, "expected a list of headers"))
    if problems:
        raise InvalidInput(problems, name)
    return HrMapping(
        data.get("columns", {}),
        data.get("values", {}),
        data.get("keep", {}),
        ignore,
        source=name,
    )


def hr_mapping(
    mapping: HrMapping | str | os.PathLike[str] | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    values: Mapping[str, Mapping[str, Target]] | None = None,
    keep: Mapping[str, str] | None = None,
    ignore_columns: Iterable[str] = (),
) -> HrMapping:
    """The mapping a reader of an export pair is given: ``mapping`` (none, a mapping, or the
    path of its TOML file) with the parts given beside it, which win
    (:func:`~recertlib.read_hr_export` says each).

    :raises InvalidInput: naming the mapping when it is wrong, or its file when it cannot be
        read.
    """
    if mapping is None:
        found = HrMapping()
    elif isinstance(mapping, HrMapping):
        found = mapping
    else:
        found = read_hr_mapping(mapping)
    return found.updated(columns=columns, values=values, keep=keep, ignore=ignore_columns)


def tables(
    people_name: str,
    activities_name: str,
    mapping: HrMapping,
    rows_per_partition: tuple[int, int] = (0, 0),
) -> tuple[Table, Table]:
    """The tables of the people and the activities files, as ``mapping`` lays them out (of
    two data frames, with each one's :attr:`~recertlib.io.csv_files.Table.rows_per_partition`).

    :raises InvalidInput: naming the mapping, when two columns of one file would have one
        header.
    """
    ignored = frozenset(header.strip().casefold() for header in mapping.ignore)
    found = []
    for file, name, required, rows in (
        ("people", people_name, (*PEOPLE_REQUIRED, *mapping.keep), rows_per_partition[0]),
        ("activities", activities_name, ACTIVITY_REQUIRED, rows_per_partition[1]),
    ):
        provided = frozenset(
            column
            for value_map in mapping.value_maps(file).values()
            for values in value_map.codes.values()
            for column in values
        ) - set(mapping.value_maps(file))
        found.append(
            Table(
                name,
                _headers(mapping, file),
                required,
                ignored,
                file_in_location=True,
                provided=provided,
                rows_per_partition=rows,
            )
        )
    return found[0], found[1]


def _headers(mapping: HrMapping, file: str) -> dict[str, str]:
    """recertlib's name of each column of ``file`` with the header it has there."""
    headers = mapping.headers(file)
    problems = []
    seen: dict[str, str] = {}
    for name, header in headers.items():
        folded = header.casefold()
        if folded in seen:
            problems.append(
                Problem(f"columns[{name!r}]", header, f"the header of {seen[folded]!r} too")
            )
        seen[folded] = name
    if problems:
        raise InvalidInput(problems, mapping.source)
    return headers
