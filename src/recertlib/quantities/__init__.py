"""The quantities everything else is written in, at the bottom of the layers: exact amounts of
credit (:mod:`~recertlib.quantities.amounts`), dates and the spans rules count with
(:mod:`~recertlib.quantities.dates`), and the common units of continuing education
(:mod:`~recertlib.quantities.units`). Nothing here knows a credential."""

from recertlib.quantities.amounts import MAX_AMOUNT, MAX_PLACES, to_amount
from recertlib.quantities.dates import NEVER, Counting, Date, Span, evaluation_date, to_date
from recertlib.quantities.units import COMMON_UNITS, CONTACT_HOUR_MINUTES, UNITS, Unit

__all__ = [
    "COMMON_UNITS",
    "CONTACT_HOUR_MINUTES",
    "MAX_AMOUNT",
    "MAX_PLACES",
    "NEVER",
    "UNITS",
    "Counting",
    "Date",
    "Span",
    "Unit",
    "evaluation_date",
    "to_amount",
    "to_date",
]
