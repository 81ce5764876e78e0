"""The PA-C credential of the NCCPA: its rules as dated data, each value beside its source.

The sources are :data:`SOURCES`, cited by key (``[CME]``), each with its address; the plugin's
README lists them, with how sure we are of each point. Where the sources leave a choice open,
the choice is a named parameter below.

How the NCCPA's rules map onto recertlib:

* Each 2-year CME cycle is one recertlib cycle, ending 31 December of its expiration year.
  The 10-year certification maintenance cycle is the :class:`~recertlib.rules.OuterCycle` of five of
  them, counted from the ``originally_issued_on`` fact, which every evaluation needs.
* ``certified_on`` is the date the current certification was issued. For a recertifying PA that
  is a date in the year the previous 2-year cycle ended (expiration year - 2), for example the
  previous expiry date itself; *not* the next cycle's first day (1 January), which would count
  the expiry a year too late. A caller unsure of it may give ``expires_on`` instead.
* A holder is in the first cycle (credit from the date the certification was issued, not from
  1 May) when ``originally_issued_on == certified_on`` or the ``first_renewal`` fact says so.
  A PA who began the 10-year process on a later recertification (the 2014 transition, or after
  regaining certification) gives that date as ``originally_issued_on`` and, in that first
  cycle of the process, ``first_renewal=False``.

What the core cannot express, encoded as the nearest honest approximation (each also a note
of the rule set concerned):

* PANRE may be taken only in the 9th or 10th year, at most 2 attempts in year 9, 3 in year 10
  and 4 in all, 90 days apart. A pass counts from the first day of year 9
  (:data:`EXAM_YEARS`); the attempt limits are not checked.
* Regaining a lost certification requires the CME requirements (100 credits, 50 of them
  Category 1; the lapsed cycle's credit, earned through the expiry date, since NCCPA states no
  window of its own) and PANRE (not PANRE-LA) passed after the lapse, in every year of the
  10-year process (:data:`REGAIN_REQUIREMENTS`).
* The 2014-2016 requirement of 40 self-assessment and 40 PI-CME credits by the end of year 8
  spans four cycles; only the per-cycle part (20 of the Category 1 credits) is encoded.
* The 8 months in which consecutive windows overlap (1 May - 31 December of the year a cycle
  ends) are not shared out: each cycle's verdict counts the credit in its own window.
* "The first 20 PI-CME credits logged" are taken in order of completion, not of logging.
"""

from __future__ import annotations

from recertlib.rules import (
    AfterExpiry,
    BeforeExpiry,
    Confidence,
    ContinuingEducation,
    Conversion,
    CredentialSpec,
    Cycle,
    DayAfter,
    Deadline,
    Fee,
    FixedDayOfYear,
    InInnerCycle,
    Measure,
    Minimum,
    NextCycleFrom,
    OuterCycle,
    Pathway,
    PathwayKind,
    RefusedUnit,
    Requirement,
    RuleSet,
    SelectBy,
    Selection,
    Selector,
    Source,
    Span,
    Tier,
)

