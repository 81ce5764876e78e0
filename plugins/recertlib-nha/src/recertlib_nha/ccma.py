"""The CCMA credential of the NHA: its rules as data, each value beside its source.

The sources are :data:`SOURCES`, cited by key (``[NHA]``), each with its address; the
plugin's README lists them too. Values marked *unconfirmed* are low-confidence; each is a named
parameter below.
"""

from __future__ import annotations

from decimal import Decimal

from recertlib.rules import (
    AfterExpiry,
    Confidence,
    ContinuingEducation,
    Conversion,
    CredentialSpec,
    Cycle,
    DayAfter,
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
        "ARTICLE",
        "getproeducation.com, 'How Many Continuing Education Credits Must Be From an Approved"
        " AAMA Program for Recertification?' (undated web article, third party), on the CCMA:"
        " renew every two years with 10 CE credits, a renewal fee and a renewal request that"
        " NHA verifies",
        url="https://getproeducation.com/"
        "how-many-continuing-education-credits-must-be-from-an-approved-aama-program-for-recertification",
    ),
    Source(
        "NHA",
        "NHA certification renewal pages ('NHA continuing education', and the older 'NHA"
        " Continuing Education Program' at www.nhanow.com/continuing-education/credits.aspx):"
        " a renewal extends the expiry by two years; 10 CE credits per two-year cycle, earned"
        " within the cycle",
        url="https://www.nhanow.com/certification/Before-After-Certification/continuing-education",
    ),
    Source(
        "PHT",
        "NHA's renewal policy for its pharmacy technician credential (CPhT), 'Pharmacy"
        " Technician Recertification', used for the CCMA where no CCMA text was found: 2 hours"
        " = 1 CE credit, renewal up to 90 days after expiry, reinstatement within 12 months, no"
        " carry-over",
        url="http://www.nhanow.com/pharmacy-technician/recertification.aspx",
    ),
)

# --- Parameters: values no CCMA source confirms -----------------------------------------------

CYCLE_LENGTH = Span(months=24)
"""Unconfirmed: the expiry is two years from the certification date, on the same calendar day
(a certification on 29 February expires on 28 February)."""

RENEWAL_AFTER_EXPIRY = Span(days=90)
"""[PHT]: renewal stays possible for 90 days after expiry."""

REINSTATEMENT_AFTER_EXPIRY = Span(months=12)
"""[PHT]: reinstatement is possible within 12 months of expiry; after that, the exam again."""

CREDIT_EARNED_AFTER_EXPIRY_COUNTS = False
"""[PHT]: CE earned during the 90 days after expiry does not count."""

HOURS_PER_CREDIT = 2
"""[PHT]: 2 hours of uploaded training = 1 CE credit (stated for the CPhT)."""

COLLEGE_CREDIT = tuple(
    RefusedUnit(
        unit,
        "NHA's renewal sources ([NHA], [PHT]) count CE credits and hours of training, and say"
        " nothing of college credit",
    )
    for unit in ("semester_credit", "quarter_credit")
)
"""No source says whether or how NHA counts college credit, so a semester or quarter credit is
refused with that reason, not converted by the common relations (15 or 10 contact hours)."""

RENEWAL_FEE = Fee(
    "Renewal fee (2-year option, CE included)",
    159,
    confirmed=False,
    source=(
        "Unconfirmed. An older NHA page: $159 for the 2-year option with CE included, plus $40"
        " per extra certification. Other figures seen: $185 (a school's blog), $179 (another"
        " site); the article's own figure is cut off at '$17'."
    ),
)
REINSTATEMENT_FEE = Fee("Reinstatement fee", None, source="no published CCMA figure found")
EXAM_FEE = Fee("Exam fee", None, source="not part of the renewal sources")

EXAM_RECORD_UNIT = "ccma_exam"
"""The unit of the activity that records a passed CCMA exam (amount 1)."""

# --- The rule sets ------------------------------------------------------------------------------

