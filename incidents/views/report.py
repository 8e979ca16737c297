"""The short report, with a server-side draft so nothing typed is ever lost.

The view parses and renders; the draft and the filing are ``incidents.services.drafts``.
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.db import DatabaseError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gir.access import perm_required
from incidents.forms import ShortReportForm
from incidents.services import drafts, pending_for
from incidents.views.uploads import collect_uploads

logger = logging.getLogger(__name__)

# Only form fields are kept; files are kept as PendingUploads, not in the draft.
KEPT = set(ShortReportForm.base_fields) - {"files", "pending", "submission_token"}
MULTI = {"forms"}


def _typed(post) -> dict[str, list[str]]:
    return {key: post.getlist(key) for key in post if key in KEPT}


def _initial(draft: dict) -> dict:
    fields = draft.get("fields", {})
    initial = {
        key: values if key in MULTI else (values[0] if values else "") for key, values in fields.items()
    }
    initial["submission_token"] = draft["token"]
    return initial


def _unsaved_message(names: list[str], *, filed: bool) -> str:
    files = ", ".join(names)
    if filed:
        return _(
            "Het bestand %(files)s kon door een storing niet worden bewaard. Uw melding is wel "
            "ontvangen. U kunt het bestand later toevoegen met ‘Bewijs toevoegen’ in het dossier."
        ) % {"files": files}
    return _(
        "Het bestand %(files)s kon door een storing niet worden bewaard. Uw tekst is bewaard. "
        "Na het versturen kunt u het bestand toevoegen met ‘Bewijs toevoegen’ in het dossier."
    ) % {"files": files}


def _filed(request, form, token: str):
    filing = drafts.report_file(
        user=request.user, data=form.cleaned_data, token=token, pending_ids=form.pending_ids()
    )
    ref = {"ref": filing.incident.reference}
    if filing.created:
        messages.success(
            request,
            _("Dank u wel. Uw melding is ontvangen met kenmerk %(ref)s. Uw leidinggevende krijgt bericht.")
            % ref,
        )
    else:
        messages.info(request, _("Deze melding was al ontvangen, met kenmerk %(ref)s.") % ref)
    if form.unsaved_files:
        messages.warning(request, _unsaved_message(form.unsaved_files, filed=True))
    return redirect("incidents:detail", pk=filing.incident.pk)


def _keep(request, token: str, pending) -> None:
    drafts.draft_keep(
        user=request.user, token=token, fields=_typed(request.POST), pending_ids=[p.pk for p in pending]
    )


def _post(request, token: str):
    form, pending = collect_uploads(request, ShortReportForm, strict_storage=False, user=request.user)
    _keep(request, token, pending)
    if "discard_draft" in request.POST:
        drafts.draft_discard(user=request.user)
        messages.success(request, _("Het concept is weggegooid. U kunt opnieuw beginnen."))
        return redirect("incidents:report")
    if "save_draft" in request.POST:
        messages.success(
            request, _("Uw concept is bewaard. U kunt later verder gaan, ook op een ander apparaat.")
        )
        return redirect("incidents:report")
    if form.is_valid():
        return _filed(request, form, token)
    if form.unsaved_files:
        messages.warning(request, _unsaved_message(form.unsaved_files, filed=False))
    return _page(request, form, pending, has_draft=True)


def _page(request, form, pending, *, has_draft: bool):
    return render(
        request, "incidents/report.html", {"form": form, "pending": pending, "has_draft": has_draft}
    )


def _database_trouble(request, exc: DatabaseError):
    """The database failed mid-way: show the form again with everything typed, also without JS."""
    # The class name only: a database message can quote the values it refused.
    logger.error("Filing a report failed on the database (%s); the form is shown again", type(exc).__name__)
    form = ShortReportForm(request.POST, user=request.user)
    form.add_error(
        None,
        _(
            "Uw melding kon door een storing nog niet worden opgeslagen. Wat u heeft ingevuld staat "
            "hieronder nog. Probeer het over een minuut opnieuw met ‘Melding versturen’."
        ),
    )
    return _page(request, form, [], has_draft=False)


def resend_page(request):
    """The report came with an outdated security token (``gir.views.csrf_failure``): nothing is
    saved from such a request, but everything typed is shown again, also without JavaScript,
    with a fresh token and the form's own one-time token, so sending it files one report."""
    typed = {"token": request.POST.get("submission_token", "")[:64], "fields": _typed(request.POST)}
    form = ShortReportForm(initial=_initial(typed), user=request.user)
    messages.warning(
        request,
        _(
            "Uw melding is nog niet verstuurd: de pagina was verlopen, bijvoorbeeld omdat u in een "
            "ander tabblad opnieuw bent ingelogd. Wat u had ingevuld staat hieronder nog. Kies "
            "opnieuw bestanden als u die had gekozen, en klik op ‘Melding versturen’."
        ),
    )
    response = _page(request, form, [], has_draft=False)
    response.status_code = 403
    return response


@perm_required("incidents.report_incident")
def report(request):
    """GET shows the form (restoring a saved draft); POST keeps the draft, then files it."""
    if request.method == "POST":
        token = request.POST.get("submission_token", "")[:64]
        try:
            token = token or drafts.draft_open(user=request.user)["token"]
            if request.POST.get("autosave"):
                # Saved while typing (static/incidents/report-autosave.js); nothing is validated.
                _keep(request, token, pending_for(request.user, request.POST.get("pending", "").split(",")))
                return HttpResponse(status=204)
            return _post(request, token)
        except DatabaseError as exc:
            return _database_trouble(request, exc)
    draft = drafts.draft_open(user=request.user)
    form = ShortReportForm(initial=_initial(draft), user=request.user)
    pending = pending_for(request.user, form.initial.get("pending", "").split(","))
    restored = "fields" in draft
    if restored and not len(messages.get_messages(request)):
        messages.info(request, _("Wij hebben uw concept teruggezet. U kunt verder waar u was gebleven."))
    return _page(request, form, pending, has_draft=restored)
