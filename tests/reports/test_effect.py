"""Effect of measures: every figure against a plain-Python computation from the specs below."""

from __future__ import annotations

import datetime as dt
import statistics

import pytest

from gir import roles
from incidents.models import Aggressor, Incident, IncidentAggressor
from reports.services import effect as effect_module
from reports.services.effect import KINDS, WINDOWS, ban_effect, measure_effect
from reports.services.params import ReportParams
from reports.services.report import build_report
from reports.services.tables import Amount, Share
from sanctions.constants import MeasureStatus, MeasureType
from sanctions.models import Ban, Measure
from tests.factories import DepartmentFactory, UserFactory
from tests.reports.dataset import AMS, _incident

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 12, tzinfo=AMS)
PARAMS = ReportParams.for_year(2025)


def at(y, m, d, h=10):
    return dt.datetime(y, m, d, h, tzinfo=AMS)


# aggressor: incidents (local times); measures: (type, decided_at, status, starts_on, ends_on)
SPECS = {
    "A": ([at(2025, 1, 30), at(2025, 3, 1)], [(MeasureType.WRITTEN_WARNING, at(2025, 2, 1), "besloten")]),
    "B": ([at(2025, 2, 28), at(2025, 10, 1)], [(MeasureType.VERBAL_WARNING, at(2025, 3, 1), "besloten")]),
    "C": ([at(2025, 3, 31)], [(MeasureType.ORDEGESPREK, at(2025, 4, 1), "besloten")]),
    "D": (
        [at(2025, 4, 30), at(2025, 6, 15), at(2025, 9, 15)],
        [(MeasureType.BAN, at(2025, 5, 1), "besloten", dt.date(2025, 5, 2), dt.date(2025, 8, 1))],
    ),
    "E": ([at(2025, 10, 31), at(2026, 1, 10)], [(MeasureType.AANGIFTE, at(2025, 11, 1), "uitgevoerd")]),
    "F": ([at(2025, 6, 1), at(2025, 6, 21)], []),
    "G": ([at(2025, 12, 20)], []),
    "H": ([at(2025, 6, 30), at(2025, 7, 20)], [(MeasureType.WRITTEN_WARNING, at(2025, 7, 1), "ingetrokken")]),
    "J": ([at(2024, 5, 1), at(2024, 6, 1)], [(MeasureType.WRITTEN_WARNING, at(2024, 5, 2), "besloten")]),
}


@pytest.fixture
def data():
    department = DepartmentFactory(name="Publiekszaken")
    coordinator = UserFactory(roles=[roles.MEDEWERKER, roles.COORDINATOR])
    for key, (moments, measures) in SPECS.items():
        aggressor = Aggressor.objects.create(last_name=f"Dader{key}", is_identified=True)
        incidents = Incident.objects.bulk_create(
            [_incident(f"E-{key}-{i}", moment, department, coordinator) for i, moment in enumerate(moments)]
        )
        IncidentAggressor.objects.bulk_create(
            [IncidentAggressor(incident=inc, aggressor=aggressor) for inc in incidents]
        )
        for type_, decided, status, *period in measures:
            measure = Measure.objects.create(
                type=type_,
                aggressor=aggressor,
                decided_by=coordinator,
                reason="Besluit",
                decided_at=decided,
                status=status,
                starts_on=period[0] if period else None,
                ends_on=period[1] if period else None,
            )
            measure.incidents.add(incidents[0])
            if type_ == MeasureType.BAN:
                Ban.objects.create(measure=measure, served_on=period[0])
    return coordinator


def expected_for(refs: dict) -> dict:
    """Plain Python: per aggressor (reference moment), the first later incident and the windows."""
    gaps = {}
    for key, ref in refs.items():
        later = [m for m in SPECS[key][0] if m > ref]
        gaps[key] = (min(later) - ref) if later else None
    out = {"n": len(refs), "returned": sum(g is not None for g in gaps.values())}
    for name, days in WINDOWS:
        followed = [k for k, ref in refs.items() if ref <= NOW - dt.timedelta(days=days)]
        out[f"{name}_followed"] = len(followed)
        out[f"{name}_back"] = sum(
            1 for k in followed if gaps[k] is not None and gaps[k] <= dt.timedelta(days=days)
        )
    days_list = [g.total_seconds() / 86400 for g in gaps.values() if g is not None]
    out["median_days"] = round(statistics.median(days_list)) if days_list else None
    return out


def refs_for(types) -> dict:
    refs = {}
    for key, (_moments, measures) in SPECS.items():
        decided = [
            m[1]
            for m in measures
            if m[0] in types and m[2] != MeasureStatus.REVOKED and PARAMS.start <= m[1] < PARAMS.end
        ]
        if decided:
            refs[key] = min(decided)
    return refs


@pytest.fixture(params=["sql", "orm"])
def computed(request, monkeypatch):
    """Both forms of the computation: PostgreSQL's one query and the portable ORM form."""
    if request.param == "orm":
        monkeypatch.setattr(effect_module, "_followed", effect_module._followed_orm)
    return request.param


def test_each_kind_of_measure_against_plain_python(data, computed):
    effect = measure_effect(Incident.objects.all(), PARAMS, NOW)
    for kind in KINDS:
        assert effect[kind.key] == expected_for(refs_for(kind.types)), kind.key


def test_no_measure_counts_aggressors_of_the_period_without_a_live_measure(data, computed):
    with_measure = set()
    for kind in KINDS:
        with_measure |= set(refs_for(kind.types))
    refs = {
        key: min(m for m in moments if PARAMS.start <= m < PARAMS.end)
        for key, (moments, _measures) in SPECS.items()
        if key not in with_measure and any(PARAMS.start <= m < PARAMS.end for m in moments)
    }
    assert set(refs) == {"F", "G", "H"}  # H's warning was revoked; J is outside the period
    effect = measure_effect(Incident.objects.all(), PARAMS, NOW)
    assert effect["none"] == expected_for(refs)


def test_ban_during_and_after(data):
    b = ban_effect(Incident.objects.all(), PARAMS, NOW)
    moments = SPECS["D"][0]
    start, end = dt.date(2025, 5, 2), dt.date(2025, 8, 1)
    during = any(start <= m.date() <= end for m in moments)
    after = min(m for m in moments if m.date() > end)
    assert b["n"] == 1 and b["during"] == int(during)
    for name, days in WINDOWS:
        followed = end <= NOW.date() - dt.timedelta(days=days)
        assert b[f"{name}_followed"] == int(followed)
        assert b[f"{name}_back"] == int(followed and after.date() <= end + dt.timedelta(days=days))


def test_the_report_shows_the_effect_table_with_shares_and_medians(data):
    report = build_report(data, PARAMS, now=NOW)
    table = report.table("effect")
    warning = table.rows[0]
    exp = expected_for(refs_for(KINDS[0].types))
    assert warning[1] == exp["n"]
    assert warning[2] == Share(exp["m3_back"], exp["m3_followed"])
    # A median of fewer than five returns is hidden in every report.
    assert isinstance(warning[5], Amount) is False
    assert report.table("ban_effect").rows[0][1] == Share(1, 1)
    assert "oorzaak en gevolg" in table.note