SOURCES = (
    Source(
        "CME",
        "NCCPA, 'About CME Requirements': five two-year cycles in the 10-year process; 100 CME"
        " credits (at least 50 Category 1) per cycle; the window from 1 May of the year the"
        " certification was issued (new PAs: the date it was issued) to 31 December of the"
        " expiration year; fee by 11:59 p.m. PT, 31 December; self-assessment x1.5, the first"
        " 20 PI-CME credits doubled",
        url="https://www.nccpa.net/ContinuingMedicalEducation",
    ),
    Source(
        "CATEGORIES",
        "NCCPA, 'Category 1 and 2 CME': Category 1 is credit designated by AAPA, AMA PRA"
        " Category 1 from ACCME-accredited providers, AOA Category 1A, AAFP Prescribed, EACCME,"
        " Royal College MOC or Mainpro; other activities at most Category 2",
        url="http://www.nccpa.net/CMECategoryTypes",
    ),
    Source(
        "QANDA",
        "NCCPA, Q&A on the 2016 change: self-assessment and PI-CME no longer required, the"
        " weighting 'effective immediately', applied to credit already logged; one-time"
        " carry-over for the 2014-2016 cycle",
        url="https://www.nccpa.net/qanda",
    ),
    Source(
        "APAOG",
        "APAOG news, 2016-08-26: 'On August 11th NCCPA announced that effective immediately,"
        " self-assessment CME and PI-CME are no longer required'",
        url="https://apaog.wildapricot.org/news/4215886",
    ),
    Source(
        "AAPA-PICME",
        "AAPA, PI-CME FAQ (10-year process from 2014): 20 of the 50 Category 1 credits of each"
        " cycle by PI-CME and/or self-assessment; 40 of each by the end of year 8; none in the"
        " fifth cycle",
        url="http://www.aapa.org/cme/picme.aspx",
    ),
    Source(
        "AAPA-FAQ",
        "AAPA, CME FAQs: a first-time logger counts CME from the issuance date on the NCCPA"
        " certificate",
        url="https://www.aapa.org/cme-central/cme-faqs/",
    ),
    Source(
        "PANRE",
        "NCCPA, 'Maintain Certification' / 'Alternative to PANRE': pass PANRE or PANRE-LA by the"
        " end of the 10th year; PANRE in the 9th or 10th year only (2 + 3 attempts, 4 in all,"
        " 90 days apart); the fee is $350 either way; a PA who loses certification must meet"
        " the CME requirements and pass PANRE to regain it",
        url="https://www.nccpa.net/alternative-to-panre",
    ),
    Source(
        "MAINTAIN",
        "NCCPA, 'Maintain Certification' (the PANRE and PANRE-LA pilot page, about 2019-2022):"
        " 'PAs who lose certification must meet CME requirements and take and pass PANRE to"
        " regain it'; the same sentence at the Indiana Academy of PAs"
        " (indianapas.org/Certificate-and-CME-Licensing)",
        url="https://testwww.nccpa.net/maintain-certification",
    ),
    Source(
        "PANRE-LA",
        "NCCPA announcement (via AHCA-APA): 'beginning in 2023, PAs will have two options for"
        " their recertification assessment' (PANRE-LA after the 2019-2020 pilot)",
        url="https://ahcaapa.mypanetwork.com/physician-assistant-news",
    ),
    Source(
        "NCCPA-2014",
        "NCCPA, 'Maintaining Certification' and 'About CME Requirements' as published around"
        " 2014: the six-year cycle before 2014, the 10-year process from 2014, the $130"
        " certification maintenance fee, regaining by PANCE or PANRE",
        url="http://www.nccpa.net/CertificationProcess",
    ),
    Source(
        "CALIBER",
        "Caliber Cred, 'NCCPA CME requirements' (third party, undated): 'The $180 certification"
        " maintenance fee is due at the end of each two-year segment'",
        url="https://calibercred.com/physician-assistants/nccpa-cme-requirements",
    ),
)

# --- Parameters: choices the sources leave open --------------------------------------------

CYCLE_EXPIRY = FixedDayOfYear(12, 31, years=2)
"""[CME]: each 2-year CME cycle ends on 31 December of its expiration year, two years after
the year the certification was issued (expires 2020: issued in 2018). High confidence."""

FIRST_CYCLE_EXPIRY = FixedDayOfYear(12, 31, years=2)
"""A new PA's first cycle runs from the date the certification was issued "through December 31
of the year your certification expires (approximately two years later)" [CME]. NCCPA states no
formula; we read 31 December of (the year certified + 2), so the first cycle lasts 2 to 3
years (certified 2024-07-15: through 2026-12-31). Medium confidence. The alternative reading,
seen only on a low-quality page (certified 2023, ends 2026), is ``FixedDayOfYear(12, 31,
years=3)``."""

CREDIT_FROM = DayAfter(BeforeExpiry(Span(months=32)))
"""[CME]: a recertifying PA's CME counts from 1 May of the year the certification was issued,
the expiration year - 2 ("expires in 2020 ... between May 1, 2018 and December 31, 2020"):
31 December less 32 months is 30 April, two years and eight months earlier; the day after is
1 May. High confidence. A new PA's first cycle counts from the date of certification
([CME]; [AAPA-FAQ])."""

