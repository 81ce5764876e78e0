"""The rows of an HR export pair made into recertlib's types, each with its problems said of its
cells: a people row into the person's cells and one credential, an activities row into one
activity.

A file's :class:`RowReader` reads a row two ways. The fast path takes a row whose every cell is
well formed: each distinct date, amount or list of the file is parsed once, value maps are
looked up, and the activity is made without checking again what was just checked
(:class:`~recertlib.io.checked.Prechecked`). Any other row takes the slow path: its cells are
named by column, mapped, and given to the types' own converters, so that its problems are
reported as they always are. Both paths make the same value of a well-formed row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from operator import itemgetter
from typing import Any, NamedTuple

from recertlib.errors import MISSING, FieldValueError, InvalidInput, Problem
from recertlib.fields import checked_amount, checked_date, checked_event_date
from recertlib.inputs import Activity, Facts, PersonCredential
from recertlib.io.activities_csv import activity_from_row
from recertlib.io.checked import Parsed, Prechecked
from recertlib.io.converter import structure
from recertlib.io.csv_files import MAX_CELL_CHARS, Table, located, row_of, split_list
from recertlib.io.csv_files import Row as CsvRow
from recertlib.io.hr.columns import (
    BOOLEAN_COLUMNS,
    LIST_COLUMNS,
    NO_TEXTS,
    PEOPLE_COLUMNS,
    YES_TEXTS,
)
from recertlib.io.hr.mapping import ValueMap
from recertlib.io.hr.spill import CELL, Row, cells_of, line_of

_CREDENTIAL_CELLS = ("body", "credential", "certified_on", "expires_on")
_CREDENTIAL_FACTS = ("member", "first_renewal", "originally_issued_on", "inactive")
_BOOLEANS = {**dict.fromkeys(YES_TEXTS, True), **dict.fromkeys(NO_TEXTS, False)}
_NOTHING: frozenset[str] = frozenset()

_ACTIVITY_FIELDS = (
    "title",
    "completed_on",
    "amount",
    "unit",
    "provider",
    "area",
    "approved_by",
    "certificate_id",
    "started_on",
    "tags",
    "other_areas",
)
"""The columns of an activity, in the order of :class:`~recertlib.Activity`'s fields."""


class ReadRow(NamedTuple):
    """One row of either file, read: whose it is, the person's own cells (name, birth date,
    kept columns), the credential or activity it holds, and what is wrong with it. (A tuple:
    one is made for every row of a large file.)"""

    person_id: str | None
    line: int
    person: dict[str, Any]
    item: PersonCredential | Activity | None
    problems: list[Problem]


