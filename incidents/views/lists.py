"""The incident list with filters, and the manager's inbox."""

from __future__ import annotations

import secrets
import time
from urllib.parse import urlencode

from django.db.models import Exists, F, OuterRef, Prefetch, Subquery
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gir import audit_texts as texts
from gir.access import perm_required
from gir.audit import log_download
from gir.exports import export_format, table_download
from gir.models import Deadline
from gir.paging import CappedPaginator
from gir.security.reauth import recent_login_required
from incidents import search
from incidents.constants import DEADLINE_REACTION, InvolvementRole, Status
from incidents.deadline_overview import deadline_overview
from incidents.filters import IncidentFilter
from incidents.models import Incident, IncidentForm, Involvement

PAGE_SIZE = 25
EXPORT_LIMIT = 10_000


def listed(queryset):
    """What a list row needs, in a constant number of queries."""
    now = timezone.now()
    late = Deadline.objects.overdue(now).filter(incident_id=OuterRef("pk"))
    reaction = Deadline.objects.open().filter(incident_id=OuterRef("pk"), kind=DEADLINE_REACTION)
    return (
        queryset.select_related("department", "location")
        .prefetch_related(Prefetch("forms", queryset=IncidentForm.objects.order_by("form")))
        .annotate(reaction_due=Subquery(reaction.values("due_at")[:1]))
        .annotate(has_overdue=Exists(late))
    )


SEARCH_TOKENS = "incident_searches"  # session key: {token: [search text, expiry (epoch seconds)]}
SEARCH_TOKEN_SECONDS = 30 * 60
SEARCH_TOKENS_KEPT = 20


def _remember_search(request, text: str) -> str:
    """Keep a search in the session under a random token; the URL carries only the token."""
    now = time.time()
    tokens = {t: entry for t, entry in request.session.get(SEARCH_TOKENS, {}).items() if entry[1] > now}
    token = secrets.token_urlsafe(12)
    tokens[token] = [text, now + SEARCH_TOKEN_SECONDS]
    request.session[SEARCH_TOKENS] = dict(
        sorted(tokens.items(), key=lambda kv: kv[1][1])[-SEARCH_TOKENS_KEPT:]
    )
    return token


def filter_data(request):
    """The list's filter values: the query string, with the search text taken from the session.

    A search can hold a name, so it never travels in the URL (issue 12): ``q`` in the query
    string is ignored; ``zoek`` is an opaque token of this session. An unknown or expired token
    searches for nothing.
    """
    data = request.GET.copy()
    data.pop("q", None)
    token = data.pop("zoek", [""])[-1]
    entry = request.session.get(SEARCH_TOKENS, {}).get(token) if token else None
    if entry and entry[1] > time.time():
        data["q"] = entry[0]
    return data or None


def _filter_redirect(request):
    """The filter form POSTs (the search is in it); answer with a URL that holds no search text."""
    carried = [key for key in IncidentFilter.base_filters if key != "q"]  # nothing else
    params = [(key, value) for key in carried for value in request.POST.getlist(key) if value]
    text = " ".join(request.POST.get("q", "").split())[: search.MAX_LENGTH]
    if text:
        params.append(("zoek", _remember_search(request, text)))
    url = reverse("incidents:list")
    return redirect(f"{url}?{urlencode(params)}" if params else url)


def _page(request, queryset, counted):
    """One page of rows; the count stops at ``gir.paging.CAP`` and leaves out the annotations."""
    return CappedPaginator(queryset, PAGE_SIZE, counted=counted).get_page(request.GET.get("page"))


@perm_required("incidents.report_incident")
def incident_list(request):
    """Scoped first (``visible_to``), then filtered: parameters can only narrow the scope."""
    if request.method == "POST":
        return _filter_redirect(request)
    scoped = Incident.objects.visible_to(request.user)
    filterset = IncidentFilter(filter_data(request), queryset=scoped, user=request.user)
    valid = filterset.is_bound and filterset.is_valid()
    rows = filterset.qs if valid else scoped
    page = _page(request, listed(rows).order_by("-occurred_at", "-pk"), rows)
    searched = filterset.form.cleaned_data.get("q") if valid else ""
    return render(
        request,
        "incidents/list.html",
        {
            "filter": filterset,
            "searched": searched,
            "short_words": [word for word in search.words(searched) if search.too_short(word)],
            "page_obj": page,
            "now": timezone.now(),
            "total": page.paginator.count,
            "more_than": page.paginator.more_than,
            "export_formats": [("csv", "CSV"), ("xlsx", _("Excel (XLSX)")), ("ods", _("OpenDocument (ODS)"))],
        },
    )


@perm_required("incidents.manage_incidents")
def inbox(request):
    """New and open incidents of the manager's departments (the coordinator: all)."""
    rows = Incident.objects.managed_by(request.user).open()
    victims = Involvement.objects.filter(role=InvolvementRole.VICTIM).order_by("pk")
    urgent_first = listed(rows).prefetch_related(
        Prefetch("involvements", queryset=victims, to_attr="victims")
    )
    urgent_first = urgent_first.order_by(
        F("has_overdue").desc(), F("reaction_due").asc(nulls_last=True), "status", "-reported_at", "-pk"
    )
    page = _page(request, urgent_first, rows)
    new = rows.filter(status=Status.REPORTED).count()
    context = {"page_obj": page, "now": timezone.now(), "new": new}
    return render(request, "incidents/inbox.html", context)


@perm_required("incidents.manage_incidents")
def deadlines(request):
    """Every open deadline of the cases this user handles, overdue first, filterable."""
    return render(request, "incidents/deadlines.html", deadline_overview(request.user, request.GET))


EXPORT_HEADERS = [
    _("Kenmerk"),
    _("Gebeurd op"),
    _("Gemeld op"),
    _("Afdeling"),
    _("Plek"),
    _("Vormen van agressie"),
    _("Status"),
]


def _local(instant):
    """A real date in the spreadsheet, in Dutch time."""
    return timezone.localtime(instant).replace(tzinfo=None) if instant else None


@perm_required("incidents.report_incident")
@recent_login_required
def incident_export(request):
    """The filtered list as CSV, XLSX or ODS: the same scope and filters as the page, no names."""
    scoped = Incident.objects.visible_to(request.user)
    filterset = IncidentFilter(filter_data(request), queryset=scoped, user=request.user)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else scoped
    fmt = export_format(request.GET.get("formaat"))
    incidents = listed(rows).order_by("-occurred_at", "-pk")[:EXPORT_LIMIT]
    table = [
        [
            i.reference,
            _local(i.occurred_at),
            _local(i.reported_at),
            str(i.department),
            i.get_location_type_display(),
            ", ".join(f.get_form_display() for f in i.forms.all()),
            i.get_status_display(),
        ]
        for i in incidents
    ]
    log_download(request, request.user, texts.INCIDENT_LIST_EXPORT(rows=len(table), fmt=fmt))
    return table_download(name="incidenten", fmt=fmt, headers=EXPORT_HEADERS, rows=table)
