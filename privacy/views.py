import json

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gir import audit_texts as texts
from gir.access import perm_required
from gir.audit import audit_log, log_change, log_view
from gir.downloads import attachment
from gir.models import AuditEntry
from gir.security.reauth import recent_login_required
from incidents.models import Aggressor
from privacy.constants import DataClass
from privacy.forms import RetentionForm, SubjectSearchForm
from privacy.models import RetentionPolicy, RetentionRun
from privacy.subject_access import build_export, render_letter


@perm_required("privacy.manage_retention")
def retention(request):
    current = dict(RetentionPolicy.objects.values_list("data_class", "days"))
    form = RetentionForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        after = {data_class.value: form.cleaned_data[data_class.value] for data_class in DataClass}
        log_change(request=request, obj=None, before=current, after=after, description=texts.RETENTION())
        for data_class in DataClass:
            RetentionPolicy.objects.update_or_create(
                data_class=data_class.value,
                defaults={"days": form.cleaned_data[data_class.value], "updated_by": request.user},
            )
        messages.success(request, _("De bewaartermijnen zijn opgeslagen."))
        return redirect("privacy:retention")
    runs = RetentionRun.objects.all()[:10]
    return render(request, "privacy/retention.html", {"form": form, "runs": runs})


def _find_subjects(user, name: str, date_of_birth) -> list[Aggressor]:
    """Visible, not anonymised persons whose first or last name holds every word typed."""
    query = Q()
    for word in name.split():
        query &= Q(last_name__icontains=word) | Q(first_name__icontains=word)
    if date_of_birth:
        query &= Q(date_of_birth=date_of_birth)
    found = Aggressor.objects.visible_to(user).active().filter(query)
    return list(found.order_by("last_name", "first_name", "pk")[:50])


@perm_required("privacy.subject_access")
def subject_search(request):
    # A POST: the name and birth date must not stay in the browser history or the proxy log.
    form = SubjectSearchForm(request.POST if request.method == "POST" else None)
    results = None
    if form.is_bound and form.is_valid() and (form.cleaned_data["q"] or form.cleaned_data["date_of_birth"]):
        results = _find_subjects(request.user, form.cleaned_data["q"], form.cleaned_data["date_of_birth"])
        for person in results:  # each result shows a name and birth date: each read is logged
            log_view(request, person, texts.AGGRESSOR_IN_SUBJECT_SEARCH(pk=person.pk))
    return render(request, "privacy/subject_search.html", {"form": form, "results": results})


@perm_required("privacy.subject_access")
@recent_login_required
def subject_export(request, pk: int, fmt: str = "json"):
    """The answer to a subject-access request: the data as JSON, or the letter as PDF."""
    aggressor = get_object_or_404(Aggressor.objects.visible_to(request.user).active(), pk=pk)
    data = build_export(aggressor)
    audit_log(
        request=request,
        action=AuditEntry.Action.EXPORT,
        obj=aggressor,
        description=texts.SUBJECT_ACCESS_EXPORT(fmt=fmt),
    )
    stamp = timezone.localtime().strftime("%Y%m%d")
    if fmt == "pdf":
        return attachment(
            render_letter(data), filename=f"inzage-{aggressor.pk}-{stamp}.pdf", content_type="application/pdf"
        )
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return attachment(body, filename=f"inzage-{aggressor.pk}-{stamp}.json", content_type="application/json")
