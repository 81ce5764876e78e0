"""The NREMT EMT credential: its rules as dated data, each value beside its source.

The sources are :data:`SOURCES`, cited by key (``[SEASON]``), each with its address where one
is known; the plugin's README lists them too. Where the sources leave a choice open, the choice
is a named parameter below, with the alternative in its docstring.

What the model of recertlib cannot express, and how this plugin approximates it:

* ``certified_on`` is the date NREMT *processed* the initial certification or the last
  recertification; the expiry (31 March, 2 or 3 years on) and the credit window are counted
  from it. A recertification by exam processed between April and June of the year before
  expiry would get an expiry one year too early from that rule: give the credential its
  recorded ``expires_on`` in that case (the verdict then says the recorded date is used).
* Re-entry asks for 40 hours earned "within the past two years" *before the application*
  [REENTRY]: the pathway counts them within :data:`REENTRY_CREDIT_WITHIN` before the
  evaluation date, which stands for the application date. The hours are checked against the
  model selected by the *expired* cycle's expiry date, not the model current on the application
  date, which [REENTRY] asks for: the two differ for a certification that expired under the
  2016 model (to 31 March 2025) and re-enters after the 2025 model began (1 April 2025), and
  for the state-licensed re-entry after an expiry under the legacy 72 hours. recertlib selects
  one set of education rules per verdict. The refresher course [REENTRY] accepts instead of
  the 40 hours, the cognitive exam and the skills competency are steps, not checked.
* The older FAQ's exception (lapsed more than two years but currently state-licensed:
  re-entry still possible) is a pathway offered on this plugin's fact :data:`STATE_LICENSED`,
  and the whole new course only to those not state-licensed. It comes from an undated older
  FAQ only [OLD-FAQ]; the current re-entry page shows no two-year cut-off at all.
* Status during the reinstatement period (1 to 30 April) is ``LAPSED``: the core calls a
  credential in ``GRACE`` only while a pathway of kind ``CONTINUING_EDUCATION`` is open, and
  NREMT's own word for the April filing is "reinstatement" of an expired certification.
"""

from __future__ import annotations

from decimal import Decimal

from recertlib.rules import (
    AfterExpiry,
    AfterStart,
    BeforeExpiry,
    Cap,
    Condition,
    Confidence,
    ContinuingEducation,
    Conversion,
    CredentialSpec,
    Cycle,
    DateRule,
    DayAfter,
    Extended,
    Extension,
    FactIs,
    FactKind,
    FactSpec,
    Fee,
    FixedDayOfYear,
    Latest,
    Minimum,
    NextCycleFrom,
    Overflow,
    Pathway,
    PathwayKind,
    RefusedUnit,
    RuleSet,
    SelectBy,
    Selection,
    Selector,
    Source,
    Span,
    YearsFromMonth,
)

