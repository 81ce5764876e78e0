"""Which activities' credit counts, how much, and where: each activity judged on its own, then
the credit allocated to the requirements exactly and optimally.

``judge`` decides what may count; ``allocate`` places the countable credit, solving a small
linear programme exactly (``lp``) when caps bind or credit may go to several areas.
"""

from recertlib.engine.allocation.allocate import Allocation, Assessment, Solutions, assess
from recertlib.engine.allocation.judge import CreditWindow

__all__ = ["Allocation", "Assessment", "CreditWindow", "Solutions", "assess"]
