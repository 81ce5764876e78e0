"""The California RN licence (Board of Registered Nursing): its rules as dated data, each value
beside its source.

The sources are :data:`SOURCES`, cited by key (``[BPC-2811]``), each with its address where one
is known; the plugin's README lists them too. The quotes the rules rely on come from stored
copies of those pages, not from the live pages. Where the sources leave a choice open, the
choice is a named parameter below.

**The expiry rule has not changed since at least 1976.** Some summaries date the "last day of
the month following the birth month" rule from a 2023 amendment, but the same words are in the
1976 text of BPC 2811(a) (Stats. 1976, ch. 1053) [BPC-2811]. SB 887 (Stats. 2023 ch. 510, in
force 2024-01-01) changed only the wording. So the cycle rule set here has no start
date (``effective_from=None``). Some third-party guides say "the last day of the birth month".
That is wrong for RNs.

Give the holder's ``birth_date`` fact: every expiry is counted from the birth month. Also give
``first_renewal`` (or ``originally_issued_on``): the continuing-education requirements depend on
whether the holder is in their first renewal period.

``certified_on`` for a licence that has been renewed must be the first day of the current
renewal period: the day after the previous expiry, which the verdict gives as
``next_cycle_starts_on``. The date the fee was paid is not the right date. A renewal paid early,
before the birthday of the expiry year, would push the expiry two years too far. Alternatively,
give the licence's ``expires_on``.

The delinquent licence's credit window is "the preceding two years" before the application
(16 CCR 1451(a)): the reinstatement pathway counts its 30 hours from
:data:`REINSTATEMENT_CREDIT_WITHIN` before the evaluation date, which stands for the date of
the application. A licence reinstated years after it lapsed keeps its birthday cycle
([RN-RENEWAL]): its next expiry is the first regular expiry of the series, counted on from the
old expiry, that falls on or after the reinstatement date (:data:`REINSTATEMENT_NEXT_CYCLE_FROM`).

What recertlib cannot express, and how this module approximates it:

* The first-renewal exemption (16 CCR 1452(a)) runs from the first licence in *any* state. The
  ``first_renewal`` fact says whether the holder has renewed this licence. For an RN licensed
  by endorsement who held a licence elsewhere more than two years before, give
  ``first_renewal=False``.
* The reinstatement asks for the 30 hours (16 CCR 1451(a)) unless it falls within the first two
  years after initial licensure (16 CCR 1452(a)): a licence that lapsed in its first period and
  is reinstated later needs the 30 hours earned in the preceding two years, not only the
  implicit-bias hour (:data:`FIRST_TWO_YEARS`). "Initial licensure" is the first licence in
  California; a licence by endorsement counts the first licence elsewhere, which recertlib does
  not know (give ``first_renewal=False`` when that licence is more than two years old).
"""

from __future__ import annotations

from decimal import Decimal

from recertlib.rules import (
    AfterBirthdays,
    AfterExpiry,
    AfterStart,
    And,
    Confidence,
    ContinuingEducation,
    Conversion,
    CredentialSpec,
    Cycle,
    DateRule,
    DayAfter,
    Fee,
    InFirstCycle,
    Minimum,
    MinimumLength,
    NextCycleFrom,
    Not,
    OnOrAfter,
    Or,
    Pathway,
    PathwayKind,
    RuleSet,
    SelectBy,
    Selection,
    Selector,
    Source,
    Span,
    Spanning,
)