SOURCES = (
    Source(
        "EXPIRY",
        "NREMT support, 'Recertification Expiration Dates': EMT expires 31 March; completing"
        " the National Certification Process January-June gives an expiry 2 years ahead,"
        " July-December 3 years ahead",
        url="https://support.nremt.org/portal/en/kb/articles/recertification-expiration-dates",
    ),
    Source(
        "SEASON",
        "NREMT support, 'Recertification Season': for EMT the cycle opens on October 1 and"
        " continues until March 31; a reinstatement period until April 30 for late"
        " applications; education may be completed anywhere within the two-year window",
        url="https://support.nremt.org/portal/en/kb/articles/"
        "https-desk-zoho-com-portal-nremt-kb-articles-recertification-cycle",
    ),
    Source(
        "RESUBMIT",
        "NREMT support, 'Resubmitting Recertification Application': reinstatement ends on"
        " April 30 of the year the certification expires; all education listed must be"
        " completed by the expiration date",
        url="https://support.nremt.org/portal/en/kb/articles/resubmitting-recertification-application",
    ),
    Source(
        "OLD-FAQ",
        "NREMT's older recertification FAQ (undated; copies at experts123.com/?p=2438388 and"
        " emtlife.com/threads/re-cert-question.29043): late applications April 1-30 when every"
        " requirement was met by March 31, with a $50.00 re-instatement fee; lapsed more than"
        " two years and not state licensed: a whole state-approved course",
        url="https://experts123.com/?p=2438388",
    ),
    Source(
        "FEES",
        "NREMT support, 'Recertification Fees' (only an excerpt was readable: late applications"
        " cost more; no amount seen)",
    ),
    Source(
        "PAYMENT",
        "NREMT, 'Payment Policies': effective October 1, 2015 all paper recertification"
        " applications are assessed a $5.00 processing fee (recertification by exam excluded)",
        url="https://dev.nremt.org/Policies/General-Policies/Payment-Policies",
    ),
    Source(
        "CE-POLICY",
        "NREMT news, 'Continuing Education Policy Change' (2016-09-01): education counts for"
        " the next recertification as soon as the current one is completed (complete on October"
        " 1, count education from October 2); previously only education earned after the March"
        " 31 expiration counted",
        url="https://dev.nremt.org/News/continuing-education-policy-change",
    ),
    Source(
        "NCCP",
        "NREMT, 'National Continued Competency Program': EMT 20 National, 10 State/Local, 10"
        " Individual, 40 hours; in 2017 or 2018 NCCP states could use the 2012 or the 2016"
        " national content",
        url="https://www.nremt.org/rwd/public/document/nccp",
    ),
    Source(
        "NCCP-2016-TOPICS",
        "Training-provider copies of NREMT's 2016 EMT national component (emt-ce.com 'NCCP"
        " recertification by EMS level'; emtprep.com): airway/respiration/ventilation 1.5,"
        " cardiovascular 6, trauma 1.5, medical 6, operations 5 hours; National 20 hours / 7"
        " distributive",
        url="https://emt-ce.com/info/nccp-nremt",
    ),
    Source(
        "CAPS",
        "CAPCE/Safety Unlimited 'CAPCE NCCP overview' and North Dakota EMS Association 'NCCP':"
        " EMT distributive maxima 7 National, 7 Local/State, 10 Individual, 24 in all",
        url="https://ems.safetyunlimited.com/ems-ce/capce-nccp-overview.asp",
    ),
    Source(
        "EMSA",
        "California EMS Authority, 'National Registry Information': 72 hours every two years"
        " before the NCCP; NREMT switches to the NCCP for the March 31, 2019 expiration; the"
        " Individual component is any EMS-related education",
        url="https://emsa.ca.gov/national-registry-information/",
    ),
    Source(
        "REFRESHER",
        "NREMT, 'EMT Refresher Requirements' (studylib copy, undated): a 24-hour refresher plus"
        " 48 additional hours, at most 10 distributive hours in the refresher",
        url="https://studylib.net/doc/8182781/"
        "-emt--refresher---national-registry-of-emergency-medical-...",
    ),
    Source(
        "COVID-2020",
        "EMS1, 'NREMT extends 2020 recertification deadline, modifies requirements due to"
        " COVID-19' (2020-03-13, updated 2020-03-17), reporting NREMT's statement: all"
        " certifications with an expiration date of March 31, 2020 remain valid until June 30,"
        " 2020; the deadline is extended to June 30, 2020; no late fees for submissions after"
        " March 31, 2020; the distributive education limits are waived for the remainder of the"
        " cycle (retroactively: Distance CME, quoting NREMT's executive director)",
        url="https://ems1.com/ems-products/online-training/articles/"
        "nremt-extends-2020-recertification-deadline-modifies-requirements-due-to-covid-19"
        "-7XRPZGafKUacym6H",
    ),
    Source(
        "WAIVER-2021",
        "USFA InfoGram, 2020-09-03: the National Registry's board waived the distributive"
        " education limits of the NCCP model for the 2021 recertification season, at every level",
        url="https://www.usfa.fema.gov/operations/infograms/090320.html",
    ),
    Source(
        "WAIVER-2022",
        "EMS1, 'NREMT waives DE limits for 2022 recertifications': EMTs recertifying for March"
        " 31, 2022 may finish all continuing education online",
        url="https://www.ems1.com/certification/articles/"
        "nremt-waives-de-limits-for-2022-recertifications-ruKeRD2OfNdKZxoN/",
    ),
    Source(
        "RESOLUTION-22-06",
        "NREMT board resolution 22-06 (text at BREMSS; JEMS, 'National Registry Board Makes"
        " Distributive Education Waiver Permanent'): limits on asynchronous distributive"
        " education removed for good, for recertification, state licensure, refresher training"
        " and re-entry, fully in place by September 30, 2022; EMTs, AEMTs and Paramedics due to"
        " recertify on March 31, 2023 and after have no limits",
        url="https://bremss.org/nremt-22-resolution-06",
    ),
    Source(
        "EMT-RECERT",
        "NREMT, 'Emergency Medical Technician Recertification Information': 40 credits; 'As"
        " of 2022, there are no limits on how much online education you can use on your"
        " application'; the 2025 NCCP model begins April 1, 2025",
        url="https://nremt.org/EMT/Recertification",
    ),
    Source(
        "REENTRY",
        "NREMT, 'EMT re-entry pathway': the 2025 NCCP model begins April 1, 2025 for EMT;"
        " re-entry needs 40 credits meeting the current NCCP within the past two years, the"
        " NREMT EMT cognitive exam and a State-approved BLS skills competency",
        url="https://nremt.org/EMT/EMT-reentry-pathway",
    ),
    Source(
        "NCCP-2025",
        "SEMA EMS, 'NREMT NCCR update': for expiration dates of 3/31/2026 or later, credits by"
        " content (topic), no more sub-topics, 10% of the National content must be pediatrics",
        url="https://www.semaems.com/post/nremt-nccr-update",
    ),
    Source(
        "RBE",
        "NREMT support, 'Recertification By Exam' and 'Unsuccessful Recertification By Exam';"
        " NREMT handbook 'Recertification by Examination (RBE)': from April 1 one year before"
        " expiration until March 31; one attempt, no retest; replaces the documented education;"
        " EMT fee $104 (undated page)",
        url="https://nremt.org/Handbooks/Recertification/Recertification-by-Examination-(RBE)",
    ),
    Source(
        "HANDBOOK-FAQ",
        "NREMT recertification handbook, 'Frequently Asked Questions': a class may be assigned"
        " to different components until each is full, and used once; agency affiliation is not"
        " required, one can recertify in the Inactive status",
        url="https://nremt.org/Handbooks/Recertification/Frequently-Asked-Questions",
    ),
    Source(
        "ACADEMIC",
        "NREMT support, 'Can I use college courses for continuing education' (undated, after"
        " 2023): one hour of college credit equals eight hours of continuing education;"
        " college courses count only in the local and individual components (from 2023-04-01"
        " the national component takes only EMS initial education programs)",
        url="https://support.nremt.org/portal/en/kb/articles/"
        "can-i-use-college-courses-for-continuing-education",
    ),
    Source(
        "AUDITS",
        "NREMT recertification handbook, 'Audits': proof of education dated on or after April"
        " 1, 2023 must show name, completion date, credits and more",
        url="https://nremt.org/Handbooks/Recertification/Audits",
    ),
)

