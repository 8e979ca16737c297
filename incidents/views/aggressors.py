"""Aggressors as persons: search, create for an incident, link, person page, photo."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gir import audit_texts as texts
from gir.access import parse_pk, perm_required
from gir.audit import log_view
from gir.downloads import stored_file
from gir.errors import RuleViolation, show_as_message
from gir.registry import person_entries
from incidents import access, services
from incidents.forms import AggressorForm, AggressorSearchForm
from incidents.forms.aggressors import initial_from_name
from incidents.models import Aggressor, Incident
from incidents.views.lists import listed

SEARCH = "incidents.search_aggressors"
MAX_RESULTS = 50


def _incident_to_link(request, raw) -> Incident | None:
    pk = parse_pk(raw)
    if pk is None:
        return None
    incident = access.incident_for(request.user, pk)
    if not access.can_link_aggressors(request.user, incident):
        raise PermissionDenied
    return incident


def _search(user, name: str, date_of_birth):
    """Visible persons matching name (and birth date), plus exact matches to link (see
    ``AggressorQuerySet.matching``)."""
    visible = Aggressor.objects.visible_to(user).active()
    query = Q()
    for word in name.split()[:4]:
        query &= Q(last_name__icontains=word) | Q(first_name__icontains=word) | Q(initials__iexact=word)
    if date_of_birth:
        query &= Q(date_of_birth=date_of_birth)
    found = visible.filter(query) if (name or date_of_birth) else visible.none()
    exact = Aggressor.objects.matching(user, last_name=name, date_of_birth=date_of_birth)
    ids = set(found.values_list("pk", flat=True)[:MAX_RESULTS]) | set(exact.values_list("pk", flat=True)[:10])
    visible_ids = set(visible.filter(pk__in=ids).values_list("pk", flat=True))
    persons = (
        Aggressor.objects.filter(pk__in=ids)
        .annotate(n_incidents=Count("incident_links"))
        .order_by("last_name", "first_name", "pk")
    )
    return persons, visible_ids


@perm_required(SEARCH)
def aggressor_search(request):
    """Search existing persons so a repeat incident links to the same person.

    The search is a POST: a name and birth date in the address would stay in the browser's
    history and the proxy's log. Only the incident's id travels in the address.
    """
    incident = _incident_to_link(request, request.POST.get("incident") or request.GET.get("incident"))
    # The name the reporter gave fills the search box; the manager still presses Zoeken.
    initial = {"name": incident.aggressor_name} if incident else {}
    form = AggressorSearchForm(request.POST if request.method == "POST" else None, initial=initial)
    persons, visible_ids = [], set()
    if form.is_bound and form.is_valid():
        persons, visible_ids = _search(
            request.user, form.cleaned_data["name"].strip(), form.cleaned_data["date_of_birth"]
        )
        persons = list(persons)
        for person in persons:  # each result shows personal data: each read is logged
            log_view(request, person, texts.AGGRESSOR_IN_RESULTS(pk=person.pk))
    return render(
        request,
        "incidents/aggressor_search.html",
        {"form": form, "persons": persons, "visible_ids": visible_ids, "incident": incident},
    )


@perm_required(SEARCH)
def aggressor_new(request, pk: int):
    """Create a person and link them to the incident (an unknown one by description)."""
    incident = access.incident_for(request.user, pk)
    if not access.can_link_aggressors(request.user, incident):
        raise PermissionDenied
    form = AggressorForm(
        request.POST or None, request.FILES or None, initial=initial_from_name(incident.aggressor_name)
    )
    duplicates = []
    if request.method == "POST" and form.is_valid():
        duplicates = _possible_duplicates(request, form)
    if request.method == "POST" and form.is_valid() and not duplicates:
        services.aggressor_create(
            by=request.user,
            data=form.data_fields(),
            photo=form.cleaned_data.get("photo"),
            incident=incident,
            request=request,
        )
        messages.success(request, _("De dader is vastgelegd en aan het incident gekoppeld."))
        return redirect("incidents:detail", pk=incident.pk)
    return render(
        request,
        "incidents/aggressor_form.html",
        {"form": form, "incident": incident, "duplicates": duplicates},
    )


def _possible_duplicates(request, form) -> list[Aggressor]:
    """Persons with the same last name and birth date: link one of them instead, unless the
    user confirms this is someone else (no duplicate by accident)."""
    data = form.cleaned_data
    if data.get("confirm_new"):
        return []
    matches = list(
        Aggressor.objects.matching(
            request.user, last_name=data["last_name"], date_of_birth=data["date_of_birth"]
        )
    )
    if matches:  # the next Opslaan means: this is someone else
        form.data = form.data.copy()
        form.data["confirm_new"] = "1"
    for person in matches:
        log_view(request, person, texts.AGGRESSOR_AS_DUPLICATE(pk=person.pk))
    return matches


@perm_required(SEARCH)
@require_POST
def aggressor_link(request, pk: int):
    incident = _incident_to_link(request, pk)
    raw = parse_pk(request.POST.get("aggressor"))
    if raw is None:
        raise Http404
    # Either a person the user may see, or an exact match they just found by name and birth date.
    visible = Aggressor.objects.visible_to(request.user).active().filter(pk=raw).first()
    if visible is None:
        search = AggressorSearchForm(request.POST)
        if not search.is_valid():
            raise Http404
        matches = Aggressor.objects.matching(
            request.user,
            last_name=search.cleaned_data["name"],
            date_of_birth=search.cleaned_data["date_of_birth"],
        )
        visible = get_object_or_404(matches, pk=raw)
    services.aggressor_link(incident=incident, aggressor=visible, by=request.user)
    messages.success(request, _("De dader is aan het incident gekoppeld."))
    return redirect("incidents:detail", pk=incident.pk)


@perm_required(SEARCH)
@require_POST
def aggressor_unlink(request, pk: int, link_pk: int):
    incident = _incident_to_link(request, pk)
    try:
        done = services.aggressor_unlink(incident=incident, link_id=link_pk, by=request.user)
    except RuleViolation as exc:
        show_as_message(request, exc)
    else:
        # Idempotent: a second click on the same button finds the link already gone.
        messages.success(
            request, _("De dader is losgekoppeld.") if done else _("Deze dader was al losgekoppeld.")
        )
    return redirect("incidents:detail", pk=incident.pk)


@perm_required(SEARCH)
def aggressor_detail(request, pk: int):
    """The person page: their incidents in the user's scope, measures and any active ban."""
    aggressor = access.aggressor_for(request.user, pk)
    log_view(request, aggressor, texts.AGGRESSOR_VIEWED(pk=aggressor.pk))
    linked = Incident.objects.filter(aggressor_links__aggressor=aggressor)
    incidents = listed(Incident.objects.visible_to(request.user).filter(pk__in=linked)).order_by(
        "-occurred_at"
    )
    return render(
        request,
        "incidents/aggressor_detail.html",
        {
            "aggressor": aggressor,
            "incidents": incidents,
            "total_incidents": linked.count(),
            "sections": person_entries(aggressor, request.user),
            "now": timezone.now(),
        },
    )