SOURCES = (
    Source(
        "BPC-2811",
        "California Business and Professions Code § 2811, as amended by Stats. 2023 ch. 510"
        " (SB 887), in force 2024-01-01. (a): renew 'every two years on or before the last day"
        " of the month following the month in which their birthday occurs, beginning with the"
        " second birthday following the date on which the license was issued'. (b): a licence"
        " not renewed may be reinstated within eight years, without an examination; after"
        " that the board may require an examination. The 1976 text (Stats. 1976 ch. 1053) has"
        " the same expiry rule",
        url="https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml"
        "?lawCode=BPC&sectionNum=2811",
    ),
    Source(
        "RN-RENEWAL",
        "California BRN, 'License/Certificate Renewal': the first licence 'is issued for two"
        " birthdays, not two years'. A lapsed licence that is renewed keeps its number and"
        " renewal cycle. Inactive status: the renewal fee is paid without the 30 hours",
        url="https://www.rn.ca.gov/licensees/lic-renewal.shtml",
    ),
    Source(
        "RN-FAQ",
        "California BRN, 'Licensee Frequently Asked Questions': 'There is no grace period'."
        " Online renewal is open for a licence that expires within the next 90 days or that"
        " has been delinquent for no more than eight years",
        url="https://rn.ca.gov/licensees/ren-faqs.shtml",
    ),
    Source(
        "CE-PAGE",
        "California BRN, 'Continuing Education for License Renewal': 30 contact hours completed"
        " during the preceding renewal period, or the preceding two years for a delinquent,"
        " lapsed or inactive licence, from a provider the Board recognizes",
        url="http://www.rn.ca.gov/licensees/ce-renewal.shtml",
    ),
    Source(
        "CCR-1450",
        "16 CCR § 1450(b): a 'course' is a systematic learning experience at least one hour"
        " in length",
        url="https://govt.westlaw.com/calregs/Document/I5A7498801E2411EDA8C9804BB1F1E645",
    ),
    Source(
        "CCR-1451",
        "16 CCR § 1451 'License Renewal Requirements': (a) the renewal fee and proof of 30 hours"
        " of Board-approved continuing education started and completed during the preceding"
        " renewal period or preceding two years. (c) no partial credit. (d) records kept four"
        " years",
        url="https://govt.westlaw.com/calregs/Document/IF63826D34C8111EC89E5000D3A7C4BC3",
    ),
    Source(
        "CCR-1451.1",
        "16 CCR § 1451.1(b): a course that overlaps two renewal periods counts in the period in"
        " which it ends",
        url="https://govt.westlaw.com/calregs/Document/IF63C1E734C8111EC89E5000D3A7C4BC3",
    ),
    Source(
        "CCR-1452",
        "16 CCR § 1452(a), version in force from 2022-12-14: licensees are exempt from the"
        " continuing education requirements during the first two years immediately following"
        " initial licensure in California or other jurisdictions",
        url="https://govt.westlaw.com/calregs/Document/I09E1FF6081D011EDAE2287AA0B18F0FC",
    ),
    Source(
        "AB-1407",
        "AB 1407 (2021), amending BPC § 2811.5: from 2023-01-01 a licensee still within the"
        " first two years after initial licensure must complete one hour of direct"
        " participation in an implicit bias course from a Board-approved provider. Seen in the"
        " bill summary and in the statute's wording as quoted by a provider, not on leginfo",
        url="https://fastdemocracy.com/bill-summary/?billsummary_state=ca"
        "&billsummary_id=CAB00023276&billsummary_session=20212022",
    ),
    Source(
        "BPC-2736.5",
        "California Business and Professions Code § 2736.5 (AB 241, 2019): continuing education"
        " courses must include implicit-bias curriculum. This is a rule about course content"
        " for providers, not an hour requirement for licensees",
        url="https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml"
        "?lawCode=BPC&sectionNum=2736.5",
    ),
    Source(
        "CCR-1419.1",
        "16 CCR § 1419.1 'Inactive License': a licence may be kept inactive by paying the"
        " renewal fee when it is due. The licensee may not practise. Reactivation needs a"
        " written request and 30 hours taken in the two years before the request",
        url="https://govt.westlaw.com/calregs/Document/IF5076F034C8111EC89E5000D3A7C4BC3",
    ),
    Source(
        "FEES",
        "LegalClarity, 'CA RN License Renewal Fee and Requirements' (third party): renewal $190;"
        " delinquent renewal $280 ($190 plus a $90 penalty). The fee regulation, 16 CCR § 1417,"
        " was not retrieved",
        url="https://legalclarity.org/ca-rn-license-renewal-fee-and-requirements",
    ),
    Source(
        "UNITS",
        "The BRN's formula for converting academic units, as copied by a CE provider and a 2009"
        " blog (the BRN page itself was not retrieved): 1 quarter unit = 10 contact hours,"
        " 1 semester unit = 15 contact hours",
        url="https://centralvalleymedical.zendesk.com/hc/en-us/articles/"
        "115002578652-Are-My-CE-Courses-Acceptable-",
    ),
    Source(
        "AFTER-8",
        "Third-party accounts of BRN practice after eight years (an 'eight-year renewal' for"
        " nurses with an active licence in another state, otherwise the NCLEX)",
        url="https://confidentnurse.com/blog/california-rn-license-inactive-vs-lapsed",
    ),
)

