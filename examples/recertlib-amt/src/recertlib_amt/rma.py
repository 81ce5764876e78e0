"""The RMA credential of American Medical Technologists: its rules as data, each value beside
its source (:data:`SOURCES`, cited by key, each with its address where one is known; the
README lists them too). Where the sources leave a choice open, the choice is a named parameter
below.
"""

from __future__ import annotations

from recertlib.quantities.units import COMMON_UNITS as UNITS
from recertlib.rules import (
    AfterExpiry,
    Confidence,
    ContinuingEducation,
    Conversion,
    Counting,
    CredentialSpec,
    Cycle,
    DayAfter,
    Deadline,
    Fee,
    NextCycleFrom,
    Pathway,
    PathwayKind,
    RefusedUnit,
    RuleSet,
    Source,
    Span,
)

SOURCES = (
    Source(
        "CCP",
        "AMT, 'Stay Certified': the Certification Continuation Program (CCP), a three-year"
        " cycle; 30 CCP points for the RMA, none carried over; employment points only until"
        " 2020-12-31; a random audit",
        url="https://americanmedtech.org/Certification/Stay-Certified/tabs/3",
    ),
    Source(
        "FEES",
        "AMT, 'Stay Certified': an annual fee, due in the anniversary month of certification",
        url="https://americanmedtech.org/Certification/Stay-Certified/tabs/3",
    ),
    Source(
        "LAPSE",
        "AMT reactivation policy: points or fees missing at the end of the cycle lapse the"
        " certification; lapsed 10 years or more, the holder must retest",
    ),
)

# --- Parameters: choices the sources leave open --------------------------------------------

CYCLE_LENGTH = Span(months=36, counting=Counting.END_OF_MONTH)
"""[CCP] says three years, not on which day. Since [FEES] fall due in the anniversary month,
we end the cycle with the anniversary month: certified on 15 March 2023, current through
31 March 2026."""

EMPLOYMENT_POINTS_THROUGH = "2020-12-31"
"""[CCP]: points for employment count only for work up to this date."""

RETEST_AFTER_LAPSE = Span(months=120)
"""[LAPSE]: reactivation stays possible until the certification has been lapsed 10 years;
from the day after, only the exam remains."""

REACTIVATION_CREDIT_WITHIN = Span(months=36)
"""[LAPSE] asks for the missing CCP points, not saying from when. We count the 30 points of a
cycle when completed within the three years before reactivating (the evaluation date counted,
the day three years before it not): reactivating on 2027-06-01, points of 2024-06-02 count and
points of 2024-06-01 do not."""

NEXT_CYCLE_FROM = NextCycleFrom.PREVIOUS_EXPIRY
"""[CCP] cycles follow each other: a completed cycle starts the next one at its end."""

COMMON_UNITS_REFUSED = tuple(
    RefusedUnit(
        unit,
        "[CCP] counts CCP points as AMT awards them and gives no value to hours or college"
        " credit: record the points on the certificate",
    )
    for unit in UNITS
)
"""[CCP] says nothing of how hours, CEUs or college credit become CCP points, so every common
unit of recertlib is refused with that reason rather than left to look like a mistake."""

# --- Fees: [FEES] gives no amounts, so none is invented ----------------------------------

ANNUAL_FEE = Fee("Annual fee", None, source="[FEES]: due each year in the anniversary month")
REACTIVATION_FEE = Fee("Reactivation fee", None, source="[LAPSE]: no amount published")
EXAM_FEE = Fee("Exam fee", None, source="no amount in the sources")

# --- The rule sets ----------------------------------------------------------------------------

CYCLE = RuleSet(
    "amt.rma.cycle",
    effective_from=None,
    source="[CCP]; the expiry day is our reading of [FEES]",
    confidence=Confidence.MEDIUM,
    cycle=Cycle(CYCLE_LENGTH),
)

CCP = RuleSet(
    "amt.rma.ccp",
    effective_from=None,
    source="[CCP]",
    confidence=Confidence.MEDIUM,
    continuing_education=ContinuingEducation(
        unit="CCP point",
        total=30,
        conversions=(
            Conversion("ccp_point", 1, note="CCP points as AMT awards them"),
            # A dated rule about when the work was done, not about the cycle: an employment
            # point earned in 2020 still counts in a cycle that ends in 2022.
            Conversion(
                "employment_point",
                1,
                counts_through=EMPLOYMENT_POINTS_THROUGH,
                note=f"points for employment, only through {EMPLOYMENT_POINTS_THROUGH}",
            ),
        ),
        # [CCP] counts points as AMT awards them, and values no hour or college credit.
        refused_units=COMMON_UNITS_REFUSED,
        # [CCP]: no carry-over; the cycle window already keeps out credit from before it.
    ),
    notes=("AMT audits a random sample of holders each year: keep every certificate.",),
)

PATHWAYS = RuleSet(
    "amt.rma.pathways",
    effective_from=None,
    source="[CCP]; [FEES]; [LAPSE]",
    confidence=Confidence.MEDIUM,
    pathways=(
        Pathway(
            PathwayKind.CONTINUING_EDUCATION,
            "Complete the CCP cycle",
            closes=AfterExpiry(),  # the expiry date itself: [LAPSE] allows no grace
            requires_credit=True,
            fees=(ANNUAL_FEE,),
            steps=("Record the CCP points with AMT", "Pay each annual fee"),
            next_cycle_from=NEXT_CYCLE_FROM,
            # [FEES]: one fee in each anniversary month of the three-year cycle.
            deadlines=(
                Deadline(
                    "Annual fee, first year",
                    Span(months=24, counting=Counting.END_OF_MONTH),
                ),
                Deadline(
                    "Annual fee, second year",
                    Span(months=12, counting=Counting.END_OF_MONTH),
                ),
                Deadline("Annual fee, third year", Span()),
            ),
        ),
        Pathway(
            PathwayKind.REINSTATEMENT,
            "Reactivate the certification",
            opens=DayAfter(AfterExpiry()),
            closes=AfterExpiry(RETEST_AFTER_LAPSE),
            # The points count when completed within the three years before reactivating.
            requires_credit=True,
            credit_within=REACTIVATION_CREDIT_WITHIN,
            fees=(REACTIVATION_FEE, ANNUAL_FEE),
            steps=("Pay the missing annual fees", "Apply to AMT for reactivation"),
        ),
        Pathway(
            PathwayKind.EXAM,
            "Take the RMA exam again",
            opens=DayAfter(AfterExpiry(RETEST_AFTER_LAPSE)),
            fees=(EXAM_FEE,),
            steps=("Apply for, and pass, the RMA exam",),
            notes=("Lapsed 10 years or more: the exam is the only way back.",),
        ),
    ),
)

RULE_SETS = (CYCLE, CCP, PATHWAYS)

RMA = CredentialSpec(
    body="AMT",
    code="RMA",
    name="Registered Medical Assistant (RMA)",
    body_name="American Medical Technologists",
    rule_sets=RULE_SETS,
    sources=SOURCES,
    description="30 CCP points every three years, and an annual fee.",
)
"""The RMA credential, as this plugin registers it."""