OUTER = OuterCycle("certification maintenance cycle", 5)
"""[CME]: "The 10-year certification maintenance process includes five two-year cycles". The
first of them is the new PA's first cycle (or the first after the 2014 transition, or after
regaining certification)."""

EXAM_CYCLE = 5
"""[PANRE]: PANRE or PANRE-LA must be passed "by the end of the 10th year": in the 5th CME
cycle."""

EDUCATION_SELECTED_BY = SelectBy.AS_OF
"""Which date picks the CME rules. NCCPA made the 2016 change "effective immediately" and
applied the weighting to self-assessment and PI-CME already logged [QANDA]; [APAOG], so an open
cycle is judged by the rules in force on the day it is judged: a cycle ending 2016-12-31 had
the 20-credit self-assessment/PI-CME requirement when judged on 2016-08-10 and the multipliers
from 2016-08-11. The alternative, ``SelectBy.EXPIRES_ON`` (the rules in force when the cycle
ends), would apply the 2016 rules to every cycle of the 10-year process (the first ended
2016-12-31), so that the 2014 requirement never applies; it differs from ``AS_OF`` only for a
cycle judged before a change that ends after it, or long after it ended."""

FIRST_PI_CME_DOUBLED = 20
"""[CME]: "the first 20 PI-CME credits logged during every two-year cycle will be doubled";
the rest count once. recertlib takes them in order of completion."""

SELF_ASSESSMENT_FACTOR = "1.5"
"""[CME]: "50% additional credit for all activities designated for self-assessment Category 1
CME credit". No cap is stated."""

MULTIPLIERS_FROM = "2016-08-11"
"""[APAOG]; [QANDA]: announced on 11 August 2016, "effective immediately"."""

TEN_YEAR_PROCESS_FROM = "2014-01-01"
"""[NCCPA-2014]: "PAs began transitioning to a new ten-year certification maintenance cycle in
2014", each at their own transition point; no day is given, so 1 January 2014. Medium-low
confidence for the day."""

PANRE_LA_FROM = "2023-01-01"
"""[PANRE-LA]: PANRE-LA is an option "beginning in 2023"; no day is given, so 1 January 2023
(high confidence for the year, low for the day). The 2019-2020 pilot is not encoded."""

MAINTENANCE_FEE_AMOUNT = 180
"""The certification maintenance fee. Current NCCPA pages give no amount; $180 is from a
third party [CALIBER] (undated, medium-low confidence, so unconfirmed). NCCPA's own page around
2014 gave $130 [NCCPA-2014]; no date for the change was found. ``None`` is the alternative for
a caller who wants no unconfirmed amount."""

EXAM_FEE_AMOUNT = 350
"""[PANRE]: "The fee is the same ($350) regardless of the option selected." Confirmed; no date
for the amount."""

CREDIT_EARNED_AFTER_EXPIRY_COUNTS = False
"""[CME]: the same deadline for earning and logging; no grace period was found."""

DEADLINE_TIME = "11:59 p.m. Pacific Time"
"""[CME]: the deadline is 11:59 p.m. PT on 31 December (America/Los_Angeles); recertlib counts
in days, so a holder east of the Pacific has until the early hours of 1 January local time."""


# --- Shared pieces ----------------------------------------------------------------------------

CATEGORY_1 = "category 1"
CATEGORY_2 = "category 2"
AREAS = frozenset({CATEGORY_1, CATEGORY_2})

MAINTENANCE_FEE = Fee(
    "Certification maintenance fee",
    MAINTENANCE_FEE_AMOUNT,
    confirmed=False,
    source="[CALIBER] (third party); [NCCPA-2014] gave $130; current NCCPA pages give none",
)
EXAM_FEE = Fee(
    "PANRE or PANRE-LA exam fee",
    EXAM_FEE_AMOUNT,
    confirmed=True,
    source="[PANRE]",
    when=InInnerCycle(EXAM_CYCLE),
)
PANRE_FEE = Fee("PANRE exam fee", EXAM_FEE_AMOUNT, confirmed=True, source="[PANRE]")

