"""Facts about a credential's holder that the caller knows and some rules need: a birth date,
membership of the body, whether this is the first renewal, the original issue date, an
inactive status, and facts a plugin defines.

Every fact is optional. A rule that needs one the caller left out raises
:class:`~recertlib.MissingFact` rather than guess (:class:`~recertlib.rules.FactReader`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from recertlib.errors import FieldValueError, shown_value
from recertlib.fields import checked_amount, optional_boolean, optional_date
from recertlib.quantities.dates import Date

FactValue = bool | Date | Decimal | str
"""What a fact may hold."""

BIRTH_DATE = "birth_date"
"""The name of the fact :attr:`~recertlib.Facts.birth_date`."""
MEMBER = "member"
"""The name of the fact :attr:`~recertlib.Facts.member`."""
FIRST_RENEWAL = "first_renewal"
"""The name of the fact :attr:`~recertlib.Facts.first_renewal`."""
ORIGINALLY_ISSUED_ON = "originally_issued_on"
"""The name of the fact :attr:`~recertlib.Facts.originally_issued_on`."""
INACTIVE = "inactive"
"""The name of the fact :attr:`~recertlib.Facts.inactive`."""


def _fact_value(name: str, value: object) -> FactValue:
    # A JSON number is a decimal fact; its FactSpec says what kind the rules read.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return checked_amount(name, value)
    if not isinstance(value, bool | Date | Decimal | str):
        raise FieldValueError(
            name, shown_value(value), "expected text, true or false, a date or a number"
        )
    return value


def _other(values: Mapping[str, object] | Iterable[tuple[str, object]]) -> Any:
    items = values.items() if isinstance(values, Mapping) else values
    checked = []
    for name, value in items:
        if not isinstance(name, str) or not name.strip():
            raise FieldValueError(
                str(shown_value(name)),
                shown_value(value),
                "expected a fact's name as non-empty text",
            )
        checked.append((name, _fact_value(name, value)))
    return tuple(sorted(checked, key=lambda item: item[0]))


@frozen
class Facts:
    """What the caller knows of the holder, for the rules that need it.

    Every fact is optional; a rule that needs one the caller left out raises
    :class:`~recertlib.MissingFact` rather than guess.
    """

    birth_date: Date | None = field(default=None, converter=optional_date)
    """The holder's date of birth (a licence that expires after the birth month)."""
    member: bool | None = field(default=None, validator=optional_boolean)
    """Whether the holder is a member of the certifying body (fees for members)."""
    first_renewal: bool | None = field(default=None, validator=optional_boolean)
    """Whether the holder has never renewed: the cycle is the first since initial
    certification."""
    originally_issued_on: Date | None = field(default=None, converter=optional_date)
    """The date the credential was first issued, before any renewal."""
    inactive: bool | None = field(default=None, validator=optional_boolean)
    """Whether the body records the credential in an inactive status."""
    other: tuple[tuple[str, FactValue], ...] = field(default=(), converter=_other)
    """Facts a plugin defines (:class:`~recertlib.rules.FactSpec`), as ``(name, value)`` pairs;
    a mapping is accepted. In JSON, and through :meth:`from_mapping`, they stand beside the
    standard facts: ``{"member": true, "aarc_member": true}``."""

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> Facts:
        """Facts from one mapping of names to values, standard and plugin-defined alike."""
        standard = {name: value for name, value in data.items() if name in STANDARD_FACTS}
        other = {name: value for name, value in data.items() if name not in STANDARD_FACTS}
        return cls(**standard, other=other)  # type: ignore[arg-type]

    def as_mapping(self) -> dict[str, FactValue]:
        """Every fact given, standard and plugin-defined alike, by name: the inverse of
        :meth:`from_mapping`."""
        given = {name: getattr(self, name) for name in sorted(STANDARD_FACTS)}
        return {name: value for name, value in given.items() if value is not None} | dict(
            self.other
        )

    def get(self, name: str) -> FactValue | None:
        """The fact called ``name``, standard or a plugin's, or ``None`` when not given."""
        if name in STANDARD_FACTS:
            value: FactValue | None = getattr(self, name)
            return value
        return dict(self.other).get(name)

    def under(self, own: Facts) -> Facts:
        """These facts with ``own`` (a credential's) over them: a fact ``own`` gives wins, one
        it leaves out is taken from these."""
        standard = {
            name: own.get(name) if own.get(name) is not None else self.get(name)
            for name in STANDARD_FACTS
        }
        return Facts(**standard, other={**dict(self.other), **dict(own.other)})  # type: ignore[arg-type]


def to_facts(value: object) -> Facts:
    """:class:`Facts`, or a mapping of them, as facts: a ``facts`` field's converter.

    :raises FieldValueError: ``value`` is neither.
    """
    if isinstance(value, Facts):
        return value
    if isinstance(value, Mapping):
        return Facts.from_mapping(value)
    raise FieldValueError("facts", shown_value(value), "expected Facts or a mapping of facts")


STANDARD_FACTS = frozenset({BIRTH_DATE, MEMBER, FIRST_RENEWAL, ORIGINALLY_ISSUED_ON, INACTIVE})
"""The facts with fields of their own in :class:`Facts`."""
