"""What a caller hands in: credentials, activities, people and the facts rules may need.

These are frozen values that check every field as they are made
(:mod:`recertlib.fields`); they know no rules and evaluate nothing.
"""

from recertlib.inputs.activity import Activity
from recertlib.inputs.credential import Credential, PersonCredential
from recertlib.inputs.facts import (
    BIRTH_DATE,
    FIRST_RENEWAL,
    INACTIVE,
    MEMBER,
    ORIGINALLY_ISSUED_ON,
    Facts,
    FactValue,
)
from recertlib.inputs.holder import Holder
from recertlib.inputs.person import Person

__all__ = [
    "BIRTH_DATE",
    "FIRST_RENEWAL",
    "INACTIVE",
    "MEMBER",
    "ORIGINALLY_ISSUED_ON",
    "Activity",
    "Credential",
    "FactValue",
    "Facts",
    "Holder",
    "Person",
    "PersonCredential",
]