# --- Parameters: choices the sources leave open --------------------------------------------

BIRTHDAY_ON_ISSUE_DATE_COUNTS = False
"""Whether a birthday on the day the licence is issued is one of the "two birthdays".

Low confidence. No source covers it. [BPC-2811] counts "beginning with the second birthday
following the date on which the license was issued". We read "following" as strictly after:
a licence issued on the holder's birthday, 2024-05-05, expires on 2026-06-30. ``True`` is the
other reading, and gives 2025-06-30.

A 29 February birthday counts as 28 February in common years.
:class:`~recertlib.rules.AfterBirthdays` does this, and no source says otherwise. The birth month
stays February, so the expiry is 31 March. The choice matters only for a licence issued on
28 February of a common year: that day is then the birthday.
"""

EDUCATION_SELECTED_BY = SelectBy.EXPIRES_ON
"""Which date selects the continuing-education rules: the expiry date of the renewal period.

From 2023-01-01, [AB-1407] requires a licensee within the first two years to complete one hour
of implicit bias training. We read this as applying to first renewals due on or after
2023-01-01: a licence expiring on 2022-12-31 does not need the hour, and one expiring on
2023-01-31 does. ``SelectBy.CERTIFIED_ON`` is another reading: only licences issued from
2023-01-01 would need the hour. That seems too late, because the bill covers licensees who were
already "within the first 2 years". ``SelectBy.AS_OF`` would make the answer depend on the day
of evaluation.
"""

SHORTEST_COURSE = 1
"""[CCR-1450]: a course is "at least one hour in length". A shorter record does not count."""

CREDIT_AFTER_EXPIRY_COUNTS = False
"""Whether credit completed after the expiry date counts in the renewal period's window.

[CCR-1451] and [CE-PAGE]: an on-time renewal needs 30 hours "during the preceding renewal
period", which ends on the expiry date, so credit after it does not count there. A delinquent
licence needs 30 hours from "the preceding two years" before the application: that window is
the reinstatement pathway's own (:data:`REINSTATEMENT_CREDIT_WITHIN`), so the renewal period's
window need not reach past the expiry date for it. ``True`` was this plugin's earlier
approximation of the two-year look-back, when recertlib had no window relative to the
application: it counted credit from the start of the lapsed period through the evaluation
date, too old credit included.
"""

REINSTATEMENT_CREDIT_WITHIN = Span(months=24)
"""[CCR-1451] (a), [CE-PAGE]: a delinquent or lapsed licence needs 30 hours completed during
"the preceding two years". We count 24 calendar months back from the evaluation date (the
date of the application), that date counted and the day 24 months before it not: applying on
2026-03-01, a course completed on 2024-03-02 counts and one completed on 2024-03-01 does not.
A course that ends in the window counts though it started before it ([CCR-1451.1] (b)). No
source says whether the day two years before the application is in "the preceding two years";
counting it would widen the window by one day."""

REINSTATEMENT_PERIOD = Span(months=96)
"""[BPC-2811](b): a lapsed licence "may within a period of eight years thereafter be
reinstated" without an examination. We count 96 calendar months from the expiry date, with the
expiry date itself not counted: expired 2025-06-30, reinstatement is open through 2033-06-30."""

