"""Calling a rule, a standard shape or a plugin's own implementation of a protocol alike.

A plugin's own rule is code recertlib did not write: when it raises (anything but a
:class:`~recertlib.RecertlibError`, such as :class:`~recertlib.MissingFact`, which stands) or
returns what its protocol does not allow, the call raises :class:`RuleFailure` naming the rule,
so that the evaluation of that credential alone fails, with the plugin named by the engine. A
standard shape is called as it is: its mistakes are recertlib's own.

Each protocol's module calls through :func:`call_rule` with a check of what the protocol
returns (:func:`~recertlib.rules.schedule.date_on`, :func:`~recertlib.rules.facts.holds`, ...).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, TypeVar

from recertlib.errors import RecertlibError, shown
from recertlib.quantities.dates import Date, to_date

T = TypeVar("T")


class RuleFailure(Exception):
    """A plugin's own rule raised, or returned what its protocol does not allow."""

    def __init__(self, rule: object, method: str, what: str) -> None:
        self.rule = rule
        self.method = method
        self.what = what
        super().__init__(f"its {type(rule).__qualname__}.{method} {what}")


_OWN: dict[type, bool] = {}


def is_plugins_own(rule: object) -> bool:
    """Whether ``rule`` is a plugin's own implementation, not one of recertlib's shapes."""
    kind = type(rule)
    own = _OWN.get(kind)
    if own is None:
        own = _OWN[kind] = not kind.__module__.startswith("recertlib.")
    return own


def call_rule(rule: object, method: str, call: Callable[[], Any], check: Callable[[Any], T]) -> T:
    """``call()``, a method of ``rule`` named ``method``; for a plugin's own rule, what it
    returns checked by ``check`` (which raises :class:`TypeError` to refuse it).

    :raises RuleFailure: a plugin's own rule raised, or returned what ``check`` refuses.
    """
    if not is_plugins_own(rule):
        found: T = call()
        return found
    try:
        found = call()
    except RecertlibError:
        raise
    except Exception as error:
        raise RuleFailure(rule, method, f"raised {type(error).__name__}: {error}") from error
    try:
        return check(found)
    except (TypeError, ValueError) as error:
        raise RuleFailure(rule, method, f"returned {shown(found)}: {error}") from None


def described(rule: Any) -> str:
    """``rule.describe()``: any rule's words, a plugin's own checked to be text."""
    return call_rule(rule, "describe", rule.describe, a_text)


def a_text(found: Any) -> str:
    """Text a rule returned, or :class:`TypeError`."""
    if not isinstance(found, str):
        raise TypeError("expected text")
    return found


def a_date(found: Any) -> Date:
    """A date a rule returned, or :class:`TypeError`."""
    if isinstance(found, datetime.datetime) or not isinstance(found, datetime.date):
        raise TypeError("expected a date")
    return to_date(found)


def a_bool(found: Any) -> bool:
    """True or false a rule returned, or :class:`TypeError`."""
    if not isinstance(found, bool):
        raise TypeError("expected true or false")
    return found
