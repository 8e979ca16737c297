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
from gir import audit_texts as texts
from gir.audit import audit_log
from gir.models import AuditEntry, Deadline
from gir.registry import registry
from incidents.constants import DEADLINE_REACTION, Status
from incidents.filters import IncidentFilter
from incidents.models import Aggressor, Incident, IncidentForm, ReportDraft
from reports.services.cache import dashboard_figures_cached
from reports.services.charts import draw
from sanctions.filters import BanRegisterFilter
from sanctions.models import Ban


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
    incident = get_object_or_404(
        Incident.objects.visible_to(request.user).select_related("department", "location", "reporter"), pk=pk
    )
    context = {
        "incident": incident,
        "forms": incident.forms.all(),
        "involvements": incident.involvements.select_related("user"),
        "aggressor_links": incident.aggressor_links.select_related("aggressor"),
        "measures": incident.measures.all(),
        "deadlines": Deadline.objects.filter(incident_id=incident.pk).order_by("due_at"),
    }
    return render(request, "benchmark/dossier.html", context)


@login_required
def person(request, pk: int):
    aggressor = get_object_or_404(Aggressor, pk=pk)
    incidents = (
        Incident.objects.visible_to(request.user)
        .filter(aggressor_links__aggressor=aggressor)
        .select_related("department")
        .prefetch_related("forms")
        .order_by("-occurred_at")
    )
    measures = aggressor.measures.order_by("-decided_at")
    return render(
        request,
        "benchmark/person.html",
        {"aggressor": aggressor, "incidents": incidents, "measures": measures},
    )


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
