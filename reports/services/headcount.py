"""Employees per year (for incidents per 100 employees): the beheerder's one write, audit-logged."""

from __future__ import annotations

from django.db import transaction

from gir import audit_texts as texts
from gir.audit import audit_log
from gir.models import AuditEntry
from reports.models import Headcount


def headcount_set(*, request, department, year: int, employees: int) -> Headcount:
    """Create or change the number for (department or organisation, year), logging before and after."""
    with transaction.atomic():
        # No ordering: the default one joins departments, and PostgreSQL cannot lock an outer join.
        row = (
            Headcount.objects.select_for_update()
            .filter(department=department, year=year)
            .order_by("pk")
            .first()
        )
        before = row.employees if row else None
        if row is None:
            row = Headcount.objects.create(department=department, year=year, employees=employees)
        else:
            row.employees = employees
            row.save(update_fields=["employees"])
        audit_log(
            request=request,
            action=AuditEntry.Action.CREATE if before is None else AuditEntry.Action.UPDATE,
            obj=row,
            description=(
                texts.HEADCOUNT_DEPARTMENT(department=department.pk, year=year)
                if department
                else texts.HEADCOUNT_ORGANISATION(year=year)
            ),
            changes={"employees": [before, employees]},
        )
    return row


def headcounts_for_year(year: int) -> dict[int | None, int]:
    """``{department id or None (organisation): employees}`` for one year."""
    return dict(Headcount.objects.filter(year=year).values_list("department_id", "employees"))
