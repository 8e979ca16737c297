"""The reports' demo: five years of history with Dutch names and handlers, and the logo."""

import datetime as dt

import pytest
import time_machine
from PIL import Image

from gir import demo as core_demo
from gir.models import Organisation
from incidents.models import Aggressor, Incident
from reports.history_demo import seed_history
from reports.services.params import LOCAL_TZ

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=LOCAL_TZ), tick=False)
def test_the_history_has_five_years_dutch_names_and_a_handler_for_every_incident():
    core_demo._organisation()
    core_demo._locations()
    seed_history({"users": core_demo._users()})
    history = Incident.objects.filter(aggressor_links__aggressor__client_number__startswith="DEMO-H-")
    years = {at.astimezone(LOCAL_TZ).year for at in history.values_list("occurred_at", flat=True)}
    assert years == {2022, 2023, 2024, 2025, 2026}
    per_year = [history.filter(occurred_at__year=y).count() for y in sorted(years - {2026})]
    assert len(set(per_year)) > 1, "the trend is not flat"
    assert not history.filter(handler__isnull=True).exists()
    names = Aggressor.objects.filter(client_number__startswith="DEMO-H-")
    assert not names.filter(last_name__icontains="historie").exists()
    assert names.values("last_name").distinct().count() >= 20
    assert all(
        initials[0].isupper() and initials.endswith(".")
        for initials in names.values_list("initials", flat=True)
    )


def test_the_demo_organisation_has_a_logo_that_pillow_opens():
    core_demo._organisation()
    logo = Organisation.get().logo
    with logo.open("rb") as handle:
        image = Image.open(handle)
        assert image.format == "PNG" and image.width > image.height


@time_machine.travel(dt.datetime(2026, 11, 30, 12, tzinfo=LOCAL_TZ), tick=False)
def test_every_history_year_has_deadlines_mostly_on_time_and_all_closed():
    from django.db.models import F

    from gir.models import Deadline
    from reports.services.params import ReportParams
    from reports.services.report import build_report

    core_demo._organisation()
    core_demo._locations()
    users = core_demo._users()
    seed_history({"users": users})
    assert not Deadline.objects.filter(closed_at__isnull=True).exists(), "history adds no tasks"
    kinds = ["incident_reaction", "aftercare_talk_1", "aftercare_talk_2", "aftercare_talk_3"]
    for year in range(2022, 2027):
        in_year = Incident.objects.filter(
            occurred_at__gte=dt.datetime(year, 1, 1, tzinfo=LOCAL_TZ),
            occurred_at__lt=dt.datetime(year + 1, 1, 1, tzinfo=LOCAL_TZ),
        )
        rows = Deadline.objects.filter(incident_id__in=in_year.values("pk"))
        report = build_report(users["coordinator"], ReportParams.for_year(year))
        table = {row[0]: row[1:] for row in report.table("deadlines").rows}
        for label, kind in zip(table, kinds, strict=True):
            of_kind = rows.filter(kind=kind)
            on_time = of_kind.filter(closed_at__lte=F("due_at")).count()
            late = of_kind.filter(closed_at__gt=F("due_at")).count()
            assert on_time > 2 * late > 0, (year, kind, on_time, late)
            total, shown_on_time, shown_late, overdue, pending, _share = table[label]
            assert (total, shown_on_time, shown_late, overdue, pending) == (
                on_time + late,
                on_time,
                late,
                0,
                0,
            ), (year, kind)
        reactions = rows.filter(kind="incident_reaction").count()
        assert reactions == in_year.count(), "every history incident had its 48-hour reaction"