@perm_required(SEARCH)
def aggressor_edit(request, pk: int):
    """Complete or correct the person (an unknown aggressor identified later)."""
    aggressor = access.aggressor_for(request.user, pk)
    log_view(request, aggressor, texts.AGGRESSOR_EDIT(pk=aggressor.pk))
    form = AggressorForm(request.POST or None, request.FILES or None, instance=aggressor)
    if request.method == "POST" and form.is_valid():
        services.aggressor_update(
            aggressor=aggressor,  # the form validates only (no _post_clean): still as stored
            by=request.user,
            data=form.data_fields(),
            photo=form.cleaned_data.get("photo"),
            request=request,
        )
        messages.success(request, _("De gegevens van de dader zijn opgeslagen."))
        return redirect("incidents:aggressor-detail", pk=aggressor.pk)
    return render(request, "incidents/aggressor_form.html", {"form": form, "aggressor": aggressor})


@perm_required(SEARCH)
def aggressor_photo(request, pk: int):
    """The photo, after the scope check; every view is logged."""
    aggressor = access.aggressor_for(request.user, pk)
    if not aggressor.photo:
        raise Http404
    log_view(request, aggressor, texts.AGGRESSOR_PHOTO(pk=aggressor.pk))
    extension = aggressor.photo.name.rsplit(".", 1)[-1].lower()
    return stored_file(
        aggressor.photo,
        filename=f"dader-{aggressor.pk}.{extension}",
        content_type="image/png" if extension == "png" else "image/jpeg",
        inline=True,  # shown on the page
    )
