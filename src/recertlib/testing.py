"""A test kit for plugin authors: a credential's rules in a registry of their own, and the dates
at which those rules change a verdict, which are the dates worth a test.

Nothing here needs pytest; it works with any test runner.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from attrs import frozen

from recertlib.engine import evaluate_with_spec
from recertlib.inputs import Credential
from recertlib.plugins import Registry, hookimpl
from recertlib.quantities.dates import Date, to_date
from recertlib.rules import CredentialSpec


class SpecPlugin:
    """A plugin object that registers the given credentials, as an installed plugin would."""

    def __init__(self, *specs: CredentialSpec) -> None:
        self.specs = specs

    @hookimpl
    def register_credentials(self, register: Callable[[CredentialSpec], None]) -> None:
        for spec in self.specs:
            register(spec)


def registry_of(*specs: CredentialSpec) -> Registry:
    """A registry holding only ``specs``, checked the way recertlib checks an installed plugin.

    It is always strict: a spec that an installed plugin's registry would leave out (and list
    in :attr:`~recertlib.Registry.failures`) raises here, so that a test fails on it.

    :raises InvalidRuleSet: a spec's rules are incomplete, contradict themselves, or can never
        be satisfied.
    :raises ConflictingCredential: two of ``specs`` are the same credential.
    """
    return Registry.from_plugins(SpecPlugin(*specs), strict=True)


@frozen
class Boundary:
    """A date on which a credential's verdict changes, or the last day before it does."""

    label: str
    on: Date

    def __str__(self) -> str:
        return f"{self.on} ({self.label})"


def boundaries(spec: CredentialSpec, certified_on: object) -> tuple[Boundary, ...]:
    """The dates to test a credential certified on ``certified_on`` at, in date order.

    They are the first day of the cycle and the day before it, the expiry date and the day
    after, and the first and last day of each pathway with the day before it opens and the
    day after it closes: the edges where an off-by-one mistake in a rule shows.
    """
    start = to_date(certified_on)
    credential = Credential(spec.body, spec.code, "boundaries", start)
    verdict = evaluate_with_spec(spec, credential, (), as_of=start)
    found = [
        Boundary("the day before the cycle", start.subtract(days=1)),
        Boundary("the cycle's first day", start),
        Boundary("the expiry date", verdict.expires_on),
        Boundary("the day after expiry", verdict.expires_on.add(days=1)),
    ]
    for pathway in verdict.pathways:
        if pathway.opens_on > start:
            before = pathway.opens_on.subtract(days=1)
            found.append(Boundary(f"the day before {pathway.name!r} opens", before))
            found.append(Boundary(f"the day {pathway.name!r} opens", pathway.opens_on))
        if pathway.closes_on is not None:
            found.append(Boundary(f"the last day of {pathway.name!r}", pathway.closes_on))
            found.append(
                Boundary(f"the day after {pathway.name!r} closes", pathway.closes_on.add(days=1))
            )
    return tuple(_by_date(found))


def _by_date(found: Iterable[Boundary]) -> list[Boundary]:
    # One label per date: the first said of it, so that a test id stays short.
    unique: dict[Date, Boundary] = {}
    for boundary in found:
        unique.setdefault(boundary.on, boundary)
    return sorted(unique.values(), key=lambda boundary: boundary.on)


__all__ = ["Boundary", "SpecPlugin", "boundaries", "registry_of"]
