"""The JSON Schema of the rules format, made from the rules model's own types so that it cannot
drift from what :func:`~recertlib.rules.data.read_credential` reads.

It ships in the package (:data:`~recertlib.rules.data.RULES_SCHEMA`) for editors that check a
file as it is written (a TOML editor reads it through a ``#:schema`` comment or its settings);
the test suite checks that the shipped file is the one :func:`generated_schema` makes, and
every shipped rules file against it. After a change to the rules model, write it again with
``python -m recertlib.rules.data > src/recertlib/rules/data/rules.schema.json``.

A TOML date is a JSON string ``YYYY-MM-DD`` in the schema: validate a rules file's data with
:func:`as_json` applied first.
"""

from __future__ import annotations

import datetime
import enum
import json
import sys
import typing
from collections.abc import Mapping
from decimal import Decimal
from importlib.resources import files
from importlib.resources.abc import Traversable
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

import attrs

from recertlib.quantities.dates import Date
from recertlib.rules.credit import ContinuingEducation
from recertlib.rules.cycle import Cycle
from recertlib.rules.data.dated import EARLIEST, IN_FORCE
from recertlib.rules.data.reader import FORMAT, FORMAT_KEY
from recertlib.rules.facts import FactSpec
from recertlib.rules.pathways import Pathway
from recertlib.rules.shapes import SHAPE_KEY, SHAPES
from recertlib.rules.spec import Confidence, Part, Selection, Source

RULES_SCHEMA: Traversable = files("recertlib.rules.data") / "rules.schema.json"
"""The JSON Schema (draft 2020-12) of the rules format, shipped in the package."""

SCHEMA_ID = "https://recertlib.invalid/schemas/rules.schema.json"
"""The schema's ``$id``: a name, not an address to fetch."""

_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_DATED_KEY = rf"^({EARLIEST}|[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})$"


def rules_schema() -> dict[str, Any]:
    """The JSON Schema of the rules format, as shipped."""
    schema: dict[str, Any] = json.loads(RULES_SCHEMA.read_text(encoding="utf-8"))
    return schema