class RowReader:
    """Reads the rows of one file of the pair, laid out as its header says, as the spill gives
    them back (:data:`~recertlib.io.hr.spill.Row`)."""

    def __init__(
        self,
        table: Table,
        positions: Mapping[str, int],
        width: int,
        value_maps: Mapping[str, ValueMap],
        kept: tuple[str, ...] = (),
    ) -> None:
        self.table = table
        self.positions = dict(positions)
        self.width = width
        self.kept = kept
        # A map applies where its column is in the file, or where it maps the empty cell.
        self._maps = tuple(
            value_map
            for column, value_map in value_maps.items()
            if column in positions or "" in value_map.codes
        )
        self.columns = frozenset(positions) | table.provided
        """The columns the file's header has, or a value map gives."""
        # Each column a value map gives, with the column whose codes give it.
        self._providers = {
            column: value_map.column
            for value_map in self._maps
            for values in value_map.codes.values()
            for column in values
            if column != value_map.column
        }
        self._dates = Parsed(lambda text: checked_event_date("completed_on", text))
        self._amounts = Parsed(lambda text: checked_amount("amount", text))
        self.short_activity: Callable[[Row], Activity | None] = _never
        self.fast_activity = self._fast_activity()
        self._id_at = positions["person_id"]
        self._fast_person = self._fast_person_row()
        """The fast path of an activities row: its activity, or ``None`` for the slow path
        (:meth:`activity`), which says what is wrong."""

    # --- the slow path -----------------------------------------------------------------------

    def _values(self, spilled: Row, person_id: str | None) -> CsvRow:
        _, *cells = cells_of(spilled, person_id, self._id_at)
        line = line_of(spilled)
        row = row_of(line, cells, self.width, self.positions, self.columns, self.table)
        for value_map in self._maps:
            self._mapped(row, value_map)
        return row

    def _located(self, problems: list[Problem], row: CsvRow) -> list[Problem]:
        """``problems`` of the value made from ``row``, each said of its cell; a column a value
        map gives is said of the column whose code gave it, and is not missing where that code
        was not covered (which is said already)."""
        uncovered = {p.path for p in row.problems}
        found = []
        for problem in problems:
            column = problem.path.removeprefix("$.").removeprefix("facts.").split(".")[0]
            source = self._providers.get(column.split("[")[0])
            if source is None:
                found += located([problem], self.table, row.line)
                continue
            where = self.table.where(row.line, source)
            if where not in uncovered:
                found.append(Problem(where, problem.value, f"{column}: {problem.message}"))
        return found

    def _mapped(self, row: CsvRow, value_map: ValueMap) -> None:
        column, values = value_map.column, row.cells
        cell = values.get(column)
        if column in LIST_COLUMNS:
            if cell is None:
                return
            items = []
            for item in split_list(cell):
                found = value_map.lookup(item)
                if found is None:
                    row.problems.append(
                        Problem(self.table.where(row.line, column), item, value_map.uncovered())
                    )
                elif found[column]:
                    items.append(found[column])
            if items:
                values[column] = ";".join(items)
            else:
                del values[column]
            return
        found = value_map.lookup("" if cell is None else cell)
        if found is None:
            if cell is not None:
                row.problems.append(
                    Problem(self.table.where(row.line, column), cell, value_map.uncovered())
                )
            return
        values.pop(column, None)
        for name, value in found.items():
            if value:
                values[name] = value
            else:
                values.pop(name, None)

    def _person_id(self, row: CsvRow) -> str | None:
        person_id = row.cells.pop("person_id", None)
        if person_id is None:
            where = self.table.where(row.line, "person_id")
            if not any(problem.path == where for problem in row.problems):  # not too long
                row.problems.append(Problem(where, MISSING, "no person id"))
        return person_id

    # --- activities ----------------------------------------------------------------------------

    def activity(self, spilled: Row, person_id: str | None) -> ReadRow:
        """A row of the activities file, by the slow path: the activity it records, or what is
        wrong with it (``person_id`` is the person the spill gathered it for)."""
        row = self._values(spilled, person_id)
        person_id = self._person_id(row)
        activity = activity_from_row(row, self.table)
        return ReadRow(person_id, row.line, {}, activity, row.problems)

    def _fast_activity(self) -> Callable[[Row], Activity | None]:
        """A function that makes the activity of a well-formed row as
        :class:`~recertlib.Activity` would, and gives ``None`` for any other row."""
        maps = {value_map.column: value_map for value_map in self._maps}
        if any(
            len(values) != 1 or column not in values
            for column, value_map in maps.items()
            for values in value_map.codes.values()
        ):
            return _never  # a code stands for several columns: the slow path maps it
        read = _activity_reader(self.positions, self.width, maps, self._dates, self._amounts)
        longest = MAX_CELL_CHARS

        def fast(spilled: Row) -> Activity | None:
            if len(spilled) > longest and max(map(len, spilled.split(CELL))) > longest:
                return None
            return read(spilled)

        self.short_activity = read
        """:attr:`fast_activity` for a row none of whose cells can be too long (the rows of a
        person whose rows are shorter than :data:`~recertlib.io.csv_files.MAX_CELL_CHARS` in
        all)."""
        return fast

    # --- people ------------------------------------------------------------------------------

    def _fast_person_row(self) -> Callable[[Row, str], ReadRow | None]:
        """A function that reads a well-formed people row as :meth:`person_row` would, and
        gives ``None`` for any other row: written for the file's layout when no value map
        applies to it, else reading the row's cells by name."""
        if not self._maps:
            return _people_reader(self.positions, self.width, self.kept)
        size = self.width + 1
        columns = tuple((column, at + 1) for column, at in self.positions.items())
        maps = self._maps
        dates = Parsed(lambda text: checked_date("birth_date", text))
        events = Parsed(lambda text: checked_event_date("certified_on", text))
        known_dates, known_events = dates.known, events.known
        make_facts, make_credential = Prechecked(Facts).make, Prechecked(PersonCredential).make
        kept, longest = self.kept, MAX_CELL_CHARS

        def fast(spilled: Row, person_id: str) -> ReadRow | None:
            record = spilled.split(CELL)
            if len(record) != size or (len(spilled) > longest and max(map(len, record)) > longest):
                return None
            values = {column: cell for column, at in columns if (cell := record[at].strip())}
            for value_map in maps:
                cell = values.get(value_map.column, "")
                found = value_map.codes.get(cell.casefold())
                if found is None:
                    if cell:
                        return None  # not covered: the slow path says so
                    continue
                values.pop(value_map.column, None)
                for name, value in found.items():
                    if value:
                        values[name] = value
                    else:
                        values.pop(name, None)
            if values.pop("person_id", None) is not None:
                return None  # an id too long to take out: the slow path says so
            person: dict[str, Any] = {}
            for column in ("name", *kept):
                if column in values:
                    person[column] = values[column]
            if "birth_date" in values:
                text = values["birth_date"]
                born = known_dates.get(text) or dates(text)
                if born is None:
                    return None
                person["birth_date"] = born
            flags: list[bool | None] = []
            for name in ("member", "first_renewal", "inactive"):
                given = values.get(name)
                flag = None if given is None else _BOOLEANS.get(given.casefold())
                if given is not None and flag is None:
                    return None
                flags.append(flag)
            member, first, inactive = flags
            issued = values.get("originally_issued_on")
            originally = None if issued is None else dates(issued)
            if issued is not None and originally is None:
                return None
            body, code = values.get("body"), values.get("credential")
            certified, expires = values.get("certified_on"), values.get("expires_on")
            if body is None and code is None and certified is None and expires is None:
                if issued is None and member is None and first is None and inactive is None:
                    return ReadRow(person_id, line_of(spilled), person, None, [])
                return None  # facts without a credential: the slow path says so
            if body is None or code is None or certified is None:
                return None
            certified_on = known_events.get(certified) or events(certified)
            expires_on = None if expires is None else known_dates.get(expires) or dates(expires)
            if certified_on is None or (expires is not None and expires_on is None):
                return None
            if expires_on is not None and expires_on < certified_on:
                return None
            facts = make_facts(None, member, first, originally, inactive, ())
            credential = make_credential(body, code, certified_on, expires_on, facts)
            return ReadRow(person_id, line_of(spilled), person, credential, [])

        return fast

    def person_row(self, spilled: Row, person_id: str | None) -> ReadRow:
        """A row of the people file: the person's name, birth date and kept columns, and the
        credential it names (``None`` for a person who holds none), or what is wrong with it."""
        read = None if person_id is None else self._fast_person(spilled, person_id)
        return read if read is not None else self._slow_person_row(spilled, person_id)

    def _slow_person_row(self, spilled: Row, person_id: str | None) -> ReadRow:
        row = self._values(spilled, person_id)
        line = row.line
        person_id = self._person_id(row)
        values, problems = row.cells, row.problems
        person: dict[str, Any] = {}
        for column in ("name", *self.kept):
            if column in values:
                person[column] = values[column]
        if "birth_date" in values:
            try:
                person["birth_date"] = checked_date("birth_date", values["birth_date"])
            except FieldValueError:  # said as the slow path says it
                try:
                    structure({"birth_date": values["birth_date"]}, Facts)
                except InvalidInput as error:
                    problems += located(error.problems, self.table, line)
        facts: dict[str, Any] = {}
        for fact in _CREDENTIAL_FACTS:
            if fact in values:
                value: Any = values[fact]
                if fact in BOOLEAN_COLUMNS:
                    value = _boolean(value)
                    if value is None:
                        problems.append(
                            Problem(
                                self.table.where(line, fact),
                                values[fact],
                                "expected yes or no (true or false, 1 or 0)",
                            )
                        )
                        continue
                facts[fact] = value
        credential = None
        data: dict[str, Any] = {cell: values[cell] for cell in _CREDENTIAL_CELLS if cell in values}
        if data or facts:
            try:
                credential = structure({**data, "facts": facts}, PersonCredential)
            except InvalidInput as error:
                problems += self._located(list(error.problems), row)
        return ReadRow(person_id, line, person, credential, problems)


