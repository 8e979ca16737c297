"""Thin views: check access, call one service, render or redirect. GET changes nothing.

A package by subject; the URLconf imports the names re-exported here.
"""

from sanctions.views.bans import (
    ban_extend,
    ban_photo,
    ban_review,
    ban_serve,
    breach,
    breach_find,
    reception,
)
from sanctions.views.decisions import ban_request, decide, decide_type, measure_list
from sanctions.views.measures import (
    claim_payment,
    claim_uncollectable,
    detail,
    ordegesprek_record,
    ordegesprek_replan,
    police_outcome,
    revoke,
)
from sanctions.views.register import register, register_export

__all__ = [
    "ban_extend",
    "ban_photo",
    "ban_request",
    "ban_review",
    "ban_serve",
    "breach",
    "breach_find",
    "claim_payment",
    "claim_uncollectable",
    "decide",
    "decide_type",
    "detail",
    "measure_list",
    "ordegesprek_record",
    "ordegesprek_replan",
    "police_outcome",
    "reception",
    "register",
    "register_export",
    "revoke",
]
