"""Values dated one by one, as OpenFisca dates its parameters: any value of a part of the rules
may be a table of dates, each date the day a value takes effect, and the part's rules in force
on a date are its values as they stood then.

A dated value is a table whose keys are all dates (``2019-03-31``) or ``earliest`` (the value
known for any date before the first dated one): ``total = { earliest = 72, 2019-03-31 = 40 }``.
An item of a list may carry ``in_force``, itself a value that may be dated, to say when it is
part of the list at all: ``in_force = { earliest = true, 2020-06-30 = false }``.

Nothing here knows the rules model: it turns the data of a part into the plain data of that
part on one date, remembering where in the file each value came from.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from typing import Any

from recertlib.quantities.dates import Date, to_date

EARLIEST = "earliest"
"""The key of a dated value that holds for any date before its first dated one, and the
``from`` of a rule set that holds for any date before the next (``effective_from=None``)."""
IN_FORCE = "in_force"
"""The key of a list item that says when it is part of its list."""

_DATE_KEY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

Path = tuple[str | int, ...]


class _Absent:
    """A dated value before its first date: as if it were not written."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT = _Absent()
"""What a dated value resolves to before its first date."""


def is_dated(value: Any) -> bool:
    """Whether ``value`` is a dated value: a table whose keys are all dates or ``earliest``."""
    return (
        isinstance(value, Mapping)
        and bool(value)
        and all(
            isinstance(key, str) and (key == EARLIEST or _DATE_KEY.fullmatch(key)) for key in value
        )
    )


def date_key(key: str) -> Date | None:
    """The date a key of a dated value stands for: ``None`` for ``earliest``.

    :raises ValueError: the key looks like a date but is none (``2023-02-29``).
    """
    return None if key == EARLIEST else to_date(key)


def dates_in(value: Any, path: Path = ()) -> Iterator[tuple[str, Path]]:
    """Every key of every dated value in ``value``, with the path of the dated value."""
    if is_dated(value):
        for key, inner in value.items():
            yield key, path
            yield from dates_in(inner, (*path, key))
    elif isinstance(value, Mapping):
        for key, inner in value.items():
            yield from dates_in(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from dates_in(inner, (*path, index))


class Resolution:
    """A part's data as it stood on one date (``None``: the earliest rules), with where each
    value came from.

    A dated value with no date on or before the date stands for nothing: the key that holds
    it is left out (a field then takes its default, or is reported missing), and so is a list
    item; an item whose ``in_force`` has no value yet is not in force.
    """

    def __init__(self, on: Date | None) -> None:
        self.on = on
        self.origins: dict[Path, Path] = {}
        """For each path in the data as it stood, the path in the file it came from."""
        self.not_boolean: list[tuple[Path, Any]] = []
        """The ``in_force`` values that were not true or false, with their paths."""

    def resolve(self, value: Any, where: Path, at: Path = ()) -> Any:
        """``value``, found at ``where`` in the file, as it stood on this date (or
        :data:`ABSENT`); ``at`` is its path in the data returned."""
        if is_dated(value):
            key = self._key_in_force(value)
            if key is None:
                return ABSENT
            return self.resolve(value[key], (*where, key), at)
        self.origins[at] = where
        if isinstance(value, Mapping):
            found = {}
            for name, inner in value.items():
                resolved = self.resolve(inner, (*where, name), (*at, name))
                if resolved is not ABSENT:
                    found[name] = resolved
            return found
        if isinstance(value, list):
            items: list[Any] = []
            for index, item in enumerate(value):
                if isinstance(item, Mapping) and IN_FORCE in item:
                    in_force = self._in_force(item[IN_FORCE])
                    if in_force is not True:
                        if in_force is not False and in_force is not ABSENT:
                            self.not_boolean.append(((*where, index, IN_FORCE), in_force))
                        continue
                    item = {name: inner for name, inner in item.items() if name != IN_FORCE}
                resolved = self.resolve(item, (*where, index), (*at, len(items)))
                if resolved is not ABSENT:
                    items.append(resolved)
            return items
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return to_date(value)
        return value

    def _in_force(self, value: Any) -> Any:
        if not is_dated(value):
            return value
        key = self._key_in_force(value)
        return ABSENT if key is None else value[key]

    def _key_in_force(self, value: Mapping[str, Any]) -> str | None:
        chosen: str | None = None
        chosen_on: Date | None = None
        for key in value:
            try:
                on = date_key(key)
            except ValueError:
                continue  # no such day: reported with the dates of the part
            if on is not None and (self.on is None or on > self.on):
                continue
            if chosen is None or (on is not None and (chosen_on is None or on > chosen_on)):
                chosen, chosen_on = key, on
        return chosen

    def in_file(self, at: Path) -> Path:
        """The path in the file of the value at ``at`` in the resolved data, or of the
        nearest value above it, with the rest of ``at`` below that."""
        for length in range(len(at), -1, -1):
            found = self.origins.get(at[:length])
            if found is not None:
                return (*found, *at[length:])
        return at
