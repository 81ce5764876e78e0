"""What became of one record: its value, or the error that kept it from one.

Every stage that handles many records at once keeps going past a bad one: reading a file gives
an :class:`Outcome` of a :class:`~recertlib.Holder` or a :class:`~recertlib.Person` per record,
evaluating gives an :class:`Outcome` of a :class:`~recertlib.Verdict` or a
:class:`~recertlib.PersonVerdict`, and a person's verdict holds an :class:`Outcome` per
credential. The error names the record, so that it can be reported as it is.
"""

from __future__ import annotations

import warnings
from typing import Generic, TypeVar

from attrs import frozen

from recertlib.errors import RecertlibError

T = TypeVar("T")
U = TypeVar("U")


@frozen
class Outcome(Generic[T]):
    """One record's value, or the error that kept it from one: exactly one of the two is set."""

    label: str
    """Where the record came from, as ``staff.jsonl line 3 (person 'E-1003')``,
    ``holders.json[2]``, or for one of a person's credentials ``AAMA CMA``."""
    value: T | None = None
    """What the record was made into: a :class:`~recertlib.Holder` or a
    :class:`~recertlib.Person` read, a :class:`~recertlib.Verdict` or a
    :class:`~recertlib.PersonVerdict`; ``None`` when :attr:`error` is set."""
    error: RecertlibError | None = None
    """Why the record could not be made into a value, naming the record; ``None`` when
    :attr:`value` is set."""

    @classmethod
    def of(cls, label: str, value: T) -> Outcome[T]:
        """The record made into ``value``."""
        return cls(label, value, None)

    @classmethod
    def failed(cls, label: str, error: RecertlibError) -> Outcome[T]:
        """The record that ``error`` kept from being made into a value."""
        return cls(label, None, error)

    @property
    def ok(self) -> bool:
        """Whether the record was made into a value."""
        return self.error is None

    def relabelled(self, label: str) -> Outcome[T]:
        """The same outcome, of a record labelled ``label``."""
        return Outcome(label, self.value, self.error)

    # Each wrapper this type replaced named its value; those names work until 0.3.
    @property
    def holder(self) -> T | None:
        """Deprecated: :attr:`value`."""
        return self._deprecated("holder")

    @property
    def person(self) -> T | None:
        """Deprecated: :attr:`value`."""
        return self._deprecated("person")

    @property
    def verdict(self) -> T | None:
        """Deprecated: :attr:`value`."""
        return self._deprecated("verdict")

    def _deprecated(self, name: str) -> T | None:
        warnings.warn(
            f"Outcome.{name} is deprecated: use Outcome.value; the old name goes in 0.3",
            DeprecationWarning,
            stacklevel=3,
        )
        return self.value


__all__ = ["Outcome"]