def _never(spilled: Row) -> None:
    return None


def _activity_reader(
    positions: Mapping[str, int],
    width: int,
    maps: Mapping[str, ValueMap],
    dates: Parsed[Any],
    amounts: Parsed[Any],
) -> Callable[[Row], Activity | None]:
    """The fast path of one activities file, written for its layout: each of the activity's
    cells read from where the header puts it (an absent column is empty), stripped, mapped,
    parsed through the file's remembered dates and amounts, and the activity made as
    :class:`~recertlib.Activity` makes it, its fields set through their slots. Written as
    source and compiled once per file, as attrs writes a class's ``__init__``, so that a row
    costs only the work its cells need; it gives ``None`` for a row that is not well formed.
    """
    if "completed_on" not in positions or "amount" not in positions:
        return _never  # the header lacks a required column: every row is refused
    scope: dict[str, Any] = {
        "new": object.__new__,
        "Activity": Activity,
        "CELL": CELL,
        "NOTHING": _NOTHING,
        "strip": str.strip,
        "dates": dates,
        "known_dates": dates.known,
        "amounts": amounts,
        "known_amounts": amounts.known,
    }
    for name in _ACTIVITY_FIELDS:
        scope[f"set_{name}"] = vars(Activity)[name].__set__
    # The text cells and the dates and amounts, read and stripped in one go.
    stripped = [
        column
        for column in ("title", "unit", "provider", "area", "certificate_id", "started_on")
        if column in positions
    ]
    stripped = ["completed_on", "amount", *stripped]
    scope["cells"] = itemgetter(*(positions[column] + 1 for column in stripped))
    lines = [
        "    record = spilled.split(CELL)",
        f"    if len(record) != {width + 1}:",
        "        return None",
        f"    {', '.join(stripped)}, = map(strip, cells(record))",
    ]
    for column in ("title", "unit", "provider", "area", "certificate_id", "started_on"):
        if column not in positions:
            lines.append(f"    {column} = ''")
        elif column in maps:
            scope[f"codes_{column}"] = {
                code: values[column] for code, values in maps[column].codes.items()
            }
            lines += [
                f"    {column} = codes_{column}.get({column}.casefold(), None if {column} else '')",
                f"    if {column} is None:",
                "        return None",
            ]
    lines += [
        "    if not title or not unit:",
        "        return None",
        "    text = completed_on",
        "    completed_on = known_dates.get(text) or dates(text)",
        "    if completed_on is None:",
        "        return None",
        "    text = amount",
        "    amount = known_amounts.get(text)",
        "    if amount is None:",
        "        amount = amounts(text)",
        "        if amount is None:",
        "            return None",
        "    if started_on:",
        "        started_on = known_dates.get(started_on) or dates(started_on)",
        "        if started_on is None or started_on > completed_on:",
        "            return None",
        "    else:",
        "        started_on = None",
    ]
    for column, fold in (("approved_by", False), ("tags", True), ("other_areas", False)):
        at = positions.get(column)
        if at is None:
            lines.append(f"    {column} = NOTHING")
            continue
        items = _items(maps.get(column), fold=fold)
        scope[f"items_{column}"], scope[f"known_{column}"] = items, items.known
        lines += [
            f"    {column} = record[{at + 1}]",
            f"    if {column}:",
            f"        {column} = known_{column}.get({column}) or items_{column}({column})",
            f"        if {column} is None:",
            "            return None",
            "    else:",
            f"        {column} = NOTHING",
        ]
    lines += ["    area = area or None", "    certificate_id = certificate_id or None"]
    lines.append("    made = new(Activity)")
    lines += [f"    set_{name}(made, {name})" for name in _ACTIVITY_FIELDS]
    lines.append("    return made")
    source = "def read(spilled):\n" + "\n".join(lines) + "\n"
    exec(compile(source, "<recertlib activities reader>", "exec"), scope)
    read: Callable[[Row], Activity | None] = scope["read"]
    return read


