"""Letter templates: list, edit with a server-side preview, and read a version."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gir import audit_texts as texts
from gir.access import perm_required
from gir.audit import log_change
from letters import access, services
from letters import merge_fields as mf
from letters.forms import (
    TemplateVersionForm,
)
from letters.models import LetterTemplate, document_sheet
from letters.views.common import TEMPLATES, page_sheet


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
    if request.method == "GET" and current:
        preview = page_sheet(document_sheet(services.sample_document(current.subject, current.body)[1]))
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            _subject, document = services.sample_document(
                form.cleaned_data["subject"], form.cleaned_data["body"]
            )
            preview = page_sheet(document_sheet(document))
        else:
            version = services.template_version_create(
                template=template,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
            log_change(
                request=request,
                obj=template,
                before=initial or None,
                after={"subject": version.subject, "body": version.body},
                description=texts.TEMPLATE_SAVED(template=template.pk, number=version.number),
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
