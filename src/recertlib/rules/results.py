"""How far a holder is from a requirement: the result type that requirements produce, kept apart
from the rest of the verdict so that the rules model can build it."""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen

from recertlib.quantities.amounts import ZERO, format_amount, quantity


@frozen
class RequirementResult:
    """One requirement of a pathway and how far the holder is from it.

    A group of requirements ("all of", "at least one of") has its members in ``children``; its
    ``required`` and ``earned`` count the members that must be met and that are.
    """

    name: str
    required: Decimal
    earned: Decimal
    unit: str
    children: tuple[RequirementResult, ...] = field(default=(), kw_only=True)

    @property
    def shortfall(self) -> Decimal:
        """What is still missing, never below zero."""
        return max(self.required - self.earned, ZERO)

    @property
    def met(self) -> bool:
        """Whether the requirement is met."""
        return self.earned >= self.required

    @property
    def missing(self) -> str:
        """What is still missing, in words: ``"8 points (Total)"``; empty when met."""
        if self.met:
            return ""
        if self.children:
            inner = "; ".join(child.missing for child in self.children if not child.met)
            needed = self.shortfall
            return f"{self.name}: {format_amount(needed)} more of ({inner})"
        return f"{quantity(self.shortfall, self.unit)} ({self.name})"