def _people_reader(
    positions: Mapping[str, int], width: int, kept: tuple[str, ...]
) -> Callable[[Row, str], ReadRow | None]:
    """The fast path of one people file without value maps, written for its layout as
    :func:`_activity_reader` is: the person's own cells, and the credential of a row whose
    every cell is well formed, made as :class:`~recertlib.PersonCredential` and
    :class:`~recertlib.Facts` make them; ``None`` for any other row."""
    dates = Parsed(lambda text: checked_date("birth_date", text))
    events = Parsed(lambda text: checked_event_date("certified_on", text))
    scope: dict[str, Any] = {
        "CELL": CELL,
        "ReadRow": ReadRow,
        "line_of": line_of,
        "BOOLEANS": _BOOLEANS,
        "dates": dates,
        "known_dates": dates.known,
        "events": events,
        "known_events": events.known,
        "make_facts": Prechecked(Facts).make,
        "make_credential": Prechecked(PersonCredential).make,
        "longest": MAX_CELL_CHARS,
    }
    lines = [
        "    record = spilled.split(CELL)",
        f"    if len(record) != {width + 1}:",
        "        return None",
        "    if len(spilled) > longest and max(map(len, record)) > longest:",
        "        return None",
        f"    if record[{positions['person_id'] + 1}].strip():",
        "        return None  # an id too long to take out: the slow path says so",
    ]
    for column in _PEOPLE_FIELDS:
        at = positions.get(column)
        lines.append(
            f"    {column} = record[{at + 1}].strip()" if at is not None else f"    {column} = ''"
        )
    lines.append("    person = {}")
    for column in ("name", *kept):
        at = positions.get(column)
        if at is not None:
            value = "name" if column == "name" else f"record[{at + 1}].strip()"
            lines += [f"    value = {value}", "    if value:"]
            lines.append(f"        person[{column!r}] = value")
    lines += [
        "    if birth_date:",
        "        born = known_dates.get(birth_date) or dates(birth_date)",
        "        if born is None:",
        "            return None",
        "        person['birth_date'] = born",
    ]
    for column in ("member", "first_renewal", "inactive"):
        lines += [
            f"    if {column}:",
            f"        {column} = BOOLEANS.get({column}.casefold())",
            f"        if {column} is None:",
            "            return None",
            "    else:",
            f"        {column} = None",
        ]
    lines += [
        "    if originally_issued_on:",
        "        originally_issued_on = known_dates.get(originally_issued_on) or dates(",
        "            originally_issued_on",
        "        )",
        "        if originally_issued_on is None:",
        "            return None",
        "    else:",
        "        originally_issued_on = None",
        "    if not body and not credential and not certified_on and not expires_on:",
        "        if originally_issued_on is None and member is None and first_renewal is None"
        " and inactive is None:",
        "            return ReadRow(person_id, line_of(spilled), person, None, [])",
        "        return None  # facts without a credential: the slow path says so",
        "    if not body or not credential or not certified_on:",
        "        return None",
        "    certified = known_events.get(certified_on) or events(certified_on)",
        "    if certified is None:",
        "        return None",
        "    if expires_on:",
        "        expires = known_dates.get(expires_on) or dates(expires_on)",
        "        if expires is None or expires < certified:",
        "            return None",
        "    else:",
        "        expires = None",
        "    facts = make_facts(None, member, first_renewal, originally_issued_on, inactive, ())",
        "    credential = make_credential(body, credential, certified, expires, facts)",
        "    return ReadRow(person_id, line_of(spilled), person, credential, [])",
    ]
    source = "def read(spilled, person_id):\n" + "\n".join(lines) + "\n"
    exec(compile(source, "<recertlib people reader>", "exec"), scope)
    reader: Callable[[Row, str], ReadRow | None] = scope["read"]
    return reader


