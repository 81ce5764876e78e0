"""A credential and the activities recorded against it: one record of a holder file."""

from __future__ import annotations

from attrs import field, frozen

from recertlib.fields import of_type
from recertlib.inputs.activity import Activity, activity_list
from recertlib.inputs.credential import Credential


@frozen
class Holder:
    """A credential and the activities recorded against it: one record of a holder file."""

    credential: Credential = field(validator=of_type(Credential))
    activities: tuple[Activity, ...] = field(default=(), converter=activity_list)