REINSTATEMENT_NEXT_CYCLE_FROM = NextCycleFrom.NEXT_IN_SERIES
"""How the next expiry is counted after a delinquent licence is reinstated.

[RN-RENEWAL]: "the same license number and renewal cycle will apply", so the licence keeps its
two-year birthday cycle: the renewal periods go on from the old expiry as if the licence had
been renewed each time, and the reinstated licence runs to the end of the period the
reinstatement falls in. Born 5 May, expired 2025-06-30: reinstated on 2026-03-01 it expires
on 2027-06-30; reinstated on 2028-07-01, three years after the lapse, on 2029-06-30.
``PREVIOUS_EXPIRY`` (two years on from the old expiry) gives the same date only within two
years of the lapse, and a date already past after that. ``RECERTIFICATION_DATE`` would count
two birthdays from the reinstatement date, which breaks the cycle. One day no source settles:
a reinstatement on a regular expiry day (2027-06-30 above) rejoins the period that ends that
very day, as recertlib counts it.
"""

FIRST_TWO_YEARS = Span(months=24)
"""[CCR-1452] (a): the exemption lasts "during the first two years immediately following initial
licensure" (HIGH confidence for the rule). Counted from the first licence (``certified_on`` of
a first period): licensed on 2024-05-06, a reinstatement on 2026-05-05 is within them and one
on 2026-05-06 is not. The first on-time renewal stays exempt even when it falls a month or two
after the two years, as the Board's renewal page says of a first renewal."""

_AFTER_FIRST_TWO_YEARS = OnOrAfter(AfterStart(FIRST_TWO_YEARS))

_FEES_SOURCE = (
    "[FEES] (third party; 16 CCR 1417, the fee regulation, was not read, nor the date the"
    " amounts took effect)"
)
RENEWAL_FEE = Fee("Renewal fee", Decimal(190), confirmed=False, source=_FEES_SOURCE)
"""Low confidence: $190 according to a third-party page. The fee regulation was not found."""

DELINQUENCY_PENALTY = Fee("Delinquency penalty", Decimal(90), confirmed=False, source=_FEES_SOURCE)
"""Low confidence: $90 on top of the renewal fee ($280 in all), according to a third-party
page."""

# --- Shared pieces ----------------------------------------------------------------------------

_CONVERSIONS = (
    Conversion("contact_hour", 1, note="1 contact hour"),
    # [UNITS], medium confidence. [CE-PAGE] accepts courses taken for college or university
    # credit, so they count as approved whoever gave them: in the common units of recertlib
    # (quarter_credit, semester_credit) and in this plugin's older names for them.
    Conversion(
        "quarter_credit", 10, approved=True, note="1 academic quarter unit = 10 contact hours"
    ),
    Conversion(
        "semester_credit", 15, approved=True, note="1 academic semester unit = 15 contact hours"
    ),
    Conversion(
        "quarter_unit", 10, approved=True, note="1 academic quarter unit = 10 contact hours"
    ),
    Conversion(
        "semester_unit", 15, approved=True, note="1 academic semester unit = 15 contact hours"
    ),
    # The other common units are taken through recertlib's relations: a clock hour or 60
    # minutes as one contact hour, an IACET CEU as ten, each still needing the Board's approval.
)

_THIRTY_HOURS = Minimum("Total", Selector(), 30, when=InFirstCycle(False))
_IMPLICIT_BIAS = Minimum(
    "Implicit bias", Selector(tags={"implicit bias"}), 1, when=InFirstCycle(True)
)


def _education(*, implicit_bias: bool) -> ContinuingEducation:
    return ContinuingEducation(
        unit="contact hour",
        total=None,
        conversions=_CONVERSIONS,
        requirements=(_THIRTY_HOURS, _IMPLICIT_BIAS) if implicit_bias else (_THIRTY_HOURS,),
        approver="BRN",
        approval_required=True,
        minimum_lengths=(MinimumLength(Selector(), SHORTEST_COURSE),),
        credit_after_expiry_counts=CREDIT_AFTER_EXPIRY_COUNTS,
        spanning=Spanning.WHERE_IT_ENDS,
    )


