"""Values a reader has already checked, made into recertlib's types without checking them
again.

A frozen attrs class runs its converters and validators whenever it is made; for a reader that
has parsed and checked every cell of a row (each distinct cell once, however many rows repeat
it), running them again is most of the cost of reading a large file. :class:`Prechecked` makes
an instance from values exactly as the class's own converters would have left them, and a
reader uses it only for a row it has checked in full; any other row goes through the class
itself, so that its errors are reported as they always are.

:class:`Parsed` remembers what a parser made of each distinct text, so that a column of dates
or amounts is parsed once per distinct value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, cast

import attrs

T = TypeVar("T")

MAX_REMEMBERED = 65_536
"""The most distinct texts a :class:`Parsed` remembers; past that it starts again, so that a
file of endless distinct values cannot hold memory."""


class Prechecked(Generic[T]):
    """Makes instances of the frozen attrs class ``kind`` from values already converted and
    checked as its fields' converters and validators would, given in the order of its fields.

    :raises TypeError: ``kind`` is not a slotted attrs class.
    """

    def __init__(self, kind: type[T]) -> None:
        if not attrs.has(kind) or "__slots__" not in vars(kind):
            raise TypeError(f"expected a slotted attrs class, got {kind!r}")
        self.kind = kind
        self.fields = tuple(field.name for field in attrs.fields(kind))
        self.make: Callable[..., T] = _maker(cast(type[T], kind), self.fields)
        """The maker itself: call it with a value for each field, in order."""

    def __call__(self, *values: Any) -> T:
        return self.make(*values)


def _maker(kind: type[T], fields: tuple[str, ...]) -> Callable[..., T]:
    # As attrs makes a frozen class's __init__: a function written for the class's fields,
    # each set through its slot's descriptor, here without the converters and validators.
    arguments = ", ".join(f"v{index}" for index in range(len(fields)))
    body = "".join(f"    set_{index}(made, v{index})\n" for index in range(len(fields)))
    source = f"def make({arguments}):\n    made = new(kind)\n{body}    return made\n"
    scope: dict[str, Any] = {"new": object.__new__, "kind": kind}
    scope.update({f"set_{index}": vars(kind)[name].__set__ for index, name in enumerate(fields)})
    exec(compile(source, f"<recertlib prechecked {kind.__qualname__}>", "exec"), scope)
    maker: Callable[..., T] = scope["make"]
    return maker


class Parsed(Generic[T]):
    """``parse`` of each text, remembered: a text ``parse`` refuses gives ``None`` (the reader
    then takes the slow path, which says why)."""

    def __init__(self, parse: Callable[[str], T]) -> None:
        self._parse = parse
        self._known: dict[str, T | None] = {}

    @property
    def known(self) -> dict[str, T | None]:
        """What each text parsed so far gave (``None`` for one refused), to look up directly
        before calling: the same dictionary for as long as this lives."""
        return self._known

    def __call__(self, text: str) -> T | None:
        try:
            return self._known[text]
        except KeyError:
            pass
        try:
            value: T | None = self._parse(text)
        except (TypeError, ValueError, ArithmeticError):
            value = None
        if len(self._known) >= MAX_REMEMBERED:
            self._known.clear()
        self._known[text] = value
        return value
