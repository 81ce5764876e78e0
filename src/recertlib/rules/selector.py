"""Which credit a minimum, a cap or a length rule is about."""

from __future__ import annotations

from attrs import field, frozen

from recertlib.fields import folded_names, optional_boolean, optional_name_set


@frozen
class Selector:
    """Which credit a minimum or a cap counts; a criterion left ``None`` matches everything."""

    areas: frozenset[str] | None = field(
        default=None, converter=folded_names, validator=optional_name_set
    )
    """Content areas, compared without regard to case: the area the credit counts in."""
    approved: bool | None = field(default=None, validator=optional_boolean)
    """Only credit approved (``True``) or not approved (``False``) by the rules' approver."""
    units: frozenset[str] | None = field(
        default=None, converter=folded_names, validator=optional_name_set
    )
    """Only credit recorded in these units (before conversion). Credit recorded in a common unit
    (:mod:`recertlib.quantities.units`) that the body takes through the common relations is
    credit in both units: the common unit it was recorded in, and the unit it was converted
    into, so that a cap on either holds it (3 semester credits converted into 45 contact hours
    fall under a cap on ``semester_credit`` and under one on ``contact_hour``)."""
    tags: frozenset[str] | None = field(
        default=None, converter=folded_names, validator=optional_name_set
    )
    """Only credit from activities with at least one of these tags (a topic such as
    ``"implicit bias"``, a format such as ``"distributive"``)."""

    def matches(
        self,
        *,
        area: str | None,
        approved: bool,
        unit: str,
        tags: frozenset[str],
        recorded_in: str | None = None,
    ) -> bool:
        """Whether credit with these attributes is selected (``unit`` and names folded):
        ``unit`` is the unit of the body's conversion that took it, ``recorded_in`` the common
        unit it was recorded in when it was converted into ``unit`` through the common
        relations."""
        if self.approved is not None and self.approved != approved:
            return False
        if self.units is not None and unit not in self.units and recorded_in not in self.units:
            return False
        if self.tags is not None and not self.tags & tags:
            return False
        return self.areas is None or area in self.areas

    def describe(self) -> str:
        """The selector in words."""
        words = []
        if self.approved is True:
            words.append("approved")
        elif self.approved is False:
            words.append("not approved")
        if self.units is not None:
            words.append("recorded in " + " or ".join(sorted(self.units)))
        if self.tags is not None:
            words.append("tagged " + " or ".join(sorted(self.tags)))
        if self.areas is not None:
            words.append("in " + " or ".join(sorted(self.areas)))
        return ", ".join(words) or "any credit"
