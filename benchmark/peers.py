"""Peer pages: the plainest idiomatic Django view showing the same data as each main page.

Each peer uses the same base layout, the same scoping function and ``select_related`` /
``prefetch_related`` where a Django developer would, and a plain template. The benchmark puts
each main page beside its peer (server time and queries); the ratio is what GIR adds.
Only ``benchmark.urls`` routes to them: they are no part of the product.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.generic import ListView

from benchmark import peer_dossier
from gir.deputies import stand_in_for_case
from gir.models import Deadline
from incidents import access
from incidents.constants import DEADLINE_REACTION, TRANSITIONS, PolicePlan, Status
from incidents.models import Aggressor, Incident, IncidentForm
from incidents.services.handlers import may_hand_over
from sanctions import breaches
from sanctions.models import Ban, ContactCondition, Measure, local_today


class IncidentList(ListView):
    template_name = "benchmark/incident_list.html"
    paginate_by = 25

    def get_queryset(self):
        return (
            Incident.objects.visible_to(self.request.user)
            .select_related("department", "location")
            .prefetch_related("forms")
            .order_by("-occurred_at", "-pk")
        )


@login_required
def dossier(request, pk: int):
    """What a coordinator sees on the dossier, in a plain function view and template.

    The summary (reference, status, handler and stand-in, department, when, the next deadline),
    the ban banners and the buttons the user may use; the report's fields; the people involved;
    each aggressor with the number of their other incidents, their bans in force (with the
    buildings) and contact conditions; the measures with their period, state, next step and
    "Brief maken"; the letters with how far they got; the evidence; the aftercare talks; the
    timeline (events, status changes, measures, letters and dispatches, and the deadlines for
    those who handle the case). Queries: ``benchmark.peer_dossier``.
    """
    user = request.user
    related = ("department", "location__parent", "reporter", "handler")
    incident = get_object_or_404(Incident.objects.visible_to(user).select_related(*related), pk=pk)
    manage = access.can_manage(user, incident)
    deadlines = Deadline.objects.of_incident(incident)
    open_deadlines = [d for d in deadlines if d.closed_at is None]
    involvements = list(incident.involvements.select_related("user", "department"))
    letters = peer_dossier.letters(incident, user)
    measures = peer_dossier.measures(incident, user, letters)
    involved = {i.user_id for i in involvements if i.user_id} | {incident.reporter_id}
    context = {
        "incident": incident,
        "can_manage": manage,
        "can_edit": access.can_edit(user, incident),
        "can_add_evidence": access.can_add_evidence(user, incident),
        "can_link": access.can_link_aggressors(user, incident),
        "can_hand_over": may_hand_over(user, incident, involved),
        "handler_now": stand_in_for_case(incident.handler, incident.pk) if incident.handler_id else None,
        "transitions": sorted(TRANSITIONS[Status(incident.status)]) if manage else [],
        "alerts": breaches.dossier_alerts(incident, user),
        "next_deadline": open_deadlines[0] if manage and open_deadlines else None,
        "reaction_open": any(d.kind == DEADLINE_REACTION for d in open_deadlines),
        "forms": incident.forms.order_by("form"),
        "police_plan": dict(PolicePlan.choices).get(incident.police_report_planned, ""),
        "involvements": involvements,
        "aggressor_links": peer_dossier.aggressors(incident, user),
        "measures": measures,
        "letters": letters,
        "evidence": incident.evidence.all(),
        "aftercare": peer_dossier.aftercare(incident, user),
        "timeline": peer_dossier.timeline(incident, measures, letters, deadlines, with_deadlines=manage),
        "now": timezone.now(),
    }
    if context["next_deadline"]:
        context["next_label"] = peer_dossier.deadline_label(context["next_deadline"].kind)
    return render(request, "benchmark/dossier.html", context)


@login_required
def person(request, pk: int):
    """What a coordinator sees on a person page, in a plain function view and template.

    The person's details and photo, how many incidents they are linked to, their ban in force
    (with the buildings) and contact conditions, the incidents in the user's scope (reference,
    when, department, place, forms, status, an overdue deadline, the reaction deadline), their
    measures in the user's scope (the latest 50) and the link to decide a measure.
    """
    user = request.user
    aggressor = get_object_or_404(Aggressor.objects.visible_to(user).active(), pk=pk)
    linked = Incident.objects.filter(aggressor_links__aggressor=aggressor)
    now = timezone.now()
    reaction = Deadline.objects.filter(incident_id=OuterRef("pk"), kind=DEADLINE_REACTION, closed_at=None)
    incidents = (
        Incident.objects.visible_to(user)
        .filter(pk__in=linked)
        .select_related("department")
        .prefetch_related(Prefetch("forms", queryset=IncidentForm.objects.order_by("form")))
        .annotate(reaction_due=Subquery(reaction.values("due_at")[:1]))
        .annotate(has_overdue=Exists(Deadline.objects.overdue(now).filter(incident_id=OuterRef("pk"))))
        .order_by("-occurred_at")
    )
    bans = Ban.objects.in_force(now).filter(measure__aggressor=aggressor).select_related("measure")
    context = {
        "aggressor": aggressor,
        "total": linked.count(),
        "incidents": incidents,
        "bans": bans.prefetch_related("location_links__location__parent"),
        "conditions": ContactCondition.objects.active_on(local_today(now))
        .filter(measure__aggressor=aggressor)
        .select_related("measure"),
        "measures": Measure.objects.visible_to(user).filter(aggressor=aggressor).order_by("-decided_at")[:50],
        "now": now,
    }
    return render(request, "benchmark/person.html", context)


class BanRegister(ListView):
    template_name = "benchmark/ban_register.html"
    paginate_by = 50

    def get_queryset(self):
        return Ban.objects.select_related("measure__aggressor").order_by("-measure__starts_on", "-pk")


@login_required
def tasks(request):
    rows = Deadline.objects.open().filter(owner=request.user).order_by("due_at")
    notes = request.user.notifications.order_by("-created_at")[:20]
    return render(request, "benchmark/tasks.html", {"rows": rows[:200], "notifications": notes})


@login_required
def start(request):
    """The data of a start page in plain queries: open tasks, own reports, bans in force."""
    user, now = request.user, timezone.now()
    open_tasks = Deadline.objects.open().filter(owner=user)
    context = {
        "open": open_tasks.count(),
        "overdue": open_tasks.filter(due_at__lt=now).count(),
        "mine": Incident.objects.filter(reporter=user).order_by("-reported_at")[:5],
    }
    if user.has_perm("incidents.manage_incidents"):
        context["managed"] = Incident.objects.managed_by(user).open().count()
    if user.has_perm("sanctions.view_reception_list"):
        bans = Ban.objects.in_force(now).select_related("measure__aggressor")
        context["bans"] = bans.order_by("measure__aggressor__last_name", "pk")[:10]
        context["bans_count"] = bans.count()
    return render(request, "benchmark/start.html", context)