# --- Parameters: choices the sources leave open --------------------------------------------

OVERFLOW_INTO_INDIVIDUAL = True
"""Whether hours beyond what a National topic or the Local/State component needs, or beyond its
distributive cap, may count in the Individual component instead (LOW confidence).

Summaries of the NCCP state it as NREMT's rule, but no NREMT sentence saying so was found. What
NREMT says is that a class may be split across components "until maximum credits are assigned"
[HANDBOOK-FAQ], and the Individual component is any EMS-related education [EMSA], which national and
local content is; so reading the excess as Individual credit is an inference. ``False`` is the
strict alternative: credit beyond a component's need counts nowhere. (One training provider claims
the opposite direction, unused Local hours moving up to National; not encoded.)"""

EXPIRY_EXTENSION_2020 = Extension(
    "2020-03-31",
    "2020-06-30",
    source="[COVID-2020]: certifications expiring March 31, 2020 remain valid until June 30, 2020",
)
"""[COVID-2020] (HIGH confidence): the 31 March 2020 expiry extended to 30 June 2020. Those
holders are current through 30 June; the season's deadline moves with it, so an application
from April to June is on time and no late fee is due. No source gives the next expiry of a
recertification processed then: counted on from the extended date by the 31 March rule, it is
31 March 2022, as for a recertification processed before 31 March."""

LATE_WINDOW_AFTER_THE_2020_EXTENSION = False
"""Whether the late reinstatement window (30 days, with the reinstatement fee) followed the
extended 30 June 2020 deadline (LOW confidence either way). No source describes a late window
after 30 June 2020, so none is offered: from 1 July 2020 re-entry is what remains. ``True``
would offer the usual 30 days, to 30 July 2020."""

PEDIATRIC_SHARE_2025 = Decimal("0.10")
"""[NCCP-2025] (a state agency's summary of NREMT's table, MEDIUM confidence): 10 % of the
National content must be pediatrics: 2 of the 20 National credits, from activities tagged
``"pediatrics"``."""

REENTRY_WITHIN = Span(months=24)
"""How long after expiry the re-entry pathway (40 hours, exam, skills) stays open (MEDIUM
confidence). The older FAQ [OLD-FAQ] sends someone lapsed more than two years (and not state
licensed) back to a whole course; the current re-entry page [REENTRY] shows no cut-off. We keep
the two-year cut-off, and with it the FAQ's exception: a holder currently state licensed keeps
re-entry after two years (:data:`STATE_LICENSED`). The alternative is a re-entry pathway that
never closes."""

REENTRY_CREDIT_WITHIN = Span(months=24)
"""[REENTRY]: the 40 credits are earned "within the past two years" before the application
(HIGH confidence for the rule). We count 24 calendar months back from the evaluation date (the
application date), that date counted and the day 24 months before it not: applying on
2027-01-15, education completed on 2025-01-16 counts and on 2025-01-15 does not. No source
says whether that day is "within the past two years"."""

REENTRY_NEXT_CYCLE_FROM = NextCycleFrom.RECERTIFICATION_DATE
"""How the expiry is counted after re-entry, within two years or with a state licence
(MEDIUM confidence).

Re-entry ends with passing the NREMT EMT certification exam [REENTRY]: a new National
Certification, whose expiry [EXPIRY] counts from the date the National Certification Process
was completed (31 March, January-June 2 years on, July-December 3 years on). No source says
that a re-entered EMT rejoins the old 31 March series ([EXPIRY] says only that expiration dates
cannot be changed to match state licence cycles). ``NEXT_IN_SERIES`` is the alternative: the
first 31 March of the old two-year series on or after re-entry, often a year earlier (expired
2026-03-31, re-entered 2027-03-31: 2028-03-31 rather than 2029-03-31). The late reinstatement
(1-30 April) keeps ``PREVIOUS_EXPIRY``, which there gives the same date as ``NEXT_IN_SERIES``:
31 March two years after the old expiry."""

CREDIT_FROM_BEFORE_SEPTEMBER_2016 = Latest(AfterStart(), DayAfter(BeforeExpiry(Span(months=24))))
"""The first day credit counts for a cycle that began before 2016-09-01 (MEDIUM-LOW confidence).

[CE-POLICY]: before the change, education counted only when earned after the 31 March
expiration, i.e. from 1 April two years before the next expiry. We read it as that 1 April, but
never before the cycle began. For a recertification processed in the season (October-March)
this is exactly the rule; for a late reinstatement processed in April it starts on the
processing day rather than on 1 April (a few days' difference at most); for a first cycle
certified July-December it leaves out the months before the first 31 March, which is our
reading of the old April-March cycle, not a quoted rule."""

