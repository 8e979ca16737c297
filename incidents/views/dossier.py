"""The dossier of one incident and the changes made from it."""

from __future__ import annotations

from io import BytesIO

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from PIL import Image

from gir import audit_texts as texts
from gir.access import perm_required
from gir.audit import log_download, log_views
from gir.downloads import inline_image, stored_file
from gir.errors import RuleViolation, show_as_message, show_on_form
from incidents import access, services
from incidents.dossier import dossier_context
from incidents.forms import (
    EvidenceForm,
    FirstTalkForm,
    IncidentForm,
    InvolvementForm,
    StatusForm,
    WaiveReactionForm,
)
from incidents.models import Incident
from incidents.views.uploads import collect_uploads

REPORT = "incidents.report_incident"


@perm_required(REPORT)
def incident_detail(request, pk: int):
    incident = access.incident_for(request.user, pk)
    context = dossier_context(incident, request.user)
    # The dossier shows each aggressor's name: a logged read each, written in one INSERT.
    log_views(
        request,
        [link.aggressor for link in context["aggressor_links"]],
        lambda pk: texts.AGGRESSOR_ON_DOSSIER(pk=pk, incident=incident.pk),
    )
    return render(request, "incidents/detail.html", context)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@perm_required(REPORT)
def incident_edit(request, pk: int):
    """The full registration; refused with a clear message when someone else saved first."""
    incident = access.incident_for(request.user, pk)
    _require(access.can_edit(request.user, incident))
    manager = access.can_manage(request.user, incident)
    form = IncidentForm(request.POST or None, instance=incident, manager=manager)
    if request.method == "POST" and form.is_valid():
        try:
            services.incident_update(
                incident=incident,
                by=request.user,
                version=form.cleaned_data["version"],
                changes=form.changes(),
                forms=form.cleaned_data["forms"],
            )
        except services.StaleEdit as exc:
            show_on_form(form, exc)
            # The next save is a deliberate choice to keep this version.
            form.data = form.data.copy()
            form.data["version"] = exc.current_version
        else:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            if not Incident.objects.visible_to(request.user).filter(pk=incident.pk).exists():
                # Moved to a department this manager does not handle: the dossier is gone for them.
                messages.info(request, _("Het incident valt nu onder een andere afdeling."))
                return redirect("incidents:list")
            return redirect("incidents:detail", pk=incident.pk)
    return render(request, "incidents/edit.html", {"form": form, "incident": incident, "manager": manager})


@perm_required(REPORT)
@require_POST
def status_change(request, pk: int):
    incident = access.incident_for(request.user, pk)
    _require(access.can_manage(request.user, incident))
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een geldige status."))
        return redirect("incidents:detail", pk=pk)
    try:
        incident = services.incident_transition(
            incident=incident,
            to_status=form.cleaned_data["to_status"],
            by=request.user,
            note=form.cleaned_data["note"],
        )
    except services.IncidentChangeError as exc:
        show_as_message(request, exc)
    else:
        messages.success(
            request, _("De status is nu: %(status)s.") % {"status": incident.get_status_display()}
        )
    return redirect("incidents:detail", pk=pk)


def _action_page(request, incident, form, *, act, done: str, title: str, intro: str = ""):
    """One form about one incident: on a valid POST ``act(cleaned_data)``, then back to the
    dossier with ``done``; a refusal (RuleViolation) is shown on the form with the input kept."""
    if request.method == "POST" and form.is_valid():
        try:
            act(form.cleaned_data)
        except RuleViolation as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, done)
            return redirect("incidents:detail", pk=incident.pk)
    return render(
        request,
        "incidents/action_form.html",
        {"form": form, "incident": incident, "title": title, "intro": intro},
    )


