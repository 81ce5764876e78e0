"""What :func:`recertlib.evaluate` answers for a person: every credential's outcome, from one
history, so that one bad credential never hides the others."""

from __future__ import annotations

from attrs import frozen

from recertlib.errors import RecertlibError
from recertlib.inputs import Credential, Person
from recertlib.quantities.dates import Date
from recertlib.results.outcome import Outcome
from recertlib.results.verdict import Verdict


@frozen
class PersonVerdict:
    """Everything to say of one person's credentials on one date."""

    person: Person
    as_of: Date
    outcomes: tuple[Outcome[Verdict], ...]
    """One per credential, in the person's order: its verdict, or the error that kept it from
    one (:class:`~recertlib.UnknownCredential`, :class:`~recertlib.MissingFact`,
    :class:`~recertlib.InvalidInput`, :class:`~recertlib.errors.NoRuleSetInForce`), labelled
    with the credential (``AAMA CMA``)."""

    @property
    def credentials(self) -> tuple[Credential, ...]:
        """Each credential as it was evaluated, in the order of :attr:`outcomes`: with the
        person's id as its holder and the person's facts under the credential's own."""
        return self.person.held()

    @property
    def usable(self) -> bool:
        """Whether every credential is usable on ``as_of``: ``False`` when any is not, or
        could not be evaluated; ``True`` for a person who holds none."""
        return all(outcome.value is not None and outcome.value.usable for outcome in self.outcomes)

    @property
    def verdicts(self) -> tuple[Verdict, ...]:
        """The verdicts of the credentials that could be evaluated, in order."""
        return tuple(o.value for o in self.outcomes if o.value is not None)

    @property
    def errors(self) -> tuple[RecertlibError, ...]:
        """The errors of the credentials that could not be, in order."""
        return tuple(o.error for o in self.outcomes if o.error is not None)