_REINSTATEMENT_THIRTY = Minimum(
    "Total", Selector(), 30, when=Or(InFirstCycle(False), _AFTER_FIRST_TWO_YEARS)
)
_REINSTATEMENT_IMPLICIT_BIAS = Minimum(
    "Implicit bias",
    Selector(tags={"implicit bias"}),
    1,
    when=And(InFirstCycle(True), Not(_AFTER_FIRST_TWO_YEARS)),
)

_ON_EXPIRY = AfterExpiry(Span())
_EIGHT_YEARS_ON = AfterExpiry(REINSTATEMENT_PERIOD)
_RENEWAL_OPENS: DateRule | None = None
# [RN-FAQ]: online renewal opens 90 days before expiry. Paper renewal has no stated opening date,
# so the pathway is open from the start of the renewal period.


def _pathways(*, implicit_bias: bool) -> tuple[Pathway, ...]:
    reinstatement = (
        (_REINSTATEMENT_THIRTY, _REINSTATEMENT_IMPLICIT_BIAS)
        if implicit_bias
        else (_REINSTATEMENT_THIRTY,)
    )
    return (
        Pathway(
            PathwayKind.CONTINUING_EDUCATION,
            "Renew",
            opens=_RENEWAL_OPENS,
            closes=_ON_EXPIRY,
            requires_credit=True,
            fees=(RENEWAL_FEE,),
            steps=(
                "Renew online (BreEZe, from 90 days before expiry) or by mail, on or before the"
                " expiry date",
                "Certify under penalty of perjury that the continuing education was completed;"
                " keep the certificates for four years for a random audit",
            ),
            next_cycle_from=NextCycleFrom.PREVIOUS_EXPIRY,
        ),
        Pathway(
            PathwayKind.INACTIVE,
            "Renew in inactive status",
            opens=_RENEWAL_OPENS,
            closes=_ON_EXPIRY,
            fees=(RENEWAL_FEE,),
            steps=(
                "Pay the renewal fee and choose inactive status; the licensee may not practise",
            ),
            next_cycle_from=NextCycleFrom.PREVIOUS_EXPIRY,
            notes=(
                "Reactivation needs a written request, 30 hours taken in the two years before the"
                " request and fingerprints; it does not change the expiry date (16 CCR 1419.1).",
            ),
        ),
        Pathway(
            PathwayKind.REINSTATEMENT,
            "Reinstate a delinquent licence",
            opens=DayAfter(_ON_EXPIRY),
            closes=_EIGHT_YEARS_ON,
            requires_credit=True,
            fees=(RENEWAL_FEE, DELINQUENCY_PENALTY),
            steps=(
                "Apply online (BreEZe) or by mail with the renewal fee and the delinquency"
                " penalty; no examination is required",
            ),
            credit_within=REINSTATEMENT_CREDIT_WITHIN,
            requirements=reinstatement,
            next_cycle_from=REINSTATEMENT_NEXT_CYCLE_FROM,
            notes=(
                "No grace period: the licence is delinquent from the day after it expires.",
                "The 30 hours count when completed within the two years before the application"
                " (the evaluation date stands for it).",
                "A licence in its first period is exempt from the 30 hours only while the"
                " reinstatement falls within the first two years after initial licensure"
                " (16 CCR 1452(a)); from 2023 it then needs the hour of implicit bias.",
                "The licence keeps its birthday cycle: it runs to the end of the renewal period,"
                " counted on from the old expiry, that the reinstatement falls in.",
            ),
        ),
        Pathway(
            PathwayKind.EXAM,
            "Reinstate after eight years (the board may require an examination)",
            opens=DayAfter(_EIGHT_YEARS_ON),
            fees=(Fee("Reinstatement fees", None, source="not found in any source; left unset"),),
            steps=(
                "Apply to the Board for reinstatement. The Board may require an examination"
                " (third parties: the NCLEX-RN, or an 'eight-year renewal' for a nurse with an"
                " active licence in another state)",
            ),
            notes=("After eight years online renewal is not available.",),
        ),
    )


# --- The rule sets, oldest first ------------------------------------------------------------