_CME_CREDIT = Conversion(
    "cme_credit",
    1,
    note="a CME credit, in the category the activity states (category 1 or category 2)",
)

CONTACT_HOUR_CATEGORY = CATEGORY_2
"""How a 60-minute contact hour counts (LOW confidence). [CATEGORIES]: NCCPA's Category 1 is a
designation of the activity (AAPA Category 1, AMA PRA Category 1, ...), not a unit, and
contact hours designated by other accreditors (nursing, IACET, CAPCE) are not on its list, so
they can count at most as Category 2; a provider's own equivalence, "1 Contact Hour = 60
Minutes or 1 AMA PRA Category 1 Credit", makes one contact hour one credit. Record a
Category 1 activity as ``cme_credit`` in the area ``category 1``; a contact hour counts one
Category 2 credit. ``CATEGORY_1`` would trust every contact hour as Category 1."""

_CONTACT_HOUR = Conversion(
    "contact_hour",
    1,
    area=CONTACT_HOUR_CATEGORY,
    note=f"a 60-minute contact hour counts one {CONTACT_HOUR_CATEGORY.title()} credit"
    " ([CATEGORIES]; low)",
)
_NOT_FOUND = (
    "NCCPA counts CME by the designation its accreditor gives it ([CATEGORIES]) and states no"
    " conversion of"
)
REFUSED_UNITS = (
    RefusedUnit(
        "iacet_ceu",
        f"{_NOT_FOUND} IACET CEUs: record the hours of participation as contact hours",
    ),
    RefusedUnit("semester_credit", f"{_NOT_FOUND} academic credit into CME credits"),
    RefusedUnit("quarter_credit", f"{_NOT_FOUND} academic credit into CME credits"),
)
"""[CATEGORIES]: no NCCPA statement on IACET CEUs or college credit was found, so they are
refused with that reason rather than converted through the common relations."""


def _education(
    *, multipliers: bool, self_assessment_or_pi: bool, exam_units: frozenset[str] | None
) -> ContinuingEducation:
    if multipliers:
        self_assessment = Conversion(
            "self_assessment",
            SELF_ASSESSMENT_FACTOR,
            area=CATEGORY_1,
            note=f"self-assessment Category 1 CME counts {SELF_ASSESSMENT_FACTOR} times",
        )
        pi_cme = Conversion(
            "pi_cme",
            1,
            area=CATEGORY_1,
            tiers=(Tier(FIRST_PI_CME_DOUBLED, 2),),
            note=f"the first {FIRST_PI_CME_DOUBLED} PI-CME credits of a cycle count double",
        )
    else:
        self_assessment = Conversion(
            "self_assessment", 1, area=CATEGORY_1, note="self-assessment Category 1 CME"
        )
        pi_cme = Conversion("pi_cme", 1, area=CATEGORY_1, note="PI-CME, Category 1")
    requirements: list[Requirement] = []
    if self_assessment_or_pi:
        # [AAPA-PICME]: 20 of the 50 Category 1 credits in cycles 1 to 4, none in the 5th.
        requirements.append(
            Minimum(
                "Self-assessment or PI-CME",
                Selector(units={"self_assessment", "pi_cme"}),
                20,
                when=InInnerCycle(1, 2, 3, 4),
            )
        )
    if exam_units is not None:
        requirements.append(
            Measure(
                "Pass PANRE or PANRE-LA" if "panre_la" in exam_units else "Pass PANRE",
                1,
                units=exam_units,
                unit_name="exam",
                when=InInnerCycle(EXAM_CYCLE),
                counts_from=EXAM_YEARS,
            )
        )
    return ContinuingEducation(
        unit="credit",
        total=100,
        conversions=(_CME_CREDIT, self_assessment, pi_cme, _CONTACT_HOUR),
        refused_units=REFUSED_UNITS,
        minimums=(Minimum("Category 1", Selector(areas={CATEGORY_1}), 50),),
        requirements=tuple(requirements),
        areas=AREAS,
        credit_after_expiry_counts=CREDIT_EARNED_AFTER_EXPIRY_COUNTS,
    )