_PEOPLE_FIELDS = tuple(column for column in PEOPLE_COLUMNS if column != "person_id")


def _text(value_map: ValueMap | None) -> Callable[[str], str | None]:
    """A text cell, stripped and mapped; ``None`` when the map does not cover it."""
    if value_map is None:
        return str.strip
    codes, column = value_map.codes, value_map.column

    def mapped(cell: str) -> str | None:
        cell = cell.strip()
        found = codes.get(cell.casefold())
        if found is None:
            return None if cell else ""
        return found[column]

    return mapped


class _Items:
    """The items of a list cell, mapped, and folded for tags: each distinct cell read once;
    ``None`` when the column's map does not cover an item."""

    def __init__(self, value_map: ValueMap | None, *, fold: bool) -> None:
        self._map, self._fold = value_map, fold
        self._parsed = Parsed(self._items)
        self.known = self._parsed.known
        """What each cell read so far gave, to look up before calling."""

    def _items(self, cell: str) -> frozenset[str] | None:
        found = []
        for item in split_list(cell):
            if self._map is not None:
                mapped = self._map.lookup(item)
                if mapped is None:
                    return None
                item = mapped[self._map.column]
                if not item:
                    continue
            found.append(item.casefold() if self._fold else item)
        return frozenset(found)

    def __call__(self, cell: str) -> frozenset[str] | None:
        return self._parsed(cell) if cell and not cell.isspace() else _NOTHING


def _items(value_map: ValueMap | None, *, fold: bool) -> _Items:
    return _Items(value_map, fold=fold)


def _boolean(value: str) -> bool | None:
    return _BOOLEANS.get(value.casefold())
