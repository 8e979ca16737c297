"""Services of the measures against the aggressor: every write, each in one transaction.

History is appended (MeasureEvent); deadlines go through ``gir.deadlines``. Re-exported here
so callers import ``sanctions.services``.
"""

from sanctions.services.bans import (
    BanOverlap,
    ban_extend,
    ban_request,
    ban_review_record,
    ban_serve,
    breach_register,
    find_overlap,
)
from sanctions.services.claims import claim_mark_uncollectable, claim_payment_add, police_outcome_record
from sanctions.services.common import last_event_id
from sanctions.services.decisions import (
    MeasureError,
    decide_rights_check,
    measure_decide,
    measure_revoke,
    ordegesprek_record,
    ordegesprek_replan,
)

__all__ = [
    "BanOverlap",
    "MeasureError",
    "ban_extend",
    "ban_request",
    "ban_review_record",
    "ban_serve",
    "breach_register",
    "claim_mark_uncollectable",
    "claim_payment_add",
    "decide_rights_check",
    "find_overlap",
    "last_event_id",
    "measure_decide",
    "measure_revoke",
    "ordegesprek_record",
    "ordegesprek_replan",
    "police_outcome_record",
]