REGAIN_REQUIREMENTS = (
    Minimum("Total", Selector(), 100),
    Minimum("Category 1", Selector(areas={CATEGORY_1}), 50),
    Measure(
        "Pass PANRE after the lapse",
        1,
        units={"panre"},
        unit_name="exam",
        counts_from=DayAfter(AfterExpiry(Span())),
        open_ended=True,
    ),
)
"""[MAINTAIN]: "PAs who lose certification must meet CME requirements and take and pass PANRE
to regain it" (HIGH confidence for the rule): PANRE is a requirement of regaining, in any year
of the 10-year process, and a PANRE passed after the lapse counts for it (through the day of
evaluation; NCCPA states no time limit). Which CME, and earned when, NCCPA does not say: the
lapsed cycle's 100 credits (50 Category 1), earned in its window (MEDIUM-LOW confidence)."""

EXAM_YEARS = DayAfter(BeforeExpiry(Span(months=24)))
"""[PANRE]: the exam is taken in the 9th or 10th year of the ten, the last two years of the
5th CME cycle: a pass counts from 1 January of year 9 (the day after 31 December two years
before the expiry)."""

_EXAM_NOTE = (
    "PANRE may be taken only in the 9th or 10th year (at most 2 attempts in year 9, 3 in year"
    " 10, 4 in all, 90 days apart); recertlib counts a pass from the first day of year 9 and"
    " does not check the attempts."
)

# --- The rule sets, oldest first ------------------------------------------------------------