CREDIT_FROM = DayAfter(AfterStart())
"""[CE-POLICY], from 2016-09-01: credit counts from the day after the current recertification
(or initial certification) was processed."""

CYCLE_RULES_SELECTED_BY = SelectBy.CERTIFIED_ON
"""The credit window in force on the day the cycle began applies: a recertification processed
before 2016-09-01 keeps the older window for its whole cycle (the policy change says
"effective immediately" but gives no transition for cycles already running)."""

PAPER_APPLICATION = "paper_application"
"""This plugin's own fact: whether the holder files the recertification on paper ($5 fee)."""

STATE_LICENSED = "state_licensed"
"""This plugin's own fact: whether the holder currently holds a state EMS licence. [OLD-FAQ]:
someone lapsed more than two years who is currently state licensed may still re-enter; one who
is not must complete an entire state-approved course (MEDIUM-LOW confidence: an undated older
FAQ; whether it is current policy is not known)."""

# --- Shared pieces ----------------------------------------------------------------------------

NATIONAL_TOPICS = frozenset({"airway", "cardiovascular", "trauma", "medical", "operations"})
"""The five National topics, each an area: airway/respiration/ventilation, cardiovascular,
trauma, medical, operations."""
LOCAL = "local"
"""The Local/State component."""
INDIVIDUAL = "individual"
"""The Individual component."""
NATIONAL = "national"
"""National content given no topic; an area only under the 2025 model, whose topic credits are
not known."""
DISTRIBUTIVE = "distributive"
"""The tag of distributive (asynchronous, online) education."""
PEDIATRICS = "pediatrics"
"""The tag of pediatric content (2025 model)."""

AREAS_2016 = NATIONAL_TOPICS | {LOCAL, INDIVIDUAL}
NATIONAL_2025 = NATIONAL_TOPICS | {NATIONAL}
AREAS_2025 = NATIONAL_2025 | {LOCAL, INDIVIDUAL}

TOPIC_MINIMUMS_2016 = (
    ("Airway, respiration and ventilation", "airway", Decimal("1.5")),
    ("Cardiovascular", "cardiovascular", Decimal(6)),
    ("Trauma", "trauma", Decimal("1.5")),
    ("Medical", "medical", Decimal(6)),
    ("Operations", "operations", Decimal(5)),
)
"""[NCCP-2016-TOPICS]: the 2016 National topics for EMT, hours (they sum to the 20 National
hours). Their fixed subtopics (cardiac arrest 2, pediatric cardiac arrest 2, stroke 1, crew
resource management 1, ...) are not encoded."""

_HOUR = Conversion("hour", 1, note="a contact hour of continuing education")
_CREDIT_AS_HOUR = Conversion("credit", 1, note="a CAPCE or NREMT credit is one hour")

CONTACT_HOUR_CREDITS = 1
"""[EMT-RECERT]; [AUDITS] (MEDIUM confidence): NREMT counts the "credits/hours/or continuing
education units" a provider awards, and its 2016 model's hours and its 2025 model's credits are
the same count; no NREMT page defines a credit in minutes. We take a 60-minute contact hour (and
so a clock hour, or 60 minutes) as one hour or credit."""

COLLEGE_CREDIT_HOURS = 8
"""[ACADEMIC] (LOW confidence for the factor): "One hour of college credit is equal to eight
hours of continuing education"; NREMT's own example in the same article (a three-hour course
worth thirty hours) implies ten. We take eight, the rule as stated, per semester credit hour;
college courses count only in the Local/State and Individual components
(:data:`COLLEGE_CREDIT_NOT_NATIONAL`)."""

_CONTACT_HOUR = Conversion(
    "contact_hour",
    CONTACT_HOUR_CREDITS,
    note="a 60-minute contact hour is one hour (credit) ([EMT-RECERT]; medium)",
)
_SEMESTER_CREDIT = Conversion(
    "semester_credit",
    COLLEGE_CREDIT_HOURS,
    note=f"one semester credit hour of college = {COLLEGE_CREDIT_HOURS} hours ([ACADEMIC]; low)",
)
_NOT_QUARTER_CREDIT = RefusedUnit(
    "quarter_credit",
    "NREMT states its rule for college credit by the hour ([ACADEMIC]) and says nothing of"
    " quarter credits; record a quarter course in the hours NREMT's rule gives it",
)
_NOT_IACET_CEU = RefusedUnit(
    "iacet_ceu",
    "NREMT counts the credits, hours or CEUs a provider awards, and in EMS a CEU is often one"
    " hour, not IACET's ten; no NREMT text says how it reads an IACET CEU: record the hours"
    " the provider awarded",
)
_NOT_COLLEGE_CREDIT_72 = RefusedUnit(
    "semester_credit",
    "how the 72-hour model before the NCCP took college credit is not known; NREMT's"
    " academic-credit rule ([ACADEMIC]) speaks of the NCCP components",
)


def _college_credit_not_national(national_areas: frozenset[str]) -> Cap:
    # [ACADEMIC]: college courses only in the Local/State and Individual components.
    return Cap(
        "College credit in the National component",
        Selector(areas=national_areas, units={"semester_credit"}),
        0,
    )


