"""Peer pages: the plainest idiomatic Django view showing the same data as each main page.

Each peer uses the same base layout, the same scoping function and ``select_related`` /
``prefetch_related`` where a Django developer would, and a plain template. The benchmark puts
each main page beside its peer (server time and queries); the ratio is what GIR adds.
Only ``benchmark.urls`` routes to them: they are no part of the product.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.generic import ListView

from gir.models import Deadline
from incidents.models import Aggressor, Incident
from sanctions.models import Ban


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