def as_json(value: Any) -> Any:
    """A rules document's data with its TOML dates as ``YYYY-MM-DD`` text, as the schema
    describes them."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {key: as_json(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [as_json(inner) for inner in value]
    return value


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {
            "date": {"type": "string", "pattern": _DATE, "description": "A date, YYYY-MM-DD."},
            "amount": {
                "description": "An exact amount: a whole number, or a decimal numeral as text"
                ' ("1.5") or as a number.',
                "anyOf": [
                    {"type": "number", "minimum": 0},
                    {"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)?$"},
                ],
            },
            "in_force": _dated({"type": "boolean"}),
        }
        self.protocols = {protocol: protocol.__name__ for protocol in SHAPES}

    def of(self, kind: Any) -> dict[str, Any]:
        """The schema of a value of type ``kind`` (a dated value not included)."""
        if get_origin(kind) in (Union, UnionType):
            members = [member for member in get_args(kind) if member is not NoneType]
            if len(members) == 1:
                return self.of(members[0])
            return {"anyOf": [self.of(member) for member in members]}
        if kind is str:
            return {"type": "string"}
        if kind is bool:
            return {"type": "boolean"}
        if kind is int:
            return {"type": "integer"}
        if kind is Decimal:
            return {"$ref": "#/$defs/amount"}
        if kind is Date:
            return {"$ref": "#/$defs/date"}
        if get_origin(kind) in (frozenset, tuple):
            return {"type": "array", "items": self.item(get_args(kind)[0])}
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return {"enum": [member.value for member in kind]}
        if kind in self.protocols:
            return self.protocol(kind)
        if attrs.has(kind):
            return self.attrs_class(kind)
        raise TypeError(f"no schema for {kind!r}")  # pragma: no cover

    def item(self, kind: Any) -> dict[str, Any]:
        if kind is str:
            return {"type": "string", "minLength": 1}
        return _dated(self.of(kind))

    def protocol(self, protocol: Any) -> dict[str, Any]:
        name = self.protocols[protocol]
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: shapes may hold the protocol again
            shapes = [
                self.attrs_class(shape, shape_name=shape.__name__) for shape in SHAPES[protocol]
            ]
            own = {
                "type": "object",
                "description": "A plugin's own shape, by the name an installed plugin registers.",
                "required": [SHAPE_KEY],
                "properties": {SHAPE_KEY: {"type": "string", "pattern": r"\."}},
            }
            self.defs[name] = {
                "description": f"A {name}: one of its standard shapes, named by {SHAPE_KEY!r}.",
                "anyOf": [*shapes, own],
            }
        return {"$ref": f"#/$defs/{name}"}

    def attrs_class(self, kind: type, *, shape_name: str | None = None) -> dict[str, Any]:
        name = kind.__name__
        if name in self.defs and shape_name is None:
            return {"$ref": f"#/$defs/{name}"}
        if shape_name is None:
            self.defs[name] = {}  # placeholder: a class may hold itself (Cycle.first)
        hints = typing.get_type_hints(kind)
        properties: dict[str, Any] = {}
        required = []
        if shape_name is not None:
            properties[SHAPE_KEY] = {"const": shape_name}
            required.append(SHAPE_KEY)
        for field in attrs.fields(kind):
            properties[field.name] = _dated(self.of(hints[field.name]))
            if field.default is attrs.NOTHING and NoneType not in get_args(hints[field.name]):
                required.append(field.name)
        properties[IN_FORCE] = {"$ref": "#/$defs/in_force"}
        schema: dict[str, Any] = {
            "type": "object",
            "description": _first_line(kind.__doc__),
            "required": required,
            "properties": properties,
            "additionalProperties": False,
        }
        if shape_name is not None:
            return schema
        self.defs[name] = schema
        return {"$ref": f"#/$defs/{name}"}


def _dated(schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "anyOf": [
            schema,
            {
                "type": "object",
                "description": "A dated value: the value from each date on.",
                "minProperties": 1,
                "propertyNames": {"pattern": _DATED_KEY},
                "additionalProperties": schema,
            },
        ]
    }


def _first_line(doc: str | None) -> str:
    return " ".join((doc or "").strip().split("\n\n")[0].split())


def generated_schema() -> dict[str, Any]:
    """The JSON Schema of the rules format, made from the rules model's types."""
    builder = _Builder()
    rule_set = {
        "type": "object",
        "description": "The date some parts of the rules take the values they have then, with"
        " its id and the source those values rest on.",
        "required": ["id", "from", "states", "source", "confidence"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "minLength": 1},
            "from": {
                "anyOf": [{"$ref": "#/$defs/date"}, {"const": EARLIEST}],
                "description": f"The date the parts take effect, or {EARLIEST!r}: the earliest"
                " rules known, for any earlier date too.",
            },
            "states": {
                "type": "array",
                "minItems": 1,
                "items": {"enum": [part.value for part in Part]},
            },
            "source": {"type": "string", "minLength": 1},
            "confidence": {"enum": [level.value for level in Confidence]},
            "notes": {"type": "array", "items": {"type": "string"}},
        },
    }
    properties: dict[str, Any] = {
        FORMAT_KEY: {"const": FORMAT, "description": "The version of the rules format."},
        "body": {"type": "string", "minLength": 1},
        "code": {"type": "string", "minLength": 1},
        "name": {"type": "string", "minLength": 1},
        "body_name": {"type": "string", "minLength": 1},
        "description": {"type": "string"},
        "selection": builder.of(Selection),
        "sources": {"type": "array", "items": builder.of(Source)},
        "facts": {"type": "array", "items": builder.of(FactSpec)},
        "rule_sets": {"type": "array", "minItems": 1, "items": rule_set},
        "cycle": _dated(builder.of(Cycle)),
        "continuing_education": _dated(builder.of(ContinuingEducation)),
        "pathways": _dated({"type": "array", "items": builder.item(Pathway)}),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "recertlib rules file",
        "description": "A credential's rules as dated data (see recertlib.rules.data).",
        "type": "object",
        "required": [FORMAT_KEY, "body", "code", "name", "body_name", "rule_sets"],
        "additionalProperties": False,
        "properties": properties,
        "$defs": dict(sorted(builder.defs.items())),
    }


def write_schema(out: Any = None) -> None:
    """Write :func:`generated_schema` as the shipped file is written, to ``out`` (standard
    output by default)."""
    out = sys.stdout if out is None else out
    json.dump(generated_schema(), out, indent=2, ensure_ascii=False)
    out.write("\n")
