"""Trends, five years side by side: recomputed independently on a small data set (issue 14)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
import time_machine
from django.urls import reverse

from gir import roles
from incidents.models import Incident
from reports.services.params import ReportParams, scoped_incidents
from reports.services.privacy import protect
from reports.services.report import build_report
from reports.services.tables import HIDDEN, SMALL
from reports.services.trend import dashboard_trend, department_trend_table
from tests.factories import DepartmentFactory, UserFactory
from tests.reports.dataset import AMS, _incident

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 8, 15, 12, tzinfo=AMS)
# (department, year, month, day, count): the plain facts the tests compute from.
FACTS = [
    ("noord", 2022, 3, 1, 9),
    ("noord", 2023, 6, 1, 12),
    ("noord", 2024, 2, 1, 3),
    ("noord", 2025, 12, 31, 7),  # 31 December, late evening local: still 2025
    ("noord", 2026, 8, 10, 6),
    ("noord", 2026, 9, 1, 4),  # after NOW: not yet
    ("zuid", 2022, 5, 5, 11),
    ("zuid", 2024, 1, 1, 2),  # 1 January just after midnight local: 2024
    ("zuid", 2025, 7, 7, 13),
    ("zuid", 2026, 1, 2, 17),
    ("zuid", 2021, 12, 31, 8),  # before the five years
]


def _moment(year, month, day):
    hour = 23 if (month, day) == (12, 31) else 0 if (month, day) == (1, 1) else 12
    return dt.datetime(year, month, day, hour, 30, tzinfo=AMS)


@pytest.fixture
def facts():
    departments = {"noord": DepartmentFactory(name="Noord"), "zuid": DepartmentFactory(name="Zuid")}
    reporter = UserFactory(department=departments["noord"], roles=[roles.MEDEWERKER])
    incidents = [
        _incident(f"T-{d[0]}{y}{m:02d}{k:02d}", _moment(y, m, day), departments[d], reporter)
        for d, y, m, day, n in FACTS
        for k in range(n)
    ]
    Incident.objects.bulk_create(incidents)
    coordinator = UserFactory(roles=[roles.MEDEWERKER, roles.COORDINATOR])
    manager = UserFactory(department=departments["zuid"], roles=[roles.MEDEWERKER, roles.LEIDINGGEVENDE])
    departments["zuid"].managers.add(manager)
    return departments, coordinator, manager


def _expected_years(departments: set[str]) -> Counter:
    """Incidents per calendar year up to NOW, in plain Python from FACTS."""
    counts = Counter()
    for d, y, m, day, n in FACTS:
        if d in departments and _moment(y, m, day) <= NOW:
            counts[y] += n
    return counts


def _shown(n: int):
    return SMALL if 0 < n < 5 else n


def test_the_dashboard_trend_is_five_calendar_years_in_scope(facts):
    _departments, coordinator, manager = facts
    expected = _expected_years({"noord", "zuid"})
    table = dashboard_trend(coordinator, NOW)
    assert [r[0] for r in table.rows] == ["2022", "2023", "2024", "2025", "2026 tot nu toe"]
    assert [r[1] for r in table.rows] == [expected[y] for y in range(2022, 2027)]
    own = _expected_years({"zuid"})
    table = dashboard_trend(manager, NOW)
    assert [r[1] for r in table.rows] == [_shown(own[y]) for y in range(2022, 2027)]
    assert table.rows[2][1] is SMALL, "2 incidents in 2024: suppressed for a department's manager"
    assert table.rows[1][1] == 0


def test_the_reports_department_trend_matches_the_facts(facts):
    _departments, coordinator, _manager = facts
    params = ReportParams.for_year(2025)
    table = protect(department_trend_table(scoped_incidents(coordinator), params))
    assert table.columns == ["Afdeling", "2021", "2022", "2023", "2024", "2025"]
    per = {name: values for name, *values in table.rows}

    def facts_of(d):
        return [sum(n for dd, y, _m, _d, n in FACTS if dd == d and y == year) for year in range(2021, 2026)]

    assert facts_of("noord") == [0, 9, 12, 3, 7]
    assert per["Noord"] == [0, 9, 12, SMALL, 7]
    assert per["Zuid"][0] == 8 and per["Zuid"][2] == 0 and per["Zuid"][4] == 13
    assert per["Zuid"][3] is SMALL, "2 in 2024"
    assert HIDDEN not in per["Zuid"] or table.total[4] in (SMALL, HIDDEN)


def test_a_department_manager_never_sees_another_departments_numbers(facts, client):
    _departments, _coordinator, manager = facts
    with time_machine.travel(NOW, tick=False):
        report = build_report(manager, ReportParams.for_year(2025))
        client.force_login(manager)
        html = client.get(reverse("reports:dashboard")).content.decode()
    table = report.table("trend_departments")
    assert [r[0] for r in table.rows] == ["Zuid"]
    assert table.rows[0][1:] == [8, 11, 0, SMALL, 13]
    assert report.table("trend").rows[-1][1] == 13, "the report's five-year total is Zuid's only"
    assert "Noord" not in html
    trend = html.split('id="trend-heading-dashboard"', 1)[1].split("</section>", 1)[0]
    numbers = {int(n) for n in re.findall(r">\s*(\d+)\s*<", trend)}
    noord_only = {9, 12, 7, 6}
    assert not numbers & noord_only, numbers
    assert {11, 13, 17} <= numbers