def _distributive_caps(national_areas: frozenset[str]) -> tuple[Cap, ...]:
    # [CAPS]: 7 + 7 + 10 = 24, so the total cap binds only through overflow.
    tag = frozenset({DISTRIBUTIVE})
    return (
        Cap("Distributive, National", Selector(areas=national_areas, tags=tag), 7),
        Cap("Distributive, Local/State", Selector(areas={LOCAL}, tags=tag), 7),
        Cap("Distributive, Individual", Selector(areas={INDIVIDUAL}, tags=tag), 10),
        Cap("Distributive, in all", Selector(tags=tag), 24),
    )


def _overflows(national_areas: frozenset[str], overflow: bool) -> tuple[Overflow, ...]:
    if not overflow:
        return ()
    return (Overflow(from_areas=national_areas | {LOCAL}, into=INDIVIDUAL),)


def _components(national_areas: frozenset[str]) -> tuple[Minimum, ...]:
    # [NCCP]: EMT 20 National, 10 State/Local, 10 Individual, 40 in all.
    return (
        Minimum("National", Selector(areas=national_areas), 20),
        Minimum("Local/State", Selector(areas={LOCAL}), 10),
        Minimum("Individual", Selector(areas={INDIVIDUAL}), 10),
    )


def nccp_2016(*, distributive_caps: bool = True, overflow: bool = True) -> ContinuingEducation:
    """The 2016 NCCP model: 40 hours, National 20 by topic, Local/State 10, Individual 10."""
    topics = tuple(
        Minimum(name, Selector(areas={area}), amount) for name, area, amount in TOPIC_MINIMUMS_2016
    )
    return ContinuingEducation(
        unit="hour",
        total=40,
        conversions=(_HOUR, _CREDIT_AS_HOUR, _CONTACT_HOUR, _SEMESTER_CREDIT),
        refused_units=(_NOT_QUARTER_CREDIT, _NOT_IACET_CEU),
        minimums=(*_components(NATIONAL_TOPICS), *topics),
        caps=(
            *(_distributive_caps(NATIONAL_TOPICS) if distributive_caps else ()),
            _college_credit_not_national(NATIONAL_TOPICS),
        ),
        areas=AREAS_2016,
        overflows=_overflows(NATIONAL_TOPICS, overflow),
        # [RESUBMIT]: all education must be completed by the expiration date, even when the
        # application comes in the reinstatement period.
        credit_after_expiry_counts=False,
    )


def nccp_2025(*, overflow: bool = True) -> ContinuingEducation:
    """The 2025 NCCP model, as far as it is known: 40 credits, National 20 (2 of them
    pediatric), Local/State 10, Individual 10; its topic credits are not known."""
    pediatric = (PEDIATRIC_SHARE_2025 * 20).normalize()
    return ContinuingEducation(
        unit="credit",
        total=40,
        conversions=(
            Conversion("credit", 1, note="an NREMT/CAPCE credit"),
            Conversion("hour", 1, note="an hour of continuing education is one credit"),
            _CONTACT_HOUR,
            _SEMESTER_CREDIT,
        ),
        refused_units=(_NOT_QUARTER_CREDIT, _NOT_IACET_CEU),
        caps=(_college_credit_not_national(NATIONAL_2025),),
        minimums=(
            *_components(NATIONAL_2025),
            Minimum(
                "Pediatrics (10% of National)",
                Selector(areas=NATIONAL_2025, tags={PEDIATRICS}),
                pediatric,
            ),
        ),
        # [RESOLUTION-22-06]; [EMT-RECERT]: no limit on distributive education.
        areas=AREAS_2025,
        overflows=_overflows(NATIONAL_2025, overflow),
        credit_after_expiry_counts=False,
    )


LEGACY_72_HOURS = ContinuingEducation(
    unit="hour",
    total=72,
    conversions=(_HOUR, _CREDIT_AS_HOUR, _CONTACT_HOUR),
    refused_units=(_NOT_COLLEGE_CREDIT_72, _NOT_QUARTER_CREDIT, _NOT_IACET_CEU),
    minimums=(Minimum("Refresher", Selector(areas={"refresher"}), 24),),
    caps=(Cap("Distributive, refresher", Selector(areas={"refresher"}, tags={DISTRIBUTIVE}), 10),),
    areas=frozenset({"refresher", "additional"}),
    credit_after_expiry_counts=False,
)
"""[EMSA]; [REFRESHER]: before the NCCP, 72 hours: a 24-hour refresher and 48 more hours, at
most 10 distributive hours in the refresher. Refresher hours beyond 24 count towards the 72."""

# Fees
RECERTIFICATION_FEE = Fee(
    "Recertification fee",
    None,
    source="[FEES]: the current amount was not readable; third-party figures disagree",
)
REINSTATEMENT_FEE = Fee(
    "Reinstatement fee (late application)",
    50,
    confirmed=False,
    source="[OLD-FAQ]: $50 on top of the recertification fee, from an undated older FAQ;"
    " [FEES] confirms only that late filing costs more",
)
PAPER_FEE = Fee(
    "Paper application processing fee",
    5,
    confirmed=True,
    source="[PAYMENT]: from 2015-10-01, paper recertification applications",
    when=FactIs(PAPER_APPLICATION, True),
)
EXAM_RECORD_UNIT = "nremt_exam"
"""The unit of the activity that records a passed NREMT cognitive exam (amount 1), which lets
the exam pathway recertify the holder."""