RULE_SETS = (
    RuleSet(
        "nha.ccma.cycle",
        effective_from=None,
        source="[ARTICLE]; [NHA]; expiry day unconfirmed",
        confidence=Confidence.LOW,
        cycle=Cycle(CYCLE_LENGTH),
    ),
    RuleSet(
        "nha.ccma.education",
        effective_from=None,
        source="[ARTICLE]; [NHA]; unit conversion from [PHT]",
        confidence=Confidence.HIGH,
        continuing_education=ContinuingEducation(
            unit="CE credit",
            total=10,
            conversions=(
                Conversion("ce_credit", 1, note="NHA CE credits as stated on the certificate"),
                Conversion(
                    "hour",
                    Decimal(1) / HOURS_PER_CREDIT,
                    note=f"{HOURS_PER_CREDIT} hours of training = 1 CE credit ([PHT], medium)",
                ),
                # The common units of recertlib.quantities.units: an hour of training, by the
                # clock or as a contact hour, is an "hour" of [PHT]. Minutes and IACET CEUs are
                # converted through their relations: an IACET CEU as 10 contact hours (5 CE
                # credits). College credit is refused (COLLEGE_CREDIT).
                Conversion(
                    "clock_hour",
                    Decimal(1) / HOURS_PER_CREDIT,
                    note=f"{HOURS_PER_CREDIT} clock hours = 1 CE credit ([PHT], medium)",
                ),
                Conversion(
                    "contact_hour",
                    Decimal(1) / HOURS_PER_CREDIT,
                    note=f"{HOURS_PER_CREDIT} contact hours = 1 CE credit ([PHT], medium)",
                ),
            ),
            refused_units=COLLEGE_CREDIT,
            # [PHT]: no carry-over: only credit earned within the cycle counts, which the
            # cycle window already enforces.
            credit_after_expiry_counts=CREDIT_EARNED_AFTER_EXPIRY_COUNTS,
        ),
    ),
    RuleSet(
        "nha.ccma.pathways",
        effective_from=None,
        source="[ARTICLE]; after-expiry terms from [PHT] (low confidence for the CCMA)",
        confidence=Confidence.LOW,
        pathways=(
            Pathway(
                PathwayKind.CONTINUING_EDUCATION,
                "Renew with continuing education",
                closes=AfterExpiry(RENEWAL_AFTER_EXPIRY),
                requires_credit=True,
                fees=(RENEWAL_FEE,),
                steps=("Pay the renewal fee", "Submit a renewal request to NHA, which verifies it"),
                # [NHA]: a renewal extends the expiry by two years.
                next_cycle_from=NextCycleFrom.PREVIOUS_EXPIRY,
                notes=("CE credits earned after the expiry date do not count.",),
            ),
            Pathway(
                PathwayKind.REINSTATEMENT,
                "Reinstate the certification",
                opens=DayAfter(AfterExpiry(RENEWAL_AFTER_EXPIRY)),
                closes=AfterExpiry(REINSTATEMENT_AFTER_EXPIRY),
                requires_credit=True,
                fees=(REINSTATEMENT_FEE,),
                steps=("Apply to NHA for reinstatement",),
                notes=("Assumed from NHA's pharmacy technician policy; no CCMA text was found.",),
            ),
            Pathway(
                PathwayKind.EXAM,
                "Take the CCMA exam again",
                opens=DayAfter(AfterExpiry(REINSTATEMENT_AFTER_EXPIRY)),
                fees=(EXAM_FEE,),
                steps=("Apply for, and pass, the CCMA exam",),
                exam_units={EXAM_RECORD_UNIT},
            ),
        ),
    ),
)

CCMA = CredentialSpec(
    body="NHA",
    code="CCMA",
    name="Certified Clinical Medical Assistant (CCMA)",
    body_name="National Healthcareer Association",
    rule_sets=RULE_SETS,
    sources=SOURCES,
    description="Renew every two years with 10 CE credits, a renewal fee and a renewal request.",
)
"""The CCMA credential, as this plugin registers it."""
