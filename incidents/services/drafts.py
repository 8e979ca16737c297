"""The short report's server-side draft and its filing: nothing typed is lost, a triple click
files one incident.

Parallel submits of one form (a triple click, a slow network, two tabs) must all answer with
the one incident. So the draft is never read, changed and saved (a parallel filing may have
deleted it in between, and ``save()`` then collides on the key): it is written with one
``INSERT ... ON CONFLICT DO UPDATE`` statement. A draft whose one-time token has been filed is
dropped when it is next read, so a late autosave cannot bring a filed report back as a draft.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from incidents.constants import ReporterRole, VictimKind
from incidents.models import Incident, ReportDraft
from incidents.services.registration import Target, incident_register

MAX_VALUES = 20
MAX_CHARS = 5000
TARGET_COLLEAGUE, TARGET_OFFICE_HOLDER = "collega", "bestuurder"


@dataclass(frozen=True)
class Filing:
    incident: Incident
    created: bool


def _filed(user, token: str) -> bool:
    return bool(token) and Incident.objects.filter(reporter=user, submission_token=token).exists()


def _upsert(user, data: dict) -> None:
    ReportDraft.objects.bulk_create(
        [ReportDraft(user=user, data=data)],
        update_conflicts=True,
        unique_fields=["user"],
        update_fields=["data", "updated_at"],
    )


def draft_discard(*, user, token: str | None = None) -> None:
    """Drop the user's draft; with ``token``, only the draft of that one form."""
    drafts = ReportDraft.objects.filter(user=user)
    if token:
        drafts = drafts.filter(data__token=token)
    drafts.delete()


def draft_open(*, user) -> dict:
    """The user's draft data (``token`` and, once something was kept, ``fields``).

    Creates the draft with a fresh one-time token when there is none; a draft left over from a
    form that was filed already starts over.
    """
    stored = ReportDraft.objects.filter(user=user).values_list("data", flat=True).first()
    if stored and stored.get("token") and not _filed(user, stored["token"]):
        return stored
    fresh = {"token": secrets.token_urlsafe(24)}
    draft_discard(user=user)
    ReportDraft.objects.bulk_create([ReportDraft(user=user, data=fresh)], ignore_conflicts=True)
    stored = ReportDraft.objects.filter(user=user).values_list("data", flat=True).first()
    return stored if stored and stored.get("token") else fresh


def draft_keep(*, user, token: str, fields: Mapping[str, list[str]], pending_ids: list) -> None:
    """Keep what was typed (also when it is invalid) and the accepted files' ids.

    Nothing is kept for a form that was filed already: its incident is the record.
    """
    if not token or _filed(user, token):
        return
    kept = {key: [value[:MAX_CHARS] for value in values[:MAX_VALUES]] for key, values in fields.items()}
    kept["pending"] = [",".join(str(pk) for pk in pending_ids)]
    _upsert(user, {"token": token, "fields": kept})


def _target(data: Mapping) -> tuple[str, Target]:
    if data["target"] == TARGET_COLLEAGUE:
        return data["reporter_role"], Target(user=data["colleague"])
    if data["target"] == TARGET_OFFICE_HOLDER:
        return data["reporter_role"], Target(
            name=data["office_holder_name"].strip(),
            victim_kind=VictimKind.OFFICE_HOLDER,
            function=data["office_holder_function"],
        )
    return ReporterRole.SELF, Target()


def report_file(*, user, data: Mapping, token: str, pending_ids: list) -> Filing:
    """File the short report from a valid form's cleaned data, then drop its draft.

    The same ``token`` filed twice, also at the very same moment, gives the first incident
    (``created`` False) and never an error.
    """
    reporter_role, target = _target(data)
    incident, created = incident_register(
        reporter=user,
        occurred_at=data["occurred_at"],
        department=data["department"],
        location_type=data["location_type"],
        location=data["location"],
        place=data["place"],
        description=data["description"],
        aggressor_name=data.get("aggressor_name", "").strip(),
        forms=data["forms"],
        reporter_role=reporter_role,
        target=target,
        submission_token=token,
        pending_ids=pending_ids,
    )
    draft_discard(user=user, token=token)
    return Filing(incident=incident, created=created)
