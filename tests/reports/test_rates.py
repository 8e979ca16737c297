"""Incidents per 100 employees, and the beheerder's headcount page (audit-logged)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.urls import reverse

from gir import roles
from gir.models import AuditEntry
from reports.models import Headcount
from reports.services.params import ReportParams
from reports.services.report import build_report
from reports.services.tables import HIDDEN, SMALL, Rate
from tests.factories import UserFactory
from tests.reports import dataset
from tests.reports.dataset import AMS, SPECS

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 12, tzinfo=AMS)


def test_rates_per_department_and_organisation(client):
    data = dataset.build()
    Headcount.objects.create(department=data.departments["a"], year=2025, employees=250)
    Headcount.objects.create(department=data.departments["small"], year=2025, employees=12)
    Headcount.objects.create(department=None, year=2025, employees=800)
    Headcount.objects.create(department=data.departments["b"], year=2024, employees=99)  # other year
    report = build_report(data.coordinator, ReportParams.for_year(2025), now=NOW)
    table = report.table("rates")
    counts = Counter(s["department"] for s in SPECS)
    rows = {r[0]: r[1:] for r in table.rows}
    assert rows["Publiekszaken"][0] == counts["a"]
    assert rows["Publiekszaken"][2] == Rate(counts["a"], 250)
    assert str(rows["Publiekszaken"][2]) == f"{100 * counts['a'] / 250:.1f}".replace(".", ",")
    assert rows["Werk en Inkomen"][1:] == ["–", "–"] or rows["Werk en Inkomen"][2] in (HIDDEN, "–")
    # The small department's 3 incidents are hidden, and so is the rate that would give them back.
    assert rows["Kleine Afdeling"][0] is SMALL
    assert rows["Kleine Afdeling"][2] in (SMALL, HIDDEN)
    assert table.total[1] == len(SPECS)
    assert table.total[3] == Rate(len(SPECS), 800)


def test_no_rate_table_for_a_period_that_is_not_a_year():
    data = dataset.build()
    report = build_report(data.coordinator, ReportParams(dt.date(2025, 1, 1), dt.date(2025, 6, 30)), now=NOW)
    assert report.table("rates") is None


def test_the_beheerder_sets_and_changes_a_headcount_and_both_are_logged(client):
    admin = UserFactory(roles=[roles.MEDEWERKER, roles.BEHEERDER])
    client.force_login(admin)
    url = reverse("reports:headcounts")
    assert client.post(url, {"year": 2025, "employees": 400}).status_code == 302
    assert client.post(url, {"year": 2025, "employees": 420}).status_code == 302
    assert Headcount.objects.get(department=None, year=2025).employees == 420
    entries = list(
        AuditEntry.objects.filter(actor=admin)
        .order_by("at", "pk")
        .values_list("action", "description", "changes")
    )
    description = "aantal medewerkers van de organisatie in 2025"
    assert entries[-2] == (AuditEntry.Action.CREATE, description, {"employees": [None, 400]})
    assert entries[-1] == (AuditEntry.Action.UPDATE, description, {"employees": [400, 420]})


def test_bad_input_is_refused_in_dutch_and_kept(client):
    admin = UserFactory(roles=[roles.MEDEWERKER, roles.BEHEERDER])
    client.force_login(admin)
    response = client.post(reverse("reports:headcounts"), {"year": 2025, "employees": 0})
    assert response.status_code == 200
    assert "minstens 1" in response.content.decode()
    assert 'value="2025"' in response.content.decode()
    assert not Headcount.objects.exists()