EXAM_FEE = Fee(
    "Recertification by exam fee",
    104,
    confirmed=True,
    source="[RBE]: the EMT fee on an undated handbook page; earlier amounts are not known",
)
UNKNOWN_EXAM_FEE = Fee(
    "Cognitive exam application fee",
    None,
    source="no current re-entry or initial exam fee was confirmed",
)

_SEASON_OPENS = DayAfter(BeforeExpiry(Span(months=6)))  # 1 October before a 31 March expiry
_EXAM_OPENS = DayAfter(BeforeExpiry(Span(months=12)))  # 1 April of the year before expiry
_ON_EXPIRY = AfterExpiry(Span())  # 31 March
_REINSTATEMENT_CLOSES = AfterExpiry(Span(days=30))  # 30 April


def _pathways(*, paper_fee: bool, late_window: bool = True) -> tuple[Pathway, ...]:
    paper = (PAPER_FEE,) if paper_fee else ()
    late = (_late_reinstatement(paper),) if late_window else ()
    return (
        Pathway(
            PathwayKind.CONTINUING_EDUCATION,
            "Recertify by continuing education",
            opens=_SEASON_OPENS,
            closes=_ON_EXPIRY,
            requires_credit=True,
            fees=(RECERTIFICATION_FEE, *paper),
            steps=(
                "Submit the recertification application at nremt.org between 1 October and"
                " 31 March, with the education assigned to the NCCP components",
                "Recertification is complete when NREMT has processed the application and the"
                " expiry date is updated; credit for the next cycle counts from the day after",
            ),
            next_cycle_from=NextCycleFrom.PREVIOUS_EXPIRY,
            notes=(
                "Agency affiliation is not required: one may recertify in the Inactive status"
                " [HANDBOOK-FAQ].",
            ),
        ),
        Pathway(
            PathwayKind.EXAM,
            "Recertify by exam",
            opens=_EXAM_OPENS,
            closes=_ON_EXPIRY,
            fees=(EXAM_FEE,),
            steps=(
                "Pass the NREMT EMT cognitive exam: one attempt per cycle, no retest (after a"
                " failed attempt, recertify by continuing education)",
                "Answer the eligibility statements, pay the fee and send the 'Cognitive"
                " Competency by Exam' form after passing",
            ),
            exam_units={EXAM_RECORD_UNIT},
            next_cycle_from=NextCycleFrom.PREVIOUS_EXPIRY,
            notes=(
                "The exam replaces all the documented continuing education (National,"
                " Local/State and Individual); a state may still require education for its"
                " licence.",
                "An older policy allowed the exam only in the last six months of the cycle;"
                " when it changed is not known, so the current window is used throughout.",
                "An exam passed April-June of the year before expiry is processed before the"
                " season: give the next evaluation its recorded expires_on (old expiry + 2"
                " years), since 31 March counted from that date would be one year early.",
            ),
        ),
        *late,
        _reentry(
            "Re-entry (lapsed up to two years)",
            opens=DayAfter(_ON_EXPIRY),
            closes=AfterExpiry(REENTRY_WITHIN),
        ),
        _reentry(
            "Re-entry with a state licence (lapsed over two years)",
            opens=DayAfter(AfterExpiry(REENTRY_WITHIN)),
            when=FactIs(STATE_LICENSED, True),
            notes=(
                "Older FAQ [OLD-FAQ]: someone lapsed more than two years who is currently"
                " state licensed may still re-enter (medium-low confidence: undated, and"
                " whether it is current policy is not known). Give the fact state_licensed.",
            ),
        ),
        Pathway(
            PathwayKind.EXAM,
            "New EMT course and certification exams (lapsed over two years)",
            opens=DayAfter(AfterExpiry(REENTRY_WITHIN)),
            when=FactIs(STATE_LICENSED, False),
            fees=(UNKNOWN_EXAM_FEE,),
            steps=(
                "Complete an entire state-approved EMT course",
                "Pass the NREMT EMT cognitive and psychomotor exams",
            ),
            next_cycle_from=NextCycleFrom.RECERTIFICATION_DATE,
            notes=(
                "Older FAQ [OLD-FAQ]: lapsed more than two years and not currently state"
                " licensed (medium confidence: undated).",
            ),
        ),
    )


def _late_reinstatement(paper: tuple[Fee, ...]) -> Pathway:
    return Pathway(
        PathwayKind.REINSTATEMENT,
        "Late reinstatement (by 30 April)",
        opens=DayAfter(_ON_EXPIRY),
        closes=_REINSTATEMENT_CLOSES,
        requires_credit=True,
        fees=(RECERTIFICATION_FEE, REINSTATEMENT_FEE, *paper),
        steps=(
            "Submit the late application by 30 April; every requirement must have been met"
            " by 31 March",
        ),
        next_cycle_from=NextCycleFrom.PREVIOUS_EXPIRY,
        notes=(
            "The certification has expired on 31 March; it is reinstated once the late"
            " application is processed.",
        ),
    )