RULE_SETS = (
    RuleSet(
        "nccpa.pa-c.cycle",
        effective_from=None,
        source="[CME]; first cycle from [CME] and [AAPA-FAQ]; the 10-year cycle from [CME]",
        confidence=Confidence.MEDIUM,
        cycle=Cycle(
            CYCLE_EXPIRY,
            credit_from=CREDIT_FROM,
            first=Cycle(FIRST_CYCLE_EXPIRY),
            outer=OUTER,
        ),
        notes=(
            "The first cycle's expiry (31 December of the year certified + 2) is inferred from"
            " NCCPA's 'approximately two years later' (medium confidence).",
            "Consecutive CME windows overlap from 1 May to 31 December of the year a cycle"
            " ends; recertlib does not keep one credit from counting in both cycles.",
            "The six-year certification maintenance cycle in force before 2014 is not encoded;"
            " give the date a PA's 10-year process began as originally_issued_on.",
        ),
    ),
    RuleSet(
        "nccpa.pa-c.education.before-2014",
        effective_from=None,
        source="[NCCPA-2014]: 100 CME credits, 50 Category 1, per two-year period;"
        " units: [CATEGORIES]",
        confidence=Confidence.LOW,
        continuing_education=_education(
            multipliers=False, self_assessment_or_pi=False, exam_units=None
        ),
        notes=(
            "Before 2014 PANRE fell in year 5 or 6 of a six-year cycle, which recertlib does"
            " not check.",
        ),
    ),
    RuleSet(
        "nccpa.pa-c.education.2014",
        effective_from=TEN_YEAR_PROCESS_FROM,
        source="[AAPA-PICME]; [NCCPA-2014]; exam from [PANRE]; units: [CATEGORIES]",
        confidence=Confidence.MEDIUM,
        continuing_education=_education(
            multipliers=False, self_assessment_or_pi=True, exam_units=frozenset({"panre"})
        ),
        notes=(
            "The 10-year process also required 40 self-assessment and 40 PI-CME credits by the"
            " end of year 8, across cycles; recertlib checks only the 20 per cycle.",
            _EXAM_NOTE,
        ),
    ),
    RuleSet(
        "nccpa.pa-c.education.2016",
        effective_from=MULTIPLIERS_FROM,
        source="[CME]; [QANDA]; [APAOG]; exam from [PANRE]; units: [CATEGORIES]",
        confidence=Confidence.HIGH,
        continuing_education=_education(
            multipliers=True, self_assessment_or_pi=False, exam_units=frozenset({"panre"})
        ),
        notes=(
            "Category 1 credit over the requirement in the 2014-2016 cycle was carried into"
            " the next cycle once ([QANDA]); recertlib does not carry credit over.",
            "The first 20 PI-CME credits are doubled in order of completion, not of logging.",
            _EXAM_NOTE,
        ),
    ),
    RuleSet(
        "nccpa.pa-c.education.2023",
        effective_from=PANRE_LA_FROM,
        source="[CME]; exam from [PANRE] and [PANRE-LA]; units: [CATEGORIES]",
        confidence=Confidence.HIGH,
        continuing_education=_education(
            multipliers=True,
            self_assessment_or_pi=False,
            exam_units=frozenset({"panre", "panre_la"}),
        ),
        notes=(
            _EXAM_NOTE,
            "PANRE-LA (25 questions a quarter over up to 12 quarters, from about year 7) is"
            " recorded as one 'panre_la' activity on the day it is passed.",
        ),
    ),
    RuleSet(
        "nccpa.pa-c.pathways",
        effective_from=None,
        source="[CME]; [PANRE]; regaining: [MAINTAIN]; fee amount from [CALIBER] (unconfirmed)",
        confidence=Confidence.MEDIUM,
        pathways=(
            Pathway(
                PathwayKind.CONTINUING_EDUCATION,
                "Maintain certification",
                closes=AfterExpiry(Span()),
                requires_credit=True,
                fees=(MAINTENANCE_FEE, EXAM_FEE),
                steps=(
                    "Log the CME credits with NCCPA",
                    "Pay the certification maintenance fee",
                    "In the 5th CME cycle (the 9th and 10th years), pass PANRE or PANRE-LA",
                ),
                # [CME]: the next 2-year cycle ends 31 December two years after this one.
                next_cycle_from=NextCycleFrom.PREVIOUS_EXPIRY,
                deadlines=(
                    Deadline(
                        f"Log 100 CME credits and pay the certification maintenance fee,"
                        f" by {DEADLINE_TIME}",
                        AfterExpiry(Span()),
                    ),
                ),
                notes=(
                    f"The deadline is {DEADLINE_TIME} on 31 December of the expiration year.",
                    "The exam fee applies only in the 5th CME cycle; recertlib lists it in"
                    " every cycle with its condition.",
                    "A refund of the maintenance fee must be requested within 30 days of paying.",
                ),
            ),
            Pathway(
                PathwayKind.REINSTATEMENT,
                "Regain certification",
                opens=DayAfter(AfterExpiry(Span())),
                closes=None,
                requires_credit=True,
                requirements=REGAIN_REQUIREMENTS,
                fees=(PANRE_FEE,),
                steps=("Register for PANRE (PANRE-LA is not offered to regain certification)",),
                # [NCCPA-2014]: a PA who regains certification begins a new 10-year process.
                next_cycle_from=NextCycleFrom.RECERTIFICATION_DATE,
                notes=(
                    "Regaining needs the CME requirements and PANRE passed after the lapse"
                    " [MAINTAIN]. NCCPA publishes no time limit, and no CME window or amount of"
                    " its own: recertlib asks for the lapsed cycle's 100 credits (50 Category"
                    " 1), earned in its window.",
                    "Regaining starts a new 10-year process: give the date certification was"
                    " regained as originally_issued_on.",
                ),
            ),
        ),
    ),
)

PA_C = CredentialSpec(
    body="NCCPA",
    code="PA-C",
    name="Physician Assistant-Certified (PA-C)",
    body_name="National Commission on Certification of Physician Assistants",
    rule_sets=RULE_SETS,
    selection=Selection(
        cycle=SelectBy.CERTIFIED_ON,
        continuing_education=EDUCATION_SELECTED_BY,
        pathways=SelectBy.EXPIRES_ON,
    ),
    sources=SOURCES,
    description=(
        "Physician assistants keep certification in a 10-year process of five 2-year CME"
        " cycles: 100 CME credits (at least 50 Category 1) and a fee by 31 December of each"
        " expiration year, and PANRE or PANRE-LA passed by the end of the 10th year."
    ),
)
"""The PA-C credential, as this plugin registers it."""
