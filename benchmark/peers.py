"""Peer pages: the plainest idiomatic Django view showing the same data as each main page.

Each peer uses the same base layout, the same scoping function and ``select_related`` /
``prefetch_related`` where a Django developer would, and a plain template. The benchmark puts
each main page beside its peer (server time and queries); the ratio is what GIR adds.
Only ``benchmark.urls`` routes to them: they are no part of the product.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django_filters.views import FilterView

from aftercare.models import AftercareCase
from benchmark import peer_dossier
from gir import audit_texts as texts
from gir.audit import audit_log, log_view, log_views
from gir.deputies import stand_in_for_case
from gir.models import AuditEntry, Deadline
from gir.registry import registry
from incidents import access
from incidents.constants import DEADLINE_REACTION, TRANSITIONS, PolicePlan, Status
from incidents.filters import IncidentFilter
from incidents.models import Aggressor, Incident, IncidentForm, ReportDraft
from incidents.services.handlers import may_hand_over
from reports.services.cache import dashboard_figures_cached
from reports.services.charts import draw
from sanctions import breaches
from sanctions.filters import BanRegisterFilter
from sanctions.models import Ban, ContactCondition, Measure, local_today


class IncidentList(FilterView):
    """The incident list as each role sees it: the same filter form (``IncidentFilter``, scoped
    first with ``visible_to``), the number found, the export links, and 25 rows of reference,
    time, department, place, forms, status with "termijn verlopen", and the 48-hour reaction's
    due time. Plain Django: a ``FilterView`` with Django's own paginator (a full count)."""

    template_name = "benchmark/incident_list.html"
    filterset_class = IncidentFilter
    paginate_by = 25

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_queryset(self):
        now = timezone.now()
        reaction = Deadline.objects.open().filter(incident_id=OuterRef("pk"), kind=DEADLINE_REACTION)
        return (
            Incident.objects.visible_to(self.request.user)
            .select_related("department", "location")
            .prefetch_related(Prefetch("forms", queryset=IncidentForm.objects.order_by("form")))
            .annotate(
                reaction_due=Subquery(reaction.values("due_at")[:1]),
                has_overdue=Exists(Deadline.objects.overdue(now).filter(incident_id=OuterRef("pk"))),
            )
            .order_by("-occurred_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(now=timezone.now(), **kwargs)


@login_required
def dossier(request, pk: int):
    """What a coordinator sees on the dossier, in a plain function view and template.

    The summary (reference, status, handler and stand-in, department, when, the next deadline),
    the ban banners and the buttons the user may use; the report's fields; the people involved;
    each aggressor with the number of their other incidents, their bans in force (with the
    buildings) and contact conditions; the measures with their period, state, next step and
    "Brief maken"; the letters with how far they got; the evidence; the aftercare talks; the
    timeline (events, status changes, measures, letters and dispatches, and the deadlines for
    those who handle the case). Like the product it writes an audit entry for each aggressor
    whose name it shows (a legal duty, not an extra), in one INSERT. Queries:
    ``benchmark.peer_dossier``.
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
    links = peer_dossier.aggressors(incident, user)
    log_views(
        request,
        [link.aggressor for link in links],
        lambda pk: texts.AGGRESSOR_ON_DOSSIER(pk=pk, incident=incident.pk),
    )
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
        "aggressor_links": links,
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
    measures in the user's scope (the latest 50) and the link to decide a measure. Like the
    product it writes one audit entry for the view of this person (a legal duty, not an extra).
    """
    user = request.user
    aggressor = get_object_or_404(Aggressor.objects.visible_to(user).active(), pk=pk)
    log_view(request, aggressor, texts.AGGRESSOR_VIEWED(pk=aggressor.pk))
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


class BanRegister(FilterView):
    """The ban register: the same filter form (``BanRegisterFilter``), the number found and 50
    rows of reference, name, period, locations, served date and phase, newest first; like the
    product it writes one audit entry for a view of this personal data (a legal duty, not an
    extra). Plain Django: a ``FilterView`` with Django's paginator."""

    template_name = "benchmark/ban_register.html"
    filterset_class = BanRegisterFilter
    paginate_by = 50

    def get_queryset(self):
        return (
            Ban.objects.visible_to(self.request.user)
            .select_related("measure__aggressor")
            .prefetch_related("location_links__location__parent")
            .order_by("-measure__starts_on", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        context["rows"] = [(ban, ban.phase(now)) for ban in context["object_list"]]
        description = texts.BAN_REGISTER_VIEWED(rows=len(context["rows"]))
        audit_log(request=self.request, action=AuditEntry.Action.VIEW, description=description)
        return context


@login_required
def tasks(request):
    """Mijn taken: the open deadlines the user acts on (``owned_by``: also a manager's during a
    deputy period), soonest first, at most 200, each with its kind's label, its incident's
    reference and link, the due time, "verlopen" and whose task it is; the latest 20 messages."""
    rows = list(
        Deadline.objects.open().owned_by(request.user).select_related("owner").order_by("due_at")[:200]
    )
    # Deadline.incident_id is a plain number (the core knows no incidents): their references in bulk.
    ids = {d.incident_id for d in rows if d.incident_id}
    references = dict(Incident.objects.filter(pk__in=ids).values_list("pk", "reference"))
    labels = {code: kind.label for code, kind in registry.deadline_kinds.items()}
    context = {
        "rows": [(d, labels.get(d.kind, d.kind), references.get(d.incident_id)) for d in rows],
        "notifications": request.user.notifications.order_by("-created_at")[:20],
        "now": timezone.now(),
    }
    return render(request, "benchmark/tasks.html", context)


@login_required
def start(request):
    """A start page with what each measured role sees (coordinator, manager, employee,
    reception): own reports (5 and a count, the draft's button), the reception's ten bans in
    force with a count (audited, like the product), the managed open cases' counts (new, open,
    overdue) and search box, the 48-hour reactions due (5 and a count), own aftercare (3 cases
    with their talks and a count), the report figures and five-year trend (the product's own
    one-minute figures, as the peer of a page uses the product's scoping), the register's three
    counts, open/overdue task counts and the breach notice. Panels of roles the benchmark does
    not measure (aftercare worker, mandated manager, beheerder) are left out."""
    user, now = request.user, timezone.now()
    context = {"now": now, **_own_reports(user), **_own_tasks(user, now), **_own_aftercare(user)}
    if user.has_perm("sanctions.view_reception_list"):
        context.update(_bans_in_force(request, now))
    if user.has_perm("incidents.manage_incidents"):
        context["managed"] = _managed_counts(user, now)
    if user.has_perm("letters.create_letters"):
        context.update(_reactions_due(user))
    if user.has_perm("reports.view_department_reports"):
        figures = dashboard_figures_cached(user)
        context["figures"] = {**figures, "chart": draw(figures["trend"])}
    if user.has_perm("sanctions.view_ban_register"):
        context["register"] = Ban.objects.register_counts(now, timedelta(days=14))
    return render(request, "benchmark/start.html", context)


def _own_reports(user) -> dict:
    mine = Incident.objects.filter(reporter=user).order_by("-reported_at")
    return {
        "mine": mine[:5],
        "mine_count": mine.count(),
        "has_draft": ReportDraft.objects.filter(user=user, data__has_key="fields").exists(),
    }


def _own_tasks(user, now) -> dict:
    open_tasks = Deadline.objects.open().owned_by(user)
    return {"open": open_tasks.count(), "overdue": open_tasks.filter(due_at__lt=now).count()}


def _own_aftercare(user) -> dict:
    cases = AftercareCase.objects.filter(person=user).open()
    shown = cases.select_related("incident", "assigned_to").prefetch_related("talks")
    return {"aftercare": shown.order_by("pk")[:3], "aftercare_count": cases.count()}


def _bans_in_force(request, now) -> dict:
    bans = Ban.objects.in_force(now)
    count = bans.count()
    audit_log(request=request, action=AuditEntry.Action.VIEW, description=texts.START_PAGE_BANS(count=count))
    shown = bans.select_related("measure__aggressor").order_by(
        "measure__aggressor__last_name", "measure__aggressor__first_name", "pk"
    )
    return {"bans": shown[:10], "bans_count": count}


def _reactions_due(user) -> dict:
    managed = Incident.objects.managed_by(user).values("pk")
    reactions = Deadline.objects.open().filter(kind=DEADLINE_REACTION, incident_id__in=managed)
    shown = list(reactions.order_by("due_at")[:5])
    shown_ids = [d.incident_id for d in shown]
    references = dict(Incident.objects.filter(pk__in=shown_ids).values_list("pk", "reference"))
    return {
        "reactions": [(d, references[d.incident_id]) for d in shown],
        "reactions_count": reactions.count(),
    }


def _managed_counts(user, now) -> dict:
    managed = Incident.objects.managed_by(user).open()
    return {
        "new": managed.filter(status=Status.REPORTED).count(),
        "open": managed.count(),
        "overdue": managed.overdue(now).count(),
        "all": user.has_perm("incidents.view_all_incidents"),
    }