RULE_SETS = (
    RuleSet(
        "ca-brn.rn.cycle",
        effective_from=None,
        source="[BPC-2811] (a), unchanged since 1976; [RN-RENEWAL]",
        confidence=Confidence.HIGH,
        cycle=Cycle(
            AfterBirthdays(
                2,
                months_after_birth_month=1,
                birthday_on_start_counts=BIRTHDAY_ON_ISSUE_DATE_COUNTS,
            )
        ),
        notes=(
            "Low confidence for one case: a licence issued on the holder's birthday. We read"
            " the birthday as not one of the two, so it expires a year later than it would"
            " if it counted.",
            "A 29 February birthday counts as 28 February in common years (not sourced).",
        ),
    ),
    RuleSet(
        "ca-brn.rn.education",
        effective_from=None,
        source="[CCR-1451]; [CE-PAGE]; [CCR-1450]; [CCR-1451.1]; [CCR-1452]; units: [UNITS]",
        confidence=Confidence.MEDIUM,
        continuing_education=_education(implicit_bias=False),
        notes=(
            "High confidence for the 30 hours, the one-hour course, the course counted where it"
            " ends and the first-renewal exemption. Low for the academic-unit conversions.",
            "The first-renewal exemption covers the first two years after initial licensure"
            " in any state (16 CCR 1452(a)). For a licence by endorsement, give"
            " first_renewal=False when the first licence elsewhere is more than two years old.",
            "Not checked: partial credit for a course (16 CCR 1451(c)) and courses from a"
            " provider whose number has expired.",
        ),
    ),
    RuleSet(
        "ca-brn.rn.education.implicit-bias",
        effective_from="2023-01-01",
        source="[AB-1407] (BPC 2811.5); the rest as before: [CCR-1451]; [CCR-1452]; [UNITS]",
        confidence=Confidence.MEDIUM,
        continuing_education=_education(implicit_bias=True),
        notes=(
            "From 2023-01-01 the first renewal needs one hour of direct participation in an"
            " implicit bias course from a BRN-approved provider (record it with the tag"
            " 'implicit bias'). Later renewals need no separate hour: [BPC-2736.5] asks"
            " providers to include implicit bias in their courses.",
        ),
    ),
    RuleSet(
        "ca-brn.rn.pathways",
        effective_from=None,
        source="[BPC-2811] (b); [RN-RENEWAL]; [RN-FAQ]; [CCR-1419.1]; [CCR-1451]; [AFTER-8]",
        confidence=Confidence.MEDIUM,
        pathways=_pathways(implicit_bias=False),
        notes=(
            "High confidence for the windows. Low for the fees, which are from a third-party"
            " page with no date, and for how the Board handles licences expired more than"
            " eight years.",
        ),
    ),
    RuleSet(
        "ca-brn.rn.pathways.implicit-bias",
        effective_from="2023-01-01",
        source="[AB-1407] (BPC 2811.5); [CCR-1452]; the rest as before",
        confidence=Confidence.MEDIUM,
        pathways=_pathways(implicit_bias=True),
        notes=(
            "From 2023-01-01 a licence reinstated within the first two years after initial"
            " licensure needs the hour of implicit bias, as its first renewal would.",
        ),
    ),
)

RN = CredentialSpec(
    body="CA-BRN",
    code="RN",
    name="Registered Nurse (California)",
    body_name="California Board of Registered Nursing",
    rule_sets=RULE_SETS,
    selection=Selection(
        cycle=SelectBy.CERTIFIED_ON,
        continuing_education=EDUCATION_SELECTED_BY,
        pathways=SelectBy.EXPIRES_ON,
    ),
    sources=SOURCES,
    description=(
        "California RN licence. It expires on the last day of the month after the birth month,"
        " every two years; the first licence runs for two birthdays. Renewal needs 30 contact"
        " hours of BRN-approved continuing education; the first renewal is exempt but, from"
        " 2023, needs one hour of implicit bias training. A lapsed licence can be reinstated"
        " for eight years."
    ),
)
"""The California RN licence, as this plugin registers it."""
