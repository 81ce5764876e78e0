"""The CMA (AAMA) credential: its rules as dated data, each value beside its source.

The sources are :data:`SOURCES`, cited by key (``[POLICIES]``), each with its address where
one is known; the plugin's README lists them too. Where the sources leave a choice open, the
choice is a named parameter below.
"""

from __future__ import annotations

from decimal import Decimal

from recertlib.rules import (
    MEMBER,
    AfterExpiry,
    Cap,
    Confidence,
    ContinuingEducation,
    Conversion,
    Counting,
    CredentialSpec,
    Cycle,
    DayAfter,
    Deadline,
    Earliest,
    FactIs,
    Fee,
    Minimum,
    MinimumLength,
    OnDate,
    Pathway,
    PathwayKind,
    RuleSet,
    SelectBy,
    Selection,
    Selector,
    Source,
    Span,
)

SOURCES = (
    Source(
        "POLICIES",
        "AAMA, CMA (AAMA) Recertification Policies, and FAQs on CMA (AAMA) Recertification"
        " (www.aama-ntl.org/continuing-education/faqs-recertification)",
        url="https://www.aama-ntl.org/cma-aama-exam/recertification-policies",
    ),
    Source(
        "BLOG",
        "AAMA blog, on the recertification period: credit must be issued within the current"
        " recertification period (as 'Does It Count?', cited as [DOES-IT-COUNT], says)",
        url="https://aama-ntl.org/publications/aama-blog/blog-post-template/AAMA-blog/2026/06/24/"
        "does-it-count--how-to-determine-whether-non-aama-approved-ceus-will-be-accepted",
    ),
    Source(
        "2020",
        "AAMA recertification policy in force from 2020-01-01, as the AAMA's e-mail 'CMA (AAMA)"
        " Recertification Policy Change' announced it: a credential expired more than three"
        " months ('more than 90 days') is recertified only by exam, with a $50 reactivation fee",
        url="https://myemail.constantcontact.com/CMA--AAMA--Recertification-Policy-Change.html",
    ),
    Source(
        "TRANSITION",
        "AAMA e-mail announcing the 2020 recertification policy change: credentials expired"
        " before 2020 (4/30/2016, 4/30/2019, 11/30/2019) 'will have 90 days after Jan. 1, 2020"
        " (March 30, 2020) to recertify by CE'; expiring 2/29/2020: '90 days from 2/29/2020"
        " (end of May)'",
        url="https://myemail.constantcontact.com/CMA--AAMA--Recertification-Policy-Change.html",
    ),
    Source(
        "TWICE",
        "AAMA blog, 'Twice as Nice: How to Use College Courses for Recertification Points'"
        " (updated 2025-06-24): one college credit (quarter or semester) is worth 15"
        " recertification points and counts as non-AAMA points",
        url="https://aama-ntl.org/publications/aama-blog/blog-post-template/AAMA-blog/2026/06/24/"
        "twice-as-nice--how-to-use-college-courses-for-recertification-points",
    ),
    Source(
        "DOES-IT-COUNT",
        "AAMA blog, 'Does It Count? How to Determine Whether Non-AAMA-Approved CEUs Will Be"
        " Accepted' (updated 2025-06-24): non-AAMA continuing education is accepted when it is"
        " at least one contact hour (50 minutes) long",
        url="https://aama-ntl.org/publications/aama-blog/blog-post-template/AAMA-blog/2026/06/24/"
        "does-it-count--how-to-determine-whether-non-aama-approved-ceus-will-be-accepted",
    ),
    Source(
        "EXAM-FEES",
        "AAMA, CMA (AAMA) Certification Exam application steps: exam fee $125 for AAMA members,"
        " $250 for nonmembers",
        url="http://www.aama-ntl.org/cma-aama-exam/application-steps",
    ),
    Source(
        "ARTICLE",
        "getproeducation.com, 'How Many Continuing Education Credits Must Be From an Approved"
        " AAMA Program for Recertification?' (undated web article, third party): 60 points, 30"
        " of them AAMA-approved; continuing education while expired no more than three months;"
        " re-enrolment after a third failed exam",
        url="https://getproeducation.com/"
        "how-many-continuing-education-credits-must-be-from-an-approved-aama-program-for-recertification",
    ),
    Source(
        "ELIGIBILITY",
        "AAMA, 'Eligibility Requirements for the CMA (AAMA) Exam': the four eligibility"
        " categories; completing students may sit the exam no more than 30 days before they"
        " complete their program; recent graduates apply within 12 months of graduation",
        url="https://www.aama-ntl.org/cma-aama-exam/eligibility",
    ),
)

# --- Parameters: choices the sources leave open --------------------------------------------

CE_AFTER_EXPIRY = Span(months=3, counting=Counting.END_OF_MONTH)
"""How long after expiry recertifying by continuing education stays open.

[ARTICLE] and [POLICIES] say "no more than three months"; the 2020 policy says "more than 90
days" forfeits it, and AAMA's own examples are ambiguous about the count. We read three
calendar months: open through the last day of the third month after the expiry month (expired
29 February 2020: open through 31 May 2020). ``Span(days=90)`` is the other reading.
"""

