"""Demo aftercare (seed_demo step 30): cases for the demo incidents with talks in every state.

Idempotent: a case whose talks were already moved on is left as it is.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from aftercare import services
from aftercare.constants import CloseReason, ReferralKind, TalkStatus
from aftercare.models import AftercareCase
from gir.deadlines.arithmetic import LOCAL_TZ


def _incidents(context) -> list:
    incidents = context.get("incidents") or []
    if isinstance(incidents, dict):
        incidents = list(incidents.values())
    return list(incidents)


def _soon(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=LOCAL_TZ)


def _held_at(case, offset: timedelta) -> datetime:
    return min(case.incident.occurred_at + offset, timezone.now())


def _untouched(case: AftercareCase) -> bool:
    return case.is_open and not case.talks.exclude(status=TalkStatus.TO_PLAN).exists()


def _scenario(index: int, case: AftercareCase, by) -> None:
    talks = {t.number: t for t in case.talks.all()}
    if index % 4 == 0:
        services.talk_hold(
            talk=talks[1],
            held_at=_held_at(case, timedelta(hours=30)),
            note="Voorbeeldnotitie: rustig gesprek, afspraak voor vervolg gemaakt.",
            by=by,
        )
        services.talk_plan(talk=talks[2], start=_soon(2, 10), minutes=45, place="Spreekkamer 2.14", by=by)
    elif index % 4 == 1:
        services.talk_decline(talk=talks[1], by=by)
        services.talk_not_needed(talk=talks[2], by=by)
    elif index % 4 == 2:
        for number, hours in [(1, 20), (2, 110), (3, 900)]:
            services.talk_hold(
                talk=talks[number], held_at=_held_at(case, timedelta(hours=hours)), note="", by=by
            )
        services.referral_add(case=case, kind=ReferralKind.VICTIM_SUPPORT, other="", by=by)
        services.case_close(case=case, reason=CloseReason.REFERRED, by=by)
    else:
        services.talk_plan(talk=talks[1], start=_soon(1, 14), minutes=60, place="Beeldbellen", by=by)


def demo_step(context) -> None:
    users = context.get("users", {})
    worker = users.get("bedrijfsopvang")
    for incident in _incidents(context):
        for involvement in incident.involvements.all():
            services.case_open(involvement=involvement, by=worker)
    cases = AftercareCase.objects.filter(incident__in=[i.pk for i in _incidents(context)]).order_by("pk")
    for index, case in enumerate(cases):
        if worker is not None and case.assigned_to_id is None and case.person_id != worker.pk:
            services.case_assign(case=case, to=worker, by=worker)
        if _untouched(case):
            _scenario(index, case, case.assigned_to or worker)
    context["aftercare_cases"] = list(cases)