def _reentry(
    name: str,
    *,
    opens: DateRule,
    closes: DateRule | None = None,
    when: Condition | None = None,
    notes: tuple[str, ...] = (),
) -> Pathway:
    # [REENTRY]: 40 credits of the current NCCP within the past two years, the cognitive exam
    # and a BLS skills competency.
    return Pathway(
        PathwayKind.REINSTATEMENT,
        name,
        opens=opens,
        closes=closes,
        when=when,
        requires_credit=True,
        credit_within=REENTRY_CREDIT_WITHIN,
        fees=(UNKNOWN_EXAM_FEE,),
        steps=(
            "Complete 40 hours (credits) meeting the current NCCP model within the two years"
            " before applying, or a state-approved refresher course instead",
            "Pass the NREMT EMT cognitive exam",
            "Complete a State EMS Office approved BLS skills competency",
        ),
        # A new National Certification: 31 March, 2 or 3 years from its date.
        next_cycle_from=REENTRY_NEXT_CYCLE_FROM,
        notes=(
            *notes,
            "The 40 hours count when completed within the two years before the application"
            " (the evaluation date stands for it), checked against the NCCP model of the"
            " expired cycle: for an expiry before 2026-03-31 that is not the current model"
            " [REENTRY] asks for.",
            "Not checked: a refresher course in place of the 40 hours, the cognitive exam and"
            " the skills competency. Parts passed stay valid 24 months [REENTRY].",
        ),
    )


# --- The rule sets, oldest first ------------------------------------------------------------


def _rule_sets(*, overflow: bool) -> tuple[RuleSet, ...]:
    return (
        RuleSet(
            "nremt.emt.cycle.before-2016-09",
            effective_from=None,
            source="[EXPIRY]; window: [CE-POLICY]",
            confidence=Confidence.MEDIUM,
            cycle=Cycle(
                FixedDayOfYear(3, 31, years=2, longer=(YearsFromMonth(7, 3),)),
                credit_from=CREDIT_FROM_BEFORE_SEPTEMBER_2016,
            ),
            notes=(
                "Cycle begun before 2016-09-01: education counts only from 1 April after the"
                " previous 31 March expiry (never before the cycle began).",
            ),
        ),
        RuleSet(
            "nremt.emt.cycle.2016-09",
            effective_from="2016-09-01",
            source="[EXPIRY]; [SEASON]; window: [CE-POLICY]; 2020 extension: [COVID-2020]",
            confidence=Confidence.HIGH,
            # [EXPIRY]: 31 March; processed January-June: 2 years on, July-December: 3 years on.
            # Recertifications processed in the season (October-March) or the reinstatement
            # period (April) all land on 31 March two years after the old expiry.
            # [COVID-2020]: the 31 March 2020 expiry extended to 30 June 2020.
            cycle=Cycle(
                Extended(
                    FixedDayOfYear(3, 31, years=2, longer=(YearsFromMonth(7, 3),)),
                    EXPIRY_EXTENSION_2020,
                ),
                credit_from=CREDIT_FROM,
            ),
        ),
        RuleSet(
            "nremt.emt.education.72-hours",
            effective_from=None,
            source="[EMSA]; [REFRESHER]; contact hours: [EMT-RECERT]",
            confidence=Confidence.MEDIUM,
            continuing_education=LEGACY_72_HOURS,
            notes=(
                "Expiries before 2019-03-31 (legacy model). States that had adopted the NCCP"
                " used the 2012 NCCP model instead (2017 and 2018: 2012 or 2016 national"
                " content [NCCP]); neither is encoded for those years.",
            ),
        ),
        RuleSet(
            "nremt.emt.education.nccp-2016",
            effective_from="2019-03-31",
            source="[NCCP] components; [NCCP-2016-TOPICS] topics; [CAPS] distributive maxima;"
            " [EMSA] switch date; common units: [EMT-RECERT], [ACADEMIC]",
            confidence=Confidence.MEDIUM,
            continuing_education=nccp_2016(overflow=overflow),
            notes=_nccp_2016_notes(overflow),
        ),
        RuleSet(
            "nremt.emt.education.nccp-2016.waiver-2020",
            effective_from="2020-03-31",
            source="[COVID-2020]; otherwise as nremt.emt.education.nccp-2016",
            confidence=Confidence.HIGH,
            continuing_education=nccp_2016(distributive_caps=False, overflow=overflow),
            notes=(
                "Expiry 31 March 2020, extended to 30 June 2020: the distributive maxima were"
                " waived for the cycle, retroactively (all education may be online).",
                *_nccp_2016_notes(overflow),
            ),
        ),
        RuleSet(
            "nremt.emt.education.nccp-2016.waiver-2021",
            effective_from="2021-03-31",
            source="[WAIVER-2021]; otherwise as nremt.emt.education.nccp-2016",
            confidence=Confidence.HIGH,
            continuing_education=nccp_2016(distributive_caps=False, overflow=overflow),
            notes=(
                "Expiry 31 March 2021: the distributive maxima were waived (all education may"
                " be online).",
                *_nccp_2016_notes(overflow),
            ),
        ),
        RuleSet(
            "nremt.emt.education.nccp-2016.waiver-2022",
            effective_from="2022-03-31",
            source="[WAIVER-2022]; otherwise as nremt.emt.education.nccp-2016",
            confidence=Confidence.HIGH,
            continuing_education=nccp_2016(distributive_caps=False, overflow=overflow),
            notes=(
                "Expiry 31 March 2022: the distributive maxima were waived again (all"
                " education may be online).",
                *_nccp_2016_notes(overflow),
            ),
        ),
        RuleSet(
            "nremt.emt.education.nccp-2016.no-distributive-limits",
            effective_from="2023-03-31",
            source="[RESOLUTION-22-06]; [EMT-RECERT]; otherwise as nremt.emt.education.nccp-2016",
            confidence=Confidence.HIGH,
            continuing_education=nccp_2016(distributive_caps=False, overflow=overflow),
            notes=(
                "From the 31 March 2023 expiry on there is no limit on distributive (online,"
                " asynchronous) education, by resolution 22-06, for recertification and"
                " re-entry alike.",
                *_nccp_2016_notes(overflow),
            ),
        ),
        RuleSet(
            "nremt.emt.education.nccp-2025",
            effective_from="2026-03-31",
            source="[REENTRY] start date and 40 credits; [NCCP-2025] expiries from 2026-03-31,"
            " pediatric share; components as [NCCP]; no distributive limit: [RESOLUTION-22-06],"
            " [EMT-RECERT]; common units: [EMT-RECERT], [ACADEMIC]",
            confidence=Confidence.LOW,
            continuing_education=nccp_2025(overflow=overflow),
            notes=(
                "2025 NCCP model (expiries from 31 March 2026): its EMT topic credits are not"
                " known, so no topic minimum is checked; topic areas count as National.",
                "No limit on distributive education (HIGH confidence: resolution 22-06 and"
                " NREMT's EMT page).",
                *_overflow_notes(overflow),
                "Education dated on or after 2023-04-01 needs proof with the holder's name,"
                " completion date and credits in an audit [AUDITS].",
            ),
        ),
        RuleSet(
            "nremt.emt.pathways",
            effective_from=None,
            source="[SEASON]; [RESUBMIT]; [OLD-FAQ]; [RBE]; [REENTRY]",
            confidence=Confidence.MEDIUM,
            pathways=_pathways(paper_fee=False),
        ),
        RuleSet(
            "nremt.emt.pathways.paper-fee",
            effective_from="2016-03-31",
            source="[PAYMENT] from the season opening 2015-10-01; otherwise as nremt.emt.pathways",
            confidence=Confidence.MEDIUM,
            pathways=_pathways(paper_fee=True),
        ),
        RuleSet(
            "nremt.emt.pathways.extended-2020",
            effective_from="2020-06-30",
            source="[COVID-2020]; otherwise as nremt.emt.pathways.paper-fee",
            confidence=Confidence.MEDIUM,
            pathways=_pathways(paper_fee=True, late_window=LATE_WINDOW_AFTER_THE_2020_EXTENSION),
            notes=(
                "Expiry extended to 30 June 2020: the season ran to 30 June, with no late fee"
                " for applications after 31 March. No late window after 30 June is known"
                " (LATE_WINDOW_AFTER_THE_2020_EXTENSION).",
            ),
        ),
        RuleSet(
            "nremt.emt.pathways.paper-fee.2020-07",
            effective_from="2020-07-01",
            source="[PAYMENT]; otherwise as nremt.emt.pathways",
            confidence=Confidence.MEDIUM,
            pathways=_pathways(paper_fee=True),
        ),
    )


