"""A credential as a caller hands it in: who issued it, which it is, its dates and the facts
its rules may need; held by a person (:class:`PersonCredential`) or by a named holder
(:class:`Credential`, which adds who holds it)."""

from __future__ import annotations

from typing import Any

import attrs
from attrs import field, frozen

from recertlib.errors import FieldValueError
from recertlib.fields import event_date, non_empty_text, optional_date
from recertlib.inputs.facts import Facts, to_facts
from recertlib.quantities.dates import Date


@frozen
class PersonCredential:
    """A credential a person holds: which body issued it, which credential, and its dates; the
    person is the holder.

    ``facts`` are this credential's own (membership of its body, its original issue date);
    they override the person's facts of the same name. Text fields hold text: ``None``, a
    boolean, a number or a list is refused, never turned into text.
    """

    body: str = field(validator=non_empty_text)
    """The certifying body's code, as its plugin registers it (``"AAMA"``)."""
    credential: str = field(validator=non_empty_text)
    """The credential's code within that body (``"CMA"``)."""
    certified_on: Date = field(converter=event_date)
    """The date the holder passed the exam or last recertified: the cycle is counted from it,
    so it lies between ``EARLIEST_EVENT`` and ``LATEST_EVENT``."""
    expires_on: Date | None = field(default=None, converter=optional_date, kw_only=True)
    """The last day the credential is current, when the body's record of it is known (any
    date; ``9999-12-31`` for never); without it, the credential's rules compute it."""
    facts: Facts = field(factory=Facts, converter=to_facts, kw_only=True)
    """What the caller knows of the holder that the rules may need: birth date, membership,
    whether this is the first renewal, and facts a plugin defines."""

    @expires_on.validator
    def _expires_after_certification(self, attribute: object, value: Date | None) -> None:
        if value is not None and value < self.certified_on:
            raise FieldValueError(
                "expires_on", str(value), f"is before certified_on {self.certified_on}"
            )

    @classmethod
    def of(cls, credential: PersonCredential) -> PersonCredential:
        """The credential without its holder."""
        return PersonCredential(
            credential.body,
            credential.credential,
            credential.certified_on,
            expires_on=credential.expires_on,
            facts=credential.facts,
        )

    def held_by(self, holder: str, facts: Facts | None = None) -> Credential:
        """The :class:`Credential` as ``holder`` holds it, with ``facts`` (the person's) under
        this credential's own."""
        return Credential(
            self.body,
            self.credential,
            holder,
            self.certified_on,
            expires_on=self.expires_on,
            facts=self.facts if facts is None else facts.under(self.facts),
        )


def _holder_third(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    holder = next(f for f in fields if f.name == "holder")
    others = [f for f in fields if f is not holder]
    return [*others[:2], holder, *others[2:]]


# A Credential is a PersonCredential that says who holds it. The holder stands third, where
# callers have always put it (Credential("AAMA", "CMA", "Maria Lopez", "2022-03-10")): the
# transformer puts it there among the fields, the __init__ among the arguments.
@frozen(init=False, field_transformer=_holder_third)
class Credential(PersonCredential):
    """One person's credential: which body issued it, which credential, who holds it, and its
    dates.

    ``certified_on`` is the date the holder passed the exam or last recertified: the cycle is
    counted from it, so it lies between ``EARLIEST_EVENT`` and ``LATEST_EVENT``.
    ``expires_on`` is the last day the credential is current, when the body's record of it is
    known; without it, the credential's rules compute it.

    Text fields hold text: ``None``, a boolean, a number or a list is refused, never turned
    into text.
    """

    holder: str = field(validator=non_empty_text)
    """Who holds it: a name or an identifier of the caller's choosing."""

    def __init__(
        self,
        body: str,
        credential: str,
        holder: str,
        certified_on: object,
        *,
        expires_on: object = None,
        facts: object = attrs.NOTHING,
    ) -> None:
        self.__attrs_init__(
            body=body,
            credential=credential,
            holder=holder,
            certified_on=certified_on,
            expires_on=expires_on,
            facts=facts,
        )
