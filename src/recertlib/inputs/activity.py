"""One piece of continuing education, as the holder's certificate states it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from attrs import field, frozen

from recertlib.errors import FieldValueError, shown_value
from recertlib.fields import (
    amount,
    checked_names,
    event_date,
    names,
    non_empty_text,
    optional_event_date,
    optional_text,
    text,
)
from recertlib.quantities.dates import Date


def _tags(value: object) -> frozenset[str]:
    return frozenset(name.casefold() for name in checked_names("tags", value))


@frozen
class Activity:
    """One piece of continuing education, as the holder's certificate states it.

    ``amount`` is in ``unit`` (``"contact_hour"``, ``"ceu"``, ``"college_credit"``, ...); the
    credential's rules convert it into the body's own unit. It is a plain decimal numeral or a
    number, at most ``MAX_AMOUNT`` with at most ``MAX_PLACES`` decimal places, never rounded
    (:func:`~recertlib.quantities.to_amount`). ``completed_on`` and ``started_on`` lie between
    ``EARLIEST_EVENT`` and ``LATEST_EVENT``. A course that covers several content areas is
    entered once per area with that area's share of the credit.
    """

    title: str = field(validator=non_empty_text)
    completed_on: Date = field(converter=event_date)
    amount: Decimal = field(converter=amount)
    unit: str = field(validator=non_empty_text)
    provider: str = field(default="", validator=text, kw_only=True)
    area: str | None = field(default=None, validator=optional_text, kw_only=True)
    """The content area or category, in the body's own words (``"clinical"``)."""
    approved_by: frozenset[str] = field(default=frozenset(), converter=names, kw_only=True)
    """Codes of the bodies that approved the activity for credit (``{"AAMA"}``)."""
    certificate_id: str | None = field(default=None, validator=optional_text, kw_only=True)
    started_on: Date | None = field(default=None, converter=optional_event_date, kw_only=True)
    """The first day of a course that ran over several days; the credential's rules say which
    window a course that spans two counts in."""
    tags: frozenset[str] = field(default=frozenset(), converter=_tags, kw_only=True)
    """Labels the rules may select on: a topic (``"implicit bias"``), a format
    (``"distributive"``). Compared without regard to case."""
    other_areas: frozenset[str] = field(default=frozenset(), converter=names, kw_only=True)
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


def activity_list(values: object) -> tuple[Activity, ...]:
    """The ``activities`` field's converter: a list of :class:`Activity`.

    :raises FieldValueError: ``values`` is not a list, or an item is not an activity.
    """
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise FieldValueError("activities", shown_value(values), "expected a list of activities")
    found = tuple(values)
    for index, item in enumerate(found):
        if not isinstance(item, Activity):
            raise FieldValueError(f"activities[{index}]", shown_value(item), "expected an Activity")
    return found
