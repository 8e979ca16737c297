"""The deadline overview: every open deadline of the cases a user handles (a selector).

The coordinator sees all of them, a manager those of their own departments. Each row links to
the page where the deadline is met (``DeadlineKind.url``); overdue ones come first because the
list is sorted by due time. Filters carry no personal data (kind, department, owner id, overdue).
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gir.dateinput import dutch_date_kwargs
from gir.models import Deadline, Department, User
from gir.registry import describe_deadlines, registry
from incidents.models import Incident

MAX_ROWS = 500


class DeadlineFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort termijn"), required=False)
    department = forms.ModelChoiceField(
        label=_("Afdeling"), queryset=Department.objects.none(), required=False, empty_label=_("Alle")
    )
    owner = forms.ModelChoiceField(
        label=_("Wie moet het doen"), queryset=User.objects.none(), required=False, empty_label=_("Iedereen")
    )
    due_until = forms.DateField(label=_("Uiterlijk op of voor"), required=False, **dutch_date_kwargs())
    overdue = forms.BooleanField(label=_("Alleen te laat"), required=False)

    def __init__(self, *args, incidents, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = sorted((code, str(kind.label)) for code, kind in registry.deadline_kinds.items())
        self.fields["kind"].choices = [("", _("Alle")), *kinds]
        self.fields["department"].queryset = Department.objects.filter(
            pk__in=incidents.values("department_id")
        ).order_by("name")
        open_ones = Deadline.objects.open().filter(incident_id__in=incidents.values("pk"))
        self.fields["owner"].queryset = User.objects.filter(pk__in=open_ones.values("owner_id")).order_by(
            "first_name", "last_name"
        )


def _filtered(deadlines, incidents, data: dict, now):
    if data.get("kind"):
        deadlines = deadlines.filter(kind=data["kind"])
    if data.get("department"):
        deadlines = deadlines.filter(
            incident_id__in=incidents.filter(department=data["department"]).values("pk")
        )
    if data.get("owner"):
        deadlines = deadlines.filter(owner=data["owner"])
    if data.get("due_until"):
        deadlines = deadlines.filter(due_at__date__lte=data["due_until"])  # in Europe/Amsterdam
    if data.get("overdue"):
        deadlines = deadlines.overdue(now)
    return deadlines


def deadline_overview(user, params) -> dict:
    """The filter form and the rows for this user's deadline overview."""
    now = timezone.now()
    incidents = Incident.objects.managed_by(user)
    form = DeadlineFilterForm(params or None, incidents=incidents)
    data = form.cleaned_data if form.is_valid() else {}
    deadlines = Deadline.objects.open().filter(incident_id__in=incidents.values("pk")).select_related("owner")
    deadlines = list(_filtered(deadlines, incidents, data, now).order_by("due_at", "pk")[:MAX_ROWS])
    texts = describe_deadlines(deadlines)
    by_pk = incidents.select_related("department").in_bulk({d.incident_id for d in deadlines})
    rows = []
    for deadline in deadlines:
        text = texts[deadline.pk]
        incident = by_pk.get(deadline.incident_id)
        rows.append(
            {
                "deadline": deadline,
                "label": text.label,
                "url": text.url,
                "incident": incident,
                "overdue": deadline.due_at < now,
            }
        )
    return {"form": form, "rows": rows, "now": now, "overdue_count": sum(r["overdue"] for r in rows)}
