"""How an application asks recertlib about a credential: copy this into your own code.

Run it with ``python examples/integrate.py`` once recertlib and its AAMA and NHA plugins are
installed (see the README).
"""

from pathlib import Path

from recertlib import Activity, Credential, Status, evaluate, evaluate_records, read_records

# One credential and its continuing education, as your application stores them.
credential = Credential("AAMA", "CMA", holder="Maria Lopez", certified_on="2022-03-10")
activities = [
    Activity("Medical Law and Ethics", "2022-06-14", "10", "aama_ceu", area="administrative"),
    Activity("Infection Control", "2023-09-05", "12", "aama_ceu", area="clinical"),
    Activity("Pharmacology I", "2024-09-01", "1", "college_credit", area="general"),
]

verdict = evaluate(credential, activities, as_of="2026-11-25")
print(f"{credential.holder}: {verdict.status.value}, expires {verdict.expires_on}")
print("may use the credential:", verdict.usable)
for pathway in verdict.open_pathways:
    missing = [f"{r.name} {r.shortfall}" for r in pathway.requirements if not r.met]
    print(f"- {pathway.name}: can recertify now={pathway.can_recertify_now}, missing={missing}")
for result in verdict.refused:
    print(f"- refused {result.activity.title}: {result.refusals[0].detail}")

# A whole file of holders: a bad record is reported, the others are still evaluated.
holders = Path(__file__).parent / "holders" / "ccma-renewal-window.json"
for outcome in evaluate_records(read_records(holders), as_of="2026-11-25"):
    if outcome.value is None:
        print(f"{outcome.label}: {outcome.error}")
    elif outcome.value.status is Status.GRACE:
        closes = outcome.value.continuing_education_closes_on
        print(f"{outcome.label}: expired, renew by {closes}")
