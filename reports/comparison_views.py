"""The coordinator's comparison sets: import another organisation's key figures, list, delete. Thin views."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gir.access import perm_required
from gir.errors import RuleViolation, show_on_form
from reports.forms import ComparisonImportForm
from reports.models import ComparisonSet
from reports.services.comparison import comparison_set_delete, comparison_set_import

import_access = perm_required("reports.import_comparison")


def _page(request, form, status: int = 200):
    rows = ComparisonSet.objects.select_related("uploaded_by")
    return render(request, "reports/comparisons.html", {"form": form, "rows": rows}, status=status)


@import_access
def comparisons(request):
    """GET: the imported sets and the upload form. POST: read, check and store one file."""
    if request.method != "POST":
        return _page(request, ComparisonImportForm())
    form = ComparisonImportForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            row = comparison_set_import(
                actor=request.user,
                request=request,
                label=data["label"],
                figures=data["figures"],
                file_format=data["file_format"],
                content=data["content"],
            )
        except RuleViolation as exc:
            show_on_form(form, exc)
        else:
            messages.success(
                request,
                _("“%(label)s” is ingelezen. U ziet het in het jaarverslag van %(year)s.")
                % {"label": row.label, "year": row.year},
            )
            return redirect("reports:comparisons")
    return _page(request, form, status=400)


@import_access
def comparison_delete(request, pk: int):
    """GET: ask to confirm. POST: delete (audit-logged)."""
    row = get_object_or_404(ComparisonSet, pk=pk)
    if request.method == "POST":
        comparison_set_delete(request=request, comparison_set=row)
        messages.success(request, _("“%(label)s” is verwijderd.") % {"label": row.label})
        return redirect("reports:comparisons")
    return render(request, "reports/comparison_delete.html", {"row": row})