@perm_required(REPORT)
def first_talk(request, pk: int):
    incident = access.incident_for(request.user, pk)
    _require(access.can_manage(request.user, incident))
    initial = {"summary": incident.first_talk_summary, "police_plan": incident.police_report_planned}
    return _action_page(
        request,
        incident,
        FirstTalkForm(request.POST or None, incident=incident, initial=initial),
        act=lambda data: services.incident_record_first_talk(
            incident=incident,
            by=request.user,
            at=data["at"],
            summary=data["summary"],
            police_plan=data["police_plan"],
        ),
        done=_("Het eerste opvanggesprek is vastgelegd."),
        title=_("Eerste opvang vastleggen"),
        intro=_(
            "Spreek de medewerker zo snel mogelijk, het liefst dezelfde dag. Vraag hoe het gaat, "
            "bespreek wat er nodig is en of er een melding of aangifte bij de politie komt."
        ),
    )


@perm_required(REPORT)
def waive_reaction(request, pk: int):
    incident = access.incident_for(request.user, pk)
    _require(access.can_manage(request.user, incident))
    return _action_page(
        request,
        incident,
        WaiveReactionForm(request.POST or None, initial={"reason": incident.reaction_waived_reason}),
        act=lambda data: services.incident_waive_reaction(
            incident=incident, by=request.user, reason=data["reason"]
        ),
        done=_("Vastgelegd waarom er geen reactie naar de dader gaat."),
        title=_("Geen reactie naar de dader mogelijk"),
        intro=_(
            "Binnen 48 uur na het incident moet de dader een reactie krijgen. Kan dat niet, "
            "bijvoorbeeld omdat de dader onbekend is? Leg dan hier uit waarom."
        ),
    )


@perm_required(REPORT)
def involvement_add(request, pk: int):
    incident = access.incident_for(request.user, pk)
    _require(access.can_edit(request.user, incident))
    form = InvolvementForm(request.POST or None)
    return _action_page(
        request,
        incident,
        form,
        act=lambda data: services.involvement_add(
            incident=incident, by=request.user, **form.service_kwargs()
        ),
        done=_("De betrokkene is toegevoegd."),
        title=_("Slachtoffer of getuige toevoegen"),
    )


@perm_required(REPORT)
def evidence_add(request, pk: int):
    incident = access.incident_for(request.user, pk)
    _require(access.can_add_evidence(request.user, incident))
    pending = []
    if request.method == "POST":
        form, pending = collect_uploads(request, EvidenceForm)
        if form.is_valid() and not pending:
            form.add_error("files", _("Kies een of meer bestanden."))
        if form.is_valid():
            try:
                services.evidence_add(
                    incident=incident,
                    by=request.user,
                    pending_ids=form.pending_ids(),
                    description=form.cleaned_data["description"],
                )
            except RuleViolation as exc:
                show_on_form(form, exc)
            else:
                messages.success(request, _("De bestanden zijn toegevoegd aan het dossier."))
                return redirect("incidents:detail", pk=pk)
    else:
        form = EvidenceForm()
    return render(
        request, "incidents/evidence_form.html", {"form": form, "incident": incident, "pending": pending}
    )


@perm_required(REPORT)
def evidence_download(request, pk: int):
    """Private file: in scope only, always as a download, never sniffed, every download logged."""
    evidence = access.evidence_for(request.user, pk)
    log_download(request, evidence, texts.EVIDENCE_DOWNLOAD(pk=evidence.pk, incident=evidence.incident_id))
    extension = evidence.file.name.rsplit(".", 1)[-1]
    return stored_file(
        evidence.file,
        filename=f"{evidence.incident.reference}-bewijs-{evidence.pk}.{extension}",
        content_type=evidence.mime_type,
    )


THUMBNAIL_PIXELS = 320


@perm_required(REPORT)
def evidence_thumbnail(request, pk: int):
    """A small JPEG of an image for the dossier, behind the same check as the file itself."""
    evidence = access.evidence_for(request.user, pk)
    if not evidence.mime_type.startswith("image/"):
        raise Http404
    with evidence.file.open("rb") as source, Image.open(source) as image:
        image.thumbnail((THUMBNAIL_PIXELS, THUMBNAIL_PIXELS))
        out = BytesIO()
        image.convert("RGB").save(out, "JPEG", quality=80)
    return inline_image(out.getvalue(), content_type="image/jpeg")
