"""The evaluation: a credential's rules, its holder's activities and a date in, a verdict out;
for one credential (:mod:`~recertlib.engine.credential`), a person
(:mod:`~recertlib.engine.person`) or many records (:mod:`~recertlib.engine.records`).

:mod:`~recertlib.engine.cycles` places a cycle among the ones before and after it,
:mod:`~recertlib.engine.pathways` judges each way to recertify, and
:mod:`~recertlib.engine.allocation` decides which credit counts and where.
"""

from recertlib.engine.credential import evaluate_with_spec
from recertlib.engine.evaluate import evaluate
from recertlib.engine.person import evaluate_person
from recertlib.engine.records import evaluate_records

__all__ = ["evaluate", "evaluate_person", "evaluate_records", "evaluate_with_spec"]
