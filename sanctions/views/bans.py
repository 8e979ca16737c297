"""Bans: serving, extending, reviewing, the photo, the reception list and breaches."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gir import audit_texts as texts
from gir.access import perm_required
from gir.audit import audit_log, log_view
from gir.downloads import stored_file
from gir.models import AuditEntry
from sanctions import services
from sanctions.access import ban_for, ban_for_breach, ban_for_reception
from sanctions.forms import (
    BreachFindForm,
    BreachForm,
    ExtendForm,
    ReviewForm,
    ServeForm,
)
from sanctions.reception import MATCH_LIMIT, reception_cards_html, reception_matches
from sanctions.views.common import DECIDERS, form_page, submit


@perm_required(*DECIDERS)
def ban_serve(request, pk: int):
    ban = ban_for(request.user, pk)
    form = ServeForm(request.POST or None, ban=ban, initial={"served_on": timezone.localdate()})
    saved = submit(
        request,
        form,
        lambda data: services.ban_serve(ban=ban, by=request.user, **data),
        done=_("Vastgelegd hoe het toegangsverbod is uitgereikt."),
        measure=ban.measure,
    )
    intro = _("Een toegangsverbod geldt pas als het is uitgereikt of aangetekend verstuurd.")
    return saved or form_page(
        request, form, title=_("Uitreiken vastleggen"), intro=intro, measure=ban.measure
    )


@perm_required("sanctions.impose_ban")
def ban_extend(request, pk: int):
    ban = ban_for(request.user, pk)
    form = ExtendForm(request.POST or None, ban=ban)
    saved = submit(
        request,
        form,
        lambda data: services.ban_extend(ban=ban, by=request.user, **data),
        done=_("Het toegangsverbod is verlengd."),
        measure=ban.measure,
    )
    return saved or form_page(request, form, title=_("Toegangsverbod verlengen"), measure=ban.measure)


@perm_required("sanctions.decide_measure", "sanctions.view_ban_register", any_of=True)
def ban_review(request, pk: int):
    user = request.user
    ban = ban_for(user, pk)
    form = ReviewForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: services.ban_review_record(ban=ban, by=user, note=data["note"]),
        done=_("De beoordeling is vastgelegd."),
        measure=ban.measure,
    )
    intro = _("Verleng het verbod, of leg vast dat het afloopt zoals gepland.")
    return saved or form_page(
        request, form, title=_("Toegangsverbod beoordelen"), intro=intro, measure=ban.measure
    )


@require_GET
@login_required
def ban_photo(request, pk: int):
    """The photo, after a permission check, logged; never under a public URL."""
    ban = ban_for_reception(request.user, pk)
    if not ban.photo:
        raise Http404
    log_view(request, ban, texts.BAN_PHOTO())
    return stored_file(
        ban.photo,
        filename=f"verbod-{ban.pk}.jpg",
        content_type="image/png" if ban.photo.name.endswith(".png") else "image/jpeg",
    )


@perm_required("sanctions.view_reception_list")
def reception(request):
    """Bans in force right now, computed from their dates; printable; every view logged."""
    breach = request.user.has_perm("sanctions.register_breach")
    cards, count = reception_cards_html(can_register_breach=breach)
    audit_log(
        request=request,
        action=AuditEntry.Action.VIEW,
        description=texts.RECEPTION_LIST(count=count),
    )
    return render(
        request,
        "sanctions/reception.html",
        {
            "cards": cards,
            "now": timezone.now(),
            "title": _("Toegangsverboden"),
        },
    )


def _reception_roles_only(user) -> None:
    """A ban's breach page names the person: need to know, as for the reception list. For
    anyone else the page does not exist (404), so counting through ids reveals nobody."""
    if not (user.has_perm("sanctions.register_breach") and user.has_perm("sanctions.view_reception_list")):
        raise Http404


@perm_required("sanctions.register_breach")
def breach(request, pk: int):
    _reception_roles_only(request.user)
    ban = ban_for_breach(request.user, pk)
    form = BreachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record = services.breach_register(
            ban=ban,
            by=request.user,
            occurred_at=data["occurred_at"],
            description=data["description"],
            location=data.get("location"),
            place=data.get("place", ""),
            forms=data.get("aggression_forms", []),
            submission_token=data.get("token") or None,
        )
        messages.success(
            request,
            _("De overtreding is gemeld als incident %(ref)s. De behandelaar doet aangifte.")
            % {"ref": record.incident.reference},
        )
        if request.user.has_perm("sanctions.view_reception_list"):
            return redirect("sanctions:reception")
        return redirect("start")
    log_view(request, ban.measure.aggressor, texts.NAME_AT_BREACH(ban=ban.pk))
    return render(
        request,
        "sanctions/breach_form.html",
        {
            "form": form,
            "name": ban.measure.aggressor.display_name,
            "title": _("Overtreding toegangsverbod melden"),
        },
    )


@perm_required("sanctions.register_breach")
def breach_find(request):
    """Find the ban by the person's name, to register a breach, without showing the list.

    Only for the roles that see the reception list (need to know: 404 for everyone else). A name
    must be typed; only bans in force for that name are shown, at most a handful. Every search
    is logged.
    """
    _reception_roles_only(request.user)
    # A POST: the name typed must not stay in the browser history or the proxy log.
    form = BreachFindForm(request.POST if request.method == "POST" else None)
    matches = None
    if form.is_bound and form.is_valid():
        matches = reception_matches(form.cleaned_data["name"])
        audit_log(
            request=request,
            action=AuditEntry.Action.VIEW,
            description=texts.BAN_SEARCH_AT_BREACH(count=len(matches)),
        )
    return render(
        request,
        "sanctions/breach_find.html",
        {
            "form": form,
            "matches": matches,
            "limit": MATCH_LIMIT,
            "title": _("Overtreding toegangsverbod melden"),
        },
    )
