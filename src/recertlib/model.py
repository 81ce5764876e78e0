"""What a caller hands in: a credential, its holder's activities, and the two together."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from attrs import field, frozen

from recertlib.checks import (
    checked_amount,
    checked_date,
    checked_event_date,
    checked_names,
    non_empty_text,
    optional_text,
    text,
)
from recertlib.dates import Date
from recertlib.errors import FieldValueError
from recertlib.rules.facts import Facts


def _approved_by(value: object) -> frozenset[str]:
    return checked_names("approved_by", value)


def _tags(value: object) -> frozenset[str]:
    return frozenset(name.casefold() for name in checked_names("tags", value))


def _other_areas(value: object) -> frozenset[str]:
    return checked_names("other_areas", value)


def _started_on(value: object) -> Date | None:
    return None if value is None else checked_event_date("started_on", value)


def facts_of(value: object) -> Facts:
    """The ``facts`` field's converter: :class:`Facts`, or a mapping of them."""
    if isinstance(value, Facts):
        return value
    if isinstance(value, Mapping):
        return Facts.from_mapping(value)
    raise FieldValueError("facts", value, "expected Facts or a mapping of facts")


# attrs converters name no field; these do, so that an error says which one is wrong.
def certified_on_date(value: object) -> Date:
    """The ``certified_on`` field's converter: a date an event may have."""
    return checked_event_date("certified_on", value)


def expires_on_date(value: object) -> Date | None:
    """The ``expires_on`` field's converter: any date, ``9999-12-31`` for never."""
    # 9999-12-31 is "never expires": date arithmetic stops at the calendar's end.
    return None if value is None else checked_date("expires_on", value)


def _completed_on(value: object) -> Date:
    return checked_event_date("completed_on", value)


def _amount(value: object) -> Decimal:
    return checked_amount("amount", value)


@frozen
class Credential:
    """One person's credential: which body issued it, which credential, and its dates.

    ``certified_on`` is the date the holder passed the exam or last recertified: the cycle is
    counted from it, so it lies between ``EARLIEST_EVENT`` and
    ``LATEST_EVENT``. ``expires_on`` is the last day the credential is
    current, when the body's record of it is known, within the same bounds; without it, the
    credential's rules compute it.

    Text fields hold text: ``None``, a boolean, a number or a list is refused, never turned
    into text.
    """

    body: str = field(validator=non_empty_text)
    """The certifying body's code, as its plugin registers it (``"AAMA"``)."""
    credential: str = field(validator=non_empty_text)
    """The credential's code within that body (``"CMA"``)."""
    holder: str = field(validator=non_empty_text)
    """Who holds it: a name or an identifier of the caller's choosing."""
    certified_on: Date = field(converter=certified_on_date)
    expires_on: Date | None = field(default=None, converter=expires_on_date, kw_only=True)
    facts: Facts = field(factory=Facts, converter=facts_of, kw_only=True)
    """What the caller knows of the holder that the rules may need: birth date, membership,
    whether this is the first renewal, and facts a plugin defines."""

    @expires_on.validator
    def _expires_after_certification(self, attribute: object, value: Date | None) -> None:
        if value is not None and value < self.certified_on:
            raise FieldValueError(
                "expires_on", str(value), f"is before certified_on {self.certified_on}"
            )


@frozen
class Activity:
    """One piece of continuing education, as the holder's certificate states it.

    ``amount`` is in ``unit`` (``"contact_hour"``, ``"ceu"``, ``"college_credit"``, ...); the
    credential's rules convert it into the body's own unit. It is a plain decimal numeral or a
    number, at most ``MAX_AMOUNT`` with at most
    ``MAX_PLACES`` decimal places, never rounded
    (:func:`~recertlib.to_amount`). ``completed_on`` and ``started_on`` lie between
    ``EARLIEST_EVENT`` and ``LATEST_EVENT``. A course
    that covers several content areas is entered once per area with that area's share of the
    credit.
    """

    title: str = field(validator=non_empty_text)
    completed_on: Date = field(converter=_completed_on)
    amount: Decimal = field(converter=_amount)
    unit: str = field(validator=non_empty_text)
    provider: str = field(default="", validator=text, kw_only=True)
    area: str | None = field(default=None, validator=optional_text, kw_only=True)
    """The content area or category, in the body's own words (``"clinical"``)."""
    approved_by: frozenset[str] = field(default=frozenset(), converter=_approved_by, kw_only=True)
    """Codes of the bodies that approved the activity for credit (``{"AAMA"}``)."""
    certificate_id: str | None = field(default=None, validator=optional_text, kw_only=True)
    started_on: Date | None = field(default=None, converter=_started_on, kw_only=True)
    """The first day of a course that ran over several days; the credential's rules say which
    window a course that spans two counts in."""
    tags: frozenset[str] = field(default=frozenset(), converter=_tags, kw_only=True)
    """Labels the rules may select on: a topic (``"implicit bias"``), a format
    (``"distributive"``). Compared without regard to case."""
    other_areas: frozenset[str] = field(default=frozenset(), converter=_other_areas, kw_only=True)
    """Further content areas the activity may count in; its credit goes where it is needed."""

    @started_on.validator
    def _starts_before_it_ends(self, attribute: object, value: Date | None) -> None:
        if value is not None and value > self.completed_on:
            raise FieldValueError(
                "started_on", str(value), f"is after completed_on {self.completed_on}"
            )

    def is_approved_by(self, body: str) -> bool:
        """Whether ``body`` is among the approvers, without regard to case."""
        folded = body.casefold()
        return any(approver.casefold() == folded for approver in self.approved_by)

    def sort_key(self) -> tuple[object, ...]:
        """A total order over every field, so results never depend on the input's order."""
        return (
            self.completed_on,
            self.title,
            self.provider,
            self.area or "",
            self.unit,
            self.amount,
            tuple(sorted(self.approved_by)),
            self.certificate_id or "",
            self.started_on or self.completed_on,
            tuple(sorted(self.tags)),
            tuple(sorted(self.other_areas)),
        )


def _activities(values: Iterable[Activity]) -> tuple[Activity, ...]:
    return tuple(values)


@frozen
class Holder:
    """A credential and the activities recorded against it: one record of a holder file."""

    credential: Credential = field()
    activities: tuple[Activity, ...] = field(default=(), converter=_activities)

    @credential.validator
    def _a_credential(self, attribute: object, value: object) -> None:
        if not isinstance(value, Credential):
            raise FieldValueError("credential", value, "expected a Credential")

    @activities.validator
    def _only_activities(self, attribute: object, value: tuple[object, ...]) -> None:
        for index, item in enumerate(value):
            if not isinstance(item, Activity):
                raise TypeError(f"activities[{index}] is not an Activity: {item!r}")