def _overflow_notes(overflow: bool) -> tuple[str, ...]:
    if not overflow:
        return ("Credit beyond a component's need or cap counts nowhere (strict reading).",)
    return (
        "Credit beyond what a National topic or the Local/State component needs, or beyond its"
        " distributive maximum, counts in the Individual component: LOW confidence, no NREMT"
        " sentence found (see OVERFLOW_INTO_INDIVIDUAL).",
    )


def _nccp_2016_notes(overflow: bool) -> tuple[str, ...]:
    return (
        "The 2016 subtopics (cardiac arrest 2 h, pediatric cardiac arrest 2 h, stroke 1 h, ...)"
        " are not checked, only the five topic totals.",
        *_overflow_notes(overflow),
    )


def build_emt(*, overflow_into_individual: bool = OVERFLOW_INTO_INDIVIDUAL) -> CredentialSpec:
    """The EMT credential, with the overflow choice made (see
    :data:`OVERFLOW_INTO_INDIVIDUAL`)."""
    return CredentialSpec(
        body="NREMT",
        code="EMT",
        name="Nationally Certified EMT (NREMT)",
        body_name="National Registry of Emergency Medical Technicians",
        rule_sets=_rule_sets(overflow=overflow_into_individual),
        selection=Selection(
            cycle=CYCLE_RULES_SELECTED_BY,
            continuing_education=SelectBy.EXPIRES_ON,
            pathways=SelectBy.EXPIRES_ON,
        ),
        sources=SOURCES,
        facts=(
            FactSpec(
                PAPER_APPLICATION,
                FactKind.BOOLEAN,
                "Whether the holder files the recertification application on paper ($5 fee"
                " from 2015-10-01).",
            ),
            FactSpec(
                STATE_LICENSED,
                FactKind.BOOLEAN,
                "Whether the holder currently holds a state EMS licence: lapsed more than two"
                " years, re-entry stays open to a state-licensed EMT; otherwise a whole new"
                " course (older NREMT FAQ).",
            ),
        ),
        description=(
            "National Registry EMT. Expires 31 March (2 or 3 years after initial"
            " certification, then every 2 years). Recertify 1 October-31 March by 40 hours of"
            " NCCP continuing education (National 20, Local/State 10, Individual 10), late by"
            " 30 April, or by one attempt at the cognitive exam from 1 April of the year"
            " before expiry."
        ),
    )


EMT = build_emt()
"""The NREMT EMT credential, as this plugin registers it."""
