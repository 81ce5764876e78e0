"""A fee: what a pathway costs, or what a holder pays to keep a credential (:class:`~recertlib.
rules.Dues`), with the condition on which it is due."""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen

from recertlib.fields import boolean, non_empty_text, optional_amount, text
from recertlib.rules.facts import Condition, OptionalCondition, describe_condition


@frozen
class Fee:
    """A fee a pathway costs. ``amount`` is ``None`` where no source confirms one.

    A fee with ``when`` applies only to holders the condition holds for (AAMA's exam fee:
    $125 ``when=FactIs("member", True)``, $250 ``when=FactIs("member", False)``). Where the
    caller did not give the fact, the verdict lists each alternative with its condition; where
    the condition is known to hold, the fee is listed without it. A condition may read the
    evaluation date, which stands for the day the holder applies: a late fee due from the day
    after expiry is ``when=OnOrAfter(DayAfter(AfterExpiry()))``.
    """

    label: str = field(validator=non_empty_text)
    amount: Decimal | None = field(converter=optional_amount)
    currency: str = field(default="USD", kw_only=True, validator=non_empty_text)
    confirmed: bool = field(default=False, kw_only=True, validator=boolean)
    """Whether the amount is confirmed by the body's own published material."""
    source: str = field(default="", kw_only=True, validator=text)
    when: Condition | None = field(default=None, kw_only=True, validator=OptionalCondition)

    def describe(self) -> str:
        """The fee's label with its condition, if any."""
        return f"{self.label}{describe_condition(self.when)}"
