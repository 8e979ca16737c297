"""What aftercare plugs into the core: deadline kinds, panels and the dossier section."""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftercare.constants import OPEN_TALK_STATUSES, REOFFER_DEADLINE_KIND, TALK_DEADLINE_KINDS, TalkStatus
from aftercare.models import AftercareCase, AftercareTalk
from gir.registry import DeadlineKind

TALK_LABELS = {
    1: gettext_lazy("Eerste nazorggesprek"),
    2: gettext_lazy("Tweede nazorggesprek"),
    3: gettext_lazy("Derde nazorggesprek"),
}


def _prefetch_talks(deadlines) -> None:
    talks = AftercareTalk.objects.select_related("case__incident").in_bulk({d.object_id for d in deadlines})
    for deadline in deadlines:
        deadline._aftercare_talk = talks.get(deadline.object_id)


def _talk(deadline) -> AftercareTalk | None:
    # url() and reference() are asked one after the other for the same row: load it once.
    if not hasattr(deadline, "_aftercare_talk"):
        _prefetch_talks([deadline])
    return deadline._aftercare_talk


def _url(deadline) -> str:
    talk = _talk(deadline)
    return reverse("aftercare:case", kwargs={"pk": talk.case_id}) if talk else ""


def _reference(deadline) -> str:
    talk = _talk(deadline)
    if talk is None:
        return f"#{deadline.object_id}"
    return _("%(ref)s, nazorgdossier %(case)s") % {"ref": talk.case.incident.reference, "case": talk.case_id}


def deadline_kinds() -> list[DeadlineKind]:
    kinds = [
        # The aftercare worker owns the talks; the handler only while nobody is assigned.
        DeadlineKind(
            code,
            TALK_LABELS[number],
            url=_url,
            reference=_reference,
            prefetch=_prefetch_talks,
            own_owner=True,
        )
        for number, code in TALK_DEADLINE_KINDS.items()
    ]
    kinds.append(
        DeadlineKind(
            REOFFER_DEADLINE_KIND,
            gettext_lazy("Nazorggesprek opnieuw aanbieden"),
            _url,
            _reference,
            prefetch=_prefetch_talks,
            own_owner=True,
        )
    )
    return kinds


def _with_talks(queryset):
    return queryset.select_related("incident", "assigned_to").prefetch_related(
        Prefetch("talks", queryset=AftercareTalk.objects.order_by("number"))
    )


def worker_panel(request) -> dict:
    """The aftercare worker's open cases with the next talk due, soonest first."""
    cases = list(_with_talks(AftercareCase.objects.handled_by(request.user).open())[:100])
    rows = [{"case": c, "talk": c.next_talk()} for c in cases]
    rows.sort(key=lambda r: (r["talk"] is None, r["talk"].due_at if r["talk"] else r["case"].opened_at))
    return {"rows": rows[:10], "total": len(rows), "now": timezone.now()}


def employee_panel(request) -> dict:
    """Mijn nazorg: when the talks are and who the contact is. Never notes or referrals."""
    cases = _with_talks(AftercareCase.objects.filter(person=request.user).open())
    return {"cases": list(cases[:3]), "total": cases.count()}


def _local(instant) -> str:
    return formats.date_format(timezone.localtime(instant), "j F Y H:i")


def dossier_section(incident, user) -> list[dict]:
    """Planned/held status of each talk on the incident dossier. Never notes or referrals."""
    entries = []
    cases = _with_talks(AftercareCase.objects.visible_to(user).filter(incident=incident)).select_related(
        "involvement"
    )
    for case in cases:
        url = reverse("aftercare:case", kwargs={"pk": case.pk})
        for talk in case.talks.all():
            if talk.status == TalkStatus.HELD:
                at, text = talk.held_at, _("gehouden")
            elif talk.status == TalkStatus.PLANNED:
                at, text = talk.planned_start, _("gepland op %(at)s") % {"at": _local(talk.planned_start)}
            elif talk.status in OPEN_TALK_STATUSES:
                at, text = talk.due_at, _("te plannen, uiterlijk %(at)s") % {"at": _local(talk.due_at)}
            else:
                at, text = talk.updated_at, talk.get_status_display().lower()
            entries.append(
                {
                    "at": at,
                    "title": _("Nazorg %(person)s: %(talk)s")
                    % {"person": case.person_name, "talk": TALK_LABELS[talk.number]},
                    "text": text,
                    "url": url,
                    "kind": "aftercare",
                }
            )
    return entries
