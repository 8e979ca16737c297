"""Letters of an incident: list, create, read, edit, finalise, correct, PDF and dispatch."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gir import audit_texts as texts
from gir.access import perm_required
from gir.audit import log_download, log_view, log_views
from gir.downloads import attachment
from gir.errors import RuleViolation, show_as_message, show_on_form
from gir.models import Signatory
from letters import access, prefill, services
from letters.constants import Copy, LetterKind, LetterStatus
from letters.forms import (
    CopiesForm,
    DispatchForm,
    FinaliseForm,
    LetterCreateForm,
    LetterEditForm,
    field_name,
)
from letters.models import Letter, document_sheet
from letters.views.common import CREATE, DISPATCH, page_sheet


@perm_required(CREATE)
@require_GET
def letter_list(request):
    letters = Letter.objects.visible_to(request.user).select_related("incident", "aggressor")
    status = request.GET.get("status", "")
    if status in LetterStatus.values:
        letters = letters.filter(status=status)
    page = Paginator(letters, 25).get_page(request.GET.get("page"))
    log_views(
        request, [letter.aggressor for letter in page], lambda pk: texts.AGGRESSOR_ON_LETTER_LIST(pk=pk)
    )
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
    log_view(request, incident, texts.LETTERS_OF_INCIDENT())
    letters = incident.letters.select_related("aggressor").order_by("-created_at")
    context = {
        "incident": incident,
        "letters": letters,
        "kinds": LetterKind.choices,
        "measures": _measures(request.user, incident),
        "has_aggressor": incident.aggressor_links.exists(),
    }
    shown = [letter.aggressor for letter in letters] + [m["measure"].aggressor for m in context["measures"]]
    log_views(request, shown, lambda pk: texts.AGGRESSOR_ON_LETTERS(pk=pk, incident=incident.pk))
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
    log_views(request, aggressors, lambda pk: texts.AGGRESSOR_ON_NEW_LETTER(pk=pk))
    return render(request, "letters/letter_create.html", context)


@perm_required(CREATE)
@require_GET
def letter_detail(request, pk: int):
    letter = access.letter_for(request.user, pk)
    log_view(request, letter, texts.LETTER_VIEWED())
    sheet = page_sheet(
        letter.sheet_html() if letter.is_final else document_sheet(services.letter_document(letter))
    )
    reasons = {} if letter.is_final else prefill.copy_reasons(letter)
    context = {
        "letter": letter,
        "sheet": sheet,
        "copy_reasons": list(reasons.values()),
        "finalise_form": None
        if letter.is_final
        else FinaliseForm(initial={"copies": prefill.default_copies(reasons)}),
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
    if request.method == "POST" and form.is_valid() and "preview" in request.POST:
        # Only shown beside the editor, never saved: the letter object is not written.
        letter.subject, letter.body_html = form.cleaned_data["subject"], form.cleaned_data["body_html"]
    elif request.method == "POST" and form.is_valid():
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
    sheet = page_sheet(document_sheet(services.letter_document(letter)))
    return render(request, "letters/letter_edit.html", {"letter": letter, "form": form, "sheet": sheet})


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
        log_download(request, letter, texts.LETTER_PROOF_PDF())
        return _pdf(services.letter_concept_pdf(letter), f"{name}-concept.pdf")
    if "copies" in request.GET:
        form = CopiesForm(request.GET)
        if not form.is_valid():
            messages.error(request, _("Kies ten minste één exemplaar."))
            return redirect("letters:detail", pk=letter.pk)
        log_download(request, letter, texts.LETTER_COPIES_PDF())
        return _pdf(services.letter_copies_pdf(letter, form.cleaned_data["copies"]), f"{name}-exemplaren.pdf")
    log_download(request, letter, texts.LETTER_PDF())
    with letter.pdf.open("rb") as handle:
        return _pdf(handle.read(), f"{name}.pdf")


@perm_required(DISPATCH)
def letter_dispatch(request, pk: int):
    letter = access.letter_for(request.user, pk)
    if not letter.is_final:
        messages.error(request, _("Maak de brief eerst definitief; een concept kan niet worden verzonden."))
        return redirect("letters:detail", pk=letter.pk)
    form = DispatchForm(
        request.POST or None,
        not_before=letter.incident.occurred_at,
        initial={"method": prefill.default_dispatch_method(letter)},
    )
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
