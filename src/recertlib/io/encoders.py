"""Unstructuring functions generated once per type, with every value's conversion written
inline.

cattrs generates a function per class too, but calls a hook per field (a date's, an
amount's, a list's) and looks up the hook of every item of a list again. Writing a verdict
is most of what a batch does besides evaluating it, so :class:`Encoders` writes, once per
class, one function whose body converts each field in place: a date with ``isoformat()``, an
amount with ``format(value, "f")``, a tuple of results as a list comprehension over the
result's own function. It gives the same data as the converter it is made from, which it still
calls for what it does not write inline (a rule's shape, the facts).
"""

from __future__ import annotations

import enum
import itertools
import linecache
import types
import typing
from collections.abc import Callable, Collection, Mapping
from decimal import Decimal
from typing import Any, get_args, get_origin

import attrs
from cattrs import Converter

from recertlib.quantities.dates import Date

Encoder = Callable[[Any], Any]

_AS_IS = (str, int, bool, type(None))
_counter = itertools.count()


class Encoders:
    """The encoders of ``converter``'s types, generated on first use.

    :param roots: the classes to write: these and the attrs classes their fields hold.
    :param derived: for each class, values its properties derive that its data carries too,
        each written by the converter (as :mod:`recertlib.io.converter` adds them).
    :param delegated: classes whose data the converter's own hook writes.
    """

    def __init__(
        self,
        converter: Converter,
        roots: Collection[type],
        derived: Mapping[type, Mapping[str, Callable[[Any], Any]]],
        delegated: Collection[type],
    ) -> None:
        self._converter = converter
        self._derived = derived
        self._delegated = frozenset(delegated)
        self._written = _reachable(roots) - self._delegated
        self._encoders: dict[type, Encoder] = {}

    def for_type(self, kind: type) -> Encoder | None:
        """The encoder of ``kind``, or ``None`` when the converter writes it on its own."""
        if kind in self._encoders:
            return self._encoders[kind]
        if kind not in self._written:
            return None
        return self._generate(kind)

    def _generate(self, kind: type) -> Encoder:
        name = f"encode_{kind.__name__}_{next(_counter)}"
        scope: dict[str, Any] = {"_format": format}
        # A class may hold itself (a requirement's children): the name is bound before the
        # fields' expressions refer to it.
        self._encoders[kind] = _Late(scope, name)
        hints = typing.get_type_hints(kind)
        items = [
            f"{field.name!r}: {self._expression(hints[field.name], f'v.{field.name}', scope)}"
            for field in attrs.fields(kind)
        ]
        lines = [f"def {name}(v):", f"    d = {{{', '.join(items)}}}"]
        for index, key in enumerate(self._derived.get(kind, {})):
            scope[f"_derive_{index}"] = self._derived[kind][key]
            lines.append(f"    d[{key!r}] = _unstructure(_derive_{index}(v))")
        lines.append("    return d")
        scope["_unstructure"] = self._converter.unstructure
        source = "\n".join(lines) + "\n"
        filename = f"<recertlib encoder {kind.__module__}.{kind.__qualname__}>"
        # Registered like attrs' and cattrs' generated code, so that a traceback shows it.
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        exec(compile(source, filename, "exec"), scope)
        encoder: Encoder = scope[name]
        self._encoders[kind] = encoder
        return encoder

    def _expression(self, kind: Any, value: str, scope: dict[str, Any]) -> str:
        if kind in _AS_IS:
            return value
        if kind is Date:
            return f"{value}.isoformat()"
        if kind is Decimal:
            return f'_format({value}, "f")'
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return f"{value}.value"
        origin, args = get_origin(kind), get_args(kind)
        if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
            inner = args[0] if args[1] is type(None) else args[1]
            if inner in _AS_IS:
                return value
            return f"(None if {value} is None else {self._expression(inner, value, scope)})"
        if origin is tuple and args[1:] == (Ellipsis,):
            item = f"i{len(scope)}"
            return f"[{self._expression(args[0], item, scope)} for {item} in {value}]"
        if isinstance(kind, type):
            encoder = self.for_type(kind)
            if encoder is not None:
                scope[f"_encode_{id(kind)}"] = encoder
                return f"_encode_{id(kind)}({value})"
        # Anything else (a set, a rule's shape, the facts) as the converter writes it.
        hook = f"_hook_{len(scope)}"
        scope[hook] = self._converter.get_unstructure_hook(kind)
        return f"{hook}({value})"


def _reachable(roots: Collection[type]) -> frozenset[type]:
    found: set[type] = set()
    waiting = list(roots)
    while waiting:
        kind = waiting.pop()
        if kind in found or not attrs.has(kind):
            continue
        found.add(kind)
        for hint in typing.get_type_hints(kind).values():
            waiting.extend(_classes_in(hint))
    return frozenset(found)


def _classes_in(hint: Any) -> list[type]:
    if isinstance(hint, type):
        return [hint]
    return [kind for arg in get_args(hint) for kind in _classes_in(arg)]


class _Late:
    """An encoder still being generated, called through its name once it is."""

    def __init__(self, scope: dict[str, Any], name: str) -> None:
        self._scope = scope
        self._name = name

    def __call__(self, value: Any) -> Any:
        return self._scope[self._name](value)


__all__ = ["Encoder", "Encoders"]
