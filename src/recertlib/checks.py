"""attrs validators shared by the public types: each failure names the field and its value."""

from __future__ import annotations

from typing import Any

from attrs import Attribute

from recertlib.errors import FieldValueError


def non_empty_text(instance: object, attribute: Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise FieldValueError(attribute.name, value, "expected non-empty text")


def optional_text(instance: object, attribute: Attribute[Any], value: object) -> None:
    if value is not None:
        non_empty_text(instance, attribute, value)


def text(instance: object, attribute: Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise FieldValueError(attribute.name, value, "expected text")
