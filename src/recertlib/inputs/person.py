"""A person: their facts, every credential they hold, and one history of activities.

Integrators track people, not credentials: every activity in a person's history is offered to
every credential they hold (how a person is evaluated is :mod:`recertlib.engine.person`'s to
say).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from attrs import field, frozen

from recertlib.errors import FieldValueError, shown_value
from recertlib.fields import non_empty_text, text
from recertlib.inputs.activity import Activity, activity_list
from recertlib.inputs.credential import Credential, PersonCredential
from recertlib.inputs.facts import Facts, to_facts


def _credentials(values: object) -> tuple[PersonCredential, ...]:
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise FieldValueError("credentials", shown_value(values), "expected a list of credentials")
    found = tuple(
        PersonCredential.of(value) if isinstance(value, Credential) else value for value in values
    )
    for index, item in enumerate(found):
        if not isinstance(item, PersonCredential):
            raise FieldValueError(
                f"credentials[{index}]",
                shown_value(item),
                "expected a PersonCredential or a Credential",
            )
    return found


def _attributes(values: object) -> dict[str, str]:
    if not isinstance(values, Mapping):
        raise FieldValueError(
            "attributes", shown_value(values), "expected an object of names and texts"
        )
    checked = {}
    for name, value in values.items():
        if not isinstance(name, str) or not name.strip():
            raise FieldValueError(
                "attributes", shown_value(name), "expected an attribute's name as non-empty text"
            )
        if not isinstance(value, str):
            raise FieldValueError(f"attributes.{name}", shown_value(value), "expected text")
        checked[name] = value
    return dict(sorted(checked.items()))


@frozen
class Person:
    """One person: their facts, the credentials they hold, and one history of activities.

    A :class:`~recertlib.Credential` given among ``credentials`` is taken without its holder:
    the person holds it. Verdicts name the person by :attr:`id` as the credential's holder.
    """

    id: str = field(validator=non_empty_text)
    """The caller's identifier for the person (an employee id), unique among the caller's
    people."""
    name: str = field(default="", validator=text, kw_only=True)
    facts: Facts = field(factory=Facts, converter=to_facts, kw_only=True)
    """What the caller knows of the person (birth date, ...); a credential's own facts
    override these."""
    credentials: tuple[PersonCredential, ...] = field(
        default=(), converter=_credentials, kw_only=True
    )
    """Every credential the person holds, in order of priority: where a body lets one activity
    count for one credential only, it counts for the one listed first
    (:attr:`~recertlib.rules.ContinuingEducation.shared_credit_counts`)."""
    activities: tuple[Activity, ...] = field(default=(), converter=activity_list, kw_only=True)
    """The person's one history, offered to every credential."""
    attributes: dict[str, str] = field(
        factory=dict, converter=_attributes, kw_only=True, hash=False
    )
    """What the caller's records say of the person that no rule reads (a manager, a
    department, a cost centre), by name, as text: carried unchanged into every output made
    from the person's verdicts (outcomes, plans, calendars), so that they can be sorted and
    sent by it. Sorted by name; treat it as read-only."""

    def held(self) -> tuple[Credential, ...]:
        """Every credential as the person holds it: with :attr:`id` as the holder and the
        person's facts under each credential's own."""
        return tuple(credential.held_by(self.id, self.facts) for credential in self.credentials)
