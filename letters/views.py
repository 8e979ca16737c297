"""Views of the letters app: thin — parse, check access, call one service, render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gir.access import perm_required
from gir.audit import audit_log, log_download, log_view
from gir.downloads import attachment
from gir.errors import RuleViolation, show_as_message, show_on_form
from gir.exports import export_format, table_download
from gir.models import AuditEntry, Signatory
from letters import access, exports, prefill, services
from letters import merge_fields as mf
from letters.constants import Copy, LetterKind, LetterStatus
from letters.filters import DispatchFilter
from letters.forms import (
    CopiesForm,
    DispatchForm,
    FinaliseForm,
    LetterCreateForm,
    LetterEditForm,
    TemplateVersionForm,
    field_name,
)
from letters.models import Dispatch, Letter, LetterTemplate, document_sheet

CREATE = "letters.create_letters"
DISPATCH = "letters.dispatch_letters"
REGISTER = "letters.view_register"
TEMPLATES = "letters.manage_templates"


def _sheet(html: str) -> str:
    """The letter sheet for a page: its one h1 (the subject) becomes a paragraph there."""
    html = html.replace('<h1 class="letter__subject">', '<p class="letter__subject">', 1)
    return mark_safe(html.replace("</h1>", "</p>", 1))


# --- Letters of an incident ---------------------------------------------------------------------


@perm_required(CREATE)
@require_GET
def letter_list(request):
    letters = Letter.objects.visible_to(request.user).select_related("incident", "aggressor")
    status = request.GET.get("status", "")
    if status in LetterStatus.values:
        letters = letters.filter(status=status)
    page = Paginator(letters, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "letters/letter_list.html",
        {"page_obj": page, "status": status, "statuses": LetterStatus.choices},
    )


def _measures(user, incident):
    from sanctions.models import Measure

    measures = Measure.objects.visible_to(user).filter(incidents=incident).select_related("aggressor")
    return [
        {"measure": m, "kinds": [(kind, LetterKind(kind).label) for kind in prefill.suggested_kinds(m)]}
        for m in measures
    ]


@perm_required(CREATE)
@require_GET
def incident_letters(request, incident_pk: int):
    incident = access.incident_for_letters(request.user, incident_pk)
    log_view(request, incident, "letters of incident")
    letters = incident.letters.select_related("aggressor").order_by("-created_at")
    context = {
        "incident": incident,
        "letters": letters,
        "kinds": LetterKind.choices,
        "measures": _measures(request.user, incident),
        "has_aggressor": incident.aggressor_links.exists(),
    }
    return render(request, "letters/incident_letters.html", context)


def _initial_details(measure) -> dict:
    if measure is None:
        return {}
    return {field_name(path): value for path, value in prefill.measure_details(measure).items()}


@perm_required(CREATE)
def letter_create(request, incident_pk: int, kind: str):
    incident = access.incident_for_letters(request.user, incident_pk)
    if kind not in LetterKind.values:
        raise Http404
    from incidents.models import Aggressor

    measure = access.measure_for(request.user, incident, request.GET.get("maatregel"))
    aggressors = Aggressor.objects.filter(incident_links__incident=incident).active()
    initial = _initial_details(measure)
    if measure is not None:
        initial["aggressor"] = measure.aggressor_id
    form = LetterCreateForm(request.POST or None, kind=kind, aggressors=aggressors, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.letter_create(
                incident=incident,
                kind=kind,
                aggressor=form.cleaned_data["aggressor"],
                signatory=form.cleaned_data["signatory"],
                by=request.user,
                include_victim=form.cleaned_data["include_victim"],
                details=form.details(),
                measure=measure,
            )
        except RuleViolation as exc:
            show_on_form(form, exc)
        else:
            messages.success(
                request, _("Het concept is gemaakt. Controleer de tekst en maak de brief definitief.")
            )
            return redirect("letters:detail", pk=letter.pk)
    context = {
        "incident": incident,
        "kind_label": LetterKind(kind).label,
        "form": form,
        "measure": measure,
        "no_aggressor": not aggressors.exists(),
        "no_signatory": not Signatory.objects.filter(is_active=True).exists(),
    }
    return render(request, "letters/letter_create.html", context)


@perm_required(CREATE)
@require_GET
def letter_detail(request, pk: int):
    letter = access.letter_for(request.user, pk)
    log_view(request, letter, "letter")
    sheet = _sheet(
        letter.sheet_html() if letter.is_final else document_sheet(services.letter_document(letter))
    )
    context = {
        "letter": letter,
        "sheet": sheet,
        "finalise_form": FinaliseForm() if not letter.is_final else None,
        "copies_form": CopiesForm(initial={"copies": letter.copies}) if letter.is_final else None,
        "dispatches": letter.dispatches.select_related("recorded_by"),
        "corrections": letter.corrections.all(),
        "can_dispatch": request.user.has_perm(DISPATCH),
        "copy_labels": [str(Copy(c).label) for c in letter.copies if c in Copy.values],
    }
    return render(request, "letters/letter_detail.html", context)


def _refuse_final(request, letter: Letter):
    messages.error(
        request, _("Deze brief is definitief en kan niet meer veranderen. Maak een correctiebrief.")
    )
    return redirect("letters:detail", pk=letter.pk)


@perm_required(CREATE)
def letter_edit(request, pk: int):
    letter = access.letter_for(request.user, pk)
    if letter.is_final:
        return _refuse_final(request, letter)
    initial = {
        "subject": letter.subject,
        "body_html": letter.body_html,
        "signatory": letter.signatory_id,
        "version": letter.version,
    }
    form = LetterEditForm(request.POST or None, initial=initial, letter=letter)
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_update_concept(
                letter=letter,
                subject=form.cleaned_data["subject"],
                body_html=form.cleaned_data["body_html"],
                signatory=form.cleaned_data["signatory"],
                version=form.cleaned_data["version"],
                by=request.user,
            )
        except RuleViolation as exc:
            letter.refresh_from_db()
            if letter.is_final:
                return _refuse_final(request, letter)
            show_on_form(form, exc)
            form.data = form.data.copy()
            form.data["version"] = letter.version
        else:
            messages.success(request, _("Het concept is opgeslagen."))
            return redirect("letters:detail", pk=letter.pk)
    return render(request, "letters/letter_edit.html", {"letter": letter, "form": form})


@perm_required(CREATE)
@require_POST
def letter_finalise(request, pk: int):
    letter = access.letter_for(request.user, pk)
    if letter.is_final:
        return _refuse_final(request, letter)
    form = FinaliseForm(request.POST)
    if form.is_valid():
        try:
            services.letter_finalise(letter=letter, by=request.user, copies=form.cleaned_data["copies"])
        except RuleViolation as exc:
            show_as_message(request, exc)
        else:
            messages.success(request, _("De brief is definitief. Download de PDF, print en verstuur hem."))
            return redirect("letters:detail", pk=letter.pk)
    for error in form.errors.values():
        messages.error(request, error[0])
    return redirect("letters:detail", pk=letter.pk)


@perm_required(CREATE)
@require_POST
def letter_correct(request, pk: int):
    letter = access.letter_for(request.user, pk)
    try:
        new = services.letter_correct(letter=letter, by=request.user)
    except RuleViolation as exc:
        show_as_message(request, exc)
        return redirect("letters:detail", pk=letter.pk)
    messages.success(request, _("Er is een nieuw concept gemaakt dat de vorige brief corrigeert."))
    return redirect("letters:edit", pk=new.pk)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    return attachment(content, filename=filename, content_type="application/pdf")


@perm_required(CREATE)
@require_GET
def letter_pdf(request, pk: int):
    """The stored PDF of a final letter; other copies from its stored HTML; a proof of a concept."""
    letter = access.letter_for(request.user, pk)
    name = letter.reference.replace("/", "-")
    if not letter.is_final:
        log_download(request, letter, "letter concept pdf")
        return _pdf(services.letter_concept_pdf(letter), f"{name}-concept.pdf")
    if "copies" in request.GET:
        form = CopiesForm(request.GET)
        if not form.is_valid():
            messages.error(request, _("Kies ten minste één exemplaar."))
            return redirect("letters:detail", pk=letter.pk)
        log_download(request, letter, "letter copies pdf")
        return _pdf(services.letter_copies_pdf(letter, form.cleaned_data["copies"]), f"{name}-exemplaren.pdf")
    log_download(request, letter, "letter pdf")
    with letter.pdf.open("rb") as handle:
        return _pdf(handle.read(), f"{name}.pdf")


@perm_required(DISPATCH)
def letter_dispatch(request, pk: int):
    letter = access.letter_for(request.user, pk)
    if not letter.is_final:
        messages.error(request, _("Maak de brief eerst definitief; een concept kan niet worden verzonden."))
        return redirect("letters:detail", pk=letter.pk)
    form = DispatchForm(request.POST or None, not_before=letter.incident.occurred_at)
    if request.method == "POST" and form.is_valid():
        services.dispatch_record(
            letter=letter,
            method=form.cleaned_data["method"],
            dispatched_at=form.cleaned_data["dispatched_at"],
            tracking_number=form.cleaned_data["tracking_number"],
            email=form.cleaned_data["email"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
        messages.success(request, _("De verzending is vastgelegd."))
        return redirect("letters:detail", pk=letter.pk)
    return render(request, "letters/letter_dispatch.html", {"letter": letter, "form": form})


# --- Dispatch register --------------------------------------------------------------------------


def _register_queryset(request):
    scoped = Dispatch.objects.filter(letter__in=Letter.objects.visible_to(request.user)).select_related(
        "letter", "letter__incident", "letter__incident__department", "letter__aggressor", "recorded_by"
    )
    return DispatchFilter(request.GET or None, queryset=scoped.order_by("-dispatched_at", "-pk"))


@perm_required(REGISTER)
@require_GET
def register(request):
    filterset = _register_queryset(request)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(request, "letters/register.html", {"filter": filterset, "page_obj": page})


@perm_required(REGISTER)
@require_GET
def register_export(request):
    filterset = _register_queryset(request)
    if filterset.is_bound and not filterset.is_valid():
        messages.error(
            request, _("Een filter is niet goed ingevuld. Pas het filter aan en maak de export opnieuw.")
        )
        return redirect("letters:register")
    fmt = export_format(request.GET.get("formaat"))
    audit_log(request=request, action=AuditEntry.Action.EXPORT, description=f"dispatch register {fmt}")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return table_download(
        name=f"verzendregister-{stamp}",
        fmt=fmt,
        headers=exports.HEADERS,
        rows=exports.rows(filterset.qs),
        title="Verzendregister",
    )


# --- Templates ----------------------------------------------------------------------------------


@perm_required(TEMPLATES)
@require_GET
def template_list(request):
    templates = LetterTemplate.objects.annotate(version_count=Count("versions")).order_by("title")
    return render(request, "letters/template_list.html", {"templates": templates})


@perm_required(TEMPLATES)
def template_edit(request, pk: int):
    """Edit a template: "Voorbeeld" renders the preview server-side, "Opslaan" adds a version."""
    template = access.template_for(pk)
    current = template.current_version
    initial = {"subject": current.subject, "body": current.body} if current else {}
    form = TemplateVersionForm(request.POST or None, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            _subject, document = services.sample_document(
                form.cleaned_data["subject"], form.cleaned_data["body"]
            )
            preview = _sheet(document_sheet(document))
        else:
            version = services.template_version_create(
                template=template,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
            messages.success(
                request, _("Versie %(n)s van het sjabloon is opgeslagen.") % {"n": version.number}
            )
            return redirect("letters:template-edit", pk=template.pk)
    context = {
        "template": template,
        "current": current,
        "form": form,
        "preview": preview,
        "fields": mf.FIELDS,
        "versions": template.versions.select_related("created_by").order_by("-number"),
    }
    return render(request, "letters/template_edit.html", context)


@perm_required(TEMPLATES)
@require_GET
def template_version(request, pk: int, number: int):
    template = access.template_for(pk)
    version = get_object_or_404(template.versions, number=number)
    return render(
        request,
        "letters/template_version.html",
        {"template": template, "version": version, "letters_count": version.letters.count()},
    )