CE_AFTER_EXPIRY_BEFORE_2020 = Span(months=60, counting=Counting.END_OF_MONTH)
"""Before 2020 a credential expired for more than 60 months forfeited reactivation
(medium confidence); we read that as continuing education staying open that long."""

CREDIT_EARNED_AFTER_EXPIRY_COUNTS = False
"""[BLOG]: credit must be issued within the recertification period (certification date through
expiry date); the sources do not say that credit earned after expiry counts."""

CE_TRANSITION_ENDS = "2020-03-30"
"""[TRANSITION]: every credential expired before 2020 could recertify by continuing education
through 30 March 2020 ("90 days after Jan. 1, 2020"), and not after, whatever the older rule
gave it."""

NON_AAMA_SHORTEST = 1
"""[DOES-IT-COUNT]: non-AAMA education counts when it is at least one contact hour (50
minutes, 1 point) long (medium confidence)."""

CONTACT_HOUR_MINUTES = 50
"""[POLICIES], [DOES-IT-COUNT]: the AAMA's contact hour (1 point) is 50 minutes long, where
recertlib's common contact hour (:data:`recertlib.quantities.CONTACT_HOUR_MINUTES`) is 60."""

MINUTE_POINTS = Decimal(1) / CONTACT_HOUR_MINUTES
"""Points per minute of education: 0.02."""

PATHWAYS_SELECTED_BY = SelectBy.EXPIRES_ON
"""The pathway rules (the window after expiry, the reactivation fee) in force on the expiry
date apply: a credential that expired in 2019 keeps the pre-2020 terms."""

# --- Shared pieces ----------------------------------------------------------------------------

AREAS = frozenset({"administrative", "clinical", "general"})

_UNCONFIRMED = "not confirmed by a published AAMA source; left unset rather than invented"
EXAM_FEES = (
    Fee(
        "Exam fee, AAMA members",
        125,
        confirmed=True,
        source="[EXAM-FEES]",
        when=FactIs(MEMBER, True),
    ),
    Fee(
        "Exam fee, nonmembers",
        250,
        confirmed=True,
        source="[EXAM-FEES]",
        when=FactIs(MEMBER, False),
    ),
)
RECERTIFICATION_FEE = Fee("Recertification fee", None, source=_UNCONFIRMED)
REACTIVATION_FEE = Fee("Reactivation fee", 50, confirmed=True, source="[2020]")

_CONVERSIONS = (
    Conversion("point", 1, note="AAMA recertification points as stated on the certificate"),
    # [POLICIES]: 1 contact hour (50 minutes) = 1 point.
    Conversion("contact_hour", 1, note="1 contact hour of 50 minutes = 1 point"),
    # [POLICIES]: 1 AAMA CEU = 1 point (medium confidence). "aama_ceu" says the CEU is
    # AAMA-approved; a plain "ceu" is a CEU as the AAMA counts it, approved or not as
    # ``approved_by`` says. (IACET's CEU, worth ten contact hours, is entered as contact hours.)
    Conversion("aama_ceu", 1, approved=True, note="1 AAMA CEU = 1 AAMA-approved point"),
    Conversion("ceu", 1, note="1 CEU as the AAMA counts it = 1 point"),
    # [POLICIES]: 1 college credit, quarter or semester, = 15 points; [TWICE]: always non-AAMA
    # points, whoever approved the course.
    Conversion(
        "college_credit",
        15,
        approved=False,
        note="1 quarter or semester college credit = 15 non-AAMA points",
    ),
    # The common units of recertlib.quantities.units, valued as the AAMA values them.
    # [POLICIES]: "quarter or semester", so both are named here at 15 (the common relations
    # would give a quarter credit 10 contact hours). Other common units are converted through
    # their relations: an IACET CEU as 10 contact hours (10 points), a clock hour as 60
    # minutes (1.2 points).
    Conversion(
        "semester_credit",
        15,
        approved=False,
        note="1 semester college credit = 15 non-AAMA points",
    ),
    Conversion(
        "quarter_credit",
        15,
        approved=False,
        note="1 quarter college credit = 15 non-AAMA points",
    ),
    # [POLICIES]: the AAMA's contact hour is 50 minutes, not the common 60.
    Conversion("minute", MINUTE_POINTS, note="50 minutes = 1 point (a 50-minute contact hour)"),
)
# [POLICIES]: since 2013-06-01 CPR is not required; each 2-year provider-level CPR card issued
# in the period counts 4 clinical AAMA points, at most 3 cards.
_CPR_CARD = Conversion(
    "cpr_card",
    4,
    area="clinical",
    approved=True,
    note="a 2-year provider-level CPR card = 4 clinical AAMA-approved points",
)

_MINIMUMS = (
    Minimum("AAMA-approved", Selector(approved=True), 30),
    Minimum("Administrative", Selector(areas={"administrative"}), 10),
    Minimum("Clinical", Selector(areas={"clinical"}), 10),
    Minimum("General", Selector(areas={"general"}), 10),
)
_NOT_APPROVED_CAP = Cap("Not AAMA-approved", Selector(approved=False), 30)


