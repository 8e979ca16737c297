"""What aftercare plugs into the core (gir.registry): the hooks it listens to, deadline kinds,
navigation, panels, the dossier section and demo data."""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftercare import services
from aftercare.constants import OPEN_TALK_STATUSES, REOFFER_DEADLINE_KIND, TALK_DEADLINE_KINDS, TalkStatus
from aftercare.demo import demo_step
from aftercare.models import AftercareCase, AftercareTalk
from gir import events
from gir.formatting import pk_url
from gir.paging import first_rows
from gir.registry import (
    DeadlineKind,
    DemoStep,
    DossierSection,
    Hook,
    NavItem,
    StartPanel,
    register_deadline_kind,
    register_demo_step,
    register_dossier_section,
    register_hook,
    register_nav,
    register_panel,
)

TALK_LABELS = {
    1: gettext_lazy("Eerste nazorggesprek"),
    2: gettext_lazy("Tweede nazorggesprek"),
    3: gettext_lazy("Derde nazorggesprek"),
}


def _load_talks(deadlines) -> dict[int, AftercareTalk | None]:
    """{deadline id: its talk, with case and incident} in one query."""
    talks = AftercareTalk.objects.select_related("case__incident").in_bulk({d.object_id for d in deadlines})
    return {d.pk: talks.get(d.object_id) for d in deadlines}


def _url(deadline, talk: AftercareTalk | None) -> str:
    return reverse("aftercare:case", kwargs={"pk": talk.case_id}) if talk else ""


def _reference(deadline, talk: AftercareTalk | None) -> str:
    if talk is None:
        return f"#{deadline.object_id}"
    return _("%(ref)s, nazorgdossier %(case)s") % {"ref": talk.case.incident.reference, "case": talk.case_id}


def deadline_kinds() -> list[DeadlineKind]:
    labels = {code: TALK_LABELS[number] for number, code in TALK_DEADLINE_KINDS.items()}
    labels[REOFFER_DEADLINE_KIND] = gettext_lazy("Nazorggesprek opnieuw aanbieden")
    # The aftercare worker owns the talks; the handler only while nobody is assigned.
    return [
        DeadlineKind(code, label, url=_url, reference=_reference, load=_load_talks, own_owner=True)
        for code, label in labels.items()
    ]


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
    # Only the columns the panel shows: compiling the SQL of every incident and user column
    # cost more CPU than the query itself, on the start page of every employee.
    mine = _with_talks(AftercareCase.objects.filter(person=request.user).open()).only(
        "incident__reference", "assigned_to__first_name", "assigned_to__last_name", "assigned_to__username"
    )
    cases, total = first_rows(mine, 3)
    return {"cases": cases, "total": total}


def _local(instant) -> str:
    return formats.date_format(timezone.localtime(instant), "j F Y H:i")


def dossier_section(incident, user) -> list[dict]:
    """Planned/held status of each talk on the incident dossier. Never notes or referrals."""
    entries = []
    # Not ``_with_talks``: the dossier has its incident, and the line names the person
    # (``person_name`` reads the involvement's user): the wide incident join cost more than
    # the talks it shows, and the user was a query per case.
    talks = Prefetch("talks", queryset=AftercareTalk.objects.order_by("number"))
    cases = (
        AftercareCase.objects.visible_to(user)
        .filter(incident=incident)
        .select_related("involvement__user")
        .prefetch_related(talks)
    )
    for case in cases:
        url = pk_url("aftercare:case", case.pk)
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


def register() -> None:
    register_hook(Hook(events.INCIDENT_REGISTERED, services.on_incident_registered))
    register_hook(Hook(events.INVOLVEMENT_ADDED, services.on_involvement_added))
    register_hook(Hook(events.INCIDENT_TIME_CHANGED, services.on_incident_time_changed))
    for kind in deadline_kinds():
        register_deadline_kind(kind)
    register_nav(
        NavItem(gettext_lazy("Nazorg"), "aftercare:cases", "aftercare.handle_cases", order=40, group="werk")
    )
    register_nav(
        NavItem(
            gettext_lazy("Nazorgrapportage"),
            "aftercare:report",
            "aftercare.view_report",
            order=70,
            group="rapportages",
        )
    )
    register_panel(
        StartPanel("aftercare/panels/worker.html", "aftercare.handle_cases", worker_panel, order=20)
    )
    register_panel(StartPanel("aftercare/panels/employee.html", None, employee_panel, order=30))
    register_dossier_section(DossierSection(dossier_section, order=40))
    register_demo_step(DemoStep(demo_step, order=30))
