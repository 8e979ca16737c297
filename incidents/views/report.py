"""The short report, with a server-side draft so nothing typed is ever lost."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gir.access import perm_required
from incidents.constants import ReporterRole, VictimKind
from incidents.forms import ShortReportForm
from incidents.models import ReportDraft
from incidents.services import Target, incident_register, pending_for
from incidents.views.uploads import collect_uploads

# Only form fields are kept; files are kept as PendingUploads, not in the draft.
KEPT = set(ShortReportForm.base_fields) - {"files"}


def _draft(user) -> ReportDraft:
    draft, _created = ReportDraft.objects.get_or_create(user=user)
    if not draft.data.get("token"):
        draft.data["token"] = secrets.token_urlsafe(24)
        draft.save()
    return draft


def _store(draft: ReportDraft, post, pending) -> None:
    """Keep what was typed (also when it is invalid) and the accepted files."""
    fields = {key: post.getlist(key)[:20] for key in post if key in KEPT}
    fields = {key: [value[:5000] for value in values] for key, values in fields.items()}
    fields["pending"] = [",".join(str(item.pk) for item in pending)]
    draft.data = {**draft.data, "fields": fields}
    draft.save()


def _initial(draft: ReportDraft) -> dict:
    fields = draft.data.get("fields", {})
    multi = {"forms"}
    initial = {
        key: values if key in multi else (values[0] if values else "") for key, values in fields.items()
    }
    initial["submission_token"] = draft.data["token"]
    return initial


def _target(data) -> tuple[str, Target]:
    if data["target"] == ShortReportForm.TARGET_COLLEAGUE:
        return data["reporter_role"], Target(user=data["colleague"])
    if data["target"] == ShortReportForm.TARGET_OFFICE_HOLDER:
        return data["reporter_role"], Target(
            name=data["office_holder_name"].strip(),
            victim_kind=VictimKind.OFFICE_HOLDER,
            function=data["office_holder_function"],
        )
    return ReporterRole.SELF, Target()


def _register(request, form, draft):
    data = form.cleaned_data
    reporter_role, target = _target(data)
    incident, created = incident_register(
        reporter=request.user,
        occurred_at=data["occurred_at"],
        department=data["department"],
        location_type=data["location_type"],
        location=data["location"],
        place=data["place"],
        description=data["description"],
        forms=data["forms"],
        reporter_role=reporter_role,
        target=target,
        submission_token=data["submission_token"] or draft.data["token"],
        pending_ids=form.pending_ids(),
    )
    if created:
        messages.success(
            request,
            _("Dank u wel. Uw melding is ontvangen met kenmerk %(ref)s. Uw leidinggevende krijgt bericht.")
            % {"ref": incident.reference},
        )
    else:
        ReportDraft.objects.filter(user=request.user).delete()
    return redirect("incidents:detail", pk=incident.pk)


@perm_required("incidents.report_incident")
def report(request):
    """GET shows the form (restoring a saved draft); POST saves the draft, then files it."""
    draft = _draft(request.user)
    if request.method == "POST" and request.POST.get("autosave"):
        # Saved while typing (static/incidents/report-autosave.js); nothing is validated.
        _store(draft, request.POST, pending_for(request.user, request.POST.get("pending", "").split(",")))
        return HttpResponse(status=204)
    if request.method == "POST":
        form, pending = collect_uploads(request, ShortReportForm, user=request.user)
        _store(draft, request.POST, pending)
        if "discard_draft" in request.POST:
            ReportDraft.objects.filter(user=request.user).delete()
            messages.success(request, _("Het concept is weggegooid. U kunt opnieuw beginnen."))
            return redirect("incidents:report")
        if "save_draft" in request.POST:
            messages.success(
                request, _("Uw concept is bewaard. U kunt later verder gaan, ook op een ander apparaat.")
            )
            return redirect("incidents:report")
        if form.is_valid():
            return _register(request, form, draft)
    else:
        restored = "fields" in draft.data
        form = ShortReportForm(initial=_initial(draft), user=request.user)
        pending = pending_for(request.user, form.initial.get("pending", "").split(","))
        if restored and not len(messages.get_messages(request)):
            messages.info(request, _("Wij hebben uw concept teruggezet. U kunt verder waar u was gebleven."))
    has_draft = "fields" in draft.data
    return render(
        request, "incidents/report.html", {"form": form, "pending": pending, "has_draft": has_draft}
    )