def _education(*, cpr_cards_count: bool) -> ContinuingEducation:
    return ContinuingEducation(
        unit="point",
        total=60,
        conversions=(*_CONVERSIONS, _CPR_CARD) if cpr_cards_count else _CONVERSIONS,
        minimums=_MINIMUMS,
        caps=(_NOT_APPROVED_CAP, Cap("CPR cards", Selector(units={"cpr_card"}), 12))
        if cpr_cards_count
        else (_NOT_APPROVED_CAP,),
        areas=AREAS,
        approver="AAMA",
        minimum_lengths=(MinimumLength(Selector(approved=False), NON_AAMA_SHORTEST),),
        credit_after_expiry_counts=CREDIT_EARNED_AFTER_EXPIRY_COUNTS,
    )


_EXAM_STEPS = ("Apply for, and pass, the CMA (AAMA) Certification Exam",)

EXAM_RECORD_UNIT = "cma_exam"
"""The unit of the activity that records a passed CMA (AAMA) exam (amount 1), which lets an exam
pathway recertify the holder."""


def _by_education(*, closes: AfterExpiry | Earliest) -> Pathway:
    return Pathway(
        PathwayKind.CONTINUING_EDUCATION,
        "Recertify by continuing education",
        closes=closes,
        requires_credit=True,
        fees=(RECERTIFICATION_FEE,),
        steps=("Apply to the AAMA for recertification with proof of the continuing education",),
    )


def _by_exam(*, closes: AfterExpiry | None) -> Pathway:
    return Pathway(
        PathwayKind.EXAM,
        "Recertify by exam",
        closes=closes,
        fees=EXAM_FEES,
        steps=_EXAM_STEPS,
        exam_units={EXAM_RECORD_UNIT},
        # [POLICIES]: pass at least 2 months before expiry to avoid a lapse; apply at least
        # 30 days before expiry.
        deadlines=(
            Deadline("Pass the exam, to avoid a lapse", Span(months=2)),
            Deadline("Apply for the exam", Span(days=30)),
        ),
    )


# --- The rule sets, oldest first ------------------------------------------------------------

RULE_SETS = (
    RuleSet(
        "aama.cma.cycle",
        effective_from=None,
        source="[POLICIES]; [ARTICLE]",
        confidence=Confidence.HIGH,
        # [POLICIES]: 60 months; expiry on the last day of the calendar month 60 months after
        # the month of certification (certified in February 2010: current until 28 February 2015).
        cycle=Cycle(Span(months=60, counting=Counting.END_OF_MONTH)),
    ),
    RuleSet(
        "aama.cma.education.cpr-required",
        effective_from=None,
        source="[POLICIES]; the window from [BLOG]",
        confidence=Confidence.MEDIUM,
        continuing_education=_education(cpr_cards_count=False),
        notes=(
            "Cycles that began before 2013-06-01 also required current CPR certification,"
            " which recertlib does not check.",
        ),
    ),
    RuleSet(
        "aama.cma.pathways.before-2020",
        effective_from=None,
        source="[POLICIES] before 2020; the end of the transition from [TRANSITION]",
        confidence=Confidence.MEDIUM,
        pathways=(
            _by_education(
                closes=Earliest(
                    AfterExpiry(CE_AFTER_EXPIRY_BEFORE_2020), OnDate(CE_TRANSITION_ENDS)
                )
            ),
            _by_exam(closes=None),
        ),
    ),
    RuleSet(
        "aama.cma.education.cpr-optional",
        effective_from="2013-06-01",
        source="[POLICIES]: CPR not required since 2013-06-01, CPR cards count; window: [BLOG]",
        confidence=Confidence.HIGH,
        continuing_education=_education(cpr_cards_count=True),
    ),
    RuleSet(
        "aama.cma.pathways.2020",
        effective_from="2020-01-01",
        source="[2020]",
        confidence=Confidence.HIGH,
        pathways=(
            _by_education(closes=AfterExpiry(CE_AFTER_EXPIRY)),
            # From 2020 a lapsed credential is reactivated by exam, for a fee.
            _by_exam(closes=AfterExpiry(CE_AFTER_EXPIRY)),
            Pathway(
                PathwayKind.EXAM,
                "Reactivate by exam",
                opens=DayAfter(AfterExpiry(CE_AFTER_EXPIRY)),
                fees=(REACTIVATION_FEE, *EXAM_FEES),
                steps=_EXAM_STEPS,
                exam_units={EXAM_RECORD_UNIT},
                notes=("Expired more than three months: only the exam remains.",),
            ),
        ),
    ),
)

CMA = CredentialSpec(
    body="AAMA",
    code="CMA",
    name="CMA (AAMA)",
    body_name="American Association of Medical Assistants",
    rule_sets=RULE_SETS,
    selection=Selection(pathways=PATHWAYS_SELECTED_BY),
    sources=SOURCES,
    description=(
        "Certified Medical Assistant. Recertify every 60 months by continuing education"
        " (60 points, at least 30 AAMA-approved, at least 10 in each content area) or by exam."
    ),
)
"""The CMA (AAMA) credential, as this plugin registers it."""
